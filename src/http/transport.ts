import type { TokenCache } from './auth.js';
import { OmnichannelError, codeForStatus, stampCorrelation } from './errors.js';
import { newUuid } from './ids.js';
import { type AttemptOutcome, type RetryPolicy, abortedError, backoffDelay, isRetryable, parseRetryAfter, sleep } from './retry.js';
import { type TelemetryEvent, type TelemetryListener, emit } from './telemetry.js';

/** Dataverse rejects request URLs longer than this (32 KB). */
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

/** An HTTP request, relative to the Web API root or an absolute URL on the org. @internal */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path and query relative to the Web API root, or an absolute URL (a nextLink). */
  url: string;
  body?: unknown;
  /** `Prefer: odata.maxpagesize=<n>`. */
  maxPageSize?: number;
  headers?: Record<string, string>;
}

/** A successful response. @internal */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; `undefined` for an empty body (204). */
  body: unknown;
}

/** Sends requests: headers, auth, correlation, timeout, retry, telemetry, error mapping. @internal */
export type Transport = (request: HttpRequest, call: CallContext) => Promise<HttpResponse>;

/** @internal */
export function createTransport(config: TransportConfig): Transport {
  const origin = new URL(config.baseUrl).origin;

  return async function send(request, call) {
    // What the failure event reports: the last attempt, whatever stage the call failed in.
    const last: Partial<TelemetryEvent> = { method: request.method, attempt: 0 };
    try {
      const url = resolveUrl(config.baseUrl, origin, request.url, call);
      last.url = url;
      return await sendWithRetries(config, request, call, url, last);
    } catch (error) {
      const failure = error instanceof OmnichannelError ? error : new OmnichannelError('NetworkError', describe(error), { cause: error });
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
      ? await untilAborted(config.tokens.get(rejectedToken), call.signal).catch((error: unknown) => {
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
      if (response.ok) return { status, headers: response.headers, body: parseBody(response, text, call, serviceRequestId) };
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
  headers: Headers,
  call: CallContext,
): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
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
    return { error: new OmnichannelError('NetworkError', `The request could not be sent: ${describe(cause)}`, { cause, correlationId }) };
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

function headersFor(request: HttpRequest, call: CallContext, clientRequestId: string, token: string | undefined): Headers {
  const headers = new Headers(request.headers);
  headers.set('Accept', 'application/json');
  headers.set('OData-MaxVersion', '4.0');
  headers.set('OData-Version', '4.0');
  const prefer = ['odata.include-annotations="*"'];
  if (request.maxPageSize !== undefined) prefer.push(`odata.maxpagesize=${request.maxPageSize}`);
  headers.set('Prefer', prefer.join(','));
  // Stops the browser from answering an expanded collection from its cache (Dataverse guidance).
  if (request.method === 'GET') headers.set('If-None-Match', 'null');
  if (request.body !== undefined) headers.set('Content-Type', 'application/json; charset=utf-8');
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  headers.set('x-ms-correlation-id', call.correlationId);
  headers.set('x-ms-client-request-id', clientRequestId);
  return headers;
}

/**
 * Resolves a request URL against the Web API root (a relative path, or an absolute URL such
 * as a nextLink) and checks that it stays on the org: the token must never leave it.
 */
function resolveUrl(baseUrl: string, origin: string, target: string, call: CallContext): string {
  let url: URL;
  try {
    url = new URL(target, baseUrl);
  } catch (cause) {
    throw new OmnichannelError('InvalidResponse', 'The service returned an unreadable link', { cause, correlationId: call.correlationId });
  }
  if (url.origin !== origin) {
    throw new OmnichannelError('InvalidResponse', `Refusing to follow a link to ${url.origin}, which is not the org`, {
      correlationId: call.correlationId,
    });
  }
  if (url.href.length > maxUrlLength) {
    throw new OmnichannelError('InvalidInput', `The request URL is ${url.href.length} characters, over Dataverse's limit of ${maxUrlLength}`, {
      correlationId: call.correlationId,
      field: 'url',
    });
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
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OmnichannelError('InvalidResponse', 'The service answered malformed JSON', {
      status: response.status,
      correlationId: call.correlationId,
      serviceRequestId,
      cause,
    });
  }
}

/** Maps an error response to an OmnichannelError, keeping Dataverse's code and message. */
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
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string' && error.code !== '') dataverseCode = error.code;
    if (typeof error?.message === 'string') detail = error.message;
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
  });
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
