import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ColumnDef } from '../../../src/schema/table.js';
import { ErrorCodes, ODataError } from '../../../src/testing/emulator/errors.js';
import {
  compareValues,
  evaluateFilter,
  MAX_FILTER_DEPTH,
  parseFilter,
  type FilterContext,
} from '../../../src/testing/emulator/filter/index.js';

const GUID_A = '2b330c52-6844-4d36-8e05-03c78c9681dc';
const GUID_B = '0f8fad5b-d9cb-469f-a165-70867728950e';
const LIVE_CHAT = 192360000;
const SMS = 192340000;
const VOICE = 192370000;

const columns: Record<string, ColumnDef> = {
  title: { kind: 'string', maxLength: 100 },
  count: { kind: 'integer' },
  amount: { kind: 'decimal' },
  statuscode: { kind: 'status', options: { 1: 'Open', 2: 'Active', 3: 'Waiting' } },
  createdon: { kind: 'datetime' },
  isactive: { kind: 'boolean' },
  _msdyn_cdsqueueid_value: { kind: 'lookup', targets: { queue: 'msdyn_cdsqueueid' } },
  msdyn_channel: { kind: 'multiselectpicklist', options: { [LIVE_CHAT]: 'Live chat', [SMS]: 'SMS', [VOICE]: 'Voice' } },
};
const properties = new Map(Object.entries(columns));
const context: FilterContext = { properties, entityName: 'msdyn_ocliveworkitem' };

type Row = Record<string, unknown>;

/** Parses `text` and evaluates it on `row`. */
function matches(text: string, row: Row, aliases?: Record<string, string>): boolean {
  const node = parseFilter(text, aliases ? { ...context, aliases: new Map(Object.entries(aliases)) } : context);
  return evaluateFilter(node, row);
}

