import { describe, expect, it } from 'vitest';
import type { StorageReport } from '../../src/index.js';
import type { OrgEmulator, StoredRow } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

/** Counts and bytes of transcript and attachment notes, grouped by `keyOf` (undefined: left out), as the store holds them. */
function expected(org: OrgEmulator, keyOf: (note: StoredRow, conversation: StoredRow | undefined) => string | undefined) {
  const transcripts = new Map(org.store.list('msdyn_transcript').map((row) => [row.msdyn_transcriptid, row._msdyn_liveworkitemidid_value]));
  const groups: Record<string, { transcripts: [number, number]; attachments: [number, number] }> = {};
  for (const note of org.store.list('annotation')) {
    if (!note.isdocument || (note.objecttypecode !== 'msdyn_transcript' && note.objecttypecode !== 'msdyn_ocliveworkitem')) continue;
    const kind = note.objecttypecode === 'msdyn_transcript' ? 'transcripts' : 'attachments';
    const conversationId = kind === 'transcripts' ? transcripts.get(note._objectid_value) : note._objectid_value;
    const key = keyOf(note, org.store.get('msdyn_ocliveworkitem', conversationId as string));
    if (key === undefined) continue;
    const group = (groups[key] ??= { transcripts: [0, 0], attachments: [0, 0] });
    group[kind][0]++;
    group[kind][1] += note.filesize as number;
  }
  return groups;
}

/** A report's groups in the shape of {@link expected}. */
function actual(report: StorageReport) {
  return Object.fromEntries(
    report.groups.map((group) => [
      group.key,
      { transcripts: [group.transcripts.notes, group.transcripts.bytes], attachments: [group.attachments.notes, group.attachments.bytes] },
    ]),
  );
}

const org = seeded();
const records = recordsOf(org);

describe('storageReport by month', () => {
  it('sums transcript and attachment notes per month they were stored, by server-side aggregates', async () => {
    const fresh = seeded();
    const report = await recordsOf(fresh).storageReport({ groupBy: 'month' });
    expect(actual(report)).toEqual(expected(fresh, (note) => (note.createdon as string).slice(0, 7)));
    expect(report.groups.map((group) => group.key)).toEqual(['2026-02', '2026-03']);
    const requests = sent(fresh);
    // The first and last note dates, then one aggregate per month.
    expect(requests).toHaveLength(2 + report.groups.length);
    expect(
      requests
        .slice(2)
        .every(
          (request) =>
            request.includes('$apply=filter(') &&
            request.includes('groupby((objecttypecode),aggregate($count as notes,filesize with sum as bytes))'),
        ),
    ).toBe(true);
  });

  it('totals every group', async () => {
    const report = await records.storageReport({ groupBy: 'month' });
    const sum = (kind: 'transcripts' | 'attachments') => report.groups.reduce((total, group) => total + group[kind].bytes, 0);
    expect(report.total.transcripts.bytes).toBe(sum('transcripts'));
    expect(report.total.attachments).toEqual({ notes: 7, bytes: sum('attachments') });
  });

  it('keeps only the notes of conversations closed before a date', async () => {
    const closedBefore = '2026-02-20T00:00:00Z';
    const report = await records.storageReport({ groupBy: 'month', closedBefore });
    expect(actual(report)).toEqual(
      expected(org, (note, conversation) =>
        conversation?.msdyn_closedon && (conversation.msdyn_closedon as string) < closedBefore
          ? (note.createdon as string).slice(0, 7)
          : undefined,
      ),
    );
  });

  it('answers an org without notes with no groups, after two requests', async () => {
    const fresh = seeded();
    for (const note of fresh.store.list('annotation')) fresh.store.delete('annotation', note.annotationid as string);
    const report = await recordsOf(fresh).storageReport({ groupBy: 'month' });
    expect(report).toEqual({
      groupBy: 'month',
      groups: [],
      total: { transcripts: { notes: 0, bytes: 0 }, attachments: { notes: 0, bytes: 0 } },
    });
    expect(fresh.requests).toHaveLength(2);
  });
});

describe('storageReport by channel and queue', () => {
  it('joins the per-conversation aggregates to the conversations’ channels', async () => {
    const report = await records.storageReport({ groupBy: 'channel' });
    expect(actual(report)).toEqual(expected(org, (_, conversation) => (conversation ? String(conversation.msdyn_channel) : '-')));
    expect(report.groups.find((group) => group.key === '192360000')!.label).toBe('Live chat');
  });

  it('groups by queue, labelled by the queue’s name', async () => {
    const report = await records.storageReport({ groupBy: 'queue' });
    expect(actual(report)).toEqual(expected(org, (_, conversation) => (conversation ? String(conversation._msdyn_cdsqueueid_value) : '-')));
    expect(report.groups.map((group) => group.label)).toEqual(['Billing', 'Technical support', 'VIP']);
  });

  it('sends the range, the conversations, the transcript rows and one aggregate', async () => {
    const fresh = seeded();
    await recordsOf(fresh).storageReport({ groupBy: 'queue', closedBefore: new Date('2026-03-01T00:00:00Z') });
    const requests = sent(fresh).map((request) => request.replace(/\?.*/, (q) => (q.includes('$apply') ? '?$apply' : '')));
    expect(requests.sort()).toEqual(
      ['GET annotations', 'GET annotations', 'GET annotations?$apply', 'GET msdyn_ocliveworkitems', 'GET msdyn_transcripts'].sort(),
    );
    expect(sent(fresh).find((request) => request.includes('$apply'))).toContain('groupby((objecttypecode,_objectid_value)');
  });

  it('puts the notes of a conversation that is gone in their own group', async () => {
    const fresh = seeded();
    fresh.store.delete('msdyn_ocliveworkitem', fresh.seedData!.conversationWithTranscriptId);
    const report = await recordsOf(fresh).storageReport({ groupBy: 'channel' });
    expect(report.groups.find((group) => group.key === '-')).toMatchObject({
      label: '(no conversation)',
      transcripts: { notes: 1 },
      attachments: { notes: 1 },
    });
  });
});

describe('storageReport and the 50,000-record limit', () => {
  it('halves a window Dataverse refuses to aggregate and adds the halves up', async () => {
    const fresh = seeded();
    const plain = await recordsOf(fresh).storageReport({ groupBy: 'channel' });
    const before = fresh.requests.length;
    fresh.faults.add({
      fault: {
        kind: 'status',
        status: 400,
        code: '0x8004E023',
        message: 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.',
      },
      url: '$apply',
    });
    const split = await recordsOf(fresh).storageReport({ groupBy: 'channel' });
    expect(split).toEqual(plain);
    // The refused aggregate and one more: the window asked again as two halves.
    expect(fresh.requests.length - before).toBe(before + 2);
  });

  it('passes on any other failure of an aggregate', async () => {
    const fresh = seeded();
    fresh.faults.add({ fault: { kind: 'status', status: 400, code: '0x80060888', message: 'bad' }, url: '$apply' });
    expect((await caught(recordsOf(fresh).storageReport({ groupBy: 'month' }))).code).toBe('BadRequest');
  });
});

describe('storageReport input', () => {
  it('rejects a grouping it does not know, and sends nothing', async () => {
    const fresh = seeded();
    const error = await caught(recordsOf(fresh).storageReport({ groupBy: 'agent' as never }));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'input.groupBy']);
    expect(fresh.requests).toHaveLength(0);
  });

  it('rejects closedBefore that is not a date', async () => {
    expect((await caught(records.storageReport({ groupBy: 'month', closedBefore: 'last year' }))).field).toBe('input.closedBefore');
  });
});
