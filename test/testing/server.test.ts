// @vitest-environment node
// The loopback server from the built CJS bundles, called over real sockets (no MSW here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Sdk from '../../src/index.js';
import type * as Testing from '../../src/testing/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bundles = [join(root, 'dist/index.cjs'), join(root, 'dist/testing/index.cjs')];

let sdk: typeof Sdk;
let testing: typeof Testing;
/** A directory of static files: `public/hello.txt` is served, `secret.txt` beside `public/` is not. */
let files: string;
const servers: Testing.EmulatorServer[] = [];

beforeAll(() => {
  if (!bundles.every((file) => existsSync(file))) {
    const result = spawnSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`rollup failed with exit code ${String(result.status)}`);
  }
  const require = createRequire(join(root, 'package.json'));
  sdk = require(bundles[0]!) as typeof Sdk;
  testing = require(bundles[1]!) as typeof Testing;
  files = mkdtempSync(join(tmpdir(), 'emulator-server-'));
  mkdirSync(join(files, 'public'));
  writeFileSync(join(files, 'public', 'hello.txt'), 'hello from the emulator');
  writeFileSync(join(files, 'secret.txt'), 'not for the web');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
});

async function start(options: Testing.EmulatorServerOptions = {}): Promise<Testing.EmulatorServer> {
  const emulator = testing.createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  const server = await testing.startEmulatorServer({ emulator, ...options });
  servers.push(server);
  return server;
}

function client(server: Testing.EmulatorServer) {
  return sdk.createOmnichannel({ orgUrl: server.url, agentId: server.emulator.seedData!.signedInAgentId, retry: { maxRetries: 0 } });
}

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startEmulatorServer (built bundle)', () => {
  it('listens on a loopback URL', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the built SDK over real HTTP with the seeded conversations', async () => {
    const server = await start();
    const agentId = server.emulator.seedData!.signedInAgentId;
    const waiting = await client(server).getConversations({ status: [sdk.ConversationStatus.Waiting] });
    const expected = server.emulator.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === sdk.ConversationStatus.Waiting)
      .map((row) => row.activityid)
      .sort();
    expect(waiting.map((row) => row.activityid).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('accepts a create over HTTP and answers its URL on the server origin', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Contoso' }),
    });
    expect(response.status).toBe(204);
    const entityId = response.headers.get('OData-EntityId')!;
    expect(entityId.startsWith(`${server.url}/api/data/v9.2/accounts(`)).toBe(true);
    expect((await (await fetch(entityId)).json()).name).toBe('Contoso');
  });

  it('answers CORS preflights', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/msdyn_ocliveworkitems`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'prefer' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('serves a static file under its prefix', async () => {
    const server = await start({ files: { '/static/': join(files, 'public') } });
    const response = await fetch(`${server.url}/static/hello.txt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello from the emulator');
  });

  it('answers 404 for a file that does not exist', async () => {
    const server = await start({ files: { '/static/': join(files, 'public') } });
    expect((await fetch(`${server.url}/static/missing.txt`)).status).toBe(404);
  });

  it('refuses a path that climbs out of the directory with ../', async () => {
    const server = await start({ files: { '/static/': join(files, 'public') } });
    const answer = await rawGet(server.url, '/static/../secret.txt');
    expect([403, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('not for the web');
  });

  it('refuses a path that climbs out with an encoded ../', async () => {
    const server = await start({ files: { '/static/': join(files, 'public') } });
    const response = await fetch(`${server.url}/static/%2e%2e%2fsecret.txt`);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('not for the web');
  });

  it('drops the connection on a network fault: the SDK sees NetworkError', async () => {
    const server = await start();
    server.emulator.faults.add({ kind: 'network' });
    const error = await client(server)
      .getConversations({})
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(sdk.isOmnichannelError(error)).toBe(true);
    expect((error as Sdk.OmnichannelError).code).toBe('NetworkError');
  });

  it('answers again after a network fault', async () => {
    const server = await start();
    server.emulator.faults.add({ kind: 'network' });
    await fetch(`${server.url}/api/data/v9.2/WhoAmI`).catch(() => undefined);
    const response = await fetch(`${server.url}/api/data/v9.2/WhoAmI`);
    expect(response.status).toBe(200);
  });

  it('stops answering after close()', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/api/data/v9.2/WhoAmI`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/api/data/v9.2/WhoAmI`)).rejects.toThrow();
  });
});
