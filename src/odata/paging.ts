import { OmnichannelError } from '../http/errors.js';
import type { CallContext, HttpRequest, Transport } from '../http/transport.js';

/** Records per page the SDK asks for (`Prefer: odata.maxpagesize`); Dataverse's maximum is 5000. */
export const defaultPageSize = 5000;

/**
 * Sends a collection GET and follows `@odata.nextLink` verbatim until it is gone, yielding
 * each page's records. The same `odata.maxpagesize` is resent with every page, as Dataverse
 * requires; the transport refuses a nextLink that leaves the org.
 * @internal
 */
export async function* pages<T>(
  send: Transport,
  first: HttpRequest,
  call: CallContext,
): AsyncGenerator<T[], void, undefined> {
  let request: HttpRequest | undefined = { maxPageSize: defaultPageSize, ...first };
  const followed = new Set<string>();
  while (request) {
    const { body } = await send(request, call);
    const page = body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
    if (!page || !Array.isArray(page.value)) {
      throw new OmnichannelError('InvalidResponse', 'Expected a collection with a value array', { correlationId: call.correlationId });
    }
    yield page.value as T[];
    const next = page['@odata.nextLink'];
    if (next !== undefined && typeof next !== 'string') {
      throw new OmnichannelError('InvalidResponse', '@odata.nextLink is not a string', { correlationId: call.correlationId });
    }
    if (next && followed.has(next)) {
      // A server that hands back a link it already gave would otherwise be paged for ever.
      throw new OmnichannelError('InvalidResponse', 'The service returned the same @odata.nextLink twice', { correlationId: call.correlationId });
    }
    if (next) followed.add(next);
    request = next ? { ...request, url: next } : undefined;
  }
}

/** Collects every page into one array. @internal */
export async function collectAll<T>(iterator: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of iterator) all.push(...page);
  return all;
}