/** The ODataError `parseFilter(text)` throws. */
function parseError(text: string, aliases?: Record<string, string>): ODataError {
  try {
    parseFilter(text, aliases ? { ...context, aliases: new Map(Object.entries(aliases)) } : context);
  } catch (error) {
    expect(error).toBeInstanceOf(ODataError);
    return error as ODataError;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

function expectBadQuery(text: string, message?: string | RegExp, aliases?: Record<string, string>): void {
  const error = parseError(text, aliases);
  expect(error.status).toBe(400);
  expect(error.code).toBe(ErrorCodes.BadQuery);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
}

function expectNotImplemented(text: string, construct: string | RegExp): void {
  const error = parseError(text);
  expect(error.status).toBe(501);
  expect(error.code).toBe(ErrorCodes.NotImplemented);
  expect(error.message).toMatch(construct);
}

describe('parseFilter / evaluateFilter: comparison operators', () => {
  it('eq matches an equal number', () => {
    expect(matches('count eq 3', { count: 3 })).toBe(true);
    expect(matches('count eq 3', { count: 4 })).toBe(false);
  });
  it('ne matches a different number', () => {
    expect(matches('count ne 3', { count: 4 })).toBe(true);
    expect(matches('count ne 3', { count: 3 })).toBe(false);
  });
  it('gt matches only strictly greater values', () => {
    expect(matches('count gt 3', { count: 4 })).toBe(true);
    expect(matches('count gt 3', { count: 3 })).toBe(false);
  });
  it('ge matches greater or equal values', () => {
    expect(matches('count ge 3', { count: 3 })).toBe(true);
    expect(matches('count ge 3', { count: 2 })).toBe(false);
  });
  it('lt matches only strictly smaller values', () => {
    expect(matches('count lt 3', { count: 2 })).toBe(true);
    expect(matches('count lt 3', { count: 3 })).toBe(false);
  });
  it('le matches smaller or equal values', () => {
    expect(matches('count le 3', { count: 3 })).toBe(true);
    expect(matches('count le 3', { count: 4 })).toBe(false);
  });
  it('accepts the literal on the left of the operator', () => {
    expect(matches('3 lt count', { count: 4 })).toBe(true);
  });
  it('compares two columns of the same type', () => {
    expect(matches('count gt amount', { count: 3, amount: 2.5 })).toBe(true);
  });
});

describe('logical operators and precedence', () => {
  it('and requires both sides', () => {
    expect(matches("count eq 1 and title eq 'a'", { count: 1, title: 'a' })).toBe(true);
    expect(matches("count eq 1 and title eq 'a'", { count: 1, title: 'b' })).toBe(false);
  });
  it('or requires either side', () => {
    expect(matches("count eq 1 or title eq 'a'", { count: 2, title: 'a' })).toBe(true);
    expect(matches("count eq 1 or title eq 'a'", { count: 2, title: 'b' })).toBe(false);
  });
  it('not negates a parenthesised comparison', () => {
    expect(matches('not (count eq 1)', { count: 2 })).toBe(true);
    expect(matches('not (count eq 1)', { count: 1 })).toBe(false);
  });
  it('binds and tighter than or in `a or b and c`', () => {
    // a or (b and c): true when a alone holds.
    expect(matches('count eq 1 or count eq 2 and isactive eq true', { count: 1, isactive: false })).toBe(true);
  });
  it('lets parentheses override precedence', () => {
    expect(matches('(count eq 1 or count eq 2) and isactive eq true', { count: 1, isactive: false })).toBe(false);
  });
  it('binds not tighter than and', () => {
    expect(matches('not isactive and count eq 1', { isactive: false, count: 1 })).toBe(true);
    expect(matches('not isactive and count eq 1', { isactive: false, count: 2 })).toBe(false);
  });
  it('binds not tighter than a comparison, so `not title eq ...` is a type error', () => {
    expectBadQuery("not title eq 'a'", /unary operator.*'Edm.String'.*'Not'/);
  });
  it('accepts a bare boolean column as a condition', () => {
    expect(matches('isactive', { isactive: true })).toBe(true);
    expect(matches('isactive', { isactive: null })).toBe(false);
  });
  it('compares a boolean function result with a boolean literal', () => {
    expect(matches("contains(title,'x') eq false", { title: 'abc' })).toBe(true);
  });
});

describe('comparison precedence (OData v4.01 Part 2 §5.1.1.16: relational before equality)', () => {
  it('binds gt tighter than eq, so `isactive eq count gt 0` compares isactive with (count gt 0)', () => {
    expect(matches('isactive eq count gt 0', { isactive: true, count: 1 })).toBe(true);
    expect(matches('isactive eq count gt 0', { isactive: false, count: 0 })).toBe(true);
    expect(matches('isactive eq count gt 0', { isactive: true, count: 0 })).toBe(false);
  });
  it('binds lt tighter than ne, so `isactive ne count lt 0` compares isactive with (count lt 0)', () => {
    expect(matches('isactive ne count lt 0', { isactive: true, count: 1 })).toBe(true);
    expect(matches('isactive ne count lt 0', { isactive: false, count: 1 })).toBe(false);
  });
  it('compares two relational results with eq in `count gt 1 eq count lt 5`', () => {
    expect(matches('count gt 1 eq count lt 5', { count: 3 })).toBe(true);
    expect(matches('count gt 1 eq count lt 5', { count: 9 })).toBe(false);
  });
  it('binds eq on a relational result tighter than and', () => {
    expect(matches("isactive eq count ge 2 and title eq 'a'", { isactive: true, count: 2, title: 'a' })).toBe(true);
    expect(matches("isactive eq count ge 2 and title eq 'a'", { isactive: true, count: 1, title: 'a' })).toBe(false);
  });
  it('associates equality operators of one level to the left: `isactive eq true eq false` is (isactive eq true) eq false', () => {
    expect(matches('isactive eq true eq false', { isactive: false })).toBe(true);
    expect(matches('isactive eq true eq false', { isactive: true })).toBe(false);
  });
  it('reports an eq between a boolean and a number with the operand types after binding gt first', () => {
    expectBadQuery(
      'count eq count gt 1',
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.Boolean' for operator kind 'Equal'.",
    );
  });
});

describe('nesting limits (MAX_FILTER_DEPTH)', () => {
  const tooDeep = 'Recursion depth exceeded allowed limit.';
  const parenthesised = (depth: number, inner: string) => `${'('.repeat(depth)}${inner}${')'.repeat(depth)}`;

  it('is 100 levels', () => {
    expect(MAX_FILTER_DEPTH).toBe(100);
  });
  it('accepts parentheses nested MAX_FILTER_DEPTH deep', () => {
    expect(matches(parenthesised(MAX_FILTER_DEPTH, 'isactive'), { isactive: true })).toBe(true);
  });
  it('answers 400 for parentheses nested one level deeper than MAX_FILTER_DEPTH', () => {
    expectBadQuery(parenthesised(MAX_FILTER_DEPTH + 1, 'isactive'), tooDeep);
  });
  it('answers 400, not a stack overflow, for 10,000 nested parentheses', () => {
    expectBadQuery(parenthesised(10_000, 'isactive'), tooDeep);
  });
  it('answers 400, not a stack overflow, for `not` repeated 100,000 times', () => {
    expectBadQuery(`${'not '.repeat(100_000)}isactive`, tooDeep);
  });
  it('answers 400 for nesting hidden in a parameter alias, counted from where the alias is used', () => {
    expectBadQuery('title eq @p1', tooDeep, { '@p1': parenthesised(10_000, "'a'") });
  });
  it('answers 400 for nesting in the arguments of a function', () => {
    expectBadQuery(`contains(${parenthesised(10_000, 'title')},'a')`, tooDeep);
  });
  it('answers 400 for a chain of comparisons deeper than MAX_FILTER_DEPTH', () => {
    expectBadQuery(`isactive${' eq true'.repeat(MAX_FILTER_DEPTH)}`, tooDeep);
  });
  it('accepts a chain of comparisons MAX_FILTER_DEPTH deep', () => {
    expect(matches(`isactive${' eq true'.repeat(MAX_FILTER_DEPTH - 1)}`, { isactive: true })).toBe(true);
  });
  it('evaluates an or of 20,000 comparisons (a long id list) without overflowing the stack', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `count eq ${i}`).join(' or ');
    expect(matches(text, { count: 19_999 })).toBe(true);
    expect(matches(text, { count: -1 })).toBe(false);
  });
  it('evaluates an and of 20,000 comparisons without overflowing the stack', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `count ne ${i}`).join(' and ');
    expect(matches(text, { count: -1 })).toBe(true);
    expect(matches(text, { count: 19_999 })).toBe(false);
  });
  it('keeps SQL unknown in a long chain: an or with a null comparison and no true term excludes the row', () => {
    expect(matches("count eq 1 or title eq 'a' or count eq 2", { count: 3, title: null })).toBe(false);
    expect(matches("not (count eq 1 or title eq 'a' or count eq 2)", { count: 3, title: null })).toBe(false);
  });
});

