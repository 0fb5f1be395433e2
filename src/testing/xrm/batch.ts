/**
 * `executeMultiple` as one `$batch` request: requests and change sets written as a
 * `multipart/mixed` body, and the answer read back into one response-like object per part.
 */
import type { XrmExecuteResponse } from './types.js';

/** One HTTP request: method, path under the Web API root, headers, JSON body. @internal */
export interface RequestPart {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A request, or a change set (requests run as one transaction). @internal */
export type BatchItem = RequestPart | RequestPart[];

/** The `$batch` body of `items`, and its boundary. @internal */
export function batchOf(items: readonly BatchItem[], apiRoot: string): { body: string; boundary: string } {
  const boundary = 'batch_xrm';
  const parts = items.map((item, index) => {
    if (!Array.isArray(item)) return httpPart(item, apiRoot);
    const changeset = `changeset_xrm${index + 1}`;
    const inner = item.map((part, n) => httpPart(part, apiRoot, n + 1));
    return `Content-Type: multipart/mixed;boundary=${changeset}\r\n\r\n${multipart(inner, changeset)}`;
  });
  return { body: multipart(parts, boundary), boundary };
}

function httpPart(part: RequestPart, apiRoot: string, contentId?: number): string {
  const head = [`${part.method} ${apiRoot}${part.path} HTTP/1.1`, 'Accept: application/json'];
  for (const [name, value] of Object.entries(part.headers)) head.push(`${name}: ${value}`);
  if (part.body !== undefined) head.push('Content-Type: application/json');
  const id = contentId === undefined ? '' : `Content-ID: ${contentId}\r\n`;
  const body = part.body === undefined ? '' : JSON.stringify(part.body);
  return `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${id}\r\n${head.join('\r\n')}\r\n\r\n${body}`;
}

function multipart(parts: readonly string[], boundary: string): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}`).join('\r\n')}\r\n--${boundary}--\r\n`;
}

/** The responses of a `$batch` answer, change set parts in line, in order. @internal */
export async function readBatchResponse(response: Response, apiRoot: string): Promise<XrmExecuteResponse[]> {
  const boundary = boundaryOf(response.headers.get('content-type'));
  if (!boundary) throw { errorCode: 0, message: 'The $batch answer is not multipart/mixed.' };
  return partsOf(await response.text(), boundary).flatMap((part) => readPart(part, apiRoot));
}

function readPart(part: string, apiRoot: string): XrmExecuteResponse[] {
  const { headers, content } = splitHead(part);
  const nested = boundaryOf(headers.get('content-type'));
  if (nested) return partsOf(content, nested).flatMap((inner) => readPart(inner, apiRoot));
  const [statusLine = '', ...rest] = content.split(/\r?\n/);
  const match = /^HTTP\/1\.1 (\d{3}) ?(.*)$/.exec(statusLine);
  const status = Number(match?.[1] ?? 0);
  const http = splitHead(rest.join('\r\n'));
  return [plainResponse(status, match?.[2] ?? '', http.headers, http.content, http.headers.get('odata-entityid') ?? apiRoot)];
}

function partsOf(text: string, boundary: string): string[] {
  const parts: string[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return parts;
}

function splitHead(text: string): { headers: Headers; content: string } {
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const content = end ? text.slice(end.index + end[0].length) : '';
  const headers = new Headers();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { headers, content };
}

function boundaryOf(contentType: string | null): string | undefined {
  return /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
}

/** A fetch `Response` as `execute` resolves it, with the URL of the request (a constructed Response has none). @internal */
export function responseLike(response: Response, url: string): XrmExecuteResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    url,
    json: () => response.json(),
    text: () => response.text(),
  };
}

function plainResponse(status: number, statusText: string, headers: Headers, body: string, url: string): XrmExecuteResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    headers,
    url,
    json: async () => JSON.parse(body) as unknown,
    text: async () => body,
  };
}
