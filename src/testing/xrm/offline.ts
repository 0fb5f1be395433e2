/**
 * `Xrm.WebApi.offline`: the record methods under the rules Microsoft documents for mobile
 * offline, as a {@link RecordMode}. The offline store is emulated as in sync with the org, so a
 * call that passes the rules is the same Web API request as online; one that breaks a rule is
 * refused before anything is sent.
 *
 * Where Microsoft's documentation is silent, the choices are here, each in one place:
 * {@link offlineRefusalCode}, {@link refusal}'s `debugMessage`, the empty `debugMessage` of the
 * org's own errors (in `failure`), {@link lookupValueKeys}, {@link expandOptionsOffline}, and
 * which keys take a lookup value ({@link lookupNavigation}).
 */
import { type TableDef, tableByLogicalName } from '../../index.js';
import { parseXml, type XmlElement } from '../emulator/fetchXml/xml.js';
import { splitList } from '../emulator/query.js';
import { collectionNavigation, singleNavigation } from '../emulator/relationships.js';
import { own } from '../emulator/store.js';
import type { RecordMode } from './recordMethods.js';
import { id, name } from './requests.js';
import type { XrmErrorResponse, XrmOfflineErrorResponse } from './types.js';

/** What the offline mode needs to know. @internal */
export interface OfflineSettings {
  /** Whether a table is in the user's mobile offline profile (`Xrm.WebApi.isAvailableOffline`). */
  isAvailableOffline(entityLogicalName: string): boolean;
  /** The entity set of a table, for the `@odata.bind` a lookup value becomes. */
  setNameOf(entityLogicalName: string): string;
}

/** The rules an offline call can break; a refusal's `debugMessage` is `offline:<rule>`. */
type OfflineRule = 'table' | 'lookup' | 'deep-insert' | 'expand' | 'aggregation';

/**
 * The `errorCode` of a refusal. No source gives the product's code for these; Microsoft's
 * (legacy) client rejects an error raised before any request with `errorCode` 0.
 */
const offlineRefusalCode = 0;

/** The properties of a lookup value offline: `{ logicalname, id }`, nothing else (no `name`). */
const lookupValueKeys: ReadonlySet<string> = new Set(['logicalname', 'id']);

/**
 * The options allowed inside `$expand(…)` offline: "for offline we only support nested `$select`
 * option inside the `$expand`" (a bare navigation property, no parentheses, is allowed too).
 */
const expandOptionsOffline: ReadonlySet<string> = new Set(['$select']);

/** The offline mode of the record methods. @internal */
export function offlineMode(settings: OfflineSettings): RecordMode {
  return {
    admit(entityLogicalName) {
      name(entityLogicalName, 'entityLogicalName');
      if (!settings.isAvailableOffline(entityLogicalName)) {
        throw refusal(
          'table',
          `The table '${entityLogicalName}' is not available offline: it is not in the user's mobile offline profile.`,
        );
      }
    },
    payload: (entityLogicalName, data) => offlinePayload(entityLogicalName, data, settings),
    query: checkOfflineQuery,
    pagingCookie: false,
    failure(error) {
      // The org's own error: an empty debugMessage (Microsoft's legacy client passes '' beside a response's code and message).
      if (isErrorResponse(error) && !('debugMessage' in error)) return { ...error, debugMessage: '' } satisfies XrmOfflineErrorResponse;
      return error;
    },
  };
}

/** A refusal under `rule`: what the offline call rejects with. */
function refusal(rule: OfflineRule, message: string): XrmOfflineErrorResponse {
  return { errorCode: offlineRefusalCode, message, debugMessage: `offline:${rule}` };
}

function isErrorResponse(error: unknown): error is XrmErrorResponse {
  return typeof error === 'object' && error !== null && typeof (error as XrmErrorResponse).errorCode === 'number';
}

/**
 * The column values offline, as the online request takes them: `{ logicalname, id }` under a
 * lookup column or a single-valued navigation property becomes `<navigation>@odata.bind`; `null`
 * under a lookup column clears it. `@odata.bind` itself is refused ("for mobile clients in the
 * offline mode, you cannot use the `@odata.bind` annotation"), and so is any other object or array
 * under a lookup or navigation property: deep insert ("not supported for offline mode").
 */
