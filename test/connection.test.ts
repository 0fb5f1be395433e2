// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type TelemetryEvent,
  ConversationStatus,
  createConnection,
  createOmnichannel,
  getConversations,
  iterateConversations,
} from '../src/index.js';
import { type OrgEmulator, createOrgEmulator } from '../src/testing/index.js';
import { caught } from './support/caught.js';

const orgUrl = 'https://contoso.crm.dynamics.com';
let org: OrgEmulator;
let agentId: string;

beforeEach(() => {
  org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  agentId = org.seedData!.signedInAgentId;
});

/** The org in-process: every request the connection sends reaches the emulator. */
const fetch: typeof globalThis.fetch = (input, init) => org.handle(new Request(input, init));

const input = {
  status: [ConversationStatus.Waiting, ConversationStatus.Active],
  orderBy: [{ attributeName: 'createdon', descending: true }],
};

describe('createConnection', () => {
  it('holds the org, its Web API root and the agent, frozen', () => {
    const connection = createConnection({ orgUrl: `${orgUrl}/`, agentId: `{${agentId.toUpperCase()}}`, fetch });
    expect({ ...connection }).toEqual({ orgUrl, webApiUrl: `${orgUrl}/api/data/v9.2/`, agentId });
    expect(Object.isFrozen(connection)).toBe(true);
  });

  it("refuses the client's own options by name, and a misspelt one", () => {
    for (const option of ['host', 'workspace', 'messageChannel', 'orgurl']) {
      const error = (() => {
        try {
          createConnection({ orgUrl, [option]: 'x' } as never);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toMatchObject({ code: 'InvalidInput', field: option });
      expect((error as Error).message).toContain('is not an option of createConnection');
    }
  });

  it('checks the options createOmnichannel checks, with the same errors', () => {
    const bad = [{ orgUrl: 'ftp://contoso' }, { orgUrl, apiVersion: 'v9' }, { orgUrl, timeoutMs: 0 }, { orgUrl, agentId: 'me' }];
    for (const options of bad) {
      const fromConnection = caughtSync(() => createConnection(options));
      const fromClient = caughtSync(() => createOmnichannel(options));
      expect(fromConnection).toMatchObject({ code: 'InvalidInput', field: fromClient.field, message: fromClient.message });
    }
  });
});

describe('getConversations over a connection', () => {
  it('sends the request the client sends and resolves the same records', async () => {
    const sent: Request[] = [];
    const recording: typeof globalThis.fetch = (request, init) => {
      sent.push(new Request(request, init));
      return fetch(request, init);
    };
    const connection = createConnection({ orgUrl, agentId, fetch: recording });
    const client = createOmnichannel({ orgUrl, agentId, fetch: recording });
    const overConnection = await getConversations(connection, input, 'corr-1');
    const overClient = await client.getConversations(input, 'corr-1');
    expect(overConnection.length).toBeGreaterThan(0);
    expect(overConnection).toEqual(overClient);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.url).toBe(sent[1]!.url);
    const headers = (request: Request) => [...request.headers].filter(([name]) => name !== 'x-ms-client-request-id');
    expect(headers(sent[0]!)).toEqual(headers(sent[1]!));
  });

  it('takes a client as its connection', async () => {
    const client = createOmnichannel({ orgUrl, agentId, fetch });
    expect(await getConversations(client, input)).toEqual(await client.getConversations(input));
  });

  it('rejects what is not a connection with InvalidInput, sending nothing', async () => {
    const before = org.requests.length;
    const lookalike = { orgUrl, webApiUrl: `${orgUrl}/api/data/v9.2/`, agentId };
    for (const connection of [lookalike, null, undefined, 'https://contoso.crm.dynamics.com']) {
      const error = await caught(getConversations(connection as never, {}));
      expect(error).toMatchObject({ code: 'InvalidInput', field: 'connection' });
      const iterator = iterateConversations(connection as never, {})[Symbol.asyncIterator]();
      await expect(iterator.next()).rejects.toMatchObject({ code: 'InvalidInput', field: 'connection' });
    }
    expect(org.requests.length).toBe(before);
  });

  it('rejects bad input naming the field, with the call’s correlation id, sending nothing', async () => {
    const connection = createConnection({ orgUrl, agentId, fetch });
    const error = await caught(getConversations(connection, { status: ['soon'] } as never, 'corr-bad'));
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'input.status[0]', correlationId: 'corr-bad' });
    expect(org.requests).toHaveLength(0);
  });

  it('streams the same records with iterateConversations, page by page', async () => {
    const connection = createConnection({ orgUrl, agentId, fetch });
    const streamed = [];
    for await (const record of iterateConversations(connection, input)) streamed.push(record);
    expect(streamed).toEqual(await getConversations(connection, input));
  });

  it('reports its requests to onTelemetry with the operation and correlation id', async () => {
    const events: TelemetryEvent[] = [];
    const connection = createConnection({ orgUrl, agentId, fetch, onTelemetry: (event) => events.push(event) });
    await getConversations(connection, {}, 'corr-telemetry');
    expect(events.map((event) => [event.type, event.operation, event.correlationId])).toEqual([
      ['request', 'getConversations', 'corr-telemetry'],
      ['response', 'getConversations', 'corr-telemetry'],
    ]);
  });
});

function caughtSync(make: () => unknown): { code?: string; field?: string; message: string } {
  try {
    make();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a throw');
}
