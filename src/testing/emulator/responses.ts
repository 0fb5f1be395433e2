/**
 * The responses routes answer with. Every one carries `OData-Version` and a new
 * `x-ms-service-request-id`, as Dataverse stamps every answer.
 */
import type { OrgContext } from './context.js';
import { ErrorCodes, ODataError, errorResponse } from './errors.js';

/** Where a response gets its service request id. */
type ResponseIds = Pick<OrgContext, 'newResponseId'>;

/** `OData-Version` and a new `x-ms-service-request-id`. @internal */
export function serviceHeaders(org: ResponseIds): Record<string, string> {
  return { 'OData-Version': '4.0', 'x-ms-service-request-id': org.newResponseId() };
}

/** A JSON answer (`application/json; odata.metadata=minimal`). @internal */
export function json(org: ResponseIds, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8', ...serviceHeaders(org), ...headers },
  });
}

/** A plain-text answer: `$count`, `$value`. @internal */
export function text(org: ResponseIds, body: string): Response {
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...serviceHeaders(org) } });
}

/** 204 No Content, with extra headers such as `OData-EntityId`. @internal */
export function noContent(org: ResponseIds, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { ...serviceHeaders(org), ...headers } });
}

/** 304 Not Modified, for an `If-None-Match` that carries the current etag. @internal */
export function notModified(org: ResponseIds): Response {
  return new Response(null, { status: 304, headers: serviceHeaders(org) });
}

/**
 * The answer to a failure: an `ODataError` as Dataverse's error body, anything else as a 500
 * that names it (a defect of the emulator, reported rather than thrown at the client).
 * @internal
 */
export function errorAnswer(org: ResponseIds, error: unknown): Response {
  if (error instanceof ODataError) return errorResponse(error, serviceHeaders(org));
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(new ODataError(500, ErrorCodes.Unexpected, `Emulator failure: ${message}`), serviceHeaders(org));
}
