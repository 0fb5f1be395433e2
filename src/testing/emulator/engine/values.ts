/**
 * A condition value's text as the query model holds it, by the column's type: numbers, booleans
 * (`true`/`false`/`1`/`0`), lower-case GUIDs (braces allowed), dates as epoch milliseconds, text as
 * given. FetchXML (`value="…"`) and QueryExpression (`{ "Value": "…" }`) both read values so.
 */
import type { ColumnDef } from '../../../index.js';
import { parseInstant } from '../filter/instant.js';
import { valueTypeOf } from '../filter/nodes.js';
import { isGuid } from '../guid.js';

/** The typed value of `text` for `column`, or `undefined` when the column cannot hold it. @internal */
export function literalOf(text: string, column: ColumnDef): string | number | boolean | undefined {
  const value = text.trim();
  switch (valueTypeOf(column)) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
    case 'boolean': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === '1' ? true : lower === 'false' || lower === '0' ? false : undefined;
    }
    case 'datetime': {
      const instant = parseInstant(value);
      return Number.isNaN(instant) ? undefined : instant;
    }
    case 'guid': {
      const id = value.replace(/^\{|\}$/g, '');
      return isGuid(id) ? id.toLowerCase() : undefined;
    }
    default:
      return text;
  }
}
