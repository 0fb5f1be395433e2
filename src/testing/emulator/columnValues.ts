/**
 * Checking a value against its column, as Dataverse does on create and update: the type, the
 * length, the options of a choice, dates in ISO 8601 (stored in UTC, to the second).
 */
import type { ColumnDef, TableDef } from '../../index.js';
import { ErrorCodes, ODataError, badRequest } from './errors.js';
import { isGuid } from './guid.js';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A GUID value, lower-cased; 400 naming the column otherwise. @internal */
export function checkGuid(value: unknown, name: string): string {
  if (!isGuid(value)) throw badRequest(`${name} must be a GUID, got ${describeValue(value)}.`);
  return value.toLowerCase();
}

/** How long a value quoted in an error message may be. */
const quotedValueLength = 100;

/**
 * A value as an error message quotes it: JSON, cut short. `JSON.stringify` recurses, so a
 * deeply nested value (a request body `[[[[…]]]]` written to a text column) overflowed the
 * stack and the emulator answered 500 instead of 400.
 * @internal
 */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
  }
  return text.length > quotedValueLength ? `${text.slice(0, quotedValueLength)}…` : text;
}

/** Checks a value against its column's type, as Dataverse does on create and update; the value to store. @internal */
export function checkValue(table: TableDef, name: string, column: ColumnDef, value: unknown): unknown {
  if (value === null) return null;
  const bad = (expected: string) => badRequest(`Cannot convert ${describeValue(value)} to ${expected} for ${table.logicalName}.${name}.`);
  switch (column.kind) {
    case 'string':
    case 'memo':
    case 'entityname':
      if (typeof value !== 'string') throw bad('a string');
      if (column.maxLength !== undefined && value.length > column.maxLength && column.kind !== 'memo') {
        throw new ODataError(
          400,
          ErrorCodes.BadRequest,
          `${table.logicalName}.${name} is longer than its maximum length ${column.maxLength}.`,
        );
      }
      return value;
    case 'uniqueidentifier':
      return checkGuid(value, name);
    case 'integer':
    case 'bigint':
      if (!Number.isInteger(value)) throw bad('an integer');
      return value;
    case 'double':
    case 'decimal':
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('a boolean');
      return value;
    case 'datetime':
    case 'dateonly':
      if (typeof value !== 'string' || !isoDatePattern.test(value) || Number.isNaN(Date.parse(value))) throw bad('an ISO-8601 date');
      return column.kind === 'dateonly' ? value.slice(0, 10) : dateTime(new Date(value));
    case 'picklist':
    case 'state':
    case 'status':
      if (!Number.isInteger(value)) throw bad('an option value');
      if (column.options && !((value as number) in column.options)) {
        throw new ODataError(
          400,
          ErrorCodes.BadRequest,
          `The value ${String(value)} of '${name}' on record of type '${table.logicalName}' is outside the valid range.`,
        );
      }
      return value;
    case 'multiselectpicklist': {
      if (typeof value !== 'string' || !/^\d+(,\d+)*$/.test(value)) throw bad('comma-separated option values');
      const options = column.options;
      const unknown = options && value.split(',').find((item) => !(Number(item) in options));
      if (unknown)
        throw new ODataError(
          400,
          ErrorCodes.BadRequest,
          `The value ${unknown} of '${name}' on record of type '${table.logicalName}' is outside the valid range.`,
        );
      return value;
    }
    default:
      throw new ODataError(501, ErrorCodes.NotImplemented, `Columns of kind ${column.kind as string} are not emulated.`);
  }
}

/**
 * A date and time as Dataverse stores and answers it: UTC, to the second (`2026-03-01T12:00:00Z`).
 * The server stamps (`createdon`, `modifiedon`) went through `toISOString()` alone and came back
 * as `…00.000Z`, unlike written values and unlike Dataverse, which keeps no milliseconds.
 * @internal
 */
export function dateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
