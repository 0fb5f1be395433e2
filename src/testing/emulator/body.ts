/**
 * Reading request bodies as Dataverse does: JSON (bounded in depth), a record to write with
 * `<navigation>@odata.bind`, a record reference `{ "@odata.id": … }`, a property `{ value }`.
 */
import type { TableDef } from '../../index.js';
import type { RequestContext } from './context.js';
import { ErrorCodes, ODataError, badRequest, undeclaredProperty } from './errors.js';
import { collectionNavigation, singleNavigation } from './relationships.js';
import { parseKey, readEntitySet } from './resourcePath.js';
import { type RecordValues, own } from './store.js';

/**
 * How deeply a JSON body may nest: the limit of the OData reader Dataverse reads bodies with
 * (`MessageQuotas.MaxNestingDepth`). No body the Web API takes comes near it; a deeper one
 * would only reach code that recurses (`JSON.stringify` in an error message) and answer 500.
 */
export const maxJsonDepth = 100;

/**
 * Parses a JSON body: 400 when it is empty, not JSON, or nested deeper than {@link maxJsonDepth}.
 * @internal
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw badRequest('The request body is empty.');
  if (nestsDeeperThan(text, maxJsonDepth)) throw badRequest(`The request body nests deeper than ${maxJsonDepth} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Whether JSON text opens more than `limit` objects or arrays inside one another: one pass
 * over the text, brackets inside strings ignored, before anything builds or walks the value.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Turns a POST/PATCH body into store values: columns by logical name, lookups through
 * `<navigation>@odata.bind` (null clears), as Dataverse reads them.
 * @internal
 */
export async function readWriteBody(context: RequestContext, table: TableDef): Promise<RecordValues> {
  const body = parseJsonBody(await context.body.text());
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const values: RecordValues = {};
  for (const [key, value] of Object.entries(body)) {
    const bind = /^([A-Za-z_][A-Za-z0-9_]*)@odata\.bind$/.exec(key);
    if (bind) {
      const nav = singleNavigation(table, bind[1]!);
      if (!nav) {
        throw badRequest(
          `An undeclared property '${bind[1]}' which only has property annotations in the payload but no property value was found in the payload.`,
        );
      }
      if (value === null) {
        values[nav.column] = null;
      } else {
        const ref = readReference(context.base, { '@odata.id': value });
        if (ref.table.logicalName !== nav.target) throw badRequest(`${bind[1]} cannot reference ${ref.table.entitySetName}.`);
        values[nav.column] = { table: nav.target, id: ref.id };
      }
      continue;
    }
    if (key.includes('@')) continue; // instance annotations (@odata.type, …) carry no value
    const nav = singleNavigation(table, key);
    if (nav && value === null) {
      values[nav.column] = null;
      continue;
    }
    if (nav || collectionNavigation(table, key))
      throw new ODataError(501, ErrorCodes.NotImplemented, `Deep insert through ${key} is not emulated.`);
    const column = own(table.columns, key);
    if (!column || column.kind === 'lookup') throw undeclaredProperty(key, table);
    if (column.readOnly) continue; // Dataverse ignores values for columns that are not valid for create or update
    values[key] = value;
  }
  return values;
}

/**
 * Reads `{ "@odata.id": "<set>(<id>)" }`: absolute, root-relative (`/accounts(<id>)`, the form
 * Dataverse's own docs use in `@odata.bind`) or relative to the Web API root `base`.
 * @internal
 */
export function readReference(base: string, body: unknown): { table: TableDef; id: string } {
  const target = (body as { '@odata.id'?: unknown } | null)?.['@odata.id'];
  if (typeof target !== 'string') throw badRequest('Expected "@odata.id": "<entityset>(<id>)".');
  const path = target.startsWith(base) ? target.slice(base.length) : target.replace(/^.*\/api\/data\/v9\.[0-2]\//, '').replace(/^\//, '');
  const set = readEntitySet(path);
  if (!set || set.key === undefined) throw badRequest(`'${target}' is not a record URL.`);
  return { table: set.table, id: parseKey(set.key) };
}

/** A `$ref` body, `{ "@odata.id": … }`, read as the record it names. @internal */
export async function readReferenceBody(context: RequestContext): Promise<{ table: TableDef; id: string }> {
  return readReference(context.base, parseJsonBody(await context.body.text()));
}

/**
 * The `value` of a `PUT <set>(<id>)/<column>` body. `{}` is not a null: without this check it
 * cleared the column, where Dataverse refuses the body.
 * @internal
 */
export async function readPropertyValue(context: RequestContext): Promise<unknown> {
  const body = parseJsonBody(await context.body.text());
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, 'value')) {
    throw badRequest('The request body must be { "value": … }: the property value is missing.');
  }
  return (body as { value: unknown }).value;
}
