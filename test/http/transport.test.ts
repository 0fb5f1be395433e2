import { inspect } from 'node:util';
import { HttpResponse, delay, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type OmnichannelOptions, type TelemetryEvent, createOmnichannel, maxUrlLength } from '../../src/index.js';
import { resolveRetryPolicy } from '../../src/http/retry.js';
import { type TransportConfig, createTransport } from '../../src/http/transport.js';
import { caught } from '../support/caught.js';
import { apiUrl, conversationsUrl, orgUrl, requests, server, useMsw } from '../support/msw.js';

useMsw();
afterEach(() => {
  vi.useRealTimers();
});

const agentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';
const fast = { baseDelayMs: 1, maxDelayMs: 5 };
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const record = { msdyn_ocliveworkitemid: 'c1' };

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

/** Answers the conversation collection with the replies in turn, repeating the last one. */
function answer(...replies: (() => Response | Promise<Response>)[]) {
  let index = 0;
  const reply = () => replies[Math.min(index++, replies.length - 1)]!();
  return [http.get(conversationsUrl, reply), http.post(`${apiUrl}notes`, reply)];
}

const ok = () => HttpResponse.json({ value: [record] });
const status = (code: number, headers: Record<string, string> = {}) => () => new HttpResponse(null, { status: code, headers });

/** Collects telemetry events; `types()` lists their types in order. */
function telemetry() {
  const events: TelemetryEvent[] = [];
  return { events, listener: (event: TelemetryEvent) => void events.push(event), types: () => events.map((event) => event.type) };
}

function header(index: number, name: string): string | null {
  return requests[index]!.headers.get(name);
}

describe('request headers', () => {
  it('asks for JSON with Accept: application/json', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    expect(header(0, 'accept')).toBe('application/json');
  });

  it('sends OData-MaxVersion and OData-Version 4.0', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    expect(header(0, 'odata-maxversion')).toBe('4.0');
    expect(header(0, 'odata-version')).toBe('4.0');
  });

  it('prefers all annotations and 5000 records a page in one Prefer header', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    expect(header(0, 'prefer')).toBe('odata.include-annotations="*",odata.maxpagesize=5000');
  });

  it('sends If-None-Match: null on a GET so the browser cache is bypassed', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    expect(header(0, 'if-none-match')).toBe('null');
  });

  it('sends no If-None-Match on a POST, and a JSON Content-Type for its body', async () => {
    server.use(...answer(() => new HttpResponse(null, { status: 204 })));
    await transport()({ method: 'POST', url: 'notes', body: { subject: 'x' } }, call);
    expect(header(0, 'if-none-match')).toBeNull();
    expect(header(0, 'content-type')).toBe('application/json; charset=utf-8');
  });

  it('sends Authorization: Bearer with the token from getAccessToken', async () => {
    server.use(...answer(ok));
    await client({ getAccessToken: async () => 'token-1' }).getConversations({});
    expect(header(0, 'authorization')).toBe('Bearer token-1');
  });

  it('sends no Authorization header without a token provider', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    expect(header(0, 'authorization')).toBeNull();
  });

  it('uses same-origin cookies without a token provider and omits cookies with one', async () => {
    server.use(...answer(ok));
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
    server.use(
      http.get(conversationsUrl, ({ request }) =>
        new URL(request.url).searchParams.has('$skiptoken')
          ? HttpResponse.json({ value: [record] })
          : HttpResponse.json({ value: [record], '@odata.nextLink': `${conversationsUrl}?$skiptoken=2` }),
      ),
    );
    await client().getConversations({}, 'my-correlation');
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.headers.get('x-ms-correlation-id'))).toEqual(['my-correlation', 'my-correlation']);
  });

  it("sends the caller's correlation id on every retry", async () => {
    server.use(...answer(status(503), status(429), ok));
    await client().getConversations({}, { correlationId: 'my-correlation' });
    expect(requests).toHaveLength(3);
    expect(requests.map((request) => request.headers.get('x-ms-correlation-id'))).toEqual(Array(3).fill('my-correlation'));
  });

  it('sends a new UUID v4 as correlation id when the caller gives none, one per call', async () => {
    server.use(...answer(ok));
    await client().getConversations({});
    await client().getConversations({});
    const [first, second] = requests.map((request) => request.headers.get('x-ms-correlation-id'));
    expect(first).toMatch(uuidV4);
    expect(second).toMatch(uuidV4);
    expect(first).not.toBe(second);
  });

  it('sends a different UUID v4 x-ms-client-request-id on each attempt', async () => {
    server.use(...answer(status(503), status(503), ok));
    await client().getConversations({});
    const ids = requests.map((request) => request.headers.get('x-ms-client-request-id'));
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(new Set(ids).size).toBe(3);
  });

  it('puts the response x-ms-service-request-id on the error', async () => {
    server.use(...answer(status(500, { 'x-ms-service-request-id': 'svc-42' })));
    const error = await caught(client().getConversations({}));
    expect(error.serviceRequestId).toBe('svc-42');
  });

  it('puts the response x-ms-service-request-id on the response telemetry event', async () => {
    server.use(...answer(() => HttpResponse.json({ value: [] }, { headers: { 'x-ms-service-request-id': 'svc-7' } })));
    const { events, listener } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(events.find((event) => event.type === 'response')?.serviceRequestId).toBe('svc-7');
  });

  it('puts the correlation id on an HTTP error', async () => {
    server.use(...answer(status(404)));
    const error = await caught(client().getConversations({}, 'corr-404'));
    expect(error.correlationId).toBe('corr-404');
  });
});