describe('literals', () => {
  it('null matches a null or missing value with eq', () => {
    expect(matches('title eq null', { title: null })).toBe(true);
    expect(matches('title eq null', {})).toBe(true);
    expect(matches('title eq null', { title: 'a' })).toBe(false);
  });
  it('null matches a present value with ne', () => {
    expect(matches('title ne null', { title: 'a' })).toBe(true);
    expect(matches('title ne null', { title: null })).toBe(false);
  });
  it('true and false compare with boolean columns', () => {
    expect(matches('isactive eq true', { isactive: true })).toBe(true);
    expect(matches('isactive eq false', { isactive: true })).toBe(false);
  });
  it('integers compare numerically, not as text', () => {
    expect(matches('count gt 9', { count: 10 })).toBe(true);
  });
  it('negative numbers are literals', () => {
    expect(matches('count gt -2', { count: -1 })).toBe(true);
    expect(matches('count gt -2', { count: -3 })).toBe(false);
  });
  it('decimals such as 1.5 are literals', () => {
    expect(matches('amount eq 1.5', { amount: 1.5 })).toBe(true);
    expect(matches('count lt 1.5', { count: 1 })).toBe(true);
  });
  it('exponent notation such as 2e3 is a literal', () => {
    expect(matches('count eq 2e3', { count: 2000 })).toBe(true);
  });
  it("a doubled quote inside a string is one quote ('O''Brien')", () => {
    expect(matches("title eq 'O''Brien'", { title: "O'Brien" })).toBe(true);
  });
  it('an unquoted GUID compares with a lookup regardless of case', () => {
    expect(matches(`_msdyn_cdsqueueid_value eq ${GUID_A.toUpperCase()}`, { _msdyn_cdsqueueid_value: GUID_A })).toBe(true);
  });
  it('a UTC date-time literal compares with stored dates', () => {
    expect(matches('createdon eq 2026-01-02T03:04:05Z', { createdon: '2026-01-02T03:04:05Z' })).toBe(true);
    expect(matches('createdon gt 2026-01-02T03:04:05Z', { createdon: '2026-01-02T03:04:06Z' })).toBe(true);
  });
  it('a date-time with an offset compares as the same instant', () => {
    expect(matches('createdon eq 2026-01-02T05:04:05.000+02:00', { createdon: '2026-01-02T03:04:05Z' })).toBe(true);
    expect(matches('createdon lt 2026-01-02T03:04:05.123+02:00', { createdon: '2026-01-02T03:04:05Z' })).toBe(false);
  });
  it('a date literal means midnight UTC', () => {
    expect(matches('createdon ge 2026-01-02', { createdon: '2026-01-02T00:00:00Z' })).toBe(true);
    expect(matches('createdon ge 2026-01-02', { createdon: '2026-01-01T23:59:59Z' })).toBe(false);
  });
  it('a parameter alias can stand for a comparison value', () => {
    expect(matches('count eq @p1', { count: 7 }, { '@p1': '7' })).toBe(true);
    expect(matches('title eq @name', { title: 'abc' }, { '@name': "'ABC'" })).toBe(true);
  });
  it('an impossible date is a syntax error', () => {
    expectBadQuery('createdon eq 2026-02-30', /^Syntax error at position 13 in /);
  });
});

