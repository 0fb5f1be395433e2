import type { PlainRequest } from './emulator.js';
import { ErrorCodes, ODataError, errorResponse } from './errors.js';

/** One operation of a batch, or an atomic change set of them. */
type BatchItem = { kind: 'request'; request: BatchRequest } | { kind: 'changeset'; requests: BatchRequest[] };

interface BatchRequest {
  contentId?: string;
  method: string;
  /** As written in the part: absolute, root-relative, relative or `$<content-id>/…`. */
  target: string;
  headers: Headers;
  body: string;
}

/** Answers one request; the emulator's own dispatcher. */
type Answer = (request: PlainRequest) => Promise<Response>;

const maxRequests = 1000;
const statusText: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 412: 'Precondition Failed', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};

/**
 * Runs a `$batch` request: parts in order, each change set atomic (all its changes are
 * undone when one fails), `$<Content-ID>` references resolved to the records created
 * earlier in the same change set. Without `Prefer: odata.continue-on-error` the batch stops
 * at the first failure, as Dataverse does.
 * @internal
 */
export async function runBatch(
  request: PlainRequest,
  base: string,
  answer: Answer,
  /** Saves the org's records; calling the result restores them. */
  snapshot: () => () => void,
  newId: () => string,
): Promise<Response> {
  const boundary = boundaryOf(request.headers.get('content-type'));
  if (!boundary) throw new ODataError(400, ErrorCodes.BadRequest, 'A $batch request needs Content-Type: multipart/mixed;boundary=…');
  const items = parseItems(request.body, boundary);
  if (items.reduce((n, item) => n + (item.kind === 'request' ? 1 : item.requests.length), 0) > maxRequests) {
    throw new ODataError(400, ErrorCodes.BadRequest, `A batch may hold at most ${maxRequests} requests.`);
  }
  const continueOnError = /odata\.continue-on-error/i.test(request.headers.get('prefer') ?? '');
  const out = `batchresponse_${newId()}`;
  const parts: string[] = [];

  for (const item of items) {
    if (item.kind === 'request') {
      if (item.request.target.startsWith('$')) throw new ODataError(400, ErrorCodes.BadRequest, 'Content-ID references are only valid inside a change set.');
      const response = await answer(toPlain(item.request, base, new Map()));
      parts.push(httpPart(await serialise(response)));
      if (!response.ok && !continueOnError) break;
      continue;
    }
    const restore = snapshot();
    const created = new Map<string, string>();
    const answered: string[] = [];
    let failure: string | undefined;
    for (const inner of item.requests) {
      if (inner.method === 'GET') {
        failure = await serialise(errorResponse(new ODataError(400, ErrorCodes.BadRequest, 'GET requests are not allowed inside a change set.')));
        break;
      }
      const response = await answer(toPlain(inner, base, created));
      const serialised = await serialise(response);
      if (!response.ok) {
        failure = serialised;
        break;
      }
      const entityId = response.headers.get('OData-EntityId');
      if (inner.contentId !== undefined && entityId) created.set(inner.contentId, entityId);
      answered.push(httpPart(serialised, inner.contentId));
    }
    if (failure !== undefined) {
      restore();
      parts.push(httpPart(failure));
      if (!continueOnError) break;
      continue;
    }
    const inner = `changesetresponse_${newId()}`;
    parts.push(`Content-Type: multipart/mixed; boundary=${inner}\r\n\r\n${answered.map((p) => `--${inner}\r\n${p}`).join('\r\n')}\r\n--${inner}--`);
  }

  const body = `${parts.map((part) => `--${out}\r\n${part}`).join('\r\n')}\r\n--${out}--\r\n`;
  return new Response(body, { status: 200, headers: { 'Content-Type': `multipart/mixed; boundary=${out}`, 'OData-Version': '4.0' } });
}

function boundaryOf(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/mixed/i.test(contentType)) return undefined;
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
}

/** Splits a multipart body into its parts' raw text (headers, blank line, content). */
function splitParts(body: string, boundary: string): string[] {
  const text = body.replace(/\r\n/g, '\n');
  const end = text.indexOf(`--${boundary}--`);
  if (end < 0) throw new ODataError(400, ErrorCodes.BadRequest, `The batch body does not end with --${boundary}--.`);
  return text
    .slice(0, end)
    .split(`--${boundary}\n`)
    .slice(1)
    .map((part) => part.replace(/\n$/, ''));
}

