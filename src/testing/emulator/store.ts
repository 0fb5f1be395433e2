import { tableByLogicalName, type ColumnDef, type TableDef } from '../../index.js';
import { checkGuid, checkValue, dateTime, describeValue } from './columnValues.js';
import { ErrorCodes, ODataError, badRequest, recordNotFound, undeclaredProperty } from './errors.js';
import { firstStatus, reconcileState } from './states.js';

/** A reference to a record of a given table, the value of a lookup column. */
export interface RecordRef {
  /** Logical name of the target table, e.g. `account`. */
  table: string;
  /** GUID of the target record. */
  id: string;
}

/**
 * Values to create or update a record with, keyed by column logical name. A lookup takes a
 * {@link RecordRef}, or a bare GUID when it has a single target table; `null` clears.
 */
export type RecordValues = Record<string, unknown>;

/**
 * A stored record, in the Web API's read shape: plain columns under their logical name,
 * lookups as `_<column>_value` with the `…@Microsoft.Dynamics.CRM.lookuplogicalname`
 * annotation kept beside them so polymorphic lookups know their target, and
 * `versionnumber` behind the record's etag.
 */
export type StoredRow = Record<string, unknown>;

const lookupTableSuffix = '@Microsoft.Dynamics.CRM.lookuplogicalname';

/** Where the store gets ids and time from, so a seed reproduces the same org. @internal */
export interface StoreClock {
  now(): Date;
  newId(): string;
}

/**
 * The emulator's records (`org.store`), to arrange a test or assert on its effects without
 * HTTP. Writes are validated against the SDK's schema the way Dataverse validates a create or
 * update; reads return copies.
 */
export interface OrgStore {
  /**
   * Creates a record and returns its id (the given primary key, or a new GUID). State and
   * status default to their first values; `createdon`/`modifiedon` are set to now.
   */
  create(logicalName: string, values: RecordValues): string;
  /** Updates a record; a 404 error when it does not exist. */
  update(logicalName: string, id: string, values: RecordValues): void;
  /** Deletes a record; a 404 error when it does not exist. */
  delete(logicalName: string, id: string): void;
  /** A copy of one record in read shape, or `undefined`. */
  get(logicalName: string, id: string): StoredRow | undefined;
  /** Copies of every record of a table, in insertion order. */
  list(logicalName: string): StoredRow[];
}

/**
 * The store behind {@link OrgStore}, with what the emulator's own layers need besides: tables,
 * rows without copies, the revision that caches key on, and the undo of a change set.
 * @internal
 */
export class Store implements OrgStore {
  readonly #rows = new Map<string, Map<string, StoredRow>>();
  /** The next row `versionnumber` (the etag). */
  #version = 1;
  /** Counts every write, so a cached query result knows when it is stale. */
  #revision = 0;
  readonly #clock: StoreClock;

  /** @internal */
  constructor(clock: StoreClock) {
    this.#clock = clock;
  }

  /** The table description, or a 404 error for an unknown table. @internal */
  table(logicalName: string): TableDef {
    const table = tableByLogicalName(logicalName);
    if (!table) throw new ODataError(404, ErrorCodes.ResourceNotFound, `The entity '${logicalName}' does not exist in the emulated org.`);
    return table;
  }

