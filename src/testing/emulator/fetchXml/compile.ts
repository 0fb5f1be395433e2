/**
 * FetchXML → the query model (`engine/model.ts`), plus what only FetchXML says: the columns a
 * row carries and under which names, paging (`top`, `count`, `page`), `distinct`, and the groups
 * and aggregates of `aggregate="true"`. Checked as Dataverse checks it: malformed XML and
 * elements or attributes FetchXML does not have are 400 `Invalid XML.`, unknown attributes 400
 * `QueryBuilderNoAttribute`; what FetchXML has and the emulator does not is 501, named.
 */
import { type ColumnDef, type TableDef, tableByLogicalName } from '../../../index.js';
import type { AggregateModel, DatePart, GroupKey, LinkModel, OrderKey, QueryModel } from '../engine/model.js';
import type { FilterNode } from '../filter/nodes.js';
import { own } from '../store.js';
import { type ConditionEnvironment, compileFetchCondition } from './conditions.js';
import { FetchXmlCodes, badFetch, fetchNotImplemented, invalidXml, noAttribute } from './errors.js';
import { type XmlElement, XmlSyntaxError, parseXml } from './xml.js';
import { ODataError } from '../errors.js';

/** One column of a result row. @internal */
export interface OutputColumn {
  /** The key in the response row: `name`, `_x_value`, `<alias>.<name>`, or the attribute's alias. */
  key: string;
  /** The property of the (joined) result row it reads. */
  property: string;
  /** The table and logical name of the attribute. */
  table: TableDef;
  attribute: string;
  column: ColumnDef;
  /** The link alias it comes from; undefined for the root entity. */
  link: string | undefined;
  /** Whether the key is not the attribute's own Web API name (an alias, a linked column): annotated with AttributeName. */
  renamed: boolean;
}

/** Grouping output of an aggregate query: which key or aggregate each alias is. @internal */
export interface FetchAggregation {
  keys: (GroupKey & { table: TableDef; attribute: string; link: string | undefined })[];
  aggregates: (AggregateModel & { attribute: string | undefined })[];
  /** Orders by alias, applied to the aggregated rows. */
  orders: { alias: string; descending: boolean }[];
  /** `aggregatelimit`: fewer rows than 50,000 may be aggregated. */
  limit: number | undefined;
}

/** A compiled FetchXML query. @internal */
export interface FetchPlan {
  model: QueryModel;
  columns: OutputColumn[];
  aggregation: FetchAggregation | undefined;
  distinct: boolean;
  top: number | undefined;
  /** Page size (`count`); undefined: 5000. */
  count: number | undefined;
  page: number;
  totalRecordCount: boolean;
  /** Whether a paging cookie can describe the order (no order on a linked column, no aggregate, no distinct). */
  cookiePaging: boolean;
  /** The root table's orders on its own columns, for the paging cookie. */
  cookieOrders: OrderKey[];
}

/** The most link-entity elements a query may have. */
const maxLinks = 15;

const fetchAttributes = new Set([
  'version',
  'count',
  'page',
  'paging-cookie',
  'top',
  'distinct',
  'aggregate',
  'aggregatelimit',
  'returntotalrecordcount',
  'no-lock',
  'mapping',
  'output-format',
  'useraworderby',
  'latematerialize',
  'options',
  'datasource',
  'min-active-row-version',
  'utc-offset',
]);
const linkAttributes = new Set([
  'name',
  'from',
  'to',
  'alias',
  'link-type',
  'visible',
  'intersect',
  'enableprefiltering',
  'prefilterparametername',
]);
const attributeAttributes = new Set([
  'name',
  'alias',
  'aggregate',
  'groupby',
  'dategrouping',
  'distinct',
  'usertimezone',
  'build',
  'addedby',
  'rowaggregate',
  'user-timezone',
]);
const conditionAttributes = new Set([
  'attribute',
  'operator',
  'value',
  'entityname',
  'valueof',
  'alias',
  'aggregate',
  'column',
  'uiname',
  'uitype',
  'uihidden',
  'rowaggregate',
]);
const datePartNames: Readonly<Record<string, DatePart>> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' };

interface Scope {
  /** Link aliases → their table. */
  links: Map<string, TableDef>;
  linkCount: number;
  env: ConditionEnvironment;
  aggregate: boolean;
  rawOrder: boolean;
}

