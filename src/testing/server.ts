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

/**
 * Serves an emulated org over real HTTP on the loopback interface, under `/api/data/v9.2/`,
 * so a Node script, a browser page or a bundled web resource can talk to it as to an org.
 * Answers CORS preflights, so a page on another local origin (a dev server) can call it.
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

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders(req));
      res.end();
      return;
    }
    if (/\/api\/data\//.test(path)) return answerApi(req, res);
    const match = files.find(([prefix]) => path.startsWith(prefix));
    if (match && (req.method === 'GET' || req.method === 'HEAD')) return sendFile(res, match[1], decodeURIComponent(path.slice(match[0].length)));
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
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method, headers, body });
    const response = await emulator.handle(request);
    if (response.type === 'error') {
      req.socket.destroy(); // a network fault: the client sees the connection drop
      return;
    }
    const outHeaders: Record<string, string> = { ...corsHeaders(req) };
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

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
    'Access-Control-Expose-Headers': 'OData-EntityId, OData-Version, Preference-Applied, Retry-After, x-ms-service-request-id',
  };
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
