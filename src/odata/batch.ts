/**
 * `$batch` for one SDK call: a builder (`multipart/mixed`, change sets, Content-ID references,
 * `Prefer: odata.continue-on-error`), the mapping of each answered part to a result or an
 * {@link OmnichannelError}, and the split of a long list into batches of at most 1000 requests,
 * Dataverse's limit. There is no batch mode: a caller hands a list of operations to
 * {@link sendBatch} and gets one result per operation back.
 */
import { OmnichannelError, codeForStatus, diagnosticHeaders, invalidInput } from '../http/errors.js';
import { newUuid } from '../http/ids.js';
import { parseRetryAfter } from '../http/retry.js';
import { type CallContext, type HttpResponse, type Transport, maxUrlLength } from '../http/transport.js';
import { type MimePart, type PartResponse, multipartBoundary, readMultipart, readPartResponse } from './multipart.js';

/** The most requests Dataverse runs in one `$batch` (change-set requests each count). @internal */
export const maxBatchRequests = 1000;

/** The longest URL a request inside a `$batch` may have (64 KB, twice the limit of a URL on its own). @internal */
export const maxBatchUrlLength = 65_536;

/** One request of a batch. @internal */
export interface BatchOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Web API root (`annotations(<id>)`), or `$<Content-ID>…` inside a change set. */
  url: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Headers of this request (an `If-Match`, a `Prefer: return=representation`). */
  headers?: Readonly<Record<string, string>>;
  /** `Prefer: odata.maxpagesize=<n>` on a GET. */
  maxPageSize?: number;
  /** The Content-ID of a change-set request, which later requests of the same change set name as `$<id>`. */
  contentId?: string;
}

/** An atomic group of writes: every one succeeds, or none stays. @internal */
export interface BatchChangeSet {
  changeSet: readonly BatchOperation[];
}

/** What a batch holds: requests, and change sets of requests. @internal */
export type BatchItem = BatchOperation | BatchChangeSet;

/** How a batch is built and sent. @internal */
export interface BatchOptions {
  /** The Web API root's path, e.g. `/api/data/v9.2/`: request lines carry root-relative URLs. */
  root: string;
  /**
   * `Prefer: odata.continue-on-error`: later requests run after one fails. Without it Dataverse
   * stops at the first failure and the rest come back {@link BatchResult.skipped}.
   * @default true
   */
  continueOnError?: boolean;
  /** Requests per `$batch`; a longer list is sent as several. @default 1000 (Dataverse's maximum) */
  maxRequests?: number;
  /** Clock for an HTTP-date `Retry-After` in a part. @default Date.now */
  now?: () => number;
}

/** The outcome of one operation of a batch. @internal */
export interface BatchResult {
  /** Position of the operation in the list given, change sets flattened. */
  index: number;
  operation: BatchOperation;
  /** HTTP status of the part; undefined when the request never ran. */
  status?: number;
  /** The part's response headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The part's body: parsed JSON, text when it is not JSON, undefined when empty. */
  body: unknown;
  /** The failure, with the part's status, Dataverse code and message. */
  error?: OmnichannelError;
  /** True when the request never ran: an earlier one failed without continue-on-error. */
  skipped?: boolean;
  /** True for a request of a failed change set other than the one that failed: its effect was undone. */
  rolledBack?: boolean;
}

/** A batch ready to send: its body, its content type, and its operations in order. @internal */
export interface BuiltBatch {
  contentType: string;
  text: string;
  operations: BatchOperation[];
}

const methods = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const contentIdPattern = /^[A-Za-z0-9_.-]{1,64}$/;
/** What a request line's URL may hold: visible ASCII, no space (it would end the URL), no `#`. */
const urlPattern = /^[\x21-\x22\x24-\x7e]+$/;
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerValuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;

/** True for a change set. @internal */
export function isChangeSet(item: BatchItem): item is BatchChangeSet {
  return Array.isArray((item as BatchChangeSet).changeSet);
}

/** The operations of items, change sets flattened, in order. @internal */
export function operationsOf(items: readonly BatchItem[]): BatchOperation[] {
  return items.flatMap((item) => (isChangeSet(item) ? [...item.changeSet] : [item]));
}

/**
 * Builds the body of one `$batch`. Pure: validates everything first and throws `InvalidInput`
 * naming the item at fault (a GET in a change set, a `$n` that names no earlier request of the
 * same change set, a Content-ID used twice, a URL with a space or over 64 KB, a header with a
 * line break, more than 1000 requests).
 * @internal
 */
