// @vitest-environment node
// Static files of the loopback server: what a path may reach (not outside its directory, by
// `..` or by a symbolic link), who may ask (the same Host rule as the Web API), and what a file
// that cannot be read is answered with (an error, while the server keeps serving).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator, type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from '../../src/testing/index.js';
import { fileErrorStatus } from '../../src/testing/server/staticFiles.js';
import { sendRaw } from './rawHttp.js';

const servers: EmulatorServer[] = [];
/**
 * `public/` is served; beside it `secret.txt` and `private/` are not. Inside `public/`: a file,
 * a link to it, links leading out (to a file, to a directory, as a directory's index.html).
 */
let base: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'emulator-files-'));
  const pub = join(base, 'public');
  mkdirSync(join(pub, 'linked-index'), { recursive: true });
  mkdirSync(join(base, 'private'));
  writeFileSync(join(pub, 'hello.txt'), 'hello from the emulator');
  writeFileSync(join(base, 'secret.txt'), 'not for the web');
  writeFileSync(join(base, 'private', 'key.txt'), 'not for the web either');
  symlinkSync('hello.txt', join(pub, 'alias.txt'));
  symlinkSync(join(base, 'secret.txt'), join(pub, 'leak.txt'));
  symlinkSync('../private', join(pub, 'private'));
  symlinkSync('../../secret.txt', join(pub, 'linked-index', 'index.html'));
  symlinkSync(pub, join(base, 'public-link'));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

async function start(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const server = await startEmulatorServer({
    emulator: createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') }),
    files: { '/static/': join(base, 'public') },
    ...options,
  });
  servers.push(server);
  return server;
}

async function get(server: EmulatorServer, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('the loopback server › static files and symbolic links', () => {
  it('serves a symbolic link that stays inside the directory', async () => {
    const server = await start();
    expect(await get(server, '/static/alias.txt')).toEqual({ status: 200, body: 'hello from the emulator' });
  });

  it('refuses (403) a symbolic link to a file outside the directory', async () => {
    const server = await start();
    const answer = await get(server, '/static/leak.txt');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('not for the web');
  });

  it('refuses (403) a path through a symbolic link to a directory outside', async () => {
    const server = await start();
    const answer = await get(server, '/static/private/key.txt');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('not for the web');
  });

  it("refuses (403) a directory's index.html that links outside the directory", async () => {
    const server = await start();
    const answer = await get(server, '/static/linked-index/');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('not for the web');
  });

  it('serves a directory given as a symbolic link, judging paths against where it leads', async () => {
    const server = await start({ files: { '/static/': join(base, 'public-link') } });
    expect(await get(server, '/static/hello.txt')).toEqual({ status: 200, body: 'hello from the emulator' });
    expect((await get(server, '/static/leak.txt')).status).toBe(403);
  });
});

describe('the loopback server › static files and the Host header', () => {
  it('refuses (403) a static file to a request naming another host (a DNS-rebinding page)', async () => {
    const server = await start();
    const answer = await sendRaw(server.url, ['GET /static/hello.txt HTTP/1.1', 'Host: evil.example', 'Connection: close']);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('hello from the emulator');
  });

  it('serves a static file to a request naming localhost', async () => {
    const server = await start();
    const answer = await sendRaw(server.url, ['GET /static/hello.txt HTTP/1.1', 'Host: localhost', 'Connection: close']);
    expect([answer.status, answer.body]).toEqual([200, 'hello from the emulator']);
  });

  it('answers 400 to a static file request with a malformed Host header', async () => {
    const server = await start();
    const answer = await sendRaw(server.url, ['GET /static/hello.txt HTTP/1.1', 'Host: [bad', 'Connection: close']);
    expect(answer.status).toBe(400);
  });
});

describe('the loopback server › files that cannot be read', () => {
  // /proc/self/mem is a regular file whose first bytes (address 0) no process may read: EIO.
  // It fails the same way for root, whom no file mode stops.
  it('answers 500 for a file whose read fails, and keeps serving', async () => {
    const server = await start({ files: { '/proc/': '/proc/self' } });
    const answer = await get(server, '/proc/mem');
    expect(answer).toEqual({ status: 500, body: 'The file cannot be read (EIO).' });
    expect((await fetch(`${server.url}/api/data/v9.2/WhoAmI`)).status).toBe(200);
  });

  it('answers a HEAD for a file whose read fails with 500', async () => {
    const server = await start({ files: { '/proc/': '/proc/self' } });
    expect((await fetch(`${server.url}/proc/mem`, { method: 'HEAD' })).status).toBe(500);
  });

  it.each([
    ['EMFILE', 503],
    ['ENFILE', 503],
    ['EACCES', 500],
    ['EPERM', 500],
    ['EIO', 500],
    ['ENOENT', 404],
    ['ENOTDIR', 404],
  ])('answers a file error %s with %i', (code, status) => {
    expect(fileErrorStatus(Object.assign(new Error(code), { code }))).toBe(status);
  });
});
