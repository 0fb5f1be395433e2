import type { ColumnDef, TableDef } from '../../schema/table.js';
import { tableByLogicalName } from '../../schema/index.js';
import { type AnnotationFilter, annotate } from './annotations.js';
import { ErrorCodes, ODataError } from './errors.js';
import { type FilterNode, compareValues, evaluateFilter, parseFilter } from './filter.js';
import { lookupTarget, own, type OrgStore, type StoredRow } from './store.js';

/** One `$orderby` key. @internal */
interface OrderKey {
  name: string;
  column: ColumnDef;
  descending: boolean;
}

/** One `$expand` item, resolved against the schema. @internal */
interface Expansion {
  navigation: string;
  /** The related table. */
  table: TableDef;
  /** Single-valued: the parent's lookup column. Collection-valued: the child's column pointing back. */
  column: string;
  collection: boolean;
  options: QueryOptions;
}

/** The parsed system query options of a request. @internal */
export interface QueryOptions {
  /** Web API property names the request selected; undefined when it has no `$select`. */
  select?: string[];
  /** What each record carries: the selection or every property, and the primary key. */
  output: string[];
  filter?: FilterNode;
  orderBy: OrderKey[];
  top?: number;
  expand: Expansion[];
  count: boolean;
}

/** Query options Dataverse has but the emulator does not emulate: answered with 501. */
const notEmulated = new Set(['$apply', '$search', '$compute', '$levels', 'fetchXml', 'savedQuery', 'userQuery']);

/** Web API property names of a table (lookups as `_x_value`) with their columns. @internal */
export function propertiesOf(table: TableDef): Map<string, ColumnDef> {
  return new Map(Object.entries(table.columns).map(([name, column]) => [column.kind === 'lookup' ? `_${name}_value` : name, column]));
}

