/**
 * `GET <set>?fetchXml=…`: runs a FetchXML query through the query engine and answers as
 * Dataverse does: null columns left out, linked columns as `<alias>.<name>`, aliased columns
 * under their alias (annotated with their attribute's name), the paging cookie and "more
 * records" annotations when there are more pages, and aggregates with formatted values.
 */
import type { TableDef } from '../../../index.js';
import { type AnnotationFilter, annotatorOf } from '../annotations.js';
import type { RequestContext } from '../context.js';
import { aggregateRows } from '../engine/aggregate.js';
import { type ResultRow, linkedRows, runQuery } from '../engine/run.js';
import { ErrorCodes, ODataError } from '../errors.js';
import { etagOf } from '../etag.js';
import { compareValues } from '../filter/compare.js';
import { formatValue } from '../formattedValues.js';
import { businessUnitId } from '../orgIdentity.js';
import { maxPageSize, slicePage } from '../paging.js';
import { json } from '../responses.js';
import { lookupTarget, type StoreReader, type StoredRow } from '../store.js';
import { type FetchPlan, type OutputColumn, compileFetchXml } from './compile.js';

const formattedValue = 'OData.Community.Display.V1.FormattedValue';
const attributeName = 'OData.Community.Display.V1.AttributeName';
const lookupLogicalName = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const pagingCookie = 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie';
const moreRecords = 'Microsoft.Dynamics.CRM.morerecords';
const totalRecordCount = 'Microsoft.Dynamics.CRM.totalrecordcount';
const totalRecordCountLimitExceeded = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';
/** The most `@odata.count` says. */
const maxCount = 5000;

/** Answers `GET <set>?fetchXml=…` for `table`. @internal */
export function answerFetchXml(context: RequestContext, table: TableDef): Response {
  const params = context.url.searchParams;
  for (const name of params.keys()) {
    if (name === 'fetchXml' || name === '$count') continue;
    throw new ODataError(400, ErrorCodes.BadQuery, `The query option ${name} cannot be combined with fetchXml.`);
  }
  if (params.getAll('fetchXml').length > 1)
    throw new ODataError(400, ErrorCodes.BadQuery, 'The query option fetchXml was given more than once.');
  const now = context.org.clock().getTime();
  const plan = compileFetchXml(params.get('fetchXml') ?? '', table, { now, userId: context.org.currentUserId(), businessUnitId });
  const countAsked = plan.totalRecordCount || params.get('$count') === 'true';
  if (countAsked && plan.top !== undefined)
    throw new ODataError(400, ErrorCodes.BadQuery, 'The top attribute can’t be used with a record count.');

  const text = params.get('fetchXml') ?? '';
  // The clock is part of the query only for operators relative to now; the user for the user's operators.
  const clock = /operator\s*=\s*["'](today|yesterday|tomorrow|last-|next-|this-|olderthan-)/.test(text) ? now : '';
  const key = `fetchXml:${table.logicalName}:${withoutPaging(text)}:${clock}:${context.org.currentUserId() ?? ''}:${context.headers.get('prefer') ?? ''}`;
  const rows = context.org.pages.rows(key, context.org.store.revision, () => resultRows(context.store, plan));
  const pageSize = plan.count ?? maxPageSize;
  const { page, nextOffset } =
    plan.top !== undefined
      ? { page: rows.slice(0, plan.top), nextOffset: undefined }
      : slicePage(rows, { top: undefined, pageSize, offset: (plan.page - 1) * pageSize });

  const body: Record<string, unknown> = { '@odata.context': contextOf(context.base, table, plan) };
  if (countAsked) {
    body['@odata.count'] = Math.min(maxCount, rows.length);
    if (context.include(totalRecordCount)) body[`@${totalRecordCount}`] = rows.length > maxCount ? -1 : rows.length;
    if (context.include(totalRecordCountLimitExceeded)) body[`@${totalRecordCountLimitExceeded}`] = rows.length > maxCount;
  }
  if (nextOffset !== undefined) {
    if (plan.cookiePaging && context.include(pagingCookie)) body[`@${pagingCookie}`] = cookieOf(plan, page);
    if (context.include(moreRecords)) body[`@${moreRecords}`] = true;
  }
  body.value = plan.aggregation ? page : page.map(rowShaper(context.store, plan, context.include));
  const prefer = context.headers.get('prefer') ?? '';
  const applied = /odata\.include-annotations="[^"]*"/i.exec(prefer)?.[0];
  return json(context.org, body, 200, applied ? { 'Preference-Applied': applied } : {});

  function resultRows(store: StoreReader, fetch: FetchPlan): StoredRow[] {
    const selected = runQuery(fetch.model, { store });
    if (fetch.aggregation) return aggregated(store, fetch, selected, context.include);
    return fetch.distinct ? distinctRows(selected, fetch.columns) : selected;
  }
}

