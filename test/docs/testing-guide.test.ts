// The examples of docs/testing.md, run as written. Every ```ts block of the guide appears in
// test/docs verbatim; only its import lines differ ('omnichannel-sdk' becomes
// '../../src/index.js', 'omnichannel-sdk/testing' becomes '../../src/testing/index.js'), and
// the imports of all blocks are merged at the top of this file. The last test checks that
// each block is still here, so the guide cannot drift from code that works.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel, ConversationStatus, createOmnichannel, isOmnichannelError, type OmnichannelClient } from '../../src/index.js';
import {
  createEmulatorChannel,
  createOrgEmulator,
  createSimulation,
  installFakeOmnichannel,
  type InstalledFakeOmnichannel,
} from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { codeBlocks, docsTests, expectBlocksTested, expectImportsExist, readGuide } from './support.js';

// ---- docs/testing.md › MSW handlers: the code under test

// conversations.ts: the code under test

/** Titles of the agent's waiting conversations, newest first. */
export async function waitingTitles(omnichannel: OmnichannelClient, agentId: string): Promise<string[]> {
  const conversations = await omnichannel.getConversations(
    {
      agentId,
      attributes: ['msdyn_title', 'msdyn_channel'],
      status: [ConversationStatus.Waiting],
      orderBy: [{ attributeName: 'createdon', descending: true }],
    },
    'waiting-titles',
  );
  return conversations.map((conversation) => conversation.msdyn_title ?? '(untitled)');
}

// ---- docs/testing.md › A fake Microsoft.Omnichannel: the form script

// waitingBanner.ts: a form OnLoad handler written against the product's API.
// (With @types/xrm you would use Xrm.Events.EventContext instead of this small type.)
interface OnLoadContext {
  getFormContext(): { ui: { setFormNotification(message: string, level: 'INFO' | 'WARNING' | 'ERROR', id: string): boolean } };
}
declare const Xrm: { Utility: { getGlobalContext(): { userSettings: { userId: string } } } };
declare const Microsoft: {
  Omnichannel: {
    getConversationId(): Promise<string>;
    getConversations(input: object, correlationId?: string): Promise<unknown[]>;
  };
};

export async function onLoad(executionContext: OnLoadContext): Promise<void> {
  const formContext = executionContext.getFormContext();
  const agentId = Xrm.Utility.getGlobalContext().userSettings.userId;
  try {
    const conversationId = await Microsoft.Omnichannel.getConversationId();
    const waiting = await Microsoft.Omnichannel.getConversations({ agentId, status: [3] }, 'waiting-banner');
    formContext.ui.setFormNotification(`${waiting.length} waiting; open conversation ${conversationId}`, 'INFO', 'waiting-banner');
  } catch {
    formContext.ui.setFormNotification('No conversation is open in this session.', 'WARNING', 'waiting-banner');
  }
}

describe('docs/testing.md › MSW handlers', () => {
  // conversations.test.ts

  const orgUrl = 'https://contoso.crm.dynamics.com';
  const now = new Date('2026-03-01T12:00:00Z');
  const org = createOrgEmulator({ now });
  const server = setupServer(...omnichannelHandlers(org, orgUrl));

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    org.faults.clear();
    org.requests.length = 0;
  });
  afterAll(() => server.close());

  const agentId = org.seedData!.signedInAgentId;
  const omnichannel = createOmnichannel({ orgUrl, agentId, now: () => now.getTime() });

  describe('waitingTitles', () => {
    it('lists the titles of the waiting conversations, newest first', async () => {
      const expected = org.store
        .list('msdyn_ocliveworkitem')
        .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === 3)
        .sort((a, b) => String(b.createdon).localeCompare(String(a.createdon)))
        .map((row) => row.msdyn_title);

      const titles = await waitingTitles(omnichannel, agentId);

      expect(titles.length).toBeGreaterThan(0);
      expect(titles).toEqual(expected);
    });

    it('sends one request, tagged with the correlation id', async () => {
      await waitingTitles(omnichannel, agentId);

      expect(org.requests).toHaveLength(1);
      expect(org.requests[0]!.correlationId).toBe('waiting-titles');
      expect(decodeURIComponent(org.requests[0]!.url)).toContain('statuscode eq 3');
    });

    it('retries when the org throttles, under the same correlation id', async () => {
      org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, times: 2 });

      const titles = await waitingTitles(omnichannel, agentId);

      expect(titles.length).toBeGreaterThan(0);
      expect(org.requests).toHaveLength(3);
      expect(org.requests.every((request) => request.correlationId === 'waiting-titles')).toBe(true);
      expect(new Set(org.requests.map((request) => request.clientRequestId)).size).toBe(3);
    });

    it('rejects with Throttled when the org stays busy', async () => {
      org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, times: 4 });

      const error = await waitingTitles(omnichannel, agentId).catch((caught: unknown) => caught);

      expect(isOmnichannelError(error) && error.code).toBe('Throttled');
      expect(org.faults.pending).toBe(0);
    });
  });
});

