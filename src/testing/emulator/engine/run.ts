/**
 * The evaluator of the query model: joins (inner, outer, semi), then the filter, then the sort.
 * Each link is evaluated once into an index of its rows by the joined value, so a query stays
 * linear in the rows it reads. The filter is `filter/evaluate.ts` (SQL three-valued logic) and
 * the sort `sort.ts`, for every syntax.
 */
import { foldCase } from '../filter/compare.js';
import { evaluateFilter } from '../filter/evaluate.js';
import { sortRows } from '../sort.js';
import type { StoreReader, StoredRow } from '../store.js';
import type { LinkModel, QueryModel } from './model.js';

/**
 * Where a joined row keeps the stored rows it was made of, by link alias (`undefined`: an outer
 * link without a match), so that shaping can annotate linked columns from their own row.
 * @internal
 */
export const linkedRows: unique symbol = Symbol('linkedRows');

/** A result row: a stored row, or a flat record of a row and its linked rows. @internal */
export type ResultRow = StoredRow & { [linkedRows]?: Record<string, Readonly<StoredRow> | undefined> };

/** Where {@link runQuery} reads. @internal */
export interface QuerySource {
  /** Reads linked tables. */
  readonly store?: Pick<StoreReader, 'rows'>;
  /** The root rows (a navigation property's records); default: every row of the table. */
  readonly roots?: Iterable<StoredRow>;
}

/** The rows `model` selects, joined, filtered and sorted (the stored rows themselves when it has no links). @internal */
export function runQuery(model: QueryModel, source: QuerySource): ResultRow[] {
  const roots = source.roots ?? requireStore(source).rows(model.table);
  let rows: ResultRow[];
  if (model.links.length === 0) {
    const { filter } = model;
    if (filter) {
      // Straight from the table, without a copy of it first: a first page filters every row.
      rows = [];
      for (const row of roots) if (evaluateFilter(filter, row)) rows.push(row);
    } else {
      rows = [...roots];
    }
  } else {
    const store = requireStore(source);
    rows = [...roots];
    for (const link of model.links) rows = join(rows, link, indexOf(store, link), (row) => row[link.fromProperty]);
    const { filter } = model;
    if (filter) rows = rows.filter((row) => evaluateFilter(filter, row));
  }
  return model.orders.length === 0 ? rows : sortRows(rows, model.orders);
}

function requireStore(source: QuerySource): Pick<StoreReader, 'rows'> {
  if (!source.store) throw new Error('runQuery needs a store to read linked tables');
  return source.store;
}

/** The linked table's rows (with their own links), prefixed, by the folded value of `toProperty`. */
function indexOf(store: Pick<StoreReader, 'rows'>, link: LinkModel): Map<string, ResultRow[]> {
  const index = new Map<string, ResultRow[]>();
  // Each nested link's index is built once for the link, not once per row of it.
  const nestedIndexes = link.links.map((nested) => [nested, indexOf(store, nested)] as const);
  for (const stored of store.rows(link.table)) {
    if (link.filter && !evaluateFilter(link.filter, stored)) continue;
    const key = stored[link.toProperty];
    if (key === null || key === undefined) continue;
    let partials: ResultRow[] = [prefixed(stored, link.alias)];
    for (const [nested, nestedIndex] of nestedIndexes) {
      partials = join(partials, nested, nestedIndex, () => stored[nested.fromProperty]);
    }
    const folded = foldCase(String(key));
    const bucket = index.get(folded);
    if (bucket) bucket.push(...partials);
    else index.set(folded, partials);
  }
  return index;
}

/** Joins `rows` to a link through its index; `fromValue` reads the parent's value of a row. */
function join(
  rows: readonly ResultRow[],
  link: LinkModel,
  index: ReadonlyMap<string, ResultRow[]>,
  fromValue: (row: ResultRow) => unknown,
): ResultRow[] {
  const out: ResultRow[] = [];
  for (const row of rows) {
    const value = fromValue(row);
    const matches = value === null || value === undefined ? undefined : index.get(foldCase(String(value)));
    if (link.type === 'exists') {
      if (matches?.length) out.push(row);
      continue;
    }
    if (!matches?.length) {
      if (link.type === 'outer') out.push(merge(row, undefined, link.alias));
      continue;
    }
    for (const match of matches) out.push(merge(row, match, link.alias));
  }
  return out;
}

/** A stored row's properties as `<alias>.<name>`, remembering the row. */
function prefixed(row: Readonly<StoredRow>, alias: string): ResultRow {
  const out: ResultRow = {};
  for (const [name, value] of Object.entries(row)) out[`${alias}.${name}`] = value;
  out[linkedRows] = { [alias]: row };
  return out;
}

/** A row joined with a linked partial row (or with none, for an outer join without a match). */
function merge(row: ResultRow, partial: ResultRow | undefined, alias: string): ResultRow {
  const out: ResultRow = { ...row, ...partial };
  out[linkedRows] = { ...row[linkedRows], ...(partial ? partial[linkedRows] : { [alias]: undefined }) };
  return out;
}
