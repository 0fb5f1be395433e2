/**
 * One record as a response: a retrieve (`GET <set>(<id>)`, with `If-None-Match`) and the answer
 * to a write (204 with `OData-EntityId`, or the record under `Prefer: return=representation`).
 */
import type { TableDef } from '../../index.js';
import type { RequestContext } from './context.js';
import { etagOf } from './etag.js';
import { type QueryOptions, parseQueryOptions, rejectRepeatedOptions } from './query.js';
import { shapeRecord } from './shape.js';
import { json, noContent, notModified } from './responses.js';

/** `@odata.context` of a collection or, with `/$entity` after it, of one record. @internal */
export function contextUrl(base: string, table: TableDef, options: QueryOptions): string {
  return `${base}$metadata#${table.entitySetName}${options.select ? `(${options.select.join(',')})` : ''}`;
}

/** Only `$select` and `$expand` apply to a single record; a repeated option is refused all the same. @internal */
export function singleRecordOptions(table: TableDef, params: URLSearchParams): QueryOptions {
  rejectRepeatedOptions(params);
  const allowed = new URLSearchParams();
  for (const [name, value] of params) if (name === '$select' || name === '$expand' || name.startsWith('@')) allowed.set(name, value);
  return parseQueryOptions(table, allowed);
}

/** The record `id` of `table` shaped by the request's `$select` and `$expand`; 304 for `If-None-Match` with its etag. @internal */
export function answerRecord(context: RequestContext, table: TableDef, id: string): Response {
  const options = singleRecordOptions(table, context.url.searchParams);
  const row = context.store.require(table.logicalName, id);
  if (context.headers.get('if-none-match') === etagOf(row)) return notModified(context.org);
  return json(context.org, recordBody(context, table, id, options));
}

/**
 * The answer to a create or an update of record `id`: 204 with `OData-EntityId`, or the record
 * with `representationStatus` (201 created, 200 updated) when `Prefer: return=representation`.
 * @internal
 */
export function answerWrite(context: RequestContext, table: TableDef, id: string, representationStatus: number): Response {
  const entityId = `${context.base}${table.entitySetName}(${id})`;
  if (!/return=representation/i.test(context.headers.get('prefer') ?? '')) return noContent(context.org, { 'OData-EntityId': entityId });
  const options = singleRecordOptions(table, context.url.searchParams);
  return json(context.org, recordBody(context, table, id, options), representationStatus, {
    'OData-EntityId': entityId,
    'Preference-Applied': 'return=representation',
  });
}

function recordBody(context: RequestContext, table: TableDef, id: string, options: QueryOptions): Record<string, unknown> {
  const row = context.store.require(table.logicalName, id);
  return {
    '@odata.context': `${contextUrl(context.base, table, options)}/$entity`,
    ...shapeRecord(context.store, table, row, options, context.include),
  };
}