describe('strings', () => {
  it('eq compares strings case-insensitively', () => {
    expect(matches("title eq 'HELLO'", { title: 'hello' })).toBe(true);
  });
  it('ordering compares strings case-insensitively', () => {
    expect(matches("title lt 'b'", { title: 'A' })).toBe(true);
  });
  it('contains matches a substring case-insensitively', () => {
    expect(matches("contains(title,'ELL')", { title: 'hello' })).toBe(true);
    expect(matches("contains(title,'xyz')", { title: 'hello' })).toBe(false);
  });
  it('startswith matches a prefix', () => {
    expect(matches("startswith(title,'He')", { title: 'hello' })).toBe(true);
    expect(matches("startswith(title,'lo')", { title: 'hello' })).toBe(false);
  });
  it('endswith matches a suffix', () => {
    expect(matches("endswith(title,'LO')", { title: 'hello' })).toBe(true);
    expect(matches("endswith(title,'he')", { title: 'hello' })).toBe(false);
  });
  it('string functions do not match a null value, even negated', () => {
    expect(matches("contains(title,'a')", { title: null })).toBe(false);
    expect(matches("not contains(title,'a')", { title: null })).toBe(false);
  });
  it('string functions need a string column and a string literal', () => {
    expectBadQuery("contains(count,'1')", /contains/);
  });
});

describe('lookups', () => {
  it('_x_value eq <guid> matches the referenced record', () => {
    expect(matches(`_msdyn_cdsqueueid_value eq ${GUID_A}`, { _msdyn_cdsqueueid_value: GUID_A })).toBe(true);
    expect(matches(`_msdyn_cdsqueueid_value eq ${GUID_A}`, { _msdyn_cdsqueueid_value: GUID_B })).toBe(false);
  });
  it('_x_value eq null matches an empty lookup', () => {
    expect(matches('_msdyn_cdsqueueid_value eq null', { _msdyn_cdsqueueid_value: null })).toBe(true);
    expect(matches('_msdyn_cdsqueueid_value eq null', { _msdyn_cdsqueueid_value: GUID_A })).toBe(false);
  });
});

