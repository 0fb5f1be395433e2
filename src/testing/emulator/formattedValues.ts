/**
 * The display text Dataverse gives a value (`…@OData.Community.Display.V1.FormattedValue`),
 * as for a user with the en-US format and the UTC time zone.
 */
import type { ColumnDef } from '../../index.js';

// Costly to build and immutable once built: one, shared by every request.
const numberFormat = new Intl.NumberFormat('en-US');

/** The display text of a stored value, or `undefined` when Dataverse gives none. @internal */
export function formatValue(column: ColumnDef, value: unknown): string | undefined {
  switch (column.kind) {
    case 'picklist':
    case 'state':
    case 'status':
      return column.options?.[value as number];
    case 'multiselectpicklist':
      return String(value)
        .split(',')
        .map((item) => column.options?.[Number(item)] ?? item)
        .join('; ');
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'datetime':
      return formatDateTime(new Date(value as string));
    case 'dateonly':
      return formatDate(new Date(`${String(value)}T00:00:00Z`));
    case 'integer':
    case 'bigint':
    case 'double':
    case 'decimal':
    case 'money':
      return numberFormat.format(value as number);
    default:
      return undefined;
  }
}

/**
 * `3/1/2026`: month, day and year, unpadded, in UTC. Written out rather than through
 * `Intl.DateTimeFormat`, which took about 8 µs a value (0.8 s for 100,000 records) and whose
 * output differs between engines and ICU versions; this is the text en-US gives.
 */
function formatDate(date: Date): string {
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
}

/** `3/1/2026 2:05 PM`: the date, then the hour (1 to 12), minutes and AM or PM, in UTC. */
function formatDateTime(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(date)} ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}
