import type { TokenCache } from './auth.js';
import { type DataverseInnerError, OmnichannelError, codeForStatus, describeCause, diagnosticHeaders, stampCorrelation } from './errors.js';
import { newUuid } from './ids.js';
import { type AttemptOutcome, type RetryPolicy, abortedError, backoffDelay, isRetryable, parseRetryAfter, sleep } from './retry.js';
import { type TelemetryEvent, type TelemetryListener, emit } from './telemetry.js';
import { timerDelay } from './timers.js';

/**
 * Dataverse rejects request URLs longer than this (32 KB). A longer URL the caller's input
 * builds fails with `InvalidInput`; a longer `@odata.nextLink` with `InvalidResponse`.
 */
export const maxUrlLength = 32_768;

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
  headers?: Record<string, string>;
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

/** @internal */
export function createTransport(config: TransportConfig): Transport {
  return async function send(request, call) {
    // What the failure event reports: the last attempt, whatever stage the call failed in.
    const last: Partial<TelemetryEvent> = { method: request.method, attempt: 0 };
    try {
      const url = resolveUrl(config.baseUrl, request, call);
      last.url = url;
      return await sendWithRetries(config, request, call, url, last);
    } catch (error) {
      const failure =
        error instanceof OmnichannelError ? error : new OmnichannelError('NetworkError', describeCause(error), { cause: error });
      stampCorrelation(failure, call.correlationId);
      emit(config.onTelemetry, {
        ...last,
        type: 'failure',
        operation: call.operation,
        correlationId: call.correlationId,
        status: failure.status,
        serviceRequestId: failure.serviceRequestId,
        errorCode: failure.code,
      });
      throw failure;
    }
  };
}

/** The attempt loop: token, send, classify, and wait or return. Updates `last` as it goes. */
async function sendWithRetries(
  config: TransportConfig,
  request: HttpRequest,
  call: CallContext,
  url: string,
  last: Partial<TelemetryEvent>,
): Promise<HttpResponse> {
  let retries = 0;
  let rejectedToken: string | undefined;
  let refreshedAfter401 = false;

  /** Delay before the next retry, or undefined when the failure is final. */
  const retryDelay = (outcome: AttemptOutcome, retryAfterMs: number | undefined): number | undefined => {
    if (retries >= config.retry.maxRetries || !isRetryable(request.method, outcome)) return undefined;
    if (retryAfterMs !== undefined && retryAfterMs > config.retry.maxRetryAfterMs) return undefined;
    return retryAfterMs ?? backoffDelay(config.retry, retries, config.random);
  };

  for (let attempt = 1; ; attempt++) {
    Object.assign(last, { attempt, clientRequestId: undefined, durationMs: undefined });
    if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
    const token = config.tokens
      ? await untilAborted(config.tokens.get(rejectedToken, config.timeoutMs), call.signal).catch((error: unknown) => {
          throw call.signal?.aborted ? abortedError(call.signal, call.correlationId) : error;
        })
      : undefined;
    const event: TelemetryEvent = {
      type: 'request',
      operation: call.operation,
      correlationId: call.correlationId,
      clientRequestId: newUuid(),
      method: request.method,
      url,
      attempt,
    };
    last.clientRequestId = event.clientRequestId;
    emit(config.onTelemetry, event);
    const started = config.now();
    const outcome = await attemptOnce(config, request, url, headersFor(request, call, event.clientRequestId!, token), call);
    const durationMs = config.now() - started;
    last.durationMs = durationMs;

    let error: OmnichannelError;
    let delay: number | undefined;
    let status: number | undefined;
    let serviceRequestId: string | undefined;
    if ('response' in outcome) {
      const { response, text } = outcome;
      status = response.status;
      serviceRequestId = response.headers.get('x-ms-service-request-id') ?? undefined;
      emit(config.onTelemetry, { ...event, type: 'response', status, durationMs, serviceRequestId });
      if (response.ok) return { url, status, headers: response.headers, body: parseBody(response, text, call, serviceRequestId) };
      if (status === 401 && token !== undefined && !refreshedAfter401) {
        // One refresh and one more try: the cached token may have been revoked early.
        refreshedAfter401 = true;
        rejectedToken = token;
        continue;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), config.now());
      error = errorFromResponse(request.method, response, text, call, serviceRequestId, retryAfterMs);
      delay = retryDelay({ status }, retryAfterMs);
    } else {
      error = outcome.error;
      delay = error.code === 'Aborted' ? undefined : retryDelay({ failure: error.code as 'NetworkError' | 'Timeout' }, undefined);
    }
    if (delay === undefined) throw error;
    retries++;
    emit(config.onTelemetry, { ...event, type: 'retry', status, durationMs, serviceRequestId, errorCode: error.code, delayMs: delay });
    // An abort during the wait ends the call at once.
    await sleep(delay, call.signal).catch(() => {
      throw abortedError(call.signal!, call.correlationId);
    });
  }
}

type AttemptResult = { response: Response; text: string } | { error: OmnichannelError };

