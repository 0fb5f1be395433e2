/** The answers the loopback server gives itself, before or instead of asking the org. */
import type { ServerResponse } from 'node:http';

/**
 * A request the server answers itself: refused (403), malformed (400), too large (413), or a
 * file it cannot read (500, 503). With a `code`, the body is Dataverse's error shape
 * `{"error":{"code","message"}}` (for Web API clients); without one, plain text.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Dataverse error code (hex string) of a Web API answer. */
    readonly code?: string,
    /** Extra response headers, e.g. `Retry-After` or `Connection: close`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Answers `error` on `res`; once headers are out nothing can be said any more, so the
 * connection is dropped and the client sees a truncated answer rather than a wrong one.
 */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const known = error instanceof HttpError ? error : new HttpError(500, String(error));
  const [contentType, body] =
    known.code === undefined
      ? ['text/plain; charset=utf-8', known.message]
      : ['application/json; odata.metadata=minimal', JSON.stringify({ error: { code: known.code, message: known.message } })];
  res.writeHead(known.status, { ...known.headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}
