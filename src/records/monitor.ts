/*
 * A supervisor's alarm over ongoing conversations: the sentiment poller's readings, and an alert
 * the first time a conversation's sentiment falls to the threshold, again only after it
 * recovered above it. A conversation without sentiment (N/A) neither alerts nor recovers.
 */
import { invalidInput } from '../http/errors.js';
import type { ApiContext, CallOptions } from '../api/call.js';
import { callback, numberList, objectInput } from './input.js';
import { type PollTimers, type SentimentPollerOptions, type SentimentReading, pollSentiment } from './sentimentPoller.js';

/** An ongoing conversation whose sentiment reached the threshold. */
export interface SentimentAlert extends SentimentReading {
  /** The label before (undefined on the first poll that saw the conversation). */
  previousLabel: number | undefined;
  /** When the poll that saw it ended, ISO 8601 (the client's clock). */
  at: string;
}

/** What `monitorLiveConversations` watches and whom it tells. */
export interface MonitorLiveConversationsInput {
  /** Alert at this `SentimentLabel` or below: 7 very negative … 13 very positive (every conversation). */
  threshold: number;
  /** Milliseconds between polls (from the end of one to the start of the next), at least 1000. */
  intervalMs: number;
  /** Called once per crossing. */
  onAlert: (alert: SentimentAlert) => void;
  /** A poll failed for a passing reason; the next comes after `retryInMs` (doubling while it keeps failing). */
  onError?: SentimentPollerOptions['onError'];
  /** Only these conversations. @default every ongoing conversation */
  conversationIds?: readonly string[];
  /** Stops the monitor; its promise then resolves. */
  signal?: AbortSignal;
  /** Timers to schedule polls with (tests). @default globalThis's */
  timers?: PollTimers;
}

const inputKeys = ['threshold', 'intervalMs', 'onAlert', 'onError', 'conversationIds', 'signal', 'timers'];
const labels: ReadonlySet<number> = new Set([7, 8, 9, 10, 11, 12, 13]);

/**
 * Watches ongoing conversations' sentiment until `signal` aborts, and resolves then. One request
 * per interval (see `pollSentiment`); rejects on a failure waiting will not cure.
 * @internal
 */
export async function monitorLiveConversations(
  context: ApiContext,
  input: MonitorLiveConversationsInput,
  options: CallOptions | undefined,
): Promise<void> {
  const given = objectInput(input, 'input', inputKeys);
  const [threshold] = numberList(given.threshold, 'input.threshold', labels);
  const onAlert = callback(given.onAlert as MonitorLiveConversationsInput['onAlert'], 'input.onAlert', true);
  if (given.conversationIds !== undefined && !Array.isArray(given.conversationIds))
    throw invalidInput('input.conversationIds', 'must be an array of ids');
  if (given.signal !== undefined && options?.signal !== undefined && given.signal !== options.signal) {
    throw invalidInput('input.signal', 'and options.signal are both given; give one');
  }
  const ids = given.conversationIds as readonly string[] | undefined;
  const alerted = new Set<string>();
  return pollSentiment(context, {
    intervalMs: given.intervalMs as number,
    conversationIds: ids && (() => ids),
    onError: given.onError as MonitorLiveConversationsInput['onError'],
    signal: (given.signal as AbortSignal | undefined) ?? options?.signal,
    correlationId: options?.correlationId,
    timers: given.timers as PollTimers | undefined,
    onChange(reading, previousLabel) {
      if (reading.label === 0) return;
      if (reading.label > threshold!) {
        alerted.delete(reading.conversationId);
      } else if (!alerted.has(reading.conversationId)) {
        alerted.add(reading.conversationId);
        onAlert({ ...reading, previousLabel, at: new Date(context.now()).toISOString() });
      }
    },
    onReadings(readings) {
      // A conversation that ended is forgotten: if it comes back, it alerts afresh.
      const ongoing = new Set(readings.map((reading) => reading.conversationId));
      for (const id of [...alerted]) if (!ongoing.has(id)) alerted.delete(id);
    },
  });
}