  /**
   * Creates a record and returns its id (the given primary key, or a new GUID). State and
   * status default to their first values; `createdon`/`modifiedon` are set to now.
   */
  create(logicalName: string, values: RecordValues): string {
    const table = this.table(logicalName);
    const rows = this.#tableRows(table);
    const given = values[table.primaryKey];
    const id = given === undefined || given === null ? this.#clock.newId() : checkGuid(given, table.primaryKey);
    if (rows.has(id)) {
      throw new ODataError(
        412,
        ErrorCodes.DuplicateRecord,
        `A record with the same primary key ${id} already exists in ${table.logicalName}.`,
      );
    }
    const now = dateTime(this.#clock.now());
    const row: StoredRow = { [table.primaryKey]: id };
    if (table.columns.statecode) row.statecode = 0;
    if (table.columns.statuscode) row.statuscode = firstStatus(table) ?? null;
    if (table.columns.createdon) row.createdon = now;
    if (table.columns.modifiedon) row.modifiedon = now;
    this.#apply(table, row, values, true);
    reconcileState(table, row, values);
    row.versionnumber = this.#version++;
    rows.set(id, row);
    this.#revision++;
    return id;
  }

  /** Updates a record; a 404 error when it does not exist. */
  update(logicalName: string, id: string, values: RecordValues): void {
    const table = this.table(logicalName);
    const row = this.#require(table, id);
    const next = { ...row };
    this.#apply(table, next, values, false);
    reconcileState(table, next, values);
    if (table.columns.modifiedon && values.modifiedon === undefined) next.modifiedon = dateTime(this.#clock.now());
    next.versionnumber = this.#version++;
    this.#tableRows(table).set(row[table.primaryKey] as string, next);
    this.#revision++;
  }

  /** Deletes a record; a 404 error when it does not exist. */
  delete(logicalName: string, id: string): void {
    const table = this.table(logicalName);
    this.#require(table, id);
    this.#tableRows(table).delete(id.toLowerCase());
    this.#revision++;
  }

  /** A copy of one record in read shape, or `undefined`. */
  get(logicalName: string, id: string): StoredRow | undefined {
    const row = this.find(logicalName, id);
    return row && { ...row };
  }

  /** The stored record itself (no copy), or `undefined`: for reads on the hot path. @internal */
  find(logicalName: string, id: string): Readonly<StoredRow> | undefined {
    return this.#tableRows(this.table(logicalName)).get(String(id).toLowerCase());
  }

  /** The stored record itself (no copy), or a 404 error. @internal */
  require(logicalName: string, id: string): StoredRow {
    return this.#require(this.table(logicalName), id);
  }

  /** Copies of every record of a table, in insertion order. */
  list(logicalName: string): StoredRow[] {
    return [...this.#tableRows(this.table(logicalName)).values()].map((row) => ({ ...row }));
  }

  /** The stored records of a table (no copies), for queries. @internal */
  rows(table: TableDef): Iterable<StoredRow> {
    return this.#tableRows(table).values();
  }

  /**
   * A number that changes with every write (create, update, delete, restore): a query result
   * computed at one revision is still right while the revision is the same.
   * @internal
   */
  get revision(): number {
    return this.#revision;
  }

  /**
   * The id of the record stored just before record `id` (`null` for the first): where
   * {@link OrgStore.restore} puts it back after a delete, so listings keep their order.
   * @internal
   */
  previousId(logicalName: string, id: string): string | null {
    let previous: string | null = null;
    for (const key of this.#tableRows(this.table(logicalName)).keys()) {
      if (key === id.toLowerCase()) return previous;
      previous = key;
    }
    return previous;
  }

  /**
   * Puts a row back as it was (`undefined`: removes it), unvalidated: how a failed change set
   * undoes its own writes. A row that is stored keeps its place; a row that is not goes back
   * after record `after` (`null`: first), or last when that record is gone too.
   * @internal
   */
  restore(logicalName: string, id: string, row: Readonly<StoredRow> | undefined, after?: string | null): void {
    const rows = this.#tableRows(this.table(logicalName));
    const key = id.toLowerCase();
    if (row === undefined) rows.delete(key);
    else if (rows.has(key) || after === undefined || (after !== null && !rows.has(after))) rows.set(key, row as StoredRow);
    else insertAfter(rows, after, key, row as StoredRow);
    this.#revision++;
  }

  #tableRows(table: TableDef): Map<string, StoredRow> {
    let rows = this.#rows.get(table.logicalName);
    if (!rows) this.#rows.set(table.logicalName, (rows = new Map()));
    return rows;
  }

  #require(table: TableDef, id: string): StoredRow {
    const row = this.#tableRows(table).get(String(id).toLowerCase());
    if (!row) throw recordNotFound(table.logicalName, id);
    return row;
  }

  /** Validates `values` column by column and writes them into `row`. */
  #apply(table: TableDef, row: StoredRow, values: RecordValues, creating: boolean): void {
    for (const [name, value] of Object.entries(values)) {
      if (name === table.primaryKey) {
        if (!creating && value !== undefined && String(value).toLowerCase() !== row[name]) {
          throw badRequest(`The primary key ${name} cannot be changed.`);
        }
        continue;
      }
      const column = own(table.columns, name);
      if (!column) throw undeclaredProperty(name, table);
      if (column.kind === 'lookup') {
        this.#applyLookup(table, row, name, column, value);
      } else {
        row[name] = checkValue(table, name, column, value);
      }
    }
  }

  #applyLookup(table: TableDef, row: StoredRow, name: string, column: ColumnDef, value: unknown): void {
    const key = `_${name}_value`;
    if (value === null || value === undefined) {
      row[key] = null;
      delete row[key + lookupTableSuffix];
      return;
    }
    const targets = Object.keys(column.targets ?? {});
    const ref: Partial<RecordRef> =
      typeof value === 'string' ? { table: targets.length === 1 ? targets[0] : undefined, id: value } : (value as RecordRef);
    if (typeof ref !== 'object' || typeof ref.table !== 'string' || !targets.includes(ref.table)) {
      throw badRequest(
        `${table.logicalName}.${name} must reference one of ${targets.join(', ')} as { table, id }, got ${describeValue(value)}.`,
      );
    }
    const id = checkGuid(ref.id, name);
    const target = this.table(ref.table);
    if (!this.#tableRows(target).has(id)) throw recordNotFound(target.logicalName, id);
    row[key] = id;
    row[key + lookupTableSuffix] = target.logicalName;
  }
}

/** What queries and shaping read: tables, and stored records without copies. @internal */
export type StoreReader = Pick<Store, 'table' | 'find' | 'require' | 'get' | 'rows'>;

/**
 * What a route reads and writes through: the org's store itself, or the journaled view a
 * change set writes through so that it can undo exactly its own writes (see `undoLog.ts`).
 * @internal
 */
export type StoreAccess = StoreReader & Pick<Store, 'create' | 'update' | 'delete'>;

/** Inserts `key` into `rows` after `after` (`null`: first), keeping every other entry's order. */
function insertAfter(rows: Map<string, StoredRow>, after: string | null, key: string, row: StoredRow): void {
  const entries = [...rows];
  const index = after === null ? 0 : entries.findIndex(([id]) => id === after) + 1;
  entries.splice(index, 0, [key, row]);
  rows.clear();
  for (const [id, value] of entries) rows.set(id, value);
}

/**
 * `record[key]` when `key` is the record's own property. Names come from request bodies and
 * URLs: a plain index would find `toString`, `constructor` or `__proto__` on the prototype and
 * take them for a column or a navigation property.
 * @internal
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The property of a stored row that holds the target table of lookup `column`. @internal */
export function lookupTargetProperty(column: string): string {
  return `_${column}_value${lookupTableSuffix}`;
}

/** The target table of a stored lookup value. @internal */
export function lookupTarget(row: Readonly<StoredRow>, column: string): string | undefined {
  return row[lookupTargetProperty(column)] as string | undefined;
}
