/**
 * OData v4 `$filter` for the emulator: a tokenizer, a precedence-climbing parser that
 * type-checks the expression against the table's columns the way Dataverse does, and an
 * evaluator over rows stored in Web API shape.
 *
 * Semantics follow Dataverse (which runs `$filter` as SQL), not the bare OData spec:
 * - strings (and GUIDs) compare case-insensitively;
 * - a comparison with a null value is *unknown* (SQL three-valued logic): `x ne 'a'`,
 *   `x gt 1` and `not (x eq 'a')` all exclude rows where `x` is null. Only a comparison
 *   with the `null` literal tests for null (`x eq null` is IS NULL, `x ne null` IS NOT NULL);
 * - rows match only when the whole expression is true (false and unknown both exclude).
 * Constructs the emulator does not implement throw 501 instead of being mis-evaluated.
 */
import type { ColumnDef, ColumnKind } from '../../schema/table.js';
import { ErrorCodes, ODataError } from './errors.js';

export interface FilterContext {
  /** Web API property names of the table (lookups appear as `_x_value`) → column description. Unknown name → 400. */
  readonly properties: ReadonlyMap<string, ColumnDef>;
  /** Entity type name for error messages, e.g. 'msdyn_ocliveworkitem'. */
  readonly entityName: string;
  /** Parameter aliases from the query string (`@p1` → raw text of the value, e.g. "'msdyn_channel'" or "['192360000']"). */
  readonly aliases?: ReadonlyMap<string, string>;
}

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * The parsed, type-checked filter. Literal values are normalised at parse time:
 * GUIDs lowercased, dates converted to epoch milliseconds.
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
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'string-function'; readonly name: StringFunction; readonly property: string; readonly value: string }
  | {
      /** Microsoft.Dynamics.CRM.ContainValues / DoesNotContainValues / In / NotIn. */
      readonly kind: 'values';
      readonly name: ValuesFunction;
      readonly property: string;
      readonly column: ColumnDef;
      readonly values: readonly (string | number | boolean)[];
    };

type StringFunction = 'contains' | 'startswith' | 'endswith';
type ValuesFunction = 'ContainValues' | 'DoesNotContainValues' | 'In' | 'NotIn';

/** Static type of an expression, used for Dataverse-like type checking. */
type ValueType = 'boolean' | 'string' | 'number' | 'datetime' | 'guid' | 'multiselect' | 'null';

/** How each column kind compares, and its Edm type name for error messages. */
const COLUMN_TYPES: Readonly<Record<ColumnKind, readonly [ValueType, string]>> = {
  uniqueidentifier: ['guid', 'Edm.Guid'], lookup: ['guid', 'Edm.Guid'],
  string: ['string', 'Edm.String'], memo: ['string', 'Edm.String'], entityname: ['string', 'Edm.String'],
  integer: ['number', 'Edm.Int32'], bigint: ['number', 'Edm.Int64'], double: ['number', 'Edm.Double'],
  decimal: ['number', 'Edm.Decimal'], money: ['number', 'Edm.Decimal'],
  picklist: ['number', 'Edm.Int32'], state: ['number', 'Edm.Int32'], status: ['number', 'Edm.Int32'],
  boolean: ['boolean', 'Edm.Boolean'], datetime: ['datetime', 'Edm.DateTimeOffset'], dateonly: ['datetime', 'Edm.Date'],
  multiselectpicklist: ['multiselect', 'Edm.String'],
};

/** Comparison operators with the operator-kind names Dataverse's error messages use. */
const OPERATOR_KINDS: Readonly<Record<CompareOperator, string>> = {
  eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual',
};
const COMPARE_OPERATORS = new Set(Object.keys(OPERATOR_KINDS));
const RESERVED = new Set(['and', 'or', 'not', ...COMPARE_OPERATORS]);
/** OData operators that are valid syntax but not implemented here. */
const UNSUPPORTED_OPERATORS = new Set(['add', 'sub', 'mul', 'div', 'divby', 'mod', 'has', 'in']);
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
/** Standard OData functions the emulator does not implement (anything else is an unknown function). */
const ODATA_FUNCTIONS = new Set(
  ('tolower toupper trim length indexof substring concat matchesPattern year month day hour minute second ' +
    'fractionalseconds totalseconds date time totaloffsetminutes now maxdatetime mindatetime round floor ' +
    'ceiling cast isof geo.distance geo.intersects geo.length').split(' '),
);
const CRM_PREFIX = 'Microsoft.Dynamics.CRM.';
const VALUES_FUNCTIONS = new Set<string>(['ContainValues', 'DoesNotContainValues', 'In', 'NotIn']);

