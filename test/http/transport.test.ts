import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OmnichannelOptions, type TelemetryEvent, type TelemetryEventType, createOmnichannel, maxUrlLength } from '../../src/index.js';
import { buildConversationsRequest } from '../../src/api/getConversations.js';
import { resolveRetryPolicy } from '../../src/http/retry.js';
import { type TransportConfig, createTransport } from '../../src/http/transport.js';
import { type FaultRule, type OrgEmulator, createOrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { apiUrl, conversationsUrl, orgUrl, server, useMsw } from '../support/msw.js';
import { conversationsOf, idsOf, serve, smallPages } from '../support/org.js';

useMsw();
afterEach(() => {
  vi.useRealTimers();
});

/** The emulator's clock; the seed data is dated from it. */
const fixedNow = new Date('2026-03-01T12:00:00Z');
const seededOrg = () => createOrgEmulator({ now: fixedNow });
/** The seed's signed-in agent: the same seed gives the same ids. */
const agentId = seededOrg().seedData!.signedInAgentId;
const fast = { baseDelayMs: 1, maxDelayMs: 5 };
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let org: OrgEmulator;
beforeEach(() => {
  org = serve(seededOrg());
});

function client(options: OmnichannelOptions = {}) {
  return createOmnichannel({ orgUrl, agentId, retry: fast, ...options });
}

/** A transport used directly, for methods the API layer does not send yet. */
function transport(overrides: Partial<TransportConfig> = {}) {
  return createTransport({
    baseUrl: apiUrl,
    fetch: (input, init) => globalThis.fetch(input, init),
    timeoutMs: 5_000,
    retry: resolveRetryPolicy(fast),
    now: Date.now,
    random: () => 0.5,
    ...overrides,
  });
}

const call = { operation: 'test', correlationId: 'call-1' };
/** A POST the emulator executes: it creates an account. */
const createAccount = { method: 'POST', url: 'accounts', body: { name: 'Transport test account' } } as const;

/** Ids of the agent's stored conversations, in the order the emulator answers them. */
function myConversationIds(): string[] {
  return idsOf(conversationsOf(org, agentId));
}

/** Accounts named like {@link createAccount}'s in the store. */
function createdAccounts() {
  return org.store.list('account').filter((account) => account.name === createAccount.body.name);
}

/** A JSON 200 the emulator would not send: for bodies the SDK must refuse. */
function jsonBody(body: unknown): FaultRule['fault'] {
  return { kind: 'raw', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** Collects telemetry events; `types()` lists their types in order. */
function telemetry() {
  const events: TelemetryEvent[] = [];
  return {
    events,
    listener: (event: TelemetryEvent) => void events.push(event),
    types: () => events.map((event) => event.type),
    has: (type: TelemetryEventType) => events.some((event) => event.type === type),
  };
}

/** A fetch that notes the `x-ms-service-request-id` of every response (the emulator sends one on every normal answer). */
function serviceIdRecorder() {
  const ids: (string | null)[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    ids.push(response.headers.get('x-ms-service-request-id'));
    return response;
  };
  return { ids, fetch };
}

/** Lets pending I/O and promise callbacks run, without moving a fake clock, until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/** Whether `text` shows anywhere in the error: message, own properties, cause chain, hidden fields. */
function leaks(error: unknown, text = 'SECRET-TOKEN-VALUE'): boolean {
  const own = JSON.stringify(error, Object.getOwnPropertyNames(error));
  return [String(error), own, inspect(error, { depth: 10, showHidden: true })].some((shown) => shown.includes(text));
}

function header(index: number, name: string): string | null {
  return org.requests[index]!.headers.get(name);
}

describe('request headers', () => {
  it('asks for JSON with Accept: application/json', async () => {
    await client().getConversations({});
    expect(header(0, 'accept')).toBe('application/json');
  });

  it('sends OData-MaxVersion and OData-Version 4.0', async () => {
    await client().getConversations({});
    expect(header(0, 'odata-maxversion')).toBe('4.0');
    expect(header(0, 'odata-version')).toBe('4.0');
  });

  it('prefers all annotations and 5000 records a page in one Prefer header', async () => {
    await client().getConversations({});
    expect(header(0, 'prefer')).toBe('odata.include-annotations="*",odata.maxpagesize=5000');
  });

  it('sends If-None-Match: null on a GET so the browser cache is bypassed', async () => {
    await client().getConversations({});
    expect(header(0, 'if-none-match')).toBe('null');
  });

  it('sends no If-None-Match on a POST, and a JSON Content-Type for its body', async () => {
    await transport()(createAccount, call);
    expect(header(0, 'if-none-match')).toBeNull();
    expect(header(0, 'content-type')).toBe('application/json; charset=utf-8');
  });

  it('sends Authorization: Bearer with the token from getAccessToken', async () => {
    await client({ getAccessToken: async () => 'token-1' }).getConversations({});
    expect(header(0, 'authorization')).toBe('Bearer token-1');
  });

  it('sends no Authorization header without a token provider', async () => {
    await client().getConversations({});
    expect(header(0, 'authorization')).toBeNull();
  });

  it('uses same-origin cookies without a token provider and omits cookies with one', async () => {
    const seen: (RequestCredentials | undefined)[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      seen.push(init?.credentials);
      return globalThis.fetch(input, init);
    };
    await client({ fetch: fetchSpy }).getConversations({});
    await client({ fetch: fetchSpy, getAccessToken: async () => 't' }).getConversations({});
    expect(seen).toEqual(['same-origin', 'omit']);
  });
});

describe('correlation', () => {
  it("sends the caller's correlation id on every page", async () => {
    smallPages(org, 5);
    expect(myConversationIds().length).toBeGreaterThan(5);
    await client().getConversations({}, 'my-correlation');
    expect(org.requests).toHaveLength(2);
    expect(org.requests.map((request) => request.correlationId)).toEqual(['my-correlation', 'my-correlation']);
  });

  it("sends the caller's correlation id on every retry", async () => {
    org.faults.add({ kind: 'unavailable' });
    org.faults.add({ kind: 'throttle', retryAfter: 0 });
    await client().getConversations({}, { correlationId: 'my-correlation' });
    expect(org.requests).toHaveLength(3);
    expect(org.requests.map((request) => request.correlationId)).toEqual(Array(3).fill('my-correlation'));
  });

  it('sends a new UUID v4 as correlation id when the caller gives none, one per call', async () => {
    await client().getConversations({});
    await client().getConversations({});
    const [first, second] = org.requests.map((request) => request.correlationId);
    expect(first).toMatch(uuidV4);
    expect(second).toMatch(uuidV4);
    expect(first).not.toBe(second);
  });

  it('sends a different UUID v4 x-ms-client-request-id on each attempt', async () => {
    org.faults.add({ fault: { kind: 'unavailable' }, times: 2 });
    await client().getConversations({});
    const ids = org.requests.map((request) => request.clientRequestId);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(new Set(ids).size).toBe(3);
  });

  it('puts the response x-ms-service-request-id on the error', async () => {
    org.faults.add({ kind: 'raw', status: 500, headers: { 'x-ms-service-request-id': 'svc-42' } });
    const error = await caught(client().getConversations({}));
    expect(error.serviceRequestId).toBe('svc-42');
  });

  it('puts the response x-ms-service-request-id on the response telemetry event', async () => {
    const { ids, fetch } = serviceIdRecorder();
    const { events, listener } = telemetry();
    await client({ fetch, onTelemetry: listener }).getConversations({});
    expect(ids[0]).toEqual(expect.any(String));
    expect(events.find((event) => event.type === 'response')?.serviceRequestId).toBe(ids[0]);
  });

  it('puts the correlation id on an HTTP error', async () => {
    org.faults.add({ kind: 'status', status: 404 });
    const error = await caught(client().getConversations({}, 'corr-404'));
    expect(error.correlationId).toBe('corr-404');
  });
});

describe('retrying', () => {
  it('waits the Retry-After seconds of a 429, then retries and succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'throttle', retryAfter: 2 });
    let retried!: (event: TelemetryEvent) => void;
    const retryEvent = new Promise<TelemetryEvent>((resolve) => (retried = resolve));
    const result = client({ onTelemetry: (event) => event.type === 'retry' && retried(event) }).getConversations({});

    expect((await retryEvent).delayMs).toBe(2_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(org.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(idsOf(await result)).toEqual(myConversationIds());
    expect(org.requests).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP-date of a 429, then retries and succeeds', async () => {
    const retryAt = new Date('2026-10-21T07:28:00Z');
    const { events, listener } = telemetry();
    org.faults.add({ kind: 'throttle', retryAfter: retryAt });
    const records = await client({ now: () => retryAt.getTime() - 4, onTelemetry: listener }).getConversations({});
    expect(idsOf(records)).toEqual(myConversationIds());
    expect(org.requests).toHaveLength(2);
    expect(events.find((event) => event.type === 'retry')?.delayMs).toBe(4);
  });

  it('fails at once with Throttled and retryAfterMs when Retry-After exceeds maxRetryAfterMs', async () => {
    org.faults.add({ kind: 'throttle', retryAfter: 120 });
    const error = await caught(client({ retry: { ...fast, maxRetryAfterMs: 60_000 } }).getConversations({}));
    expect(error.code).toBe('Throttled');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
    expect(org.requests).toHaveLength(1);
  });

  it('fails with Throttled when 429 persists after the retries', async () => {
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, times: 3 });
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 } }).getConversations({}));
    expect(error.code).toBe('Throttled');
    expect(org.requests).toHaveLength(3);
  });

  it('retries a 503 until the retries run out, then fails with ServerError after maxRetries + 1 attempts', async () => {
    org.faults.add({ fault: { kind: 'unavailable' }, times: 3 });
    const { events, listener } = telemetry();
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 }, onTelemetry: listener }).getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.status).toBe(503);
    expect(org.requests).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'failure', attempt: 3, errorCode: 'ServerError', status: 503 });
  });

  it.each([502, 503, 504])('retries a GET answered %i and succeeds', async (code) => {
    org.faults.add({ kind: 'status', status: code });
    expect(idsOf(await client().getConversations({}))).toEqual(myConversationIds());
    expect(org.requests).toHaveLength(2);
  });

  it('does not retry when maxRetries is 0', async () => {
    org.faults.add({ kind: 'unavailable' });
    const error = await caught(client({ retry: { ...fast, maxRetries: 0 } }).getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(org.requests).toHaveLength(1);
  });

  it('does not retry a POST answered 503', async () => {
    org.faults.add({ fault: { kind: 'unavailable' }, method: 'POST' });
    const error = await caught(transport()(createAccount, call));
    expect(error.code).toBe('ServerError');
    expect(org.requests).toHaveLength(1);
    expect(createdAccounts()).toHaveLength(0);
  });

  it('retries a POST answered 429, which the service rejected unexecuted', async () => {
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, method: 'POST' });
    const response = await transport()(createAccount, call);
    expect(response.status).toBe(204);
    expect(org.requests).toHaveLength(2);
    expect(createdAccounts()).toHaveLength(1);
  });

  it('does not retry a 500', async () => {
    org.faults.add({ kind: 'status', status: 500 });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.status).toBe(500);
    expect(org.requests).toHaveLength(1);
  });

  it('retries a network error on a GET and succeeds', async () => {
    org.faults.add({ kind: 'network' });
    expect(idsOf(await client().getConversations({}))).toEqual(myConversationIds());
    expect(org.requests).toHaveLength(2);
  });

  it('fails with NetworkError when the network keeps failing after the retries', async () => {
    org.faults.add({ fault: { kind: 'network' }, times: 3 });
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 } }).getConversations({}, 'corr-net'));
    expect(error.code).toBe('NetworkError');
    expect(error.correlationId).toBe('corr-net');
    expect(org.requests).toHaveLength(3);
  });

  it('does not retry a network error on a POST', async () => {
    org.faults.add({ fault: { kind: 'network' }, method: 'POST' });
    const error = await caught(transport()(createAccount, call));
    expect(error.code).toBe('NetworkError');
    expect(org.requests).toHaveLength(1);
  });

  it('fails with Timeout when the response takes longer than timeoutMs, after retrying the GET', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ fault: { kind: 'delay', ms: 60_000 }, times: 2 });
    const { listener, has } = telemetry();
    const result = caught(client({ timeoutMs: 20, retry: { ...fast, maxRetries: 1 }, onTelemetry: listener }).getConversations({}));
    await until(() => org.requests.length === 1);
    await vi.advanceTimersByTimeAsync(20); // the first attempt times out
    await until(() => has('retry'));
    await vi.advanceTimersByTimeAsync(fast.maxDelayMs); // the backoff
    await until(() => org.requests.length === 2);
    await vi.advanceTimersByTimeAsync(20); // the second attempt times out
    const error = await result;
    expect(error.code).toBe('Timeout');
    expect(org.requests).toHaveLength(2);
  });

  it('succeeds when a GET times out once and then answers in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'delay', ms: 60_000 });
    const { listener, has } = telemetry();
    const result = client({ timeoutMs: 150, onTelemetry: listener }).getConversations({});
    await until(() => org.requests.length === 1);
    await vi.advanceTimersByTimeAsync(150);
    await until(() => has('retry'));
    await vi.advanceTimersByTimeAsync(fast.maxDelayMs);
    expect(idsOf(await result)).toEqual(myConversationIds());
    expect(org.requests).toHaveLength(2);
  });

  it('does not retry a POST that timed out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ fault: { kind: 'delay', ms: 60_000 }, method: 'POST' });
    const result = caught(transport({ timeoutMs: 20 })(createAccount, call));
    await until(() => org.requests.length === 1);
    await vi.advanceTimersByTimeAsync(20);
    const error = await result;
    expect(error.code).toBe('Timeout');
    expect(org.requests).toHaveLength(1);
  });
});

