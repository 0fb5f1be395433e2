import type { ColumnDef, TableDef } from '../../schema/table.js';
import { lookupTarget, type OrgStore, type StoredRow } from './store.js';

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
  const rules = match[1]!.split(',').map((rule) => rule.trim()).filter(Boolean);
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

/**
 * Adds the annotations Dataverse returns beside one property: formatted values for choices,
 * booleans, dates and lookups, and the target table and navigation property of lookups.
 * @internal
 */
export function annotate(
  out: Record<string, unknown>,
  table: TableDef,
  row: StoredRow,
  column: string,
  store: OrgStore,
  include: AnnotationFilter,
): void {
  const def = table.columns[column];
  if (!def) return;
  const name = def.kind === 'lookup' ? `_${column}_value` : column;
  const value = row[name];
  if (value === null || value === undefined) return;

  if (def.kind === 'lookup') {
    const target = lookupTarget(row, column);
    if (!target) return;
    if (include(formattedValue)) {
      const targetTable = store.table(target);
      const label = store.find(target, value as string)?.[targetTable.primaryName];
      if (typeof label === 'string') out[`${name}@${formattedValue}`] = label;
    }
    if (include(associatedNavigationProperty)) out[`${name}@${associatedNavigationProperty}`] = def.targets?.[target];
    if (include(lookupLogicalName)) out[`${name}@${lookupLogicalName}`] = target;
    return;
  }
  if (!include(formattedValue)) return;
  const text = formatValue(def, value);
  if (text !== undefined) out[`${name}@${formattedValue}`] = text;
}

// Formatters are costly to build and immutable once built: one each, shared by every request.
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en-US');

/** The display text Dataverse gives a value (en-US, UTC), or undefined when it gives none. */
function formatValue(column: ColumnDef, value: unknown): string | undefined {
  switch (column.kind) {
    case 'picklist':
    case 'state':
    case 'status':
      return column.options?.[value as number];
    case 'multiselectpicklist':
      return String(value)
        .split(',')
        .map((item) => column.options?.[Number(item)] ?? item)
        .join('; ');
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'datetime':
      return dateTimeFormat.format(new Date(value as string)).replace(',', '');
    case 'dateonly':
      return dateFormat.format(new Date(`${String(value)}T00:00:00Z`));
    case 'integer':
    case 'bigint':
    case 'double':
    case 'decimal':
    case 'money':
      return numberFormat.format(value as number);
    default:
      return undefined;
  }
}