/** Parses and compiles `text` against the table its entity set names. @internal */
export function compileFetchXml(text: string, table: TableDef, env: ConditionEnvironment): FetchPlan {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw invalidXml(error.message);
    throw error;
  }
  if (root.name !== 'fetch') throw invalidXml(`The root element is <${root.name}>, not <fetch>.`);
  checkAttributes(root, fetchAttributes);
  if (root.attributes.has('datasource')) throw fetchNotImplemented("the fetch attribute 'datasource' (retained data)");
  if (root.attributes.has('min-active-row-version')) throw fetchNotImplemented("the fetch attribute 'min-active-row-version'");
  const aggregate = flag(root, 'aggregate');
  const distinct = flag(root, 'distinct');
  const top = positive(root, 'top');
  const count = positive(root, 'count');
  const page = positive(root, 'page') ?? 1;
  if (top !== undefined && top > 5000) throw badFetch(`The top attribute can't be more than 5000, got ${top}.`);
  if (count !== undefined && count > 5000) throw badFetch(`The count attribute can't be more than 5000, got ${count}.`);
  const totalRecordCount = flag(root, 'returntotalrecordcount');
  if (top !== undefined && (count !== undefined || root.attributes.has('page') || totalRecordCount))
    throw badFetch('The top attribute can’t be used with the count, page or returntotalrecordcount attributes.');

  const entities = root.children.filter((child) => child.name === 'entity');
  const others = root.children.filter((child) => child.name !== 'entity' && child.name !== 'order');
  if (others.length) throw invalidXml(`<fetch> has no child element <${others[0]!.name}>.`);
  if (entities.length !== 1) throw invalidXml('<fetch> must have one <entity> element.');
  const entity = entities[0]!;
  checkAttributes(entity, new Set(['name', 'enableprefiltering', 'prefilterparametername']));
  const name = entity.attributes.get('name');
  if (!name) throw invalidXml("<entity> needs a 'name' attribute.");
  if (name !== table.logicalName) {
    if (!tableByLogicalName(name))
      throw new ODataError(400, FetchXmlCodes.InvalidXml, `The entity with a name = '${name}' was not found in the MetadataCache.`);
    throw badFetch(
      `The entity '${name}' of the FetchXML is not the entity of the entity set '${table.entitySetName}' (${table.logicalName}).`,
    );
  }

  const scope: Scope = { links: new Map(), linkCount: 0, env, aggregate, rawOrder: flag(root, 'useraworderby') };
  const columns: OutputColumn[] = [];
  const aggregation: FetchAggregation | undefined = aggregate
    ? { keys: [], aggregates: [], orders: [], limit: positive(root, 'aggregatelimit') }
    : undefined;
  const orders: OrderKey[] = [];
  const links: LinkModel[] = [];
  let filter: FilterNode | undefined;
  let selected = false;
  for (const child of [...entity.children, ...root.children.filter((c) => c.name === 'order')]) {
    switch (child.name) {
      case 'attribute':
        selected = true;
        readAttribute(child, table, undefined, columns, aggregation);
        break;
      case 'all-attributes':
        selected = true;
        if (aggregate) throw badFetch('An aggregate query cannot have <all-attributes>.');
        allAttributes(table, undefined, columns);
        break;
      case 'order':
        readOrder(child, table, undefined, orders, aggregation, scope);
        break;
      case 'filter':
        filter = and(filter, readFilter(child, table, undefined, scope, 1));
        break;
      case 'link-entity':
        links.push(readLink(child, table, scope, columns, orders, aggregation, 1, (node) => (filter = and(filter, node))));
        break;
      default:
        throw invalidXml(`<entity> has no child element <${child.name}>.`);
    }
  }
  // An entity without <attribute> returns every column, as Dataverse does.
  if (!selected && !aggregate) allAttributes(table, undefined, columns);
  if (!aggregate && !distinct && !columns.some((c) => c.link === undefined && c.attribute === table.primaryKey && !c.renamed)) {
    columns.push(output(table, table.primaryKey, undefined, undefined));
  }
  if (aggregation && aggregation.keys.length === 0 && aggregation.aggregates.length === 0)
    throw badFetch('An aggregate query needs at least one aggregate or groupby attribute.');
  const model: QueryModel = { table, filter, links, orders: aggregate ? [] : orders };
  return {
    model,
    columns,
    aggregation,
    distinct,
    top,
    count,
    page,
    totalRecordCount,
    cookiePaging: !aggregate && !distinct && orders.every((order) => !order.name.includes('.')),
    cookieOrders: orders.filter((order) => !order.name.includes('.')),
  };
}

