import { invalidInput } from '../http/errors.js';

/** Dataverse's DateTime columns start at 1753-01-01 (SQL Server's datetime), in epoch ms. @internal */
export const earliestDataverseDate = /* @__PURE__ */ Date.UTC(1753, 0, 1);

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const guidPattern = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * Checks an OData identifier (column, table or navigation property name). Anything else,
 * e.g. `name,createdon` or `x&$filter=…`, is rejected: identifiers are never escaped, so
 * they must be proven harmless.
 * @internal
 */
export function identifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || !identifierPattern.test(value)) {
    throw invalidInput(field, `must be a column name (letters, digits and _), got ${preview(value)}`);
  }
  return value;
}

/**
 * Normalises a GUID: braces removed, lower case. `{2B330C52-…}` → `2b330c52-…`.
 * @internal
 */
export function guid(value: unknown, field: string): string {
  const match = typeof value === 'string' ? guidPattern.exec(value.trim()) : null;
  if (!match) throw invalidInput(field, `must be a GUID, got ${preview(value)}`);
  return match[1]!.toLowerCase();
}

/** True when `value` is a GUID with or without braces. @internal */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && guidPattern.test(value.trim());
}

/** Half of a UTF-16 surrogate pair on its own: UTF-8, so a URL, cannot carry it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * An OData string literal: single-quoted, quotes doubled. The query builder URL-encodes it.
 * A string with a lone surrogate is `InvalidInput` naming `field` (encoding it would throw a
 * URIError).
 * @internal
 */
export function stringLiteral(value: string, field = 'value'): string {
  if (loneSurrogate.test(value)) throw invalidInput(field, 'holds half of a UTF-16 surrogate pair, which a URL cannot carry');
  return `'${value.replace(/'/g, "''")}'`;
}

/** An OData number literal; NaN and ±Infinity are rejected. @internal */
export function numberLiteral(value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidInput(field, `must be a finite number, got ${preview(value)}`);
  return String(value);
}

/** An OData DateTimeOffset literal in ISO-8601 UTC (`2026-01-02T03:04:05.000Z`). @internal */
export function dateLiteral(value: Date, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidInput(field, 'must be a valid date');
  return value.toISOString();
}

/** A short, safe rendering of a rejected value for an error message. @internal */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // bigint, cyclic objects
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
