// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RetryOptions, backoffDelay, isRetryable, parseRetryAfter, resolveRetryPolicy, sleep } from '../../src/http/retry.js';
import { thrown } from '../support/caught.js';

const now = Date.UTC(2026, 9, 21, 7, 28, 0);
/** 2^31−1: the longest delay setTimeout holds; a longer one fires after about 1 ms. */
const maxTimer = 2 ** 31 - 1;

afterEach(() => {
  vi.useRealTimers();
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads zero seconds as no wait', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads fractional seconds, rounded to the millisecond', () => {
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('0.0004', now)).toBe(0);
  });

  it('reads a delay too long for a number as Number.MAX_SAFE_INTEGER, not Infinity', () => {
    expect(parseRetryAfter(`1${'0'.repeat(400)}`, now)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('ignores surrounding whitespace', () => {
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5_000);
  });

  it('reads the obsolete RFC 850 HTTP-date form', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-26 07:28:05 GMT', now)).toBe(5_000);
  });

  it('reads an HTTP-date in the past as no wait', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('returns undefined when the header is absent', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each(['', 'soon', '5s', '1e3', '0x10', '-5', '1.', 'abc 12', 'later, maybe 3'])(
    'returns undefined for the unreadable value %j',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});

describe('backoffDelay', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 500, maxDelayMs: 30_000 });

  it('is 0 when the random source gives 0', () => {
    expect(backoffDelay(policy, 0, () => 0)).toBe(0);
    expect(backoffDelay(policy, 5, () => 0)).toBe(0);
  });

  it('stays within the base delay on the first retry', () => {
    expect(backoffDelay(policy, 0, () => 0.999)).toBeLessThanOrEqual(500);
    expect(backoffDelay(policy, 0, () => 0.999)).toBeGreaterThan(490);
  });

  it('doubles its ceiling on each retry', () => {
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(500);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(1_000);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(2_000);
  });

  it('never exceeds maxDelayMs, however many retries', () => {
    for (const retry of [6, 10, 30, 1_000]) {
      expect(backoffDelay(policy, retry, () => 0.999)).toBeLessThanOrEqual(30_000);
    }
    expect(backoffDelay(policy, 1_000, () => 0.5)).toBe(15_000);
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(backoffDelay(policy, 0, () => 0.123456))).toBe(true);
  });
});

describe('isRetryable', () => {
  it.each([
    ['GET', 429, true],
    ['POST', 429, true],
    ['PATCH', 429, true],
    ['GET', 502, true],
    ['GET', 503, true],
    ['GET', 504, true],
    ['PUT', 503, true],
    ['DELETE', 503, true],
    ['POST', 502, false],
    ['POST', 503, false],
    ['PATCH', 504, false],
    ['GET', 500, false],
    ['GET', 501, false],
    ['GET', 400, false],
    ['GET', 401, false],
    ['GET', 404, false],
  ])('%s answered %i is retryable: %s', (method, status, expected) => {
    expect(isRetryable(method, { status })).toBe(expected);
  });

  it.each([
    ['GET', 'NetworkError', true],
    ['DELETE', 'Timeout', true],
    ['GET', 'Timeout', true],
    ['POST', 'NetworkError', false],
    ['POST', 'Timeout', false],
    ['PATCH', 'NetworkError', false],
  ] as const)('%s that failed with %s is retryable: %s', (method, failure, expected) => {
    expect(isRetryable(method, { failure })).toBe(expected);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills the defaults', () => {
    expect(resolveRetryPolicy()).toEqual({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 });
  });

  it('keeps the options it is given, zero included', () => {
    expect(resolveRetryPolicy({ maxRetries: 0, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 0 })).toEqual({
      maxRetries: 0,
      baseDelayMs: 1,
      maxDelayMs: 5,
      maxRetryAfterMs: 0,
    });
  });

  it.each([
    ['maxRetries', -1],
    ['baseDelayMs', Number.NaN],
    ['maxDelayMs', Number.POSITIVE_INFINITY],
    ['maxRetryAfterMs', -0.5],
    ['maxRetries', '3'],
    ['maxRetries', 1.5],
  ] as const)('rejects %s = %s with InvalidInput naming retry.%s', (name, value) => {
    const error = thrown(() => resolveRetryPolicy({ [name]: value } as unknown as RetryOptions));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe(`retry.${name}`);
    expect(error.message).toContain(`retry.${name}`);
  });

  it.each([
    ['null', null],
    ['a number', 3],
  ])('rejects retry options that are %s with InvalidInput naming retry', (_name, value) => {
    const error = thrown(() => resolveRetryPolicy(value as unknown as RetryOptions));
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'retry' });
  });
});

describe("resolveRetryPolicy and setTimeout's limit", () => {
  it.each(['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const)('rejects %s over 2^31−1 ms with InvalidInput naming it', (name) => {
    const error = thrown(() => resolveRetryPolicy({ [name]: maxTimer + 1 }));
    expect(error).toMatchObject({ code: 'InvalidInput', field: `retry.${name}` });
    expect(error.message).toContain(`retry.${name}`);
  });

  it('accepts every delay at exactly 2^31−1 ms', () => {
    expect(resolveRetryPolicy({ baseDelayMs: maxTimer, maxDelayMs: maxTimer, maxRetryAfterMs: maxTimer })).toMatchObject({
      baseDelayMs: maxTimer,
      maxDelayMs: maxTimer,
      maxRetryAfterMs: maxTimer,
    });
  });
});

describe('sleep', () => {
  /** Starts a sleep and reports whether it has resolved. */
  function started(ms: number, signal?: AbortSignal) {
    const state = { done: false };
    const promise = sleep(ms, signal).then(() => {
      state.done = true;
    });
    return { state, promise };
  }

  it('waits a delay over 2^31−1 ms as 2^31−1 ms instead of firing at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { state } = started(10 ** 13); // a Retry-After of 10^10 seconds
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(maxTimer - 1_000);
    expect(state.done).toBe(true);
  });

  it('rejects with Aborted during a clamped wait as soon as the signal fires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const waiting = sleep(10 ** 13, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'Aborted' });
  });
});
