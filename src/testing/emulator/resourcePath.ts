/**
 * Reading the segments of a Web API path: `<set>`, `<set>(<key>)`, keys. Shared by the route
 * matchers and by record references (`@odata.id`, `@odata.bind`), which name records alike.
 */
import { type TableDef, tableBySetName } from '../../index.js';
import { ErrorCodes, ODataError } from './errors.js';
import { isGuid } from './guid.js';

/** `name` or `name(key)`: an entity set, a navigation property, a function. */
const keyedName = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?$/;

/** A segment read as `name` or `name(key)`; `key` is the raw text between the parentheses. @internal */
export interface KeyedSegment {
  name: string;
  key: string | undefined;
}

/** Reads `name` or `name(key)`; `undefined` for anything else. @internal */
export function readKeyedSegment(segment: string): KeyedSegment | undefined {
  const match = keyedName.exec(segment);
  return match ? { name: match[1]!, key: match[2] } : undefined;
}

/** The table of an entity set segment (`accounts` or `accounts(<key>)`) and its raw key. @internal */
export function readEntitySet(segment: string): { table: TableDef; key: string | undefined } | undefined {
  const keyed = readKeyedSegment(segment);
  const table = keyed && tableBySetName(keyed.name);
  return keyed && table ? { table, key: keyed.key } : undefined;
}

/**
 * The record a segment `<set>(<id>)` names. `undefined` when it names no entity set or has no
 * key; a key that is not a GUID is an error of its own (see {@link parseKey}).
 * @internal
 */
export function readRecordSegment(segment: string): { table: TableDef; id: string } | undefined {
  const set = readEntitySet(segment);
  return set?.key === undefined ? undefined : { table: set.table, id: parseKey(set.key) };
}

/**
 * A key segment: a GUID (braces optional), lower-cased. An alternate key (`name='x'`) is 501,
 * anything else 400, as Dataverse answers a key it cannot read.
 * @internal
 */
export function parseKey(key: string): string {
  const trimmed = key.replace(/^\{|\}$/g, '');
  if (isGuid(trimmed)) return trimmed.toLowerCase();
  if (key.includes('=')) throw new ODataError(501, ErrorCodes.NotImplemented, `Alternate keys (${key}) are not emulated.`);
  throw new ODataError(400, ErrorCodes.BadQuery, `Bad Request - Error in query syntax: '${key}' is not a valid key.`);
}

/** One path segment, percent-decoded; broken percent-encoding is the client's 400. @internal */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ODataError(400, ErrorCodes.BadQuery, `Bad Request - the path segment '${segment}' is not valid percent-encoding.`);
  }
}