describe('retrying', () => {
  it('waits the Retry-After seconds of a 429, then retries and succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(...answer(status(429, { 'Retry-After': '2' }), ok));
    let retried!: (event: TelemetryEvent) => void;
    const retryEvent = new Promise<TelemetryEvent>((resolve) => (retried = resolve));
    const result = client({ onTelemetry: (event) => event.type === 'retry' && retried(event) }).getConversations({});

    expect((await retryEvent).delayMs).toBe(2_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual([record]);
    expect(requests).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP-date of a 429, then retries and succeeds', async () => {
    const retryAt = 'Wed, 21 Oct 2026 07:28:00 GMT';
    const { events, listener } = telemetry();
    server.use(...answer(status(429, { 'Retry-After': retryAt }), ok));
    const records = await client({ now: () => Date.parse(retryAt) - 4, onTelemetry: listener }).getConversations({});
    expect(records).toEqual([record]);
    expect(requests).toHaveLength(2);
    expect(events.find((event) => event.type === 'retry')?.delayMs).toBe(4);
  });

  it('fails at once with Throttled and retryAfterMs when Retry-After exceeds maxRetryAfterMs', async () => {
    server.use(...answer(status(429, { 'Retry-After': '120' }), ok));
    const error = await caught(client({ retry: { ...fast, maxRetryAfterMs: 60_000 } }).getConversations({}));
    expect(error.code).toBe('Throttled');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
  });

  it('fails with Throttled when 429 persists after the retries', async () => {
    server.use(...answer(status(429, { 'Retry-After': '0' })));
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 } }).getConversations({}));
    expect(error.code).toBe('Throttled');
    expect(requests).toHaveLength(3);
  });

  it('retries a 503 until the retries run out, then fails with ServerError after maxRetries + 1 attempts', async () => {
    server.use(...answer(status(503)));
    const { events, listener } = telemetry();
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 }, onTelemetry: listener }).getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.status).toBe(503);
    expect(requests).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'failure', attempt: 3, errorCode: 'ServerError', status: 503 });
  });

  it.each([502, 503, 504])('retries a GET answered %i and succeeds', async (code) => {
    server.use(...answer(status(code), ok));
    await expect(client().getConversations({})).resolves.toEqual([record]);
    expect(requests).toHaveLength(2);
  });

  it('does not retry when maxRetries is 0', async () => {
    server.use(...answer(status(503), ok));
    const error = await caught(client({ retry: { ...fast, maxRetries: 0 } }).getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(requests).toHaveLength(1);
  });

  it('does not retry a POST answered 503', async () => {
    server.use(...answer(status(503), () => new HttpResponse(null, { status: 204 })));
    const error = await caught(transport()({ method: 'POST', url: 'notes', body: {} }, call));
    expect(error.code).toBe('ServerError');
    expect(requests).toHaveLength(1);
  });

  it('retries a POST answered 429, which the service rejected unexecuted', async () => {
    server.use(...answer(status(429, { 'Retry-After': '0' }), () => new HttpResponse(null, { status: 204 })));
    const response = await transport()({ method: 'POST', url: 'notes', body: {} }, call);
    expect(response.status).toBe(204);
    expect(requests).toHaveLength(2);
  });

  it('does not retry a 500', async () => {
    server.use(...answer(status(500), ok));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.status).toBe(500);
    expect(requests).toHaveLength(1);
  });

  it('retries a network error on a GET and succeeds', async () => {
    server.use(...answer(() => HttpResponse.error(), ok));
    await expect(client().getConversations({})).resolves.toEqual([record]);
    expect(requests).toHaveLength(2);
  });

  it('fails with NetworkError when the network keeps failing after the retries', async () => {
    server.use(...answer(() => HttpResponse.error()));
    const error = await caught(client({ retry: { ...fast, maxRetries: 2 } }).getConversations({}, 'corr-net'));
    expect(error.code).toBe('NetworkError');
    expect(error.correlationId).toBe('corr-net');
    expect(requests).toHaveLength(3);
  });

  it('does not retry a network error on a POST', async () => {
    server.use(...answer(() => HttpResponse.error()));
    const error = await caught(transport()({ method: 'POST', url: 'notes', body: {} }, call));
    expect(error.code).toBe('NetworkError');
    expect(requests).toHaveLength(1);
  });

  it('fails with Timeout when the response takes longer than timeoutMs, after retrying the GET', async () => {
    server.use(
      http.get(conversationsUrl, async () => {
        await delay('infinite');
        return HttpResponse.json({ value: [] });
      }),
    );
    const error = await caught(client({ timeoutMs: 20, retry: { ...fast, maxRetries: 1 } }).getConversations({}));
    expect(error.code).toBe('Timeout');
    expect(requests).toHaveLength(2);
  });

  it('succeeds when a GET times out once and then answers in time', async () => {
    let first = true;
    server.use(
      http.get(conversationsUrl, async () => {
        if (first) {
          first = false;
          await delay('infinite');
        }
        return HttpResponse.json({ value: [record] });
      }),
    );
    await expect(client({ timeoutMs: 150 }).getConversations({})).resolves.toEqual([record]);
    expect(requests).toHaveLength(2);
  });

  it('does not retry a POST that timed out', async () => {
    server.use(
      http.post(`${apiUrl}notes`, async () => {
        await delay('infinite');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const error = await caught(transport({ timeoutMs: 20 })({ method: 'POST', url: 'notes', body: {} }, call));
    expect(error.code).toBe('Timeout');
    expect(requests).toHaveLength(1);
  });
});

describe('aborting', () => {
  it('rejects with Aborted and sends nothing when the signal fired before the call', async () => {
    server.use(...answer(ok));
    const controller = new AbortController();
    controller.abort();
    const error = await caught(client().getConversations({}, { signal: controller.signal }));
    expect(error.code).toBe('Aborted');
    expect(requests).toHaveLength(0);
  });

  it('rejects with Aborted as soon as the signal fires during a request', async () => {
    const controller = new AbortController();
    server.use(
      http.get(conversationsUrl, async () => {
        setTimeout(() => controller.abort(), 5);
        await delay('infinite');
        return HttpResponse.json({ value: [] });
      }),
    );
    // With a 60 s timeout and an endless handler, only the abort can end this call in the test's time.
    const error = await caught(client({ timeoutMs: 60_000 }).getConversations({}, { signal: controller.signal, correlationId: 'corr-abort' }));
    expect(error.code).toBe('Aborted');
    expect(error.correlationId).toBe('corr-abort');
    expect(requests).toHaveLength(1);
  });

  it('rejects with Aborted during the wait before a retry, and sends no second request', async () => {
    const controller = new AbortController();
    server.use(
      ...answer(() => {
        setTimeout(() => controller.abort(), 5);
        return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '60' } });
      }, ok),
    );
    const error = await caught(client().getConversations({}, { signal: controller.signal }));
    expect(error.code).toBe('Aborted');
    expect(requests).toHaveLength(1);
  });

  it('puts the correlation id on an abort during the wait before a retry', async () => {
    const controller = new AbortController();
    server.use(
      ...answer(() => {
        setTimeout(() => controller.abort(), 5);
        return new HttpResponse(null, { status: 503, headers: { 'Retry-After': '60' } });
      }),
    );
    const error = await caught(transport()({ method: 'GET', url: 'msdyn_ocliveworkitems' }, { ...call, signal: controller.signal }));
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
    server.use(...answer(() => HttpResponse.html('<html><body>Sign in</body></html>')));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.status).toBe(200);
  });

  it('rejects malformed JSON answered with 200 as InvalidResponse', async () => {
    server.use(...answer(() => new HttpResponse('{"value": [', { headers: { 'Content-Type': 'application/json' } })));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects a collection without a value array as InvalidResponse', async () => {
    server.use(...answer(() => HttpResponse.json({ records: [] })));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
  });

  it("keeps Dataverse's error code and message from an error body", async () => {
    server.use(
      ...answer(() =>
        HttpResponse.json({ error: { code: '0x80060888', message: "Could not find a property named 'msdyn_nope'." } }, { status: 400 }),
      ),
    );
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('BadRequest');
    expect(error.status).toBe(400);
    expect(error.dataverseCode).toBe('0x80060888');
    expect(error.message).toContain("Could not find a property named 'msdyn_nope'.");
  });

  it('falls back to the status text when the error body is not JSON', async () => {
    server.use(...answer(() => new HttpResponse('<html>Bad gateway</html>', { status: 500, statusText: 'Internal Server Error' })));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('ServerError');
    expect(error.dataverseCode).toBeUndefined();
    expect(error.message).toContain('Internal Server Error');
  });

  it.each([
    [400, 'BadRequest'],
    [403, 'Forbidden'],
    [404, 'NotFound'],
    [409, 'Conflict'],
    [412, 'PreconditionFailed'],
  ] as const)('maps HTTP %i to %s without retrying', async (code, expected) => {
    server.use(...answer(status(code)));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe(expected);
    expect(error.status).toBe(code);
    expect(requests).toHaveLength(1);
  });
});

