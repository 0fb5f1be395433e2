/**
 * The rows a compiled QueryExpression selects: its table's rows that match its filter and join
 * every link, run by the one query engine (`engine/run.ts`).
 */
import { runQuery } from '../engine/run.js';
import type { StoreReader, StoredRow } from '../store.js';
import type { CompiledQuery } from './compile.js';

/** The stored rows `query` selects, in the store's order (not copies: read them, do not change them). */
export function selectRows(store: Pick<StoreReader, 'rows'>, query: CompiledQuery): StoredRow[] {
  return runQuery(query, { store });
}
