/*
 * `$filter` clauses the records functions share. Every value reaching them is already a checked
 * GUID, whole number or date, and every string literal goes through `stringLiteral`.
 */
import { dateLiteral, stringLiteral } from '../odata/literals.js';
import { compare } from '../odata/query.js';

/** The Web API name of a lookup column read as a value: `msdyn_activeagentid` → `_msdyn_activeagentid_value`. @internal */
export function lookupValue(column: string): string {
  return `_${column}_value`;
}

/**
 * `column eq v` for one value, `Microsoft.Dynamics.CRM.In(PropertyName='column',PropertyValues=[…])` for
 * several: shorter than an `or` chain, so a list of 100 ids stays far under the URL limit.
 * `column` is the logical name; `webApiName` what `eq` compares (a lookup's `_x_value`).
 * @internal
 */
export function oneOf(column: string, webApiName: string, values: readonly (string | number)[]): string {
  if (values.length === 1) return compare(webApiName, 'eq', String(values[0]));
  const list = values.map((value) => stringLiteral(String(value))).join(',');
  return `Microsoft.Dynamics.CRM.In(PropertyName=${stringLiteral(column)},PropertyValues=[${list}])`;
}

/** A lookup among ids: `_x_value eq id` or `In(x, ids)`. @internal */
export function lookupOneOf(column: string, ids: readonly string[]): string {
  return oneOf(column, lookupValue(column), ids);
}

/** A multi-select choice column holding any of `values` (`ContainValues`). @internal */
export function containsAny(column: string, values: readonly number[]): string {
  const list = values.map((value) => stringLiteral(String(value))).join(',');
  return `Microsoft.Dynamics.CRM.ContainValues(PropertyName=${stringLiteral(column)},PropertyValues=[${list}])`;
}

/** `column ge from and column lt to`, for the ends given. @internal */
export function within(column: string, range: { from?: Date; to?: Date }, field: string): string[] {
  return [
    ...(range.from ? [compare(column, 'ge', dateLiteral(range.from, `${field}.from`))] : []),
    ...(range.to ? [compare(column, 'lt', dateLiteral(range.to, `${field}.to`))] : []),
  ];
}

/** Splits a list into chunks of `size`, so each request's URL stays short. @internal */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** The display text Dataverse sent beside a property (`…@OData.Community.Display.V1.FormattedValue`). @internal */
export function formatted(record: object, property: string): string | undefined {
  const value = (record as Record<string, unknown>)[`${property}@OData.Community.Display.V1.FormattedValue`];
  return typeof value === 'string' ? value : undefined;
}
