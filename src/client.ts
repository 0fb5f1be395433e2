import { type ApiContext, type CorrelationIdOrOptions } from './api/call.js';
import { type GetConversationsInput, getConversations, iterateConversations } from './api/getConversations.js';
import { type AccessTokenProvider, createTokenCache } from './http/auth.js';
import { findXrm } from './http/context.js';
import { OmnichannelError, invalidInput } from './http/errors.js';
import { type RetryOptions, resolveRetryPolicy } from './http/retry.js';
import type { TelemetryListener } from './http/telemetry.js';
import { createTransport } from './http/transport.js';
import { guid, preview } from './odata/literals.js';
import type { ConversationRecord } from './schema/conversation.js';

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
   * Milliseconds one HTTP attempt may take before it is abandoned (and retried when safe).
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
  readonly #api: ApiContext;

  /** @internal Use {@link createOmnichannel}. */
  constructor(orgUrl: string, webApiUrl: string, api: ApiContext) {
    this.orgUrl = orgUrl;
    this.webApiUrl = webApiUrl;
    this.agentId = api.agentId;
    this.#api = api;
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
   * The same query as {@link getConversations}, streamed: yields records as each page arrives,
   * so a caller can show the first page early or stop before the last.
   * @example
   * ```ts
   * for await (const conversation of omnichannel.iterateConversations({ status: [2] })) render(conversation);
   * ```
   */
  iterateConversations(input: GetConversationsInput | string, options?: CorrelationIdOrOptions): AsyncIterable<ConversationRecord> {
    return iterateConversations(this.#api, input, options);
  }
}

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
  const xrm = options.orgUrl === undefined || options.agentId === undefined ? findXrm() : undefined;
  const context = xrm?.Utility.getGlobalContext();

  const xrmOrgUrl = context ? normaliseOrgUrl(context.getClientUrl()) : undefined;
  const orgUrl = options.orgUrl === undefined ? normaliseOrgUrl(xrmOrgUrl) : normaliseOrgUrl(options.orgUrl);
  const apiVersion = options.apiVersion ?? '9.2';
  if (typeof apiVersion !== 'string' || !/^\d+\.\d+$/.test(apiVersion)) throw invalidInput('apiVersion', `must look like "9.2", got ${preview(apiVersion)}`);
  const webApiUrl = `${orgUrl}/api/data/v${apiVersion}/`;

  // Xrm's user is the signed-in agent of Xrm's org only, not of another org the options name.
  const xrmUserId = xrmOrgUrl === orgUrl ? context?.userSettings?.userId : undefined;
  const agentId = options.agentId !== undefined ? guid(options.agentId, 'agentId') : xrmUserId ? guid(xrmUserId, 'Xrm userSettings.userId') : undefined;

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalidInput('fetch', 'must be a function (this platform has no global fetch)');
  if (options.getAccessToken !== undefined && typeof options.getAccessToken !== 'function') {
    throw invalidInput('getAccessToken', 'must be a function returning a token');
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalidInput('timeoutMs', `must be a positive number, got ${preview(timeoutMs)}`);
  if (options.onTelemetry !== undefined && typeof options.onTelemetry !== 'function') throw invalidInput('onTelemetry', 'must be a function');
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
  return new OmnichannelClient(orgUrl, webApiUrl, { send, agentId, now });
}

function normaliseOrgUrl(value: unknown): string {
  if (value === undefined) {
    throw invalidInput('orgUrl', 'is required outside Dynamics 365 (no Xrm found on this window, its parent or top)');
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (cause) {
    throw new OmnichannelError('InvalidInput', `orgUrl must be an absolute URL, got ${preview(value)}`, { field: 'orgUrl', cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput('orgUrl', `must be an http(s) URL, got ${preview(value)}`);
  if (url.search || url.hash) throw invalidInput('orgUrl', 'must not have a query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