export function buildBatch(items: readonly BatchItem[], options: Pick<BatchOptions, 'root'>, boundary = `batch_${newUuid()}`): BuiltBatch {
  const operations = operationsOf(items);
  if (operations.length === 0) throw invalidInput('batch', 'holds no request');
  if (operations.length > maxBatchRequests)
    throw invalidInput('batch', `holds ${operations.length} requests, over the limit of ${maxBatchRequests}`);
  const seen = new Set<string>();
  const parts = items.map((item, position) => {
    if (!isChangeSet(item)) return requestPart(item, `batch[${position}]`, options.root, undefined);
    if (item.changeSet.length === 0) throw invalidInput(`batch[${position}].changeSet`, 'holds no request');
    const declared = new Set<string>();
    const inner = `changeset_${newUuid()}`;
    const requests = item.changeSet.map((operation, offset) => {
      const field = `batch[${position}].changeSet[${offset}]`;
      if (operation.method === 'GET') throw invalidInput(`${field}.method`, 'GET is not allowed inside a change set');
      const part = requestPart(operation, field, options.root, declared);
      if (operation.contentId !== undefined) {
        if (seen.has(operation.contentId)) throw invalidInput(`${field}.contentId`, `${operation.contentId} is used twice in the batch`);
        seen.add(operation.contentId);
        declared.add(operation.contentId);
      }
      return part;
    });
    return `Content-Type: multipart/mixed; boundary=${inner}\r\n\r\n${delimit(requests, inner)}`;
  });
  // No line break after the closing delimiter (RFC 2046 needs none): a server may read the body up to
  // that line and stop, and some streams (MSW's interceptor) hang when a reader cancels the rest.
  return { contentType: `multipart/mixed; boundary=${boundary}`, text: delimit(parts, boundary), operations };
}

/** Parts joined into a multipart body with its closing delimiter. */
function delimit(parts: readonly string[], boundary: string): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--`;
}

/** One request as an `application/http` part. `declared`: the Content-IDs a `$n` may name (none outside a change set). */
function requestPart(operation: BatchOperation, field: string, root: string, declared: ReadonlySet<string> | undefined): string {
  if (!methods.has(operation.method)) throw invalidInput(`${field}.method`, `must be GET, POST, PATCH, PUT or DELETE`);
  const { url } = operation;
  if (typeof url !== 'string' || !urlPattern.test(url))
    throw invalidInput(`${field}.url`, 'must be a non-empty URL without spaces, line breaks or #');
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) throw invalidInput(`${field}.url`, 'must be relative to the Web API root');
  const reference = /^\$([A-Za-z0-9_.-]+)/.exec(url)?.[1];
  if (reference !== undefined && !declared?.has(reference)) {
    throw invalidInput(`${field}.url`, `$${reference} names no earlier request of the same change set`);
  }
  const target = reference === undefined ? root + url : url;
  if (target.length > maxBatchUrlLength)
    throw invalidInput(`${field}.url`, `is ${target.length} characters, over the $batch limit of ${maxBatchUrlLength}`);
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (operation.contentId !== undefined) {
    if (!contentIdPattern.test(operation.contentId)) throw invalidInput(`${field}.contentId`, 'must be 1 to 64 letters, digits, _ . or -');
    if (declared === undefined) throw invalidInput(`${field}.contentId`, 'is only meaningful inside a change set');
    mime.push(`Content-ID: ${operation.contentId}`);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (operation.method === 'GET') {
    headers.Prefer = [
      'odata.include-annotations="*"',
      ...(operation.maxPageSize === undefined ? [] : [`odata.maxpagesize=${operation.maxPageSize}`]),
    ].join(',');
  }
  let body = '';
  if (operation.body !== undefined) {
    try {
      body = JSON.stringify(operation.body);
    } catch (cause) {
      throw new OmnichannelError('InvalidInput', `${field}.body cannot be sent as JSON`, { field: `${field}.body`, cause });
    }
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  for (const [name, value] of Object.entries(operation.headers ?? {})) {
    if (!headerNamePattern.test(name) || typeof value !== 'string' || !headerValuePattern.test(value)) {
      throw invalidInput(`${field}.headers`, `holds a header HTTP cannot carry (${name.slice(0, 40)})`);
    }
    headers[name] = value;
  }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `${mime.join('\r\n')}\r\n\r\n${operation.method} ${target} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Splits items into batches of at most `maxRequests` requests each, in order; a change set is
 * never split. A change set longer than the limit is `InvalidInput`.
 * @internal
 */
