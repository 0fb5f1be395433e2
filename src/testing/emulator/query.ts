import type { ColumnDef, TableDef } from '../../index.js';
import { ErrorCodes, ODataError, unknownProperty } from './errors.js';
import type { QueryModel } from './engine/model.js';
import { runQuery } from './engine/run.js';
import { type FilterNode, parseFilter } from './filter/index.js';
import { collectionNavigation, relatedTable, singleNavigation } from './relationships.js';
import type { OrderKey } from './sort.js';
import type { StoredRow } from './store.js';

/** One `$expand` item, resolved against the schema. @internal */
export interface Expansion {
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
  return readOptions(
    table,
    {
      select: get('$select'),
      filter: get('$filter'),
      orderby: get('$orderby'),
      top: get('$top'),
      expand: get('$expand'),
      count: get('$count'),
    },
    aliases,
  );
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
      throw new ODataError(
        400,
        ErrorCodes.BadQuery,
        `Query option '${name}' was specified more than once, but it must be specified at most once.`,
      );
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

  const orderBy =
    raw.orderby === undefined
      ? []
      : splitList(raw.orderby, ',').map((item) => {
          const [name = '', direction = 'asc', extra] = item.split(/\s+/);
          if (extra !== undefined || !/^(asc|desc)$/i.test(direction))
            throw new ODataError(400, ErrorCodes.BadQuery, `Syntax error in $orderby '${item}'.`);
          return { name, column: property(name), descending: direction.toLowerCase() === 'desc' };
        });

  let top: number | undefined;
  if (raw.top !== undefined) {
    if (!/^\d+$/.test(raw.top) || Number(raw.top) === 0)
      throw new ODataError(400, ErrorCodes.BadQuery, `Invalid value '${raw.top}' for $top query option.`);
    top = Number(raw.top);
  }

  if (raw.count !== undefined && !/^(true|false)$/.test(raw.count))
    throw new ODataError(400, ErrorCodes.BadQuery, `Invalid value '${raw.count}' for $count.`);

  const expand =
    raw.expand === undefined
      ? []
      : splitList(raw.expand, ',').map((item) => {
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
    if (raw[key] !== undefined)
      throw new ODataError(
        400,
        ErrorCodes.BadQuery,
        `Query option '$${key}' was specified more than once, but it must be specified at most once.`,
      );
    raw[key] = option.slice(eq + 1).trim();
  }

  const single = singleNavigation(table, navigation);
  if (single) {
    const { column, target } = single;
    if (raw.filter !== undefined || raw.orderby !== undefined || raw.top !== undefined) {
      throw new ODataError(
        400,
        ErrorCodes.BadQuery,
        `Only $select and $expand are allowed when expanding the single-valued property ${navigation}.`,
      );
    }
    const related = relatedTable(target);
    return { navigation, table: related, column, collection: false, options: readOptions(related, raw, aliases, true) };
  }
  const collection = collectionNavigation(table, navigation);
  if (collection) {
    const related = relatedTable(collection.table);
    return {
      navigation,
      table: related,
      column: collection.referencingColumn,
      collection: true,
      options: readOptions(related, raw, aliases, true),
    };
  }
  throw unknownProperty(navigation, table);
}

/**
 * The query model of OData options: `$filter` and `$orderby` over one table, no links (`$expand`
 * shapes the result, it does not join).
 * @internal
 */
export function queryModelOf(table: TableDef, options: QueryOptions): QueryModel {
  return { table, filter: options.filter, links: [], orders: options.orderBy };
}

/** Filters and sorts rows through the query engine (no paging; `$top` is the caller's to apply). @internal */
export function selectRows(table: TableDef, rows: Iterable<StoredRow>, options: QueryOptions): StoredRow[] {
  return runQuery(queryModelOf(table, options), { roots: rows });
}

/**
 * Splits at separators outside parentheses, brackets and quoted strings, trimming items; an
 * empty item is a syntax error, named as one in `option` (e.g. `$apply`) when given.
 * @internal
 */
export function splitList(text: string, separator: ',' | ';' | '/', option?: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && (char === '(' || char === '[')) depth++;
    else if (!quoted && (char === ')' || char === ']')) depth--;
    else if (!quoted && depth === 0 && char === separator) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  if (depth !== 0 || quoted || items.some((item) => item === '')) {
    throw new ODataError(400, ErrorCodes.BadQuery, `Syntax error in ${option ? `${option} ` : ''}'${text}'.`);
  }
  return items;
}
