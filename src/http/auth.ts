import { OmnichannelError } from './errors.js';
import { timerDelay } from './timers.js';

/** A bearer token, bare or with its expiry. */
export type AccessToken = string | { token: string; expiresOn: Date | number };

/**
 * Returns a bearer token for the org (for example from MSAL's `acquireTokenSilent`).
 * The SDK caches the token until {@link tokenRefreshMarginMs} before it expires; a bare
 * string's expiry is read from its JWT `exp` claim, and one that has none is kept until
 * the service answers 401.
 *
 * Every failure here fails the SDK call with code `Unauthorized` and sends nothing: the
 * provider throws, returns no token, returns a token that is not visible ASCII (it could
 * not be sent as a header), or has not answered within the client's `timeoutMs`. The
 * caller's `AbortSignal` still ends the wait at once, with code `Aborted`.
 */
export type AccessTokenProvider = (request: AccessTokenRequest) => Promise<AccessToken>;

/** What the SDK tells the token provider. */
export interface AccessTokenRequest {
  /**
   * True after the service rejected the last token (401): skip any cache of your own, e.g.
   * MSAL's `acquireTokenSilent({ ...request, forceRefresh: true })`.
   */
  forceRefresh: boolean;
}

/** How long before expiry a cached token is replaced. */
export const tokenRefreshMarginMs = 2 * 60_000;

/**
 * What a bearer token may hold: visible ASCII, as RFC 6750's `b64token` and every JWT do.
 * A line break, NUL or other control character, a space or a non-ASCII character cannot
 * travel in an `Authorization` header (fetch's `Headers` throws, quoting the value).
 */
const sendableToken = /^[\x21-\x7e]+$/;

/** A token cache over a provider. @internal */
export interface TokenCache {
  /**
   * The current token, fetching a new one when none is valid.
   *
   * Pass the token the service just rejected (401) to have it replaced: when another caller
   * already replaced it, the newer token is returned without asking the provider again;
   * otherwise the provider is asked with `forceRefresh`. The rejected token is never handed
   * back from a fetch that was already under way when it was rejected (the provider's own
   * cache may still hold it); only a provider asked with `forceRefresh` may return it again.
   *
   * `timeoutMs` bounds a provider call this starts: one that has not settled by then fails
   * with `Unauthorized`, and the next `get` asks the provider anew.
   */
  get(rejected?: string, timeoutMs?: number): Promise<string>;
}

interface Cached {
  token: string;
  /** Epoch ms after which the token must not be used; Infinity when unknown. */
  refreshAt: number;
}

/** A provider call in flight, shared by every caller that needs a token meanwhile. */
interface Pending {
  promise: Promise<Cached>;
  /** Whether the provider was asked to skip its own cache. */
  forced: boolean;
}

/**
 * Caches the provider's token; concurrent callers share one in-flight fetch, so a burst of
 * requests at expiry asks the provider once.
 * @internal
 */
export function createTokenCache(provider: AccessTokenProvider, now: () => number = Date.now): TokenCache {
  let cached: Cached | undefined;
  let pending: Pending | undefined;
  /** The last token the service rejected: a fetch that did not skip the provider's cache must not bring it back. */
  let revoked: string | undefined;

  /** Joins the provider call in flight, or starts one. */
  const share = (forceRefresh: boolean, timeoutMs: number | undefined): Pending => {
    if (pending) return pending;
    const entry: Pending = {
      forced: forceRefresh,
      promise: askProvider(provider, forceRefresh, timeoutMs)
        .then((fresh) => {
          if (forceRefresh || fresh.token !== revoked) cached = fresh;
          return fresh;
        })
        .finally(() => {
          if (pending === entry) pending = undefined;
        }),
    };
    pending = entry;
    return entry;
  };

  return {
    async get(rejected, timeoutMs) {
      if (rejected !== undefined) {
        revoked = rejected;
        if (cached?.token === rejected) cached = undefined;
      }
      if (cached && now() < cached.refreshAt) return cached.token;
      let entry = share(rejected !== undefined, timeoutMs);
      let fresh = await entry.promise;
      // Joined a fetch that was under way before the 401: it may have come back with the very
      // token the service rejected. Ask again, past the provider's cache.
      while (!entry.forced && fresh.token === revoked) {
        entry = share(true, timeoutMs);
        fresh = await entry.promise;
      }
      return fresh.token;
    },
  };
}

/**
 * Calls the provider once, bounded by `timeoutMs`, and checks what it returned. Every
 * failure is `Unauthorized`; no message quotes the token.
 */
function askProvider(provider: AccessTokenProvider, forceRefresh: boolean, timeoutMs: number | undefined): Promise<Cached> {
  return new Promise<AccessToken>((resolve, reject) => {
    // A provider that never settles (an MSAL iframe blocked by third-party cookie rules) would
    // otherwise hold every call of the client for ever.
    const giveUp = () => reject(new OmnichannelError('Unauthorized', `getAccessToken did not answer within ${timeoutMs} ms`));
    const timer = timeoutMs === undefined ? undefined : setTimeout(giveUp, timerDelay(timeoutMs));
    // Through a promise, so a provider that throws synchronously is caught too.
    new Promise<AccessToken>((settle) => settle(provider({ forceRefresh })))
      .then(resolve, (cause: unknown) => reject(new OmnichannelError('Unauthorized', 'getAccessToken failed', { cause })))
      .finally(() => clearTimeout(timer));
  }).then(cachedFrom);
}

/** Reads the provider's answer: the token and when to replace it. */
function cachedFrom(value: AccessToken): Cached {
  const token = typeof value === 'string' ? value : value?.token;
  if (typeof token !== 'string' || token === '') {
    throw new OmnichannelError('Unauthorized', 'getAccessToken returned no token');
  }
  if (!sendableToken.test(token)) {
    // Checked here, before any header is built: fetch's own error would quote the token.
    throw new OmnichannelError('Unauthorized', 'getAccessToken returned a token a header cannot carry (not visible ASCII)');
  }
  const expiresOn = typeof value === 'string' ? jwtExpiry(value) : +value.expiresOn;
  return { token, refreshAt: Number.isFinite(expiresOn) ? expiresOn - tokenRefreshMarginMs : Infinity };
}

/** The `exp` claim of a JWT in epoch ms, or NaN when the token is not a readable JWT. */
function jwtExpiry(token: string): number {
  const payload = token.split('.')[1];
  if (!payload) return NaN;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : NaN;
  } catch {
    return NaN;
  }
}
