import type { TableDef } from '../../index.js';

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
  /** An HTTP method the resource does not accept. */
  MethodNotAllowed: '0x80060887',
  /** An unexpected failure inside the emulator (Dataverse's generic server error). */
  Unexpected: '0x80040216',
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

/** A 400 with Dataverse's code for a request (body, reference, batch) it refuses. @internal */
export function badRequest(message: string): ODataError {
  return new ODataError(400, ErrorCodes.BadRequest, message);
}

/** The 404 for a path segment no route serves: an unknown entity set, function or property path. @internal */
export function segmentNotFound(segment: string): ODataError {
  return new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${segment}'.`);
}

/** The 404 for a record that does not exist, in Dataverse's words. @internal */
export function recordNotFound(logicalName: string, id: string): ODataError {
  return new ODataError(404, ErrorCodes.RecordNotFound, `${logicalName} With Id = ${id} Does Not Exist`);
}

/** The 400 Dataverse answers for a property a query names (`$select`, `$orderby`, a path) that the type does not have. @internal */
export function unknownProperty(name: string, table: Pick<TableDef, 'logicalName'>): ODataError {
  return new ODataError(
    400,
    ErrorCodes.BadQuery,
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}

/** The 400 Dataverse answers for a property a request body writes that the type does not have. @internal */
export function undeclaredProperty(name: string, table: Pick<TableDef, 'logicalName'>): ODataError {
  return badRequest(
    `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type.`,
  );
}

/** The 405 for an HTTP method the addressed resource does not accept. @internal */
export function methodNotAllowed(method: string): ODataError {
  return new ODataError(405, ErrorCodes.MethodNotAllowed, `The HTTP method ${method} is not allowed on this resource.`);
}

/**
 * The 501 for a method that is no Web API method at all (`TRACE`, `CONNECT`, `PROPFIND`):
 * RFC 9110 answers a method the server does not recognise with 501, one it knows but the
 * resource refuses with 405.
 * @internal
 */
export function methodNotImplemented(method: string): ODataError {
  return new ODataError(501, ErrorCodes.NotImplemented, `The HTTP method ${method} is not supported by the Web API.`);
}
