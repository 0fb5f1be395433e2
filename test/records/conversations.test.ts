import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFindConversationsRequest } from '../../src/records/conversations.js';
import { Channel, ConversationStatus, SentimentLabel, type ConversationRecord } from '../../src/index.js';
import type { StoredRow } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { optionsOf, recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const conversations = org.store.list('msdyn_ocliveworkitem');
const ids = (rows: readonly (ConversationRecord | StoredRow)[]) => rows.map((row) => row.activityid as string).sort();
const where = (test: (row: StoredRow) => boolean) => ids(conversations.filter(test));

/** A fresh org per test that counts requests; reads that do not count use the shared one. */
function counting() {
  const fresh = seeded();
  return { org: fresh, records: recordsOf(fresh) };
}

describe('getConversation', () => {
  it('reads one conversation with every column in one request', async () => {
    const { org, records } = counting();
    const conversation = await records.getConversation(data.closedConversationId);
    expect(conversation.activityid).toBe(data.closedConversationId);
    expect(conversation.msdyn_title).toBe(org.store.get('msdyn_ocliveworkitem', data.closedConversationId)!.msdyn_title);
    expect(sent(org)).toEqual([`GET msdyn_ocliveworkitems(${data.closedConversationId})`]);
  });

  it('reads the agent, the customer and the case in the same request', async () => {
    const { org, records } = counting();
    const withCase = conversations.find(
      (row) => row._msdyn_issueid_value && row['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'contact',
    )!;
    const conversation = await records.getConversation(withCase.activityid as string, { expand: ['agent', 'customer', 'case'] });
    expect(conversation.msdyn_customer_msdyn_ocliveworkitem_contact?.contactid).toBe(withCase._msdyn_customer_value);
    expect(conversation.msdyn_customer_msdyn_ocliveworkitem_account).toBeNull();
    expect(conversation.msdyn_IssueId_msdyn_ocliveworkitem?.incidentid).toBe(withCase._msdyn_issueid_value);
    expect(org.requests).toHaveLength(1);
  });

  it('selects the columns asked for, a lookup by its logical name', async () => {
    const { org, records } = counting();
    const conversation = await records.getConversation(data.closedConversationId, { select: ['msdyn_title', 'msdyn_activeagentid'] });
    expect(optionsOf(org, 0).$select).toBe('msdyn_title,_msdyn_activeagentid_value');
    expect(conversation._msdyn_activeagentid_value).toBe(data.signedInAgentId);
  });

  it('rejects an expansion it does not know, naming it, and sends nothing', async () => {
    const { org, records } = counting();
    const error = await caught(records.getConversation(data.closedConversationId, { expand: ['owner' as never] }));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'input.expand[0]']);
    expect(org.requests).toHaveLength(0);
  });

  it('rejects an id that is not a GUID before any request', async () => {
    const { org, records } = counting();
    expect((await caught(records.getConversation("x') or true"))).field).toBe('conversationId');
    expect(org.requests).toHaveLength(0);
  });

  it('rejects NotFound for a conversation that does not exist', async () => {
    const error = await caught(recordsOf(org).getConversation('00000000-0000-4000-8000-00000000dead'));
    expect(error.code).toBe('NotFound');
  });
});

describe('findConversations filters', () => {
  const records = recordsOf(org);

  it('filters by agent', async () => {
    expect(ids(await records.findConversations({ agentId: data.signedInAgentId }))).toEqual(
      where((row) => row._msdyn_activeagentid_value === data.signedInAgentId),
    );
  });

  it('filters by several queues and a workstream', async () => {
    const queues = [data.queues[0]!.id, data.queues[2]!.id];
    const workstream = data.workstreams[0]!.id;
    const found = await records.findConversations({ queueId: queues, workstreamId: workstream });
    expect(ids(found)).toEqual(
      where((row) => queues.includes(row._msdyn_cdsqueueid_value as string) && row._msdyn_liveworkstreamid_value === workstream),
    );
    expect(found.length).toBeGreaterThan(0);
  });

  it('filters by channel through ContainValues', async () => {
    const { org, records } = counting();
    const found = await records.findConversations({ channel: [Channel.Sms, Channel.VoiceCall] });
    expect(optionsOf(org, 0).$filter).toBe(
      "Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['192340000','192440000'])",
    );
    expect(ids(found)).toEqual(where((row) => ['192340000', '192440000'].includes(row.msdyn_channel as string)));
  });

  it('filters by status', async () => {
    const found = await records.findConversations({ status: [ConversationStatus.Waiting, ConversationStatus.WrapUp] });
    expect(ids(found)).toEqual(where((row) => row.statuscode === 3 || row.statuscode === 5));
  });

  it('filters by created range, from included and to excluded', async () => {
    const sorted = [...conversations].sort((a, b) => String(a.createdon).localeCompare(String(b.createdon)));
    const [from, to] = [sorted[5]!.createdon as string, sorted[15]!.createdon as string];
    const found = await records.findConversations({ created: { from, to } });
    expect(ids(found)).toEqual(ids(sorted.slice(5, 15)));
  });

  it('filters by closed range and leaves open conversations out', async () => {
    const found = await records.findConversations({ closed: { from: '2026-01-01', to: new Date('2026-03-01T12:00:00Z') } });
    expect(ids(found)).toEqual(where((row) => row.msdyn_closedon !== null));
  });

  it('finds sentiment at or below a label, never conversations without sentiment', async () => {
    const found = await records.findConversations({ sentimentAtOrBelow: SentimentLabel.Negative });
    expect(ids(found)).toEqual(
      where((row) => (row.msdyn_customersentimentlabel as number) >= 7 && (row.msdyn_customersentimentlabel as number) <= 8),
    );
    expect(found.length).toBeGreaterThan(0);
  });

  it('filters by linked case and by linked customer', async () => {
    const withCase = conversations.find((row) => row._msdyn_issueid_value)!;
    expect(ids(await records.findConversations({ caseId: withCase._msdyn_issueid_value as string }))).toEqual(
      where((row) => row._msdyn_issueid_value === withCase._msdyn_issueid_value),
    );
    const customer = withCase._msdyn_customer_value as string;
    expect(ids(await records.findConversations({ customerId: customer }))).toEqual(where((row) => row._msdyn_customer_value === customer));
  });

  it('returns the default columns, newest first', async () => {
    const { org, records } = counting();
    const found = await records.findConversations({ status: ConversationStatus.Closed });
    expect(optionsOf(org, 0).$orderby).toBe('createdon desc');
    const created = found.map((row) => row.createdon!);
    expect(created).toEqual([...created].sort().reverse());
    expect(Object.keys(found[0]!)).toContain('_msdyn_cdsqueueid_value');
  });
});

