/*
 * Polls the customer sentiment of ongoing conversations (`msdyn_liveconversation`,
 * `msdyn_customersentimentlabel`): one poll at a time, the next one an interval after the last
 * ended, longer while the service throttles or fails. What it reads goes to callbacks; it keeps
 * only the last label of each conversation it watches. `monitorLiveConversations` raises alerts
 * from it, and the live workspace feeds `sentimentChanged` from it.
 */
import { OmnichannelError, invalidInput, stampCorrelation } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { maxTimerDelayMs, timerDelay } from '../http/timers.js';
import { guid } from '../odata/literals.js';
import { collectAll, pages } from '../odata/paging.js';
import { allOf, buildQuery } from '../odata/query.js';
import { type ApiContext, startCall } from '../api/call.js';
import { chunks, formatted, oneOf } from './filters.js';
import { callback, wholeNumber } from './input.js';

/** Timers a poller schedules with: `globalThis`'s by default; a test or a host may give its own. */
export interface PollTimers {
  /** Schedules `callback` in `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a scheduled callback. */
  clearTimeout(handle: unknown): void;
}

/** One ongoing conversation's sentiment, as read. */
export interface SentimentReading {
  /**
   * The ongoing conversation (`msdyn_liveconversationid`), taken to be the conversation's
   * `activityid`: how the two tables relate is UNCONFIRMED in Microsoft's documentation.
   */
  conversationId: string;
  /** `SentimentLabel` value: 7 very negative … 13 very positive; 0 when there is none yet (N/A). */
  label: number;
  /** The label's text. */
  labelName: string | undefined;
  /** The conversation's title. */
  title: string | undefined;
  /** The active agent. */
  agentId: string | undefined;
  /** The agent's full name. */
  agentName: string | undefined;
}

/** What a sentiment poller watches, how often, and whom it tells. */
export interface SentimentPollerOptions {
  /** Milliseconds from the end of one poll to the start of the next, 1000 to 2147483647. */
  intervalMs: number;
  /**
   * The conversations to watch, asked before each poll (the sessions open now, say); a poll with
   * none to watch sends nothing. @default every ongoing conversation
   */
  conversationIds?: () => Iterable<string> | undefined;
  /** Every successful poll's readings. */
  onReadings?: (readings: readonly SentimentReading[]) => void;
  /** A conversation seen for the first time, or whose label changed since the last poll. */
  onChange?: (reading: SentimentReading, previousLabel: number | undefined) => void;
  /** A poll failed for a passing reason (throttled, server or network error, timeout); the next comes after `retryInMs`. */
  onError?: (error: OmnichannelError, retryInMs: number) => void;
  /** Stops polling; the poller's promise then resolves. */
  signal?: AbortSignal;
  /**
   * Sent as `x-ms-correlation-id` on every poll.
   * @default a new one per poll, so each poll's requests group in telemetry
   */
  correlationId?: string;
  /** @default globalThis's setTimeout and clearTimeout */
  timers?: PollTimers;
}

/** Failures worth waiting out; anything else stops the poller. */
const passing = new Set(['Throttled', 'ServerError', 'NetworkError', 'Timeout']);
/** Backoff stops doubling at this many intervals. */
const maxBackoffIntervals = 32;
/** Conversation ids a poll names at once (`In`). */
const idsPerRequest = 100;
/** `LiveConversationState.Closed`. */
const closedState = 3;