const badQuery = (message: string) => new ODataError(400, ErrorCodes.BadQuery, message);
const notImplemented = (what: string) =>
  new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement ${what} in $filter.`);
const syntaxError = (text: string, position: number) => badQuery(`Syntax error at position ${position} in '${text}'.`);

// ---------------------------------------------------------------------------------------------
// Tokenizer

interface Token {
  readonly kind: 'word' | 'string' | 'number' | 'guid' | 'date' | 'alias' | 'punct' | 'end';
  readonly text: string;
  readonly pos: number;
  /** For strings: the unescaped content. */
  readonly value?: string;
}

/** Tried in order at each position; GUIDs and dates first, because both start like numbers or words. */
const TOKEN_PATTERNS: readonly (readonly [Token['kind'], RegExp])[] = [
  ['guid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/iy],
  ['date', /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/y],
  ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['word', /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/y], // dotted, for Microsoft.Dynamics.CRM.X
  ['alias', /@[A-Za-z_]\w*/y],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  scan: while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if ('(),=[]/:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos: i++ });
    } else if (ch === "'") {
      // A quote inside a string is written twice: 'O''Brien'.
      let value = '';
      for (let j = i + 1; j < text.length; j++) {
        if (text[j] !== "'") value += text[j];
        else if (text[j + 1] === "'") value += text[j++];
        else {
          tokens.push({ kind: 'string', text: text.slice(i, j + 1), pos: i, value });
          i = j + 1;
          continue scan;
        }
      }
      throw syntaxError(text, i); // unterminated string
    } else {
      const found = TOKEN_PATTERNS.map(([kind, re]) => {
        re.lastIndex = i;
        return [kind, re.exec(text)?.[0]] as const;
      }).find(([, match]) => match !== undefined);
      if (!found) throw syntaxError(text, i);
      const end = i + found[1]!.length;
      // A literal must not run straight into a name character (`12abc`, `2026-01-02T10`).
      if (/[\w.]/.test(text[end] ?? '')) throw syntaxError(text, end);
      tokens.push({ kind: found[0], text: found[1]!, pos: i });
      i = end;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

/** ISO-8601 date or date-time → epoch ms (NaN when malformed). A missing offset means UTC. */
function parseInstant(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Number(((m[7] ?? '') + '000').slice(0, 3)));
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return NaN;
  const zone = m[8] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return utc - offset * 60_000;
}

// ---------------------------------------------------------------------------------------------
// Parser

/** A parsed sub-expression with its static type. */
interface Typed {
  readonly node: FilterNode;
  readonly type: ValueType;
  /** Edm type name, for error messages. */
  readonly edm: string;
  readonly column?: ColumnDef;
}

/** Dataverse's (OData library's) message for operands of mismatched types. */
const incompatibleTypes = (left: Typed, right: Typed, operatorKind: string) =>
  badQuery(
    'A binary operator with incompatible types was detected. ' +
      `Found operand types '${left.edm}' and '${right.edm}' for operator kind '${operatorKind}'.`,
  );
const boolean = (node: FilterNode): Typed => ({ node, type: 'boolean', edm: 'Edm.Boolean' });
const literal = (value: string | number | boolean | null, type: ValueType, edm: string): Typed =>
  ({ node: { kind: 'literal', value }, type, edm });

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly context: FilterContext,
    /** True while parsing an alias's value; aliases do not nest. */
    private readonly inAlias = false,
  ) {
    this.tokens = tokenize(text);
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }
  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }
  private isPunct(p: string): boolean {
    return this.peek().kind === 'punct' && this.peek().text === p;
  }
  private isWord(w: string): boolean {
    return this.peek().kind === 'word' && this.peek().text === w;
  }
  private expect(p: string): void {
    if (!this.isPunct(p)) throw syntaxError(this.text, this.peek().pos);
    this.next();
  }
  expectEnd(): void {
    if (this.peek().kind !== 'end') throw syntaxError(this.text, this.peek().pos);
  }

  /** or-expression: lowest precedence. */
  parseOr(): Typed {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.next();
      left = this.logical('or', left, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): Typed {
    let left = this.parseComparison();
    while (this.isWord('and')) {
      this.next();
      left = this.logical('and', left, this.parseComparison());
    }
    return left;
  }

  private logical(kind: 'and' | 'or', left: Typed, right: Typed): Typed {
    if (left.type !== 'boolean' || right.type !== 'boolean') {
      throw incompatibleTypes(left, right, kind === 'and' ? 'And' : 'Or');
    }
    return boolean({ kind, left: left.node, right: right.node });
  }

  /** Comparisons bind tighter than and/or, looser than not; chains associate to the left. */
  private parseComparison(): Typed {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'word') return left;
      if (UNSUPPORTED_OPERATORS.has(token.text)) throw notImplemented(`the '${token.text}' operator`);
      if (!COMPARE_OPERATORS.has(token.text)) return left;
      this.next();
      left = this.compare(token.text as CompareOperator, left, this.parseUnary());
    }
  }

  private compare(op: CompareOperator, left: Typed, right: Typed): Typed {
    if (left.type !== 'null' && right.type !== 'null') {
      if (left.type === 'multiselect' || right.type === 'multiselect') {
        throw notImplemented(`'${op}' on a multi-select choice column other than with null (use ${CRM_PREFIX}ContainValues)`);
      }
      if (left.type !== right.type) {
        throw incompatibleTypes(left, right, OPERATOR_KINDS[op]);
      }
    }
    return boolean({ kind: 'compare', op, left: left.node, right: right.node, column: left.column ?? right.column });
  }

  private parseUnary(): Typed {
    if (!this.isWord('not')) return this.parsePrimary();
    this.next();
    const operand = this.parseUnary();
    if (operand.type !== 'boolean') {
      throw badQuery(`A unary operator with an incompatible type was detected. Found operand type '${operand.edm}' for operator kind 'Not'.`);
    }
    return boolean({ kind: 'not', operand: operand.node });
  }

  parsePrimary(): Typed {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return literal(token.value!, 'string', 'Edm.String');
      case 'number': {
        const value = Number(token.text);
        const edm = /[eE]/.test(token.text) ? 'Edm.Double' : token.text.includes('.') ? 'Edm.Decimal'
          : value >= -(2 ** 31) && value < 2 ** 31 ? 'Edm.Int32' : 'Edm.Int64';
        return literal(value, 'number', edm);
      }
      case 'guid':
        return literal(token.text.toLowerCase(), 'guid', 'Edm.Guid');
      case 'date': {
        const instant = parseInstant(token.text);
        if (Number.isNaN(instant)) throw syntaxError(this.text, token.pos);
        return literal(instant, 'datetime', token.text.includes('T') ? 'Edm.DateTimeOffset' : 'Edm.Date');
      }
      case 'alias':
        return this.resolveAlias(token, (parser) => parser.parsePrimary());
      case 'word':
        return this.parseWord(token);
      case 'punct':
        if (token.text === '(') {
          const inner = this.parseOr();
          this.expect(')');
          return inner;
        }
    }
    throw syntaxError(this.text, token.pos);
  }

  private parseWord(token: Token): Typed {
    const name = token.text;
    if (name === 'true' || name === 'false') return literal(name === 'true', 'boolean', 'Edm.Boolean');
    if (name === 'null') return literal(null, 'null', 'null');
    if (RESERVED.has(name)) throw syntaxError(this.text, token.pos);
    if (this.isPunct('(')) return this.parseCall(name);
    if (this.isPunct('/')) {
      this.next();
      const segment = this.peek().text;
      throw notImplemented(segment === 'any' || segment === 'all' ? `the lambda operator '${segment}'` : `navigation paths ('${name}/${segment}')`);
    }
    const column = this.context.properties.get(name);
    if (!column) throw this.unknownProperty(name);
    const [type, edm] = COLUMN_TYPES[column.kind];
    return { node: { kind: 'property', name }, type, edm, column };
  }

  private unknownProperty(name: string): ODataError {
    return badQuery(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${this.context.entityName}'.`);
  }

  private parseCall(name: string): Typed {
    this.expect('(');
    if (STRING_FUNCTIONS.has(name)) {
      const target = this.parseOr();
      this.expect(',');
      const argument = this.parseOr();
      this.expect(')');
      // Dataverse only accepts a string column and a string value here.
      const valid = target.node.kind === 'property' && target.type === 'string' && argument.node.kind === 'literal' && argument.type === 'string';
      if (!valid) {
        throw badQuery(
          `The function '${name}' takes a string column and a string literal, as in ${name}(name,'text'); ` +
            `found '${target.edm}' and '${argument.edm}'.`,
        );
      }
      const value = argument.node.value as string;
      return boolean({ kind: 'string-function', name: name as StringFunction, property: target.node.name, value });
    }
    const crmName = name.startsWith(CRM_PREFIX) ? name.slice(CRM_PREFIX.length) : undefined;
    if (crmName !== undefined && VALUES_FUNCTIONS.has(crmName)) return this.parseValuesFunction(crmName as ValuesFunction);
    if (crmName !== undefined || ODATA_FUNCTIONS.has(name)) throw notImplemented(`the function '${name}'`);
    throw badQuery(`An unknown function with name '${name}' was found.`);
  }

  /** `Microsoft.Dynamics.CRM.X(PropertyName=…,PropertyValues=…)`; arguments may be aliases. */
  private parseValuesFunction(name: ValuesFunction): Typed {
    const args = new Map<string, string | string[]>();
    for (;;) {
      const key = this.next();
      if (key.kind !== 'word') throw syntaxError(this.text, key.pos);
      this.expect('=');
      args.set(key.text, this.parseArgument());
      if (!this.isPunct(',')) break;
      this.next();
    }
    this.expect(')');
    const propertyName = args.get('PropertyName');
    const rawValues = args.get('PropertyValues');
    if (typeof propertyName !== 'string' || !Array.isArray(rawValues) || args.size !== 2) {
      throw badQuery(`${CRM_PREFIX}${name} takes PropertyName (a string) and PropertyValues (a collection of strings).`);
    }
    // Query functions name the column by logical name: a lookup `x` is the property `_x_value`.
    const lookupName = `_${propertyName}_value`;
    const direct = this.context.properties.get(propertyName);
    const [property, column] =
      direct && direct.kind !== 'lookup' ? [propertyName, direct]
      : this.context.properties.get(lookupName)?.kind === 'lookup' ? [lookupName, this.context.properties.get(lookupName)!]
      : [propertyName, undefined];
    if (!column) throw this.unknownProperty(propertyName);
    const multiSelect = name === 'ContainValues' || name === 'DoesNotContainValues';
    if (multiSelect !== (column.kind === 'multiselectpicklist')) {
      throw badQuery(multiSelect
        ? `${CRM_PREFIX}${name} applies only to choices (multi-select) columns; '${propertyName}' is a ${column.kind} column.`
        : `${CRM_PREFIX}${name} does not apply to the choices column '${propertyName}'; use ${CRM_PREFIX}ContainValues.`);
    }
    const values = rawValues.map((raw) => {
      const value = convertValue(raw, multiSelect ? 'number' : COLUMN_TYPES[column.kind][0]);
      if (value === undefined || (multiSelect && !Number.isInteger(value))) {
        throw badQuery(`The value '${raw}' passed to ${CRM_PREFIX}${name} is not valid for the column '${propertyName}'.`);
      }
      return value;
    });
    return boolean({ kind: 'values', name, property, column, values });
  }

  /** A function argument: a string literal, a collection `['a','b']`, or an alias for either. */
  parseArgument(): string | string[] {
    const token = this.next();
    if (token.kind === 'alias') return this.resolveAlias(token, (parser) => parser.parseArgument());
    if (token.kind === 'string') return token.value!;
    if (token.kind !== 'punct' || token.text !== '[') throw syntaxError(this.text, token.pos);
    const items: string[] = [];
    while (!this.isPunct(']')) {
      const item = this.next();
      if (item.kind !== 'string' && item.kind !== 'number') throw syntaxError(this.text, item.pos);
      items.push(item.value ?? item.text);
      if (!this.isPunct(',')) break;
      this.next();
    }
    this.expect(']');
    return items;
  }

  /** Parses an alias's raw value (from the query string) with a sub-parser. */
  private resolveAlias<T>(token: Token, parse: (parser: Parser) => T): T {
    if (this.inAlias) throw syntaxError(this.text, token.pos);
    const raw = this.context.aliases?.get(token.text) ?? this.context.aliases?.get(token.text.slice(1));
    if (raw === undefined) throw badQuery(`The parameter alias '${token.text}' used in $filter has no value in the query string.`);
    const parser = new Parser(raw, this.context, true);
    const result = parse(parser);
    parser.expectEnd();
    return result;
  }
}

