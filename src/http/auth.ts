import { OmnichannelError } from './errors.js';

/** A bearer token, bare or with its expiry. */
export type AccessToken = string | { token: string; expiresOn: Date | number };

/**
 * Returns a bearer token for the org (for example from MSAL's `acquireTokenSilent`).
 * The SDK caches the token until {@link tokenRefreshMarginMs} before it expires; a bare
 * string's expiry is read from its JWT `exp` claim, and one that has none is kept until
 * the service answers 401.
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

/** A token cache over a provider. @internal */
export interface TokenCache {
  /**
   * The current token, fetching a new one when none is valid. Pass the token the service
   * just rejected (401) to have it replaced; when another caller already replaced it, the
   * newer token is returned without asking the provider again.
   */
  get(rejected?: string): Promise<string>;
}

interface Cached {
  token: string;
  /** Epoch ms after which the token must not be used; Infinity when unknown. */
  refreshAt: number;
}

/**
 * Caches the provider's token; concurrent callers share one in-flight fetch, so a burst of
 * requests at expiry asks the provider once.
 * @internal
 */
export function createTokenCache(provider: AccessTokenProvider, now: () => number = Date.now): TokenCache {
  let cached: Cached | undefined;
  let pending: Promise<Cached> | undefined;

  const fetchToken = async (forceRefresh: boolean): Promise<Cached> => {
    let value: AccessToken;
    try {
      value = await provider({ forceRefresh });
    } catch (cause) {
      throw new OmnichannelError('Unauthorized', 'getAccessToken failed', { cause });
    }
    const token = typeof value === 'string' ? value : value?.token;
    if (typeof token !== 'string' || token === '') {
      throw new OmnichannelError('Unauthorized', 'getAccessToken returned no token');
    }
    const expiresOn = typeof value === 'string' ? jwtExpiry(value) : +value.expiresOn;
    return { token, refreshAt: Number.isFinite(expiresOn) ? expiresOn - tokenRefreshMarginMs : Infinity };
  };

  return {
    async get(rejected) {
      const forceRefresh = cached !== undefined && cached.token === rejected;
      if (forceRefresh) cached = undefined;
      if (cached && now() < cached.refreshAt) return cached.token;
      pending ??= fetchToken(forceRefresh).finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.token;
    },
  };
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
