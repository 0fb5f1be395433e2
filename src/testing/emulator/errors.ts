/**
 * An error the emulator answers with, in Dataverse's body shape
 * `{ "error": { "code": "0x…", "message": "…" } }`.
 */
export class ODataError extends Error {
  constructor(
    /** HTTP status to answer with. */
    readonly status: number,
    /** Dataverse error code (hex string), the body's `error.code`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

/** Dataverse error codes the emulator uses, with the situations Dataverse uses them for. */
export const ErrorCodes = {
  /** Unknown property in $select/$filter/$orderby/$expand, or a malformed query option. */
  BadQuery: '0x80060888',
  /** Unknown entity set or path segment. */
  ResourceNotFound: '0x8006088a',
  /** A record with the given id does not exist. */
  RecordNotFound: '0x80040217',
  /** A request body Dataverse would reject (bad JSON, bad value, missing required column). */
  BadRequest: '0x80048d19',
  /** A feature the emulator deliberately does not implement. */
  NotImplemented: '0x8006088b',
  /** Duplicate primary key on create. */
  DuplicateRecord: '0x80040237',
  /** If-Match etag mismatch. */
  PreconditionFailed: '0x80060882',
  /** Injected service-protection fault. */
  Throttled: '0x80072322',
} as const;

/** Builds the Dataverse-shaped JSON error response for an {@link ODataError}. */
export function errorResponse(error: ODataError, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('Content-Type', 'application/json; odata.metadata=minimal');
  h.set('OData-Version', '4.0');
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), {
    status: error.status,
    headers: h,
  });
}