describe('docs/testing.md › A fake Microsoft.Omnichannel', () => {
  // waitingBanner.test.ts

  const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  const seed = org.seedData!;
  let fake: InstalledFakeOmnichannel;

  /** A stand-in for the execution context Dynamics 365 passes to OnLoad. */
  function formStub() {
    const setFormNotification = vi.fn(() => true);
    return { setFormNotification, executionContext: { getFormContext: () => ({ ui: { setFormNotification } }) } };
  }

  beforeEach(() => {
    fake = installFakeOmnichannel({ emulator: org });
    // Xrm gives the user id in braces and upper case; the SDK accepts it as it is.
    vi.stubGlobal('Xrm', { Utility: { getGlobalContext: () => ({ userSettings: { userId: `{${seed.signedInAgentId.toUpperCase()}}` } }) } });
  });
  afterEach(() => {
    fake.uninstall();
    vi.unstubAllGlobals();
    org.requests.length = 0;
  });

  it('shows how many conversations wait, and the open one', async () => {
    const waiting = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === seed.signedInAgentId && row.statuscode === 3);
    const { executionContext, setFormNotification } = formStub();

    await onLoad(executionContext);

    expect(setFormNotification).toHaveBeenCalledWith(
      `${waiting.length} waiting; open conversation ${seed.activeConversationId}`,
      'INFO',
      'waiting-banner',
    );
    expect(org.requests.map((request) => request.correlationId)).toEqual(['waiting-banner']);
  });

  it('warns in the Home session, where no conversation is open', async () => {
    fake.focus(null);
    const { executionContext, setFormNotification } = formStub();

    await onLoad(executionContext);

    expect(setFormNotification).toHaveBeenCalledWith('No conversation is open in this session.', 'WARNING', 'waiting-banner');
    expect(org.requests).toHaveLength(0);
  });

  // Beyond the guide: what the examples above rely on.
  it('the seed gives the signed-in agent waiting conversations, so the first test counts something', () => {
    const waiting = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === seed.signedInAgentId && row.statuscode === 3);
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('uninstall removes Microsoft from the global scope when there was none before', () => {
    fake.uninstall();
    expect('Microsoft' in globalThis).toBe(false);
    fake = installFakeOmnichannel({ emulator: org }); // for afterEach
  });
});