describe('findConversations reading', () => {
  it('reads page by page with the page size asked for', async () => {
    const { org, records } = counting();
    const sizes: number[] = [];
    for await (const page of records.findConversations({ pageSize: 15 }).pages()) sizes.push(page.length);
    expect(sizes).toEqual([15, 15, 10]);
    expect(org.requests).toHaveLength(3);
    expect(org.requests.map((request) => request.headers.get('prefer'))).toEqual(
      Array(3).fill('odata.include-annotations="*",odata.maxpagesize=15'),
    );
  });

  it('yields one record at a time and sends nothing more once the caller stops', async () => {
    const { org, records } = counting();
    const seen: string[] = [];
    for await (const conversation of records.findConversations({ pageSize: 10 })) {
      seen.push(conversation.activityid!);
      if (seen.length === 12) break;
    }
    expect(seen).toHaveLength(12);
    expect(org.requests).toHaveLength(2);
  });

  it('sends nothing until it is awaited or iterated', async () => {
    const { org, records } = counting();
    const list = records.findConversations({ status: 4 });
    await Promise.resolve();
    expect(org.requests).toHaveLength(0);
    await list;
    expect(org.requests).toHaveLength(1);
  });

  it('reads once when awaited twice', async () => {
    const { org, records } = counting();
    const list = records.findConversations({ status: 4 });
    expect(await list).toEqual(await list);
    expect(org.requests).toHaveLength(1);
  });

  it('ends an iteration with Aborted when the signal fires', async () => {
    const { records } = counting();
    const controller = new AbortController();
    const error = await caught(
      (async () => {
        for await (const _ of records.findConversations({ pageSize: 10 }, { signal: controller.signal })) controller.abort();
      })(),
    );
    expect(error.code).toBe('Aborted');
  });

  it('carries the correlation id on every page request', async () => {
    const { org, records } = counting();
    await records.findConversations({ pageSize: 20 }, { correlationId: 'dashboard-1' });
    expect(org.requests.map((request) => request.correlationId)).toEqual(['dashboard-1', 'dashboard-1']);
  });
});

describe('findConversations input', () => {
  const rejects = async (query: object, field: string) => {
    const { org, records } = counting();
    const error = await caught(Promise.resolve(records.findConversations(query as never)));
    expect([error.code, error.field]).toEqual(['InvalidInput', field]);
    expect(org.requests).toHaveLength(0);
  };

  it('rejects an agent that is not a GUID', () => rejects({ agentId: "' or 1 eq 1" }, 'query.agentId'));
  it('rejects a queue list holding a non-GUID, naming the item', () => rejects({ queueId: [data.queues[0]!.id, 'x'] }, 'query.queueId[1]'));
  it('rejects a channel that is not a whole number', () => rejects({ channel: ['192360000'] }, 'query.channel'));
  it('rejects a sentiment that is no label', () => rejects({ sentimentAtOrBelow: 5 }, 'query.sentimentAtOrBelow'));
  it('rejects a date that is not ISO 8601', () => rejects({ created: { from: '03/01/2026' } }, 'query.created.from'));
  it('rejects a date-time without its offset', () => rejects({ closed: { to: '2026-03-01T10:00' } }, 'query.closed.to'));
  it('rejects a range that ends before it starts', () =>
    rejects({ created: { from: '2026-03-01', to: '2026-02-01' } }, 'query.created.to'));
  it('rejects a column list that smuggles an option', () => rejects({ select: ['msdyn_title&$filter=1 eq 1'] }, 'query.select[0]'));
  it('rejects a sort column with a direction inside', () =>
    rejects({ orderBy: [{ column: 'createdon desc' }] }, 'query.orderBy[0].column'));
  it('rejects a page size over 5000', () => rejects({ pageSize: 5001 }, 'query.pageSize'));
  it('rejects a filter it does not know', () => rejects({ owner: data.signedInAgentId }, 'query.owner'));
});

describe('findConversations query building', () => {
  it('never lets a string reach the URL unless it is a GUID, and adds no option', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (agent, column) => {
        let url: string;
        try {
          url = buildFindConversationsRequest({ agentId: agent, select: [column] }).url;
        } catch (error) {
          expect((error as { code?: string }).code).toBe('InvalidInput');
          return;
        }
        expect(agent.trim()).toMatch(/^\{?[0-9a-f-]{36}\}?$/i);
        expect(column).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect([...new URL(url, 'https://org.example/').searchParams.keys()]).toEqual(['$select', '$filter', '$orderby']);
      }),
    );
  });
});
