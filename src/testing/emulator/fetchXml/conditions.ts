/**
 * FetchXML `<condition>` operators compiled to the filter model every syntax shares
 * (`filter/nodes.ts`). Dates are taken in UTC (the emulator has no user time zone); "today" is
 * the org clock's UTC day. An operator Dataverse has and the emulator does not is 501, named.
 */
import type { ColumnDef } from '../../../index.js';
import { type FilterNode, valueTypeOf } from '../filter/nodes.js';
import { literalOf } from '../engine/values.js';
import { parseInstant } from '../filter/instant.js';
import { badFetch, fetchNotImplemented } from './errors.js';

/** What a condition compiles against: the property it reads and its column. @internal */
export interface ConditionTarget {
  /** The property of the (joined) row: `name`, `_x_value`, or `<alias>.<name>`. */
  property: string;
  /** The attribute's logical name, for messages. */
  attribute: string;
  column: ColumnDef;
}

/** What some operators compare to: the org's clock and the signed-in user. @internal */
export interface ConditionEnvironment {
  now: number;
  userId: string | undefined;
  businessUnitId: string;
}

type Compiler = (target: ConditionTarget, values: readonly string[], env: ConditionEnvironment) => FilterNode;

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** The operators the emulator implements, by FetchXML name. @internal */
export const fetchXmlOperators: Readonly<Record<string, Compiler>> = {
  eq: (t, v) => compare(t, 'eq', one(t, v, 'eq')),
  ne: (t, v) => compare(t, 'ne', one(t, v, 'ne')),
  neq: (t, v) => compare(t, 'ne', one(t, v, 'neq')),
  gt: (t, v) => compare(t, 'gt', one(t, v, 'gt')),
  ge: (t, v) => compare(t, 'ge', one(t, v, 'ge')),
  lt: (t, v) => compare(t, 'lt', one(t, v, 'lt')),
  le: (t, v) => compare(t, 'le', one(t, v, 'le')),
  null: (t, v) => (none(t, v, 'null'), nullTest(t, 'eq')),
  'not-null': (t, v) => (none(t, v, 'not-null'), nullTest(t, 'ne')),
  like: (t, v) => like(t, text(t, v, 'like')),
  'not-like': (t, v) => not(like(t, text(t, v, 'not-like'))),
  'begins-with': (t, v) => like(t, `${text(t, v, 'begins-with')}%`),
  'not-begin-with': (t, v) => not(like(t, `${text(t, v, 'not-begin-with')}%`)),
  'ends-with': (t, v) => like(t, `%${text(t, v, 'ends-with')}`),
  'not-end-with': (t, v) => not(like(t, `%${text(t, v, 'not-end-with')}`)),
  in: (t, v) => valuesNode(t, v, 'In'),
  'not-in': (t, v) => valuesNode(t, v, 'NotIn'),
  'contain-values': (t, v) => valuesNode(t, v, 'ContainValues'),
  'not-contain-values': (t, v) => valuesNode(t, v, 'DoesNotContainValues'),
  between: (t, v) => between(t, v, 'between'),
  'not-between': (t, v) => not(between(t, v, 'not-between')),
  on: (t, v) => {
    const day = dayOf(t, v, 'on');
    return range(t, day, day + dayMs);
  },
  'on-or-before': (t, v) => compare(t, 'lt', dayOf(t, v, 'on-or-before') + dayMs),
  'on-or-after': (t, v) => compare(t, 'ge', dayOf(t, v, 'on-or-after')),
  today: (t, v, e) => (dateOnly(t, v, 'today'), range(t, today(e), today(e) + dayMs)),
  yesterday: (t, v, e) => (dateOnly(t, v, 'yesterday'), range(t, today(e) - dayMs, today(e))),
  tomorrow: (t, v, e) => (dateOnly(t, v, 'tomorrow'), range(t, today(e) + dayMs, today(e) + 2 * dayMs)),
  'last-seven-days': (t, v, e) => (dateOnly(t, v, 'last-seven-days'), range(t, today(e) - 7 * dayMs, e.now, true)),
  'next-seven-days': (t, v, e) => (dateOnly(t, v, 'next-seven-days'), range(t, e.now, today(e) + 8 * dayMs)),
  'last-x-days': (t, v, e) => range(t, today(e) - count(t, v, 'last-x-days') * dayMs, e.now, true),
  'next-x-days': (t, v, e) => range(t, e.now, today(e) + (count(t, v, 'next-x-days') + 1) * dayMs),
  'last-x-hours': (t, v, e) => range(t, e.now - count(t, v, 'last-x-hours') * hourMs, e.now, true),
  'next-x-hours': (t, v, e) => range(t, e.now, e.now + count(t, v, 'next-x-hours') * hourMs, true),
  'olderthan-x-minutes': (t, v, e) => compare(t, 'lt', e.now - count(t, v, 'olderthan-x-minutes') * 60_000),
  'olderthan-x-hours': (t, v, e) => compare(t, 'lt', e.now - count(t, v, 'olderthan-x-hours') * hourMs),
  'olderthan-x-days': (t, v, e) => compare(t, 'lt', e.now - count(t, v, 'olderthan-x-days') * dayMs),
  'olderthan-x-weeks': (t, v, e) => compare(t, 'lt', e.now - count(t, v, 'olderthan-x-weeks') * 7 * dayMs),
  'olderthan-x-months': (t, v, e) => compare(t, 'lt', addMonths(e.now, -count(t, v, 'olderthan-x-months'))),
  'olderthan-x-years': (t, v, e) => compare(t, 'lt', addMonths(e.now, -12 * count(t, v, 'olderthan-x-years'))),
  'this-week': (t, v, e) => (dateOnly(t, v, 'this-week'), range(t, week(e), week(e) + 7 * dayMs)),
  'last-week': (t, v, e) => (dateOnly(t, v, 'last-week'), range(t, week(e) - 7 * dayMs, week(e))),
  'next-week': (t, v, e) => (dateOnly(t, v, 'next-week'), range(t, week(e) + 7 * dayMs, week(e) + 14 * dayMs)),
  'this-month': (t, v, e) => (dateOnly(t, v, 'this-month'), range(t, month(e, 0), month(e, 1))),
  'last-month': (t, v, e) => (dateOnly(t, v, 'last-month'), range(t, month(e, -1), month(e, 0))),
  'next-month': (t, v, e) => (dateOnly(t, v, 'next-month'), range(t, month(e, 1), month(e, 2))),
  'this-year': (t, v, e) => (
    dateOnly(t, v, 'this-year'),
    range(t, month(e, -new Date(e.now).getUTCMonth()), month(e, 12 - new Date(e.now).getUTCMonth()))
  ),
  'last-year': (t, v, e) => (
    dateOnly(t, v, 'last-year'),
    range(t, month(e, -new Date(e.now).getUTCMonth() - 12), month(e, -new Date(e.now).getUTCMonth()))
  ),
  'next-year': (t, v, e) => (
    dateOnly(t, v, 'next-year'),
    range(t, month(e, 12 - new Date(e.now).getUTCMonth()), month(e, 24 - new Date(e.now).getUTCMonth()))
  ),
  'eq-userid': (t, v, e) => (none(t, v, 'eq-userid'), idCompare(t, 'eq', e.userId, 'eq-userid')),
  'ne-userid': (t, v, e) => (none(t, v, 'ne-userid'), idCompare(t, 'ne', e.userId, 'ne-userid')),
  'eq-businessid': (t, v, e) => (none(t, v, 'eq-businessid'), idCompare(t, 'eq', e.businessUnitId, 'eq-businessid')),
  'ne-businessid': (t, v, e) => (none(t, v, 'ne-businessid'), idCompare(t, 'ne', e.businessUnitId, 'ne-businessid')),
};

