// @vitest-environment node
// How much the loopback server reads of a request body: up to a limit, and not a byte more.
import { afterEach, describe, expect, it } from 'vitest';
import { createOrgEmulator, type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from '../../src/testing/index.js';
import { sendRaw } from './rawHttp.js';

const servers: EmulatorServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const server = await startEmulatorServer({
    emulator: createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z'), data: 'empty' }),
    ...options,
  });
  servers.push(server);
  return server;
}

/** A JSON body creating an account, padded with spaces to exactly `size` bytes. */
function accountBody(size: number): string {
  const json = JSON.stringify({ name: 'Contoso' });
  return json + ' '.repeat(size - json.length);
}

const MiB = 1024 * 1024;

describe('the loopback server › request body limit', () => {
  it('answers a body over maxBodyBytes with 413 and the Dataverse error body, and creates nothing', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: accountBody(1025),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: '0x80048d19', message: 'The request body is larger than the 1024 bytes this server accepts.' },
    });
    expect(server.emulator.store.list('account')).toEqual([]);
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: accountBody(1024),
    });
    expect(response.status).toBe(204);
    expect(server.emulator.store.list('account')).toHaveLength(1);
  });

  it('answers 413 from a Content-Length over 16 MiB (the default) before any of the body is sent', async () => {
    const server = await start();
    const head = [
      'POST /api/data/v9.2/accounts HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Content-Length: ${16 * MiB + 1}`,
    ];
    const response = await sendRaw(server.url, head);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: '0x80048d19' } });
  });

  it('answers a chunked body with 413 as soon as it passes the limit, while the client is still sending, and closes the connection', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const head = [
      'POST /api/data/v9.2/accounts HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
    ];
    // One chunk over the limit and no final chunk: a server that reads to the end never answers.
    const chunk = 'x'.repeat(2048);
    const response = await sendRaw(server.url, head, `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect([response.status, response.headers.connection]).toEqual([413, 'close']);
  });

  it('keeps answering after refusing a body', async () => {
    const server = await start({ maxBodyBytes: 1024 });
    await sendRaw(server.url, ['POST /api/data/v9.2/accounts HTTP/1.1', 'Host: 127.0.0.1', `Content-Length: ${MiB}`]);
    expect((await fetch(`${server.url}/api/data/v9.2/accounts`)).status).toBe(200);
  });
});
