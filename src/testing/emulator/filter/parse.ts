/**
 * The `$filter` parser: a recursive-descent parser that type-checks the expression against the
 * table's columns the way Dataverse does and builds a {@link FilterNode} tree.
 *
 * Precedence follows OData (v4.01 Part 2 §5.1.1.16, "Operator Precedence"), tightest first:
 * primary (literals, properties, calls, parentheses), `not`, relational (`gt ge lt le`),
 * equality (`eq ne`), `and`, `or`; binary operators associate to the left. So
 * `isoutbound eq transfercount gt 0` means `isoutbound eq (transfercount gt 0)`.
 * Constructs the emulator does not implement throw 501 instead of being mis-evaluated.
 */
import type { ColumnDef } from '../../../index.js';
import type { ODataError } from '../errors.js';
import { badQuery, nestedTooDeep, notImplemented, syntaxError } from './errors.js';
import { parseInstant } from './instant.js';
import {
  type CompareOperator,
  type FilterContext,
  type FilterNode,
  type StringFunction,
  type ValueType,
  type ValuesFunction,
  edmTypeOf,
  valueTypeOf,
} from './nodes.js';
import { type Token, tokenize } from './tokens.js';

/**
 * How deep a `$filter` may nest: parentheses, `not`s, function arguments and chained
 * comparisons each add a level. Deeper text is a 400 ("Recursion depth exceeded allowed
 * limit."), never a stack overflow, and the trees it yields keep the evaluator's recursion
 * bounded. Dataverse's own limit is not documented; the OData library it parses with counts
 * 800 recursive calls by default, several per level of parentheses, which lands in the same
 * order of magnitude. Long `and`/`or` chains do not count: they are flat.
 */
export const MAX_FILTER_DEPTH = 100;

/** Operators by precedence level, with the operator-kind names Dataverse's error messages use. */
const EQUALITY_OPERATORS: Readonly<Record<string, string>> = { eq: 'Equal', ne: 'NotEqual' };
const RELATIONAL_OPERATORS: Readonly<Record<string, string>> = {
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};
const RESERVED = new Set(['and', 'or', 'not', ...Object.keys(EQUALITY_OPERATORS), ...Object.keys(RELATIONAL_OPERATORS)]);
/** OData operators that are valid syntax but not implemented here. */
const UNSUPPORTED_OPERATORS = new Set(['add', 'sub', 'mul', 'div', 'divby', 'mod', 'has', 'in']);
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
/** Standard OData functions the emulator does not implement (anything else is an unknown function). */
const ODATA_FUNCTIONS = new Set(
  (
    'tolower toupper trim length indexof substring concat matchesPattern year month day hour minute second ' +
    'fractionalseconds totalseconds date time totaloffsetminutes now maxdatetime mindatetime round floor ' +
    'ceiling cast isof geo.distance geo.intersects geo.length'
  ).split(' '),
);
const CRM_PREFIX = 'Microsoft.Dynamics.CRM.';
const VALUES_FUNCTIONS = new Set<string>(['ContainValues', 'DoesNotContainValues', 'In', 'NotIn']);

/** A parsed sub-expression with its static type. */
interface Typed {
  readonly node: FilterNode;
  readonly type: ValueType;
  /** Edm type name, for error messages. */
  readonly edm: string;
  readonly column?: ColumnDef;
  /** Levels of the tree under and including `node` (a leaf is 1). */
  readonly depth: number;
}

/** Dataverse's (OData library's) message for operands of mismatched types. */
function incompatibleTypes(left: Pick<Typed, 'edm'>, right: Pick<Typed, 'edm'>, operatorKind: string): ODataError {
  return badQuery(
    'A binary operator with incompatible types was detected. ' +
      `Found operand types '${left.edm}' and '${right.edm}' for operator kind '${operatorKind}'.`,
  );
}

function literal(value: string | number | boolean | null, type: ValueType, edm: string): Typed {
  return { node: { kind: 'literal', value }, type, edm, depth: 1 };
}

