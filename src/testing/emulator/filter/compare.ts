/** The one comparison rule of the emulator's `$filter` and `$orderby`. */
import type { ColumnDef } from '../../../index.js';
import { parseInstant } from './instant.js';
import { type ValueType, valueTypeOf } from './nodes.js';

/**
 * Compares two stored values: nulls first (ascending), numbers numerically, dates as instants,
 * booleans false < true, everything else (strings, GUIDs) as case-insensitive text, as
 * Dataverse's SQL collation does. Without a column the rule is inferred from the values.
 * @returns negative, zero or positive, as `Array.prototype.sort` expects
 */
export function compareValues(a: unknown, b: unknown, column: ColumnDef | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  // Equal values are equal in any collation: a filter on a lookup compares every row's GUID.
  if (a === b) return 0;
  const type: ValueType = column
    ? valueTypeOf(column)
    : typeof a === 'number' && typeof b === 'number'
      ? 'number'
      : typeof a === 'boolean' && typeof b === 'boolean'
        ? 'boolean'
        : 'string';
  const difference =
    type === 'datetime' ? toInstant(a) - toInstant(b) : type === 'number' || type === 'boolean' ? Number(a) - Number(b) : NaN;
  // Unparseable data falls back to text comparison rather than an inconsistent NaN.
  if (!Number.isNaN(difference)) return difference < 0 ? -1 : difference > 0 ? 1 : 0;
  const x = foldCase(String(a));
  const y = foldCase(String(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Text as Dataverse's case-insensitive collation sees it. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** A date stored as text (or already parsed to epoch ms) as epoch ms. */
function toInstant(value: unknown): number {
  return typeof value === 'number' ? value : parseInstant(String(value));
}
