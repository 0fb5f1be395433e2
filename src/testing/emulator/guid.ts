/** A GUID as Dataverse writes it: 8-4-4-4-12 hexadecimal digits, in any case. */
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a GUID in the 8-4-4-4-12 form (any case, no braces). The one pattern the
 * store, the keys of URLs and record references all check ids against.
 * @internal
 */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && guidPattern.test(value);
}