/** Converts a PropertyValues string to the value its column compares with; undefined when invalid. */
function convertValue(raw: string, type: ValueType): string | number | boolean | undefined {
  const text = raw.trim();
  switch (type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
    case 'datetime':
      return Number.isNaN(parseInstant(text)) ? undefined : parseInstant(text);
    case 'guid':
      return /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(text) ? text.toLowerCase() : undefined;
    case 'boolean':
      return /^(true|false)$/i.test(text) ? text.toLowerCase() === 'true' : undefined;
    default:
      return raw;
  }
}

/** Parses and type-checks a `$filter` expression. Throws ODataError 400 (bad query) or 501 (not implemented). */
export function parseFilter(text: string, context: FilterContext): FilterNode {
  const parser = new Parser(text, context);
  const result = parser.parseOr();
  parser.expectEnd();
  if (result.type !== 'boolean') throw badQuery('The $filter expression must evaluate to a single boolean value.');
  return result.node;
}

// ---------------------------------------------------------------------------------------------
// Evaluator

/** Three-valued truth: `null` is SQL's unknown. */
type Truth = boolean | null;
const truth = (value: unknown): Truth => (typeof value === 'boolean' ? value : null);
const fold = (text: string) => text.toLowerCase();

/** True when the row satisfies the filter (false and unknown both exclude it). */
export function evaluateFilter(node: FilterNode, row: Readonly<Record<string, unknown>>): boolean {
  return evaluate(node, row) === true;
}