/**
 * The operators Dataverse has that the emulator answers 501: hierarchy, teams, language, fiscal
 * periods, and the x-weeks/months/years ranges.
 * @internal
 */
export const notImplementedOperators: readonly string[] = [
  'above',
  'eq-or-above',
  'under',
  'eq-or-under',
  'not-under',
  'eq-useroruserhierarchy',
  'eq-useroruserhierarchyandteams',
  'eq-useroruserteams',
  'eq-userteams',
  'eq-userlanguage',
  'in-fiscal-period',
  'in-fiscal-period-and-year',
  'in-fiscal-year',
  'in-or-after-fiscal-period-and-year',
  'in-or-before-fiscal-period-and-year',
  'last-fiscal-period',
  'last-fiscal-year',
  'next-fiscal-period',
  'next-fiscal-year',
  'this-fiscal-period',
  'this-fiscal-year',
  'last-x-fiscal-periods',
  'last-x-fiscal-years',
  'next-x-fiscal-periods',
  'next-x-fiscal-years',
  'last-x-weeks',
  'last-x-months',
  'last-x-years',
  'next-x-weeks',
  'next-x-months',
  'next-x-years',
];

/** Compiles one condition: 400 for an operator Dataverse does not have or values it refuses, 501 for one the emulator does not implement. @internal */
export function compileFetchCondition(
  target: ConditionTarget,
  operator: string,
  values: readonly string[],
  env: ConditionEnvironment,
): FilterNode {
  const compiler = Object.hasOwn(fetchXmlOperators, operator) ? fetchXmlOperators[operator] : undefined;
  if (compiler) return compiler(target, values, env);
  if (notImplementedOperators.includes(operator)) throw fetchNotImplemented(`the condition operator '${operator}'`);
  throw badFetch(`The condition operator '${operator}' is not a FetchXML operator.`);
}

