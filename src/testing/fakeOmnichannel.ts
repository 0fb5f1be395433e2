import {
  type GetConversationsInput,
  type OmnichannelClient,
  type OmnichannelOptions,
  createOmnichannel,
  OmnichannelError,
  type ConversationRecord,
} from '../index.js';
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
   * The conversation of the focused session, which `getConversationId()` resolves with;
   * `null` for none (the Home session).
   * @default the seed data's active conversation
   */
  focusedConversationId?: string | null;
  /** Where to define `Microsoft.Omnichannel`. @default globalThis */
  target?: object;
  /** More client options (telemetry, retry) for the client behind the fake. */
  client?: Omit<OmnichannelOptions, 'orgUrl' | 'fetch' | 'agentId'>;
}

/** The fake `Microsoft.Omnichannel` object: the product's signatures, backed by an emulated org. */
export interface FakeOmnichannelApi {
  /** As `Microsoft.Omnichannel.getConversations(input, correlationId)`. */
  getConversations(input: GetConversationsInput | string, correlationId?: string): Promise<ConversationRecord[]>;
  /** As `Microsoft.Omnichannel.getConversationId()`: the focused session's conversation. */
  getConversationId(): Promise<string>;
}

/** An installed fake; `uninstall()` restores what was there before. */
export interface InstalledFakeOmnichannel {
  /** The object defined as `Microsoft.Omnichannel`. */
  api: FakeOmnichannelApi;
  /** The SDK client behind it, talking to the emulator. */
  client: OmnichannelClient;
  /** Moves focus to another conversation (`null`: the Home session). */
  focus(conversationId: string | null): void;
  /** Removes the fake and restores any previous `Microsoft` global. */
  uninstall(): void;
}

/**
 * Defines `Microsoft.Omnichannel` backed by an emulated org, so a form script written
 * against the real API runs unchanged in a jsdom test. Requests go straight to
 * `emulator.handle` (no network, no MSW needed) and appear in `emulator.requests`.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const fake = installFakeOmnichannel({ emulator: org });
 * await myFormScript.onLoad(); // calls Microsoft.Omnichannel.getConversations(...)
 * fake.uninstall();
 * ```
 */
export function installFakeOmnichannel(options: FakeOmnichannelOptions): InstalledFakeOmnichannel {
  const { emulator } = options;
  const client = createOmnichannel({
    ...options.client,
    orgUrl: options.orgUrl ?? 'https://contoso.crm.dynamics.com',
    agentId: options.agentId ?? emulator.currentUserId,
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  });
  let focused =
    options.focusedConversationId === undefined ? (emulator.seedData?.activeConversationId ?? null) : options.focusedConversationId;

  const api: FakeOmnichannelApi = {
    getConversations: (input, correlationId) => client.getConversations(input, correlationId),
    getConversationId: () =>
      focused === null
        ? Promise.reject(new OmnichannelError('Unsupported', 'The focused session has no conversation (Home session).'))
        : Promise.resolve(focused),
  };

  const target = (options.target ?? globalThis) as { Microsoft?: Record<string, unknown> };
  const hadMicrosoft = Object.prototype.hasOwnProperty.call(target, 'Microsoft');
  const previous = target.Microsoft;
  // A new object: the host's own `Microsoft` (Apm, CIFramework stand-ins) stays untouched for uninstall.
  target.Microsoft = { ...(previous ?? {}), Omnichannel: api };

  return {
    api,
    client,
    focus(conversationId) {
      focused = conversationId;
    },
    uninstall() {
      if (hadMicrosoft) target.Microsoft = previous;
      else delete target.Microsoft;
    },
  };
}