function evaluate(node: FilterNode, row: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'property':
      return row[node.name] ?? null;
    case 'and': {
      const [l, r] = [truth(evaluate(node.left, row)), truth(evaluate(node.right, row))];
      return l === false || r === false ? false : l === null || r === null ? null : true;
    }
    case 'or': {
      const [l, r] = [truth(evaluate(node.left, row)), truth(evaluate(node.right, row))];
      return l === true || r === true ? true : l === null || r === null ? null : false;
    }
    case 'not': {
      const value = truth(evaluate(node.operand, row));
      return value === null ? null : !value;
    }
    case 'compare':
      return evaluateCompare(node, row);
    case 'string-function': {
      const value = row[node.property];
      if (value == null) return null;
      const [text, part] = [fold(String(value)), fold(node.value)];
      return node.name === 'contains' ? text.includes(part) : node.name === 'startswith' ? text.startsWith(part) : text.endsWith(part);
    }
    case 'values': {
      const value = row[node.property];
      if (node.name === 'ContainValues' || node.name === 'DoesNotContainValues') {
        // Dataverse matches selected options in a side table, so a null column contains nothing.
        const selected = value == null || value === '' ? [] : String(value).split(',').map((v) => Number(v.trim()));
        const any = node.values.some((v) => selected.includes(v as number));
        return node.name === 'ContainValues' ? any : !any;
      }
      if (value == null) return null; // SQL: NULL IN (…) is unknown
      const found = node.values.some((v) => compareValues(value, v, node.column) === 0);
      return node.name === 'In' ? found : !found;
    }
  }
}

