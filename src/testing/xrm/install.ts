/**
 * `installFakeXrm`: an `Xrm` whose `WebApi` talks to the org emulator, with a global context for
 * its signed-in user and recorders for the UI calls a form script makes, so a form script runs
 * unchanged in a test. On top of an existing `Xrm` (xrm-mock's, a hand-made one) it adds these
 * parts and leaves the rest (`Xrm.Page`, form contexts) as it was.
 */
import { OmnichannelError, tableByLogicalName } from '../../index.js';
import type { OrgEmulator } from '../emulator/emulator.js';
import { organizationId } from '../emulator/orgIdentity.js';
import type { InstalledFakeOmnichannel } from '../fakeOmnichannel.js';
import { createGlobalContext } from './globalContext.js';
import type { FakeXrm, XrmAlertStrings, XrmEntityFormOptions, XrmWebApi } from './types.js';
import { createWebApi } from './webApi.js';

/** Options of {@link installFakeXrm}. */
export interface FakeXrmOptions {
  /** The org `Xrm.WebApi` reads and writes. */
  emulator: OrgEmulator;
  /**
   * The fake `Microsoft.Omnichannel` installed beside it: `Microsoft.Apm` then reports its
   * workspace's focused session, and both must use the same emulator.
   */
  omnichannel?: InstalledFakeOmnichannel;
  /** Where to define `Xrm` (and `Microsoft.Apm`). @default globalThis */
  target?: object;
  /**
   * The org URL (`getClientUrl()`), without a trailing slash; requests go to `<orgUrl>/api/data/v9.2/`.
   * @default 'https://contoso.crm.dynamics.com'
   */
  orgUrl?: string;
  /**
   * The signed-in user: id, name and security roles.
   * @default the emulator's `currentUserId`, its `fullname`, and no roles
   */
  user?: { id?: string; name?: string; roles?: readonly { id: string; name: string }[] };
  /** `organizationSettings.uniqueName`. @default 'contoso' */
  uniqueName?: string;
  /**
   * The tables in the user's mobile offline profile: `Xrm.WebApi.isAvailableOffline` says yes for
   * them, and `Xrm.WebApi.offline` refuses every other table.
   * @default none
   */
  offlineTables?: readonly string[];
  /**
   * How requests are sent. By default straight to `emulator.handle` (no network, no MSW); give
   * `fetch` to go through MSW handlers or the loopback server instead.
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** What the fake recorded of the UI calls a script made, oldest first. */
export interface XrmRecorders {
  /** `Xrm.Navigation.openForm(options, parameters)` calls. */
  openedForms: { options: XrmEntityFormOptions; parameters: Record<string, unknown> | undefined }[];
  /** `Xrm.Navigation.openAlertDialog(strings, options)` calls. */
  alerts: { strings: XrmAlertStrings; options: { height?: number; width?: number } | undefined }[];
  /** `showProgressIndicator(message)` (a string) and `closeProgressIndicator()` (`null`) calls. */
  progress: (string | null)[];
  /** `Microsoft.Apm.refreshTab(tabId)` calls, with the workspace session focused at the time when the fake Omnichannel is given. */
  refreshedTabs: { tabId: string; sessionId: string | undefined }[];
}

/** An installed fake `Xrm`; `uninstall()` restores what was there before. */
export interface InstalledFakeXrm {
  /** The object defined as `Xrm` (on top of the previous one, when there was one). */
  xrm: FakeXrm;
  /** `xrm.WebApi`. */
  webApi: XrmWebApi;
  /** What the script's UI calls were. */
  recorded: XrmRecorders;
  /** Whether a progress indicator is showing (shown and not closed since). */
  readonly progressShowing: boolean;
  /** Removes the fake: `Xrm` and `Microsoft.Apm` are what they were before. */
  uninstall(): void;
}

type Globals = { Xrm?: unknown; Microsoft?: Record<string, unknown> };

/**
 * Defines `Xrm` backed by an emulated org: `Xrm.WebApi` (and `.online`) send real Web API
 * requests to it, `Xrm.WebApi.offline` sends the same requests after the mobile offline rules
 * (for the `offlineTables` only), `Xrm.Utility.getGlobalContext()` describes its signed-in agent, and
 * `Xrm.Navigation.openForm`, `openAlertDialog`, `Xrm.Utility.showProgressIndicator` and
 * `Microsoft.Apm.refreshTab` are recorded in `recorded`. An `Xrm` already there (xrm-mock's
 * `XrmMockGenerator.initialise()`) stays underneath: its form fakes answer as before.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const xrm = installFakeXrm({ emulator: org });
 * const { entities } = await Xrm.WebApi.retrieveMultipleRecords('account', '?$select=name');
 * xrm.uninstall();
 * ```
 */
export function installFakeXrm(options: FakeXrmOptions): InstalledFakeXrm {
  const { emulator } = options;
  if (!emulator || typeof emulator.handle !== 'function')
    throw new OmnichannelError('InvalidInput', 'installFakeXrm: options.emulator must be an org emulator (createOrgEmulator()).');
  if (options.omnichannel && options.omnichannel.emulator !== emulator)
    throw new OmnichannelError(
      'InvalidInput',
      'installFakeXrm: options.omnichannel was installed on another emulator; give both the same one.',
    );
  const orgUrl = (options.orgUrl ?? 'https://contoso.crm.dynamics.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(orgUrl))
    throw new OmnichannelError('InvalidInput', `installFakeXrm: options.orgUrl must be an http(s) URL, got '${orgUrl}'.`);
  const userId = options.user?.id ?? emulator.currentUserId;
  if (!userId)
    throw new OmnichannelError('InvalidInput', 'installFakeXrm: options.user.id is needed when the emulator has no currentUserId.');
  const userName = options.user?.name ?? String(emulator.store.get('systemuser', userId.replace(/^\{|\}$/g, ''))?.fullname ?? '');

  const recorded: XrmRecorders = { openedForms: [], alerts: [], progress: [], refreshedTabs: [] };
  const webApi = createWebApi({
    fetch: options.fetch ?? ((input, init) => emulator.handle(new Request(input, init))),
    apiRoot: `${orgUrl}/api/data/v9.2/`,
    setNameOf: (name) => tableByLogicalName(name)?.entitySetName ?? name,
    offlineTables: new Set(options.offlineTables ?? []),
  });
  const context = createGlobalContext({
    orgUrl,
    userId,
    userName,
    roles: options.user?.roles ?? [],
    organizationId,
    uniqueName: options.uniqueName ?? 'contoso',
    languageId: 1033,
  });

  const target = (options.target ?? globalThis) as Globals;
  const hadXrm = Object.prototype.hasOwnProperty.call(target, 'Xrm');
  const previousXrm = target.Xrm as Record<string, unknown> | undefined;
  // Inherit from the existing Xrm (and its Utility, Navigation): its own members, prototype methods included, still answer.
  const inherit = (base: unknown) => (typeof base === 'object' && base !== null ? Object.create(base) : {}) as Record<string, unknown>;
  const utility = Object.assign(inherit(previousXrm?.Utility), {
    getGlobalContext: () => context,
    getEntitySetName: (name: string) => tableByLogicalName(name)?.entitySetName ?? name,
    showProgressIndicator: (message: string) => void recorded.progress.push(String(message)),
    closeProgressIndicator: () => void recorded.progress.push(null),
  });
  const navigation = Object.assign(inherit(previousXrm?.Navigation), {
    openForm: async (formOptions: XrmEntityFormOptions, parameters?: Record<string, unknown>) => {
      if (typeof formOptions?.entityName !== 'string' || formOptions.entityName === '')
        throw new OmnichannelError('InvalidInput', 'openForm: entityFormOptions.entityName is required.');
      recorded.openedForms.push({ options: formOptions, parameters });
      return { savedEntityReference: [] };
    },
    openAlertDialog: async (strings: XrmAlertStrings, size?: { height?: number; width?: number }) => {
      if (typeof strings?.text !== 'string') throw new OmnichannelError('InvalidInput', 'openAlertDialog: alertStrings.text is required.');
      recorded.alerts.push({ strings, options: size });
    },
  });
  const xrm = Object.assign(inherit(previousXrm), { WebApi: webApi, Utility: utility, Navigation: navigation }) as unknown as FakeXrm;
  target.Xrm = xrm;

  const hadMicrosoft = Object.prototype.hasOwnProperty.call(target, 'Microsoft');
  const previousMicrosoft = target.Microsoft;
  const apm = Object.assign(inherit(previousMicrosoft?.Apm), {
    refreshTab: (tabId: string) => {
      recorded.refreshedTabs.push({ tabId: String(tabId), sessionId: options.omnichannel?.workspace.focused.id });
    },
  });
  const microsoft = { ...(previousMicrosoft ?? {}), Apm: apm };
  target.Microsoft = microsoft;

  return {
    xrm,
    webApi,
    recorded,
    get progressShowing() {
      return recorded.progress.length > 0 && recorded.progress[recorded.progress.length - 1] !== null;
    },
    uninstall() {
      if (target.Xrm === xrm) {
        if (hadXrm) target.Xrm = previousXrm;
        else delete target.Xrm;
      }
      if (target.Microsoft === microsoft) {
        if (hadMicrosoft) target.Microsoft = previousMicrosoft;
        else delete target.Microsoft;
      } else if (target.Microsoft?.Apm === apm) {
        // Another fake (Microsoft.Omnichannel) replaced Microsoft on top of ours: take only Apm back.
        if (previousMicrosoft?.Apm === undefined) delete target.Microsoft.Apm;
        else target.Microsoft.Apm = previousMicrosoft.Apm;
      }
    },
  };
}
