// docs/testing.md › A loopback server, run as written (the import paths differ: see
// testing-guide.test.ts, which checks that the guide's block is still here). No MSW in this
// file: the requests go over real HTTP to 127.0.0.1.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationStatus, createOmnichannel } from '../../src/index.js';
import { createOrgEmulator, startEmulatorServer } from '../../src/testing/index.js';

describe('docs/testing.md › A loopback server', () => {
  it('serves the emulated org over HTTP to a client that uses server.url as its orgUrl', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});

    const server = await startEmulatorServer({ emulator: createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') }) });
    try {
      const omnichannel = createOmnichannel({ orgUrl: server.url, agentId: server.emulator.seedData!.signedInAgentId });
      const active = await omnichannel.getConversations({ status: [ConversationStatus.Active] });
      console.log(`${active.length} active conversations at ${server.url}`);
    } finally {
      await server.close();
    }

    const expected = server.emulator.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === server.emulator.seedData!.signedInAgentId && row.statuscode === ConversationStatus.Active);
    expect(expected.length).toBeGreaterThan(0);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(log).toHaveBeenCalledWith(`${expected.length} active conversations at ${server.url}`);
    expect(server.emulator.requests).toHaveLength(1);
  });

  it('answers a CORS preflight from a dev server on another origin', async () => {
    const server = await startEmulatorServer();
    try {
      const response = await fetch(`${server.url}/api/data/v9.2/msdyn_ocliveworkitems`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-ms-correlation-id' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(response.headers.get('access-control-allow-headers')).toBe('x-ms-correlation-id');
    } finally {
      await server.close();
    }
  });
});

describe('docs/emulator.md › The loopback server', () => {
  const started: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  async function start() {
    const server = await startEmulatorServer({ emulator: createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') }) });
    started.push(server);
    return server;
  }

  it('answers a preflight from a page on another origin with 403 and no CORS headers', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([403, null]);
  });

  it('refuses a call from a page on another origin with 403, and the call does nothing', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/accounts`, {
      method: 'POST',
      headers: { Origin: 'https://example.com', 'Content-Type': 'text/plain' },
      body: '{"name":"From a web page"}',
    });
    expect(response.status).toBe(403);
    expect(server.emulator.store.list('account').some((row) => row.name === 'From a web page')).toBe(false);
  });

  it('answers a page on the server\'s own origin with CORS headers for it', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/WhoAmI`, { headers: { Origin: server.url } });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, server.url]);
  });

  it('answers a request without Origin without CORS headers', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/data/v9.2/WhoAmI`);
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, null]);
  });
});
