import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type OrgEmulator, createOrgEmulator } from './emulator/emulator.js';

/** Options of {@link startEmulatorServer}. */
export interface EmulatorServerOptions {
  /**
   * TCP port; `0` picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on. Loopback only by default: the emulator has no authentication.
   * @default '127.0.0.1'
   */
  host?: string;
  /** The org to serve. @default a new `createOrgEmulator()` with the seed data */
  emulator?: OrgEmulator;
  /**
   * Static files to serve beside the Web API: URL path prefix → directory, e.g.
   * `{ '/': 'demo', '/dist/': 'dist' }`. The longest matching prefix wins; `index.html`
   * answers a directory.
   */
  files?: Readonly<Record<string, string>>;
}

/** A running emulator server. */
export interface EmulatorServer {
  /** The org URL to pass as `orgUrl`, e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** The org it serves. */
  emulator: OrgEmulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Host names that mean this machine; `[::1]` as a URL spells it. */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An answer to send instead of a Web API one: a request the server cannot make sense of. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves an emulated org over real HTTP on the loopback interface, under `/api/data/v9.2/`,
 * so a Node script, a browser page or a bundled web resource can talk to it as to an org.
 * Answers CORS preflights from pages on loopback origins (a dev server on `localhost:5173`);
 * a page from anywhere else gets no CORS headers and its calls are refused (403), since the
 * org has no authentication.
 * @example
 * ```ts
 * const server = await startEmulatorServer();
 * const omnichannel = createOmnichannel({ orgUrl: server.url, agentId: server.emulator.seedData!.signedInAgentId });
 * // …
 * await server.close();
 * ```
 */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const emulator = options.emulator ?? createOrgEmulator();
  const files = Object.entries(options.files ?? {})
    .map(([prefix, dir]) => [prefix, resolve(dir)] as const)
    .sort((a, b) => b[0].length - a[0].length);

  /** The address the server listens on, known once it does. */
  let bound: URL | undefined;
  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(error instanceof HttpError ? error.status : 500, { 'Content-Type': 'text/plain' });
      res.end(error instanceof HttpError ? error.message : String(error));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const origin = req.headers.origin;
    const trusted = origin === undefined || isAllowedOrigin(origin, bound!);
    if (req.method === 'OPTIONS') {
      res.writeHead(trusted ? 204 : 403, corsHeaders(req, bound!));
      res.end();
      return;
    }
    if (/\/api\/data\//.test(path)) {
      // Without CORS headers a foreign page cannot read the answer, but it could still write:
      // a form or a `text/plain` POST needs no preflight.
      if (!trusted) throw new HttpError(403, `Origin ${origin} may not call this org.`);
      return answerApi(req, res);
    }
    const match = files.find(([prefix]) => path.startsWith(prefix));
    if (match && (req.method === 'GET' || req.method === 'HEAD')) return sendFile(res, match[1], decodePath(path.slice(match[0].length)));
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  }

  async function answerApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const request = new Request(requestUrl(req, bound!), { method: req.method, headers, body });
    const response = await emulator.handle(request);
    if (response.type === 'error') {
      req.socket.destroy(); // a network fault: the client sees the connection drop
      return;
    }
    const outHeaders: Record<string, string> = { ...corsHeaders(req, bound!) };
    response.headers.forEach((value, name) => {
      outHeaders[name] = value;
    });
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  bound = new URL(url);

  return {
    url,
    emulator,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Pages served from this machine (any port), and the server's own origin. Reflecting any
 * `Origin` let every web page the user visited read and write the local org.
 */
function isAllowedOrigin(origin: string, bound: URL): boolean {
  if (origin === bound.origin) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && loopbackNames.has(url.hostname) && url.origin === origin;
  } catch {
    return false; // `null` (a file or a sandboxed frame) and other opaque origins
  }
}

/** CORS headers for an allowed origin; none for a request from anywhere else, or from no page. */
function corsHeaders(req: IncomingMessage, bound: URL): Record<string, string> {
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
function requestUrl(req: IncomingMessage, bound: URL): string {
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

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A static file path, decoded; bad percent-encoding is the client's error, not the server's. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new HttpError(400, 'Bad percent-encoding in the path.');
  }
}

/** Sends a file from `root`, refusing paths that climb out of it. */
async function sendFile(res: ServerResponse, root: string, relative: string): Promise<void> {
  let path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) {
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('Forbidden');
    return;
  }
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) path = join(path, 'index.html');
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(path).pipe(res);
}
