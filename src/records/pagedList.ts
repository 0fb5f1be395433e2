/*
 * A list read page by page, as one value: await it for every record, `for await` it for one
 * record at a time, or walk `pages()` (openai-node's PagePromise is the model). Nothing is sent
 * until it is consumed, and each consumption is one SDK call of its own.
 */
import { stampCorrelation } from '../http/errors.js';
import { abortedError } from '../http/retry.js';
import type { CallContext, HttpRequest } from '../http/transport.js';
import { pages, records } from '../odata/paging.js';
import { type ApiContext, type CorrelationIdOrOptions, startCall } from '../api/call.js';

/**
 * Records read page by page (`@odata.nextLink`, 5000 a page unless asked otherwise).
 *
 * - `await list` resolves every record (one request per page);
 * - `for await (const record of list)` yields them as each page arrives, so a caller can stop early;
 * - `for await (const page of list.pages())` yields whole pages.
 *
 * Bad input rejects (or throws from the first iteration) with `InvalidInput` before any request.
 * Awaiting twice reads once; each iteration reads afresh.
 * @example
 * ```ts
 * for await (const conversation of omnichannel.records.findConversations({ status: [ConversationStatus.Waiting] })) {
 *   show(conversation);
 * }
 * ```
 */
export interface PagedList<T> extends PromiseLike<T[]>, AsyncIterable<T> {
  /** The pages, each an array of records, as they arrive. */
  pages(): AsyncIterable<T[]>;
  /** As `Promise.prototype.catch`, on the list of every record. */
  catch<R = never>(onRejected: (reason: unknown) => R | PromiseLike<R>): Promise<T[] | R>;
}

/**
 * A {@link PagedList} of the collection `build()` describes; `build` validates the input and runs
 * at each consumption, before anything is sent.
 * @internal
 */
export function pagedList<T>(
  context: ApiContext,
  operation: string,
  options: CorrelationIdOrOptions,
  build: () => HttpRequest,
): PagedList<T> {
  /** One SDK call reading the collection, as `each` walks its pages. */
  async function* read<R>(each: (list: AsyncIterable<T[]>, call: CallContext) => AsyncIterable<R>): AsyncGenerator<R, void, undefined> {
    const call = startCall(operation, options);
    try {
      yield* each(pages<T>(context.send, build(), call), call);
    } catch (error) {
      throw stampCorrelation(error, call.correlationId);
    }
  }
  let all: Promise<T[]> | undefined;
  const collect = async () => {
    const list: T[] = [];
    for await (const page of read(checkedPages)) list.push(...page);
    return list;
  };
  return {
    pages: () => ({ [Symbol.asyncIterator]: () => read(checkedPages) }),
    // One record at a time: an abort ends the iteration at the next record, even mid-page.
    [Symbol.asyncIterator]: () => read(records),
    then: (onFulfilled, onRejected) => (all ??= collect()).then(onFulfilled, onRejected),
    catch: (onRejected) => (all ??= collect()).catch(onRejected),
  };
}

/** The pages, an abort ending the walk before the next one is asked for. */
async function* checkedPages<T>(list: AsyncIterable<T[]>, call: CallContext): AsyncGenerator<T[], void, undefined> {
  for await (const page of list) {
    if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
    yield page;
  }
}
