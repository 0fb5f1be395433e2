import { describe, expect, it } from 'vitest';
import type { OrgEmulator } from '../../../src/testing/index.js';
import { api, emptyOrg, fixedNow, read, send } from '../support.js';

/** One request of a batch. */
interface PartRequest {
  method: string;
  /** As written on the request line: relative, root-relative, absolute or `$n/…`. */
  url: string;
  body?: unknown;
  /** A body written as is, without a Content-Type of its own (unlike `body`, sent as JSON). */
  rawBody?: string;
  contentId?: string;
  headers?: Record<string, string>;
}
type BatchItem = PartRequest | { changeset: PartRequest[] };

/** The JSON body of an answered part: a record, or Dataverse's error (absent for a 204). */
interface PartBody {
  error: { code: string; message: string };
  [property: string]: unknown;
}

/** One answered part of a batch response. */
interface PartResponse {
  status: number;
  headers: Headers;
  body: PartBody;
  contentId: string | null;
}
type ResponseItem = PartResponse | { changeset: PartResponse[] };

const CRLF = '\r\n';

/** An `application/http` part, as Dataverse's docs write them. */
function requestPart(request: PartRequest): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (request.contentId !== undefined) mime.push(`Content-ID: ${request.contentId}`);
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  if (request.body !== undefined) headers.push('Content-Type: application/json; type=entry');
  const body = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
  return [...mime, '', `${request.method} ${request.url} HTTP/1.1`, ...headers, '', body].join(CRLF);
}

/** A `multipart/mixed` batch body: requests and change sets, with the given boundaries. */
function batchBody(items: BatchItem[], boundary = 'batch_AAA123'): string {
  const parts = items.map((item, index) => {
    if (!('changeset' in item)) return requestPart(item);
    const inner = `changeset_BBB${index}`;
    return [
      `Content-Type: multipart/mixed; boundary=${inner}`,
      '',
      ...item.changeset.map((request) => `--${inner}${CRLF}${requestPart(request)}`),
      `--${inner}--`,
    ].join(CRLF);
  });
  return `${parts.map((part) => `--${boundary}${CRLF}${part}${CRLF}`).join('')}--${boundary}--${CRLF}`;
}

/** POSTs a batch to the emulator and parses the multipart answer (which must be a 200). */
async function runBatch(org: OrgEmulator, items: BatchItem[], headers: Record<string, string> = {}): Promise<ResponseItem[]> {
  const response = await org.handle(
    new Request(api('$batch'), {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_AAA123', Accept: 'application/json', ...headers },
      body: batchBody(items),
    }),
  );
  expect(response.status).toBe(200);
  return parseMultipart(response.headers.get('content-type'), await response.text());
}

function boundaryOf(contentType: string | null): string | undefined {
  return /^multipart\/mixed;.*boundary=([^;]+)/i.exec(contentType ?? '')?.[1]?.trim();
}

/** Splits a multipart body at `--boundary` lines and parses each part. */
function parseMultipart(contentType: string | null, text: string): ResponseItem[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`not a multipart response: ${contentType}`);
  const end = text.indexOf(`--${boundary}--`);
  if (end < 0) throw new Error('the multipart body has no closing boundary');
  return text
    .slice(0, end)
    .split(`--${boundary}`)
    .slice(1)
    .map((raw) => {
      const { headers: mime, rest } = splitHead(raw.replace(/^\r\n/, '').replace(/\r\n$/, ''));
      const nested = boundaryOf(mime.get('content-type'));
      if (nested) return { changeset: parseMultipart(mime.get('content-type'), rest) as PartResponse[] };
      const [statusLine = '', ...afterStatus] = rest.split(CRLF);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      if (!status) throw new Error(`bad status line '${statusLine}'`);
      const { headers, rest: body } = splitHead(afterStatus.join(CRLF));
      return {
        status: Number(status),
        headers,
        body: body === '' ? undefined : /json/.test(headers.get('content-type') ?? '') ? JSON.parse(body) : body,
        contentId: mime.get('content-id'),
      };
    });
}

