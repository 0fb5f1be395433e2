/**
 * `GET` of a collection (an entity set, or the records of a collection-valued navigation
 * property): filter, order, page and shape, with the page's `@odata.nextLink`.
 */
import type { TableDef } from '../../index.js';
import type { RequestContext } from './context.js';
import { contextUrl } from './entity.js';
import { maxPageSize, nextLinkOf, queryKeyOf, readPageSize, readSkipToken, slicePage } from './paging.js';
import { parseQueryOptions, selectRows } from './query.js';
import { json } from './responses.js';
import { recordShaper } from './shape.js';
import type { StoredRow } from './store.js';

/** The most `@odata.count` (and `<set>/$count`) says, as in Dataverse. */
const maxCount = 5000;

/** A count as Dataverse reports it: at most 5000. @internal */
export function reportedCount(count: number): number {
  return Math.min(maxCount, count);
}

/**
 * Answers one page of the records `rows()` gives, as the request's query options select them.
 * The filtered, sorted result is computed once per query and store revision: the later pages of
 * a query are slices of it (see `pageCache.ts`).
 * @internal
 */
export function answerList(context: RequestContext, table: TableDef, rows: () => Iterable<StoredRow>): Response {
  const params = context.url.searchParams;
  const options = parseQueryOptions(table, params);
  const prefer = context.headers.get('prefer') ?? '';
  const pageSize = readPageSize(prefer);
  const offset = readSkipToken(params.get('$skiptoken'));
  const matching = context.org.pages.rows(queryKeyOf(context.url), context.org.store.revision, () => selectRows(table, rows(), options));
  const { page, nextOffset } = slicePage(matching, { top: options.top, pageSize, offset });

  const body: Record<string, unknown> = { '@odata.context': contextUrl(context.base, table, options) };
  if (options.count) body['@odata.count'] = reportedCount(matching.length);
  body.value = page.map(recordShaper(context.store, table, options, context.include));
  if (nextOffset !== undefined) body['@odata.nextLink'] = nextLinkOf(context.url, nextOffset, pageSize ?? maxPageSize);
  const applied = [
    /odata\.include-annotations="[^"]*"/i.exec(prefer)?.[0],
    pageSize === undefined ? undefined : `odata.maxpagesize=${pageSize}`,
  ].filter(Boolean);
  return json(context.org, body, 200, applied.length ? { 'Preference-Applied': applied.join(',') } : {});
}
