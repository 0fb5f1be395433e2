/** A request the emulator received, for assertions in tests. */
export interface RecordedRequest {
  /** The HTTP method. */
  method: string;
  /** The full URL. */
  url: string;
  /** A copy of the request headers (`Authorization`, `Prefer`, …), to assert on what a client sends. */
  headers: Headers;
  /** The `x-ms-correlation-id` header, when sent. */
  correlationId: string | null;
  /** The `x-ms-client-request-id` header, when sent. */
  clientRequestId: string | null;
}

/**
 * Appends `request` to `log` and drops the oldest entries beyond `limit`. The log stays the
 * same array, so a test that holds it, or empties it with `length = 0`, keeps working.
 * @internal
 */
export function recordRequest(log: RecordedRequest[], request: Request, limit: number): void {
  if (limit === 0) return;
  log.push({
    method: request.method,
    url: request.url,
    headers: new Headers(request.headers),
    correlationId: request.headers.get('x-ms-correlation-id'),
    clientRequestId: request.headers.get('x-ms-client-request-id'),
  });
  if (log.length > limit) log.splice(0, log.length - limit);
}
