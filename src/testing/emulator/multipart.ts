/**
 * Reading a `$batch` body (`multipart/mixed`): its parts, change sets (a nested
 * `multipart/mixed`) and the `application/http` requests inside. The body is read line by line
 * as it arrives, and reading stops as soon as the part over the request limit starts: a body
 * of 20 MB over the limit is refused after its first thousand parts, not parsed whole first.
 */
import { badRequest } from './errors.js';

/** One request of a batch, as its part writes it. @internal */
export interface BatchRequest {
  contentId?: string;
  method: string;
  /** As written in the part: absolute, root-relative, relative or `$<content-id>/…`. */
  target: string;
  headers: Headers;
  body: string;
}

/** One operation of a batch, or an atomic change set of them. @internal */
export type BatchItem = { kind: 'request'; request: BatchRequest } | { kind: 'changeset'; requests: BatchRequest[] };

/** The boundary of a `multipart/mixed` content type; `undefined` for any other type. @internal */
export function boundaryOf(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/mixed/i.test(contentType)) return undefined;
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
}

/**
 * Reads the parts of a batch body delimited by `boundary`: 400 for a body that does not end
 * with the closing delimiter, for a malformed part, and as soon as it holds more than
 * `maxRequests` requests (a change set's requests each count).
 * @internal
 */
export async function readBatchItems(chunks: AsyncIterable<string>, boundary: string, maxRequests: number): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  const counter = requestCounter(maxRequests);
  let part: PartReader | undefined;
  for await (const line of lines(chunks)) {
    const delimiter = line.trimEnd();
    if (delimiter === `--${boundary}--`) {
      if (part) items.push(part.finish());
      return items; // the epilogue, if any, is left unread
    }
    if (delimiter === `--${boundary}`) {
      if (part) items.push(part.finish());
      part = partReader(counter);
    } else {
      part?.add(line); // lines before the first delimiter are the preamble
    }
  }
  throw badRequest(`The batch body does not end with --${boundary}--.`);
}

/** Counts requests as their parts start, refusing the one over the limit. */
function requestCounter(maxRequests: number): () => void {
  let count = 0;
  return () => {
    if (++count > maxRequests) throw badRequest(`A batch may hold at most ${maxRequests} requests.`);
  };
}

interface PartReader {
  add(line: string): void;
  finish(): BatchItem;
}

/**
 * Collects the lines of one top-level part. Once its MIME headers are read it counts as a
 * request, or, for a change set, each of its inner parts counts as its delimiter arrives.
 */
function partReader(countRequest: () => void): PartReader {
  const collected: string[] = [];
  let headersRead = false;
  let innerBoundary: string | undefined;
  return {
    add(line) {
      collected.push(line);
      if (!headersRead) {
        if (line.trim() !== '') return;
        headersRead = true;
        innerBoundary = boundaryOf(splitHead(collected.join('\n')).headers.get('content-type'));
        if (innerBoundary === undefined) countRequest();
      } else if (innerBoundary !== undefined && line.trimEnd() === `--${innerBoundary}`) {
        countRequest();
      }
    },
    finish() {
      const text = collected.join('\n');
      const { headers, content } = splitHead(text);
      const nested = boundaryOf(headers.get('content-type'));
      if (nested) return { kind: 'changeset', requests: splitParts(content, nested).map(parseRequest) };
      return { kind: 'request', request: parseRequest(text) };
    },
  };
}

/** The lines of a text stream, without their `\n` or `\r\n`; the last line may have no end. */
async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string, void, undefined> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let start = 0;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n', start)) {
      yield buffer.slice(start, buffer[end - 1] === '\r' ? end - 1 : end);
      start = end + 1;
    }
    buffer = buffer.slice(start);
  }
  if (buffer !== '') yield buffer;
}

/** Splits a change set's content into its parts' text (headers, blank line, content). */
function splitParts(content: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of content.split('\n')) {
    const delimiter = line.trimEnd();
    if (delimiter === `--${boundary}--`) {
      if (current) parts.push(current.join('\n'));
      return parts;
    }
    if (delimiter === `--${boundary}`) {
      if (current) parts.push(current.join('\n'));
      current = [];
    } else {
      current?.push(line);
    }
  }
  throw badRequest(`The change set does not end with --${boundary}--.`);
}

/** One `application/http` part: MIME headers, then the request line, headers and body. */
function parseRequest(part: string): BatchRequest {
  const { headers: mime, content } = splitHead(part);
  if (!/application\/http/i.test(mime.get('content-type') ?? ''))
    throw badRequest('Each batch part must have Content-Type: application/http.');
  const [requestLine = '', ...rest] = content.split('\n');
  // Any method token: one the Web API does not have is the router's 501, as outside a batch.
  const line = /^([A-Za-z]+)\s+(\S+)\s+HTTP\/1\.1$/i.exec(requestLine.trim());
  if (!line) throw badRequest(`Malformed request line in batch: '${requestLine}'.`);
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
  const all = text.split('\n');
  const headers = new Headers();
  let index = 0;
  for (; index < all.length && all[index]!.trim() !== ''; index++) {
    const line = all[index]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // `Headers` throws a TypeError for a name or value HTTP does not allow: the client's error.
      throw badRequest(`Malformed header line in batch: '${line.slice(0, 100)}'.`);
    }
  }
  return { headers, content: all.slice(index + 1).join('\n') };
}
