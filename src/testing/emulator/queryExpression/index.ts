/**
 * QueryExpression for the emulator: a `QueryExpression` as the Web API serialises it (in a
 * `BulkDelete` `QuerySet`) → the filter model `$filter` uses (`filter/nodes.ts`) plus inner joins
 * ({@link compileQueryExpression}) → the rows it selects ({@link selectRows}).
 */
export { type CompiledQuery, compileQueryExpression } from './compile.js';
export { selectRows } from './select.js';
