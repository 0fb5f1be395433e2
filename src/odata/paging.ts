import { OmnichannelError } from '../http/errors.js';
import { abortedError } from '../http/retry.js';
import type { CallContext, HttpRequest, Transport } from '../http/transport.js';

/** Records per page the SDK asks for (`Prefer: odata.maxpagesize`); Dataverse's maximum is 5000. */
export const defaultPageSize = 5000;

/**
 * Sends a collection GET and follows `@odata.nextLink` verbatim until it is gone, yielding
 * each page's records. The same `odata.maxpagesize` is resent with every page, as Dataverse
 * requires. The transport refuses a nextLink that leaves the org's Web API root, carries
 * credentials or is too long; a link back to a page already read is refused here.
 * @internal
 */
export async function* pages<T>(send: Transport, first: HttpRequest, call: CallContext): AsyncGenerator<T[], void, undefined> {
  let request: HttpRequest | undefined = { maxPageSize: defaultPageSize, ...first };
  /** Every URL sent so far, as sent: resolved and without a fragment. */
  const sent = new Set<string>();
  while (request) {
    const { url, body } = await send(request, call);
    sent.add(url);
    yield recordsOf<T>(body, call);
    request = nextPage(body, request, url, sent, call);
  }
}

/**
 * Every record of every page, as {@link pages} reads them, in one array: the same requests
 * and checks without an async generator between the pages and the array, and a single page
 * (the usual answer) is returned as parsed, not copied.
 * @internal
 */
export async function collectPages<T>(send: Transport, first: HttpRequest, call: CallContext): Promise<T[]> {
  let request: HttpRequest | undefined = { maxPageSize: defaultPageSize, ...first };
  // Made at the second page: most answers are one page.
  let sent: Set<string> | undefined;
  let all: T[] | undefined;
  while (request) {
    const { url, body } = await send(request, call);
    const page = recordsOf<T>(body, call);
    if (all) all.push(...page);
    else all = page;
    if ((body as Record<string, unknown>)['@odata.nextLink'] === undefined) break;
    (sent ??= new Set()).add(url);
    request = nextPage(body, request, url, sent, call);
  }
  return all!;
}

/** A page's `value` array; a body without one is `InvalidResponse`. */
function recordsOf<T>(body: unknown, call: CallContext): T[] {
  const page = body as { value?: unknown } | undefined;
  if (!page || !Array.isArray(page.value)) {
    throw new OmnichannelError('InvalidResponse', 'Expected a collection with a value array', { correlationId: call.correlationId });
  }
  return page.value as T[];
}

/** The request for the page after the one answered at `url`, or undefined after the last page. */
function nextPage(body: unknown, request: HttpRequest, url: string, sent: ReadonlySet<string>, call: CallContext): HttpRequest | undefined {
  const next = (body as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
  if (next !== undefined && typeof next !== 'string') {
    throw new OmnichannelError('InvalidResponse', '@odata.nextLink is not a string', { correlationId: call.correlationId });
  }
  if (next && sent.has(comparable(next, url))) {
    // A server that hands back a link it already gave would otherwise be paged for ever.
    throw new OmnichannelError('InvalidResponse', 'The service returned the same @odata.nextLink twice (a loop)', {
      correlationId: call.correlationId,
    });
  }
  return next ? { ...request, url: next, fromService: true } : undefined;
}

/**
 * Streams the records of `pages` one at a time. The signal is checked before each record,
 * so an abort ends the iteration at the next record with `Aborted`, not at the page's end.
 * @internal
 */
export async function* records<T>(pages: AsyncIterable<T[]>, call: CallContext): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) {
    for (const record of page) {
      if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
      yield record;
    }
  }
}

/** Collects every page into one array. @internal */
export async function collectAll<T>(iterator: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of iterator) all.push(...page);
  return all;
}

/**
 * A nextLink as the transport sends it, without a fragment, so links that differ only in
 * spelling or fragment compare equal. Dataverse's nextLinks are absolute; a relative one is
 * resolved against the page that gave it, which for a collection under the Web API root is
 * the root the transport resolves it against. An unreadable link is returned as given: the
 * transport refuses it.
 */
function comparable(link: string, base: string): string {
  try {
    const url = new URL(link, base);
    url.hash = '';
    return url.href;
  } catch {
    return link;
  }
}