/** Header lines up to the first blank line, and the rest. */
function splitHead(text: string): { headers: Headers; rest: string } {
  const at = text.indexOf(CRLF + CRLF);
  const head = at < 0 ? text : text.slice(0, at);
  const headers = new Headers();
  for (const line of head.split(CRLF)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { headers, rest: at < 0 ? '' : text.slice(at + 4) };
}

function single(item: ResponseItem | undefined): PartResponse {
  if (!item || 'changeset' in item) throw new Error('expected a single response part');
  return item;
}

/** A failed change set's answer: a change-set answer holding only the failing request's error. */
function failedChangeSet(item: ResponseItem | undefined): PartResponse {
  const parts = changeset(item);
  if (parts.length !== 1) throw new Error(`expected one error in the failed change set, got ${parts.length} parts`);
  return parts[0]!;
}

function changeset(item: ResponseItem | undefined): PartResponse[] {
  if (!item || !('changeset' in item)) throw new Error('expected a change set response');
  return item.changeset;
}

const missingId = '00000000-0000-4000-8000-000000000000';

function arrange() {
  const org = emptyOrg();
  const { store } = org;
  const fabrikam = store.create('account', { name: 'Fabrikam' });
  const litware = store.create('account', { name: 'Litware' });
  const queue = store.create('queue', { name: 'Billing' });
  return { org, store, fabrikam, litware, queue };
}

const names = (org: OrgEmulator) =>
  org.store
    .list('account')
    .map((row) => row.name)
    .sort();

describe('$batch', () => {
  it('answers GET requests outside change sets, in order', async () => {
    const { org, fabrikam, litware } = arrange();
    const parts = await runBatch(org, [
      { method: 'GET', url: `accounts(${litware})?$select=name` },
      { method: 'GET', url: `/api/data/v9.2/accounts(${fabrikam})?$select=name` },
      { method: 'GET', url: api(`accounts(${litware})?$select=name`) },
    ]);
    expect(parts.map((part) => single(part).status)).toEqual([200, 200, 200]);
    expect(parts.map((part) => single(part).body.name)).toEqual(['Litware', 'Fabrikam', 'Litware']);
  });

  it('commits every create of a change set', async () => {
    const { org } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'POST', url: 'accounts', body: { name: 'Northwind' }, contentId: '2' },
        ],
      },
    ]);
    expect(changeset(parts[0]).map((part) => part.status)).toEqual([204, 204]);
    expect(names(org)).toEqual(['Contoso', 'Fabrikam', 'Litware', 'Northwind']);
  });

  it('answers each change set request under its Content-ID, with OData-EntityId', async () => {
    const { org } = arrange();
    const parts = changeset(
      (await runBatch(org, [{ changeset: [{ method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '7' }] }]))[0],
    );
    expect(parts[0]!.contentId).toBe('7');
    expect(parts[0]!.headers.get('OData-EntityId')).toMatch(/\/accounts\([0-9a-f-]{36}\)$/);
  });

  it('rolls back every change of a change set when one of its requests fails, and answers that one error', async () => {
    const { org, store, fabrikam } = arrange();
    const before = store.list('account');
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'PATCH', url: `accounts(${fabrikam})`, body: { name: 'Fabrikam renamed' }, contentId: '2' },
          { method: 'DELETE', url: `accounts(${fabrikam})`, contentId: '3' },
          { method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '4' },
        ],
      },
    ]);
    expect(parts).toHaveLength(1);
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(failedChangeSet(parts[0]).body.error.message).toContain('nosuchcolumn');
    // The failing request named by its Content-ID, as the client reads it.
    expect(failedChangeSet(parts[0]).contentId).toBe('4');
    expect(store.list('account')).toEqual(before);
  });

  it('resolves $n in a later request URL to the record request n created ($n/<nav>/$ref)', async () => {
    const { org, store, queue } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'msdyn_ocliveworkitems', body: { subject: 'Batched' }, contentId: '1' },
          {
            method: 'PUT',
            url: '$1/msdyn_cdsqueueid_msdyn_ocliveworkitem/$ref',
            body: { '@odata.id': api(`queues(${queue})`) },
            contentId: '2',
          },
        ],
      },
    ]);
    expect(changeset(parts[0]).map((part) => part.status)).toEqual([204, 204]);
    const [conversation] = store.list('msdyn_ocliveworkitem');
    expect(conversation).toMatchObject({ subject: 'Batched', _msdyn_cdsqueueid_value: queue });
  });

  it('resolves PATCH $n to the record request n created', async () => {
    const { org, store } = arrange();
    await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'PATCH', url: '$1', body: { telephone1: '+1 425 555 0123' }, contentId: '2' },
        ],
      },
    ]);
    expect(store.list('account').find((row) => row.name === 'Contoso')).toMatchObject({ telephone1: '+1 425 555 0123' });
  });

  it('resolves "<nav>@odata.bind": "$n" in a body to the record request n created', async () => {
    const { org, store } = arrange();
    await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          {
            method: 'POST',
            url: 'msdyn_ocliveworkitems',
            body: { subject: 'Bound', 'msdyn_customer_msdyn_ocliveworkitem_account@odata.bind': '$1' },
            contentId: '2',
          },
        ],
      },
    ]);
    const contoso = store.list('account').find((row) => row.name === 'Contoso')!;
    expect(store.list('msdyn_ocliveworkitem')[0]).toMatchObject({
      _msdyn_customer_value: contoso.accountid,
      '_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    });
  });

  it('leaves a value that reads "$n" alone in a column that is not a record reference', async () => {
    const { org, store } = arrange();
    await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'POST', url: 'accounts', body: { name: '$1', telephone1: '$1' }, contentId: '2' },
        ],
      },
    ]);
    expect(store.list('account').map((row) => [row.name, row.telephone1])).toContainEqual(['$1', '$1']);
  });

  it('resolves "@odata.id": "$n" in a $ref body to the record request n created', async () => {
    const { org, store } = arrange();
    const conversation = store.create('msdyn_ocliveworkitem', { subject: 'Refund' });
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'msdyn_transcripts', body: { msdyn_name: 'Transcript: Refund' }, contentId: '1' },
          {
            method: 'POST',
            url: `msdyn_ocliveworkitems(${conversation})/msdyn_msdyn_ocliveworkitem_msdyn_transcript/$ref`,
            body: { '@odata.id': '$1' },
            contentId: '2',
          },
        ],
      },
    ]);
    expect(changeset(parts[0]).map((part) => part.status)).toEqual([204, 204]);
    expect(store.list('msdyn_transcript')[0]).toMatchObject({
      msdyn_name: 'Transcript: Refund',
      _msdyn_liveworkitemidid_value: conversation,
    });
  });

  it('stops at the first failure without Prefer: odata.continue-on-error', async () => {
    const { org, fabrikam } = arrange();
    const parts = await runBatch(org, [
      { method: 'GET', url: `accounts(${missingId})` },
      { method: 'GET', url: `accounts(${fabrikam})` },
      { changeset: [{ method: 'POST', url: 'accounts', body: { name: 'Never' }, contentId: '1' }] },
    ]);
    expect(parts.map((part) => single(part).status)).toEqual([404]);
    expect(names(org)).not.toContain('Never');
  });

  it('stops after a failed change set without Prefer: odata.continue-on-error', async () => {
    const { org, fabrikam } = arrange();
    const parts = await runBatch(org, [
      { changeset: [{ method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '1' }] },
      { method: 'GET', url: `accounts(${fabrikam})` },
    ]);
    expect(parts.map((part) => failedChangeSet(part).status)).toEqual([400]);
  });

  it('runs the rest after a failure with Prefer: odata.continue-on-error', async () => {
    const { org, fabrikam } = arrange();
    const parts = await runBatch(
      org,
      [
        { method: 'GET', url: `accounts(${missingId})` },
        { changeset: [{ method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '1' }] },
        { method: 'GET', url: `accounts(${fabrikam})?$select=name` },
        { changeset: [{ method: 'POST', url: 'accounts', body: { name: 'After' }, contentId: '1' }] },
      ],
      { Prefer: 'odata.continue-on-error' },
    );
    expect(single(parts[0]).status).toBe(404);
    expect(failedChangeSet(parts[1]).status).toBe(400);
    expect(single(parts[2]).body.name).toBe('Fabrikam');
    expect(changeset(parts[3]).map((part) => part.status)).toEqual([204]);
    expect(names(org)).toContain('After');
  });

  it('answers 400 for a GET inside a change set, and rolls the change set back', async () => {
    const { org, fabrikam } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Rolled back' }, contentId: '1' },
          { method: 'GET', url: `accounts(${fabrikam})`, contentId: '2' },
        ],
      },
    ]);
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(names(org)).not.toContain('Rolled back');
  });

  it('answers 400 when the Content-Type has no boundary', async () => {
    const { org } = arrange();
    const response = await org.handle(
      new Request(api('$batch'), {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed' },
        body: batchBody([{ method: 'GET', url: 'accounts' }]),
      }),
    );
    expect(response.status).toBe(400);
    expect((await read(response)).body.error.code).toBe('0x80048d19');
  });

  it('answers 400 for a $n reference outside a change set', async () => {
    const { org } = arrange();
    const response = await org.handle(
      new Request(api('$batch'), {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary=batch_AAA123' },
        body: batchBody([{ method: 'PATCH', url: '$1', body: { name: 'x' } }]),
      }),
    );
    expect(response.status).toBe(400);
  });

  it('answers 405 for a GET of $batch', async () => {
    const { org } = arrange();
    expect((await org.handle(new Request(api('$batch')))).status).toBe(405);
  });

  it('counts once in org.requests', async () => {
    const { org, fabrikam, litware } = arrange();
    await runBatch(org, [
      { method: 'GET', url: `accounts(${fabrikam})` },
      { method: 'GET', url: `accounts(${litware})` },
    ]);
    expect(org.requests.map((request) => request.url)).toEqual([api('$batch')]);
  });
});