describe('null semantics (SQL three-valued logic, as Dataverse)', () => {
  it('ordering comparisons with a null value are false', () => {
    expect(matches('count gt 1', { count: null })).toBe(false);
    expect(matches('count le 1', { count: null })).toBe(false);
  });
  it('ne against a value does not match null', () => {
    expect(matches("title ne 'a'", { title: null })).toBe(false);
  });
  it('not of an unknown comparison is still unknown', () => {
    expect(matches("not (title eq 'a')", { title: null })).toBe(false);
  });
  it('or with one true side is true even when the other is unknown', () => {
    expect(matches('count gt 1 or isactive eq true', { count: null, isactive: true })).toBe(true);
  });
});

describe('multi-select columns', () => {
  const row = { msdyn_channel: `${LIVE_CHAT},${SMS}` };
  it('ContainValues takes its arguments from aliases', () => {
    const aliases = { '@p1': "'msdyn_channel'", '@p2': `['${LIVE_CHAT}']` };
    expect(matches('Microsoft.Dynamics.CRM.ContainValues(PropertyName=@p1,PropertyValues=@p2)', row, aliases)).toBe(true);
  });
  it('ContainValues takes inline arguments', () => {
    expect(matches(`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['${VOICE}'])`, row)).toBe(false);
  });
  it('ContainValues matches when any listed value is selected', () => {
    expect(matches(`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['${VOICE}','${SMS}'])`, row)).toBe(
      true,
    );
  });
  it('ContainValues does not match a null column', () => {
    expect(
      matches(`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['${SMS}'])`, { msdyn_channel: null }),
    ).toBe(false);
  });
  it('DoesNotContainValues matches when none of the listed values is selected', () => {
    const text = (v: number) => `Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='msdyn_channel',PropertyValues=['${v}'])`;
    expect(matches(text(VOICE), row)).toBe(true);
    expect(matches(text(SMS), row)).toBe(false);
  });
  it('DoesNotContainValues matches a null column', () => {
    expect(matches(`Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='msdyn_channel',PropertyValues=['${SMS}'])`, {})).toBe(true);
  });
  it('ContainValues on a column that is not multi-select is rejected', () => {
    expectBadQuery("Microsoft.Dynamics.CRM.ContainValues(PropertyName='title',PropertyValues=['1'])", /multi-select/);
  });
  it('ContainValues with a value that is not an integer is rejected', () => {
    expectBadQuery("Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['chat'])", /'chat'/);
  });
  it('eq null works on a multi-select column', () => {
    expect(matches('msdyn_channel eq null', { msdyn_channel: null })).toBe(true);
  });
});

describe('Microsoft.Dynamics.CRM.In / NotIn', () => {
  it('In matches any listed value', () => {
    const text = "Microsoft.Dynamics.CRM.In(PropertyName='statuscode',PropertyValues=['1','2'])";
    expect(matches(text, { statuscode: 2 })).toBe(true);
    expect(matches(text, { statuscode: 3 })).toBe(false);
  });
  it('NotIn matches values not listed', () => {
    expect(matches("Microsoft.Dynamics.CRM.NotIn(PropertyName='statuscode',PropertyValues=['1','2'])", { statuscode: 3 })).toBe(true);
  });
  it('In names a lookup by its logical name', () => {
    const text = `Microsoft.Dynamics.CRM.In(PropertyName='msdyn_cdsqueueid',PropertyValues=['${GUID_A.toUpperCase()}'])`;
    expect(matches(text, { _msdyn_cdsqueueid_value: GUID_A })).toBe(true);
  });
});

