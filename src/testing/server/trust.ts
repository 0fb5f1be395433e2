/**
 * What the loopback server believes about a request: which pages may call the org (CORS, by
 * `Origin`) and which host names may reach it at all (by `Host`, against DNS rebinding).
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/** Host names that mean this machine; `[::1]` as a URL spells it. */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Pages served from this machine (any port), and the server's own origin. Reflecting any
 * `Origin` let every web page the user visited read and write the local org.
 */
export function isAllowedOrigin(origin: string, bound: URL): boolean {
  if (origin === bound.origin) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && loopbackNames.has(url.hostname) && url.origin === origin;
  } catch {
    return false; // `null` (a file or a sandboxed frame) and other opaque origins
  }
}

/** CORS headers for an allowed origin; none for a request from anywhere else, or from no page. */
export function buildCorsHeaders(req: IncomingMessage, bound: URL): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined || !isAllowedOrigin(origin, bound)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
    'Access-Control-Expose-Headers': 'OData-EntityId, OData-Version, Preference-Applied, Retry-After, x-ms-service-request-id',
  };
}

/**
 * The URL the org sees, and builds `OData-EntityId` and nextLinks from: the server's own
 * address. The `Host` header is the client's to write, so only a loopback name in it is kept
 * (a page on `localhost` gets `localhost` links back); any other name but the bound address
 * is refused (403), so a page on a rebound DNS name cannot use the org.
 */
export function resolveRequestUrl(req: IncomingMessage, bound: URL): string {
  let origin = bound.origin;
  const host = req.headers.host;
  if (host !== undefined) {
    const given = parseUrl(`http://${host}`);
    if (!given || given.host === '' || given.href !== `http://${given.host}/`) throw new HttpError(400, 'Malformed Host header.');
    if (loopbackNames.has(given.hostname)) origin = `http://${given.hostname}:${bound.port}`;
    // Any other name is a DNS-rebinding page reaching the org through a name it controls.
    else if (given.hostname !== bound.hostname) throw new HttpError(403, `Host ${given.hostname} is not served here.`);
  }
  const target = req.url ?? '/';
  // The origin-form (`/api/…`) as sent; of an absolute-form target only its path and query.
  const parsed = target.startsWith('/') ? parseUrl(origin + target) : parseUrl(target);
  if (!parsed) throw new HttpError(400, 'Malformed request target.');
  return `${origin}${parsed.pathname}${parsed.search}`;
}

/** `text` as a URL, or undefined when it is not one. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
