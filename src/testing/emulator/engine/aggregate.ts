/**
 * Grouping and aggregation, for OData `$apply` and FetchXML `aggregate="true"` alike. Aggregates
 * skip nulls as SQL does (an empty sum, average, min or max is null; a count 0); a null group key
 * is a group of its own, its key left out of the row as Dataverse leaves it out; groups come
 * sorted by their keys. More than 50,000 rows is Dataverse's AggregateQueryRecordLimit error.
 */
import { ODataError } from '../errors.js';
import { compareValues, foldCase } from '../filter/compare.js';
import type { ResultRow } from './run.js';
import type { AggregateModel, DatePart, GroupKey, GroupModel } from './model.js';

/** One result row: the keys and aggregates by alias, and a row of its group (for annotations). @internal */
export interface AggregatedRow {
  values: Record<string, unknown>;
  sample: ResultRow | undefined;
}

/** The most records Dataverse aggregates (`AggregateQueryRecordLimit`). @internal */
export const aggregateRecordLimit = 50_000;

/** Dataverse's error for an aggregate over more records than it aggregates. HTTP status UNCONFIRMED (400 here). */
function recordLimitExceeded(): ODataError {
  return new ODataError(400, '0x8004e023', 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.');
}

/** Groups `rows` by `model.keys` and aggregates each group (one row without keys). @internal */
export function aggregateRows(rows: readonly ResultRow[], model: GroupModel, limit = aggregateRecordLimit): AggregatedRow[] {
  if (rows.length > limit) throw recordLimitExceeded();
  if (model.keys.length === 0) return [{ values: aggregatesOf(rows, model.aggregates), sample: rows[0] }];
  const groups = new Map<string, { keys: unknown[]; rows: ResultRow[] }>();
  for (const row of rows) {
    const keys = model.keys.map((key) => keyOf(row, key));
    const id = JSON.stringify(keys.map((value) => (typeof value === 'string' ? foldCase(value) : value)));
    const group = groups.get(id);
    if (group) group.rows.push(row);
    else groups.set(id, { keys, rows: [row] });
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (const [index, key] of model.keys.entries()) {
      const order = compareValues(a.keys[index], b.keys[index], key.datePart ? undefined : key.column);
      if (order !== 0) return order;
    }
    return 0;
  });
  return sorted.map((group) => {
    const values: Record<string, unknown> = {};
    model.keys.forEach((key, index) => {
      const value = group.keys[index];
      if (value !== null && value !== undefined) values[key.alias] = value;
    });
    return { values: { ...values, ...aggregatesOf(group.rows, model.aggregates) }, sample: group.rows[0] };
  });
}

/** The value a row has for a group key: the property, or a part of its date (UTC). */
function keyOf(row: ResultRow, key: GroupKey): unknown {
  const value = row[key.property] ?? null;
  if (value === null || !key.datePart) return value;
  return datePartOf(new Date(String(value).length === 10 ? `${String(value)}T00:00:00Z` : String(value)), key.datePart);
}

/**
 * A part of a date, in UTC: day of month, week of year (SQL Server's `DATEPART(week)`, weeks
 * starting on Sunday, 1 January in week 1), month, quarter, year.
 * @internal
 */
export function datePartOf(date: Date, part: DatePart): number {
  switch (part) {
    case 'day':
      return date.getUTCDate();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'quarter':
      return Math.floor(date.getUTCMonth() / 3) + 1;
    case 'year':
      return date.getUTCFullYear();
    case 'week': {
      const january1 = Date.UTC(date.getUTCFullYear(), 0, 1);
      const dayOfYear = Math.floor((date.getTime() - january1) / 86_400_000);
      return Math.floor((dayOfYear + new Date(january1).getUTCDay()) / 7) + 1;
    }
  }
}

function aggregatesOf(rows: readonly ResultRow[], specs: readonly AggregateModel[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of specs) {
    if (spec.fn === 'count') {
      values[spec.alias] = rows.length;
      continue;
    }
    const present = rows.map((row) => row[spec.property!]).filter((value) => value !== null && value !== undefined);
    if (spec.fn === 'countcolumn') {
      values[spec.alias] = spec.distinct ? new Set(present.map((value) => foldCase(String(value)))).size : present.length;
    } else if (present.length === 0) {
      values[spec.alias] = null;
    } else if (spec.fn === 'sum' || spec.fn === 'avg') {
      const sum = present.reduce<number>((total, value) => total + Number(value), 0);
      values[spec.alias] = spec.fn === 'sum' ? sum : sum / present.length;
    } else {
      const sign = spec.fn === 'min' ? 1 : -1;
      values[spec.alias] = present.reduce((best, value) => (sign * compareValues(value, best, spec.column) < 0 ? value : best));
    }
  }
  return values;
}
