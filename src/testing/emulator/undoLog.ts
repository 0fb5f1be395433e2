/**
 * How a change set undoes exactly its own writes. Its requests write through a journaled view
 * of the store that notes each write's row before and after; a failure reverts those entries,
 * newest first. Restoring a snapshot of the whole store instead erased writes that other
 * requests made, and were answered for, while the change set was running.
 */
import type { Store, StoreAccess, StoredRow } from './store.js';

/** One write of a change set: the row before it (none for a create) and after it (none for a delete). */
interface UndoEntry {
  table: string;
  id: string;
  before: Readonly<StoredRow> | undefined;
  after: Readonly<StoredRow> | undefined;
  /** For a delete: the record stored just before the deleted one, to put it back in its place. */
  previousId?: string | null;
}

/** The writes of one change set, oldest first. @internal */
export type UndoLog = UndoEntry[];

/** Store bookkeeping columns a revert never merges: they belong to whichever write came last. */
const bookkeeping = new Set(['versionnumber', 'modifiedon']);

/**
 * A view of `store` that reads as the store does and enters every write in `log`. Stored rows
 * are replaced, never changed in place, on update: so the row objects noted here are the
 * exact states to compare with and return to.
 * @internal
 */
export function journaled(store: Store, log: UndoLog): StoreAccess {
  return {
    table: (logicalName) => store.table(logicalName),
    find: (logicalName, id) => store.find(logicalName, id),
    require: (logicalName, id) => store.require(logicalName, id),
    get: (logicalName, id) => store.get(logicalName, id),
    rows: (table) => store.rows(table),
    create(logicalName, values) {
      const id = store.create(logicalName, values);
      log.push({ table: logicalName, id, before: undefined, after: store.find(logicalName, id) });
      return id;
    },
    update(logicalName, id, values) {
      const before = store.find(logicalName, id);
      store.update(logicalName, id, values);
      log.push({ table: logicalName, id, before, after: store.find(logicalName, id) });
    },
    delete(logicalName, id) {
      const before = store.find(logicalName, id);
      const previousId = before && store.previousId(logicalName, id);
      store.delete(logicalName, id);
      log.push({ table: logicalName, id, before, after: undefined, previousId });
    },
  };
}

/**
 * Reverts the writes of `log`, newest first, leaving every other write in place. A record no
 * other request touched since goes back exactly (its etag too). A record another request
 * updated since keeps that update: only the columns that still hold what the change set wrote
 * go back, as if the other request had waited for the rollback, as it would have behind
 * Dataverse's row lock.
 * @internal
 */
export function undo(store: Store, log: UndoLog): void {
  for (let index = log.length - 1; index >= 0; index--) revert(store, log[index]!);
  log.length = 0;
}

function revert(store: Store, { table, id, before, after, previousId }: UndoEntry): void {
  const current = store.find(table, id);
  if (before === undefined) {
    // A record the change set created never existed for anyone else.
    if (current !== undefined) store.restore(table, id, undefined);
    return;
  }
  if (current === after) {
    store.restore(table, id, before, previousId);
    return;
  }
  // Deleted by the change set and created again since, or deleted since: the later write stands.
  if (after === undefined || current === undefined) return;
  store.restore(table, id, mergeBack(current, before, after));
}

/** `current` with every column the change set changed, and nobody changed since, put back to `before`. */
function mergeBack(current: Readonly<StoredRow>, before: Readonly<StoredRow>, after: Readonly<StoredRow>): StoredRow {
  const merged: StoredRow = { ...current };
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeeping.has(name) || before[name] === after[name] || current[name] !== after[name]) continue;
    if (Object.hasOwn(before, name)) merged[name] = before[name];
    else delete merged[name];
  }
  return merged;
}