function compare(target: ConditionTarget, op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', value: string | number | boolean): FilterNode {
  if (target.column.kind === 'multiselectpicklist')
    throw fetchNotImplemented(`'${op}' on the choices column ${target.attribute} (use contain-values)`);
  return {
    kind: 'compare',
    op,
    left: { kind: 'property', name: target.property },
    right: { kind: 'literal', value },
    column: target.column,
  };
}

function nullTest(target: ConditionTarget, op: 'eq' | 'ne'): FilterNode {
  return {
    kind: 'compare',
    op,
    left: { kind: 'property', name: target.property },
    right: { kind: 'literal', value: null },
    column: target.column,
  };
}

function not(operand: FilterNode): FilterNode {
  return { kind: 'not', operand };
}

/** `from <= x < to` (`to` included when `inclusive`), on a date column. */
function range(target: ConditionTarget, from: number, to: number, inclusive = false): FilterNode {
  requireDate(target);
  return { kind: 'and', operands: [compare(target, 'ge', from), compare(target, inclusive ? 'le' : 'lt', to)] };
}

function between(target: ConditionTarget, values: readonly string[], operator: string): FilterNode {
  if (values.length !== 2)
    throw badFetch(`The condition operator '${operator}' on ${target.attribute} takes two <value> elements, got ${values.length}.`);
  return { kind: 'and', operands: [compare(target, 'ge', typed(target, values[0]!)), compare(target, 'le', typed(target, values[1]!))] };
}

function valuesNode(
  target: ConditionTarget,
  values: readonly string[],
  name: 'In' | 'NotIn' | 'ContainValues' | 'DoesNotContainValues',
): FilterNode {
  const multi = name === 'ContainValues' || name === 'DoesNotContainValues';
  if (values.length === 0) throw badFetch(`The condition operator on ${target.attribute} takes one or more <value> elements.`);
  if (multi !== (target.column.kind === 'multiselectpicklist'))
    throw badFetch(
      `The condition operator ${multi ? 'contain-values' : 'in'} does not apply to the ${target.column.kind} column ${target.attribute}.`,
    );
  const typedValues = values.map((value) => (multi ? integer(target, value) : typed(target, value)));
  return { kind: 'values', name, property: target.property, column: target.column, values: typedValues };
}

