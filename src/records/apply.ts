/*
 * Server-side aggregation: `$apply=filter(…)/groupby((…),aggregate(…))` as Dataverse's Web API
 * takes it (client-api-facts §D), and the one limit every aggregate meets: Dataverse refuses to
 * aggregate more than 50,000 records (`AggregateQueryRecordLimitExceeded`, 0x8004E023). A window
 * of time that holds more is split in halves until each half fits, and the halves' rows summed.
 */
import { isOmnichannelError } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { collectAll, pages } from '../odata/paging.js';
import type { ApiContext } from '../api/call.js';
import { within } from './filters.js';

/** One aggregate of an `aggregate(…)`: `$count as alias`, or `column with method as alias`. @internal */
export type Aggregate =
  readonly [alias: string, method: 'count'] | readonly [alias: string, method: 'sum' | 'average' | 'min' | 'max', column: string];

/** A grouped, aggregated query of one entity set. @internal */
export interface ApplyQuery {
  /** The entity set. */
  set: string;
  /** The `filter(…)` transformation's expression, when there is one. */
  filter: readonly string[];
  /** The `groupby` properties (Web API names); none for a single aggregate row. */
  groupBy: readonly string[];
  aggregates: readonly Aggregate[];
}

/** `filter(…)/groupby((…),aggregate(…))`, or `…/aggregate(…)` without grouping. @internal */
export function applyText(query: Omit<ApplyQuery, 'set'>): string {
  const aggregate = query.aggregates
    .map(([alias, method, column]) => (method === 'count' ? `$count as ${alias}` : `${column} with ${method} as ${alias}`))
    .join(',');
  const body = query.groupBy.length ? `groupby((${query.groupBy.join(',')}),aggregate(${aggregate}))` : `aggregate(${aggregate})`;
  return query.filter.length ? `filter(${query.filter.join(' and ')})/${body}` : body;
}

/** The request path of an aggregate query, its `$apply` percent-encoded. @internal */
export function applyUrl(query: ApplyQuery): string {
  return `${query.set}?$apply=${encodeURIComponent(applyText(query))}`;
}

/** True for Dataverse's refusal to aggregate more than 50,000 records. @internal */
export function isAggregateLimit(error: unknown): boolean {
  return isOmnichannelError(error) && /^(0x)?8004e023$/i.test(error.dataverseCode ?? '');
}

/** Half-open span of epoch milliseconds an aggregate is asked over. @internal */
export interface Window {
  from: number;
  to: number;
}

/** Below this a window is not split again: Dataverse dates are stored to the second. */
const smallestWindowMs = 2000;

/**
 * The rows of `query` restricted to `window` (on `dateColumn`), all pages. When Dataverse answers
 * that the window holds more than 50,000 records, each half is asked instead, recursively, and
 * the rows of both returned: the caller sums rows with equal keys. One request per window asked.
 * @internal
 */
export async function aggregateRows<R>(
  context: ApiContext,
  call: CallContext,
  query: ApplyQuery,
  dateColumn: string,
  window: Window | undefined,
): Promise<R[]> {
  const dated = window
    ? { ...query, filter: [...query.filter, ...within(dateColumn, { from: new Date(window.from), to: new Date(window.to) }, dateColumn)] }
    : query;
  try {
    return await collectAll(pages<R>(context.send, { method: 'GET', url: applyUrl(dated) }, call));
  } catch (error) {
    if (!window || !isAggregateLimit(error) || window.to - window.from < smallestWindowMs) throw error;
    const middle = window.from + Math.floor((window.to - window.from) / 2);
    const first = await aggregateRows<R>(context, call, query, dateColumn, { from: window.from, to: middle });
    return [...first, ...(await aggregateRows<R>(context, call, query, dateColumn, { from: middle, to: window.to }))];
  }
}

/** A number an aggregate row holds (`$count`, `sum`): missing or null (an empty sum) is 0. @internal */
export function amount(row: object, alias: string): number {
  const value = (row as Record<string, unknown>)[alias];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
