import { type CollectionDef, type TableDef, tableByLogicalName } from '../../index.js';
import { ErrorCodes, ODataError } from './errors.js';
import { own } from './store.js';

/** A single-valued navigation property: the lookup column behind it and the table it points to. @internal */
export interface SingleNavigation {
  column: string;
  target: string;
}

/** The lookup column and target table behind a single-valued navigation property, if `table` has it. @internal */
export function singleNavigation(table: TableDef, navigation: string): SingleNavigation | undefined {
  for (const [column, def] of Object.entries(table.columns)) {
    for (const [target, name] of Object.entries(def.targets ?? {})) if (name === navigation) return { column, target };
  }
  return undefined;
}

/**
 * The child table and its column pointing back, behind a collection-valued navigation property.
 * An own-property lookup: a name from a URL such as `constructor` is no navigation property.
 * @internal
 */
export function collectionNavigation(table: TableDef, navigation: string): CollectionDef | undefined {
  return own(table.collections, navigation);
}

/** The table at the other end of a relationship; 501 for a table the SDK does not describe. @internal */
export function relatedTable(logicalName: string): TableDef {
  const table = tableByLogicalName(logicalName);
  if (!table) throw new ODataError(501, ErrorCodes.NotImplemented, `The table ${logicalName} is not emulated.`);
  return table;
}