describe('access tokens', () => {
  const rejectToken = (bad: string) =>
    http.get(conversationsUrl, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${bad}` ? new HttpResponse(null, { status: 401 }) : HttpResponse.json({ value: [record] }),
    );

  it('refreshes the token once after a 401 and succeeds with the new one', async () => {
    server.use(rejectToken('old'));
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce('old').mockResolvedValueOnce('new');
    await expect(client({ getAccessToken: provider }).getConversations({})).resolves.toEqual([record]);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });

  it('fails with Unauthorized after a second 401, without looping', async () => {
    server.use(...answer(status(401)));
    const provider = vi.fn(async () => 'token');
    const error = await caught(client({ getAccessToken: provider }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(requests).toHaveLength(2);
  });

  it('fails with Unauthorized after one 401 when there is no token provider', async () => {
    server.use(...answer(status(401)));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(requests).toHaveLength(1);
  });

  it('caches the token across calls', async () => {
    server.use(...answer(ok));
    const provider = vi.fn(async () => 'token');
    const omnichannel = client({ getAccessToken: provider });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(1);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer token', 'Bearer token']);
  });

  it('asks the provider once for concurrent calls', async () => {
    server.use(...answer(ok));
    let release!: (token: string) => void;
    const provider = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const omnichannel = client({ getAccessToken: provider });
    const calls = [omnichannel.getConversations({}), omnichannel.getConversations({}), omnichannel.getConversations({})];
    await new Promise((resolve) => setTimeout(resolve, 5)); // all three now wait for the token
    release('shared');
    await Promise.all(calls);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(Array(3).fill('Bearer shared'));
  });

  it('asks the provider again on every call when its token has already expired', async () => {
    server.use(...answer(ok));
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => ({ token: 'stale', expiresOn: new Date(now - 1_000) }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('refreshes a token within two minutes of its expiry', async () => {
    server.use(...answer(ok));
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => ({ token: 't', expiresOn: now + 60_000 }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('keeps a token with a distant expiresOn', async () => {
    server.use(...answer(ok));
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
    server.use(...answer(ok));
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => jwt({ exp: now / 1000 - 60, name: 'Zoë' }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it("honours a JWT's exp claim: a JWT valid for an hour is reused", async () => {
    server.use(...answer(ok));
    const now = Date.UTC(2026, 0, 1);
    const provider = vi.fn(async () => jwt({ exp: now / 1000 + 3_600, name: 'Zoë 名前 ~~~?' }));
    const omnichannel = client({ getAccessToken: provider, now: () => now });
    await omnichannel.getConversations({});
    await omnichannel.getConversations({});
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('fails with Unauthorized and sends nothing when the provider throws', async () => {
    server.use(...answer(ok));
    const error = await caught(client({ getAccessToken: () => Promise.reject(new Error('interaction required')) }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(requests).toHaveLength(0);
  });

  it('fails with Unauthorized and sends nothing when the provider returns an empty token', async () => {
    server.use(...answer(ok));
    const error = await caught(client({ getAccessToken: async () => '' }).getConversations({}));
    expect(error.code).toBe('Unauthorized');
    expect(requests).toHaveLength(0);
  });

  describe('secrecy', () => {
    const secret = 'eyJ0eXAi.SECRET-TOKEN-VALUE.sig';
    const leaks = (error: unknown) => {
      const own = JSON.stringify(error, Object.getOwnPropertyNames(error));
      return [String(error), own, inspect(error, { depth: 10, showHidden: true })].some((text) => text.includes('SECRET-TOKEN-VALUE'));
    };

    it.each([
      ['a 401 after the refresh', () => status(401)()],
      ['a 500 with an error body', () => HttpResponse.json({ error: { code: '0x1', message: 'boom' } }, { status: 500 })],
      ['a 429 with a long Retry-After', () => status(429, { 'Retry-After': '3600' })()],
      ['a network error', () => HttpResponse.error()],
      ['an HTML page', () => HttpResponse.html('<html></html>')],
    ])('never puts the token in the error or telemetry after %s', async (_name, reply) => {
      server.use(...answer(reply));
      const { events, listener } = telemetry();
      const error = await caught(client({ getAccessToken: async () => secret, onTelemetry: listener, retry: { ...fast, maxRetries: 1 } }).getConversations({}));
      expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${secret}`);
      expect(leaks(error)).toBe(false);
      expect(JSON.stringify(events)).not.toContain('SECRET-TOKEN-VALUE');
    });
  });
});

