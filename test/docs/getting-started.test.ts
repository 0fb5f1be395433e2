// The examples of docs/getting-started.md, run against the org emulator through MSW.
// - The form OnLoad handler (the ```js block) is read from the guide and run as written,
//   with the built script-tag file dist/omnichannel-sdk.iife.min.js and a stand-in for Xrm.
// - Every ```ts block except the MSAL sketch (it needs @azure/msal-browser) appears here
//   verbatim, import lines aside; the last test checks that.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConversationRecord, ConversationStatus, createOmnichannel, isOmnichannelError, type TelemetryEvent } from '../../src/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { codeBlocks, docsTests, errorCodes, expectBlocksTested, optionNames } from './support.js';

const here = dirname(fileURLToPath(import.meta.url));
const guide = readFileSync(join(here, '../../docs/getting-started.md'), 'utf8');
const contosoUrl = 'https://contoso.crm.dynamics.com';
/** The agent of the product's documented getConversations example. */
const documentedAgentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';

const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
org.store.create('systemuser', { systemuserid: documentedAgentId, fullname: 'Documented Agent' });
const documentedWaiting = ['Waiting since Monday', 'Waiting since Tuesday'].map((title, day) =>
  org.store.create('msdyn_ocliveworkitem', {
    subject: title,
    msdyn_title: title,
    statuscode: ConversationStatus.Waiting,
    msdyn_activeagentid: documentedAgentId,
    createdon: `2026-02-2${3 + day}T09:00:00Z`,
  }),
);
org.store.create('msdyn_ocliveworkitem', {
  subject: 'Active now',
  msdyn_title: 'Active now',
  statuscode: ConversationStatus.Active,
  msdyn_activeagentid: documentedAgentId,
});

/** Token requests the Entra ID stand-in received, as form fields. */
const tokenRequests: URLSearchParams[] = [];
/** Headers of every request to the org, in order. */
const orgHeaders: Headers[] = [];
const server = setupServer(
  http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', async ({ request }) => {
    tokenRequests.push(new URLSearchParams(await request.text()));
    return HttpResponse.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'fake-access-token' });
  }),
  ...omnichannelHandlers(org, contosoUrl),
);
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(contosoUrl)) orgHeaders.push(new Headers(request.headers));
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  org.faults.clear();
  org.requests.length = 0;
  orgHeaders.length = 0;
  tokenRequests.length = 0;
  vi.unstubAllGlobals();
});
afterAll(() => server.close());

/** The code blocks of the guide in one language. */
const blocks = (language: string) => codeBlocks(guide, language);

