/**
 * Running a parsed `$apply` over stored rows through the query engine: its `filter(…)` steps as
 * the query model's filter (`engine/run.ts`), then the engine's grouping and aggregation
 * (`engine/aggregate.ts`).
 */
import { type AggregatedRow, aggregateRecordLimit, aggregateRows } from '../engine/aggregate.js';
import type { GroupModel } from '../engine/model.js';
import type { TableDef } from '../../../index.js';
import { runQuery } from '../engine/run.js';
import type { FilterNode } from '../filter/index.js';
import type { StoredRow } from '../store.js';
import type { ApplyPlan } from './parse.js';

/** One result row: the grouped values and the aggregates, and a stored row of its group (for annotations). @internal */
export type AppliedRow = AggregatedRow;

export { aggregateRecordLimit };

/** The rows `plan` makes of `rows` of `table`: its `filter(…)` steps as the query model's filter, run by the engine, then grouped. @internal */
export function runApply(table: TableDef, rows: Iterable<StoredRow>, plan: ApplyPlan): AppliedRow[] {
  const filter: FilterNode | undefined = plan.filters.length <= 1 ? plan.filters[0] : { kind: 'and', operands: plan.filters };
  const matching = runQuery({ table, filter, links: [], orders: [] }, { roots: rows });
  return aggregateRows(matching, groupModelOf(plan));
}

/** The engine's group model of an `$apply`: each grouped property its own alias. @internal */
export function groupModelOf(plan: ApplyPlan): GroupModel {
  return {
    keys: plan.groupBy.map(({ property, column }) => ({ alias: property, property, column })),
    aggregates: plan.aggregates.map(({ alias, method, property, column }) => ({
      alias,
      fn: method === 'average' ? 'avg' : method,
      ...(property === undefined ? {} : { property }),
      ...(column === undefined ? {} : { column }),
    })),
  };
}