describe('400 Bad Request', () => {
  it('rejects an unknown property with Dataverse’s message', () => {
    expectBadQuery("nosuch eq 'a'", "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.");
  });
  it('rejects the logical name of a lookup column', () => {
    expectBadQuery(
      `msdyn_cdsqueueid eq ${GUID_A}`,
      "Could not find a property named 'msdyn_cdsqueueid' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
    );
  });
  it('rejects comparing a string column with a number', () => {
    expectBadQuery('title eq 1', /incompatible types.*'Edm.String' and 'Edm.Int32'.*'Equal'/);
  });
  it('rejects comparing a number column with a string literal', () => {
    expectBadQuery("statuscode eq '1'", /incompatible types.*'Edm.Int32' and 'Edm.String'/);
  });
  it('rejects comparing a lookup with a quoted GUID', () => {
    expectBadQuery(`_msdyn_cdsqueueid_value eq '${GUID_A}'`, /'Edm.Guid' and 'Edm.String'/);
  });
  it('rejects an unbalanced opening parenthesis', () => {
    expectBadQuery("(title eq 'a'", "Syntax error at position 13 in '(title eq 'a''.");
  });
  it('rejects an unbalanced closing parenthesis', () => {
    expectBadQuery("title eq 'a')", "Syntax error at position 12 in 'title eq 'a')'.");
  });
  it('rejects a dangling operator', () => {
    expectBadQuery("title eq 'a' and", /^Syntax error at position 16 in /);
  });
  it('rejects a comparison without a right operand', () => {
    expectBadQuery('title eq', /^Syntax error at position 8 in /);
  });
  it('rejects an unterminated string', () => {
    expectBadQuery("title eq 'abc", "Syntax error at position 9 in 'title eq 'abc'.");
  });
  it('rejects an empty filter', () => {
    expectBadQuery('', /^Syntax error at position 0/);
  });
  it('rejects a filter that is not a boolean', () => {
    expectBadQuery('title', /must evaluate to a single boolean value/);
  });
  it('rejects an alias missing from the query string', () => {
    expectBadQuery('Microsoft.Dynamics.CRM.ContainValues(PropertyName=@p1,PropertyValues=@p2)', /'@p1'/, { '@p2': "['1']" });
  });
  it('rejects an unknown function', () => {
    expectBadQuery("frobnicate(title,'a')", /unknown function with name 'frobnicate'/);
  });
});

describe('501 Not Implemented', () => {
  it('rejects the any lambda operator', () => {
    expectNotImplemented("msdyn_msdyn_ocliveworkitem_msdyn_ocsession/any(s: s/msdyn_name eq 'a')", /lambda operator 'any'/);
  });
  it('rejects the all lambda operator', () => {
    expectNotImplemented("children/all(s: s/msdyn_name eq 'a')", /lambda operator 'all'/);
  });
  it('rejects navigation paths', () => {
    expectNotImplemented("msdyn_cdsqueueid/name eq 'a'", /navigation paths/);
  });
  it.each(['add', 'sub', 'mul', 'div', 'mod'])('rejects the arithmetic operator %s', (op) => {
    expectNotImplemented(`count ${op} 1 eq 2`, new RegExp(`'${op}' operator`));
  });
  it('rejects the has operator', () => {
    expectNotImplemented("statuscode has '1'", /'has' operator/);
  });
  it('rejects the in operator', () => {
    expectNotImplemented('statuscode in (1,2)', /'in' operator/);
  });
  it('rejects other Dataverse query functions such as LastXDays', () => {
    expectNotImplemented(
      "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
      /Microsoft\.Dynamics\.CRM\.LastXDays/,
    );
  });
  it('rejects standard OData functions other than contains, startswith and endswith', () => {
    expectNotImplemented("tolower(title) eq 'a'", /'tolower'/);
  });
  it('rejects comparing a multi-select column with a value', () => {
    expectNotImplemented(`msdyn_channel eq '${LIVE_CHAT}'`, /multi-select/);
  });
});