describe('docs/getting-started.md › In a form or HTML web resource (script tag)', () => {
  interface FormScript {
    ConversationForm: { onLoad(executionContext: unknown): Promise<void> };
  }

  /** Loads the script-tag bundle and the guide's form script, as a form loads its libraries. */
  function loadFormScript(): FormScript {
    const bundle = readFileSync(join(here, '../../dist/omnichannel-sdk.iife.min.js'), 'utf8');
    const OmnichannelSDK = new Function(`${bundle}\n;return OmnichannelSDK;`)() as unknown;
    const [formScript] = blocks('js').filter((block) => block.includes('Contoso.ConversationForm'));
    expect(formScript).toBeDefined();
    return new Function('window', 'OmnichannelSDK', `${formScript}\n;return Contoso;`)({}, OmnichannelSDK) as FormScript;
  }

  /** Dynamics 365 as the form sees it: Xrm, and the execution context passed to OnLoad. */
  function dynamics365() {
    vi.stubGlobal('Xrm', {
      Utility: { getGlobalContext: () => ({ getClientUrl: () => contosoUrl, userSettings: { userId: `{${documentedAgentId.toUpperCase()}}` } }) },
    });
    const setFormNotification = vi.fn(() => true);
    return { setFormNotification, executionContext: { getFormContext: () => ({ ui: { setFormNotification } }) } };
  }

  it('OnLoad lists the waiting conversations of the documented example and shows their count', async () => {
    const { executionContext, setFormNotification } = dynamics365();

    await loadFormScript().ConversationForm.onLoad(executionContext);

    expect(setFormNotification).toHaveBeenCalledWith(`${documentedWaiting.length} waiting conversation(s)`, 'INFO', 'contoso-waiting');
    const [request] = org.requests;
    expect(org.requests).toHaveLength(1);
    expect(request!.url.startsWith(`${contosoUrl}/api/data/v9.2/msdyn_ocliveworkitems?`)).toBe(true);
    expect(decodeURIComponent(request!.url)).toContain(`_msdyn_activeagentid_value eq ${documentedAgentId} and statuscode eq 3`);
    expect(decodeURIComponent(request!.url)).toContain('$orderby=createdon desc');
    expect(request!.correlationId).toBe('contoso-conversation-form-onload');
  });

  it('inside Dynamics 365 the client sends no Authorization header: the session cookie authenticates', async () => {
    const { executionContext } = dynamics365();

    await loadFormScript().ConversationForm.onLoad(executionContext);

    expect(orgHeaders).toHaveLength(1);
    expect(orgHeaders[0]!.has('authorization')).toBe(false);
  });

  it('a Retry-After longer than maxRetryAfterMs fails at once, and the form tells the user when to try again', async () => {
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 120 } });
    const { executionContext, setFormNotification } = dynamics365();

    await loadFormScript().ConversationForm.onLoad(executionContext);

    expect(setFormNotification).toHaveBeenCalledWith('Dynamics 365 is busy. Try again in 120 s.', 'WARNING', 'contoso-waiting');
    expect(org.requests).toHaveLength(1);
  });

  it('an error without a special message names its code and correlation id', async () => {
    org.faults.add({ fault: { kind: 'html' } });
    const { executionContext, setFormNotification } = dynamics365();

    await loadFormScript().ConversationForm.onLoad(executionContext);

    expect(setFormNotification).toHaveBeenCalledWith(
      'Conversations could not be loaded (InvalidResponse). Correlation id: contoso-conversation-form-onload',
      'WARNING',
      'contoso-waiting',
    );
  });
});

// ---- docs/getting-started.md › In a Node 20 script. The environment the script reads:
vi.stubEnv('DATAVERSE_URL', contosoUrl);
vi.stubEnv('TENANT_ID', '00000000-0000-0000-0000-00000000000a');
vi.stubEnv('CLIENT_ID', '00000000-0000-0000-0000-00000000000b');
vi.stubEnv('CLIENT_SECRET', 'not-a-real-secret');
afterAll(() => vi.unstubAllEnvs());

// list-waiting.ts

const orgUrl = process.env.DATAVERSE_URL!; // e.g. https://contoso.crm.dynamics.com
const tenantId = process.env.TENANT_ID!;
const clientId = process.env.CLIENT_ID!;
const clientSecret = process.env.CLIENT_SECRET!;

