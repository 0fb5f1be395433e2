/*
 * Every transcript of the conversations closed in a range, streamed: one page of conversations
 * (with their transcript rows expanded) and one request for that page's notes at a time, so
 * memory holds one page however many transcripts there are.
 */
import { type OmnichannelError, invalidInput, stampCorrelation } from '../http/errors.js';
import { abortedError } from '../http/retry.js';
import { pages } from '../odata/paging.js';
import { allOf, buildQuery } from '../odata/query.js';
import { type ApiContext, type CallOptions, startCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { aggregateRows, amount, isAggregateLimit } from './apply.js';
import { within } from './filters.js';
import { type DateInput, callback, dateInput, objectInput, wholeNumber } from './input.js';
import { type Transcript, readTranscripts, transcriptConversationQuery } from './transcripts.js';

/** How far an export has got. */
export interface ExportProgress {
  /** Conversations examined so far. */
  done: number;
  /** Conversations closed in the range; undefined when Dataverse would not count them (over 50,000). */
  total: number | undefined;
  /** Transcripts yielded so far (a conversation may have none). */
  exported: number;
}

/** What `exportTranscripts` exports, and how it reports. */
export interface ExportTranscriptsInput {
  /** Conversations closed (`msdyn_closedon`) at or after this instant. */
  closedFrom: DateInput;
  /** … and before this one. */
  closedTo: DateInput;
  /** Called before the first page and after each page. */
  onProgress?: (progress: ExportProgress) => void;
  /**
   * Called with the `InvalidResponse` of a transcript note that cannot be read; the note is then
   * skipped. Without it, such a note ends the export with that error.
   */
  onInvalid?: (error: OmnichannelError) => void;
  /** Ends the export: the iteration throws `Aborted` at the next transcript, and nothing more is sent. */
  signal?: AbortSignal;
  /** Sent as `x-ms-correlation-id` on every request of the export. */
  correlationId?: string;
  /** Conversations per page, 1 to 1000: the memory bound. @default 100 */
  pageSize?: number;
}

const inputKeys = ['closedFrom', 'closedTo', 'onProgress', 'onInvalid', 'signal', 'correlationId', 'pageSize'];

/**
 * Streams the transcripts of the conversations closed in `[closedFrom, closedTo)`, oldest close
 * first. Requests: one count (`$apply=…/aggregate($count as total)`), then per page of
 * `pageSize` conversations one for the page and one for its transcript notes.
 * @internal
 */
export async function* exportTranscripts(
  context: ApiContext,
  input: ExportTranscriptsInput,
  options: CallOptions | undefined,
): AsyncGenerator<Transcript, void, undefined> {
  const given = objectInput(input, 'input', inputKeys);
  if (given.signal !== undefined && options?.signal !== undefined && given.signal !== options.signal) {
    throw invalidInput('input.signal', 'and options.signal are both given; give one');
  }
  const call = startCall('records.exportTranscripts', {
    correlationId: (given.correlationId as string | undefined) ?? options?.correlationId,
    signal: (given.signal as AbortSignal | undefined) ?? options?.signal,
  });
  try {
    if (given.closedFrom === undefined) throw invalidInput('input.closedFrom', 'is required');
    if (given.closedTo === undefined) throw invalidInput('input.closedTo', 'is required');
    const range = { from: dateInput(given.closedFrom, 'input.closedFrom'), to: dateInput(given.closedTo, 'input.closedTo') };
    if (range.from.getTime() >= range.to.getTime()) throw invalidInput('input.closedTo', 'must come after input.closedFrom');
    const onProgress = callback(given.onProgress as ExportTranscriptsInput['onProgress'], 'input.onProgress');
    const onInvalid = callback(given.onInvalid as ExportTranscriptsInput['onInvalid'], 'input.onInvalid');
    const pageSize = wholeNumber(given.pageSize, 'input.pageSize', 1, 1000, 100);
    const closed = within('msdyn_closedon', range, 'input');

    const total = await aggregateRows<object>(
      context,
      call,
      { set: conversationSet, filter: closed, groupBy: [], aggregates: [['total', 'count']] },
      'msdyn_closedon',
      undefined,
    ).then(
      ([row]) => (row ? amount(row, 'total') : 0),
      (error: unknown) => {
        if (isAggregateLimit(error)) return undefined;
        throw error;
      },
    );
    const progress: ExportProgress = { done: 0, total, exported: 0 };
    onProgress?.({ ...progress });
    const url =
      conversationSet + buildQuery({ ...transcriptConversationQuery, filter: allOf(closed), orderBy: ['msdyn_closedon', 'activityid'] });
    for await (const page of pages<Record<string, unknown>>(context.send, { method: 'GET', url, maxPageSize: pageSize }, call)) {
      for (const transcript of await readTranscripts(context, call, page, onInvalid)) {
        if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
        progress.exported++;
        yield transcript;
      }
      progress.done += page.length;
      onProgress?.({ ...progress });
      if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
    }
  } catch (error) {
    throw stampCorrelation(error, call.correlationId);
  }
}