function readLink(
  element: XmlElement,
  parent: TableDef,
  scope: Scope,
  columns: OutputColumn[],
  orders: OrderKey[],
  aggregation: FetchAggregation | undefined,
  depth: number,
  addRootFilter: (node: FilterNode) => void,
): LinkModel {
  checkAttributes(element, linkAttributes);
  if (++scope.linkCount > maxLinks)
    throw new ODataError(400, FetchXmlCodes.TooManyLinks, 'Number of link entities in query exceeded maximum limit.');
  const name = element.attributes.get('name');
  const table = name ? tableByLogicalName(name) : undefined;
  if (!name) throw invalidXml("<link-entity> needs a 'name' attribute.");
  if (!table) throw new ODataError(400, FetchXmlCodes.InvalidXml, `The entity with a name = '${name}' was not found in the MetadataCache.`);
  const from = element.attributes.get('from');
  const to = element.attributes.get('to');
  if (!from || !to) throw fetchNotImplemented("a <link-entity> without both 'from' and 'to'");
  const linkType = element.attributes.get('link-type') ?? 'inner';
  const type =
    linkType === 'inner' ? 'inner' : linkType === 'outer' ? 'outer' : linkType === 'exists' || linkType === 'in' ? 'exists' : undefined;
  if (!type) {
    if (['any', 'not any', 'all', 'not all', 'matchfirstrowusingcrossapply'].includes(linkType))
      throw fetchNotImplemented(`the link-type '${linkType}'`);
    throw invalidXml(`'${linkType}' is not a link-type.`);
  }
  const alias = element.attributes.get('alias') ?? `${name}${scope.linkCount}`;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw badFetch(`The alias '${alias}' is not a valid alias.`);
  if (scope.links.has(alias)) throw badFetch(`The alias '${alias}' is used twice.`);
  scope.links.set(alias, table);
  const fromProperty = propertyOf(table, from);
  const toProperty = propertyOf(parent, to);
  let filter: FilterNode | undefined;
  const links: LinkModel[] = [];
  for (const child of element.children) {
    switch (child.name) {
      case 'attribute':
        if (type === 'exists') throw badFetch(`A link-entity of link-type '${linkType}' returns no columns.`);
        readAttribute(child, table, alias, columns, aggregation);
        break;
      case 'all-attributes':
        if (type === 'exists') throw badFetch(`A link-entity of link-type '${linkType}' returns no columns.`);
        if (aggregation) throw badFetch('An aggregate query cannot have <all-attributes>.');
        allAttributes(table, alias, columns);
        break;
      case 'order':
        if (type === 'exists') throw badFetch(`A link-entity of link-type '${linkType}' cannot be ordered by.`);
        readOrder(child, table, alias, orders, aggregation, scope);
        break;
      case 'filter':
        filter = and(filter, readFilter(child, table, alias, scope, 1));
        break;
      case 'link-entity':
        if (type === 'exists') throw fetchNotImplemented(`a <link-entity> inside a link-entity of link-type '${linkType}'`);
        links.push(readLink(child, table, scope, columns, orders, aggregation, depth + 1, addRootFilter));
        break;
      default:
        throw invalidXml(`<link-entity> has no child element <${child.name}>.`);
    }
  }
  // The link's join is read from the parent's own row: the root's, or the parent link's (unprefixed).
  return { alias, table, fromProperty: toProperty, toProperty: fromProperty, type, filter, links };
}