describe('timeouts with a fetch that ignores its signal', () => {
  it('fails the attempt with Timeout after timeoutMs all the same', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deaf: typeof fetch = () => new Promise(() => undefined);
    const result = caught(client({ fetch: deaf, timeoutMs: 1_000, retry: { maxRetries: 0 } }).getConversations({}));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await result).code).toBe('Timeout');
  });
});

describe('aborting', () => {
  it('rejects with Aborted at once when the signal fires while the token provider works, and sends nothing', async () => {
    const controller = new AbortController();
    let provided = false;
    const provider = () =>
      new Promise<string>((resolve) => {
        controller.abort(); // the caller gives up while the token is being fetched
        setTimeout(() => {
          provided = true;
          resolve('token');
        }, 50);
      });
    const error = await caught(
      client({ getAccessToken: provider }).getConversations({}, { signal: controller.signal, correlationId: 'corr-tok' }),
    );
    expect(error.code).toBe('Aborted');
    expect(error.correlationId).toBe('corr-tok');
    expect(provided).toBe(false);
    expect(org.requests).toHaveLength(0);
  });

  it('rejects with Aborted when the signal fires, even with a fetch that ignores its signal', async () => {
    const controller = new AbortController();
    const deaf: typeof fetch = () => new Promise(() => undefined); // never settles, never listens
    const result = caught(client({ fetch: deaf, timeoutMs: 60_000 }).getConversations({}, { signal: controller.signal }));
    controller.abort();
    expect((await result).code).toBe('Aborted');
  });

  it('rejects with Aborted and sends nothing when the signal fired before the call', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await caught(client().getConversations({}, { signal: controller.signal }));
    expect(error.code).toBe('Aborted');
    expect(org.requests).toHaveLength(0);
  });

  it('rejects with Aborted as soon as the signal fires during a request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'delay', ms: 60_000 });
    const controller = new AbortController();
    // With a 60 s timeout and a stopped clock, only the abort can end this call.
    const result = caught(client({ timeoutMs: 60_000 }).getConversations({}, { signal: controller.signal, correlationId: 'corr-abort' }));
    await until(() => org.requests.length === 1);
    controller.abort();
    const error = await result;
    expect(error.code).toBe('Aborted');
    expect(error.correlationId).toBe('corr-abort');
    expect(org.requests).toHaveLength(1);
  });

  it('rejects with Aborted during the wait before a retry, and sends no second request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'throttle', retryAfter: 60 });
    const controller = new AbortController();
    const { listener, has } = telemetry();
    const result = caught(client({ onTelemetry: listener }).getConversations({}, { signal: controller.signal }));
    await until(() => has('retry'));
    await vi.advanceTimersByTimeAsync(1_000); // a second into the 60 s wait
    controller.abort();
    const error = await result;
    expect(error.code).toBe('Aborted');
    expect(org.requests).toHaveLength(1);
  });

  it('puts the correlation id on an abort during the wait before a retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'unavailable', retryAfter: 60 });
    const controller = new AbortController();
    const { listener, has } = telemetry();
    const result = caught(
      transport({ onTelemetry: listener })({ method: 'GET', url: 'msdyn_ocliveworkitems' }, { ...call, signal: controller.signal }),
    );
    await until(() => has('retry'));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await result;
    expect(error.code).toBe('Aborted');
    expect(error.correlationId).toBe('call-1');
  });

  it("keeps the signal's reason as the cause of Aborted", async () => {
    const controller = new AbortController();
    const reason = new Error('user left the page');
    controller.abort(reason);
    const error = await caught(client().getConversations({}, { signal: controller.signal }));
    expect(error.cause).toBe(reason);
  });
});

