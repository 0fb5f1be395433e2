/**
 * Server-driven paging as Dataverse does it: `Prefer: odata.maxpagesize`, a `$skiptoken`
 * cookie (here holding an offset), and an `@odata.nextLink` that is the request's own query,
 * as sent, with the skip token added.
 */
import { ErrorCodes, ODataError } from './errors.js';

/** The most records a page holds, and the largest `odata.maxpagesize` Dataverse honours. @internal */
export const maxPageSize = 5000;

/** The page size `Prefer: odata.maxpagesize=n` asks for, when Dataverse honours it (1 to 5000). @internal */
export function readPageSize(prefer: string): number | undefined {
  const asked = Number(/odata\.maxpagesize=(\d+)/i.exec(prefer)?.[1] ?? NaN);
  return asked > 0 && asked <= maxPageSize ? asked : undefined;
}

/** The offset a `$skiptoken` this org issued holds; 0 without one, 400 for one it did not issue. @internal */
export function readSkipToken(token: string | null): number {
  if (token === null) return 0;
  const offset = /offset="(\d+)"/.exec(token)?.[1];
  if (offset === undefined) throw new ODataError(400, ErrorCodes.BadQuery, 'The $skiptoken is not one this org issued.');
  return Number(offset);
}

/** How to cut one page out of a query's result. @internal */
export interface PageRequest {
  /** `$top`, which Dataverse ignores when a page size is asked for. */
  top: number | undefined;
  /** `odata.maxpagesize`, when asked for. */
  pageSize: number | undefined;
  /** Where the page starts (from the skip token). */
  offset: number;
}

/**
 * The records of one page, and the offset the next page starts at when there is one. Without a
 * page size `$top` cuts the result once, unpaged; otherwise pages of the size asked for (5000
 * when none is), `$top` ignored, as the reference documents for Dataverse.
 * @internal
 */
export function slicePage<T>(rows: readonly T[], request: PageRequest): { page: T[]; nextOffset: number | undefined } {
  if (request.top !== undefined && request.pageSize === undefined) return { page: rows.slice(0, request.top), nextOffset: undefined };
  const size = request.pageSize ?? maxPageSize;
  const end = request.offset + size;
  return { page: rows.slice(request.offset, end), nextOffset: end < rows.length ? end : undefined };
}

/**
 * The `@odata.nextLink` to the page at `offset`: the request's own query, as sent, with the skip
 * token Dataverse would give (its paging cookie, here carrying the offset).
 * @internal
 */
export function nextLinkOf(url: URL, offset: number, pageSize: number): string {
  const token = encodeURIComponent(`<cookie pagenumber="${offset / pageSize + 1}" offset="${offset}" istracking="False" />`);
  return `${url.origin}${url.pathname}?${[...queryParts(url), `$skiptoken=${token}`].join('&')}`;
}

/**
 * The query a page belongs to: path and query as sent, without the skip token, so that every
 * page of one query has the same key (see `pageCache.ts`).
 * @internal
 */
export function queryKeyOf(url: URL): string {
  return `${url.pathname}?${queryParts(url).join('&')}`;
}

/** The `name=value` parts of a URL's query as sent, the skip token left out. */
function queryParts(url: URL): string[] {
  return url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !/^(\$|%24)skiptoken=/i.test(part));
}
