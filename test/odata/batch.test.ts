// The SDK's $batch: the builder (pure), the split at Dataverse's 1000 requests, and the mapping
// of answered parts to results and OmnichannelErrors. Round trips run against the emulator;
// hand-made answers stand for what Dataverse sends and the emulator does not (a batch stopped
// at a failed part, a failed change set's single error, a part throttled, malformed answers).
import { describe, expect, it } from 'vitest';
import type { CallContext, HttpResponse, Transport } from '../../src/http/transport.js';
import { type BatchItem, buildBatch, readBatchAnswer, sendBatch, splitBatch } from '../../src/odata/batch.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { thrown, caught } from '../support/caught.js';
import { clientFor, orgUrl } from '../retention/support.js';
import { clientContext } from '../../src/client.js';

const root = '/api/data/v9.2/';
const call: CallContext = { operation: 'test', correlationId: 'corr-1' };

/** An answer as the transport resolves it: the multipart text with its content type. */
function answer(body: string, boundary = 'batchresponse_1', status = 200): HttpResponse {
  return { url: `${orgUrl}${root}$batch`, status, headers: new Headers({ 'content-type': `multipart/mixed; boundary=${boundary}` }), body };
}

/** One `application/http` part of an answer. */
function part(status: string, body = '', headers: Record<string, string> = {}, contentId?: string): string {
  const head = Object.entries({ 'Content-Type': 'application/json; odata.metadata=minimal', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    ...(contentId ? [`Content-ID: ${contentId}`] : []),
    '',
    `HTTP/1.1 ${status}`,
    ...head,
    '',
    body,
  ].join('\r\n');
}

function multipart(parts: string[], boundary: string): string {
  return `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
}

const error = (code: string, message: string) => JSON.stringify({ error: { code, message } });
const del = (id: string) => ({ method: 'DELETE' as const, url: `annotations(${id})` });
const ids = ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333'];

describe('buildBatch', () => {
  it('writes each request as an application/http part with a root-relative request line', () => {
    const built = buildBatch([del(ids[0]!), { method: 'GET', url: 'accounts?$select=name', maxPageSize: 10 }], { root }, 'batch_x');
    expect(built.contentType).toBe('multipart/mixed; boundary=batch_x');
    expect(built.text).toContain(
      `--batch_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nDELETE /api/data/v9.2/annotations(${ids[0]}) HTTP/1.1\r\n`,
    );
    expect(built.text).toContain(
      'GET /api/data/v9.2/accounts?$select=name HTTP/1.1\r\nAccept: application/json\r\nPrefer: odata.include-annotations="*",odata.maxpagesize=10',
    );
    expect(built.text.endsWith('\r\n--batch_x--')).toBe(true);
  });

  it('nests a change set with Content-IDs and keeps $n references as written', () => {
    const built = buildBatch(
      [
        {
          changeSet: [
            { method: 'POST', url: 'accounts', body: { name: 'Fabrikam' }, contentId: '1' },
            { method: 'PATCH', url: '$1', body: { telephone1: '555' } },
          ],
        },
      ],
      { root },
    );
    expect(built.text).toMatch(/Content-Type: multipart\/mixed; boundary=changeset_[0-9a-f-]+\r\n/);
    expect(built.text).toContain('Content-ID: 1\r\n\r\nPOST /api/data/v9.2/accounts HTTP/1.1');
    expect(built.text).toContain('PATCH $1 HTTP/1.1');
    expect(built.text).toContain('{"name":"Fabrikam"}');
    expect(built.operations).toHaveLength(2);
  });

  it.each([
    ['a GET inside a change set', [{ changeSet: [{ method: 'GET', url: 'accounts' }] }], 'batch[0].changeSet[0].method'],
    ['a $n outside a change set', [{ method: 'PATCH', url: '$1', body: {} }], 'batch[0].url'],
    ['a $n to no earlier request', [{ changeSet: [{ method: 'PATCH', url: '$2', body: {} }] }], 'batch[0].changeSet[0].url'],
    ['a URL with a space (a second request line)', [{ method: 'GET', url: 'accounts HTTP/1.1\r\nGET x' }], 'batch[0].url'],
    ['an absolute URL', [{ method: 'GET', url: 'https://evil.example/x' }], 'batch[0].url'],
    ['a header with a line break', [{ method: 'GET', url: 'accounts', headers: { 'If-Match': 'x\r\nEvil: 1' } }], 'batch[0].headers'],
    ['no request', [], 'batch'],
  ] as [string, BatchItem[], string][])('rejects %s as InvalidInput before anything is sent', (_what, items, field) => {
    const error = thrown(() => buildBatch(items, { root }));
    expect([error.code, error.field]).toEqual(['InvalidInput', field]);
  });

  it('rejects a Content-ID used twice in the batch', () => {
    const twice = { method: 'POST' as const, url: 'accounts', body: {}, contentId: '1' };
    expect(thrown(() => buildBatch([{ changeSet: [twice] }, { changeSet: [twice] }], { root })).field).toBe(
      'batch[1].changeSet[0].contentId',
    );
  });
});

describe('splitBatch', () => {
  it('splits 2500 requests into batches of at most 1000, in order', () => {
    const items = Array.from({ length: 2500 }, (_, index) => ({ method: 'GET' as const, url: `accounts?i=${index}` }));
    const batches = splitBatch(items);
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(items);
  });

  it('never splits a change set, and moves it whole to the next batch', () => {
    const one = { method: 'DELETE' as const, url: 'accounts(1)' };
    const batches = splitBatch([one, one, { changeSet: [one, one] }, one], 3);
    expect(batches.map((batch) => batch.length)).toEqual([2, 2]);
  });

  it('refuses a change set over the limit and a limit over 1000', () => {
    expect(thrown(() => splitBatch([{ changeSet: Array.from({ length: 1001 }, () => del(ids[0]!)) }])).code).toBe('InvalidInput');
    expect(thrown(() => splitBatch([], 1001)).field).toBe('maxRequests');
  });
});

describe('readBatchAnswer', () => {
  const now = () => Date.parse('2026-03-01T12:00:00Z');

  it('maps each part to its status, body and, for a failure, an OmnichannelError with the part’s code and message', () => {
    const items = ids.map(del);
    const results = readBatchAnswer(
      items,
      answer(
        multipart(
          [
            part('204 No Content'),
            part('404 Not Found', error('0x80040217', 'annotation With Id = x Does Not Exist'), { 'x-ms-service-request-id': 'sr-2' }),
            part('429 Too Many Requests', error('0x80072322', 'Number of requests exceeded'), { 'Retry-After': '7' }),
          ],
          'batchresponse_1',
        ),
      ),
      call,
      now,
    );
    expect(results.map((r) => r.status)).toEqual([204, 404, 429]);
    expect(results[0]!.error).toBeUndefined();
    expect(results[1]!.error).toMatchObject({
      code: 'NotFound',
      status: 404,
      dataverseCode: '0x80040217',
      serviceRequestId: 'sr-2',
      correlationId: 'corr-1',
    });
    expect(results[1]!.error!.message).toContain('annotation With Id = x Does Not Exist');
    expect(results[2]!.error).toMatchObject({ code: 'Throttled', retryAfterMs: 7000 });
  });

  it('marks the requests after the failure of a batch Dataverse stopped (400, no continue-on-error) as skipped', () => {
    const results = readBatchAnswer(
      ids.map(del),
      answer(multipart([part('204 No Content'), part('400 Bad Request', error('0x80044331', 'bad'))], 'b'), 'b', 400),
      call,
      now,
    );
    expect(results.map((r) => [r.status, r.error?.code, r.skipped])).toEqual([
      [204, undefined, undefined],
      [400, 'BadRequest', undefined],
      [undefined, undefined, true],
    ]);
  });

  it('reads a change set answered as a nested multipart, by position', () => {
    const changeSet = {
      changeSet: [
        { method: 'POST' as const, url: 'accounts', body: {}, contentId: '1' },
        { method: 'PATCH' as const, url: '$1', body: {}, contentId: '2' },
      ],
    };
    const nested = `Content-Type: multipart/mixed; boundary=changesetresponse_9\r\n\r\n${multipart([part('204 No Content', '', { 'OData-EntityId': 'x' }, '1'), part('204 No Content', '', {}, '2')], 'changesetresponse_9')}`;
    const results = readBatchAnswer([del(ids[0]!), changeSet], answer(multipart([part('204 No Content'), nested], 'b'), 'b'), call, now);
    expect(results.map((r) => [r.index, r.status, r.operation.contentId])).toEqual([
      [0, 204, undefined],
      [1, 204, '1'],
      [2, 204, '2'],
    ]);
  });

  it('gives every request of a failed change set its error, the one that failed found by Content-ID, the others rolled back', () => {
    const changeSet = {
      changeSet: [
        { method: 'POST' as const, url: 'accounts', body: {}, contentId: '1' },
        { method: 'POST' as const, url: 'contacts', body: {}, contentId: '2' },
      ],
    };
    // As DynamicsWebApi's fixture of Dataverse shows it: one error for the change set, carrying the failing part's Content-ID.
    const nested = `Content-Type: multipart/mixed; boundary=cs\r\n\r\n${multipart([part('400 Bad Request', error('0x80048d19', 'bad contact'), {}, '2')], 'cs')}`;
    const results = readBatchAnswer([changeSet, del(ids[0]!)], answer(multipart([nested, part('204 No Content')], 'b'), 'b'), call, now);
    expect(results.map((r) => [r.status, r.error?.code, r.rolledBack])).toEqual([
      [undefined, 'BadRequest', true],
      [400, 'BadRequest', undefined],
      [204, undefined, undefined],
    ]);
  });

  it('reads a failed change set answered as a plain part outside any nested multipart', () => {
    const changeSet = { changeSet: [{ method: 'POST' as const, url: 'accounts', body: {} }] };
    const results = readBatchAnswer(
      [changeSet],
      answer(multipart([part('412 Precondition Failed', error('0x80060882', 'etag'))], 'b'), 'b'),
      call,
      now,
    );
    expect(results[0]).toMatchObject({ status: 412, error: { code: 'PreconditionFailed', dataverseCode: '0x80060882' } });
  });

  it('survives LF line ends, a preamble, an epilogue, transport padding and a quoted boundary', () => {
    const text = `preamble\n--b  \nContent-Type: application/http\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{"value":[1]}\n--b--\nepilogue`;
    const results = readBatchAnswer(
      [{ method: 'GET', url: 'accounts' }],
      { ...answer(text), headers: new Headers({ 'content-type': 'multipart/mixed; boundary="b"' }) },
      call,
      now,
    );
    expect(results[0]).toMatchObject({ status: 200, body: { value: [1] } });
  });

  it.each([
    ['not multipart', { ...answer('{}'), headers: new Headers({ 'content-type': 'application/json' }) }],
    ['truncated (no closing delimiter)', answer('--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', 'b')],
    ['a part without a status line', answer(multipart(['Content-Type: application/http\r\n\r\nnot http'], 'b'), 'b')],
    ['more parts than requests', answer(multipart([part('204 No Content'), part('204 No Content')], 'b'), 'b')],
  ])('refuses an answer that is %s with InvalidResponse', (_what, response) => {
    expect(thrown(() => readBatchAnswer([del(ids[0]!)], response as HttpResponse, call, now)).code).toBe('InvalidResponse');
  });
});

describe('sendBatch against the emulator', () => {
  it('creates, references by Content-ID and reads back in one round trip', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const context = clientContext(clientFor(org));
    const results = await sendBatch(
      context.send,
      [
        {
          changeSet: [
            { method: 'POST', url: 'accounts', body: { name: 'Fabrikam' }, contentId: '1' },
            { method: 'POST', url: 'contacts', body: { fullname: 'Maria', 'parentcustomerid_account@odata.bind': '$1' }, contentId: '2' },
          ],
        },
        { method: 'GET', url: 'contacts?$select=fullname,_parentcustomerid_value' },
      ],
      call,
      { root },
    );
    expect(org.requests).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual([204, 204, 200]);
    const [account] = org.store.list('account');
    expect((results[2]!.body as any).value).toEqual([
      expect.objectContaining({ fullname: 'Maria', _parentcustomerid_value: account!.accountid }),
    ]);
  });

  it('sends Prefer: odata.continue-on-error, so the requests after a failure still run', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const context = clientContext(clientFor(org));
    const id = org.store.create('account', { name: 'A' });
    const results = await sendBatch(context.send, [del(ids[0]!), { method: 'DELETE', url: `accounts(${id})` }], call, { root });
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      [404, 'NotFound'],
      [204, undefined],
    ]);
    expect(org.store.list('account')).toEqual([]);
  });

  it('without continue-on-error stops at the first failure and marks the rest skipped', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const context = clientContext(clientFor(org));
    const id = org.store.create('account', { name: 'A' });
    const results = await sendBatch(context.send, [del(ids[0]!), { method: 'DELETE', url: `accounts(${id})` }], call, {
      root,
      continueOnError: false,
    });
    expect(results.map((r) => [r.status, r.skipped])).toEqual([
      [404, undefined],
      [undefined, true],
    ]);
    expect(org.store.list('account')).toHaveLength(1);
  });

  it('reads a change set that fails in the emulator: its error on each request, its writes undone, the request after it run', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const context = clientContext(clientFor(org));
    const id = org.store.create('account', { name: 'A' });
    const results = await sendBatch(
      context.send,
      [
        {
          changeSet: [
            { method: 'POST', url: 'accounts', body: { name: 'Made, then undone' }, contentId: '1' },
            { method: 'DELETE', url: `accounts(${ids[0]})`, contentId: '2' },
          ],
        },
        { method: 'DELETE', url: `accounts(${id})` },
      ],
      call,
      { root },
    );
    // The emulator answers the change set with its one error and the failing request's Content-ID
    // (as DynamicsWebApi's fixture shows Dataverse doing): the DELETE failed, the POST before it
    // carries the change set's error and counts as undone.
    expect(results.map((r) => [r.index, r.status, r.error?.code, r.error?.status, r.rolledBack])).toEqual([
      [0, undefined, 'NotFound', 404, true],
      [1, 404, 'NotFound', 404, undefined],
      [2, 204, undefined, undefined, undefined],
    ]);
    expect(results[1]!.error!.message).toContain(ids[0]);
    expect(org.store.list('account')).toEqual([]);
  });

  it('sends 1200 requests as two batches of 1000 and 200, results in order', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    const context = clientContext(clientFor(org));
    const items = Array.from({ length: 1200 }, (_, index) => ({ method: 'GET' as const, url: `accounts?$select=name&$top=${index + 1}` }));
    const results = await sendBatch(context.send, items, call, { root });
    expect(org.requests.map((r) => new URL(r.url).pathname)).toEqual([`${root}$batch`, `${root}$batch`]);
    expect(results.map((r) => r.index)).toEqual(items.map((_, index) => index));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('rejects a whole batch the service refuses (503, not retried: a POST) with the transport’s error', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    org.faults.add({ fault: { kind: 'unavailable' }, url: '$batch' });
    const context = clientContext(clientFor(org));
    const error = await caught(sendBatch(context.send, [del(ids[0]!)], call, { root }));
    expect([error.code, error.status, org.requests.length]).toEqual(['ServerError', 503, 1]);
  });

  it('retries a whole batch throttled with 429, as the transport retries any request', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, url: '$batch' });
    const context = clientContext(clientFor(org));
    const results = await sendBatch(context.send, [del(ids[0]!)], call, { root });
    expect([results[0]!.status, org.requests.length]).toEqual([404, 2]);
  });
});

describe('a transport that answers with hand-made multipart', () => {
  it('passes a 400 multipart answer through as the batch answer, not as a thrown error', async () => {
    const body = multipart([part('400 Bad Request', error('0x80044331', 'stopped'))], 'b');
    const fetch = async () => new Response(body, { status: 400, headers: { 'Content-Type': 'multipart/mixed; boundary=b' } });
    const client = clientFor(createOrgEmulator({ data: 'empty' }), { fetch });
    const send: Transport = clientContext(client).send;
    const results = await sendBatch(send, [del(ids[0]!), del(ids[1]!)], call, { root, continueOnError: false });
    expect(results.map((r) => [r.status, r.skipped])).toEqual([
      [400, undefined],
      [undefined, true],
    ]);
  });
});
