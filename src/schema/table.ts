/**
 * The shape of a table description. Every Omnichannel table the SDK knows is one
 * `TableDef` value; the SDK maps names with it and the testing emulator builds its
 * tables from it, so both agree on what a column is.
 */

/** An option set: labels keyed by their numeric value. */
export type OptionSet = Readonly<Record<number, string>>;

/** Kinds of columns, as Dataverse types them (attribute type). */
export type ColumnKind =
  | 'uniqueidentifier'
  | 'string'
  | 'memo'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'datetime'
  | 'dateonly'
  | 'picklist'
  | 'multiselectpicklist'
  | 'state'
  | 'status'
  | 'lookup'
  | 'entityname';

/** A column of a table. */
export interface ColumnDef {
  /** The Dataverse attribute type. */
  readonly kind: ColumnKind;
  /**
   * For lookups: the tables the lookup may point at, each with the single-valued
   * navigation property used for `@odata.bind` and `$expand`
   * (e.g. `{ systemuser: 'msdyn_activeagentid_msdyn_ocliveworkitem' }`).
   * Customer and owner columns list several targets.
   */
  readonly targets?: Readonly<Record<string, string>>;
  /** For choice, state and status columns: the values and their labels. */
  readonly options?: OptionSet;
  /** For status columns: the state (`statecode`) each status reason belongs to. */
  readonly states?: Readonly<Record<number, number>>;
  /** For string and memo columns: the maximum length. */
  readonly maxLength?: number;
  /** True when the server sets it and a create or update may not. */
  readonly readOnly?: boolean;
  /** True when a create must supply it (ApplicationRequired). */
  readonly required?: boolean;
}

/** A one-to-many relationship seen from the parent: a collection-valued navigation property. */
export interface CollectionDef {
  /** Logical name of the child table. */
  readonly table: string;
  /** The child's lookup column that points at the parent. */
  readonly referencingColumn: string;
}

/** A table description. */
export interface TableDef {
  /** Logical name, e.g. `msdyn_ocliveworkitem`. */
  readonly logicalName: string;
  /** Web API entity set name, e.g. `msdyn_ocliveworkitems`. */
  readonly entitySetName: string;
  /** Primary key column, e.g. `activityid`. */
  readonly primaryKey: string;
  /** Primary name column, e.g. `subject`. */
  readonly primaryName: string;
  /** Columns by logical name (the primary key included). */
  readonly columns: Readonly<Record<string, ColumnDef>>;
  /** Collection-valued navigation properties by name. */
  readonly collections?: Readonly<Record<string, CollectionDef>>;
}

/**
 * Defines a table: returns it deeply frozen, so no script on the page can change what a
 * column is for every client. An identity function for the type, which keeps the literal
 * column names so {@link RecordOf} can derive the record type from the description.
 * @internal
 */
export function defineTable<const T extends TableDef>(table: T): T {
  return deepFreeze(table);
}

/** The columns of several groups in one object, e.g. a table's own columns and `auditColumns`. */
type MergedColumns<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? Head & MergedColumns<Rest>
  : unknown;

/**
 * Joins column groups in order. A call rather than an object spread: esbuild counts a spread
 * inside a call annotated as pure as a possible side effect (a getter) and then keeps every table in
 * a bundle that uses none of them.
 * @internal
 */
export function mergeColumns<const T extends readonly Readonly<Record<string, ColumnDef>>[]>(...groups: T): MergedColumns<T> {
  return Object.assign({}, ...groups) as MergedColumns<T>;
}

/**
 * Freezes an object and everything it holds. Option sets and column groups are shared between
 * tables; freezing one twice is harmless.
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The JavaScript type of a column's value in a Web API read: number, boolean or string. */
export type ColumnValue<C extends ColumnDef> = C['kind'] extends
  'integer' | 'bigint' | 'double' | 'decimal' | 'money' | 'picklist' | 'state' | 'status'
  ? number
  : C['kind'] extends 'boolean'
    ? boolean
    : string;

/**
 * The record type a Web API read returns for a table: lookups appear as `_<column>_value`
 * (a GUID string), every other column under its logical name. Every column is optional,
 * because `$select` decides which come back, and may be `null`. Annotations such as
 * `statuscode@OData.Community.Display.V1.FormattedValue` come back as extra string keys.
 */
export type RecordOf<T extends TableDef> = {
  -readonly [K in keyof T['columns'] & string as T['columns'][K] extends { readonly kind: 'lookup' } ? `_${K}_value` : K]?: ColumnValue<
    T['columns'][K]
  > | null;
} & { readonly [annotation: `${string}@${string}`]: unknown };

/** Name under which a column is read, selected, filtered and ordered in the Web API. */
export function webApiName(table: TableDef, column: string): string {
  return table.columns[column]?.kind === 'lookup' ? `_${column}_value` : column;
}