/** The FetchXML text without its paging attributes: every page of one query has the same key. */
function withoutPaging(text: string): string {
  return text.replace(/\s(page|paging-cookie|count)\s*=\s*("[^"]*"|'[^']*')/g, '');
}

function contextOf(base: string, table: TableDef, plan: FetchPlan): string {
  if (plan.aggregation) return `${base}$metadata#${table.entitySetName}`;
  const own = plan.columns.filter((column) => column.link === undefined && !column.renamed).map((column) => column.key);
  return `${base}$metadata#${table.entitySetName}(${own.join(',')})`;
}

/** Rows with the same output values once, first ones kept (the order stays). */
function distinctRows(rows: readonly ResultRow[], columns: readonly OutputColumn[]): ResultRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = JSON.stringify(columns.map((column) => row[column.property] ?? null));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The paging cookie of the page that ends with `page`'s last row, as Dataverse writes it (twice URL-encoded inside). */
function cookieOf(plan: FetchPlan, page: readonly StoredRow[]): string {
  const first = page[0];
  const last = page[page.length - 1];
  const table = plan.model.table;
  const keys = [...plan.cookieOrders.map((order) => order.name), table.primaryKey];
  const cell = (row: StoredRow | undefined, name: string) => {
    const value = row?.[name];
    if (value === null || value === undefined) return '';
    return name === table.primaryKey || /^_.+_value$/.test(name) ? `{${String(value).toUpperCase()}}` : String(value);
  };
  const inner =
    `<cookie page="${plan.page}">` +
    [...new Set(keys)]
      // One element per column, named by its logical name (a lookup's `_x_value` is `x`).
      .map(
        (name) =>
          `<${/^_(.+)_value$/.exec(name)?.[1] ?? name} last="${escapeXml(cell(last, name))}" first="${escapeXml(cell(first, name))}" />`,
      )
      .join('') +
    '</cookie>';
  return `<cookie pagenumber="${plan.page + 1}" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The shaper of result rows: etag (not for distinct), the columns that are not null, their annotations. */
function rowShaper(store: StoreReader, plan: FetchPlan, include: AnnotationFilter): (row: ResultRow) => Record<string, unknown> {
  const table = plan.model.table;
  const outputs = plan.columns.map((column) => ({
    column,
    // A root column under its own name is annotated as OData annotates it; the others by their key.
    annotate: column.renamed ? renamedAnnotator(column, include) : annotatorOf(table, column.attribute, include),
  }));
  return (row) => {
    const out: Record<string, unknown> = plan.distinct ? {} : { '@odata.etag': etagOf(row) };
    for (const { column, annotate } of outputs) {
      const value = row[column.property];
      if (value === null || value === undefined) continue;
      const source = column.link === undefined ? row : row[linkedRows]?.[column.link];
      if (source) annotate?.(out, source, store);
      out[column.key] = value;
    }
    return out;
  };
}

/** Annotations of a column under another key (an alias, `<link>.<name>`): formatted value, lookup table, attribute name. */
function renamedAnnotator(column: OutputColumn, include: AnnotationFilter) {
  const formatted = include(formattedValue);
  const logical = include(lookupLogicalName);
  const named = include(attributeName);
  return (out: Record<string, unknown>, row: Readonly<StoredRow>, store: StoreReader) => {
    const value = row[column.column.kind === 'lookup' ? `_${column.attribute}_value` : column.attribute];
    if (value === null || value === undefined) return;
    if (column.column.kind === 'lookup') {
      const target = lookupTarget(row, column.attribute);
      if (formatted && target) {
        const label = store.find(target, String(value))?.[store.table(target).primaryName];
        if (typeof label === 'string') out[`${column.key}@${formattedValue}`] = label;
      }
      if (logical && target) out[`${column.key}@${lookupLogicalName}`] = target;
    } else if (formatted) {
      const text = formatValue(column.column, value);
      if (text !== undefined) out[`${column.key}@${formattedValue}`] = text;
    }
    if (named) out[`${column.key}@${attributeName}`] = column.attribute;
  };
}

/** The aggregated rows, ordered by the order aliases, each shaped with its annotations. */
function aggregated(store: StoreReader, plan: FetchPlan, rows: readonly ResultRow[], include: AnnotationFilter): StoredRow[] {
  const aggregation = plan.aggregation!;
  let result = aggregateRows(rows, aggregation, aggregation.limit);
  if (aggregation.orders.length) {
    result = [...result].sort((a, b) => {
      for (const order of aggregation.orders) {
        const column = aggregation.keys.find((k) => k.alias === order.alias)?.column;
        const c = compareValues(
          a.values[order.alias],
          b.values[order.alias],
          aggregation.keys.find((k) => k.alias === order.alias)?.datePart ? undefined : column,
        );
        if (c !== 0) return order.descending ? -c : c;
      }
      return 0;
    });
  }
  const formatted = include(formattedValue);
  const named = include(attributeName);
  const logical = include(lookupLogicalName);
  return result.map(({ values, sample }) => {
    const out: Record<string, unknown> = {};
    for (const key of aggregation.keys) {
      const value = values[key.alias];
      if (value === undefined) continue;
      const source = sample && (key.link === undefined ? sample : sample[linkedRows]?.[key.link]);
      if (key.column.kind === 'lookup' && source) {
        const target = lookupTarget(source, key.attribute);
        if (formatted && target) {
          const label = store.find(target, String(value))?.[store.table(target).primaryName];
          if (typeof label === 'string') out[`${key.alias}@${formattedValue}`] = label;
        }
        if (logical && target) out[`${key.alias}@${lookupLogicalName}`] = target;
      } else if (formatted) {
        const text = key.datePart ? formatValue({ kind: 'integer' }, value) : formatValue(key.column, value);
        if (text !== undefined) out[`${key.alias}@${formattedValue}`] = text;
      }
      if (named) out[`${key.alias}@${attributeName}`] = key.attribute;
      out[key.alias] = value;
    }
    for (const spec of aggregation.aggregates) {
      const value = values[spec.alias];
      if (value !== null && formatted) {
        const counted = spec.fn === 'count' || spec.fn === 'countcolumn';
        const text = formatValue(counted || !spec.column ? { kind: 'integer' } : spec.column, value);
        if (text !== undefined) out[`${spec.alias}@${formattedValue}`] = text;
      }
      if (named && spec.attribute) out[`${spec.alias}@${attributeName}`] = spec.attribute;
      out[spec.alias] = value;
    }
    return out;
  });
}