function readAttribute(
  element: XmlElement,
  table: TableDef,
  link: string | undefined,
  columns: OutputColumn[],
  aggregation: FetchAggregation | undefined,
): void {
  checkAttributes(element, attributeAttributes);
  const name = element.attributes.get('name');
  if (!name) throw invalidXml("<attribute> needs a 'name' attribute.");
  const alias = element.attributes.get('alias');
  if (element.attributes.has('rowaggregate')) throw fetchNotImplemented("the attribute 'rowaggregate'");
  const column = columnOf(table, name);
  if (!aggregation) {
    if (element.attributes.has('aggregate') || element.attributes.has('groupby'))
      throw badFetch(`The attribute ${name} has 'aggregate' or 'groupby' but the fetch is not aggregate="true".`);
    if (element.attributes.has('dategrouping'))
      throw badFetch(`The attribute ${name} has 'dategrouping' but the fetch is not aggregate="true".`);
    if (alias !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw badFetch(`The alias '${alias}' is not a valid alias.`);
    columns.push(output(table, name, link, alias));
    return;
  }
  if (!alias) throw badFetch(`In an aggregate query every attribute needs an alias (${name} has none).`);
  if (aggregation.keys.some((k) => k.alias === alias) || aggregation.aggregates.some((a) => a.alias === alias))
    throw badFetch(`The alias '${alias}' is used twice.`);
  const property = link === undefined ? propertyOf(table, name) : `${link}.${propertyOf(table, name)}`;
  const fn = element.attributes.get('aggregate');
  if (flag(element, 'groupby')) {
    if (fn !== undefined) throw badFetch(`The attribute ${alias} cannot both group and aggregate.`);
    const grouping = element.attributes.get('dategrouping');
    let datePart: DatePart | undefined;
    if (grouping !== undefined) {
      if (grouping === 'fiscal-period' || grouping === 'fiscal-year') throw fetchNotImplemented(`the dategrouping '${grouping}'`);
      datePart = own(datePartNames, grouping);
      if (!datePart) throw invalidXml(`'${grouping}' is not a dategrouping.`);
      if (column.kind !== 'datetime' && column.kind !== 'dateonly')
        throw badFetch(`dategrouping applies to date columns only, not ${name}.`);
    }
    aggregation.keys.push({ alias, property, column, table, attribute: name, link, ...(datePart ? { datePart } : {}) });
    return;
  }
  if (fn === undefined) throw badFetch(`In an aggregate query the attribute ${alias} needs 'aggregate' or groupby="true".`);
  if (!['count', 'countcolumn', 'sum', 'avg', 'min', 'max'].includes(fn)) throw invalidXml(`'${fn}' is not an aggregate.`);
  const numeric = ['integer', 'bigint', 'double', 'decimal', 'money'].includes(column.kind);
  if ((fn === 'sum' || fn === 'avg') && !numeric) throw badFetch(`The aggregate '${fn}' applies to number columns only, not ${name}.`);
  if ((fn === 'min' || fn === 'max') && !numeric && column.kind !== 'datetime' && column.kind !== 'dateonly')
    throw badFetch(`The aggregate '${fn}' applies to number and date columns only, not ${name}.`);
  aggregation.aggregates.push({
    alias,
    fn: fn as AggregateModel['fn'],
    property,
    column,
    attribute: name,
    distinct: flag(element, 'distinct'),
  });
}

function readOrder(
  element: XmlElement,
  table: TableDef,
  link: string | undefined,
  orders: OrderKey[],
  aggregation: FetchAggregation | undefined,
  scope: Scope,
): void {
  checkAttributes(element, new Set(['attribute', 'alias', 'descending', 'entityname']));
  if (element.attributes.has('entityname')) throw fetchNotImplemented("the order attribute 'entityname'");
  const descending = flag(element, 'descending');
  const attribute = element.attributes.get('attribute');
  const alias = element.attributes.get('alias');
  if (aggregation) {
    if (attribute !== undefined || alias === undefined) throw badFetch('An aggregate query is ordered by alias only (<order alias="…"/>).');
    if (!aggregation.keys.some((k) => k.alias === alias) && !aggregation.aggregates.some((a) => a.alias === alias))
      throw badFetch(`The order alias '${alias}' is not an alias of the query.`);
    aggregation.orders.push({ alias, descending });
    return;
  }
  if (alias !== undefined) throw badFetch('Only an aggregate query is ordered by alias.');
  if (!attribute) throw invalidXml("<order> needs an 'attribute' attribute.");
  const column = columnOf(table, attribute);
  const property = propertyOf(table, attribute);
  const byLabel = !scope.rawOrder && ['picklist', 'state', 'status'].includes(column.kind);
  orders.push({ name: link === undefined ? property : `${link}.${property}`, column, descending, ...(byLabel ? { byLabel } : {}) });
}

function readFilter(element: XmlElement, table: TableDef, link: string | undefined, scope: Scope, depth: number): FilterNode | undefined {
  if (depth > 32) throw badFetch('Filters nest deeper than 32 levels.');
  checkAttributes(
    element,
    new Set([
      'type',
      'isquickfindfields',
      'overridequickfindrecordlimitenabled',
      'overridequickfindrecordlimitdisabled',
      'bypassquickfind',
    ]),
  );
  if (flag(element, 'isquickfindfields')) throw fetchNotImplemented('quick-find filters (isquickfindfields)');
  const type = element.attributes.get('type') ?? 'and';
  if (type !== 'and' && type !== 'or') throw invalidXml(`'${type}' is not a filter type (and, or).`);
  const operands: FilterNode[] = [];
  for (const child of element.children) {
    if (child.name === 'condition') operands.push(readCondition(child, table, link, scope));
    else if (child.name === 'filter') {
      const nested = readFilter(child, table, link, scope, depth + 1);
      if (nested) operands.push(nested);
    } else if (child.name === 'link-entity') throw fetchNotImplemented('a <link-entity> inside a <filter> (any, not any, all, not all)');
    else throw invalidXml(`<filter> has no child element <${child.name}>.`);
  }
  if (operands.length === 0) return undefined;
  return operands.length === 1 ? operands[0] : { kind: type, operands };
}

function readCondition(element: XmlElement, table: TableDef, link: string | undefined, scope: Scope): FilterNode {
  checkAttributes(element, conditionAttributes);
  for (const unsupported of ['valueof', 'aggregate', 'rowaggregate', 'alias', 'column'])
    if (element.attributes.has(unsupported)) throw fetchNotImplemented(`the condition attribute '${unsupported}'`);
  const attribute = element.attributes.get('attribute');
  const operator = element.attributes.get('operator');
  if (!attribute || !operator) throw invalidXml("<condition> needs 'attribute' and 'operator'.");
  let target = table;
  let prefix = '';
  const entityName = element.attributes.get('entityname');
  if (entityName !== undefined) {
    if (link !== undefined) throw fetchNotImplemented("'entityname' on a condition inside a <link-entity>");
    const byAlias = scope.links.get(entityName);
    const byName = [...scope.links].filter(([, linked]) => linked.logicalName === entityName);
    if (byAlias) {
      target = byAlias;
      prefix = `${entityName}.`;
    } else if (byName.length === 1) {
      target = byName[0]![1];
      prefix = `${byName[0]![0]}.`;
    } else throw badFetch(`The entityname '${entityName}' is not the alias of a link-entity before this condition.`);
  }
  const column = columnOf(target, attribute);
  const values = element.children.map((child) => {
    if (child.name !== 'value') throw invalidXml(`<condition> has no child element <${child.name}>.`);
    return child.text;
  });
  const value = element.attributes.get('value');
  if (value !== undefined) {
    if (values.length) throw badFetch(`The condition on ${attribute} has both a 'value' attribute and <value> elements.`);
    values.push(value);
  }
  return compileFetchCondition({ property: prefix + propertyOf(target, attribute), attribute, column }, operator, values, scope.env);
}

function allAttributes(table: TableDef, link: string | undefined, columns: OutputColumn[]): void {
  for (const name of Object.keys(table.columns)) columns.push(output(table, name, link, undefined));
}

function output(table: TableDef, attribute: string, link: string | undefined, alias: string | undefined): OutputColumn {
  const column = columnOf(table, attribute);
  const property = propertyOf(table, attribute);
  return {
    key: alias ?? (link === undefined ? property : `${link}.${attribute}`),
    property: link === undefined ? property : `${link}.${property}`,
    table,
    attribute,
    column,
    link,
    renamed: alias !== undefined || link !== undefined,
  };
}

function columnOf(table: TableDef, name: string): ColumnDef {
  const column = own(table.columns, name);
  if (!column) throw noAttribute(table, name);
  return column;
}

/** The Web API property of a column: `_x_value` for a lookup. */
function propertyOf(table: TableDef, name: string): string {
  return columnOf(table, name).kind === 'lookup' ? `_${name}_value` : name;
}

function and(a: FilterNode | undefined, b: FilterNode | undefined): FilterNode | undefined {
  if (!a) return b;
  if (!b) return a;
  return { kind: 'and', operands: [a, b] };
}

function checkAttributes(element: XmlElement, allowed: ReadonlySet<string>): void {
  for (const name of element.attributes.keys())
    if (!allowed.has(name)) throw invalidXml(`The '${name}' attribute is not declared on <${element.name}>.`);
}

/** A true/false attribute: `true`, `1`, `false`, `0`. */
function flag(element: XmlElement, name: string): boolean {
  const value = element.attributes.get(name);
  if (value === undefined) return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidXml(`The '${name}' attribute of <${element.name}> is '${value}', not true or false.`);
}

function positive(element: XmlElement, name: string): number | undefined {
  const value = element.attributes.get(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw invalidXml(`The '${name}' attribute of <${element.name}> is '${value}', not a positive whole number.`);
  return Number(value);
}
