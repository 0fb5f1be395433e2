/** Comparison operators of OData `$filter`. */
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * The system query options of one request. Every piece must already be safe: identifiers
 * checked with `identifier()`, literals made with the functions of `literals.ts`.
 * @internal
 */
export interface QueryParts {
  select?: readonly string[];
  filter?: string;
  orderBy?: readonly string[];
  top?: number;
  expand?: readonly string[];
  count?: boolean;
}

/**
 * Builds the query string (with its leading `?`, or `''`). Values are percent-encoded, so
 * a quote or ampersand inside a string literal cannot end the option it belongs to.
 * @internal
 */
export function buildQuery(parts: QueryParts): string {
  const options: [string, string | undefined][] = [
    ['$select', parts.select?.length ? parts.select.join(',') : undefined],
    ['$filter', parts.filter || undefined],
    ['$orderby', parts.orderBy?.length ? parts.orderBy.join(',') : undefined],
    ['$top', parts.top === undefined ? undefined : String(parts.top)],
    ['$expand', parts.expand?.length ? parts.expand.join(',') : undefined],
    ['$count', parts.count ? 'true' : undefined],
  ];
  const query = options
    .filter((option): option is [string, string] => option[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return query ? `?${query}` : '';
}

/** `<column> <op> <literal>`. @internal */
export function compare(column: string, operator: ComparisonOperator, literal: string): string {
  return `${column} ${operator} ${literal}`;
}

/** Joins clauses with `and`. Clauses made by {@link anyOf} carry their own parentheses. @internal */
export function allOf(clauses: readonly string[]): string {
  return clauses.join(' and ');
}

/** Joins clauses with `or`, parenthesised when there are several. @internal */
export function anyOf(clauses: readonly string[]): string {
  return clauses.length > 1 ? `(${clauses.join(' or ')})` : (clauses[0] ?? '');
}
