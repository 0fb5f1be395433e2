import {
  createOmnichannel,
  type MicrosoftOmnichannel,
  type Omnichannel,
  type OmnichannelOptions,
  toMicrosoftOmnichannel,
  type Workspace,
} from '../index.js';
import { createEmulatorChannel } from './channel.js';
import type { OrgEmulator } from './emulator/emulator.js';

/** Options of {@link installFakeOmnichannel}. */
export interface FakeOmnichannelOptions {
  /** The org the fake API reads and writes. */
  emulator: OrgEmulator;
  /**
   * The org URL the fake client uses (requests never leave the process).
   * @default 'https://contoso.crm.dynamics.com'
   */
  orgUrl?: string;
  /**
   * The signed-in agent.
   * @default the emulator's `currentUserId`
   */
  agentId?: string;
  /**
   * The conversation whose session is open and focused at the start, which
   * `getConversationId()` resolves with; `null` for none (Home focused).
   * @default the seed data's active conversation
   */
  focusedConversationId?: string | null;
  /** Where to define `Microsoft.Omnichannel`. @default globalThis */
  target?: object;
  /** More client options (telemetry, retry, workspace) for the client behind the fake. */
  client?: Omit<OmnichannelOptions, 'orgUrl' | 'fetch' | 'agentId' | 'host'>;
}

/** The fake `Microsoft.Omnichannel`: the product's six methods, backed by an emulated org. */
export type FakeOmnichannelApi = MicrosoftOmnichannel;

/** An installed fake; `uninstall()` restores what was there before. */
export interface InstalledFakeOmnichannel {
  /** The object defined as `Microsoft.Omnichannel`. */
  api: FakeOmnichannelApi;
  /** The SDK client behind it, talking to the emulator (its `workspace` holds the sessions). */
  client: Omnichannel;
  /** The client's workspace: open sessions, drafts, unread counts, to assert on. */
  workspace: Workspace;
  /** The org the fake reads and writes (what `installFakeXrm` checks it shares). */
  emulator: OrgEmulator;
  /**
   * Focuses a conversation's session, opening it when none is open (`null`: the Home session),
   * as the agent clicking in the session panel would.
   */
  focus(conversationId: string | null): void;
  /** Removes the fake and restores any previous `Microsoft` global. */
  uninstall(): void;
}

/**
 * Defines `Microsoft.Omnichannel` backed by an emulated org and a built-in workspace, so a form
 * script written against the real API runs unchanged in a jsdom test: all six methods work.
 * Requests go straight to `emulator.handle` (no network, no MSW needed) and appear in
 * `emulator.requests`; messages sent with `sendMessageToConversation(…, false)` land in
 * `emulator.messages`.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const fake = installFakeOmnichannel({ emulator: org });
 * await myFormScript.onLoad(); // calls Microsoft.Omnichannel.linkToConversation(...)
 * fake.uninstall();
 * ```
 */
export function installFakeOmnichannel(options: FakeOmnichannelOptions): InstalledFakeOmnichannel {
  const { emulator } = options;
  const client = createOmnichannel({
    messageChannel: createEmulatorChannel(emulator),
    ...options.client,
    orgUrl: options.orgUrl ?? 'https://contoso.crm.dynamics.com',
    agentId: options.agentId ?? emulator.currentUserId,
    // The fake is the host: the client must not look for another Microsoft.Omnichannel.
    host: 'builtin',
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  });
  const { workspace } = client;
  const focus = (conversationId: string | null) => {
    if (conversationId === null) workspace.focus('home');
    else workspace.open({ kind: 'conversation', conversationId, title: titleOf(emulator, conversationId), focus: true });
  };
  const initial =
    options.focusedConversationId === undefined ? (emulator.seedData?.activeConversationId ?? null) : options.focusedConversationId;
  focus(initial);

  const api = toMicrosoftOmnichannel(client);
  const target = (options.target ?? globalThis) as { Microsoft?: Record<string, unknown> };
  const hadMicrosoft = Object.prototype.hasOwnProperty.call(target, 'Microsoft');
  const previous = target.Microsoft;
  // A new object: the host's own `Microsoft` (Apm, CIFramework stand-ins) stays untouched for uninstall.
  target.Microsoft = { ...(previous ?? {}), Omnichannel: api };

  return {
    api,
    client,
    workspace,
    emulator,
    focus,
    uninstall() {
      client.dispose();
      if (hadMicrosoft) target.Microsoft = previous;
      else delete target.Microsoft;
    },
  };
}

/** The session title the product would show: the linked contact's or account's name, or the case title. */
function titleOf(emulator: OrgEmulator, conversationId: string): string | undefined {
  const conversation = emulator.store.get('msdyn_ocliveworkitem', conversationId);
  if (!conversation) return undefined;
  const customerId = conversation._msdyn_customer_value as string | null | undefined;
  const customerTable = conversation['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] as string | undefined;
  const customer = customerId && customerTable ? emulator.store.get(customerTable, customerId) : undefined;
  const issueId = conversation._msdyn_issueid_value as string | null | undefined;
  const incident = issueId ? emulator.store.get('incident', issueId) : undefined;
  return (customer?.fullname ?? customer?.name ?? incident?.title ?? undefined) as string | undefined;
}
