import { OmnichannelError, invalidInput } from './errors.js';
import { maxTimerDelayMs, timerDelay } from './timers.js';

/** How the transport retries a failed attempt. */
export interface RetryOptions {
  /**
   * Retries after the first attempt. `0` turns retrying off.
   * @default 3
   */
  maxRetries?: number;
  /**
   * First backoff delay when the server gave no `Retry-After`; it doubles each retry,
   * with full jitter. At most 2147483647 (2^31−1, the longest `setTimeout` wait).
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Cap of the exponential backoff (not of a server's `Retry-After`). At most 2147483647.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the SDK waits for. A longer one fails at once with code
   * `Throttled` and `retryAfterMs` set, so an interactive caller can tell the user.
   * At most 2147483647 (about 24.8 days): no timer can wait longer.
   * @default 60000
   */
  maxRetryAfterMs?: number;
}

/** A retry policy with every option filled in. @internal */
export type RetryPolicy = Required<RetryOptions>;

/** @internal */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  if (typeof options !== 'object' || options === null) {
    throw invalidInput('retry', 'must be an object of retry options');
  }
  const policy = {
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  };
  for (const [name, value] of Object.entries(policy)) {
    const problem =
      !Number.isFinite(value) || value < 0
        ? 'must be a finite number ≥ 0'
        : name === 'maxRetries'
          ? !Number.isInteger(value) && 'must be a whole number'
          : // A longer delay would overflow setTimeout and fire at once instead of waiting.
            value > maxTimerDelayMs && `must be at most ${maxTimerDelayMs} ms (setTimeout's limit)`;
    if (problem) throw invalidInput(`retry.${name}`, problem);
  }
  return policy;
}

/**
 * Methods whose repetition cannot do harm. Dataverse executes POST and PATCH at most once
 * per request but a lost response leaves the outcome unknown, so those are retried only
 * when the service says it rejected the request unexecuted (429).
 */
const idempotent = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Statuses that mean "try again later" for an idempotent request. */
const transientStatuses = new Set([502, 503, 504]);

/** What went wrong with one attempt, as far as the retry decision cares. @internal */
export type AttemptOutcome = { status: number } | { failure: 'NetworkError' | 'Timeout' };

/** Whether an attempt that ended so may be sent again. @internal */
export function isRetryable(method: string, outcome: AttemptOutcome): boolean {
  if ('status' in outcome) {
    if (outcome.status === 429) return true;
    return transientStatuses.has(outcome.status) && idempotent.has(method);
  }
  return idempotent.has(method);
}

/** The shape shared by the three HTTP-date forms (IMF-fixdate, RFC 850, asctime). */
const httpDatePattern = /^[A-Za-z]{3,9},? .*\b\d{2}:\d{2}:\d{2}\b/;

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP-date. Returns milliseconds (at
 * most `Number.MAX_SAFE_INTEGER`, so a run of digits never reads as Infinity), or
 * `undefined` when the header is absent or unreadable.
 * @internal
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.round(Number(text) * 1000), Number.MAX_SAFE_INTEGER);
  // Only an HTTP-date's shape (day name … hh:mm:ss): Date.parse also reads "-5" or "abc 12" as dates.
  if (!httpDatePattern.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter: a random delay in `[0, min(max, base·2^retry)]`.
 * `retry` counts from 0.
 * @internal
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/**
 * Waits `ms` (clamped to the longest wait a timer can hold, so a huge delay never
 * overflows into an immediate one), or rejects with `Aborted` as soon as `signal` fires.
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout>;
  return abortable(
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timerDelay(ms));
    }),
    signal,
    () => clearTimeout(timer),
  );
}

/**
 * Settles like `work`, or rejects with `Aborted` as soon as `signal` fires (at once when it
 * already has), after running `stop` to end the work. Without a signal it is `work` itself.
 * @internal
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, stop?: () => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      stop?.();
      reject(abortedError(signal));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The error for a caller's abort. @internal */
export function abortedError(signal: AbortSignal, correlationId?: string): OmnichannelError {
  return new OmnichannelError('Aborted', 'The call was aborted', { cause: signal.reason, correlationId });
}
