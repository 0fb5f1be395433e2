import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, emptyOrg, getJson, read, send } from '../support.js';

/** An empty org with one account, so `GET accounts` has something to answer. */
function arrange() {
  const org = emptyOrg();
  org.store.create('account', { name: 'Fabrikam' });
  return org;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fault kinds', () => {
  it('throttle answers 429 with Retry-After in seconds and the service-protection error body', async () => {
    const org = arrange();
    org.faults.add({ kind: 'throttle', retryAfter: 7 });
    const answer = await getJson(org, 'accounts');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBe('7');
    expect(answer.body.error.code).toBe('0x80072322');
  });

  it('throttle with a Date answers Retry-After as an HTTP-date', async () => {
    const org = arrange();
    const until = new Date('2026-03-01T12:00:30Z');
    org.faults.add({ kind: 'throttle', retryAfter: until });
    const answer = await getJson(org, 'accounts');
    expect(answer.headers.get('Retry-After')).toBe('Sun, 01 Mar 2026 12:00:30 GMT');
  });

  it('throttle without retryAfter asks for one second', async () => {
    const org = arrange();
    org.faults.add({ kind: 'throttle' });
    expect((await getJson(org, 'accounts')).headers.get('Retry-After')).toBe('1');
  });

  it('unavailable answers 503, with Retry-After when given', async () => {
    const org = arrange();
    org.faults.add({ kind: 'unavailable', retryAfter: 3 });
    org.faults.add({ kind: 'unavailable' });
    const first = await getJson(org, 'accounts');
    const second = await getJson(org, 'accounts');
    expect([first.status, first.headers.get('Retry-After')]).toEqual([503, '3']);
    expect([second.status, second.headers.get('Retry-After')]).toEqual([503, null]);
  });

  it('status answers the given status, code and message in a Dataverse error body', async () => {
    const org = arrange();
    org.faults.add({ kind: 'status', status: 403, code: '0x80040220', message: 'Principal user is missing prvReadAccount privilege.' });
    const answer = await getJson(org, 'accounts');
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: { code: '0x80040220', message: 'Principal user is missing prvReadAccount privilege.' } });
  });

  it('network answers Response.error(), a response of type "error"', async () => {
    const org = arrange();
    org.faults.add({ kind: 'network' });
    const response = await send(org, 'GET', 'accounts');
    expect(response.type).toBe('error');
    expect(response.status).toBe(0);
  });

  it('html answers 200 with an HTML sign-in page', async () => {
    const org = arrange();
    org.faults.add({ kind: 'html' });
    const answer = await read(await send(org, 'GET', 'accounts'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.body).toMatch(/^<!DOCTYPE html>/);
  });

  it('html answers with the status it is given', async () => {
    const org = arrange();
    org.faults.add({ kind: 'html', status: 302 });
    expect((await send(org, 'GET', 'accounts')).status).toBe(302);
  });

  it('delay holds the answer back until the time has passed, then answers normally', async () => {
    vi.useFakeTimers();
    const org = arrange();
    org.faults.add({ fault: { kind: 'delay', ms: 5000 }, url: 'accounts' });
    const finished: string[] = [];
    const delayed = send(org, 'GET', 'accounts').then((response) => {
      finished.push('delayed');
      return response;
    });
    await send(org, 'GET', 'WhoAmI').then(() => finished.push('prompt'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(finished).toEqual(['prompt']);
    await vi.advanceTimersByTimeAsync(1);
    const response = await delayed;
    expect(finished).toEqual(['prompt', 'delayed']);
    expect(response.status).toBe(200);
  });
});

describe('fault rules', () => {
  it('leave requests untouched when none is queued', async () => {
    const org = arrange();
    expect((await getJson(org, 'accounts')).status).toBe(200);
  });

  it('apply to the next request only, by default', async () => {
    const org = arrange();
    org.faults.add({ kind: 'status', status: 500 });
    expect((await getJson(org, 'accounts')).status).toBe(500);
    expect((await getJson(org, 'accounts')).status).toBe(200);
  });

  it('apply to as many matching requests as `times` says', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 502 }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(org, 'accounts')).status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('reject a `times` that is not a whole number ≥ 1', () => {
    const org = arrange();
    expect(() => org.faults.add({ fault: { kind: 'network' }, times: 0 })).toThrow(RangeError);
    expect(() => org.faults.add({ fault: { kind: 'network' }, times: 1.5 })).toThrow(RangeError);
  });

  it('with a method apply only to requests of that method, in any case', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, method: 'post' });
    expect((await getJson(org, 'accounts')).status).toBe(200);
    expect((await send(org, 'POST', 'accounts', { body: { name: 'Contoso' } })).status).toBe(500);
  });

  it('with a url string apply only to requests whose path and query contain it', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, url: '$filter=name eq' });
    expect((await getJson(org, 'accounts?$select=name')).status).toBe(200);
    expect((await getJson(org, "accounts?$filter=name eq 'Fabrikam'")).status).toBe(500);
  });

  it('with a url pattern apply only to requests whose path and query match it', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, url: /\/contacts\b/ });
    expect((await getJson(org, 'accounts')).status).toBe(200);
    expect((await getJson(org, 'contacts')).status).toBe(500);
  });

  it.each([
    ['g', /\/accounts/g],
    ['y', /\/api\/data\/v9\.2\/accounts/y],
  ])('with a url pattern with the %s flag match every matching request, not every other', async (_flag, pattern) => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 502 }, times: 3, url: pattern });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(org, 'accounts')).status);
    expect(statuses).toEqual([502, 502, 502]);
  });

  it("with a url pattern leave the caller's RegExp as it was", async () => {
    const org = arrange();
    const pattern = /accounts/g;
    org.faults.add({ fault: { kind: 'status', status: 502 }, url: pattern });
    await getJson(org, 'accounts');
    expect([pattern.flags, pattern.lastIndex]).toEqual(['g', 0]);
  });

  it('with a url string match a URL holding a stray % as written, instead of throwing', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, url: '/contacts' });
    org.faults.add({ fault: { kind: 'status', status: 502 }, url: 'contains(name,' });
    const request = new Request(api("accounts?$filter=contains(name,'100%')"));
    expect((await org.handle(request)).status).toBe(502);
  });

  it('are played in the order they were added', async () => {
    const org = arrange();
    org.faults.add({ kind: 'status', status: 500 });
    org.faults.add({ kind: 'status', status: 502 });
    expect((await getJson(org, 'accounts')).status).toBe(500);
    expect((await getJson(org, 'accounts')).status).toBe(502);
  });

  it('leave a non-matching request to a later rule that matches', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, method: 'DELETE' });
    org.faults.add({ fault: { kind: 'status', status: 502 }, url: 'accounts' });
    expect((await getJson(org, 'accounts')).status).toBe(502);
    expect(org.faults.pending).toBe(1);
  });

  it('count down in `pending`', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, times: 3 });
    org.faults.add({ kind: 'network' });
    expect(org.faults.pending).toBe(4);
    await getJson(org, 'accounts');
    expect(org.faults.pending).toBe(3);
  });

  it('are all dropped by clear()', async () => {
    const org = arrange();
    org.faults.add({ fault: { kind: 'status', status: 500 }, times: 3 });
    org.faults.clear();
    expect(org.faults.pending).toBe(0);
    expect((await getJson(org, 'accounts')).status).toBe(200);
  });
});

