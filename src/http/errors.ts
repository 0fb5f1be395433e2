/** What went wrong, in one word. Stable: code against these, not against messages. */
export type OmnichannelErrorCode =
  /** The caller's input was rejected before any request was sent. */
  | 'InvalidInput'
  /** 401: no valid token, even after one refresh. */
  | 'Unauthorized'
  /** 403: the user lacks the privilege. */
  | 'Forbidden'
  /** 404: the record or path does not exist. */
  | 'NotFound'
  /** 409: the record already exists or changed state. */
  | 'Conflict'
  /** 412: `If-Match` did not match. */
  | 'PreconditionFailed'
  /** 429: service protection limit, retries used up or `Retry-After` too long. */
  | 'Throttled'
  /** 400 and other 4xx Dataverse rejected. */
  | 'BadRequest'
  /** 5xx not retried, or still failing after the retries. */
  | 'ServerError'
  /** fetch itself failed (DNS, connection reset, CORS). */
  | 'NetworkError'
  /** An attempt took longer than `timeoutMs`. */
  | 'Timeout'
  /** The caller's `AbortSignal` fired. */
  | 'Aborted'
  /** The response could not be understood (HTML page, malformed JSON, foreign nextLink). */
  | 'InvalidResponse'
  /**
   * The request is valid but the state of the workspace or the record refuses it: Home is
   * focused (no conversation), the conversation is closed, the record is not the one linked.
   */
  | 'InvalidState'
  /** The host cannot do it (e.g. deliver a chat message with no message channel). */
  | 'Unsupported'
  /** The product's own `Microsoft.Omnichannel` (or a message channel) rejected the call; `cause` holds its error. */
  | 'HostError';

/**
 * Dataverse's `error.innererror`: the server-side exception behind an error response, as
 * the service sent it. Dataverse includes it when the org shows detailed errors (e.g. a
 * development org or a plug-in's exception); support asks for it.
 */
export interface DataverseInnerError {
  /** The server-side exception message. */
  message?: string;
  /** The .NET exception type, e.g. `Microsoft.Crm.CrmHttpException`. */
  type?: string;
  /** The server-side stack trace. */
  stacktrace?: string;
  /** Anything else the service put there (e.g. `internalexception`), untouched. */
  [key: string]: unknown;
}

/** Details an {@link OmnichannelError} may carry. */
export interface OmnichannelErrorDetails {
  /** HTTP status of the failing response, when there was one. */
  status?: number;
  /** The `error.code` of Dataverse's error body (e.g. `0x80040217`). */
  dataverseCode?: string;
  /** Correlation id of the SDK call (`x-ms-correlation-id`). */
  correlationId?: string;
  /** The response's `x-ms-service-request-id`. */
  serviceRequestId?: string;
  /** Milliseconds the server asked to wait (`Retry-After`). */
  retryAfterMs?: number;
  /** The input field at fault, for `InvalidInput`. */
  field?: string;
  /**
   * The headers of the failing response, names in lower case, without `Authorization`,
   * `Proxy-Authorization`, `Cookie` and `Set-Cookie` (see {@link OmnichannelError.headers}).
   */
  headers?: Readonly<Record<string, string>>;
  /** Dataverse's `error.innererror`, as the service sent it. */
  innererror?: DataverseInnerError;
  /** The underlying error. */
  cause?: unknown;
}

const brand = Symbol.for('omnichannel-sdk.error');

/**
 * The one error type of the SDK: every rejected promise and every thrown error is one.
 *
 * Use {@link isOmnichannelError} rather than `instanceof` when the error may come from
 * another window (a web resource iframe has its own copy of every class).
 *
 * @example
 * ```ts
 * try { await omnichannel.getConversations({ agentId }); }
 * catch (e) { if (isOmnichannelError(e) && e.code === 'Throttled') showBusy(e.retryAfterMs); }
 * ```
 */
