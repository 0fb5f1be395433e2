import type { TokenCache } from './auth.js';
import {
  type DataverseInnerError,
  OmnichannelError,
  type OmnichannelErrorCode,
  type OmnichannelErrorDetails,
  codeForStatus,
  describeCause,
  diagnosticHeaders,
  stampCorrelation,
} from './errors.js';
import { newUuid } from './ids.js';
import {
  type AttemptOutcome,
  type RetryPolicy,
  abortable,
  abortedError,
  backoffDelay,
  isRetryable,
  parseRetryAfter,
  sleep,
} from './retry.js';
import { type TelemetryEvent, type TelemetryListener, emit } from './telemetry.js';
import { timerDelay } from './timers.js';
import { type WebApiRoot, resolveUrl } from './url.js';

export { maxUrlLength } from './url.js';

/** Everything the transport needs, fixed when the client is created. @internal */
export interface TransportConfig {
  /** Web API root, ending in `/`: `https://org.crm.dynamics.com/api/data/v9.2/`. */
  baseUrl: string;
  fetch: typeof fetch;
  /** Token source; without one the browser's same-origin cookies authenticate. */
  tokens?: TokenCache;
  timeoutMs: number;
  retry: RetryPolicy;
  onTelemetry?: TelemetryListener;
  /** Clock in epoch ms: durations and HTTP-date Retry-After. */
  now: () => number;
  /** Random source in [0, 1), for backoff jitter. */
  random: () => number;
}

/** One SDK call: everything its HTTP requests share. @internal */
export interface CallContext {
  /** SDK operation name, e.g. `getConversations`. */
  operation: string;
  /** Sent as `x-ms-correlation-id` on every request of the call. */
  correlationId: string;
  signal?: AbortSignal;
}

/** An HTTP request, relative to the Web API root or an absolute URL under it. @internal */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path and query relative to the Web API root, or an absolute URL under it (a nextLink). */
  url: string;
  /**
   * True when `url` is a link the service returned (`@odata.nextLink`): a URL that cannot be
   * sent is then the service's fault (`InvalidResponse`), not the caller's (`InvalidInput`).
   */
  fromService?: boolean;
  body?: unknown;
  /** `Prefer: odata.maxpagesize=<n>`. */
  maxPageSize?: number;
  /** More `Prefer` preferences, after the SDK's own (e.g. `odata.continue-on-error` on a `$batch`). */
  prefer?: string;
  headers?: Record<string, string>;
  /**
   * A `$batch`: this `multipart/mixed` text is the body instead of `body` as JSON (its
   * `Content-Type`, with the boundary, goes in `headers`), and a `multipart/mixed` answer
   * resolves as text (`HttpResponse.body`) whatever its status, because Dataverse answers a
   * batch that stopped at a failed part 400 with the parts in the body.
   */
  multipart?: string;
}

/** A successful response. @internal */
export interface HttpResponse {
  /** The URL as sent: resolved against the Web API root, without a fragment. */
  url: string;
  status: number;
  headers: Headers;
  /** Parsed JSON body; `undefined` for an empty body (204). */
  body: unknown;
}

/** Sends requests: headers, auth, correlation, timeout, retry, telemetry, error mapping. @internal */
export type Transport = (request: HttpRequest, call: CallContext) => Promise<HttpResponse>;

/** Where a call got to, for its failure event: the last attempt, whatever stage the call failed in. */
type Progress = Pick<TelemetryEvent, 'method' | 'attempt' | 'url' | 'clientRequestId' | 'durationMs'>;

/**
 * Makes a client's transport. The Web API root is parsed here, once; the SDK's own relative
 * paths are joined to it without the URL parser (see `plainUrl`).
 * @internal
 */
export function createTransport(config: TransportConfig): Transport {
  const root = new URL(config.baseUrl);
  return (request, call) => send(config, root, request, call);
}

/**
 * One call's requests: the URL check, then the attempt loop (token, send, classify, and wait
 * or return); any failure leaves as one `OmnichannelError` with a failure event. One async
 * function for all of it: each layer of promises costs a request about a microsecond.
 */
