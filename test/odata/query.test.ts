// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { allOf, anyOf, buildQuery, compare } from '../../src/odata/query.js';
import { stringLiteral } from '../../src/odata/literals.js';

const parse = (query: string) => new URLSearchParams(query.slice(1));

describe('buildQuery', () => {
  it('is empty when there are no options', () => {
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ select: [], filter: '', orderBy: [], expand: [], count: false })).toBe('');
  });

  it('starts with ? and joins the options with &, in a fixed order', () => {
    const query = buildQuery({ count: true, top: 10, expand: ['a'], orderBy: ['createdon desc'], filter: 'x eq 1', select: ['a', 'b'] });
    expect(query.startsWith('?')).toBe(true);
    expect([...parse(query).keys()]).toEqual(['$select', '$filter', '$orderby', '$top', '$expand', '$count']);
  });

  it('joins lists with commas', () => {
    const params = parse(
      buildQuery({ select: ['msdyn_title', 'createdon'], orderBy: ['createdon desc', 'msdyn_title'], expand: ['x', 'y'] }),
    );
    expect(params.get('$select')).toBe('msdyn_title,createdon');
    expect(params.get('$orderby')).toBe('createdon desc,msdyn_title');
    expect(params.get('$expand')).toBe('x,y');
  });

  it('writes $top and $count=true', () => {
    const params = parse(buildQuery({ top: 0, count: true }));
    expect(params.get('$top')).toBe('0');
    expect(params.get('$count')).toBe('true');
  });

  it('percent-encodes values so a literal with quotes, &, =, #, +, % and unicode parses back unchanged', () => {
    const filter = compare('msdyn_title', 'eq', stringLiteral("O'Hara & Co = #1 + 100% ✓ 名前"));
    const query = buildQuery({ filter });
    expect(query.slice('?$filter='.length)).not.toMatch(/[ &#+=]/);
    const params = parse(query);
    expect([...params.keys()]).toEqual(['$filter']);
    expect(params.get('$filter')).toBe("msdyn_title eq 'O''Hara & Co = #1 + 100% ✓ 名前'");
  });

  it('keeps a value containing &$ from starting another option', () => {
    const params = parse(buildQuery({ filter: compare('msdyn_title', 'eq', stringLiteral('x&$top=1&$filter=true')), select: ['a'] }));
    expect([...params.keys()]).toEqual(['$select', '$filter']);
    expect(params.get('$top')).toBeNull();
  });
});

describe('filter helpers', () => {
  it('compare writes column, operator and literal', () => {
    expect(compare('statuscode', 'ge', '3')).toBe('statuscode ge 3');
  });

  it('allOf joins clauses with and', () => {
    expect(allOf(['a eq 1', 'b eq 2', 'c eq 3'])).toBe('a eq 1 and b eq 2 and c eq 3');
  });

  it('anyOf joins several clauses with or in parentheses', () => {
    expect(anyOf(['a eq 1', 'a eq 2'])).toBe('(a eq 1 or a eq 2)');
  });

  it('anyOf leaves a single clause bare and an empty list empty', () => {
    expect(anyOf(['a eq 1'])).toBe('a eq 1');
    expect(anyOf([])).toBe('');
  });

  it('keeps an or-group grouped inside an and', () => {
    expect(allOf(['x eq 1', anyOf(['s eq 2', 's eq 3'])])).toBe('x eq 1 and (s eq 2 or s eq 3)');
  });
});