/** JSON text of an array nested `depth` levels deep, built without recursion. */
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** `count` change set requests that each create an account, to keep a change set busy for a while. */
const fillers = (count: number): PartRequest[] =>
  Array.from({ length: count }, (_, index) => ({
    method: 'POST',
    url: 'accounts',
    body: { name: `Filler ${index}` },
    contentId: `f${index}`,
  }));

/**
 * An empty org whose clock calls `onWrite` each time the store stamps a write (inside the
 * write, before it is stored): how a test acts while a change set is between its requests.
 */
function orgWithWriteHook() {
  const hook: { onWrite: () => void } = { onWrite: () => undefined };
  const org = emptyOrg({ now: () => (hook.onWrite(), fixedNow) });
  return { org, hook };
}

describe('$batch change sets', () => {
  it('undo only their own writes: a PATCH of another record, answered while the change set ran, survives the rollback', async () => {
    const { org, hook } = orgWithWriteHook();
    const litware = org.store.create('account', { name: 'Litware' });
    let concurrent: Promise<Response> | undefined;
    const namesSeen: unknown[] = [];
    hook.onWrite = () => {
      namesSeen.push(org.store.get('account', litware)?.name);
      // At the change set's first write: another client's request, which the org answers while
      // the change set's 20 fillers run; the last write seen shows it was stored by then.
      concurrent ??= send(org, 'PATCH', `accounts(${litware})`, { body: { name: 'Litware renamed' } });
    };
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          ...fillers(20),
          { method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '2' },
        ],
      },
    ]);
    expect((await concurrent!).status).toBe(204);
    // The other PATCH was stored before the change set's failing request began: the last write seen.
    expect(namesSeen.at(-1)).toBe('Litware renamed');
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(names(org)).toEqual(['Litware renamed']);
  });

  it("undo only their own columns of a record another request updated meanwhile, keeping that request's columns", async () => {
    const { org, hook } = orgWithWriteHook();
    const fabrikam = org.store.create('account', { name: 'Fabrikam' });
    let concurrent: Promise<Response> | undefined;
    const phonesSeen: unknown[] = [];
    hook.onWrite = () => {
      phonesSeen.push(org.store.get('account', fabrikam)?.telephone1);
      concurrent ??= send(org, 'PATCH', `accounts(${fabrikam})`, { body: { telephone1: '+1 425 555 0100' } });
    };
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'PATCH', url: `accounts(${fabrikam})`, body: { name: 'Fabrikam renamed' }, contentId: '1' },
          ...fillers(20),
          { method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '2' },
        ],
      },
    ]);
    expect((await concurrent!).status).toBe(204);
    expect(phonesSeen.at(-1)).toBe('+1 425 555 0100');
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(org.store.get('account', fabrikam)).toMatchObject({ name: 'Fabrikam', telephone1: '+1 425 555 0100' });
    expect(names(org)).toEqual(['Fabrikam']);
  });

  it('put a record they deleted back in its place, so listings keep their order', async () => {
    const { org, fabrikam } = arrange();
    const before = org.store.list('account').map((row) => row.name);
    await runBatch(org, [
      {
        changeset: [
          { method: 'DELETE', url: `accounts(${fabrikam})`, contentId: '1' },
          { method: 'POST', url: 'accounts', body: { nosuchcolumn: 1 }, contentId: '2' },
        ],
      },
    ]);
    expect(org.store.list('account').map((row) => row.name)).toEqual(before);
  });

  it('roll back their earlier requests when a later one names an unknown Content-ID, answering that 400 as the change set', async () => {
    const { org } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'PATCH', url: '$7', body: { name: 'Never' }, contentId: '2' },
        ],
      },
    ]);
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(failedChangeSet(parts[0]).body.error.message).toContain('$7');
    expect(names(org)).not.toContain('Contoso');
  });

  it('roll back their earlier requests when a later body is nested too deeply to read', async () => {
    const { org } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          {
            method: 'POST',
            url: 'msdyn_ocliveworkitems',
            rawBody: `{"subject":"Deep","msdyn_customer_msdyn_ocliveworkitem_account@odata.bind":"$1","description":${nestedArray(100_000)}}`,
            contentId: '2',
          },
        ],
      },
    ]);
    expect(failedChangeSet(parts[0]).status).toBe(400);
    expect(names(org)).not.toContain('Contoso');
  });

  it('refuse a request of a method the Web API does not have with 501 and roll back', async () => {
    const { org } = arrange();
    const parts = await runBatch(org, [
      {
        changeset: [
          { method: 'POST', url: 'accounts', body: { name: 'Contoso' }, contentId: '1' },
          { method: 'TRACE', url: 'accounts', contentId: '2' },
        ],
      },
    ]);
    expect(failedChangeSet(parts[0]).status).toBe(501);
    expect(failedChangeSet(parts[0]).body.error.code).toBe('0x8006088b');
    expect(names(org)).not.toContain('Contoso');
  });
});

