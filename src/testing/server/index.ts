/**
 * The loopback server: an emulated org over real HTTP, plus static files beside it.
 * trust.ts decides who may call, body.ts reads bodies with a limit, staticFiles.ts serves files.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OrgEmulator, createOrgEmulator } from '../emulator/emulator.js';
import { DEFAULT_MAX_BODY_BYTES, readBody } from './body.js';
import { HttpError, sendError } from './httpError.js';
import { type StaticRoot, findStaticRoot, resolveStaticRoots, sendStaticFile } from './staticFiles.js';
import { buildCorsHeaders, isAllowedOrigin, resolveRequestUrl } from './trust.js';

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
   * answers a directory. Neither `..` nor a symbolic link leads outside a directory (403).
   */
  files?: Readonly<Record<string, string>>;
  /**
   * The largest Web API request body the server reads, in bytes. A larger one is answered 413
   * (`{"error":{"code","message"}}`) as soon as it is known to be larger (at once when
   * `Content-Length` says so), without reading the rest, and the connection is closed.
   * @default 16777216 (16 MiB)
   */
  maxBodyBytes?: number;
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

/**
 * Serves an emulated org over real HTTP on the loopback interface, under `/api/data/v9.2/`,
 * so a Node script, a browser page or a bundled web resource can talk to it as to an org.
 * Answers CORS preflights from pages on loopback origins (a dev server on `localhost:5173`);
 * a page from anywhere else gets no CORS headers and its calls are refused (403), since the
 * org has no authentication. A request naming a host other than this machine in `Host` (a
 * DNS-rebinding page) is refused (403), for the Web API and static files alike.
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
  const server = createServer();
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const site: Site = {
    emulator,
    bound: new URL(url),
    roots: resolveStaticRoots(options.files ?? {}),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  // Attached once the address is known; no request can arrive before this continuation runs.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(site, req, res).catch((error: unknown) => sendError(res, error));
  });

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

/** What a running server serves, and where. */
interface Site {
  readonly emulator: OrgEmulator;
  /** The address the server listens on. */
  readonly bound: URL;
  readonly roots: readonly StaticRoot[];
  readonly maxBodyBytes: number;
}

/** Answers one request: a preflight, a Web API call, a static file, or 404. */
async function serve(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // First, for every answer: a page on a rebound DNS name must get neither the org nor the files.
  const url = resolveRequestUrl(req, site.bound);
  const path = (req.url ?? '/').split('?')[0]!;
  const origin = req.headers.origin;
  const trusted = origin === undefined || isAllowedOrigin(origin, site.bound);
  if (req.method === 'OPTIONS') {
    res.writeHead(trusted ? 204 : 403, buildCorsHeaders(req, site.bound));
    res.end();
    return;
  }
  if (/\/api\/data\//.test(path)) {
    // Without CORS headers a foreign page cannot read the answer, but it could still write:
    // a form or a `text/plain` POST needs no preflight.
    if (!trusted) throw new HttpError(403, `Origin ${origin} may not call this org.`);
    return answerApi(site, req, res, url);
  }
  const root = findStaticRoot(site.roots, path);
  if (root && (req.method === 'GET' || req.method === 'HEAD')) return sendStaticFile(req, res, root, path);
  throw new HttpError(404, 'Not found');
}

/** Hands a Web API call to the org as a fetch `Request` and writes its `Response` back. */
async function answerApi(site: Site, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? await readBody(req, site.maxBodyBytes) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const request = new Request(url, { method: req.method, headers, body: body?.length ? body : undefined });
  const response = await site.emulator.handle(request);
  if (response.type === 'error') {
    req.socket.destroy(); // a network fault: the client sees the connection drop
    return;
  }
  const outHeaders: Record<string, string> = { ...buildCorsHeaders(req, site.bound) };
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  res.writeHead(response.status, outHeaders);
  res.end(Buffer.from(await response.arrayBuffer()));
}