async function send(config: TransportConfig, root: WebApiRoot, request: HttpRequest, call: CallContext): Promise<HttpResponse> {
  const progress: Progress = { method: request.method, attempt: 0 };
  try {
    const url = resolveUrl(root, request.url, request.fromService === true);
    progress.url = url;
    const listener = config.onTelemetry;
    // Serialised once for every attempt (a body JSON cannot carry fails the call as NetworkError, as before).
    const body = request.multipart ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    let retries = 0;
    let rejectedToken: string | undefined;
    let refreshedAfter401 = false;

    for (let attempt = 1; ; attempt++) {
      progress.attempt = attempt;
      progress.clientRequestId = progress.durationMs = undefined;
      if (call.signal?.aborted) throw abortedError(call.signal);
      const token = config.tokens ? await abortable(config.tokens.get(rejectedToken, config.timeoutMs), call.signal) : undefined;
      const clientRequestId = newUuid();
      progress.clientRequestId = clientRequestId;
      // Telemetry events are only made when someone listens: a call nobody watches pays nothing for them.
      const event: TelemetryEvent | undefined = listener && {
        type: 'request',
        operation: call.operation,
        correlationId: call.correlationId,
        clientRequestId,
        method: request.method,
        url,
        attempt,
      };
      if (event) emit(listener, event);
      const started = config.now();
      const outcome = await attemptOnce(config, request.method, url, headersFor(request, call, clientRequestId, token), body, call.signal);
      const durationMs = config.now() - started;
      progress.durationMs = durationMs;

      let error: OmnichannelError;
      let delay: number | undefined;
      let status: number | undefined;
      let serviceRequestId: string | undefined;
      if (outcome.response) {
        const { response, text } = outcome;
        status = response.status;
        if (event) {
          serviceRequestId = serviceRequestIdOf(response);
          emit(listener, { ...event, type: 'response', status, durationMs, serviceRequestId });
        }
        if (request.multipart && /^multipart\//i.test(response.headers.get('content-type') ?? '')) {
          return { url, status, headers: response.headers, body: text };
        }
        if (response.ok) return { url, status, headers: response.headers, body: parseBody(response, text, token) };
        if (status === 401 && token !== undefined && !refreshedAfter401) {
          // One refresh and one more try: the cached token may have been revoked early.
          refreshedAfter401 = true;
          rejectedToken = token;
          continue;
        }
        serviceRequestId = serviceRequestIdOf(response);
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), config.now());
        error = errorFromResponse(request.method, response, text, retryAfterMs, token);
        delay = retryDelay(config, request.method, retries, { status }, retryAfterMs);
      } else {
        error = outcome.error;
        // A caller's abort rejects the attempt instead: only these two come back as outcomes.
        delay = retryDelay(config, request.method, retries, { failure: error.code as 'NetworkError' | 'Timeout' }, undefined);
      }
      if (delay === undefined) throw error;
      retries++;
      if (event) emit(listener, { ...event, type: 'retry', status, durationMs, serviceRequestId, errorCode: error.code, delayMs: delay });
      // An abort during the wait ends the call at once.
      await sleep(delay, call.signal);
    }
  } catch (error) {
    const failure =
      error instanceof OmnichannelError ? error : new OmnichannelError('NetworkError', describeCause(error), { cause: error });
    stampCorrelation(failure, call.correlationId);
    emit(config.onTelemetry, {
      ...progress,
      type: 'failure',
      operation: call.operation,
      correlationId: call.correlationId,
      status: failure.status,
      serviceRequestId: failure.serviceRequestId,
      errorCode: failure.code,
    });
    throw failure;
  }
}

/** Delay before the next retry, or undefined when the failure is final. */
function retryDelay(
  config: TransportConfig,
  method: string,
  retries: number,
  outcome: AttemptOutcome,
  retryAfterMs: number | undefined,
): number | undefined {
  if (retries >= config.retry.maxRetries || !isRetryable(method, outcome)) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > config.retry.maxRetryAfterMs) return undefined;
  return retryAfterMs ?? backoffDelay(config.retry, retries, config.random);
}

function serviceRequestIdOf(response: Response): string | undefined {
  return response.headers.get('x-ms-service-request-id') ?? undefined;
}

type AttemptResult = { response: Response; text: string; error?: undefined } | { error: OmnichannelError; response?: undefined };

/**
 * The `signal` of what fetch is handed for one attempt: a getter on a prototype, so
 * the attempt's `AbortSignal` is made only when fetch reads it. The platform's fetch does
 * (WebIDL reads every member of `init`), and gets one that aborts on timeout and on the
 * caller's abort; a fetch that never reads it costs no signal, which in Node 20 costs about
 * 10 µs (an accessor on the object itself would cost 4 µs more per attempt). A custom fetch
 * that builds a new init must copy `signal` by name: a spread (`{ ...init }`) copies only
 * the fields, and the request then runs on after a timeout (the call still ends on time).
 */
class LazySignal {
  #controller?: AbortController;

  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }

  /** Aborts the request, if fetch took the signal, or else the signal fetch may still ask for. */
  abort(): void {
    (this.#controller ??= new AbortController()).abort();
  }
}

/**
 * Sends one attempt under its own timeout and reads the whole body inside it. The attempt ends
 * at the first of: the body read, a fetch failure, the timeout, the caller's abort. The last
 * two also abort the request, so a fetch that honours its signal (the platform's) frees the
 * connection, and they end the attempt even when a fetch ignores its signal (a test double,
 * an old polyfill). The first outcome settles the promise; later ones change nothing. One
 * promise and one async read, rather than a chain: each layer costs a request a microsecond.
 */