describe('responses', () => {
  it('rejects an HTML page answered with 200 as InvalidResponse', async () => {
    org.faults.add({ kind: 'html' });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.status).toBe(200);
  });

  it('rejects malformed JSON answered with 200 as InvalidResponse', async () => {
    org.faults.add({ kind: 'raw', headers: { 'Content-Type': 'application/json' }, body: '{"value": [' });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects a collection without a value array as InvalidResponse', async () => {
    org.faults.add(jsonBody({ records: [] }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
  });

  it("keeps Dataverse's error code and message from an error body", async () => {
    // No fault: the emulator rejects an unknown column the way Dataverse does.
    const error = await caught(client().getConversations({ attributes: ['msdyn_nope'] }));
    expect(error.code).toBe('BadRequest');
    expect(error.status).toBe(400);
    expect(error.dataverseCode).toBe('0x80060888');
    expect(error.message).toContain("Could not find a property named 'msdyn_nope'");
  });

  it('falls back to the status text when the error body is not JSON', async () => {
    // Hand-made: the emulator's raw fault cannot set a status text.
    server.use(
      http.get(conversationsUrl, () => new HttpResponse('<html>Bad gateway</html>', { status: 500, statusText: 'Internal Server Error' })),
    );
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.dataverseCode).toBeUndefined();
    expect(error.message).toContain('Internal Server Error');
  });

  it.each([
    [400, 'BadRequest', '0x80048d19'],
    [403, 'Forbidden', '0x80040220'],
    [404, 'NotFound', '0x80040217'],
    [409, 'Conflict', '0x80040237'],
    [412, 'PreconditionFailed', '0x80060882'],
  ] as const)('maps HTTP %i to %s with its Dataverse code and message, without retrying', async (code, expected, dataverseCode) => {
    org.faults.add({ kind: 'status', status: code, code: dataverseCode, message: `Injected ${expected}` });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe(expected);
    expect(error.status).toBe(code);
    expect(error.dataverseCode).toBe(dataverseCode);
    expect(error.message).toContain(`Injected ${expected}`);
    expect(org.requests).toHaveLength(1);
  });
});

