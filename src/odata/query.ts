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
  // Plain concatenation: this runs on every request, and arrays of options cost it a few µs.
  let query = '';
  const add = (name: string, value: string) => {
    query += `${query ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
  };
  if (parts.select?.length) add('$select', parts.select.join(','));
  if (parts.filter) add('$filter', parts.filter);
  if (parts.orderBy?.length) add('$orderby', parts.orderBy.join(','));
  if (parts.top !== undefined) add('$top', String(parts.top));
  if (parts.expand?.length) add('$expand', parts.expand.join(','));
  if (parts.count) add('$count', 'true');
  return query;
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