describe('docs/testing.md › Arranging data', () => {
  it('creates, updates and reads records in read shape', () => {
    const org = createOrgEmulator({ data: 'empty', seed: 42, now: new Date('2026-03-01T12:00:00Z') });

    const agentId = org.store.create('systemuser', { fullname: 'Megan Bowen' });
    const conversationId = org.store.create('msdyn_ocliveworkitem', {
      subject: 'Refund request',
      msdyn_title: 'Refund request',
      msdyn_channel: String(Channel.LiveChat), // a multi-select choice: comma-separated values
      statuscode: ConversationStatus.Waiting, // statecode follows: 0 (Open)
      msdyn_activeagentid: agentId, // a lookup with one target table takes a bare GUID
      createdon: '2026-02-28T09:00:00Z', // read-only over HTTP, but the store accepts it
    });

    org.store.update('msdyn_ocliveworkitem', conversationId, { statuscode: ConversationStatus.Closed });

    const stored = org.store.get('msdyn_ocliveworkitem', conversationId);
    // stored.statecode is 1 (Closed): a status reason given alone moves the state.
    // stored._msdyn_activeagentid_value is agentId: records come back in the Web API's read shape.
    const users = org.store.list('systemuser'); // one record

    expect(stored).toMatchObject({
      statecode: 1,
      statuscode: ConversationStatus.Closed,
      _msdyn_activeagentid_value: agentId,
      createdon: '2026-02-28T09:00:00Z',
      msdyn_channel: '192360000',
    });
    expect(users).toHaveLength(1);
    expect(org.seedData).toBeUndefined();
  });

  it('the same seed gives the same org', () => {
    const a = createOrgEmulator({ seed: 7, now: new Date('2026-03-01T12:00:00Z') });
    const b = createOrgEmulator({ seed: 7, now: new Date('2026-03-01T12:00:00Z') });
    expect(a.seedData).toEqual(b.seedData);
    expect(a.currentUserId).toBe(a.seedData!.signedInAgentId);
  });

  it('a create with a value the column does not accept throws, with the status the Web API would answer', () => {
    const org = createOrgEmulator({ data: 'empty' });
    let thrown: unknown;
    try {
      org.store.create('msdyn_ocliveworkitem', { statuscode: 99 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 400 });
  });
});

describe('docs/testing.md › Faults', () => {
  it('queues rules, bare faults included, and counts what is pending', () => {
    const org = createOrgEmulator({ data: 'empty' });

    org.faults.add({ kind: 'network' }); // a bare fault: the next request, once
    org.faults.add({ fault: { kind: 'unavailable', retryAfter: 0 }, times: 3, method: 'GET', url: 'msdyn_ocliveworkitems' });

    expect(org.faults.pending).toBe(4);
    org.faults.clear();
    expect(org.faults.pending).toBe(0);
  });

  it('a rule applies only to the requests it matches', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    org.faults.add({ fault: { kind: 'unavailable', retryAfter: 0 }, times: 3, method: 'GET', url: 'msdyn_ocliveworkitems' });
    const base = 'https://contoso.crm.dynamics.com/api/data/v9.2/';

    const other = await org.handle(new Request(`${base}systemusers?$top=1`));
    const matching = await org.handle(new Request(`${base}msdyn_ocliveworkitems?$top=1`));

    expect(other.status).toBe(200);
    expect(matching.status).toBe(503);
    expect(matching.headers.get('retry-after')).toBe('0');
    expect(org.faults.pending).toBe(2);
  });

  it('every fault kind of the table answers as described', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const url = 'https://contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems';
    const answer = async (fault: Parameters<typeof org.faults.add>[0]) => {
      org.faults.add(fault);
      return org.handle(new Request(url));
    };

    const throttled = await answer({ kind: 'throttle' });
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '1']);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('0x80072322');

    const status = await answer({ kind: 'status', status: 403, code: '0x80040220', message: 'No privilege' });
    expect([status.status, await status.json()]).toEqual([403, { error: { code: '0x80040220', message: 'No privilege' } }]);

    expect((await answer({ kind: 'network' })).type).toBe('error');

    const html = await answer({ kind: 'html' });
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);

    const raw = await answer({ kind: 'raw', status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"value": [' });
    expect([raw.status, await raw.text()]).toEqual([200, '{"value": [']);

    const delayed = await answer({ kind: 'delay', ms: 1 });
    expect(delayed.status).toBe(200);
  });
});

describe('docs/testing.md › A live contact centre', () => {
  it('picks the conversation that arrived and answers its customer through the chat', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const simulation = createSimulation(org, { seed: 7, arrivalRate: 1 });
    const omnichannel = createOmnichannel({
      orgUrl: 'https://contoso.crm.dynamics.com',
      agentId: org.seedData!.signedInAgentId,
      host: 'builtin',
      messageChannel: createEmulatorChannel(org),
      fetch: (input, init) => org.handle(new Request(input, init)),
    });

    const arrived = simulation.step().find((event) => event.type === 'arrived');
    await omnichannel.live.pick(arrived!.conversationId);
    await omnichannel.sendMessageToConversation('Hello, how can I help?', false);

    expect(org.store.get('msdyn_ocliveworkitem', arrived!.conversationId)!.statuscode).toBe(ConversationStatus.Active);
    expect(org.messages.after(0, arrived!.conversationId).map((message) => [message.from, message.text]).at(-1)).toEqual([
      'agent',
      'Hello, how can I help?',
    ]);
    // The customer answers at a later step.
    const answered = Array.from({ length: 20 }, () => simulation.step()).flat();
    expect(answered.some((event) => event.type === 'message' && event.conversationId === arrived!.conversationId)).toBe(true);
  });
});

describe('docs/testing.md', () => {
  const blocks = codeBlocks(readGuide('docs/testing.md'), 'ts');

  it('every ```ts block of the guide is in test/docs, as written', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expectBlocksTested('docs/testing.md', blocks, docsTests());
  });

  it('every name a ```ts block of the guide imports from a package is imported the same way here', () => {
    expectImportsExist('docs/testing.md', blocks);
  });
});
