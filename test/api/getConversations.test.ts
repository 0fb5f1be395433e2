import { beforeEach, describe, expect, it } from 'vitest';
import { conversationLookups } from '../../src/api/getConversations.js';
import { type ConversationRecord, type OmnichannelOptions, ConversationStatus, conversationTable, createOmnichannel } from '../../src/index.js';
import { type OrgEmulator, createOrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { conversationsUrl, orgUrl, useMsw } from '../support/msw.js';
import {
  type PageRecorder,
  addAgent,
  addConversation,
  conversationsOf,
  idsOf,
  newestFirst,
  serve,
  smallPages,
  storedConversations,
} from '../support/org.js';

useMsw();

/** The one clock of this file: the emulator dates its seed data from it and the client filters by it. */
const now = Date.UTC(2026, 0, 10, 12, 30);
const dayMs = 86_400_000;
/** A seeded org as every test gets it; the same seed gives the same ids, so the agent is known up front. */
const seededOrg = () => createOrgEmulator({ now: new Date(now) });
const agentId = seededOrg().seedData!.signedInAgentId;
const defaultSelect = 'msdyn_ocliveworkitemid,_msdyn_liveworkstreamid_value,_msdyn_lastsessionid_value,statuscode,createdon';
const formatted = '@OData.Community.Display.V1.FormattedValue';

let org: OrgEmulator;
beforeEach(() => {
  org = serve(seededOrg());
});

function client(options: OmnichannelOptions = {}) {
  return createOmnichannel({ orgUrl, now: () => now, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

/** The query options of the n-th request the org received, decoded. */
function params(index = 0): URLSearchParams {
  return new URL(org.requests[index]!.url).searchParams;
}

/** Ids in a stable order, to compare result sets whose order is not the point. */
function sortedIds(records: readonly object[]): string[] {
  return idsOf(records).sort();
}

describe('getConversations query', () => {
  it('turns the documented example into exactly the documented $select, $filter and $orderby', async () => {
    await client().getConversations({
      agentId,
      attributes: ['msdyn_title', 'msdyn_channel'],
      status: [ConversationStatus.Waiting],
      orderBy: [{ attributeName: 'createdon', descending: true }],
    });
    expect(org.requests).toHaveLength(1);
    expect([...params().entries()]).toEqual([
      ['$select', `${defaultSelect},msdyn_title,msdyn_channel`],
      ['$filter', `_msdyn_activeagentid_value eq ${agentId} and statuscode eq 3`],
      ['$orderby', 'createdon desc'],
    ]);
  });

  it('sends the documented example to the conversation entity set, its spaces percent-encoded', async () => {
    await client().getConversations({ agentId, attributes: ['msdyn_title'], status: [3], orderBy: [{ attributeName: 'createdon', descending: true }] });
    expect(org.requests[0]!.url).toBe(
      `${conversationsUrl}?$select=${defaultSelect},msdyn_title` +
        `&$filter=_msdyn_activeagentid_value%20eq%20${agentId}%20and%20statuscode%20eq%203&$orderby=createdon%20desc`,
    );
  });

  it('selects only the defaults and filters only by agent when given just an agent', async () => {
    await client().getConversations({ agentId });
    expect([...params().entries()]).toEqual([
      ['$select', defaultSelect],
      ['$filter', `_msdyn_activeagentid_value eq ${agentId}`],
    ]);
  });

  it('accepts the input as a JSON string', async () => {
    await client().getConversations(JSON.stringify({ agentId, attributes: ['msdyn_title'], status: [2] }));
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title`);
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and statuscode eq 2`);
  });

  it('accepts the agentID spelling', async () => {
    await client().getConversations({ agentID: agentId });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it('accepts agentId and agentID together when they name the same agent', async () => {
    await client().getConversations({ agentId, agentID: `{${agentId.toUpperCase()}}` });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it('normalises a braced upper-case agent id', async () => {
    await client().getConversations({ agentId: `{${agentId.toUpperCase()}}` });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it("defaults the agent to the client's agentId option", async () => {
    await client({ agentId: agentId.toUpperCase() }).getConversations({});
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it("prefers the input's agent over the client's", async () => {
    const other = org.seedData!.agents[1]!.id;
    await client({ agentId }).getConversations({ agentId: other });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${other}`);
  });

  it('lower-cases attribute names: StatusCode selects statuscode once', async () => {
    await client().getConversations({ agentId, attributes: ['StatusCode', 'MSDYN_Title'] });
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title`);
  });

  it('selects a lookup attribute as _name_value', async () => {
    await client().getConversations({ agentId, attributes: ['msdyn_cdsqueueid', 'msdyn_customer'] });
    expect(params().get('$select')).toBe(`${defaultSelect},_msdyn_cdsqueueid_value,_msdyn_customer_value`);
  });

  it('removes duplicate attributes, including a lookup given both ways', async () => {
    await client().getConversations({ agentId, attributes: ['msdyn_title', 'msdyn_title', 'msdyn_cdsqueueid', '_msdyn_cdsqueueid_value', 'createdon'] });
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title,_msdyn_cdsqueueid_value`);
  });

  it('orders by a lookup as _name_value, ascending unless descending is true', async () => {
    await client().getConversations({
      agentId,
      orderBy: [{ attributeName: 'msdyn_cdsqueueid' }, { attributeName: 'CreatedOn', descending: false }, { attributeName: 'msdyn_title', descending: true }],
    });
    expect(params().get('$orderby')).toBe('_msdyn_cdsqueueid_value,createdon,msdyn_title desc');
  });

  it('reads a status string of comma-separated numbers as several statuses', async () => {
    await client().getConversations({ agentId, status: ['2,3'] });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and (statuscode eq 2 or statuscode eq 3)`);
  });

  it('mixes numbers and strings in status, dropping repeated values', async () => {
    await client().getConversations({ agentId, status: [1, ' 2, 3 ', 3, '1'] });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and (statuscode eq 1 or statuscode eq 2 or statuscode eq 3)`);
  });

  it('filters createdBeforeDays as createdon since that many days before now', async () => {
    await client().getConversations({ agentId, createdBeforeDays: 7 });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and createdon ge 2026-01-03T12:30:00.000Z`);
  });

  it('reads createdBeforeDays 0 as since now', async () => {
    await client().getConversations({ agentId, status: [2], createdBeforeDays: 0 });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and statuscode eq 2 and createdon ge 2026-01-10T12:30:00.000Z`);
  });

  it('sends the + of a date past the year 9999 encoded, so it is not read as a space', async () => {
    const farFuture = Date.UTC(10_000, 0, 1);
    await client({ now: () => farFuture }).getConversations({ agentId, createdBeforeDays: 0 }).catch(() => undefined);
    expect(org.requests[0]!.url).toContain('createdon%20ge%20%2B010000-01-01T00%3A00%3A00.000Z');
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and createdon ge +010000-01-01T00:00:00.000Z`);
  });
});

describe('getConversations results', () => {
  it("resolves exactly the agent's conversations with the documented example's status, newest first", async () => {
    const records = await client().getConversations({
      agentId,
      attributes: ['msdyn_title', 'msdyn_channel'],
      status: [ConversationStatus.Waiting],
      orderBy: [{ attributeName: 'createdon', descending: true }],
    });
    const expected = newestFirst(conversationsOf(org, agentId, (row) => row.statuscode === ConversationStatus.Waiting));
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(records)).toEqual(idsOf(expected));
  });

  it("resolves every conversation of the agent, and no other agent's, given just an agent", async () => {
    const records = await client().getConversations({ agentId });
    const mine = conversationsOf(org, agentId);
    expect(mine.length).toBeLessThan(storedConversations(org).length);
    expect(sortedIds(records)).toEqual(sortedIds(mine));
  });

  it("resolves the conversations of the client's agent when the input names none", async () => {
    const records = await client({ agentId }).getConversations({});
    expect(sortedIds(records)).toEqual(sortedIds(conversationsOf(org, agentId)));
  });

  it('resolves the conversations of the agentID spelling', async () => {
    const other = org.seedData!.agents[1]!.id;
    const records = await client({ agentId }).getConversations({ agentID: other });
    expect(records.length).toBeGreaterThan(0);
    expect(sortedIds(records)).toEqual(sortedIds(conversationsOf(org, other)));
  });

  it('resolves the conversations of every status a status string names', async () => {
    const records = await client().getConversations({ agentId, status: ['2,3'] });
    const expected = conversationsOf(org, agentId, (row) => row.statuscode === 2 || row.statuscode === 3);
    expect(new Set(records.map((record) => record.statuscode))).toEqual(new Set([2, 3]));
    expect(sortedIds(records)).toEqual(sortedIds(expected));
  });

  it('orders the records by createdon descending when asked', async () => {
    const records = await client().getConversations({ agentId, orderBy: [{ attributeName: 'createdon', descending: true }] });
    const created = records.map((record) => Date.parse(record.createdon as string));
    expect(created.length).toBeGreaterThan(2);
    for (let i = 1; i < created.length; i++) expect(created[i]).toBeLessThan(created[i - 1]!);
  });

  it('returns the requested attributes beside the defaults, with the stored values', async () => {
    const records = await client().getConversations({ agentId, attributes: ['msdyn_title', 'msdyn_channel', 'msdyn_cdsqueueid'] });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const stored = org.store.get('msdyn_ocliveworkitem', (record as { activityid: string }).activityid)!;
      expect(record).toMatchObject({
        msdyn_ocliveworkitemid: stored.msdyn_ocliveworkitemid,
        _msdyn_liveworkstreamid_value: stored._msdyn_liveworkstreamid_value,
        _msdyn_lastsessionid_value: stored._msdyn_lastsessionid_value,
        statuscode: stored.statuscode,
        createdon: stored.createdon,
        msdyn_title: stored.msdyn_title,
        msdyn_channel: stored.msdyn_channel,
        _msdyn_cdsqueueid_value: stored._msdyn_cdsqueueid_value,
      });
      expect(record).not.toHaveProperty('msdyn_customerlocale');
    }
  });

  it('returns the formatted values of choices and lookups as annotations', async () => {
    const [record] = await client().getConversations({ agentId, attributes: ['msdyn_cdsqueueid'], status: [ConversationStatus.Waiting] });
    const queue = org.store.get('queue', record!._msdyn_cdsqueueid_value as string)!;
    expect(record).toMatchObject({
      [`statuscode${formatted}`]: 'Waiting',
      [`_msdyn_cdsqueueid_value${formatted}`]: queue.name,
      '_msdyn_cdsqueueid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'queue',
    });
  });

  it('resolves only the conversations created within createdBeforeDays of now, the boundary included', async () => {
    const at = (days: number) => new Date(now - days * dayMs).toISOString();
    const old = addConversation(org, { msdyn_activeagentid: agentId, statuscode: 4, createdon: at(8) });
    const boundary = addConversation(org, { msdyn_activeagentid: agentId, statuscode: 4, createdon: at(7) });
    const recent = addConversation(org, { msdyn_activeagentid: agentId, statuscode: 4, createdon: at(6) });
    const records = await client().getConversations({ agentId, createdBeforeDays: 7 });
    const ids = idsOf(records);
    expect(ids).toEqual(expect.arrayContaining([boundary, recent]));
    expect(ids).not.toContain(old);
    expect(sortedIds(records)).toEqual(sortedIds(conversationsOf(org, agentId, (row) => Date.parse(row.createdon as string) >= now - 7 * dayMs)));
  });

  it('resolves only conversations created at or after now for createdBeforeDays 0', async () => {
    const fresh = addConversation(org, { msdyn_activeagentid: agentId, statuscode: 2 }); // stamped with the emulator's now
    expect(conversationsOf(org, agentId, (row) => row.statuscode === 2).length).toBeGreaterThan(1);
    const records = await client().getConversations({ agentId, status: [2], createdBeforeDays: 0 });
    expect(idsOf(records)).toEqual([fresh]);
  });

  it('resolves an empty array for an agent without conversations', async () => {
    const idle = addAgent(org, 'Idle Agent');
    await expect(client().getConversations({ agentId: idle })).resolves.toEqual([]);
    expect(org.requests).toHaveLength(1);
  });
});

/** An empty org with 12 conversations of one agent (created out of order) and 3 of another, paged by 5. */
function arrangePagedOrg(): { agent: string; expected: string[]; pages: PageRecorder } {
  org = serve(createOrgEmulator({ data: 'empty', now: new Date(now) }));
  const agent = addAgent(org, 'Megan Bowen');
  const other = addAgent(org, 'Alex Wilber');
  for (const minutes of [7, 2, 11, 0, 5, 9, 1, 10, 4, 8, 3, 6]) {
    addConversation(org, { msdyn_activeagentid: agent, statuscode: 2, createdon: new Date(now - minutes * 60_000).toISOString() });
  }
  for (const minutes of [1, 2, 3]) addConversation(org, { msdyn_activeagentid: other, statuscode: 2, createdon: new Date(now - minutes * 60_000).toISOString() });
  const pages = smallPages(org, 5);
  return { agent, expected: idsOf(newestFirst(conversationsOf(org, agent))), pages };
}

const newestFirstOrder = [{ attributeName: 'createdon', descending: true }];

describe('getConversations paging', () => {
  let agent: string;
  let expected: string[];
  let pages: PageRecorder;
  beforeEach(() => {
    ({ agent, expected, pages } = arrangePagedOrg());
  });

  it('resolves the records of every page, in order', async () => {
    const records = await client().getConversations({ agentId: agent, orderBy: newestFirstOrder });
    expect(expected).toHaveLength(12);
    expect(idsOf(records)).toEqual(expected);
    expect(org.requests).toHaveLength(3);
  });

  it('follows each nextLink verbatim', async () => {
    await client().getConversations({ agentId: agent, orderBy: newestFirstOrder });
    expect(pages.nextLinks).toHaveLength(3);
    expect(pages.nextLinks[2]).toBeUndefined();
    expect(org.requests.slice(1).map((request) => request.url)).toEqual(pages.nextLinks.slice(0, 2));
  });

  it('sends the same correlation id and odata.maxpagesize with every page', async () => {
    await client().getConversations({ agentId: agent }, 'paging-call');
    expect(org.requests.map((request) => request.correlationId)).toEqual(Array(3).fill('paging-call'));
    expect(pages.preferSent).toHaveLength(3);
    for (const prefer of pages.preferSent) expect(prefer).toContain('odata.maxpagesize=5000');
  });

  it('rejects the whole call when a later page fails', async () => {
    org.faults.add({ fault: { kind: 'status', status: 404 }, url: '$skiptoken' });
    const error = await caught(client().getConversations({ agentId: agent }));
    expect(error.code).toBe('NotFound');
    expect(org.requests).toHaveLength(2);
  });

  it('rejects a nextLink that is not a string as InvalidResponse', async () => {
    org.faults.add({ kind: 'raw', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ value: [], '@odata.nextLink': 42 }) });
    expect((await caught(client().getConversations({ agentId: agent }))).code).toBe('InvalidResponse');
  });
});

describe('iterateConversations', () => {
  let agent: string;
  let expected: string[];
  beforeEach(() => {
    ({ agent, expected } = arrangePagedOrg());
  });

  it('yields every record of every page, in order', async () => {
    const seen: ConversationRecord[] = [];
    for await (const conversation of client().iterateConversations({ agentId: agent, orderBy: newestFirstOrder })) seen.push(conversation);
    expect(idsOf(seen)).toEqual(expected);
    expect(org.requests).toHaveLength(3);
  });

  it('sends nothing until the first record is asked for', async () => {
    client().iterateConversations({ agentId: agent });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(org.requests).toHaveLength(0);
  });

  it('requests the next page only when the first is used up', async () => {
    const iterator = client().iterateConversations({ agentId: agent })[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) await iterator.next();
    expect(org.requests).toHaveLength(1);
    await iterator.next();
    expect(org.requests).toHaveLength(2);
  });

  it('makes one request when the caller stops after the first record', async () => {
    for await (const conversation of client().iterateConversations({ agentId: agent })) {
      expect(conversation).toHaveProperty('activityid');
      break;
    }
    expect(org.requests).toHaveLength(1);
  });

  it('makes one request when the caller stops after the last record of the first page', async () => {
    let seen = 0;
    for await (const _conversation of client().iterateConversations({ agentId: agent })) {
      if (++seen === 5) break;
    }
    expect(org.requests).toHaveLength(1);
  });

  /** Iterates, aborting right after the record numbered `abortAfter` (from 1); returns what was yielded and how it ended. */
  async function iterateAbortingAfter(abortAfter: number) {
    const controller = new AbortController();
    const seen: ConversationRecord[] = [];
    const ended = caught(
      (async () => {
        for await (const conversation of client().iterateConversations({ agentId: agent }, { signal: controller.signal, correlationId: 'iter-abort' })) {
          seen.push(conversation);
          if (seen.length === abortAfter) controller.abort();
        }
      })(),
    );
    return { seen, error: await ended };
  }

  it('ends with Aborted at the next record after an abort mid-page, yielding nothing more', async () => {
    const { seen, error } = await iterateAbortingAfter(1);
    expect(error).toMatchObject({ code: 'Aborted', correlationId: 'iter-abort' });
    expect(seen).toHaveLength(1);
    expect(org.requests).toHaveLength(1);
  });

  it('ends with Aborted after an abort on the last page, rather than finishing it', async () => {
    const { seen, error } = await iterateAbortingAfter(11); // pages of 5: the 11th record opens the last page
    expect(error.code).toBe('Aborted');
    expect(seen).toHaveLength(11);
    expect(org.requests).toHaveLength(3);
  });

  it('rejects bad input with InvalidInput on the first record, sending nothing', async () => {
    const iterator = client().iterateConversations({ agentId: 'nope' }, 'iter-corr')[Symbol.asyncIterator]();
    const error = await caught(iterator.next());
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'input.agentId', correlationId: 'iter-corr' });
    expect(org.requests).toHaveLength(0);
  });
});

describe('getConversations input errors', () => {
  const cases: [name: string, field: string, input: unknown][] = [
    ['a missing agentId', 'input.agentId', {}],
    ['a malformed agentId', 'input.agentId', { agentId: '2b330c52-6844' }],
    ['an agentId with an injected clause', 'input.agentId', { agentId: `${agentId} or 1 eq 1` }],
    ['a malformed agentID', 'input.agentID', { agentID: 12 }],
    ['a null agentId, which does not fall back to the signed-in agent', 'input.agentId', { agentId: null }],
    ['agentId and agentID naming different agents', 'input.agentID', { agentId, agentID: '2b330c52-6844-4d36-8e05-03c78c9681dc' }],
    ['an orderBy sorting by one column twice', 'input.orderBy[1].attributeName', { agentId, orderBy: [{ attributeName: 'createdon' }, { attributeName: 'CreatedOn', descending: true }] }],
    ['an orderBy item with an unknown key', 'input.orderBy[0].direction', { agentId, orderBy: [{ attributeName: 'createdon', direction: 'desc' }] }],
    ['two attributes in one string', 'input.attributes[0]', { agentId, attributes: ['msdyn_title,createdon'] }],
    ['an attribute with an injected query option', 'input.attributes[1]', { agentId, attributes: ['msdyn_title', 'x&$filter=statuscode eq 1'] }],
    ['attributes that are not an array', 'input.attributes', { agentId, attributes: 'msdyn_title' }],
    ['a status that is not a number', 'input.status[0]', { agentId, status: ['abc'] }],
    ['a fractional status', 'input.status[0]', { agentId, status: [1.5] }],
    ['a negative status', 'input.status[1]', { agentId, status: [2, -1] }],
    ['a status list with an empty entry', 'input.status[0]', { agentId, status: ['2,,3'] }],
    ['a status that is not an array', 'input.status', { agentId, status: 3 }],
    ['a negative createdBeforeDays', 'input.createdBeforeDays', { agentId, createdBeforeDays: -1 }],
    ['a fractional createdBeforeDays', 'input.createdBeforeDays', { agentId, createdBeforeDays: 1.5 }],
    ['a createdBeforeDays string', 'input.createdBeforeDays', { agentId, createdBeforeDays: '3' }],
    ['a createdBeforeDays reaching back before 1753, the earliest Dataverse date', 'input.createdBeforeDays', { agentId, createdBeforeDays: 800_000 }],
    ['an orderBy that is not an array', 'input.orderBy', { agentId, orderBy: { attributeName: 'createdon' } }],
    ['an orderBy item that is a string', 'input.orderBy[0]', { agentId, orderBy: ['createdon'] }],
    ['a descending that is not a boolean', 'input.orderBy[0].descending', { agentId, orderBy: [{ attributeName: 'createdon', descending: 'yes' }] }],
    ['an orderBy attribute with a direction in it', 'input.orderBy[0].attributeName', { agentId, orderBy: [{ attributeName: 'createdon desc' }] }],
    ['an orderBy without attributeName', 'input.orderBy[0].attributeName', { agentId, orderBy: [{ descending: true }] }],
    ['an unknown input key', 'input.top', { agentId, top: 5 }],
    ['null input', 'input', null],
    ['an array as input', 'input', [agentId]],
    ['a malformed JSON string', 'input', '{"agentId": '],
    ['a JSON string that is not an object', 'input', '"2b330c52-6844-4d36-8e05-03c78c9681dc"'],
  ];

  it.each(cases)('rejects %s with InvalidInput naming %s in field and message, sending nothing', async (_name, field, input) => {
    const error = await caught(client().getConversations(input as never));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(org.requests).toHaveLength(0);
  });

  it('puts the caller correlation id on an input error', async () => {
    const error = await caught(client().getConversations({ agentId: 'nope' }, 'corr-input'));
    expect(error.correlationId).toBe('corr-input');
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['a blank string', '   '],
    ['an options object with a numeric correlationId', { correlationId: 42 }],
    ['an options object with an empty correlationId', { correlationId: '' }],
    ['a string with a line break, which cannot be a header value', 'a\nb'],
    ['a string with non-ASCII letters', 'корреляция'],
    ['a string of 257 characters', 'c'.repeat(257)],
  ])('rejects %s as correlation id with InvalidInput, sending nothing', async (_name, correlation) => {
    const events: string[] = [];
    const error = await caught(client({ onTelemetry: (event) => events.push(event.type) }).getConversations({ agentId }, correlation as never));
    expect(events).toEqual([]);
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('correlationId');
    expect(org.requests).toHaveLength(0);
  });

  it('rejects a signal that is not an AbortSignal with InvalidInput, sending nothing', async () => {
    const error = await caught(client().getConversations({ agentId }, { signal: 'stop' as never }));
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'signal' });
    expect(org.requests).toHaveLength(0);
  });
});

describe('the lookup columns getConversations maps to _x_value', () => {
  it('are exactly the conversation table’s lookup columns', () => {
    const lookups = Object.entries(conversationTable.columns)
      .filter(([, column]) => column.kind === 'lookup')
      .map(([name]) => name);
    expect([...conversationLookups].sort()).toEqual(lookups.sort());
  });
});