describe('compareValues', () => {
  it('sorts nulls first', () => {
    expect(compareValues(null, 1, columns.count)).toBeLessThan(0);
    expect(compareValues(undefined, null, columns.count)).toBe(0);
  });
  it('compares strings case-insensitively', () => {
    expect(compareValues('apple', 'Banana', columns.title)).toBeLessThan(0);
    expect(compareValues('ABC', 'abc', columns.title)).toBe(0);
  });
  it('compares dates as instants', () => {
    expect(compareValues('2026-01-02T03:00:00+02:00', '2026-01-02T02:00:00Z', columns.createdon)).toBeLessThan(0);
  });
  it('compares numbers numerically', () => {
    expect(compareValues(10, 9, columns.count)).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: random comparison trees, printed to text, parsed and evaluated, agree with a
// direct (independent) evaluation of the tree.

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type Tree =
  | { kind: 'cmp'; prop: string; op: Op; value: string | number | boolean; flip: boolean; upper: boolean }
  | { kind: 'null'; prop: string; op: 'eq' | 'ne' }
  | { kind: 'fn'; name: 'contains' | 'startswith' | 'endswith'; value: string }
  | { kind: 'cv'; negate: boolean; values: number[]; alias: boolean }
  | { kind: 'and' | 'or'; left: Tree; right: Tree }
  | { kind: 'not'; operand: Tree };

const pools = {
  title: ['Ann', 'ann', 'ANN', 'Bob', "O'Brien", "o'brien", 'zed', ''],
  count: [-2, -1, 0, 1, 2, 1.5],
  createdon: ['2026-01-02T03:04:05Z', '2026-01-02T05:04:05+02:00', '2026-01-02', '2026-01-02T03:04:05.500Z', '2026-01-01T23:00:00-01:00'],
  isactive: [true, false],
  _msdyn_cdsqueueid_value: [GUID_A, GUID_B],
};
const rowPools = {
  title: [...pools.title, null],
  count: [-2, 0, 1, 2, null],
  createdon: ['2026-01-02T03:04:05Z', '2026-01-02T00:00:00Z', '2026-01-02T03:04:05.500Z', null],
  isactive: [true, false, null],
  _msdyn_cdsqueueid_value: [GUID_A, GUID_B, null],
  msdyn_channel: [`${LIVE_CHAT}`, `${LIVE_CHAT},${SMS}`, `${SMS}`, '', null],
};
const ops: Op[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const scalarProps = Object.keys(pools) as (keyof typeof pools)[];

const leafArb: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom(...scalarProps).chain((prop) =>
    fc.record({
      kind: fc.constant('cmp' as const),
      prop: fc.constant(prop),
      op: fc.constantFrom(...ops),
      value: fc.constantFrom<string | number | boolean>(...pools[prop]),
      flip: fc.boolean(),
      upper: fc.boolean(),
    }),
  ),
  fc.record({
    kind: fc.constant('null' as const),
    prop: fc.constantFrom(...scalarProps, 'msdyn_channel'),
    op: fc.constantFrom('eq' as const, 'ne' as const),
  }),
  fc.record({
    kind: fc.constant('fn' as const),
    name: fc.constantFrom('contains' as const, 'startswith' as const, 'endswith' as const),
    value: fc.constantFrom('a', 'AN', "'", 'bo', 'N', ''),
  }),
  fc.record({
    kind: fc.constant('cv' as const),
    negate: fc.boolean(),
    values: fc.subarray([LIVE_CHAT, SMS, VOICE], { minLength: 1 }),
    alias: fc.boolean(),
  }),
);

const { tree: treeArb } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('tree') }),
  ),
}));

const rowArb = fc.record(
  Object.fromEntries(Object.entries(rowPools).map(([k, pool]) => [k, fc.constantFrom<unknown>(...pool)])) as Record<
    string,
    fc.Arbitrary<unknown>
  >,
);

const mirrored: Record<Op, Op> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const precedence = (t: Tree) => (t.kind === 'or' ? 1 : t.kind === 'and' ? 2 : t.kind === 'not' ? 3 : 4);

function printLiteral(prop: string, value: string | number | boolean, upper: boolean): string {
  if (typeof value !== 'string') return String(value);
  if (prop === 'title') return `'${value.replace(/'/g, "''")}'`;
  return upper ? value.toUpperCase() : value; // GUIDs and dates are unquoted
}