describe('telemetry', () => {
  it('reports request then response for a success', async () => {
    server.use(...answer(ok));
    const { listener, types } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(types()).toEqual(['request', 'response']);
  });

  it('reports request, response, retry for each retried attempt, then the final request and response', async () => {
    server.use(...answer(status(503), status(429), ok));
    const { listener, types } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(types()).toEqual(['request', 'response', 'retry', 'request', 'response', 'retry', 'request', 'response']);
  });

  it('reports request, response, failure for a final HTTP error', async () => {
    server.use(...answer(status(500)));
    const { listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
  });

  it('reports request, retry, request, failure for a network error retried once', async () => {
    server.use(...answer(() => HttpResponse.error()));
    const { listener, types } = telemetry();
    await caught(client({ onTelemetry: listener, retry: { ...fast, maxRetries: 1 } }).getConversations({}));
    expect(types()).toEqual(['request', 'retry', 'request', 'failure']);
  });

  it('reports a failure when a 200 response cannot be read', async () => {
    server.use(...answer(() => HttpResponse.html('<html></html>')));
    const { events, listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
    expect(events[2]).toMatchObject({ errorCode: 'InvalidResponse', status: 200 });
  });

  it('fills every field of the request and response events', async () => {
    server.use(...answer(() => HttpResponse.json({ value: [] }, { headers: { 'x-ms-service-request-id': 'svc-1' } })));
    const { events, listener } = telemetry();
    let clock = 1_000;
    await client({ onTelemetry: listener, now: () => (clock += 25) }).getConversations({}, 'corr-t');
    const sent = requests[0]!;
    const common = {
      operation: 'getConversations',
      correlationId: 'corr-t',
      clientRequestId: sent.headers.get('x-ms-client-request-id'),
      method: 'GET',
      url: sent.url,
      attempt: 1,
    };
    expect(events).toEqual([
      { type: 'request', ...common },
      { type: 'response', ...common, status: 200, durationMs: 25, serviceRequestId: 'svc-1' },
    ]);
  });

  it('fills status, error code, delay and attempt on a retry event', async () => {
    server.use(...answer(status(429, { 'Retry-After': '0', 'x-ms-service-request-id': 'svc-r' }), ok));
    const { events, listener } = telemetry();
    await client({ onTelemetry: listener }).getConversations({});
    expect(events[2]).toMatchObject({ type: 'retry', status: 429, errorCode: 'Throttled', delayMs: 0, attempt: 1, serviceRequestId: 'svc-r' });
    expect(events[3]).toMatchObject({ type: 'request', attempt: 2 });
  });

  it('fills error code, status, attempt and service request id on a failure event', async () => {
    server.use(...answer(status(404, { 'x-ms-service-request-id': 'svc-f' })));
    const { events, listener } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}, 'corr-f'));
    expect(events.at(-1)).toMatchObject({
      type: 'failure',
      operation: 'getConversations',
      correlationId: 'corr-f',
      method: 'GET',
      url: requests[0]!.url,
      status: 404,
      attempt: 1,
      errorCode: 'NotFound',
      serviceRequestId: 'svc-f',
    });
  });

  it('reports a failure, with no request event, when the token provider throws', async () => {
    server.use(...answer(ok));
    const { events, listener, types } = telemetry();
    const error = await caught(client({ onTelemetry: listener, getAccessToken: () => Promise.reject(new Error('no session')) }).getConversations({}, 'corr-tok'));
    expect(error.code).toBe('Unauthorized');
    expect(error.correlationId).toBe('corr-tok');
    expect(types()).toEqual(['failure']);
    expect(events[0]).toMatchObject({ errorCode: 'Unauthorized', correlationId: 'corr-tok', attempt: 1 });
    expect(requests).toHaveLength(0);
  });

  it('reports a failure when a nextLink is refused', async () => {
    server.use(...answer(() => HttpResponse.json({ value: [record], '@odata.nextLink': 'https://evil.example.com/api/data/v9.2/x' })));
    const { events, listener, types } = telemetry();
    await caught(client({ onTelemetry: listener }).getConversations({}));
    expect(types()).toEqual(['request', 'response', 'failure']);
    expect(events[2]).toMatchObject({ errorCode: 'InvalidResponse', attempt: 0 });
  });

  it('keeps the call working when the listener throws', async () => {
    server.use(...answer(status(503), ok));
    const listener = vi.fn(() => {
      throw new Error('broken listener');
    });
    await expect(client({ onTelemetry: listener }).getConversations({})).resolves.toEqual([record]);
    expect(listener).toHaveBeenCalled();
  });
});