/** The 400 Dataverse answers for a property the type does not have. @internal */
export function unknownProperty(name: string, table: TableDef): ODataError {
  return new ODataError(400, ErrorCodes.BadQuery, `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
}

/**
 * Reads the system query options of a URL. Unknown `$` options are a 400, options the
 * emulator does not implement a 501, `$skip` a 400 as in Dataverse (which has no `$skip`).
 * @internal
 */
export function parseQueryOptions(table: TableDef, params: URLSearchParams): QueryOptions {
  rejectRepeatedOptions(params);
  const aliases = new Map<string, string>();
  for (const [name, value] of params) {
    if (name.startsWith('@')) aliases.set(name, value);
    else if (notEmulated.has(name)) throw new ODataError(501, ErrorCodes.NotImplemented, `The query option ${name} is not emulated.`);
    else if (name === '$skip') throw new ODataError(400, ErrorCodes.BadQuery, 'The query parameter $skip is not supported.');
    else if (name.startsWith('$') && !['$select', '$filter', '$orderby', '$top', '$expand', '$count', '$skiptoken'].includes(name)) {
      throw new ODataError(400, ErrorCodes.BadQuery, `The query parameter ${name} is not supported.`);
    }
  }
  const get = (name: string) => params.get(name) ?? undefined;
  return readOptions(table, { select: get('$select'), filter: get('$filter'), orderby: get('$orderby'), top: get('$top'), expand: get('$expand'), count: get('$count') }, aliases);
}

/**
 * A system query option given twice (`$filter=a&$filter=b`) is a 400 in Dataverse: reading the
 * first one alone would answer a query the caller did not ask for.
 * @internal
 */
export function rejectRepeatedOptions(params: URLSearchParams): void {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!name.startsWith('$')) continue;
    if (seen.has(name)) {
      throw new ODataError(400, ErrorCodes.BadQuery, `Query option '${name}' was specified more than once, but it must be specified at most once.`);
    }
    seen.add(name);
  }
}

type RawOptions = Partial<Record<'select' | 'filter' | 'orderby' | 'top' | 'expand' | 'count', string>>;

function readOptions(table: TableDef, raw: RawOptions, aliases: Map<string, string>, nested = false): QueryOptions {
  const properties = propertiesOf(table);
  const property = (name: string) => {
    const column = properties.get(name);
    if (!column) throw unknownProperty(name, table);
    return column;
  };

  const select = raw.select === undefined ? undefined : splitList(raw.select, ',').map((name) => (property(name), name));

  const filter = raw.filter === undefined ? undefined : parseFilter(raw.filter, { properties, entityName: table.logicalName, aliases });

  const orderBy = raw.orderby === undefined ? [] : splitList(raw.orderby, ',').map((item) => {
    const [name = '', direction = 'asc', extra] = item.split(/\s+/);
    if (extra !== undefined || !/^(asc|desc)$/i.test(direction)) throw new ODataError(400, ErrorCodes.BadQuery, `Syntax error in $orderby '${item}'.`);
    return { name, column: property(name), descending: direction.toLowerCase() === 'desc' };
  });

  let top: number | undefined;
  if (raw.top !== undefined) {
    if (!/^\d+$/.test(raw.top) || Number(raw.top) === 0) throw new ODataError(400, ErrorCodes.BadQuery, `Invalid value '${raw.top}' for $top query option.`);
    top = Number(raw.top);
  }

  if (raw.count !== undefined && !/^(true|false)$/.test(raw.count)) throw new ODataError(400, ErrorCodes.BadQuery, `Invalid value '${raw.count}' for $count.`);

  const expand = raw.expand === undefined ? [] : splitList(raw.expand, ',').map((item) => {
    if (nested) throw new ODataError(501, ErrorCodes.NotImplemented, 'Nested $expand is not emulated.');
    return readExpansion(table, item, aliases);
  });

  // Resolved once per query, not once per record shaped.
  const output = [...new Set([...(select ?? properties.keys()), table.primaryKey])];
  return { select, output, filter, orderBy, top, expand, count: raw.count === 'true' };
}

/** `nav` or `nav($select=a,b;$filter=…;$orderby=…;$top=n)`. */
function readExpansion(table: TableDef, item: string, aliases: Map<string, string>): Expansion {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s.exec(item);
  if (!match) throw new ODataError(400, ErrorCodes.BadQuery, `Syntax error in $expand '${item}'.`);
  const [, navigation = '', inner] = match;
  const raw: RawOptions = {};
  for (const option of inner === undefined ? [] : splitList(inner, ';')) {
    const eq = option.indexOf('=');
    const key = option.slice(0, eq).trim().replace(/^\$/, '') as keyof RawOptions;
    if (eq < 0 || !['select', 'filter', 'orderby', 'top', 'expand'].includes(key)) {
      throw new ODataError(400, ErrorCodes.BadQuery, `The option '${option}' is not supported in $expand.`);
    }
    // Inside $expand as at the top level: the second of two alike would silently win.
    if (raw[key] !== undefined) throw new ODataError(400, ErrorCodes.BadQuery, `Query option '$${key}' was specified more than once, but it must be specified at most once.`);
    raw[key] = option.slice(eq + 1).trim();
  }

  const single = Object.entries(table.columns).find(([, column]) => column.kind === 'lookup' && Object.values(column.targets ?? {}).includes(navigation));
  if (single) {
    const [column, def] = single;
    const target = Object.entries(def.targets ?? {}).find(([, nav]) => nav === navigation)![0];
    if (raw.filter !== undefined || raw.orderby !== undefined || raw.top !== undefined) {
      throw new ODataError(400, ErrorCodes.BadQuery, `Only $select and $expand are allowed when expanding the single-valued property ${navigation}.`);
    }
    const related = tableOrThrow(target);
    return { navigation, table: related, column, collection: false, options: readOptions(related, raw, aliases, true) };
  }
  const collection = own(table.collections, navigation);
  if (collection) {
    const related = tableOrThrow(collection.table);
    return { navigation, table: related, column: collection.referencingColumn, collection: true, options: readOptions(related, raw, aliases, true) };
  }
  throw unknownProperty(navigation, table);
}

function tableOrThrow(logicalName: string): TableDef {
  const table = tableByLogicalName(logicalName);
  if (!table) throw new ODataError(501, ErrorCodes.NotImplemented, `The table ${logicalName} is not emulated.`);
  return table;
}

/** Filters and sorts rows (no paging; `$top` is the caller's to apply). @internal */
export function selectRows(rows: Iterable<StoredRow>, options: QueryOptions): StoredRow[] {
  const matching = options.filter ? [...rows].filter((row) => evaluateFilter(options.filter!, row)) : [...rows];
  if (options.orderBy.length === 0) return matching;
  return matching.sort((a, b) => {
    for (const key of options.orderBy) {
      const order = compareValues(a[key.name], b[key.name], key.column);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/**
 * A record as the response carries it: the selected properties (the primary key always),
 * the requested annotations, the etag, and the expanded related records.
 * @internal
 */
export function shapeRecord(store: OrgStore, table: TableDef, row: StoredRow, options: QueryOptions, include: AnnotationFilter): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${String(row.versionnumber)}"` };
  for (const name of options.output) {
    out[name] = row[name] ?? null;
    annotate(out, table, row, /^_(.+)_value$/.exec(name)?.[1] ?? name, store, include);
  }
  for (const expansion of options.expand) out[expansion.navigation] = expand(store, table, row, expansion, include);
  return out;
}

function expand(store: OrgStore, table: TableDef, row: StoredRow, expansion: Expansion, include: AnnotationFilter): unknown {
  if (!expansion.collection) {
    const id = row[`_${expansion.column}_value`];
    // A polymorphic lookup (customer, regarding) expands only through its target's navigation property.
    const pointsHere = lookupTarget(row, expansion.column) === expansion.table.logicalName;
    const related = typeof id === 'string' && pointsHere ? store.find(expansion.table.logicalName, id) : undefined;
    return related ? shapeRecord(store, expansion.table, related, expansion.options, include) : null;
  }
  const parentId = row[table.primaryKey];
  const children = [...store.rows(expansion.table)].filter((child) => child[`_${expansion.column}_value`] === parentId);
  const selected = selectRows(children, expansion.options);
  const limited = expansion.options.top === undefined ? selected : selected.slice(0, expansion.options.top);
  return limited.map((child) => shapeRecord(store, expansion.table, child, expansion.options, include));
}

/**
 * Splits at separators outside parentheses and quoted strings, trimming items; an empty
 * item is a syntax error.
 * @internal
 */
export function splitList(text: string, separator: ',' | ';'): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')') depth--;
    else if (!quoted && depth === 0 && char === separator) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  if (depth !== 0 || quoted || items.some((item) => item === '')) {
    throw new ODataError(400, ErrorCodes.BadQuery, `Syntax error in '${text}'.`);
  }
  return items;
}