/** Sends one attempt under its own timeout; reads the whole body inside it. */
async function attemptOnce(
  config: TransportConfig,
  request: HttpRequest,
  url: string,
  headers: Record<string, string>,
  call: CallContext,
): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timerDelay(config.timeoutMs));
  const onAbort = () => controller.abort();
  call.signal?.addEventListener('abort', onAbort, { once: true });
  if (call.signal?.aborted) controller.abort(); // fired before the listener was added
  try {
    // Raced against the abort as well as handed the signal: a fetch that ignores its signal
    // (a test double, an old polyfill) must not hold the call past its timeout or an abort.
    return await untilAborted(
      (async () => {
        const response = await config.fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: controller.signal,
          // With a bearer token no cookie is needed; without one, Dynamics' session cookie is the credential.
          credentials: config.tokens ? 'omit' : 'same-origin',
        });
        return { response, text: await response.text() };
      })(),
      controller.signal,
    );
  } catch (cause) {
    const { correlationId } = call;
    if (call.signal?.aborted) return { error: abortedError(call.signal, correlationId) };
    if (timedOut) {
      return { error: new OmnichannelError('Timeout', `No response within ${config.timeoutMs} ms`, { cause, correlationId }) };
    }
    return {
      error: new OmnichannelError('NetworkError', `The request could not be sent: ${describeCause(cause)}`, { cause, correlationId }),
    };
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Settles like `work`, or rejects as soon as `signal` aborts (with the signal's reason),
 * whichever comes first. Without a signal it is `work` itself.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What a header value may hold: tab, visible ASCII, space and Latin-1 (RFC 9110 field-value). */
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The request headers, as a plain object (a `Headers` and its `set` calls cost several µs a
 * request). The token and correlation id are checked before they get here; a value that still
 * holds a character HTTP cannot carry is refused without quoting it, because the error fetch
 * would throw quotes it (a token, say).
 */
function headersFor(request: HttpRequest, call: CallContext, clientRequestId: string, token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    ...request.headers,
    Accept: 'application/json',
    'OData-MaxVersion': '4.0',
    'OData-Version': '4.0',
    Prefer:
      request.maxPageSize === undefined
        ? 'odata.include-annotations="*"'
        : `odata.include-annotations="*",odata.maxpagesize=${request.maxPageSize}`,
    'x-ms-correlation-id': call.correlationId,
    'x-ms-client-request-id': clientRequestId,
  };
  // Stops the browser from answering an expanded collection from its cache (Dataverse guidance).
  if (request.method === 'GET') headers['If-None-Match'] = 'null';
  if (request.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  for (const value of Object.values(headers)) {
    if (!headerValue.test(value)) {
      throw new OmnichannelError('InvalidInput', 'A request header holds a character HTTP cannot carry (a line break, NUL, non-Latin-1)', {
        correlationId: call.correlationId,
      });
    }
  }
  return headers;
}

/**
 * Resolves a request URL against the Web API root (a relative path, or an absolute URL such
 * as a nextLink) and checks it before a token goes with it: it must stay on the org's
 * origin and under its Web API root, carry no credentials, and fit Dataverse's URL limit.
 * The fragment is dropped (it is never sent). A URL that fails is the service's fault when
 * the service gave it, the caller's otherwise; no message quotes it.
 */
function resolveUrl(baseUrl: string, request: HttpRequest, call: CallContext): string {
  const service = request.fromService === true;
  const what = service ? 'a link the service returned' : 'a request URL';
  const refuse = (message: string) =>
    new OmnichannelError(service ? 'InvalidResponse' : 'InvalidInput', message, {
      correlationId: call.correlationId,
      field: service ? undefined : 'url',
    });
  const root = new URL(baseUrl);
  let url: URL;
  try {
    url = new URL(request.url, root);
  } catch {
    // No cause: the URL parser's error carries the input, credentials and all.
    throw refuse(`Refusing ${what} that is not a URL`);
  }
  if (url.origin !== root.origin) {
    // An origin never holds user:password, so it may be named.
    throw refuse(`Refusing ${what} to ${url.origin}, which is not the org`);
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse(`Refusing ${what} with credentials (user:password@) in it`);
  }
  // Case-insensitive: an on-premises server may spell the org's path in another case.
  if (!url.pathname.toLowerCase().startsWith(root.pathname.toLowerCase())) {
    throw refuse(`Refusing ${what} outside the org's Web API root ${root.pathname}`);
  }
  url.hash = '';
  if (url.href.length > maxUrlLength) {
    throw refuse(`Refusing ${what} of ${url.href.length} characters, over Dataverse's limit of ${maxUrlLength}`);
  }
  return url.href;
}

function parseBody(response: Response, text: string, call: CallContext, serviceRequestId: string | undefined): unknown {
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) {
    throw new OmnichannelError('InvalidResponse', `Expected JSON but the service answered ${type || 'no content type'}`, {
      status: response.status,
      correlationId: call.correlationId,
      serviceRequestId,
      headers: diagnosticHeaders(response.headers),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OmnichannelError('InvalidResponse', 'The service answered malformed JSON', {
      status: response.status,
      correlationId: call.correlationId,
      serviceRequestId,
      headers: diagnosticHeaders(response.headers),
      cause,
    });
  }
}

/**
 * Maps an error response to an OmnichannelError, keeping Dataverse's code, message and
 * `innererror`, and the response headers.
 */
function errorFromResponse(
  method: string,
  response: Response,
  text: string,
  call: CallContext,
  serviceRequestId: string | undefined,
  retryAfterMs: number | undefined,
): OmnichannelError {
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
  return new OmnichannelError(codeForStatus(status), `${method} failed with HTTP ${status}: ${reason}`, {
    status,
    dataverseCode,
    correlationId: call.correlationId,
    serviceRequestId,
    retryAfterMs,
    headers: diagnosticHeaders(response.headers),
    innererror,
  });
}
