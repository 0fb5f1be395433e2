import { type ApiContext, type CorrelationIdOrOptions } from './api/call.js';
import { getConversationId } from './api/getConversationId.js';
import { type GetConversationsInput, getConversations, iterateConversations } from './api/getConversations.js';
import { type ConversationLink, linkToConversation, unlinkFromConversation } from './api/linkToConversation.js';
import { openConversation } from './api/openConversation.js';
import { type SentMessage, sendMessageToConversation } from './api/sendMessageToConversation.js';
import { type AccessTokenProvider, createTokenCache } from './http/auth.js';
import { findXrm } from './http/context.js';
import { findHostOmnichannel } from './http/host.js';
import { invalidInput, optionalFunction } from './http/errors.js';
import { type RetryOptions, resolveRetryPolicy } from './http/retry.js';
import { maxTimerDelayMs } from './http/timers.js';
import type { TelemetryListener } from './http/telemetry.js';
import { createTransport } from './http/transport.js';
import { guid, preview } from './odata/literals.js';
import type { ConversationRecord } from './schema/conversation.js';
import type { MessageChannel } from './workspace/channel.js';
import type { RichMessage } from './workspace/messages.js';
import type { WorkspaceSession } from './workspace/session.js';
import { Workspace, type WorkspaceOptions } from './workspace/workspace.js';

/** Options of {@link createOmnichannel}. */
export interface OmnichannelOptions {
  /**
   * The org's URL, e.g. `https://contoso.crm.dynamics.com` (an on-premises org may have a
   * path: `https://server/contoso`). Requests go to `<orgUrl>/api/data/v<apiVersion>/`.
   * @default `Xrm.Utility.getGlobalContext().getClientUrl()` when `Xrm` is reachable on
   * this window, its parent or the top window; required otherwise.
   */
  orgUrl?: string;
  /**
   * Dataverse Web API version.
   * @default '9.2'
   */
  apiVersion?: string;
  /**
   * Returns a bearer token for the org; sets `Authorization: Bearer <token>`. Tokens are
   * cached until two minutes before they expire, concurrent requests share one refresh,
   * and a 401 triggers one refresh and one retry.
   * @default none: the browser's same-origin session cookie authenticates (inside Dynamics 365)
   */
  getAccessToken?: AccessTokenProvider;
  /**
   * The signed-in agent's systemuser id, used when `getConversations` input has no agentId.
   * @default `Xrm.Utility.getGlobalContext().userSettings.userId` (braces removed) inside Dynamics 365
   */
  agentId?: string;
  /**
   * The fetch implementation.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds one HTTP attempt may take before it is abandoned (and retried when safe);
   * also how long `getAccessToken` may take before the call fails with `Unauthorized`.
   * At most 2147483647 (2^31−1, the longest wait `setTimeout` can hold).
   * @default 30000
   */
  timeoutMs?: number;
  /** Retry policy for throttling (429), gateway errors (502–504), network errors and timeouts. */
  retry?: RetryOptions;
  /** Receives a telemetry event per request, response, retry and failure. */
  onTelemetry?: TelemetryListener;
  /**
   * Clock in epoch milliseconds, for date filters and Retry-After dates. For tests.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Who serves the UI-bound methods (`getConversationId`, `openConversation`,
   * `sendMessageToConversation`, and the focused conversation the others default to):
   * `'auto'` delegates to the product's `Microsoft.Omnichannel` when one is reachable on this
   * window, its parent or top (looked up at each call), and uses the built-in workspace
   * otherwise; `'builtin'` always uses the built-in workspace.
   * @default 'auto'
   */
  host?: 'auto' | 'builtin';
  /**
   * Options of the built-in agent workspace (`client.workspace`): sentiment threshold,
   * session limit, close confirmation, persistent-chat workstreams.
   */
  workspace?: WorkspaceOptions;
  /**
   * Carries chat messages outside the product: `sendMessageToConversation(message, false)`
   * sends through it, and the customers' messages it delivers reach `client.workspace`.
   * @default none: sending to a conversation is `Unsupported` outside the product
   */
  messageChannel?: MessageChannel;
}

/** Builds a client; set by the class's static block, so the constructor stays private. */
let construct: (orgUrl: string, webApiUrl: string, api: ApiContext, disposers: (() => void)[]) => OmnichannelClient;
/** Reads a client's wiring; set by the class's static block. */
let contextOf: (client: OmnichannelClient) => ApiContext;

