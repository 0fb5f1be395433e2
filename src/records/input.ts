/*
 * Checks of the records functions' input. Each names the field it rejects, and runs before any
 * request: what passes here is a GUID, a whole number or a date, which the query builders turn
 * into literals that cannot end the option they belong to.
 */
import { invalidInput } from '../http/errors.js';
import { earliestDataverseDate, guid, preview } from '../odata/literals.js';

/** A date: a `Date`, or an ISO 8601 string (`2026-03-01`, or a date-time with `Z` or an offset). */
export type DateInput = Date | string;

/** A span of time: `from` included, `to` excluded; either may be left open. */
export interface DateRange {
  /** The first instant in the range. */
  from?: DateInput;
  /** The first instant after the range. */
  to?: DateInput;
}

/** A date alone, or a date-time with its offset: a date-time without one would read as local time. */
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An object argument with only the keys listed; anything else is `InvalidInput`. @internal */
export function objectInput(value: unknown, field: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidInput(field, `must be an object, got ${preview(value)}`);
  const unknown = Object.keys(value).find((key) => !keys.includes(key));
  if (unknown !== undefined) throw invalidInput(`${field}.${unknown}`, `is not an option here (expected ${keys.join(', ')})`);
  return value as Record<string, unknown>;
}

/** A date from a `Date` or an ISO 8601 string. @internal */
export function dateInput(value: unknown, field: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' && isoDate.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalidInput(field, `must be a Date or an ISO 8601 date ('2026-03-01', '2026-03-01T08:00:00Z'), got ${preview(value)}`);
  }
  if (date.getTime() < earliestDataverseDate) throw invalidInput(field, "is before 1753-01-01, Dataverse's earliest date");
  return date;
}

/** A range with its ends read as dates; `from` must come before `to`. @internal */
export function rangeInput(value: unknown, field: string, required: readonly ('from' | 'to')[] = []): { from?: Date; to?: Date } {
  const range = objectInput(value ?? {}, field, ['from', 'to']);
  for (const end of required) if (range[end] === undefined) throw invalidInput(`${field}.${end}`, 'is required');
  const from = range.from === undefined ? undefined : dateInput(range.from, `${field}.from`);
  const to = range.to === undefined ? undefined : dateInput(range.to, `${field}.to`);
  if (from && to && from.getTime() >= to.getTime()) throw invalidInput(`${field}.to`, `must come after ${field}.from`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** One GUID or a non-empty list of them, normalised. @internal */
export function guidList(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalidInput(field, 'must name at least one id');
  return [...new Set(list.map((item, index) => guid(item, Array.isArray(value) ? `${field}[${index}]` : field)))];
}

/** One whole number or a non-empty list of them, each one of `allowed` when given. @internal */
export function numberList(value: unknown, field: string, allowed?: ReadonlySet<number>): number[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalidInput(field, 'must name at least one value');
  return [
    ...new Set(
      list.map((item) => {
        if (!Number.isSafeInteger(item) || (allowed && !allowed.has(item as number))) {
          throw invalidInput(
            field,
            `must hold ${allowed ? `values among ${[...allowed].join(', ')}` : 'whole numbers'}, got ${preview(item)}`,
          );
        }
        return item as number;
      }),
    ),
  ];
}

/** A whole number within bounds, or the default when undefined. @internal */
export function wholeNumber(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalidInput(field, `must be a whole number from ${min} to ${max}, got ${preview(value)}`);
  }
  return value as number;
}

/** A function, or undefined. @internal */
export function callback<T>(value: T, field: string, required = false): T {
  if ((value !== undefined || required) && typeof value !== 'function') throw invalidInput(field, 'must be a function');
  return value;
}