describe('$batch parts', () => {
  it('answer 400, not 500, for a URL that cannot be read', async () => {
    const { org } = arrange();
    const parts = await runBatch(org, [{ method: 'GET', url: 'https://[contoso/api/data/v9.2/accounts' }]);
    expect(single(parts[0]).status).toBe(400);
  });
});

describe('$batch limits', () => {
  const encoder = new TextEncoder();

  /** A `$batch` request whose body arrives part by part, counting how many parts were pulled. */
  function streamedBatch(partCount: number) {
    const part = `--batch_AAA123${CRLF}${requestPart({ method: 'GET', url: 'WhoAmI' })}${CRLF}`;
    const progress = { pulled: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (progress.pulled === partCount) {
          controller.enqueue(encoder.encode(`--batch_AAA123--${CRLF}`));
          controller.close();
          return;
        }
        progress.pulled++;
        controller.enqueue(encoder.encode(part));
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'multipart/mixed; boundary=batch_AAA123' }, body, duplex: 'half' };
    return { request: new Request(api('$batch'), init as RequestInit), progress };
  }

  it('refuse more than 1000 requests with 400 as soon as part 1001 starts, leaving the rest of the body unread', async () => {
    const org = emptyOrg();
    const { request, progress } = streamedBatch(5000);
    const answer = await read(await org.handle(request));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('1000');
    expect(progress.pulled).toBeLessThan(1100);
  });

  it('count each request of a change set toward the 1000', async () => {
    const org = emptyOrg();
    const response = await org.handle(
      new Request(api('$batch'), {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary=batch_AAA123' },
        body: batchBody([{ changeset: fillers(1001) }]),
      }),
    );
    expect(response.status).toBe(400);
    expect(org.store.list('account')).toEqual([]);
  });

  it('answer a batch of exactly 1000 requests', async () => {
    const org = emptyOrg();
    const parts = await runBatch(org, [{ changeset: fillers(1000) }]);
    expect(changeset(parts[0])).toHaveLength(1000);
  });

  it('refuse a $batch inside a $batch with 400, running none of its requests', async () => {
    const { org } = arrange();
    const inner = batchBody([{ method: 'POST', url: 'accounts', body: { name: 'Nested' } }], 'batch_inner');
    const parts = await runBatch(org, [
      { method: 'POST', url: api('$batch'), headers: { 'Content-Type': 'multipart/mixed; boundary=batch_inner' }, rawBody: inner },
    ]);
    expect(single(parts[0]).status).toBe(400);
    expect(names(org)).not.toContain('Nested');
  });
});