function evaluateCompare(node: Extract<FilterNode, { kind: 'compare' }>, row: Readonly<Record<string, unknown>>): Truth {
  const left = evaluate(node.left, row);
  const right = evaluate(node.right, row);
  const isNullLiteral = (n: FilterNode) => n.kind === 'literal' && n.value === null;
  if (isNullLiteral(node.left) || isNullLiteral(node.right)) {
    // IS NULL / IS NOT NULL; ordering against null is unknown.
    const bothNull = left == null && right == null;
    return node.op === 'eq' ? bothNull : node.op === 'ne' ? !bothNull : null;
  }
  if (left == null || right == null) return null;
  const c = compareValues(left, right, node.column);
  switch (node.op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
  }
}

function toInstant(value: unknown): number {
  return typeof value === 'number' ? value : parseInstant(String(value));
}

/**
 * The one comparison rule for `$filter` and `$orderby`: nulls first (ascending), numbers
 * numerically, dates as instants, booleans false < true, everything else (strings, GUIDs)
 * as case-insensitive text. Without a column the rule is inferred from the values.
 */
export function compareValues(a: unknown, b: unknown, column: ColumnDef | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  const type: ValueType = column ? COLUMN_TYPES[column.kind][0]
    : typeof a === 'number' && typeof b === 'number' ? 'number'
    : typeof a === 'boolean' && typeof b === 'boolean' ? 'boolean'
    : 'string';
  const difference = type === 'datetime' ? toInstant(a) - toInstant(b)
    : type === 'number' || type === 'boolean' ? Number(a) - Number(b)
    : NaN;
  // Unparseable data falls back to text comparison rather than an inconsistent NaN.
  if (!Number.isNaN(difference)) return difference < 0 ? -1 : difference > 0 ? 1 : 0;
  const [x, y] = [fold(String(a)), fold(String(b))];
  return x < y ? -1 : x > y ? 1 : 0;
}