/** A boolean node over `children`, refused when it would make the tree too deep. */
function booleanNode(node: FilterNode, ...children: readonly Typed[]): Typed {
  const depth = 1 + Math.max(0, ...children.map((child) => child.depth));
  if (depth > MAX_FILTER_DEPTH) throw nestedTooDeep();
  return { node, type: 'boolean', edm: 'Edm.Boolean', depth };
}

/** Parses and type-checks a `$filter` expression. Throws ODataError 400 (bad query) or 501 (not implemented). */
export function parseFilter(text: string, context: FilterContext): FilterNode {
  const parser = new Parser(text, context);
  const result = parser.parseOr();
  parser.expectEnd();
  if (result.type !== 'boolean') throw badQuery('The $filter expression must evaluate to a single boolean value.');
  return result.node;
}

/** Where an alias's value is parsed from: nesting counts on from the expression that used it. */
interface AliasScope {
  /** Nesting depth at the alias. */
  readonly depth: number;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Current nesting (parentheses, `not`, function arguments), to refuse text deeper than MAX_FILTER_DEPTH. */
  private nesting: number;

  constructor(
    private readonly text: string,
    private readonly context: FilterContext,
    /** Set while parsing an alias's value; aliases do not nest. */
    private readonly alias?: AliasScope,
  ) {
    this.tokens = tokenize(text);
    this.nesting = alias?.depth ?? 0;
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

  /** Parses one level deeper; the bound keeps hostile text (10,000 `(`) from overflowing the stack. */
  private nested<T>(parse: () => T): T {
    if (this.nesting >= MAX_FILTER_DEPTH) throw nestedTooDeep();
    this.nesting++;
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /** or-expression: lowest precedence. */
  parseOr(): Typed {
    return this.parseLogical('or', () => this.parseAnd());
  }

  private parseAnd(): Typed {
    return this.parseLogical('and', () => this.parseEquality());
  }

  /** A chain `a and b and c` as one node with every operand, type-checked pair by pair as it is read. */
  private parseLogical(kind: 'and' | 'or', parseOperand: () => Typed): Typed {
    const first = parseOperand();
    if (!this.isWord(kind)) return first;
    const operands: Typed[] = [first];
    // What the chain so far is, for the error message of a bad next operand.
    let left: Pick<Typed, 'type' | 'edm'> = first;
    while (this.isWord(kind)) {
      this.next();
      const right = parseOperand();
      if (left.type !== 'boolean' || right.type !== 'boolean') throw incompatibleTypes(left, right, kind === 'and' ? 'And' : 'Or');
      operands.push(right);
      left = { type: 'boolean', edm: 'Edm.Boolean' };
    }
    return booleanNode({ kind, operands: operands.map((operand) => operand.node) }, ...operands);
  }

  /** `eq` and `ne`: looser than the relational operators, tighter than `and`. */
  private parseEquality(): Typed {
    return this.parseComparisons(EQUALITY_OPERATORS, () => this.parseRelational());
  }

  /** `gt ge lt le`: tighter than equality, looser than `not`. */
  private parseRelational(): Typed {
    return this.parseComparisons(RELATIONAL_OPERATORS, () => this.parseUnary());
  }

  /** A left-associative chain of the comparison operators in `operators`. */
  private parseComparisons(operators: Readonly<Record<string, string>>, parseOperand: () => Typed): Typed {
    let left = parseOperand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'word') return left;
      if (UNSUPPORTED_OPERATORS.has(token.text)) throw notImplemented(`the '${token.text}' operator`);
      const operatorKind = operators[token.text];
      if (operatorKind === undefined) return left;
      this.next();
      left = this.compare(token.text as CompareOperator, operatorKind, left, parseOperand());
    }
  }

  private compare(op: CompareOperator, operatorKind: string, left: Typed, right: Typed): Typed {
    if (left.type !== 'null' && right.type !== 'null') {
      if (left.type === 'multiselect' || right.type === 'multiselect') {
        throw notImplemented(`'${op}' on a multi-select choice column other than with null (use ${CRM_PREFIX}ContainValues)`);
      }
      if (left.type !== right.type) throw incompatibleTypes(left, right, operatorKind);
    }
    return booleanNode({ kind: 'compare', op, left: left.node, right: right.node, column: left.column ?? right.column }, left, right);
  }

