import { tableByLogicalName, type TableDef } from '../../schema/index.js';
import type { ColumnDef } from '../../schema/table.js';
import { ErrorCodes, ODataError } from './errors.js';

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
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Where the store gets ids and time from, so a seed reproduces the same org. @internal */
export interface StoreClock {
  now(): Date;
  newId(): string;
}

/**
 * The emulator's tables: records in memory, validated against the SDK's schema the way
 * Dataverse validates a create or update. Used by the HTTP layer and by test code alike.
 */
export class OrgStore {
  #rows = new Map<string, Map<string, StoredRow>>();
  #version = 1;
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
      throw new ODataError(412, ErrorCodes.DuplicateRecord, `A record with the same primary key ${id} already exists in ${table.logicalName}.`);
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
  }

  /** Deletes a record; a 404 error when it does not exist. */
  delete(logicalName: string, id: string): void {
    const table = this.table(logicalName);
    this.#require(table, id);
    this.#tableRows(table).delete(id.toLowerCase());
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

  /** A point to return to: used to make a change set atomic. @internal */
  snapshot(): () => void {
    const saved = new Map([...this.#rows].map(([name, rows]) => [name, new Map(rows)]));
    const version = this.#version;
    return () => {
      this.#rows = saved;
      this.#version = version;
    };
  }

  #tableRows(table: TableDef): Map<string, StoredRow> {
    let rows = this.#rows.get(table.logicalName);
    if (!rows) this.#rows.set(table.logicalName, (rows = new Map()));
    return rows;
  }

  #require(table: TableDef, id: string): StoredRow {
    const row = this.#tableRows(table).get(String(id).toLowerCase());
    if (!row) throw new ODataError(404, ErrorCodes.RecordNotFound, `${table.logicalName} With Id = ${id} Does Not Exist`);
    return row;
  }

  /** Validates `values` column by column and writes them into `row`. */
  #apply(table: TableDef, row: StoredRow, values: RecordValues, creating: boolean): void {
    for (const [name, value] of Object.entries(values)) {
      if (name === table.primaryKey) {
        if (!creating && value !== undefined && String(value).toLowerCase() !== row[name]) {
          throw new ODataError(400, ErrorCodes.BadRequest, `The primary key ${name} cannot be changed.`);
        }
        continue;
      }
      const column = own(table.columns, name);
      if (!column) {
        throw new ODataError(400, ErrorCodes.BadRequest, `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
      }
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
    const ref: Partial<RecordRef> = typeof value === 'string' ? { table: targets.length === 1 ? targets[0] : undefined, id: value } : (value as RecordRef);
    if (typeof ref !== 'object' || typeof ref.table !== 'string' || !targets.includes(ref.table)) {
      throw new ODataError(
        400,
        ErrorCodes.BadRequest,
        `${table.logicalName}.${name} must reference one of ${targets.join(', ')} as { table, id }, got ${JSON.stringify(value)}.`,
      );
    }
    const id = checkGuid(ref.id, name);
    const target = this.table(ref.table);
    if (!this.#tableRows(target).has(id)) {
      throw new ODataError(404, ErrorCodes.RecordNotFound, `${target.logicalName} With Id = ${id} Does Not Exist`);
    }
    row[key] = id;
    row[key + lookupTableSuffix] = target.logicalName;
  }
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

/** The target table of a stored lookup value. @internal */
export function lookupTarget(row: StoredRow, column: string): string | undefined {
  return row[`_${column}_value${lookupTableSuffix}`] as string | undefined;
}

function checkGuid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !guidPattern.test(value)) {
    throw new ODataError(400, ErrorCodes.BadRequest, `${name} must be a GUID, got ${JSON.stringify(value)}.`);
  }
  return value.toLowerCase();
}

/** Checks a value against its column's type, as Dataverse does on create and update. */
function checkValue(table: TableDef, name: string, column: ColumnDef, value: unknown): unknown {
  if (value === null) return null;
  const bad = (expected: string) =>
    new ODataError(400, ErrorCodes.BadRequest, `Cannot convert ${JSON.stringify(value)} to ${expected} for ${table.logicalName}.${name}.`);
  switch (column.kind) {
    case 'string':
    case 'memo':
    case 'entityname':
      if (typeof value !== 'string') throw bad('a string');
      if (column.maxLength !== undefined && value.length > column.maxLength && column.kind !== 'memo') {
        throw new ODataError(400, ErrorCodes.BadRequest, `${table.logicalName}.${name} is longer than its maximum length ${column.maxLength}.`);
      }
      return value;
    case 'uniqueidentifier':
      return checkGuid(value, name);
    case 'integer':
    case 'bigint':
      if (!Number.isInteger(value)) throw bad('an integer');
      return value;
    case 'double':
    case 'decimal':
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('a boolean');
      return value;
    case 'datetime':
    case 'dateonly':
      if (typeof value !== 'string' || !isoDatePattern.test(value) || Number.isNaN(Date.parse(value))) throw bad('an ISO-8601 date');
      return column.kind === 'dateonly' ? value.slice(0, 10) : dateTime(new Date(value));
    case 'picklist':
    case 'state':
    case 'status':
      if (!Number.isInteger(value)) throw bad('an option value');
      if (column.options && !((value as number) in column.options)) {
        throw new ODataError(400, ErrorCodes.BadRequest, `The value ${String(value)} of '${name}' on record of type '${table.logicalName}' is outside the valid range.`);
      }
      return value;
    case 'multiselectpicklist': {
      if (typeof value !== 'string' || !/^\d+(,\d+)*$/.test(value)) throw bad('comma-separated option values');
      const options = column.options;
      const unknown = options && value.split(',').find((item) => !(Number(item) in options));
      if (unknown) throw new ODataError(400, ErrorCodes.BadRequest, `The value ${unknown} of '${name}' on record of type '${table.logicalName}' is outside the valid range.`);
      return value;
    }
    default:
      throw new ODataError(501, ErrorCodes.NotImplemented, `Columns of kind ${column.kind as string} are not emulated.`);
  }
}

/**
 * A date and time as Dataverse stores and answers it: UTC, to the second (`2026-03-01T12:00:00Z`).
 * The server stamps (`createdon`, `modifiedon`) went through `toISOString()` alone and came back
 * as `…00.000Z`, unlike written values and unlike Dataverse, which keeps no milliseconds.
 */
function dateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function firstStatus(table: TableDef): number | undefined {
  return defaultStatusForState(table, 0);
}

/** The default status reason of a state: the first status the schema puts under it. */
function defaultStatusForState(table: TableDef, state: number): number | undefined {
  const states = table.columns.statuscode?.states ?? {};
  const status = Object.keys(states).find((value) => states[Number(value)] === state);
  return status === undefined ? undefined : Number(status);
}

/**
 * Keeps state and status reason consistent after a write: a state alone gets its default
 * status, a status alone moves the record to its state (as Dataverse does for an update of
 * `statuscode` alone), and a pair that does not belong together is rejected.
 */
function reconcileState(table: TableDef, row: StoredRow, values: RecordValues): void {
  const states = table.columns.statuscode?.states;
  if (!states) return;
  if (values.statecode !== undefined && values.statuscode === undefined) {
    row.statuscode = defaultStatusForState(table, row.statecode as number) ?? row.statuscode;
  } else if (values.statuscode !== undefined && values.statecode === undefined && typeof row.statuscode === 'number') {
    row.statecode = states[row.statuscode] ?? row.statecode;
  }
  const status = row.statuscode as number | null | undefined;
  if (!states || status === null || status === undefined || row.statecode === undefined) return;
  if (states[status] !== row.statecode) {
    throw new ODataError(
      400,
      ErrorCodes.BadRequest,
      `${status} is not a valid status code for state code ${table.logicalName}State ${String(row.statecode)} on ${table.logicalName}.`,
    );
  }
}
