/**
 * A `QueryExpression` (as the Web API serialises it in a `BulkDelete` `QuerySet`) compiled to the
 * emulator's filter model: the entity's criteria as one {@link FilterNode}, and each
 * `LinkEntity` as a join to another compiled query. Link entities join `Inner` only; a link
 * operator, a query property or a condition the emulator does not implement is 501, never a
 * silently wider or narrower selection.
 */
import { type TableDef, tableByLogicalName } from '../../../index.js';
import { ErrorCodes, ODataError, badRequest } from '../errors.js';
import type { LinkModel, QueryModel } from '../engine/model.js';
import type { FilterNode } from '../filter/nodes.js';
import { own } from '../store.js';
import { type ConditionColumn, compileCondition, operatorName } from './conditions.js';

/**
 * A compiled query: the query model (`engine/model.ts`) every syntax compiles to. Its links are
 * semi-joins (`exists`): a bulk delete deletes each root row once, however many linked rows match.
 */
export type CompiledQuery = QueryModel;

/** How deeply filters and link entities may nest. */
const maxDepth = 16;

/** Query properties the emulator ignores, because they do not change which rows a bulk delete reaches. */
const ignoredQueryKeys = new Set([
  '@odata.type',
  'EntityName',
  'ColumnSet',
  'Criteria',
  'LinkEntities',
  'Distinct',
  'NoLock',
  'PageInfo',
  'Orders',
  'QueryHints',
]);
const ignoredLinkKeys = new Set([
  '@odata.type',
  'LinkFromEntityName',
  'LinkFromAttributeName',
  'LinkToEntityName',
  'LinkToAttributeName',
  'JoinOperator',
  'LinkCriteria',
  'LinkEntities',
  'Columns',
  'EntityAlias',
  'Orders',
]);

/**
 * Compiles a `QueryExpression`. 400 for what Dataverse would refuse (an unknown table or
 * column, a value a column cannot hold); 501 for what the emulator does not implement
 * (`TopCount`, `DataSource`, `SubQueryExpression`, a join other than `Inner`, an operator).
 * `now` (epoch ms) is the instant `OlderThanX…` conditions count back from.
 */
export function compileQueryExpression(query: unknown, now: number): CompiledQuery {
  const given = object(query, 'A QueryExpression');
  const unknown = Object.keys(given).find((key) => !ignoredQueryKeys.has(key));
  if (unknown !== undefined) {
    if (['TopCount', 'DataSource', 'SubQueryExpression', 'ForceSeek'].includes(unknown))
      throw notEmulated(`the QueryExpression property ${unknown}`);
    throw badRequest(`'${unknown}' is not a property of Microsoft.Dynamics.CRM.QueryExpression.`);
  }
  const table = tableOf(given.EntityName);
  return {
    table,
    filter: given.Criteria === undefined || given.Criteria === null ? undefined : compileFilter(table, given.Criteria, now, 1),
    links: links(table, given.LinkEntities, now, 1),
    orders: [],
  };
}

function compileFilter(table: TableDef, raw: unknown, now: number, depth: number): FilterNode | undefined {
  if (depth > maxDepth) throw badRequest(`Filters nest deeper than ${maxDepth} levels.`);
  const filter = object(raw, 'A FilterExpression');
  const operator = filter.FilterOperator ?? 'And';
  const kind = operator === 'And' || operator === 0 ? 'and' : operator === 'Or' || operator === 1 ? 'or' : undefined;
  if (!kind) throw badRequest(`The FilterOperator ${JSON.stringify(operator)} is not And or Or.`);
  if (filter.IsQuickFindFilter === true) throw notEmulated('quick-find filters');
  const operands: FilterNode[] = [];
  for (const condition of array(filter.Conditions, 'Conditions')) operands.push(compileConditionOf(table, condition, now));
  for (const nested of array(filter.Filters, 'Filters')) {
    const node = compileFilter(table, nested, now, depth + 1);
    if (node) operands.push(node);
  }
  if (operands.length === 0) return undefined;
  return operands.length === 1 ? operands[0] : { kind, operands };
}

function compileConditionOf(table: TableDef, raw: unknown, now: number): FilterNode {
  const condition = object(raw, 'A ConditionExpression');
  if (condition.EntityName !== undefined && condition.EntityName !== null && condition.EntityName !== table.logicalName) {
    throw notEmulated("conditions on a linked entity by its name (put them in the link entity's LinkCriteria)");
  }
  if (condition.CompareColumns === true) throw notEmulated('column comparisons (CompareColumns)');
  return compileCondition(
    columnOf(table, condition.AttributeName),
    operatorName(condition.Operator),
    array(condition.Values, 'Values'),
    now,
  );
}

function links(table: TableDef, raw: unknown, now: number, depth: number): LinkModel[] {
  if (depth > maxDepth) throw badRequest(`Link entities nest deeper than ${maxDepth} levels.`);
  return array(raw, 'LinkEntities').map((item, index) => {
    const link = object(item, 'A LinkEntity');
    const unknown = Object.keys(link).find((key) => !ignoredLinkKeys.has(key));
    if (unknown !== undefined) throw badRequest(`'${unknown}' is not a property of Microsoft.Dynamics.CRM.LinkEntity.`);
    if (link.LinkFromEntityName !== undefined && link.LinkFromEntityName !== table.logicalName) {
      throw badRequest(`LinkFromEntityName '${String(link.LinkFromEntityName)}' is not the entity it links from, ${table.logicalName}.`);
    }
    const join = link.JoinOperator ?? 'Inner';
    if (join !== 'Inner' && join !== 0) throw notEmulated(`the join operator ${JSON.stringify(join)} (only Inner)`);
    const target = tableOf(link.LinkToEntityName);
    return {
      alias: `${target.logicalName}${depth}_${index}`,
      table: target,
      type: 'exists',
      fromProperty: columnOf(table, link.LinkFromAttributeName).property,
      toProperty: columnOf(target, link.LinkToAttributeName).property,
      filter:
        link.LinkCriteria === undefined || link.LinkCriteria === null
          ? undefined
          : compileFilter(target, link.LinkCriteria, now, depth + 1),
      links: links(target, link.LinkEntities, now, depth + 1),
    };
  });
}

function tableOf(name: unknown): TableDef {
  const table = typeof name === 'string' ? tableByLogicalName(name) : undefined;
  if (!table) throw badRequest(`The entity '${String(name)}' does not exist in the emulated org.`);
  return table;
}

/** A column by logical name, with the property its value is stored under (`_x_value` for a lookup). */
function columnOf(table: TableDef, name: unknown): ConditionColumn {
  const column = typeof name === 'string' ? own(table.columns, name) : undefined;
  if (!column || typeof name !== 'string') throw badRequest(`'${String(name)}' is not an attribute of ${table.logicalName}.`);
  return { property: column.kind === 'lookup' ? `_${name}_value` : name, column };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function array(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array.`);
  return value;
}

function notEmulated(what: string): ODataError {
  return new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement ${what}.`);
}
