/**
 * Shaping records for a response: the selected properties (the primary key always), the
 * annotations the request asked for, the etag, and the expanded related records. What applies
 * to every record of a query (which properties, which annotations) is worked out once, in
 * {@link recordShaper}, not once per record.
 */
import type { TableDef } from '../../index.js';
import { type AnnotationFilter, type Annotator, annotatorOf } from './annotations.js';
import { etagOf } from './etag.js';
import { type Expansion, type QueryOptions, selectRows } from './query.js';
import { lookupTarget, type StoreReader, type StoredRow } from './store.js';

/** Shapes one stored record of a query as the response carries it. @internal */
export type RecordShaper = (row: Readonly<StoredRow>) => Record<string, unknown>;

/** One output property: its Web API name and the annotations to add beside it. */
interface OutputProperty {
  name: string;
  annotator: Annotator | undefined;
}

/**
 * The shaper of the records of `table` for one query: its `$select` (or every property), the
 * annotations in `include`, its `$expand`.
 * @internal
 */
export function recordShaper(store: StoreReader, table: TableDef, options: QueryOptions, include: AnnotationFilter): RecordShaper {
  const properties: OutputProperty[] = options.output.map((name) => ({
    name,
    // A lookup is selected as `_<column>_value` and annotated by its column.
    annotator: annotatorOf(table, /^_(.+)_value$/.exec(name)?.[1] ?? name, include),
  }));
  const expansions = options.expand.map((expansion) => ({
    expansion,
    shape: recordShaper(store, expansion.table, expansion.options, include),
  }));
  return (row) => {
    const out: Record<string, unknown> = { '@odata.etag': etagOf(row) };
    for (const { name, annotator } of properties) {
      out[name] = row[name] ?? null;
      annotator?.(out, row, store);
    }
    for (const { expansion, shape } of expansions) out[expansion.navigation] = expand(store, table, row, expansion, shape);
    return out;
  };
}

/** One record shaped for a response; for many, make a {@link recordShaper} once. @internal */
export function shapeRecord(
  store: StoreReader,
  table: TableDef,
  row: Readonly<StoredRow>,
  options: QueryOptions,
  include: AnnotationFilter,
): Record<string, unknown> {
  return recordShaper(store, table, options, include)(row);
}

/** The value of an expanded navigation property: the related record (or null), or the related records. */
function expand(store: StoreReader, table: TableDef, row: Readonly<StoredRow>, expansion: Expansion, shape: RecordShaper): unknown {
  if (!expansion.collection) {
    const id = row[`_${expansion.column}_value`];
    // A polymorphic lookup (customer, regarding) expands only through its target's navigation property.
    const pointsHere = lookupTarget(row, expansion.column) === expansion.table.logicalName;
    const related = typeof id === 'string' && pointsHere ? store.find(expansion.table.logicalName, id) : undefined;
    return related ? shape(related) : null;
  }
  const parentId = row[table.primaryKey];
  const children = [...store.rows(expansion.table)].filter((child) => child[`_${expansion.column}_value`] === parentId);
  const selected = selectRows(expansion.table, children, expansion.options);
  const limited = expansion.options.top === undefined ? selected : selected.slice(0, expansion.options.top);
  return limited.map(shape);
}