/**
 * The wiring of a client, for the capabilities an entry adds to it (records, retention).
 * @internal
 */
export function clientContext(client: OmnichannelClient): ApiContext {
  return contextOf(client);
}

/**
 * An Omnichannel client: the `Microsoft.Omnichannel` methods, typed, over the Web API of one org.
 * Create it with {@link createOmnichannel}. It holds configuration only: calls share no state
 * beyond the token cache.
 */
export class OmnichannelClient {
  /** The org URL requests go to, without a trailing slash. */
  readonly orgUrl: string;
  /** The Web API root, e.g. `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
  readonly webApiUrl: string;
  /** The signed-in agent's systemuser id, when known. */
  readonly agentId: string | undefined;
  /**
   * The built-in agent workspace: the sessions the UI-bound methods act on outside the
   * product (and the model a session panel renders).
   */
  readonly workspace: Workspace;
  readonly #api: ApiContext;
  readonly #disposers: (() => void)[];

  // Private: the wiring (`ApiContext`) is internal, so only createOmnichannel may build a client.
  private constructor(orgUrl: string, webApiUrl: string, api: ApiContext, disposers: (() => void)[]) {
    this.orgUrl = orgUrl;
    this.webApiUrl = webApiUrl;
    this.agentId = api.agentId;
    this.workspace = api.workspace;
    this.#api = api;
    this.#disposers = disposers;
  }

  static {
    construct = (orgUrl, webApiUrl, api, disposers) => new OmnichannelClient(orgUrl, webApiUrl, api, disposers);
    contextOf = (client) => client.#api;
  }