describe('URLs', () => {
  it('refuses a nextLink on another origin with InvalidResponse and never requests it', async () => {
    server.use(...answer(() => HttpResponse.json({ value: [record], '@odata.nextLink': 'https://evil.example.com/api/data/v9.2/msdyn_ocliveworkitems?$skiptoken=2' })));
    const error = await caught(client({ getAccessToken: async () => 'token' }).getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('https://evil.example.com');
    expect(requests.map((request) => new URL(request.url).origin)).toEqual([orgUrl]);
  });

  it('refuses a nextLink that downgrades the org to http', async () => {
    server.use(...answer(() => HttpResponse.json({ value: [record], '@odata.nextLink': `${conversationsUrl.replace('https:', 'http:')}?$skiptoken=2` })));
    const error = await caught(client().getConversations({}));
    expect(error.code).toBe('InvalidResponse');
    expect(requests).toHaveLength(1);
  });

  it('rejects a request URL over 32768 characters with InvalidInput and sends nothing', async () => {
    server.use(...answer(ok));
    const error = await caught(client().getConversations({ attributes: ['a'.repeat(maxUrlLength)] }));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('url');
    expect(requests).toHaveLength(0);
  });

  it('joins a relative request URL to the Web API root', async () => {
    server.use(http.get(`${apiUrl}WhoAmI`, () => HttpResponse.json({ UserId: agentId })));
    const response = await transport()({ method: 'GET', url: 'WhoAmI' }, call);
    expect(response.body).toEqual({ UserId: agentId });
    expect(requests[0]!.url).toBe(`${apiUrl}WhoAmI`);
  });

  it('resolves an empty body as undefined', async () => {
    server.use(...answer(() => new HttpResponse(null, { status: 204 })));
    const response = await transport()({ method: 'POST', url: 'notes', body: {} }, call);
    expect(response).toMatchObject({ status: 204, body: undefined });
  });
});
