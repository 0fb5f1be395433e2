import type { ColumnDef, TableDef } from '../../index.js';
import { formatValue } from './formattedValues.js';
import { lookupTargetProperty, own, type StoreReader, type StoredRow } from './store.js';

/** Annotation names the emulator produces. */
const formattedValue = 'OData.Community.Display.V1.FormattedValue';
const lookupLogicalName = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const associatedNavigationProperty = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

/** Which annotations a request asked for. @internal */
export type AnnotationFilter = (name: string) => boolean;

/** No annotations: what a request without `Prefer: odata.include-annotations` gets. @internal */
export const noAnnotations: AnnotationFilter = () => false;

/**
 * Reads `odata.include-annotations` from a `Prefer` header: `"*"`, a comma-separated list,
 * `Namespace.*` wildcards, and `-name` exclusions, as OData defines them.
 * @internal
 */
export function annotationFilter(prefer: string | null): AnnotationFilter {
  const match = /odata\.include-annotations="([^"]*)"/i.exec(prefer ?? '');
  if (!match) return noAnnotations;
  const rules = match[1]!
    .split(',')
    .map((rule) => rule.trim())
    .filter(Boolean);
  const matches = (pattern: string, name: string) =>
    pattern === '*' || pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1)));
  return (name) => {
    let included = false;
    for (const rule of rules) {
      if (rule.startsWith('-')) {
        if (matches(rule.slice(1), name)) return false;
      } else if (matches(rule, name)) {
        included = true;
      }
    }
    return included;
  };
}

/** Adds the annotations of one property to a record being shaped. @internal */
export type Annotator = (out: Record<string, unknown>, row: Readonly<StoredRow>, store: StoreReader) => void;

/**
 * What Dataverse adds beside one property: formatted values for choices, booleans, dates and
 * numbers, and the primary name, target table and navigation property of lookups, as far as
 * the request asked for them. Decided once per query and column, not once per record:
 * `undefined` when the request asked for none of them.
 * @internal
 */
export function annotatorOf(table: TableDef, column: string, include: AnnotationFilter): Annotator | undefined {
  const def = own(table.columns, column);
  if (!def) return undefined;
  const formatted = include(formattedValue);
  if (def.kind === 'lookup')
    return lookupAnnotator(def, column, formatted, include(associatedNavigationProperty), include(lookupLogicalName));
  if (!formatted) return undefined;
  const key = `${column}@${formattedValue}`;
  return (out, row) => {
    const value = row[column];
    if (value === null || value === undefined) return;
    const text = formatValue(def, value);
    if (text !== undefined) out[key] = text;
  };
}

function lookupAnnotator(
  def: ColumnDef,
  column: string,
  formatted: boolean,
  navigation: boolean,
  logicalName: boolean,
): Annotator | undefined {
  if (!formatted && !navigation && !logicalName) return undefined;
  // The property names are made once here: a page shapes thousands of rows.
  const name = `_${column}_value`;
  const targetProperty = lookupTargetProperty(column);
  const formattedName = `${name}@${formattedValue}`;
  const navigationName = `${name}@${associatedNavigationProperty}`;
  const logicalNameName = `${name}@${lookupLogicalName}`;
  return (out, row, store) => {
    const value = row[name];
    const target = row[targetProperty] as string | undefined;
    if (value === null || value === undefined || !target) return;
    if (formatted) {
      const label = store.find(target, value as string)?.[store.table(target).primaryName];
      if (typeof label === 'string') out[formattedName] = label;
    }
    if (navigation) out[navigationName] = def.targets?.[target];
    if (logicalName) out[logicalNameName] = target;
  };
}