/** SQL LIKE as an anchored, case-insensitive regular expression. */
function like(target: ConditionTarget, pattern: string): FilterNode {
  if (valueTypeOf(target.column) !== 'string') throw badFetch(`The like operators apply to text columns only, not ${target.attribute}.`);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      const set = pattern.slice(i + 1, end);
      source += `[${set.startsWith('^') ? '^' : ''}${set.replace(/^\^/, '').replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return { kind: 'like', property: target.property, pattern: new RegExp(`^${source}$`, 'iu') };
}

function one(target: ConditionTarget, values: readonly string[], operator: string): string | number | boolean {
  if (values.length !== 1)
    throw badFetch(`The condition operator '${operator}' on ${target.attribute} takes one value, got ${values.length}.`);
  return typed(target, values[0]!);
}

function none(target: ConditionTarget, values: readonly string[], operator: string): void {
  if (values.length !== 0) throw badFetch(`The condition operator '${operator}' on ${target.attribute} takes no value.`);
}

function text(target: ConditionTarget, values: readonly string[], operator: string): string {
  if (values.length !== 1)
    throw badFetch(`The condition operator '${operator}' on ${target.attribute} takes one value, got ${values.length}.`);
  return values[0]!;
}

function count(target: ConditionTarget, values: readonly string[], operator: string): number {
  requireDate(target);
  const value = text(target, values, operator).trim();
  if (!/^\d+$/.test(value)) throw badFetch(`The condition operator '${operator}' takes a whole number, not '${value}'.`);
  return Number(value);
}

function dateOnly(target: ConditionTarget, values: readonly string[], operator: string): void {
  none(target, values, operator);
  requireDate(target);
}

function requireDate(target: ConditionTarget): void {
  if (valueTypeOf(target.column) !== 'datetime') throw badFetch(`The date operators apply to date columns only, not ${target.attribute}.`);
}

/** The UTC day a value names, as epoch ms of its midnight. */
function dayOf(target: ConditionTarget, values: readonly string[], operator: string): number {
  requireDate(target);
  const value = text(target, values, operator).trim();
  const instant = parseInstant(value.slice(0, 10));
  if (Number.isNaN(instant)) throw badFetch(`The value '${value}' of '${operator}' on ${target.attribute} is not a date.`);
  return instant;
}

function integer(target: ConditionTarget, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw badFetch(`The value '${value}' on ${target.attribute} is not a whole number.`);
  return Number(value.trim());
}

/** A value read by its column's type (`engine/values.ts`); 400 when the column cannot hold it. */
export function typed(target: ConditionTarget, raw: string): string | number | boolean {
  const value = literalOf(raw, target.column);
  if (value === undefined)
    throw badFetch(`The value '${raw.slice(0, 100)}' is not valid for the ${target.column.kind} attribute ${target.attribute}.`);
  return value;
}

function idCompare(target: ConditionTarget, op: 'eq' | 'ne', id: string | undefined, operator: string): FilterNode {
  if (valueTypeOf(target.column) !== 'guid')
    throw badFetch(`The condition operator '${operator}' applies to lookup and id columns only, not ${target.attribute}.`);
  // Without a signed-in user nothing is the user: a GUID no row holds.
  return compare(target, op, (id ?? '00000000-0000-0000-0000-000000000000').toLowerCase());
}

function today(env: ConditionEnvironment): number {
  return Math.floor(env.now / dayMs) * dayMs;
}

/** Midnight of the Sunday that starts this week (UTC). */
function week(env: ConditionEnvironment): number {
  return today(env) - new Date(env.now).getUTCDay() * dayMs;
}

/** Midnight of the first of the month `offset` months from this one (UTC). */
function month(env: ConditionEnvironment, offset: number): number {
  const date = new Date(env.now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
}

/** `instant` moved by whole months, the day clamped to the month's last. */
function addMonths(instant: number, months: number): number {
  const date = new Date(instant);
  const target = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()),
  );
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return target.getTime();
}
