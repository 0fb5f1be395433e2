// @vitest-environment node
/**
 * The 412 of the reliability contract as Dataverse itself answers it: a conditional write
 * (`If-Match`) with an etag the record no longer has. No public function sends one yet, so the
 * transport is driven directly: the emulator refuses the write, the SDK does not retry it, and
 * the record keeps the value the other writer gave it.
 */
import { describe, expect, it } from 'vitest';
import { resolveRetryPolicy } from '../../src/http/retry.js';
import { createTransport } from '../../src/http/transport.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';

const apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';

describe('a conditional write whose etag is stale', () => {
  it('fails with PreconditionFailed after one request and leaves the record as the other writer left it', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const accountId = org.seedData!.accounts[0]!.id;
    const send = createTransport({
      baseUrl: apiUrl,
      fetch: (input, init) => org.handle(new Request(input, init)),
      timeoutMs: 5_000,
      retry: resolveRetryPolicy({ baseDelayMs: 1, maxDelayMs: 2 }),
      now: Date.now,
      random: () => 0.5,
    });
    const call = { operation: 'conditionalWrite', correlationId: 'reliability-412' };
    const { body } = await send({ method: 'GET', url: `accounts(${accountId})?$select=name` }, call);
    const etag = (body as Record<string, string>)['@odata.etag']!;
    // Another writer changes the record: the etag read above is now stale.
    org.store.update('account', accountId, { name: 'Changed by someone else' });
    const before = org.requests.length;

    const error = await caught(
      send({ method: 'PATCH', url: `accounts(${accountId})`, body: { name: 'Our change' }, headers: { 'If-Match': etag } }, call),
    );

    expect(error).toMatchObject({ code: 'PreconditionFailed', status: 412, correlationId: 'reliability-412' });
    expect(org.requests.length - before).toBe(1);
    expect(org.store.get('account', accountId)!.name).toBe('Changed by someone else');
  });
});