const defaultTimers: PollTimers = {
  // Looked up at each call, so timers a test fakes after this module loaded are the ones used.
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Polls ongoing conversations' sentiment until `signal` aborts (the promise resolves) or a
 * failure that waiting will not cure (the promise rejects with it: `Unauthorized`, `Forbidden`,
 * `BadRequest`, `InvalidResponse`, an error thrown by a callback). One request per poll:
 * `GET msdyn_liveconversations?$select=…&$filter=statecode ne 3[ and In(msdyn_liveconversationid,[…])]`
 * (one more per 5000 ongoing conversations, or per 100 watched ids). The first poll starts at
 * once; after a passing failure the wait doubles (at least the `Retry-After` the service gave,
 * at most 32 intervals) until a poll succeeds.
 * @internal
 */
export function pollSentiment(context: ApiContext, options: SentimentPollerOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let call: CallContext;
    let interval: number;
    try {
      if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');
      interval = wholeNumber(options.intervalMs, 'intervalMs', 1000, maxTimerDelayMs, NaN);
      if (Number.isNaN(interval)) throw invalidInput('intervalMs', 'is required');
      for (const name of ['conversationIds', 'onReadings', 'onChange', 'onError'] as const) callback(options[name], name);
      call = startCall('records.pollSentiment', { correlationId: options.correlationId, signal: options.signal });
    } catch (error) {
      reject(error);
      return;
    }
    const timers = options.timers ?? defaultTimers;
    const labels = new Map<string, number>();
    let timer: unknown;
    let failures = 0;
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      timers.clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(stampCorrelation(error, call.correlationId));
    };
    const onAbort = () => finish();
    const schedule = (ms: number) => {
      if (!finished) timer = timers.setTimeout(() => void poll(), timerDelay(ms));
    };
    const poll = async () => {
      try {
        const watched = options.conversationIds?.();
        const ids = watched === undefined ? undefined : [...watched].map((id) => guid(id, 'conversationIds'));
        // One SDK call per poll: its requests share a correlation id (the caller's, when given).
        const pollCall = options.correlationId === undefined ? startCall('records.pollSentiment', { signal: options.signal }) : call;
        const readings = ids?.length === 0 ? [] : await readSentiment(context, pollCall, ids);
        if (finished) return;
        failures = 0;
        const seen = new Set<string>();
        for (const reading of readings) {
          seen.add(reading.conversationId);
          const previous = labels.get(reading.conversationId);
          labels.set(reading.conversationId, reading.label);
          if (previous !== reading.label) options.onChange?.(reading, previous);
        }
        for (const id of [...labels.keys()]) if (!seen.has(id)) labels.delete(id);
        options.onReadings?.(readings);
        schedule(interval);
      } catch (error) {
        if (finished) return;
        if (call.signal?.aborted) return finish();
        if (!(error instanceof OmnichannelError) || !passing.has(error.code)) return finish(error);
        failures++;
        const wait = Math.max(interval * Math.min(2 ** failures, maxBackoffIntervals), error.retryAfterMs ?? 0);
        options.onError?.(error, wait);
        schedule(wait);
      }
    };
    if (call.signal?.aborted) return finish();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    void poll();
  });
}

/** The sentiment of the ongoing conversations (all, or those of `ids`). */
async function readSentiment(context: ApiContext, call: CallContext, ids: readonly string[] | undefined): Promise<SentimentReading[]> {
  const select = ['msdyn_liveconversationid', 'msdyn_customersentimentlabel', 'msdyn_title', '_msdyn_activeagentid_value'];
  const readings: SentimentReading[] = [];
  for (const chunk of ids === undefined ? [undefined] : chunks(ids, idsPerRequest)) {
    const filter = allOf([
      `statecode ne ${closedState}`,
      ...(chunk ? [oneOf('msdyn_liveconversationid', 'msdyn_liveconversationid', chunk)] : []),
    ]);
    const url = `msdyn_liveconversations${buildQuery({ select, filter })}`;
    for (const row of await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call))) {
      readings.push({
        conversationId: row.msdyn_liveconversationid as string,
        label: typeof row.msdyn_customersentimentlabel === 'number' ? row.msdyn_customersentimentlabel : 0,
        labelName: formatted(row, 'msdyn_customersentimentlabel'),
        title: typeof row.msdyn_title === 'string' ? row.msdyn_title : undefined,
        agentId: typeof row._msdyn_activeagentid_value === 'string' ? row._msdyn_activeagentid_value : undefined,
        agentName: formatted(row, '_msdyn_activeagentid_value'),
      });
    }
  }
  return readings;
}
