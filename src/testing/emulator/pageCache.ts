/**
 * The filtered, sorted result of recent queries, so that the later pages of a query are slices
 * of it instead of a new filter and sort of the whole table each (paging 100,000 records 5000
 * at a time sorted them 20 times). An entry is good while the store's revision is the one it
 * was computed at: any write makes every entry stale.
 */
import type { StoredRow } from './store.js';

/** Recent query results of one org. @internal */
export interface PageCache {
  /**
   * The result of the query `key` at store revision `revision`: the kept one when there is
   * one, else `compute()`'s, then kept (the least recently used entry makes room).
   */
  rows(key: string, revision: number, compute: () => StoredRow[]): readonly StoredRow[];
}

/**
 * How many query results an org keeps: a few clients paging at once. Each holds only references
 * to stored rows (8 bytes a row: 800 KB for 100,000 rows).
 */
const defaultCapacity = 8;

/** An empty cache that keeps the `capacity` most recently used results. @internal */
export function createPageCache(capacity = defaultCapacity): PageCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, { revision: number; rows: readonly StoredRow[] }>();
  return {
    rows(key, revision, compute) {
      const kept = entries.get(key);
      entries.delete(key);
      const rows = kept?.revision === revision ? kept.rows : compute();
      entries.set(key, { revision, rows });
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return rows;
    },
  };
}
