import { type ConnectionContext, type CorrelationIdOrOptions } from './api/call.js';
import {
  type GetConversationsInput,
  getConversations as listConversations,
  iterateConversations as streamConversations,
} from './api/getConversations.js';
import { type AccessTokenProvider, createTokenCache } from './http/auth.js';
import { findXrm } from './http/context.js';
import { invalidInput, optionalFunction } from './http/errors.js';
import { type RetryOptions, resolveRetryPolicy } from './http/retry.js';
import type { TelemetryListener } from './http/telemetry.js';
import { maxTimerDelayMs } from './http/timers.js';
import { createTransport } from './http/transport.js';
import { guid, preview } from './odata/literals.js';
import type { ConversationRecord } from './schema/conversation.js';

/** Options of {@link createConnection}, and the first options of `createOmnichannel`. */
export interface ConnectionOptions {
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
}

/**
 * A connection to one org's Web API: its URL, credentials, retry policy and signed-in agent,
 * and nothing else. Made by {@link createConnection}; every `OmnichannelClient` is one too.
 */
export interface OmnichannelConnection {
  /** The org URL requests go to, without a trailing slash. */
  readonly orgUrl: string;
  /** The Web API root, e.g. `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
  readonly webApiUrl: string;
  /** The signed-in agent's systemuser id, when known. */
  readonly agentId: string | undefined;
}

/** Every option's name; `satisfies` makes a new option fail to compile until it is listed. */
export const connectionOptionNames: readonly string[] = /* @__PURE__ */ Object.keys({
  orgUrl: true,
  apiVersion: true,
  getAccessToken: true,
  agentId: true,
  fetch: true,
  timeoutMs: true,
  retry: true,
  onTelemetry: true,
  now: true,
} satisfies Record<keyof ConnectionOptions, true>);

/** The wiring of every connection and client made, for the functions given one. */
const contexts = new WeakMap<OmnichannelConnection, ConnectionContext>();

/**
 * Checks the options of a connection and wires its transport. `names` are the options the
 * calling function takes (a misspelt one, `orgurl` or `timeout`, would otherwise be ignored
 * and fall back to a default); `made` names that function in the error.
 * @internal
 */
export function connect(
  options: ConnectionOptions,
  names: readonly string[],
  made: string,
): OmnichannelConnection & { context: ConnectionContext } {
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');
  const unknown = Object.keys(options).find((key) => !names.includes(key));
  if (unknown !== undefined) throw invalidInput(unknown, `is not an option of ${made} (expected one of ${names.join(', ')})`);
  const xrm = options.orgUrl === undefined || options.agentId === undefined ? findXrm() : undefined;
  const xrmContext = xrm?.Utility.getGlobalContext();

  const xrmOrgUrl = xrmContext ? normaliseOrgUrl(xrmContext.getClientUrl()) : undefined;
  const orgUrl = options.orgUrl === undefined ? normaliseOrgUrl(xrmOrgUrl) : normaliseOrgUrl(options.orgUrl);
  const apiVersion = options.apiVersion ?? '9.2';
  if (typeof apiVersion !== 'string' || !/^\d+\.\d+$/.test(apiVersion))
    throw invalidInput('apiVersion', `must look like "9.2", got ${preview(apiVersion)}`);
  const webApiUrl = `${orgUrl}/api/data/v${apiVersion}/`;

  // Xrm's user is the signed-in agent of Xrm's org only, not of another org the options name.
  const xrmUserId = xrmOrgUrl === orgUrl ? xrmContext?.userSettings?.userId : undefined;
  const agentId =
    options.agentId !== undefined ? guid(options.agentId, 'agentId') : xrmUserId ? guid(xrmUserId, 'Xrm userSettings.userId') : undefined;

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalidInput('fetch', 'must be a function (no global fetch here)');
  optionalFunction(options.getAccessToken, 'getAccessToken');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Capped at setTimeout's limit: a longer timeout would overflow and fire after ~1 ms.
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxTimerDelayMs) {
    throw invalidInput('timeoutMs', `must be over 0 and at most ${maxTimerDelayMs} ms, got ${preview(timeoutMs)}`);
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
  return { orgUrl, webApiUrl, agentId, context: { send, agentId, now, timeoutMs, onTelemetry: options.onTelemetry } };
}

/**
 * Makes `connection` usable by the functions that take one, with `context` as its wiring.
 * @internal
 */
export function registerConnection(connection: OmnichannelConnection, context: ConnectionContext): void {
  contexts.set(connection, context);
}

/**
 * Creates a connection to one org: the smallest way to call the Web API functions of this
 * package. A bundle that lists conversations with {@link getConversations} over a connection
 * carries the transport and that function alone, where `createOmnichannel` brings the whole
 * client (the six methods, the workspace, records, retention). Throws `InvalidInput` when an
 * option is malformed, or when there is no `orgUrl` and no `Xrm` to read it from.
 * @example
 * ```ts
 * const connection = createConnection({
 *   orgUrl: 'https://contoso.crm.dynamics.com',
 *   getAccessToken: () => msal.acquireTokenSilent(request).then((r) => r.accessToken),
 *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
 * });
 * const waiting = await getConversations(connection, { status: [ConversationStatus.Waiting] });
 * ```
 */
export function createConnection(options: ConnectionOptions = {}): OmnichannelConnection {
  const { context, ...connection } = connect(options, connectionOptionNames, 'createConnection');
  Object.freeze(connection);
  registerConnection(connection, context);
  return connection;
}

/**
 * The wiring of a connection or client; anything else is `InvalidInput`.
 * @internal
 */
export function connectionContext(connection: OmnichannelConnection): ConnectionContext {
  const context = typeof connection === 'object' && connection !== null ? contexts.get(connection) : undefined;
  if (!context) throw invalidInput('connection', 'must be made by createConnection or createOmnichannel');
  return context;
}

/**
 * Lists an agent's conversations over a connection (or a client), following every page: the
 * same request, result and errors as `OmnichannelClient.getConversations`, without the rest of
 * the client in the bundle. Bad input rejects with `InvalidInput` naming the field, and
 * nothing is sent.
 * @param connection From {@link createConnection} (or `createOmnichannel`).
 * @param input The documented input, as an object or a JSON string.
 * @param correlationId A correlation id for telemetry, or `{ correlationId?, signal? }`.
 */
export function getConversations(
  connection: OmnichannelConnection,
  input: GetConversationsInput | string,
  correlationId?: CorrelationIdOrOptions,
): Promise<ConversationRecord[]> {
  try {
    return listConversations(connectionContext(connection), input, correlationId);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The same query as {@link getConversations}, streamed: yields records as each page arrives.
 * @param connection From {@link createConnection} (or `createOmnichannel`).
 * @param input The documented input, as an object or a JSON string.
 * @param options A correlation id for telemetry, or `{ correlationId?, signal? }`.
 */
export async function* iterateConversations(
  connection: OmnichannelConnection,
  input: GetConversationsInput | string,
  options?: CorrelationIdOrOptions,
): AsyncGenerator<ConversationRecord, void, undefined> {
  // Inside the generator, so a wrong connection fails the first `next()` as bad input does.
  yield* streamConversations(connectionContext(connection), input, options);
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