function parseItems(body: string, boundary: string): BatchItem[] {
  return splitParts(body, boundary).map((part) => {
    const { headers, content } = splitHead(part);
    const nested = boundaryOf(headers.get('content-type'));
    if (nested) {
      return { kind: 'changeset', requests: splitParts(content, nested).map((inner) => parseRequest(inner)) };
    }
    return { kind: 'request', request: parseRequest(part) };
  });
}

/** One `application/http` part: MIME headers, then the request line, headers and body. */
function parseRequest(part: string): BatchRequest {
  const { headers: mime, content } = splitHead(part);
  if (!/application\/http/i.test(mime.get('content-type') ?? '')) {
    throw new ODataError(400, ErrorCodes.BadRequest, 'Each batch part must have Content-Type: application/http.');
  }
  const [requestLine = '', ...rest] = content.split('\n');
  const line = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)\s+HTTP\/1\.1$/i.exec(requestLine.trim());
  if (!line) throw new ODataError(400, ErrorCodes.BadRequest, `Malformed request line in batch: '${requestLine}'.`);
  const { headers, content: body } = splitHead(rest.join('\n'));
  return {
    contentId: mime.get('content-id') ?? headers.get('content-id') ?? undefined,
    method: line[1]!.toUpperCase(),
    target: line[2]!,
    headers,
    body: body.trim(),
  };
}

/** Headers up to the first blank line, and what follows. */
function splitHead(text: string): { headers: Headers; content: string } {
  const lines = text.split('\n');
  const headers = new Headers();
  let index = 0;
  for (; index < lines.length && lines[index]!.trim() !== ''; index++) {
    const colon = lines[index]!.indexOf(':');
    if (colon > 0) headers.append(lines[index]!.slice(0, colon).trim(), lines[index]!.slice(colon + 1).trim());
  }
  return { headers, content: lines.slice(index + 1).join('\n') };
}

/** Resolves a part's URL against the Web API root and `$n` references against earlier results. */
function toPlain(request: BatchRequest, base: string, created: Map<string, string>): PlainRequest {
  const resolveReference = (text: string) => {
    const match = /^\$(\w+)(.*)$/.exec(text);
    if (!match) return text;
    const url = created.get(match[1]!);
    if (!url) throw new ODataError(400, ErrorCodes.BadRequest, `Content-ID reference $${match[1]} does not name an earlier request of this change set.`);
    return url + match[2];
  };
  const target = resolveReference(request.target);
  const url = /^https?:/i.test(target) ? target : target.startsWith('/') ? new URL(target, base).toString() : base + target;
  return { method: request.method, url, headers: request.headers, body: resolveBodyReferences(request.body, created) };
}

/**
 * Puts the URL of a record created earlier in the change set in place of `$n` where a body
 * names a record: the values of `…@odata.bind` (one or a list) and of `@odata.id`. Nowhere
 * else: replacing every JSON string "$1" stored the URL as, say, an account's name.
 */
function resolveBodyReferences(body: string, created: Map<string, string>): string {
  if (created.size === 0) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body; // not JSON: the request's own handler answers for it
  }
  let replaced = false;
  const resolve = (value: unknown): unknown => {
    const id = typeof value === 'string' ? /^\$(\w+)$/.exec(value)?.[1] : undefined;
    if (id === undefined || !created.has(id)) return value;
    replaced = true;
    return created.get(id);
  };
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === '@odata.id' || key.endsWith('@odata.bind')) record[key] = Array.isArray(value) ? value.map(resolve) : resolve(value);
      else visit(value);
    }
  };
  visit(parsed);
  // Re-serialised only when something changed: a body without references reaches its handler as sent.
  return replaced ? JSON.stringify(parsed) : body;
}

/** A response as the text of an `application/http` part body. */
async function serialise(response: Response): Promise<string> {
  const head = [`HTTP/1.1 ${response.status} ${statusText[response.status] ?? ''}`.trimEnd()];
  response.headers.forEach((value, name) => head.push(`${name}: ${value}`));
  const body = await response.text();
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

function httpPart(serialised: string, contentId?: string): string {
  const id = contentId === undefined ? '' : `Content-ID: ${contentId}\r\n`;
  return `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${id}\r\n${serialised}`;
}
