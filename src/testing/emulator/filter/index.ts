/**
 * OData v4 `$filter` for the emulator: tokens (tokens.ts) → a type-checked tree
 * ({@link parseFilter}, checked against the table's columns as Dataverse does) → a verdict per
 * stored row ({@link evaluateFilter}), and {@link compareValues}, the rule `$orderby` shares.
 */
export { compareValues } from './compare.js';
export { evaluateFilter } from './evaluate.js';
export type { CompareOperator, FilterContext, FilterNode } from './nodes.js';
export { MAX_FILTER_DEPTH, parseFilter } from './parse.js';