/** Client credentials flow; the SDK caches the token until two minutes before it expires. */
async function getAccessToken() {
  const response = await fetch(`https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: `${orgUrl}/.default`,
    }),
  });
  if (!response.ok) throw new Error(`token request failed with HTTP ${response.status}`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  return { token: body.access_token, expiresOn: Date.now() + body.expires_in * 1000 };
}

const omnichannel = createOmnichannel({
  orgUrl,
  getAccessToken,
  timeoutMs: 15_000,
  retry: { maxRetries: 5, maxRetryAfterMs: 5 * 60_000 }, // a batch job can afford to wait
  onTelemetry: (event) => console.error(JSON.stringify(event)), // one JSON line per event, on stderr
});

/** Prints the agent's waiting conversations, one per line, and returns how many there are. */
async function reportWaiting(agentId: string, runId: string): Promise<number> {
  const conversations = await omnichannel.getConversations(
    { agentId, status: [ConversationStatus.Waiting], attributes: ['msdyn_title'] },
    { correlationId: `${runId}:waiting:${agentId}` },
  );
  for (const conversation of conversations) console.log(`${conversation.activityid}\t${conversation.msdyn_title ?? ''}`);
  return conversations.length;
}

describe('docs/getting-started.md › In a Node 20 script', () => {
  /** The telemetry events the script wrote to stderr, parsed back. */
  const events = (stderr: { mock: { calls: unknown[][] } }): TelemetryEvent[] =>
    stderr.mock.calls.map(([line]) => JSON.parse(String(line)) as TelemetryEvent).filter((event) => typeof event.type === 'string');

  it('prints the waiting conversations, with a bearer token and one correlation id', async () => {
    const stdout = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});

    const runId = crypto.randomUUID();
    try {
      await reportWaiting('2b330c52-6844-4d36-8e05-03c78c9681dc', runId);
    } catch (error) {
      if (!isOmnichannelError(error)) throw error;
      console.error(`${error.code}: ${error.message} (correlation ${error.correlationId}, service request ${error.serviceRequestId ?? 'none'})`);
      process.exitCode = 1;
    }

    expect(stdout.mock.calls.map(([line]) => line)).toEqual(
      [...documentedWaiting].map((id) => `${id}\t${org.store.get('msdyn_ocliveworkitem', id)!.msdyn_title}`),
    );
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(tokenRequests[0]!)).toEqual({
      grant_type: 'client_credentials',
      client_id: '00000000-0000-0000-0000-00000000000b',
      client_secret: 'not-a-real-secret',
      scope: `${contosoUrl}/.default`,
    });
    expect(orgHeaders.map((headers) => headers.get('authorization'))).toEqual(['Bearer fake-access-token']);

    const correlationId = `${runId}:waiting:${documentedAgentId}`;
    const [request, response] = events(stderr);
    expect(request).toMatchObject({ type: 'request', operation: 'getConversations', correlationId, method: 'GET', attempt: 1 });
    expect(response).toMatchObject({ type: 'response', correlationId, status: 200, clientRequestId: request!.clientRequestId });
    expect(response!.serviceRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(org.requests.map((sent) => [sent.correlationId, sent.clientRequestId])).toEqual([[correlationId, request!.clientRequestId]]);
    expect(JSON.stringify(events(stderr))).not.toContain('fake-access-token');
  });

  it('reuses the cached token for the next call', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});

    await reportWaiting(documentedAgentId, 'run-1');
    await reportWaiting(documentedAgentId, 'run-2');

    // The client of the first test already holds a token valid for an hour.
    expect(tokenRequests).toHaveLength(0);
    expect(org.requests.map((sent) => sent.correlationId)).toEqual([`run-1:waiting:${documentedAgentId}`, `run-2:waiting:${documentedAgentId}`]);
  });

  it('retries a throttled request after Retry-After, with a new client request id and the same correlation id', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 } });

    await reportWaiting(documentedAgentId, 'run-3');

    expect(events(stderr).map((event) => [event.type, event.status, event.attempt])).toEqual([
      ['request', undefined, 1],
      ['response', 429, 1],
      ['retry', 429, 1],
      ['request', undefined, 2],
      ['response', 200, 2],
    ]);
    expect(events(stderr).find((event) => event.type === 'retry')).toMatchObject({ errorCode: 'Throttled', delayMs: 0 });
    const [first, second] = org.requests;
    expect(first!.correlationId).toBe(second!.correlationId);
    expect(first!.clientRequestId).not.toBe(second!.clientRequestId);
  });

  it('a failure carries the code, the correlation id and the service request id', async () => {
    const error = await omnichannel
      .getConversations({ agentId: documentedAgentId, attributes: ['contoso_nosuchcolumn'] }, 'bad-column')
      .catch((caught: unknown) => caught);

    expect(isOmnichannelError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BadRequest', status: 400, dataverseCode: '0x80060888', correlationId: 'bad-column' });
    expect((error as { serviceRequestId?: string }).serviceRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('bad input rejects with InvalidInput naming the field, stamped with the correlation id, and sends nothing', async () => {
    const error = await omnichannel.getConversations({ agentId: 'not-a-guid' }, 'bad-input').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'InvalidInput', field: 'input.agentId', correlationId: 'bad-input' });
    expect(org.requests).toHaveLength(0);
  });
});

describe('docs/getting-started.md › In a bundled web resource or single-page app', () => {
  const omnichannel = createOmnichannel({ orgUrl: contosoUrl, agentId: documentedAgentId });

  it('iterateConversations yields the records of the query as pages arrive', async () => {
    const cancelButton = { onclick: null as null | (() => void) };
    const rows: ConversationRecord[] = [];
    const addRow = (conversation: ConversationRecord) => rows.push(conversation);

    const controller = new AbortController();
    cancelButton.onclick = () => controller.abort();

    for await (const conversation of omnichannel.iterateConversations(
      { status: [ConversationStatus.Active, ConversationStatus.Waiting], orderBy: [{ attributeName: 'createdon', descending: true }] },
      { correlationId: 'queue-panel', signal: controller.signal },
    )) {
      addRow(conversation); // your rendering code
    }

    const mine = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === documentedAgentId)
      .sort((a, b) => String(b.createdon).localeCompare(String(a.createdon)));
    expect(rows.map((row) => row.activityid)).toEqual(mine.map((row) => row.activityid));
    expect(org.requests.map((sent) => sent.correlationId)).toEqual(['queue-panel']);
    expect(orgHeaders[0]!.get('prefer')).toBe('odata.include-annotations="*",odata.maxpagesize=5000');
  });

  it('leaving the loop early stops paging', async () => {
    const many = createOrgEmulator({ data: 'empty' });
    many.store.create('systemuser', { systemuserid: documentedAgentId });
    for (let i = 0; i < 7; i++) many.store.create('msdyn_ocliveworkitem', { statuscode: ConversationStatus.Waiting, msdyn_activeagentid: documentedAgentId });
    // A page size below the SDK's 5000, so the seven records span pages.
    const client = createOmnichannel({
      orgUrl: contosoUrl,
      agentId: documentedAgentId,
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set('Prefer', 'odata.maxpagesize=3');
        return many.handle(request);
      },
    });

    const seen: string[] = [];
    for await (const conversation of client.iterateConversations({ status: [3] })) {
      seen.push(conversation.activityid!);
      if (seen.length === 2) break;
    }

    expect(seen).toHaveLength(2);
    expect(many.requests).toHaveLength(1);
  });
});

describe('docs/getting-started.md › Cancellation', () => {
  const omnichannel = createOmnichannel({ orgUrl: contosoUrl, agentId: documentedAgentId });

  it('an aborted call rejects with Aborted', async () => {
    const controller = new AbortController();
    const pending = omnichannel.getConversations({ status: [ConversationStatus.Waiting] }, { signal: controller.signal });
    controller.abort(); // e.g. the user closed the panel

    await expect(pending).rejects.toMatchObject({ code: 'Aborted' });
  });
});

describe('docs/getting-started.md', () => {
  it('every ```ts block of the guide but the MSAL sketch is in this file, as written', () => {
    const checked = blocks('ts').filter((block) => !block.includes('@azure/msal-browser'));
    expect(checked.length).toBeGreaterThanOrEqual(4);
    expectBlocksTested('docs/getting-started.md', checked, docsTests());
  });

  it('the guide names every option of createOmnichannel and every error code', () => {
    const retryOptions = ['retry.maxRetries', 'retry.baseDelayMs', 'retry.maxDelayMs', 'retry.maxRetryAfterMs'];
    // `retry` is documented through its own options.
    for (const option of [...optionNames().filter((name) => name !== 'retry'), ...retryOptions]) expect(guide).toContain(`| \`${option}\` |`);
    for (const code of errorCodes()) expect(guide).toContain(`| \`${code}\` |`);
  });
});