describe('what an error keeps for diagnosis', () => {
  it('carries the headers of the failing response, names in lower case', async () => {
    // No fault: the emulator rejects an unknown column the way Dataverse does.
    const error = await caught(client().getConversations({ attributes: ['msdyn_nope'] }));
    expect(error.headers).toMatchObject({ 'content-type': expect.stringContaining('application/json'), 'odata-version': '4.0' });
  });

  it('carries the headers of a throttled response, Retry-After included', async () => {
    org.faults.add({ kind: 'throttle', retryAfter: 3_600 });
    const error = await caught(client().getConversations({}));
    expect(error.headers).toMatchObject({ 'retry-after': '3600' });
  });

  it('carries the headers of a response it could not read', async () => {
    org.faults.add({ kind: 'html' });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
  });

  it('leaves Set-Cookie and Authorization out of the headers it carries', async () => {
    org.faults.add({
      kind: 'raw',
      status: 500,
      headers: {
        'Set-Cookie': 'ARRAffinity=SECRET-COOKIE',
        Authorization: 'Bearer SECRET-TOKEN-VALUE',
        'x-ms-service-request-id': 'svc-h',
      },
    });
    const error = await caught(client().getConversations({}));
    expect(error.headers).toMatchObject({ 'x-ms-service-request-id': 'svc-h' });
    expect(error.headers).not.toHaveProperty('set-cookie');
    expect(error.headers).not.toHaveProperty('authorization');
    expect(leaks(error, 'SECRET-COOKIE')).toBe(false);
    expect(leaks(error)).toBe(false);
  });

  it("keeps Dataverse's innererror as the error body gave it", async () => {
    const innererror = {
      message: 'Object reference not set to an instance of an object.',
      type: 'System.NullReferenceException',
      stacktrace: '   at Contoso.Plugins.Routing.Execute(IServiceProvider serviceProvider)',
      internalexception: { message: 'inner', type: 'System.Exception' },
    };
    org.faults.add({
      kind: 'raw',
      status: 500,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { code: '0x80040265', message: 'Plug-in failed', innererror } }),
    });
    const error = await caught(client().getConversations({}));
    expect(error).toMatchObject({ code: 'ServerError', dataverseCode: '0x80040265' });
    expect(error.innererror).toEqual(innererror);
  });

  it('leaves innererror undefined when the error body has none', async () => {
    org.faults.add({ kind: 'status', status: 404, code: '0x80040217', message: 'Not there' });
    const error = await caught(client().getConversations({}));
    expect(error.innererror).toBeUndefined();
  });
});