export function splitBatch(items: readonly BatchItem[], maxRequests = maxBatchRequests): BatchItem[][] {
  if (!Number.isInteger(maxRequests) || maxRequests < 1 || maxRequests > maxBatchRequests) {
    throw invalidInput('maxRequests', `must be a whole number from 1 to ${maxBatchRequests}`);
  }
  const batches: BatchItem[][] = [];
  let current: BatchItem[] = [];
  let count = 0;
  items.forEach((item, position) => {
    const size = isChangeSet(item) ? item.changeSet.length : 1;
    if (size > maxRequests)
      throw invalidInput(`batch[${position}].changeSet`, `holds ${size} requests, over the limit of ${maxRequests} per batch`);
    if (count + size > maxRequests) {
      batches.push(current);
      current = [];
      count = 0;
    }
    current.push(item);
    count += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Sends items as one `$batch` per {@link BatchOptions.maxRequests} requests, one after the
 * other, and resolves one result per operation. A failed part is a result with an `error`, not
 * a rejection; the call rejects only when a whole batch fails (the transport's error, after its
 * retries: a `POST $batch` is retried on 429 only) or its answer cannot be read (`InvalidResponse`).
 * @internal
 */
export async function sendBatch(
  send: Transport,
  items: readonly BatchItem[],
  call: CallContext,
  options: BatchOptions,
): Promise<BatchResult[]> {
  const continueOnError = options.continueOnError ?? true;
  const chunks = splitBatch(items, options.maxRequests ?? maxBatchRequests);
  const built = chunks.map((chunk) => buildBatch(chunk, options)); // everything is checked before anything is sent
  const results: BatchResult[] = [];
  let stopped = false;
  for (const [position, chunk] of chunks.entries()) {
    const batch = built[position]!;
    if (stopped) {
      for (const operation of batch.operations)
        results.push({ index: results.length, operation, headers: {}, body: undefined, skipped: true });
      continue;
    }
    const response = await send(
      {
        method: 'POST',
        url: '$batch',
        multipart: batch.text,
        headers: { 'Content-Type': batch.contentType },
        prefer: continueOnError ? 'odata.continue-on-error' : undefined,
      },
      call,
    );
    const answered = readBatchAnswer(chunk, response, call, options.now ?? Date.now);
    for (const result of answered) results.push({ ...result, index: results.length });
    if (!continueOnError && answered.some((result) => result.error !== undefined)) stopped = true;
  }
  return results;
}

/**
 * Maps the answer of one `$batch` to a result per operation of `items`. Parts come back in
 * request order; a change set answers with a nested `multipart/mixed` of its parts, or, when it
 * failed, with the one error of the request that failed (nested or not). Parts missing at the
 * end were never run (the batch stopped at a failure).
 * @internal
 */
export function readBatchAnswer(items: readonly BatchItem[], response: HttpResponse, call: CallContext, now: () => number): BatchResult[] {
  const invalid = (problem: string) =>
    new OmnichannelError('InvalidResponse', `The $batch answer ${problem}`, { status: response.status, correlationId: call.correlationId });
  const boundary = multipartBoundary(response.headers.get('content-type'));
  if (typeof response.body !== 'string' || boundary === undefined) throw invalid('is not multipart/mixed');
  const parts = readMultipart(response.body, boundary);
  if (!parts) throw invalid('is not well-formed multipart/mixed (a missing closing delimiter or part header)');
  if (parts.length > items.length) throw invalid(`has ${parts.length} parts for ${items.length} requests and change sets`);
  const results: BatchResult[] = [];
  items.forEach((item, position) => {
    const part = parts[position];
    const operations = isChangeSet(item) ? item.changeSet : [item];
    if (!part) {
      for (const operation of operations) results.push({ index: results.length, operation, headers: {}, body: undefined, skipped: true });
      return;
    }
    const answers = answersOf(part, invalid);
    if (!isChangeSet(item)) {
      if (answers.nested || answers.responses.length !== 1) throw invalid(`answers request ${position} with a change set`);
      results.push(resultOf(results.length, item, answers.responses[0]!, call, now));
      return;
    }
    const failure = answers.responses.findIndex((answer) => answer.status >= 400);
    if (failure < 0) {
      if (answers.responses.length !== operations.length)
        throw invalid(`answers a change set of ${operations.length} with ${answers.responses.length} parts`);
      answers.responses.forEach((answer, offset) => results.push(resultOf(results.length, operations[offset]!, answer, call, now)));
      return;
    }
    // The change set failed: one error for it, carrying the failing request's Content-ID when the service gives it.
    const answer = answers.responses[failure]!;
    const failedAt = failingRequest(operations, answers.contentIds[failure], failure, answers.responses.length);
    operations.forEach((operation, offset) => {
      const result = resultOf(results.length, operation, answer, call, now);
      results.push(offset === failedAt ? result : { ...result, status: undefined, rolledBack: true });
    });
  });
  return results;
}

/** The responses a top-level part holds: itself, or the parts of a nested change-set answer. */
function answersOf(part: MimePart, invalid: (problem: string) => OmnichannelError) {
  const nested = multipartBoundary(part.headers.get('content-type'));
  const inner = nested === undefined ? [part] : readMultipart(part.content, nested);
  if (!inner) throw invalid('holds a change-set answer that is not well-formed multipart/mixed');
  const responses = inner.map((mime) => {
    const response = readPartResponse(mime.content);
    if (!response) throw invalid('holds a part without an HTTP status line');
    return response;
  });
  return { nested: nested !== undefined, responses, contentIds: inner.map((mime) => mime.headers.get('content-id')) };
}

/** Which request of a failed change set failed: by Content-ID, else by position when the answer has one per request. */
function failingRequest(operations: readonly BatchOperation[], contentId: string | undefined, position: number, answered: number): number {
  const byId = contentId === undefined ? -1 : operations.findIndex((operation) => operation.contentId === contentId);
  if (byId >= 0) return byId;
  if (operations.length === 1 || answered === operations.length) return position;
  return -1;
}

function resultOf(index: number, operation: BatchOperation, answer: PartResponse, call: CallContext, now: () => number): BatchResult {
  const body = bodyOf(answer.body, answer.headers['content-type']);
  const result: BatchResult = { index, operation, status: answer.status, headers: answer.headers, body };
  if (answer.status >= 400) result.error = partError(operation, answer.status, answer.headers, body, call, now);
  return result;
}

function bodyOf(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType === undefined || /json/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A request URL as a message shows it: percent-decoding undone where it can be, at most 200 characters. */
function readable(url: string): string {
  let text = url;
  try {
    text = decodeURIComponent(url);
  } catch {
    // A stray % (in a literal): shown as sent.
  }
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** A failed part as the SDK's error: its status, Dataverse's code and message, its request id and Retry-After. */
function partError(
  operation: BatchOperation,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  call: CallContext,
  now: () => number,
): OmnichannelError {
  const error = (body as { error?: { code?: unknown; message?: unknown; innererror?: unknown } } | undefined)?.error;
  const dataverseCode = typeof error?.code === 'string' && error.code !== '' ? error.code : undefined;
  const reason =
    typeof error?.message === 'string' ? error.message : typeof body === 'string' && body !== '' ? body.slice(0, 200) : 'no error message';
  const url = readable(operation.url);
  let kept: Readonly<Record<string, string>> = {};
  try {
    kept = diagnosticHeaders(new Headers(headers));
  } catch {
    // A header Headers refuses: the part's other details still say enough.
  }
  const innererror =
    typeof error?.innererror === 'object' && error.innererror !== null && !Array.isArray(error.innererror) ? error.innererror : undefined;
  return new OmnichannelError(codeForStatus(status), `${operation.method} ${url} failed in $batch with HTTP ${status}: ${reason}`, {
    status,
    dataverseCode,
    correlationId: call.correlationId,
    serviceRequestId: headers['x-ms-service-request-id'],
    retryAfterMs: parseRetryAfter(headers['retry-after'] ?? null, now()),
    headers: kept,
    innererror: innererror as Record<string, unknown> | undefined,
  });
}

/**
 * A transport that sends a GET whose URL is over Dataverse's 32 KB limit as a GET inside a
 * `$batch` (where a URL may have 64 KB) instead of failing; every other request goes to `send`
 * as it is. The batch's part answers as the GET would have: its body, or its error thrown.
 * @internal
 */
export function longGetTransport(send: Transport, webApiUrl: string, now: () => number = Date.now): Transport {
  const base = new URL(webApiUrl);
  return async (request, call) => {
    if (request.method !== 'GET' || request.multipart) return send(request, call);
    let resolved: URL;
    try {
      resolved = new URL(request.url, base);
    } catch {
      return send(request, call); // the transport refuses it with its own message
    }
    if (resolved.href.length <= maxUrlLength) return send(request, call);
    const prefix = base.href.toLowerCase();
    if (!resolved.href.toLowerCase().startsWith(prefix)) return send(request, call); // not under the root: the transport refuses it
    const operation: BatchOperation = {
      method: 'GET',
      url: resolved.href.slice(base.href.length).replace(/#.*$/, ''),
      maxPageSize: request.maxPageSize,
    };
    const [result] = await sendBatch(send, [operation], call, { root: base.pathname, now });
    if (!result || result.skipped)
      throw new OmnichannelError('InvalidResponse', 'The $batch answer holds no answer to the GET', { correlationId: call.correlationId });
    if (result.error) throw result.error;
    return { url: resolved.href, status: result.status!, headers: new Headers(result.headers), body: result.body } satisfies HttpResponse;
  };
}