/** Prints with the fewest parentheses precedence allows; aliases collects `@pN` values. */
function print(t: Tree, aliases: Map<string, string>): string {
  const wrap = (child: Tree, min: number) => (precedence(child) < min ? `(${print(child, aliases)})` : print(child, aliases));
  switch (t.kind) {
    case 'cmp': {
      const lit = printLiteral(t.prop, t.value, t.upper && t.prop === '_msdyn_cdsqueueid_value');
      return t.flip ? `${lit} ${mirrored[t.op]} ${t.prop}` : `${t.prop} ${t.op} ${lit}`;
    }
    case 'null':
      return `${t.prop} ${t.op} null`;
    case 'fn':
      return `${t.name}(title,'${t.value.replace(/'/g, "''")}')`;
    case 'cv': {
      const name = t.negate ? 'DoesNotContainValues' : 'ContainValues';
      const list = `[${t.values.map((v) => `'${v}'`).join(',')}]`;
      if (!t.alias) return `Microsoft.Dynamics.CRM.${name}(PropertyName='msdyn_channel',PropertyValues=${list})`;
      const [p1, p2] = [`@p${aliases.size + 1}`, `@p${aliases.size + 2}`];
      aliases.set(p1, "'msdyn_channel'").set(p2, list);
      return `Microsoft.Dynamics.CRM.${name}(PropertyName=${p1},PropertyValues=${p2})`;
    }
    case 'and':
    case 'or':
      return `${wrap(t.left, precedence(t))} ${t.kind} ${wrap(t.right, precedence(t))}`;
    case 'not':
      // `not x eq 1` would parse as `(not x) eq 1`, so comparisons need parentheses.
      return `not ${t.operand.kind === 'cmp' || t.operand.kind === 'null' ? `(${print(t.operand, aliases)})` : wrap(t.operand, 3)}`;
  }
}

/** Reference evaluation, written independently of the implementation: SQL three-valued logic. */
function reference(t: Tree, row: Row): boolean | null {
  switch (t.kind) {
    case 'cmp': {
      const v = row[t.prop];
      if (v == null) return null;
      const key = (x: unknown): number | string =>
        t.prop === 'createdon' ? Date.parse(String(x)) : typeof x === 'string' ? x.toLowerCase() : Number(x);
      const [a, b] = [key(v), key(t.value)];
      return { eq: a === b, ne: a !== b, gt: a > b, ge: a >= b, lt: a < b, le: a <= b }[t.op];
    }
    case 'null':
      return t.op === 'eq' ? row[t.prop] == null : row[t.prop] != null;
    case 'fn': {
      const v = row.title;
      if (v == null) return null;
      const [s, x] = [String(v).toLowerCase(), t.value.toLowerCase()];
      return t.name === 'contains' ? s.includes(x) : t.name === 'startswith' ? s.startsWith(x) : s.endsWith(x);
    }
    case 'cv': {
      const selected = typeof row.msdyn_channel === 'string' && row.msdyn_channel ? row.msdyn_channel.split(',').map(Number) : [];
      const any = t.values.some((v) => selected.includes(v));
      return t.negate ? !any : any;
    }
    case 'and': {
      const [l, r] = [reference(t.left, row), reference(t.right, row)];
      return l === false || r === false ? false : l === null || r === null ? null : true;
    }
    case 'or': {
      const [l, r] = [reference(t.left, row), reference(t.right, row)];
      return l === true || r === true ? true : l === null || r === null ? null : false;
    }
    case 'not': {
      const v = reference(t.operand, row);
      return v === null ? null : !v;
    }
  }
}

describe('property: parse(print(tree)) agrees with direct evaluation', () => {
  it('evaluates random well-formed comparison trees like the reference evaluator', () => {
    fc.assert(
      fc.property(treeArb, fc.array(rowArb, { minLength: 1, maxLength: 8 }), (tree, rows) => {
        const aliases = new Map<string, string>();
        const text = print(tree, aliases);
        const node = parseFilter(text, { ...context, aliases });
        for (const row of rows) expect(evaluateFilter(node, row), `${text} on ${JSON.stringify(row)}`).toBe(reference(tree, row) === true);
      }),
      { numRuns: 500 },
    );
  });
});
