/**
 * A `ConditionExpression` as a node of the emulator's filter model (`filter/nodes.ts`), so that
 * `$filter`, FetchXML and QueryExpression can share one evaluator. Values arrive as the Web API
 * serialises `Microsoft.Dynamics.CRM.Object`: `{ "Type": "System.Int32", "Value": "1" }`, the
 * value always a string.
 */
import type { ColumnDef } from '../../../index.js';
import { literalOf } from '../engine/values.js';
import { ErrorCodes, ODataError, badRequest } from '../errors.js';
import { type FilterNode, valueTypeOf } from '../filter/nodes.js';

/** A day, an hour, a minute and a week, in milliseconds. */
const minuteMs = 60_000;
const olderThan: Readonly<Record<string, number>> = {
  OlderThanXMinutes: minuteMs,
  OlderThanXHours: 60 * minuteMs,
  OlderThanXDays: 24 * 60 * minuteMs,
  OlderThanXWeeks: 7 * 24 * 60 * minuteMs,
};

/** `ConditionOperator` members by their numeric value (the enum may come as either). */
const operatorNames: Readonly<Record<number, string>> = {
  0: 'Equal',
  1: 'NotEqual',
  2: 'GreaterThan',
  3: 'LessThan',
  4: 'GreaterEqual',
  5: 'LessEqual',
  8: 'In',
  9: 'NotIn',
  10: 'Between',
  11: 'NotBetween',
  12: 'Null',
  13: 'NotNull',
  54: 'BeginsWith',
  55: 'DoesNotBeginWith',
  56: 'EndsWith',
  57: 'DoesNotEndWith',
  84: 'OlderThanXDays',
  85: 'OlderThanXHours',
  86: 'OlderThanXMinutes',
  83: 'OlderThanXWeeks',
  87: 'ContainValues',
  88: 'DoesNotContainValues',
};

const comparisons = { Equal: 'eq', NotEqual: 'ne', GreaterThan: 'gt', LessThan: 'lt', GreaterEqual: 'ge', LessEqual: 'le' } as const;

/** A column of the table a condition names: its property name in the stored row (`_x_value` for a lookup) and description. */
export interface ConditionColumn {
  property: string;
  column: ColumnDef;
}

/** The operator's member name; 501 for a value the emulator does not know. */
export function operatorName(operator: unknown): string {
  if (typeof operator === 'string' && /^[A-Za-z]+$/.test(operator)) return operator;
  if (typeof operator === 'number' && operatorNames[operator] !== undefined) return operatorNames[operator];
  throw badRequest(`The condition operator ${JSON.stringify(operator)} is not a ConditionOperator.`);
}

/**
 * Compiles one condition on `target`. Supported: Equal, NotEqual, GreaterThan, GreaterEqual,
 * LessThan, LessEqual, Between, NotBetween, In, NotIn, Null, NotNull, BeginsWith,
 * DoesNotBeginWith, EndsWith, DoesNotEndWith, OlderThanX{Minutes,Hours,Days,Weeks},
 * ContainValues, DoesNotContainValues. Any other operator is 501; a value its column cannot
 * hold, or the wrong number of values, 400.
 */
export function compileCondition(target: ConditionColumn, operator: string, rawValues: readonly unknown[], now: number): FilterNode {
  const { property, column } = target;
  const count = (expected: number | 'some') => {
    if (expected === 'some' ? rawValues.length === 0 : rawValues.length !== expected) {
      throw badRequest(
        `The condition operator ${operator} on ${property} takes ${expected === 'some' ? 'one or more values' : `${expected} value(s)`}, got ${rawValues.length}.`,
      );
    }
  };
  const compare = (op: 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le', value: string | number | boolean | null): FilterNode => ({
    kind: 'compare',
    op,
    left: { kind: 'property', name: property },
    right: { kind: 'literal', value },
    column,
  });
  if (operator in comparisons) {
    count(1);
    if (column.kind === 'multiselectpicklist') throw notEmulated(`${operator} on the choices column ${property} (use ContainValues)`);
    return compare(comparisons[operator as keyof typeof comparisons], valueOf(rawValues[0], column, property));
  }
  switch (operator) {
    case 'Null':
    case 'NotNull':
      count(0);
      return compare(operator === 'Null' ? 'eq' : 'ne', null);
    case 'Between':
    case 'NotBetween': {
      count(2);
      const range: FilterNode = {
        kind: 'and',
        operands: [compare('ge', valueOf(rawValues[0], column, property)), compare('le', valueOf(rawValues[1], column, property))],
      };
      return operator === 'Between' ? range : { kind: 'not', operand: range };
    }
    case 'In':
    case 'NotIn':
    case 'ContainValues':
    case 'DoesNotContainValues': {
      count('some');
      const multi = operator === 'ContainValues' || operator === 'DoesNotContainValues';
      if (multi !== (column.kind === 'multiselectpicklist'))
        throw badRequest(`The condition operator ${operator} does not apply to the ${column.kind} column ${property}.`);
      const values = rawValues.map((raw) => (multi ? integerOf(raw, property) : valueOf(raw, column, property)));
      if (values.some((value) => value === null))
        throw badRequest(`The condition operator ${operator} on ${property} takes no null value.`);
      return { kind: 'values', name: operator, property, column, values: values as (string | number | boolean)[] };
    }
    case 'BeginsWith':
    case 'DoesNotBeginWith':
    case 'EndsWith':
    case 'DoesNotEndWith': {
      count(1);
      if (valueTypeOf(column) !== 'string')
        throw badRequest(`The condition operator ${operator} applies to text columns only, not ${property}.`);
      const name = operator.endsWith('BeginWith') || operator === 'BeginsWith' ? 'startswith' : 'endswith';
      const node: FilterNode = { kind: 'string-function', name, property, value: String(valueOf(rawValues[0], column, property)) };
      return operator.startsWith('DoesNot') ? { kind: 'not', operand: node } : node;
    }
  }
  if (olderThan[operator] !== undefined) {
    count(1);
    if (valueTypeOf(column) !== 'datetime')
      throw badRequest(`The condition operator ${operator} applies to date columns only, not ${property}.`);
    const amount = integerOf(rawValues[0], property);
    return compare('lt', now - amount * olderThan[operator]);
  }
  throw notEmulated(`the condition operator ${operator}`);
}

function notEmulated(what: string): ODataError {
  return new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement ${what} in a QueryExpression.`);
}

/** The string a `{ Type, Value }` object carries. */
function textOf(raw: unknown, property: string): string {
  const object = raw as { Type?: unknown; Value?: unknown } | null;
  if (typeof object !== 'object' || object === null || typeof object.Value !== 'string' || typeof object.Type !== 'string') {
    throw badRequest(`A value of the condition on ${property} must be { "Type": "<.NET type>", "Value": "<text>" }.`);
  }
  return object.Value;
}

function integerOf(raw: unknown, property: string): number {
  const text = textOf(raw, property).trim();
  if (!/^-?\d+$/.test(text)) throw badRequest(`The value '${text}' of the condition on ${property} is not a whole number.`);
  return Number(text);
}

/** A condition value as the filter model holds it (`engine/values.ts`): numbers, booleans, lower-case GUIDs, dates as epoch ms. */
function valueOf(raw: unknown, column: ColumnDef, property: string): string | number | boolean {
  const text = textOf(raw, property);
  const value = literalOf(text, column);
  if (value === undefined) throw badRequest(`The value '${text.slice(0, 100)}' is not valid for the ${column.kind} column ${property}.`);
  return value;
}
