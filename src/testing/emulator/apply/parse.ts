/**
 * Reading `$apply` (client-api-facts §D): a sequence of `filter(…)` transformations, then one
 * `groupby((p,…)[,aggregate(…)])` or `aggregate(…)`. Aggregates are `$count as a` and
 * `p with sum|average|min|max as a`. What Dataverse refuses is refused as it documents it
 * (grouping by a date, `countdistinct`); what Dataverse has and the emulator does not (grouping by a
 * related table's column, other transformations) is 501, named.
 */
import type { ColumnDef, TableDef } from '../../../index.js';
import { ErrorCodes, ODataError, unknownProperty } from '../errors.js';
import { type FilterNode, parseFilter } from '../filter/index.js';
import { propertiesOf, splitList } from '../query.js';

/** One aggregate of the result rows. @internal */
export interface AggregateSpec {
  alias: string;
  method: 'count' | 'sum' | 'average' | 'min' | 'max';
  /** The Web API property aggregated; none for `$count`. */
  property?: string;
  column?: ColumnDef;
}

/** A parsed `$apply`. @internal */
export interface ApplyPlan {
  filters: FilterNode[];
  /** Properties grouped by (Web API names); empty for a single aggregate row. */
  groupBy: { property: string; column: ColumnDef }[];
  aggregates: AggregateSpec[];
}

/** Transformations of the OData aggregation extension the emulator does not run. */
const otherTransformations = new Set([
  'topcount',
  'topsum',
  'toppercent',
  'bottomcount',
  'bottomsum',
  'bottompercent',
  'identity',
  'concat',
  'expand',
  'search',
  'compute',
  'orderby',
  'top',
  'skip',
  'nest',
  'ancestors',
  'descendants',
  'traverse',
]);
const numericKinds = new Set(['integer', 'bigint', 'double', 'decimal', 'money']);
const orderedKinds = new Set([...numericKinds, 'datetime', 'dateonly']);

const badQuery = (message: string) => new ODataError(400, ErrorCodes.BadQuery, message);
const notEmulated = (what: string) => new ODataError(501, ErrorCodes.NotImplemented, `${what} is not emulated.`);

/** Parses `$apply` for `table`; `aliases` are the query's parameter aliases, for `filter(…)`. @internal */
export function parseApply(text: string, table: TableDef, aliases: ReadonlyMap<string, string>): ApplyPlan {
  const properties = propertiesOf(table);
  const plan: ApplyPlan = { filters: [], groupBy: [], aggregates: [] };
  const steps = splitList(text, '/', '$apply');
  steps.forEach((step, index) => {
    const match = /^([A-Za-z]+)\s*\((.*)\)$/s.exec(step);
    if (!match) throw badQuery(`Syntax error in $apply at '${step}'.`);
    const [, name = '', inner = ''] = match;
    const last = index === steps.length - 1;
    if (name === 'filter') {
      if (plan.groupBy.length || plan.aggregates.length) throw notEmulated('A transformation after groupby or aggregate');
      plan.filters.push(parseFilter(inner, { properties, entityName: table.logicalName, aliases }));
    } else if (name === 'groupby' || name === 'aggregate') {
      if (!last) throw notEmulated('A transformation after groupby or aggregate');
      if (name === 'aggregate') plan.aggregates = aggregates(inner, table, properties);
      else Object.assign(plan, groupBy(inner, table, properties));
    } else if (otherTransformations.has(name)) {
      throw notEmulated(`The $apply transformation '${name}'`);
    } else {
      throw badQuery(`Unknown $apply transformation '${name}'.`);
    }
  });
  if (plan.groupBy.length === 0 && plan.aggregates.length === 0) throw notEmulated('An $apply of filter() alone (use $filter)');
  return plan;
}

/** `(p,…)` and an optional `aggregate(…)`. */
function groupBy(inner: string, table: TableDef, properties: ReadonlyMap<string, ColumnDef>): Pick<ApplyPlan, 'groupBy' | 'aggregates'> {
  const [keys = '', rest, ...extra] = splitList(inner, ',', '$apply');
  const list = /^\((.*)\)$/s.exec(keys)?.[1];
  if (list === undefined || extra.length) throw badQuery(`Syntax error in groupby(${inner}).`);
  const seen = new Set<string>();
  const group = splitList(list, ',', '$apply').map((property) => {
    if (property.includes('/')) throw notEmulated(`Grouping by a related table's column ('${property}')`);
    const column = properties.get(property);
    if (!column) throw unknownProperty(property, table);
    if (column.kind === 'datetime' || column.kind === 'dateonly')
      throw badQuery(`groupby with datetime values is not supported ('${property}').`);
    if (seen.has(property)) throw badQuery(`The property '${property}' is grouped by twice.`);
    seen.add(property);
    return { property, column };
  });
  let aggregated: AggregateSpec[] = [];
  if (rest !== undefined) {
    const match = /^aggregate\s*\((.*)\)$/s.exec(rest);
    if (!match) throw notEmulated(`A groupby transformation other than aggregate(…) ('${rest}')`);
    aggregated = aggregates(match[1]!, table, properties);
    const clash = aggregated.find((spec) => seen.has(spec.alias));
    if (clash) throw badQuery(`The alias '${clash.alias}' is also a grouped property.`);
  }
  return { groupBy: group, aggregates: aggregated };
}

/** `$count as a, p with method as b, …`. */
function aggregates(inner: string, table: TableDef, properties: ReadonlyMap<string, ColumnDef>): AggregateSpec[] {
  const aliases = new Set<string>();
  return splitList(inner, ',', '$apply').map((item) => {
    const match = /^(\S+)\s+(?:with\s+(\S+)\s+)?as\s+([A-Za-z_][A-Za-z0-9_]*)$/.exec(item);
    if (!match) throw badQuery(`Syntax error in aggregate at '${item}'.`);
    const [, operand = '', method, alias = ''] = match;
    if (aliases.has(alias) || properties.has(alias)) throw badQuery(`The alias '${alias}' is already in use.`);
    aliases.add(alias);
    if (operand === '$count') {
      if (method !== undefined) throw badQuery(`$count takes no 'with' (at '${item}').`);
      return { alias, method: 'count' as const };
    }
    if (method === undefined) throw notEmulated(`A custom aggregate ('${item}')`);
    if (operand.includes('/')) throw notEmulated(`Aggregating a related table's column ('${operand}')`);
    const column = properties.get(operand);
    if (!column) throw unknownProperty(operand, table);
    if (method === 'countdistinct') {
      // Dataverse documents no distinct count over OData (only FetchXML's countcolumn distinct).
      throw badQuery(
        `The aggregation method 'countdistinct' is not supported by Dataverse's Web API; use FetchXML (countcolumn, distinct).`,
      );
    }
    if (method !== 'sum' && method !== 'average' && method !== 'min' && method !== 'max') {
      if (method.includes('.')) throw notEmulated(`The custom aggregation method '${method}'`);
      throw badQuery(`Unknown aggregation method '${method}'.`);
    }
    const allowed = method === 'sum' || method === 'average' ? numericKinds : orderedKinds;
    if (!allowed.has(column.kind)) throw badQuery(`The aggregation method '${method}' cannot be applied to '${operand}' (${column.kind}).`);
    return { alias, method, property: operand, column };
  });
}
