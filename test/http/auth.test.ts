// @vitest-environment node
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AccessToken, type AccessTokenRequest, tokenRefreshMarginMs } from '../../src/index.js';
import { createTokenCache } from '../../src/http/auth.js';
import { caught } from '../support/caught.js';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A token provider the test answers by hand: `answer(i, token)` settles its i-th call (from 0);
 * `forceRefreshFlags()` lists what each call was asked.
 */
function manualProvider() {
  const calls: { request: AccessTokenRequest; resolve: (token: AccessToken) => void }[] = [];
  const provider = vi.fn((request: AccessTokenRequest) => new Promise<AccessToken>((resolve) => void calls.push({ request, resolve })));
  return {
    provider,
    answer: (index: number, token: AccessToken) => calls[index]!.resolve(token),
    forceRefreshFlags: () => calls.map((call) => call.request.forceRefresh),
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * T1 was fetched at clock 0 and expires so that at clock 60 s it is within the refresh margin.
 * The clock is then moved there, so the next plain `get()` starts an ordinary refresh.
 */
async function cacheHoldingExpiringT1() {
  let clock = 0;
  const manual = manualProvider();
  const cache = createTokenCache(manual.provider, () => clock);
  const first = cache.get();
  manual.answer(0, { token: 'T1', expiresOn: tokenRefreshMarginMs + 60_000 });
  expect(await first).toBe('T1');
  clock = 60_000;
  return { cache, ...manual };
}

describe('createTokenCache: a 401 while another refresh is in flight', () => {
  it('never hands back the rejected token when the refresh it joined brings it back from the provider cache', async () => {
    const { cache, answer, forceRefreshFlags } = await cacheHoldingExpiringT1();
    const b = cache.get(); // B: T1 is about to expire, an ordinary refresh starts
    const a = cache.get('T1'); // A: the service answered 401 to T1 meanwhile
    answer(1, 'T1'); // the ordinary refresh comes back with T1 from the provider's own cache
    await settle();
    answer(2, 'T2');
    expect(await a).toBe('T2');
    expect(await b).toBe('T2');
    expect(forceRefreshFlags()).toEqual([false, false, true]);
  });

  it('does not cache the rejected token that a refresh under way brought back', async () => {
    const { cache, answer, provider } = await cacheHoldingExpiringT1();
    const b = cache.get();
    const a = cache.get('T1');
    answer(1, 'T1');
    await settle();
    answer(2, 'T2');
    await Promise.all([a, b]);
    expect(await cache.get()).toBe('T2');
    expect(provider).toHaveBeenCalledTimes(3);
  });

  it('joins a forced refresh already in flight, asking the provider once', async () => {
    const { cache, answer, provider, forceRefreshFlags } = await cacheHoldingExpiringT1();
    const b = cache.get('T1'); // B got the 401 first
    const a = cache.get('T1'); // then A, for the same token
    answer(1, 'T2');
    expect(await a).toBe('T2');
    expect(await b).toBe('T2');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(forceRefreshFlags()).toEqual([false, true]);
  });

  it('returns the replacement at once when another caller already replaced the rejected token', async () => {
    const { cache, answer, provider } = await cacheHoldingExpiringT1();
    const b = cache.get('T1');
    answer(1, { token: 'T2', expiresOn: Number.MAX_SAFE_INTEGER });
    expect(await b).toBe('T2');
    expect(await cache.get('T1')).toBe('T2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('hands back the rejected token only when the provider, asked to skip its cache, gives it again', async () => {
    const { cache, answer, forceRefreshFlags } = await cacheHoldingExpiringT1();
    const a = cache.get('T1');
    answer(1, 'T1');
    expect(await a).toBe('T1'); // the provider's final word: the service will judge it
    expect(forceRefreshFlags()).toEqual([false, true]);
  });
});

describe('createTokenCache: a provider that never answers', () => {
  it('fails with Unauthorized once timeoutMs has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const cache = createTokenCache(() => new Promise<string>(() => undefined));
    const result = caught(cache.get(undefined, 1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await result;
    expect(error.code).toBe('Unauthorized');
    expect(error.message).toContain('did not answer within 1000 ms');
  });

  it('asks the provider anew on the next get after a call that timed out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const never = new Promise<string>(() => undefined);
    const provider = vi.fn<() => Promise<string>>().mockReturnValueOnce(never).mockResolvedValueOnce('T1');
    const cache = createTokenCache(provider);
    const first = caught(cache.get(undefined, 1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await first).code).toBe('Unauthorized');
    expect(await cache.get(undefined, 1_000)).toBe('T1');
    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('createTokenCache: tokens a header cannot carry', () => {
  it('refuses the token with Unauthorized without quoting it, and asks again on the next get', async () => {
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce('SECRET-TOKEN\r\nX-Injected: 1').mockResolvedValueOnce('T1');
    const cache = createTokenCache(provider);
    const error = await caught(cache.get());
    expect(error.code).toBe('Unauthorized');
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('SECRET-TOKEN');
    expect(await cache.get()).toBe('T1');
  });
});
