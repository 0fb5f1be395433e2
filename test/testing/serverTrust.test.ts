// @vitest-environment node
// What the loopback server lets in and what it believes: which pages may call the org (CORS),
// and which parts of a request it trusts to build URLs from. Against the source, over real
// sockets; server.test.ts covers the built bundle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator, type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from '../../src/testing/index.js';

const servers: EmulatorServer[] = [];
let files: string;

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'emulator-trust-'));
  writeFileSync(join(files, 'hello.txt'), 'hello');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
});

async function start(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const server = await startEmulatorServer({ emulator: createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') }), ...options });
  servers.push(server);
  return server;
}

function preflight(server: EmulatorServer, origin: string): Promise<Response> {
  return fetch(`${server.url}/api/data/v9.2/accounts`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
}

/**
 * Sends a request written out by hand over a socket (fetch would not send a bad Host) and
 * answers the whole response as text.
 */
function raw(server: EmulatorServer, lines: string[], body = ''): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const head = [...lines, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}\r\n\r\n${body}`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const statusLine = (response: string) => response.split('\r\n')[0];
/** A header of a raw response. */
const header = (response: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(response)?.[1]?.trim();

describe('the loopback server › CORS', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'http://localhost'])(
    'answers a preflight from the loopback origin %s with its CORS headers',
    async (origin) => {
      const server = await start();
      const response = await preflight(server, origin);
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([204, origin]);
    },
  );

  it.each(['https://evil.example', 'http://localhost.evil.example:5173', 'https://localhost:5173', 'null'])(
    'answers a preflight from the origin %s with 403 and no CORS headers',
    async (origin) => {
      const server = await start();
      const response = await preflight(server, origin);
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    },
  );

  it('refuses a call from another origin, which needs no preflight to write, and changes nothing', async () => {
    const server = await start();
    const before = server.emulator.store.list('account').length;
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Planted' }),
    });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    expect(server.emulator.store.list('account')).toHaveLength(before);
  });

  it('answers a call from a loopback origin with Access-Control-Allow-Origin set to it', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/WhoAmI`, { headers: { Origin: 'http://localhost:5173' } });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, 'http://localhost:5173']);
  });

  it('answers a call without an Origin (not from a page) with no CORS headers', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/WhoAmI`);
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, null]);
  });
});

describe('the loopback server › malformed requests', () => {
  it('answers 400, not 500, for bad percent-encoding in a static file path', async () => {
    const server = await start({ files: { '/static/': files } });
    expect((await fetch(`${server.url}/static/%E0%A4%A.txt`)).status).toBe(400);
  });

  it('answers 400, not 500, for a malformed Host header', async () => {
    const server = await start();
    expect(statusLine(await raw(server, ['GET /api/data/v9.2/WhoAmI HTTP/1.1', 'Host: [bad']))).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers 400 for a Host header with a path in it', async () => {
    const server = await start();
    expect(statusLine(await raw(server, ['GET /api/data/v9.2/WhoAmI HTTP/1.1', 'Host: evil.example/x']))).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe('the loopback server › the URLs it answers with', () => {
  /** Creates an account with the given Host header and answers the OData-EntityId. */
  async function createWithHost(server: EmulatorServer, host: string): Promise<string | undefined> {
    const lines = ['POST /api/data/v9.2/accounts HTTP/1.1', `Host: ${host}`, 'Content-Type: application/json'];
    return header(await raw(server, lines, JSON.stringify({ name: 'Contoso' })), 'OData-EntityId');
  }

  it('refuses a Host header naming another host (a DNS-rebinding page) with 403, and creates nothing', async () => {
    const server = await start({ emulator: createOrgEmulator({ data: 'empty' }) });
    const lines = ['POST /api/data/v9.2/accounts HTTP/1.1', 'Host: evil.example', 'Content-Type: application/json'];
    expect(statusLine(await raw(server, lines, JSON.stringify({ name: 'Contoso' })))).toMatch(/^HTTP\/1\.1 403 /);
    expect(server.emulator.store.list('account')).toEqual([]);
  });

  it("keeps a loopback name the client used, with the server's port", async () => {
    const server = await start();
    const { port } = new URL(server.url);
    expect(await createWithHost(server, 'localhost:1')).toMatch(new RegExp(`^http://localhost:${port}/api/data/v9\\.2/accounts\\(`));
  });

  it("builds the nextLink from the server's own port whatever port the Host header names", async () => {
    const server = await start();
    const { port } = new URL(server.url);
    const lines = ['GET /api/data/v9.2/msdyn_ocliveworkitems?$select=subject HTTP/1.1', 'Host: 127.0.0.1:1', 'Prefer: odata.maxpagesize=2'];
    // The body comes chunked; the link is one JSON string within a chunk.
    const nextLink = /"@odata\.nextLink":"([^"]+)"/.exec(await raw(server, lines))?.[1];
    expect(nextLink?.startsWith(`http://127.0.0.1:${port}/api/data/v9.2/msdyn_ocliveworkitems?`)).toBe(true);
  });
});
