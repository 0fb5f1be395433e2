// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dateLiteral, guid, identifier, isGuid, numberLiteral, preview, stringLiteral } from '../../src/odata/literals.js';
import { thrown } from '../support/caught.js';

describe('identifier', () => {
  it.each(['msdyn_title', 'createdon', 'StatusCode', '_msdyn_cdsqueueid_value', 'a1', '_'])(
    'accepts the column name %j unchanged',
    (name) => {
      expect(identifier(name, 'column')).toBe(name);
    },
  );

  it.each([
    ['two columns', 'msdyn_title,createdon'],
    ['an injected query option', 'x&$filter=1'],
    ['a leading digit', '1abc'],
    ['the empty string', ''],
    ['a space', 'msdyn title'],
    ['a trailing newline', 'msdyn_title\n'],
    ['a system query option', '$top'],
    ['a path', 'msdyn_ocliveworkitems/msdyn_title'],
    ['a quote', "msdyn_title'"],
    ['a non-ASCII letter', 'msdyn_tîtle'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { name: 'msdyn_title' }],
  ])('rejects %s with InvalidInput naming the field', (_name, value) => {
    const error = thrown(() => identifier(value, 'input.attributes[2]'));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('input.attributes[2]');
    expect(error.message).toContain('input.attributes[2]');
  });
});

describe('guid', () => {
  const id = '2b330c52-6844-4d36-8e05-03c78c9681dc';

  it.each([
    ['a lower-case GUID', id],
    ['an upper-case GUID', id.toUpperCase()],
    ['a braced GUID', `{${id}}`],
    ['a braced upper-case GUID', `{${id.toUpperCase()}}`],
    ['a GUID with surrounding spaces', `  ${id} `],
  ])('normalises %s to lower case without braces', (_name, value) => {
    expect(guid(value, 'agentId')).toBe(id);
  });

  it.each([
    ['junk', 'not-a-guid'],
    ['the empty string', ''],
    ['a GUID without dashes', id.replace(/-/g, '')],
    ['a GUID with an injected clause', `${id} or 1 eq 1`],
    ['a GUID with a non-hex digit', id.replace('b', 'g')],
    ['a GUID one digit short', id.slice(0, -1)],
    ['a GUID with a quote', `'${id}'`],
    ['a number', 42],
    ['null', null],
  ])('rejects %s with InvalidInput naming the field', (_name, value) => {
    const error = thrown(() => guid(value, 'input.agentId'));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('input.agentId');
    expect(error.message).toContain('input.agentId');
  });

  it('tells GUIDs from other values with isGuid', () => {
    expect(isGuid(`{${id.toUpperCase()}}`)).toBe(true);
    expect(isGuid('nope')).toBe(false);
    expect(isGuid(7)).toBe(false);
  });
});

describe('stringLiteral', () => {
  it('quotes a string in single quotes', () => {
    expect(stringLiteral('Contoso')).toBe("'Contoso'");
  });

  it('doubles every single quote inside it', () => {
    expect(stringLiteral("O'Brien's ''case''")).toBe("'O''Brien''s ''''case'''''");
  });

  it('quotes the empty string', () => {
    expect(stringLiteral('')).toBe("''");
  });
});

describe('numberLiteral', () => {
  it('writes a finite number', () => {
    expect(numberLiteral(3, 'n')).toBe('3');
    expect(numberLiteral(-1.5, 'n')).toBe('-1.5');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '3', null])('rejects %s with InvalidInput', (value) => {
    expect(thrown(() => numberLiteral(value, 'input.n')).field).toBe('input.n');
  });
});

describe('dateLiteral', () => {
  it('writes ISO-8601 UTC', () => {
    expect(dateLiteral(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), 'd')).toBe('2026-01-02T03:04:05.000Z');
  });

  it('rejects an invalid date with InvalidInput', () => {
    expect(thrown(() => dateLiteral(new Date(Number.NaN), 'input.since')).field).toBe('input.since');
  });
});

describe('preview', () => {
  it('renders a value as JSON', () => {
    expect(preview('a"b')).toBe('"a\\"b"');
    expect(preview(undefined)).toBe('undefined');
  });

  it('shortens a long value to 58 characters ending in an ellipsis', () => {
    const text = preview('x'.repeat(500));
    expect(text).toHaveLength(58);
    expect(text.endsWith('…')).toBe(true);
  });

  it('renders a value JSON cannot', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(10n)).toBe('10');
    expect(preview(cyclic)).toBe('[object Object]');
  });
});