  private parseUnary(): Typed {
    if (!this.isWord('not')) return this.parsePrimary();
    this.next();
    const operand = this.nested(() => this.parseUnary());
    if (operand.type !== 'boolean') {
      throw badQuery(
        `A unary operator with an incompatible type was detected. Found operand type '${operand.edm}' for operator kind 'Not'.`,
      );
    }
    return booleanNode({ kind: 'not', operand: operand.node }, operand);
  }

  parsePrimary(): Typed {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return literal(token.value!, 'string', 'Edm.String');
      case 'number': {
        const value = Number(token.text);
        const edm = /[eE]/.test(token.text)
          ? 'Edm.Double'
          : token.text.includes('.')
            ? 'Edm.Decimal'
            : value >= -(2 ** 31) && value < 2 ** 31
              ? 'Edm.Int32'
              : 'Edm.Int64';
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
          return this.nested(() => {
            const inner = this.parseOr();
            this.expect(')');
            return inner;
          });
        }
    }
    throw syntaxError(this.text, token.pos);
  }

  private parseWord(token: Token): Typed {
    const name = token.text;
    if (name === 'true' || name === 'false') return literal(name === 'true', 'boolean', 'Edm.Boolean');
    if (name === 'null') return literal(null, 'null', 'null');
    if (RESERVED.has(name)) throw syntaxError(this.text, token.pos);
    if (this.isPunct('(')) return this.nested(() => this.parseCall(name));
    if (this.isPunct('/')) {
      this.next();
      const segment = this.peek().text;
      throw notImplemented(
        segment === 'any' || segment === 'all' ? `the lambda operator '${segment}'` : `navigation paths ('${name}/${segment}')`,
      );
    }
    const column = this.context.properties.get(name);
    if (!column) throw this.unknownProperty(name);
    return { node: { kind: 'property', name }, type: valueTypeOf(column), edm: edmTypeOf(column), column, depth: 1 };
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
      const valid =
        target.node.kind === 'property' && target.type === 'string' && argument.node.kind === 'literal' && argument.type === 'string';
      if (!valid) {
        throw badQuery(
          `The function '${name}' takes a string column and a string literal, as in ${name}(name,'text'); ` +
            `found '${target.edm}' and '${argument.edm}'.`,
        );
      }
      const value = argument.node.value as string;
      return booleanNode({ kind: 'string-function', name: name as StringFunction, property: target.node.name, value });
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
      direct && direct.kind !== 'lookup'
        ? [propertyName, direct]
        : this.context.properties.get(lookupName)?.kind === 'lookup'
          ? [lookupName, this.context.properties.get(lookupName)!]
          : [propertyName, undefined];
    if (!column) throw this.unknownProperty(propertyName);
    const multiSelect = name === 'ContainValues' || name === 'DoesNotContainValues';
    if (multiSelect !== (column.kind === 'multiselectpicklist')) {
      throw badQuery(
        multiSelect
          ? `${CRM_PREFIX}${name} applies only to choices (multi-select) columns; '${propertyName}' is a ${column.kind} column.`
          : `${CRM_PREFIX}${name} does not apply to the choices column '${propertyName}'; use ${CRM_PREFIX}ContainValues.`,
      );
    }
    const values = rawValues.map((raw) => {
      const value = convertValue(raw, multiSelect ? 'number' : valueTypeOf(column));
      if (value === undefined || (multiSelect && !Number.isInteger(value))) {
        throw badQuery(`The value '${raw}' passed to ${CRM_PREFIX}${name} is not valid for the column '${propertyName}'.`);
      }
      return value;
    });
    return booleanNode({ kind: 'values', name, property, column, values });
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
    if (this.alias) throw syntaxError(this.text, token.pos);
    const raw = this.context.aliases?.get(token.text) ?? this.context.aliases?.get(token.text.slice(1));
    if (raw === undefined) throw badQuery(`The parameter alias '${token.text}' used in $filter has no value in the query string.`);
    const parser = new Parser(raw, this.context, { depth: this.nesting });
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