function offlinePayload(entityLogicalName: string, data: Record<string, unknown>, settings: OfflineSettings): Record<string, unknown> {
  // Not an object: left as it is, for the shared method to refuse as a bad argument.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const table = tableByLogicalName(entityLogicalName);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (/@odata\.bind$/.test(key)) {
      throw refusal('lookup', `${key}: offline, set a lookup as { logicalname, id } under its name, not with @odata.bind.`);
    }
    const lookup = table ? own(table.columns, key)?.kind === 'lookup' : false;
    if (isLookupValue(value)) {
      const navigation = lookupNavigation(table, key, value.logicalname);
      values[`${navigation}@odata.bind`] = `/${settings.setNameOf(value.logicalname)}(${id(value.id, `${key}.id`)})`;
    } else if (value === null && lookup) {
      // Clearing: any navigation property of the lookup clears its column.
      values[`${Object.values(table!.columns[key]!.targets ?? {})[0] ?? key}@odata.bind`] = null;
    } else if (typeof value === 'object' && value !== null && (lookup || isNavigation(table, key))) {
      if (typeof (value as { logicalname?: unknown }).logicalname === 'string') {
        throw refusal('lookup', `${key}: a lookup value offline is { logicalname, id } (two strings), got ${JSON.stringify(value)}.`);
      }
      throw refusal('deep-insert', `${key}: creating related records with the record (deep insert) is not supported offline.`);
    } else {
      values[key] = value;
    }
  }
  return values;
}

/** `{ logicalname, id }`, two strings and nothing else. */
function isLookupValue(value: unknown): value is { logicalname: string; id: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return (
    Object.keys(value).every((key) => lookupValueKeys.has(key)) &&
    typeof (value as { logicalname: unknown }).logicalname === 'string' &&
    typeof (value as { id: unknown }).id === 'string'
  );
}

/** Whether `key` is a navigation property of `table`; any name may be one of a table the SDK does not describe. */
function isNavigation(table: TableDef | undefined, key: string): boolean {
  return !table || singleNavigation(table, key) !== undefined || collectionNavigation(table, key) !== undefined;
}

/**
 * The navigation property that sets `key` to a `logicalname` record: `key` is the lookup column
 * (its navigation property for that table is chosen) or a single-valued navigation property
 * (whose table must be `logicalname`). A table the SDK does not describe takes `key` as it is.
 */
function lookupNavigation(table: TableDef | undefined, key: string, logicalname: string): string {
  name(logicalname, `${key}.logicalname`);
  if (!table) return key;
  const column = own(table.columns, key);
  if (column?.kind === 'lookup') {
    const navigation = own(column.targets, logicalname);
    if (navigation === undefined) {
      throw refusal(
        'lookup',
        `${key} of ${table.logicalName} cannot point to a ${logicalname} record: it points to ${Object.keys(column.targets ?? {}).join(' or ')}.`,
      );
    }
    return navigation;
  }
  const navigation = singleNavigation(table, key);
  if (!navigation) throw refusal('lookup', `${key} is not a lookup column of ${table.logicalName}.`);
  if (navigation.target !== logicalname)
    throw refusal('lookup', `${key} of ${table.logicalName} points to ${navigation.target}, not ${logicalname}.`);
  return key;
}

/**
 * Refuses what mobile offline does not support in a query: grouping and aggregation (`$apply`, a
 * FetchXML `aggregate` query or column) and `$expand` options other than a nested `$select`.
 * A query the fake cannot read (bad syntax) is left for the org to answer, as online.
 */
function checkOfflineQuery(query: string): void {
  if (query === '') return;
  const params = new URLSearchParams(query.slice(1));
  if (params.has('$apply')) throw refusal('aggregation', 'Grouping and aggregation ($apply) are not supported offline.');
  const expand = params.get('$expand');
  if (expand !== null) checkExpand(expand);
  const fetchXml = params.get('fetchXml');
  if (fetchXml !== null && isAggregateFetch(fetchXml)) {
    throw refusal('aggregation', 'Grouping and aggregation (FetchXML aggregate, groupby) are not supported offline.');
  }
}

function checkExpand(expand: string): void {
  let items: string[];
  try {
    items = splitList(expand, ',');
  } catch {
    return;
  }
  for (const item of items) {
    const inner = /^[A-Za-z_][A-Za-z0-9_]*\((.*)\)$/s.exec(item)?.[1];
    if (inner === undefined) continue;
    let options: string[];
    try {
      options = splitList(inner, ';');
    } catch {
      return;
    }
    const refused = options.find((option) => !expandOptionsOffline.has(option.slice(0, option.indexOf('=')).trim()));
    if (refused !== undefined) throw refusal('expand', `$expand=${item}: offline, $expand takes only a nested $select, not '${refused}'.`);
  }
}

/** Whether a FetchXML query groups or aggregates: `<fetch aggregate="true">`, or a column with `aggregate` or `groupby`. */
function isAggregateFetch(fetchXml: string): boolean {
  let root: XmlElement;
  try {
    root = parseXml(fetchXml);
  } catch {
    return false;
  }
  const on = (value: string | undefined) => value === 'true' || value === '1';
  const aggregates = (element: XmlElement): boolean =>
    (element.name === 'attribute' && (element.attributes.has('aggregate') || on(element.attributes.get('groupby')))) ||
    element.children.some(aggregates);
  return on(root.attributes.get('aggregate')) || aggregates(root);
}