export class OmnichannelError extends Error {
  /** What went wrong. */
  declare readonly code: OmnichannelErrorCode;
  /** HTTP status, when a response was received. */
  declare readonly status?: number;
  /** Dataverse's `error.code`. */
  declare readonly dataverseCode?: string;
  /** Correlation id of the SDK call. */
  declare readonly correlationId?: string;
  /** The response's `x-ms-service-request-id`. */
  declare readonly serviceRequestId?: string;
  /** Milliseconds the server asked to wait. */
  declare readonly retryAfterMs?: number;
  /** The input field at fault, for `InvalidInput`. */
  declare readonly field?: string;
  /**
   * The headers of the response the error was made from, as a plain object with lower-case
   * names (`www-authenticate`, `x-ms-ratelimit-*`, `req_id`, …), for diagnosis and logs.
   * Credentials are left out: `Authorization`, `Proxy-Authorization`, `Cookie` and
   * `Set-Cookie` never appear. Undefined when no response was received.
   */
  declare readonly headers?: Readonly<Record<string, string>>;
  /**
   * Dataverse's `error.innererror` (exception `message`, `type`, `stacktrace`), exactly as
   * the error body held it; undefined when the body had none.
   */
  declare readonly innererror?: DataverseInnerError;

  /**
   * Creates an error. The SDK makes these; a test or a wrapper may too.
   * @param code What went wrong.
   * @param message A sentence for developers; includes Dataverse's own message when there is one.
   * @param details Status, Dataverse code, ids and the cause.
   */
  // The fields are `declare`d: Object.assign sets those given, and the bundle carries no list of them.
  constructor(code: OmnichannelErrorCode, message: string, details: OmnichannelErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OmnichannelError';
    this.code = code;
    const { cause: _cause, ...rest } = details;
    Object.assign(this, rest);
    Object.defineProperty(this, brand, { value: true });
  }
}

/** True for an {@link OmnichannelError} from any realm (window, iframe, worker copy of the SDK). */
export function isOmnichannelError(value: unknown): value is OmnichannelError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Response headers that carry credentials, never copied onto an error. */
const secretHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'set-cookie2']);

/**
 * A plain-object copy of response headers for {@link OmnichannelError.headers}, without
 * the headers that carry credentials, nor any header whose value holds `secret` (the request's
 * token, echoed back by a proxy).
 * @internal
 */
export function diagnosticHeaders(headers: Headers, secret?: string): Readonly<Record<string, string>> {
  const kept: [string, string][] = [];
  headers.forEach((value, name) => {
    if (!secretHeaders.has(name.toLowerCase()) && !(secret && value.includes(secret))) kept.push([name.toLowerCase(), value]);
  });
  // fromEntries defines properties, so even a header named __proto__ is kept as data.
  return Object.freeze(Object.fromEntries(kept));
}

/** Gives an SDK error that has no correlation id the call's, and returns it. @internal */
export function stampCorrelation(error: unknown, correlationId: string): unknown {
  if (isOmnichannelError(error) && error.correlationId === undefined) Object.assign(error, { correlationId });
  return error;
}

/** Shorthand for an `InvalidInput` error naming the field. @internal */
export function invalidInput(field: string, problem: string): OmnichannelError {
  return new OmnichannelError('InvalidInput', `${field} ${problem}`, { field });
}

/**
 * A cause in words: an error's or an error-like object's `message` (the host rejects with
 * `{ errorCode, message }`), else the value as a string. @internal
 */
export function describeCause(cause: unknown): string {
  const message = (cause as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(cause);
}

/** A function option as given, `undefined` when absent; anything else is `InvalidInput`. @internal */
export function optionalFunction<T>(value: T, field: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw invalidInput(field, 'must be a function');
  return value;
}

/** The error code an HTTP status maps to. @internal */
export function codeForStatus(status: number): OmnichannelErrorCode {
  return statusCodes[status] ?? (status >= 500 ? 'ServerError' : 'BadRequest');
}

const statusCodes: Readonly<Record<number, OmnichannelErrorCode>> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  429: 'Throttled',
};