describe('raw faults', () => {
  it('answer with the status, headers and body given', async () => {
    const org = arrange();
    org.faults.add({ kind: 'raw', status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"value": [' });
    const response = await send(org, 'GET', 'accounts');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"value": [');
  });

  it('default to an empty 200', async () => {
    const org = arrange();
    org.faults.add({ kind: 'raw' });
    const response = await send(org, 'GET', 'accounts');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('org.requests', () => {
  it('records method, URL, correlation id and client request id of each request, oldest first', async () => {
    const org = arrange();
    await send(org, 'GET', 'accounts', { headers: { 'x-ms-correlation-id': 'corr-1', 'x-ms-client-request-id': 'req-1' } });
    await send(org, 'POST', 'accounts', { body: { name: 'Contoso' } });
    expect(org.requests).toMatchObject([
      { method: 'GET', url: api('accounts'), correlationId: 'corr-1', clientRequestId: 'req-1' },
      { method: 'POST', url: api('accounts'), correlationId: null, clientRequestId: null },
    ]);
  });

  it('records a copy of each request’s headers', async () => {
    const org = arrange();
    await send(org, 'GET', 'accounts', { headers: { Authorization: 'Bearer t', Prefer: 'odata.maxpagesize=2' } });
    expect(org.requests[0]!.headers.get('authorization')).toBe('Bearer t');
    expect(org.requests[0]!.headers.get('prefer')).toBe('odata.maxpagesize=2');
  });

  it('records requests that a fault answered', async () => {
    const org = arrange();
    org.faults.add({ kind: 'network' });
    await send(org, 'GET', 'accounts');
    expect(org.requests).toHaveLength(1);
  });

  it('keeps only the newest maxRecordedRequests requests, oldest first', async () => {
    const org = emptyOrg({ maxRecordedRequests: 3 });
    for (let top = 1; top <= 5; top++) await send(org, 'GET', `accounts?$top=${top}`);
    expect(org.requests.map((request) => request.url)).toEqual([3, 4, 5].map((top) => api(`accounts?$top=${top}`)));
  });

  it('keeps the newest 1000 requests by default', async () => {
    const org = emptyOrg();
    for (let index = 0; index < 1001; index++) await send(org, 'GET', `WhoAmI?n=${index}`);
    expect(org.requests).toHaveLength(1000);
    expect(org.requests[0]!.url).toBe(api('WhoAmI?n=1'));
  });

  it('keeps every request with maxRecordedRequests: Infinity', async () => {
    const org = emptyOrg({ maxRecordedRequests: Infinity });
    for (let index = 0; index < 1001; index++) await send(org, 'GET', 'WhoAmI');
    expect(org.requests).toHaveLength(1001);
  });

  it('records no request with maxRecordedRequests: 0', async () => {
    const org = emptyOrg({ maxRecordedRequests: 0 });
    await send(org, 'GET', 'WhoAmI');
    expect(org.requests).toEqual([]);
  });

  it('is one array a test can empty with length = 0, and that keeps recording after', async () => {
    const org = arrange();
    const requests = org.requests;
    await send(org, 'GET', 'accounts');
    requests.length = 0;
    await send(org, 'GET', 'contacts');
    expect(org.requests).toBe(requests);
    expect(requests.map((request) => request.url)).toEqual([api('contacts')]);
  });

  it.each([-1, 1.5, NaN])('refuses a maxRecordedRequests of %s', (limit) => {
    expect(() => emptyOrg({ maxRecordedRequests: limit })).toThrow(RangeError);
  });
});