  /**
   * Lists an agent's conversations (`msdyn_ocliveworkitem` records), following every page.
   * Mirrors `Microsoft.Omnichannel.getConversations(input, correlationId)`.
   *
   * Sends `GET msdyn_ocliveworkitems?$select=…&$filter=_msdyn_activeagentid_value eq <agentId> …`.
   * Resolves the records as the Web API returns them, annotations included. Bad input rejects
   * with code `InvalidInput` naming the field, and nothing is sent.
   *
   * @param input The documented input, as an object or a JSON string.
   * @param correlationId A correlation id for telemetry, or `{ correlationId?, signal? }`.
   * @example
   * ```ts
   * const waiting = await omnichannel.getConversations({
   *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
   *   attributes: ['msdyn_title', 'msdyn_channel'],
   *   status: [ConversationStatus.Waiting],
   *   orderBy: [{ attributeName: 'createdon', descending: true }],
   * });
   * ```
   */
  getConversations(input: GetConversationsInput | string, correlationId?: CorrelationIdOrOptions): Promise<ConversationRecord[]> {
    return getConversations(this.#api, input, correlationId);
  }

  /**
   * The same query as {@link OmnichannelClient.getConversations}, streamed: yields records as each page arrives,
   * so a caller can show the first page early or stop before the last.
   * @example
   * ```ts
   * for await (const conversation of omnichannel.iterateConversations({ status: [2] })) render(conversation);
   * ```
   */
  iterateConversations(input: GetConversationsInput | string, options?: CorrelationIdOrOptions): AsyncIterable<ConversationRecord> {
    return iterateConversations(this.#api, input, options);
  }

  /**
   * The conversation id of the focused session. Mirrors `Microsoft.Omnichannel.getConversationId()`.
   * Inside the product it asks the host; elsewhere the built-in workspace answers. With Home
   * (or any session without a conversation) focused it rejects with `InvalidState`.
   * @param options `{ correlationId?, signal? }`.
   */
  getConversationId(options?: CorrelationIdOrOptions): Promise<string> {
    return getConversationId(this.#api, options);
  }

  /**
   * Opens a conversation as a session, focused. Mirrors
   * `Microsoft.Omnichannel.openConversation(conversationId, lastsessionId, liveworkstreamId)`.
   *
   * In the built-in workspace it reads the conversation with its linked contact, account and
   * case in one request (`GET msdyn_ocliveworkitems(<id>)?$select=…&$expand=…`) to title the
   * session, and resolves the session; a conversation already open is focused without a
   * request. Inside the product the host opens it and the promise resolves `undefined`.
   * A conversation that does not exist rejects `NotFound`.
   * @param conversationId The conversation (`activityid`).
   * @param lastsessionId Its last session (`msdyn_lastsessionid`); when given it must match.
   * @param liveworkstreamId Its workstream (`msdyn_liveworkstreamid`); when given it must match.
   * @param options `{ correlationId?, signal? }`.
   */
  openConversation(
    conversationId: string,
    lastsessionId?: string,
    liveworkstreamId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<WorkspaceSession | undefined> {
    return openConversation(this.#api, conversationId, lastsessionId, liveworkstreamId, options);
  }

  /**
   * Links a record to an open conversation: an `account` or `contact` becomes its customer
   * (`msdyn_customer`), an `incident` its case (`msdyn_issueid`), replacing the previous one of
   * its kind. Mirrors `Microsoft.Omnichannel.linkToConversation`.
   *
   * Reads the conversation and the record, then sends one `PATCH msdyn_ocliveworkitems(<id>)`
   * binding the navigation property (never retried but on 429). Another table is
   * `InvalidInput` before any request; a closed conversation `InvalidState`; a record or
   * conversation that does not exist `NotFound`. As in the product, the caller refreshes the
   * UI (for example `Microsoft.Apm.refreshTab`).
   * @param entityLogicalName `account`, `contact` or `incident`.
   * @param recordId The record's id.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   * @example
   * ```ts
   * await omnichannel.linkToConversation('incident', caseId);
   * ```
   */
  linkToConversation(
    entityLogicalName: string,
    recordId: string,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<ConversationLink> {
    return linkToConversation(this.#api, entityLogicalName, recordId, conversationId, options);
  }

  /**
   * Unlinks a conversation's customer or case, only when `recordId` is the one linked; any
   * other record rejects `InvalidState` and nothing is written. Mirrors
   * `Microsoft.Omnichannel.unlinkFromConversation`.
   * @param entityLogicalName `account`, `contact` or `incident`.
   * @param recordId The record linked now.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   */
  unlinkFromConversation(
    entityLogicalName: string,
    recordId: string,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<ConversationLink> {
    return unlinkFromConversation(this.#api, entityLogicalName, recordId, conversationId, options);
  }

  /**
   * Puts a message in a conversation's send box, or sends it. Mirrors
   * `Microsoft.Omnichannel.sendMessageToConversation(message, toSendBox, conversationId)`.
   *
   * The conversation must be assigned to the signed-in agent (`_msdyn_activeagentid_value`),
   * else `Forbidden` and nothing happens; this is checked first. `toSendBox` omitted or true
   * puts the text in the session's draft and sends nothing; `false` sends it through the
   * `messageChannel` option (once, never retried), and without one rejects `Unsupported`:
   * the Dataverse Web API cannot deliver a chat message. A rich message of type Forms is
   * `Unsupported`. Inside the product the host does all of it and the promise resolves
   * `undefined`.
   * @param message Text, or a rich message object (`MessageObject`).
   * @param toSendBox True or omitted: the send box; false: send now.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   */
  sendMessageToConversation(
    message: string | RichMessage,
    toSendBox?: boolean,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<SentMessage | undefined> {
    return sendMessageToConversation(this.#api, message, toSendBox, conversationId, options);
  }

  /** Stops what the client listens to (the message channel's incoming messages). Calls still work. */
  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
  }
}

/** Every option's name; `satisfies` makes a new option fail to compile until it is listed. */
const optionNames: ReadonlySet<string> = new Set(
  Object.keys({
    orgUrl: true,
    apiVersion: true,
    getAccessToken: true,
    agentId: true,
    fetch: true,
    timeoutMs: true,
    retry: true,
    onTelemetry: true,
    now: true,
    host: true,
    workspace: true,
    messageChannel: true,
  } satisfies Record<keyof OmnichannelOptions, true>),
);

/**
 * Creates a client for one org. Throws `InvalidInput` when an option is malformed, or when
 * there is no `orgUrl` and no `Xrm` to read it from.
 *
 * @example Inside Dynamics 365 (a form script or web resource)
 * Everything comes from `Xrm`.
 * ```ts
 * const omnichannel = createOmnichannel();
 * ```
 * @example A single-page app or Node script with a token
 * ```ts
 * const omnichannel = createOmnichannel({
 *   orgUrl: 'https://contoso.crm.dynamics.com',
 *   getAccessToken: () => msal.acquireTokenSilent(request).then((r) => r.accessToken),
 *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
 * });
 * ```
 */
export function createOmnichannel(options: OmnichannelOptions = {}): OmnichannelClient {
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');
  // A misspelt option (`orgurl`, `timeout`) would otherwise be ignored and fall back to a default.
  const unknown = Object.keys(options).find((key) => !optionNames.has(key));
  if (unknown !== undefined)
    throw invalidInput(unknown, `is not an option of createOmnichannel (expected one of ${[...optionNames].join(', ')})`);
  const xrm = options.orgUrl === undefined || options.agentId === undefined ? findXrm() : undefined;
  const context = xrm?.Utility.getGlobalContext();

  const xrmOrgUrl = context ? normaliseOrgUrl(context.getClientUrl()) : undefined;
  const orgUrl = options.orgUrl === undefined ? normaliseOrgUrl(xrmOrgUrl) : normaliseOrgUrl(options.orgUrl);
  const apiVersion = options.apiVersion ?? '9.2';
  if (typeof apiVersion !== 'string' || !/^\d+\.\d+$/.test(apiVersion))
    throw invalidInput('apiVersion', `must look like "9.2", got ${preview(apiVersion)}`);
  const webApiUrl = `${orgUrl}/api/data/v${apiVersion}/`;

  // Xrm's user is the signed-in agent of Xrm's org only, not of another org the options name.
  const xrmUserId = xrmOrgUrl === orgUrl ? context?.userSettings?.userId : undefined;
  const agentId =
    options.agentId !== undefined ? guid(options.agentId, 'agentId') : xrmUserId ? guid(xrmUserId, 'Xrm userSettings.userId') : undefined;

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalidInput('fetch', 'must be a function (this platform has no global fetch)');
  optionalFunction(options.getAccessToken, 'getAccessToken');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Capped at setTimeout's limit: a longer timeout would overflow and fire after ~1 ms.
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxTimerDelayMs) {
    throw invalidInput('timeoutMs', `must be a positive number of milliseconds up to ${maxTimerDelayMs}, got ${preview(timeoutMs)}`);
  }
  optionalFunction(options.onTelemetry, 'onTelemetry');
  const now = options.now ?? Date.now;

  const send = createTransport({
    baseUrl: webApiUrl,
    // Called through globalThis: a bare reference to window.fetch throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    tokens: options.getAccessToken ? createTokenCache(options.getAccessToken, now) : undefined,
    timeoutMs,
    retry: resolveRetryPolicy(options.retry),
    onTelemetry: options.onTelemetry,
    now,
    random: Math.random,
  });
  const hostMode = options.host ?? 'auto';
  if (hostMode !== 'auto' && hostMode !== 'builtin') throw invalidInput('host', `must be 'auto' or 'builtin', got ${preview(hostMode)}`);
  const channel = options.messageChannel;
  if (channel !== undefined && typeof channel?.send !== 'function')
    throw invalidInput('messageChannel', 'must have a send(conversationId, message, call) function');
  if (options.workspace !== undefined && (typeof options.workspace !== 'object' || options.workspace === null)) {
    throw invalidInput('workspace', 'must be an object of workspace options');
  }
  const workspace = new Workspace({ now, ...options.workspace });

  const disposers: (() => void)[] = [];
  // The customers' messages reach the workspace as they arrive.
  if (typeof channel?.subscribe === 'function') {
    disposers.push(
      channel.subscribe(({ conversationId, from = 'customer', ...message }) => {
        try {
          workspace.messageArrived(conversationId, { ...message, from });
        } catch {
          // A malformed message from the channel (no GUID, no text) is dropped, not thrown into the channel.
        }
      }),
    );
  }
  return construct(
    orgUrl,
    webApiUrl,
    {
      send,
      agentId,
      now,
      workspace,
      host: hostMode === 'auto' ? findHostOmnichannel : () => undefined,
      channel,
      timeoutMs,
      onTelemetry: options.onTelemetry,
    },
    disposers,
  );
}

function normaliseOrgUrl(value: unknown): string {
  if (value === undefined) {
    throw invalidInput('orgUrl', 'is required outside Dynamics 365 (no Xrm found)');
  }
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // Reported below, without the parser's error: it would only repeat the value.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw invalidInput('orgUrl', `must be an absolute http(s) URL without query or fragment, got ${preview(value)}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
