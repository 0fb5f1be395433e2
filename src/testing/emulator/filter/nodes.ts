/**
 * What a parsed `$filter` is: the tree the parser builds and the evaluator walks, the context it
 * is parsed in, and how each column kind compares.
 */
import type { ColumnDef, ColumnKind } from '../../../index.js';

/** What a `$filter` is parsed against. */
export interface FilterContext {
  /** Web API property names of the table (lookups appear as `_x_value`) → column description. Unknown name → 400. */
  readonly properties: ReadonlyMap<string, ColumnDef>;
  /** Entity type name for error messages, e.g. 'msdyn_ocliveworkitem'. */
  readonly entityName: string;
  /** Parameter aliases from the query string (`@p1` → raw text of the value, e.g. "'msdyn_channel'" or "['192360000']"). */
  readonly aliases?: ReadonlyMap<string, string>;
}

/** The comparison operators of `$filter`. */
export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** The string functions the emulator implements. */
export type StringFunction = 'contains' | 'startswith' | 'endswith';

/** The Dataverse query functions the emulator implements, without their `Microsoft.Dynamics.CRM.` prefix. */
export type ValuesFunction = 'ContainValues' | 'DoesNotContainValues' | 'In' | 'NotIn';

/**
 * The parsed, type-checked filter. Literal values are normalised at parse time:
 * GUIDs lowercased, dates converted to epoch milliseconds. A chain of `and` (or of `or`) is
 * one node with all its operands, so a long list of alternatives stays one level deep.
 * `parseFilter` builds no tree deeper than `MAX_FILTER_DEPTH`, which bounds the evaluator's
 * recursion.
 */
export type FilterNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'property'; readonly name: string }
  | {
      readonly kind: 'compare';
      readonly op: CompareOperator;
      readonly left: FilterNode;
      readonly right: FilterNode;
      /** The column whose comparison rule applies (from whichever side is a property). */
      readonly column: ColumnDef | undefined;
    }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'string-function'; readonly name: StringFunction; readonly property: string; readonly value: string }
  | {
      /** Microsoft.Dynamics.CRM.ContainValues / DoesNotContainValues / In / NotIn. */
      readonly kind: 'values';
      readonly name: ValuesFunction;
      readonly property: string;
      readonly column: ColumnDef;
      readonly values: readonly (string | number | boolean)[];
    }
  | {
      /**
       * SQL `LIKE` (FetchXML `like`, `not-like`): `%` any run of characters, `_` one character,
       * `[…]` one of a set, matched case-insensitively. No `$filter` function compiles to it.
       */
      readonly kind: 'like';
      readonly property: string;
      /** The pattern as a regular expression, compiled once (anchored, case-insensitive, no `g` flag). */
      readonly pattern: RegExp;
    };

/** Static type of an expression, used for Dataverse-like type checking and for comparing. */
export type ValueType = 'boolean' | 'string' | 'number' | 'datetime' | 'guid' | 'multiselect' | 'null';

/** How each column kind compares, and its Edm type name for error messages. */
const COLUMN_TYPES: Readonly<Record<ColumnKind, readonly [ValueType, string]>> = {
  uniqueidentifier: ['guid', 'Edm.Guid'],
  lookup: ['guid', 'Edm.Guid'],
  string: ['string', 'Edm.String'],
  memo: ['string', 'Edm.String'],
  entityname: ['string', 'Edm.String'],
  integer: ['number', 'Edm.Int32'],
  bigint: ['number', 'Edm.Int64'],
  double: ['number', 'Edm.Double'],
  decimal: ['number', 'Edm.Decimal'],
  money: ['number', 'Edm.Decimal'],
  picklist: ['number', 'Edm.Int32'],
  state: ['number', 'Edm.Int32'],
  status: ['number', 'Edm.Int32'],
  boolean: ['boolean', 'Edm.Boolean'],
  datetime: ['datetime', 'Edm.DateTimeOffset'],
  dateonly: ['datetime', 'Edm.Date'],
  multiselectpicklist: ['multiselect', 'Edm.String'],
};

/** How values of `column` compare (`number`, `string`, `datetime`…). */
export function valueTypeOf(column: ColumnDef): ValueType {
  return COLUMN_TYPES[column.kind][0];
}

/** The Edm type name of `column`, as Dataverse's error messages spell it. */
export function edmTypeOf(column: ColumnDef): string {
  return COLUMN_TYPES[column.kind][1];
}
