/**
 * The one query model of the emulator. OData (`$filter`, `$orderby`, `$apply`), FetchXML and
 * QueryExpression (BulkDelete) are each compiled to it, and one evaluator (`run.ts`,
 * `aggregate.ts`) runs it: join, filter, sort, distinct, group. Paging (`paging.ts`) and the
 * page cache (`pageCache.ts`) then cut its result, whatever the syntax was.
 *
 * Rows are read by property name. A query without links reads the stored rows themselves; with
 * links each result row is a flat record: the root row's properties under their Web API names
 * and every linked row's under `<alias>.<name>` (`contact.fullname`, `c._parentcustomerid_value`),
 * which is also how FetchXML names linked columns, so a condition on a linked column
 * (FetchXML `entityname`) or an order by one is an ordinary property of the joined row.
 */
import type { ColumnDef, TableDef } from '../../../index.js';
import type { FilterNode } from '../filter/nodes.js';

/** How a linked table joins. @internal */
export type JoinType =
  /** One result row per matching linked row; a row without a match is dropped. */
  | 'inner'
  /** As inner, but a row without a match is kept once, its linked properties absent. */
  | 'outer'
  /** A semi-join: the row is kept once when any linked row matches; no linked properties. */
  | 'exists';

/** A table joined to its parent (the root or another link). @internal */
export interface LinkModel {
  /** Prefix of the linked properties in a result row: `<alias>.<name>`. */
  readonly alias: string;
  readonly table: TableDef;
  /** The parent table's property the join reads, as the parent's own row names it (unprefixed). */
  readonly fromProperty: string;
  /** The linked table's property that must equal it. */
  readonly toProperty: string;
  readonly type: JoinType;
  /** Conditions on the linked table's own rows (unprefixed names): part of the join condition. */
  readonly filter: FilterNode | undefined;
  readonly links: readonly LinkModel[];
}

/** One sort key. @internal */
export interface OrderKey {
  /** The property of the result row (flat name). */
  readonly name: string;
  readonly column: ColumnDef;
  readonly descending: boolean;
  /** Sort a choice column by its label rather than its value (FetchXML without `useraworderby`). */
  readonly byLabel?: boolean;
}

/** A question about one table's rows, in whichever syntax it was asked. @internal */
export interface QueryModel {
  readonly table: TableDef;
  /** Conditions on the joined row; undefined: every row. */
  readonly filter: FilterNode | undefined;
  readonly links: readonly LinkModel[];
  readonly orders: readonly OrderKey[];
}

/** A date part a group key can take of a date (FetchXML `dategrouping`). @internal */
export type DatePart = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One group key of an aggregate query. @internal */
export interface GroupKey {
  /** The name the key has in a result row (OData: the property; FetchXML: the attribute's alias). */
  readonly alias: string;
  /** The property of the (joined) row it reads. */
  readonly property: string;
  readonly column: ColumnDef;
  readonly datePart?: DatePart;
}

/** One aggregate of an aggregate query. @internal */
export interface AggregateModel {
  readonly alias: string;
  /** count: rows; countcolumn: non-null values (distinct ones with `distinct`); the rest skip nulls. */
  readonly fn: 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max';
  readonly property?: string;
  readonly column?: ColumnDef;
  readonly distinct?: boolean;
}

/** Grouping and aggregation of a query's rows. @internal */
export interface GroupModel {
  readonly keys: readonly GroupKey[];
  readonly aggregates: readonly AggregateModel[];
}