describe('access tokens', () => {
  it('refreshes the token once after a 401 and succeeds with the new one', async () => {
    org.faults.add({ kind: 'status', status: 401 });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce('old').mockResolvedValueOnce('new');
    expect(idsOf(await client({ getAccessToken: provider }).getConversations({}))).toEqual(myConversationIds());
    expect(provider).toHaveBeenCalledTimes(2);
    expect(org.requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });

  it('asks the provider to skip its own cache only for the refresh after a 401', async () => {
    org.faults.add({ kind: 'status', status: 401 });
    const provider = vi
      .fn<(request: { forceRefresh: boolean }) => Promise<string>>()
      .mockResolvedValueOnce('old')
      .mockResolvedValueOnce('new');
    await client({ getAccessToken: provider }).getConversations({});
    expect(provider.mock.calls.map(([request]) => request.forceRefresh)).toEqual([false, true]);
  });

  it('fails with Unauthorized after a second 401, without looping', async () => {
    org.faults.add({ fault: { kind: 'status', status: 401 }, times: 3 });
    const provider = vi.fn(async () => 'token');
    const error = await caught(client({ getAccessToken: provider }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(org.requests).toHaveLength(2);
  });

  it('fails with Unauthorized after one 401 when there is no token provider', async () => {
    org.faults.add({ fault: { kind: 'status', status: 401 }, times: 2 });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(org.requests).toHaveLength(1);
  });

  it('caches the token across calls', async () => {
    const provider = vi.fn(async () => 'token');
    const omnichannel = client({ getAccessToken: provider });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(1);
    expect(org.requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer token', 'Bearer token']);
  });

  it('asks the provider once for concurrent calls', async () => {
    let release!: (token: string) => void;
    const provider = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const omnichannel = client({ getAccessToken: provider });
    const calls = [omnichannel.getConversations({}), omnichannel.getConversations({}), omnichannel.getConversations({})];
    await new Promise((resolve) => setTimeout(resolve, 5)); // all three now wait for the token
    release('shared');
    await Promise.all(calls);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(org.requests.map((request) => request.headers.get('authorization'))).toEqual(Array(3).fill('Bearer shared'));
  });

  it('asks the provider again on every call when its token has already expired', async () => {
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => ({ token: 'stale', expiresOn: new Date(now - 1_000) }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('refreshes a token within two minutes of its expiry', async () => {
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => ({ token: 't', expiresOn: now + 60_000 }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('keeps a token with a distant expiresOn', async () => {
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => ({ token: 't', expiresOn: new Date(now + 3_600_000) }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(1);
  });

  const jwt = (claims: object) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.signature`;
  };

  it("honours a JWT's exp claim: an expired JWT is replaced on every call", async () => {
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => jwt({ exp: now / 1000 - 60, name: 'Zoë' }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it("honours a JWT's exp claim: a JWT valid for an hour is reused", async () => {
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => jwt({ exp: now / 1000 + 3_600, name: 'Zoë 名前 ~~~?' }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('fails with Unauthorized and sends nothing when the provider throws', async () => {
    const error = await caught(client({ getAccessToken: () => Promise.reject(new Error('interaction required')) }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(org.requests).toHaveLength(0);
  });

  it('fails with Unauthorized and sends nothing when the provider returns an empty token', async () => {
    const error = await caught(client({ getAccessToken: async () => '' }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(org.requests).toHaveLength(0);
  });

  describe('secrecy', () => {
    const secret = 'eyJ0eXAi.SECRET-TOKEN-VALUE.sig';

    it.each<[string, FaultRule]>([
      ['a 401 after the refresh', { fault: { kind: 'status', status: 401 }, times: 2 }],
      ['a 500 with an error body', { fault: { kind: 'status', status: 500, code: '0x1', message: 'boom' } }],
      ['a 429 with a long Retry-After', { fault: { kind: 'throttle', retryAfter: 3600 } }],
      ['a network error', { fault: { kind: 'network' }, times: 2 }],
      ['an HTML page', { fault: { kind: 'html' } }],
    ])('never puts the token in the error or telemetry after %s', async (_name, rule) => {
      org.faults.add(rule);
      const { events, listener } = telemetry();
      const error = await caught(
        client({ getAccessToken: async () => secret, onTelemetry: listener, retry: { ...fast, maxRetries: 1 } }).getConversations({}),
      );
      expect(org.requests[0]!.headers.get('authorization')).toBe(`Bearer ${secret}`);
      expect(leaks(error)).toBe(false);
      expect(JSON.stringify(events)).not.toContain('SECRET-TOKEN-VALUE');
    });
  });
});

describe('tokens a header cannot carry', () => {
  it.each([
    ['a line feed', '\n'],
    ['a carriage return and line feed, as in a header injection', '\r\nX-Injected: 1'],
    ['a NUL', '\0'],
    ['another control character', '\x01'],
    ['DEL', '\x7f'],
    ['a space', ' '],
    ['a Latin-1 letter', 'é'],
    ['a letter beyond Latin-1', 'ж'],
    ['a line separator', '\u2028'],
  ])('fails with Unauthorized when the token holds %s, sending nothing and quoting nothing', async (_name, bad) => {
    const { events, listener } = telemetry();
    const token = `eyJ0eXAi.SECRET-TOKEN-VALUE${bad}.sig`;
    const error = await caught(client({ getAccessToken: async () => token, onTelemetry: listener }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(org.requests).toHaveLength(0);
    expect(leaks(error)).toBe(false);
    expect(JSON.stringify(events)).not.toContain('SECRET-TOKEN-VALUE');
  });

  it('refuses such a token given with its expiry the same way', async () => {
    const token = { token: 'eyJ0eXAi.SECRET-TOKEN-VALUE\n.sig', expiresOn: Date.now() + 3_600_000 };
    const error = await caught(client({ getAccessToken: async () => token }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(leaks(error)).toBe(false);
    expect(org.requests).toHaveLength(0);
  });

  it('never passes on the error fetch throws for a header value it cannot carry, nor its message', async () => {
    const request = { method: 'GET', url: 'WhoAmI', headers: { 'If-Match': 'W/"1"\nSECRET-TOKEN-VALUE' } } as const;
    const error = await caught(transport()(request, call));
    expect(error.code).toBe('InvalidInput');
    expect(error.cause).toBeUndefined();
    expect(leaks(error)).toBe(false);
    expect(org.requests).toHaveLength(0);
  });
});

describe('a token provider that never answers', () => {
  const hung = () => new Promise<string>(() => undefined);

  it('fails the call with Unauthorized once timeoutMs has passed, sending nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    const pending = client({ getAccessToken: hung, timeoutMs: 1_000 }).getConversations({}, 'corr-hung');
    const result = caught(pending).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => settled);
    const error = await result;
    expect(error).toMatchObject({ code: 'Unauthorized', correlationId: 'corr-hung' });
    expect(error.message).toContain('getAccessToken did not answer within 1000 ms');
    expect(org.requests).toHaveLength(0);
  });

  it('asks the provider again on the next call, which then succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const provider = vi.fn<() => Promise<string>>().mockImplementationOnce(hung).mockResolvedValueOnce('token');
    const omnichannel = client({ getAccessToken: provider, timeoutMs: 1_000 });
    const first = caught(omnichannel.getConversations({}));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await first).code).toBe('Unauthorized');
    expect(idsOf(await omnichannel.getConversations({}))).toEqual(myConversationIds());
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('still ends the wait at once with Aborted when the signal fires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const result = caught(client({ getAccessToken: hung, timeoutMs: 60_000 }).getConversations({}, { signal: controller.signal }));
    controller.abort(); // the clock stands still: only the abort can end the call
    expect((await result).code).toBe('Aborted');
    expect(org.requests).toHaveLength(0);
  });
});

describe("delays beyond setTimeout's limit", () => {
  it('fails a Retry-After of 10^10 seconds at once as Throttled, even with the largest maxRetryAfterMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'throttle', retryAfter: 1e10 });
    const error = await caught(client({ retry: { ...fast, maxRetryAfterMs: 2 ** 31 - 1 } }).getConversations({}));
    expect(error).toMatchObject({ code: 'Throttled', retryAfterMs: 1e13 });
    expect(org.requests).toHaveLength(1);
  });

  it('waits out a Retry-After too long for a timer, instead of overflowing into an immediate retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    org.faults.add({ kind: 'throttle', retryAfter: 1e10 });
    // Past option validation, as an internal caller could build it: only the timer clamp is left.
    const send = transport({ onTelemetry: undefined, retry: { ...resolveRetryPolicy(fast), maxRetryAfterMs: Number.MAX_SAFE_INTEGER } });
    const controller = new AbortController();
    const result = caught(send({ method: 'GET', url: 'msdyn_ocliveworkitems' }, { ...call, signal: controller.signal }));
    await until(() => org.requests.length === 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(org.requests).toHaveLength(1);
    controller.abort();
    expect((await result).code).toBe('Aborted');
  });
});

describe('telemetry', () => {
  it('reports request then response for a success', async () => {
    const { listener, types } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(types()).toEqual(['request', 'response']);
  });

  it('reports request, response, retry for each retried attempt, then the final request and response', async () => {
    org.faults.add({ kind: 'unavailable' });
    org.faults.add({ kind: 'throttle', retryAfter: 0 });
    const { listener, types } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(types()).toEqual(['request', 'response', 'retry', 'request', 'response', 'retry', 'request', 'response']);
  });

  it('reports request, response, failure for a final HTTP error', async () => {
    org.faults.add({ kind: 'status', status: 500 });
    const { listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
  });

  it('reports request, retry, request, failure for a network error retried once', async () => {
    org.faults.add({ fault: { kind: 'network' }, times: 2 });
    const { listener, types } = telemetry();
    await caught(client({ onTelemetry: listener, retry: { ...fast, maxRetries: 1 } }).getConversations({}));
    expect(types()).toEqual(['request', 'retry', 'request', 'failure']);
  });

  it('reports a failure when a 200 response cannot be read', async () => {
    org.faults.add({ kind: 'html' });
    const { events, listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
    expect(events[2]).toMatchObject({ errorCode: 'InvalidResponse', status: 200 });
  });

  it('fills every field of the request and response events', async () => {
    const { ids, fetch } = serviceIdRecorder();
    const { events, listener } = telemetry();
    let clock = 1_000;
    await client({ fetch, onTelemetry: listener, now: () => (clock += 25) }).getConversations({}, 'corr-t');
    const sent = org.requests[0]!;
    const common = {
      operation: 'getConversations',
      correlationId: 'corr-t',
      clientRequestId: sent.clientRequestId,
      method: 'GET',
      url: sent.url,
      attempt: 1,
    };
    expect(ids[0]).toEqual(expect.any(String));
    expect(events).toEqual([
      { type: 'request', ...common },
      { type: 'response', ...common, status: 200, durationMs: 25, serviceRequestId: ids[0] },
    ]);
  });

  it('fills status, error code, delay and attempt on a retry event', async () => {
    // raw rather than throttle: only raw carries an x-ms-service-request-id on a fault.
    org.faults.add({ kind: 'raw', status: 429, headers: { 'Retry-After': '0', 'x-ms-service-request-id': 'svc-r' } });
    const { events, listener } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(events[2]).toMatchObject({
      type: 'retry',
      status: 429,
      errorCode: 'Throttled',
      delayMs: 0,
      attempt: 1,
      serviceRequestId: 'svc-r',
    });
    expect(events[3]).toMatchObject({ type: 'request', attempt: 2 });
  });

  it('fills error code, status, attempt and service request id on a failure event', async () => {
    org.faults.add({ kind: 'raw', status: 404, headers: { 'x-ms-service-request-id': 'svc-f' } });
    const { events, listener } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}, 'corr-f'));
    expect(events.at(-1)).toMatchObject({
      type: 'failure',
      operation: 'getConversations',
      correlationId: 'corr-f',
      method: 'GET',
      url: org.requests[0]!.url,
      status: 404,
      attempt: 1,
      errorCode: 'NotFound',
      serviceRequestId: 'svc-f',
    });
  });

  it('reports a failure, with no request event, when the token provider throws', async () => {
    const { events, listener, types } = telemetry();
    const error = await caught(
      client({ onTelemetry: listener, getAccessToken: () => Promise.reject(new Error('no session')) }).getConversations({}, 'corr-tok'),
    );
    expect(error.code).toBe('Unauthorized');
    expect(error.correlationId).toBe('corr-tok');
    expect(types()).toEqual(['failure']);
    expect(events[0]).toMatchObject({ errorCode: 'Unauthorized', correlationId: 'corr-tok', attempt: 1 });
    expect(org.requests).toHaveLength(0);
  });

  it('reports a failure when a nextLink is refused', async () => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': 'https://evil.example.com/api/data/v9.2/x' }));
    const { events, listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
    expect(events[2]).toMatchObject({ errorCode: 'InvalidResponse', attempt: 0 });
  });

  it('keeps the call working when the listener throws', async () => {
    org.faults.add({ kind: 'unavailable' });
    const listener = vi.fn(() => {
      throw new Error('broken listener');
    });
    expect(idsOf(await client({ onTelemetry: listener }).getConversations({}))).toEqual(myConversationIds());
    expect(listener).toHaveBeenCalled();
  });
});

describe('URLs', () => {
  it('refuses a scheme-relative nextLink to another host and never requests it', async () => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': '//evil.example.com/api/data/v9.2/msdyn_ocliveworkitems' }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('https://evil.example.com');
    expect(org.requests).toHaveLength(1);
  });

  it('refuses a nextLink the service already gave, instead of paging for ever', async () => {
    const loop = `${conversationsUrl}?$skiptoken=same`;
    org.faults.add({ fault: jsonBody({ value: [], '@odata.nextLink': loop }), times: 2 });
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('same @odata.nextLink');
    expect(org.requests).toHaveLength(2);
  });

  it('refuses a nextLink on another origin with InvalidResponse and never requests it', async () => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': 'https://evil.example.com/api/data/v9.2/msdyn_ocliveworkitems?$skiptoken=2' }));
    const error = await caught(client({ getAccessToken: async () => 'token' }).getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('https://evil.example.com');
    expect(org.requests.map((request) => new URL(request.url).origin)).toEqual([orgUrl]);
  });

  it('refuses a nextLink that downgrades the org to http', async () => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': `${conversationsUrl.replace('https:', 'http:')}?$skiptoken=2` }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(org.requests).toHaveLength(1);
  });

  const credentialLinks = [
    ['on the org', `https://agent:hunter2@contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems?$skiptoken=2`],
    ['on another origin', `https://agent:hunter2@evil.example.com/api/data/v9.2/msdyn_ocliveworkitems?$skiptoken=2`],
  ];

  it.each(credentialLinks)('refuses a nextLink with credentials %s as InvalidResponse and never requests it', async (_where, link) => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': link }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(org.requests).toHaveLength(1);
  });

  it.each(credentialLinks)('keeps the credentials of a nextLink %s out of the error and telemetry', async (_where, link) => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': link }));
    const { events, listener } = telemetry();
    const error = await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(leaks(error, 'hunter2')).toBe(false);
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it.each([
    ['another Web API version', `${orgUrl}/api/data/v9.1/msdyn_ocliveworkitems?$skiptoken=2`],
    ['another path of the org', `${orgUrl}/other/msdyn_ocliveworkitems?$skiptoken=2`],
    ['a path that climbs out of the Web API root', `${apiUrl}../v9.1/msdyn_ocliveworkitems?$skiptoken=2`],
    ['a root-relative path elsewhere', '/other/page?$skiptoken=2'],
  ])('refuses a nextLink to %s on the same origin as InvalidResponse and never requests it', async (_name, link) => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': link }));
    const error = await caught(client({ getAccessToken: async () => 'token' }).getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(org.requests).toHaveLength(1);
  });

  it('refuses a nextLink over 32768 characters as InvalidResponse, the service being at fault, and never requests it', async () => {
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': `${conversationsUrl}?$skiptoken=${'a'.repeat(maxUrlLength)}` }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.field).toBeUndefined();
    expect(org.requests).toHaveLength(1);
  });

  it('refuses a nextLink that differs only by its fragment from one already followed', async () => {
    const loop = `${conversationsUrl}?$skiptoken=same`;
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': `${loop}#first` }));
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': `${loop}#second` }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('same @odata.nextLink');
    expect(org.requests).toHaveLength(2);
  });

  it('refuses a nextLink back to the page that gave it', async () => {
    const firstPage = new URL(buildConversationsRequest({}, { agentId, now: Date.now }).url, apiUrl).href;
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': firstPage }));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(org.requests).toHaveLength(1);
  });

  it('follows a nextLink with a fragment, and sends and reports it without the fragment', async () => {
    const next = `${conversationsUrl}?$select=activityid`;
    org.faults.add(jsonBody({ value: [], '@odata.nextLink': `${next}#section` }));
    const { events, listener } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(org.requests.map((request) => request.url)).toEqual([expect.any(String), next]);
    expect(events.filter((event) => event.type === 'request').map((event) => event.url)).toEqual([expect.any(String), next]);
  });

  it('rejects a request URL over 32768 characters with InvalidInput and sends nothing', async () => {
    const error = await caught(client().getConversations({ attributes: ['a'.repeat(maxUrlLength)] }));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('url');
    expect(org.requests).toHaveLength(0);
  });

  it('joins a relative request URL to the Web API root', async () => {
    const response = await transport()({ method: 'GET', url: 'WhoAmI' }, call);
    expect(response.body).toMatchObject({ UserId: org.seedData!.signedInAgentId });
    expect(org.requests[0]!.url).toBe(`${apiUrl}WhoAmI`);
  });

  it('resolves an empty body as undefined', async () => {
    const response = await transport()(createAccount, call);
    expect(response).toMatchObject({ status: 204, body: undefined });
    expect(response.headers.get('OData-EntityId')).toContain(`${apiUrl}accounts(`);
  });
});