function attemptOnce(
  config: TransportConfig,
  method: HttpRequest['method'],
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  const init: RequestInit & LazySignal = Object.assign(new LazySignal(), {
    method,
    headers,
    body,
    // With a bearer token no cookie is needed; without one, Dynamics' session cookie is the credential.
    credentials: config.tokens ? ('omit' as const) : ('same-origin' as const),
  });
  let timer: ReturnType<typeof setTimeout>;
  // Settled by the first outcome; a later `resolve` changes nothing.
  const attempt = new Promise<AttemptResult>((resolve) => {
    timer = setTimeout(() => {
      resolve({ error: new OmnichannelError('Timeout', `No response within ${config.timeoutMs} ms`) });
      init.abort();
    }, timerDelay(config.timeoutMs));
    readResponse(config.fetch, url, init).then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        resolve({ error: new OmnichannelError('NetworkError', `The request could not be sent: ${describeCause(cause)}`, { cause }) });
      },
    );
  });
  // Without a signal (the usual call) this is the attempt itself: no race, no listener.
  return abortable(attempt, signal, () => {
    clearTimeout(timer);
    init.abort();
  });
}

/** Fetches and reads the whole body; a fetch that throws instead of rejecting rejects too. */
async function readResponse(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<AttemptResult> {
  const response = await fetchImpl(url, init);
  return { response, text: await response.text() };
}

/** What a header value may hold: tab, visible ASCII, space and Latin-1 (RFC 9110 field-value). */
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/** `Prefer`: every annotation, the page size, and the request's own preferences. */
function preferOf(request: HttpRequest): string {
  const prefer =
    request.maxPageSize === undefined
      ? 'odata.include-annotations="*"'
      : `odata.include-annotations="*",odata.maxpagesize=${request.maxPageSize}`;
  return request.prefer ? `${prefer},${request.prefer}` : prefer;
}

/**
 * The request headers, as a plain object (a `Headers` and its `set` calls cost several µs a
 * request). The SDK's own values are safe by construction (constants, UUIDs, a correlation id
 * `startCall` checked, the token the token cache checked); the request's own headers and
 * preferences are checked here, and one holding a character HTTP cannot carry is refused
 * without quoting it, because the error fetch would throw quotes it.
 */
function headersFor(request: HttpRequest, call: CallContext, clientRequestId: string, token: string | undefined): Record<string, string> {
  for (const name in request.headers) checkHeaderValue(request.headers[name]!);
  if (request.prefer !== undefined) checkHeaderValue(request.prefer);
  const headers: Record<string, string> = {
    ...request.headers,
    Accept: 'application/json',
    'OData-MaxVersion': '4.0',
    'OData-Version': '4.0',
    Prefer: preferOf(request),
    'x-ms-correlation-id': call.correlationId,
    'x-ms-client-request-id': clientRequestId,
  };
  // Stops the browser from answering an expanded collection from its cache (Dataverse guidance).
  if (request.method === 'GET') headers['If-None-Match'] = 'null';
  if (request.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return headers;
}

function checkHeaderValue(value: string): void {
  if (!headerValue.test(value)) throw new OmnichannelError('InvalidInput', 'A request header holds a character HTTP cannot carry');
}

function parseBody(response: Response, text: string, token: string | undefined): unknown {
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type))
    throw responseError('InvalidResponse', `Expected JSON but the service answered ${type || 'no content type'}`, response, token);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw responseError('InvalidResponse', 'The service answered malformed JSON', response, token, { cause });
  }
}

/**
 * An error made from a response: its status, `x-ms-service-request-id` and headers go with
 * it (without credentials, nor the request's token should the service echo it).
 */
function responseError(
  code: OmnichannelErrorCode,
  message: string,
  response: Response,
  token: string | undefined,
  details?: OmnichannelErrorDetails,
): OmnichannelError {
  return new OmnichannelError(code, message, {
    status: response.status,
    serviceRequestId: serviceRequestIdOf(response),
    headers: diagnosticHeaders(response.headers, token),
    ...details,
  });
}

/** Maps an error response to an OmnichannelError, keeping Dataverse's code, message and `innererror`. */
function errorFromResponse(
  method: string,
  response: Response,
  text: string,
  retryAfterMs: number | undefined,
  token: string | undefined,
): OmnichannelError {
  // A service or proxy that quotes the request's Authorization back must not put the token in the error.
  if (token) text = text.split(token).join('');
  let dataverseCode: string | undefined;
  let detail: string | undefined;
  let innererror: DataverseInnerError | undefined;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown; innererror?: unknown } }).error;
    if (typeof error?.code === 'string' && error.code !== '') dataverseCode = error.code;
    if (typeof error?.message === 'string') detail = error.message;
    // Kept as given: support reads the exception type and stack trace the service sent.
    if (typeof error?.innererror === 'object' && error.innererror !== null && !Array.isArray(error.innererror)) {
      innererror = error.innererror as DataverseInnerError;
    }
  } catch {
    // Not JSON (an HTML error page from a proxy): the status says enough.
  }
  const status = response.status;
  const reason = detail ?? (response.statusText || 'no error message');
  return responseError(codeForStatus(status), `${method} failed with HTTP ${status}: ${reason}`, response, token, {
    dataverseCode,
    retryAfterMs,
    innererror,
  });
}
