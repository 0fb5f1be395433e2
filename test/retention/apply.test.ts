// retention.apply in batch mode: deletes exactly the plan's notes through $batch, continues past
// failures, resumes after an interruption, and keeps the notes of conversations that reopened.
import { describe, expect, it } from 'vitest';
import type { ApplyProgress, RetentionPlan } from '../../src/index.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { type PartFault, batchRecorder } from './batchFaults.js';
import { type ArrangedConversation, addClosedConversation, clientFor, noteIds, planNoteIds, seededOrg } from './support.js';

const both = ['transcripts', 'attachments'] as const;

/** A seeded org with 12 conversations closed 200+ days ago (24 notes), and their plan. */
async function arranged(faults?: Map<string, PartFault>, before?: (request: Request) => void | Promise<void>) {
  const org = seededOrg();
  const conversations: ArrangedConversation[] = [];
  for (let index = 0; index < 12; index++) conversations.push(addClosedConversation(org, { closedDaysAgo: 300 - index * 10 }));
  const recorder = batchRecorder(org, faults, before);
  const client = clientFor(org, { fetch: recorder.fetch });
  const plan = await client.retention.plan({ olderThanDays: 90, include: [...both] });
  org.requests.length = 0;
  return { org, conversations, client, plan, batches: recorder.batches };
}

function remainingOf(org: OrgEmulator, plan: RetentionPlan): string[] {
  const left = noteIds(org);
  return planNoteIds(plan).filter((id) => left.has(id));
}

describe('retention.apply (batch)', () => {
  it('deletes exactly the plan’s notes across several batches, and nothing else', async () => {
    const { org, plan, client, batches } = await arranged();
    expect(plan.summary.count).toBe(24);
    const before = noteIds(org);
    const progress: ApplyProgress[] = [];
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 5, onProgress: (p) => progress.push(p) });

    expect(report.outcome).toBe('completed');
    expect(report.deleted.map((note) => note.id).sort()).toEqual(planNoteIds(plan).sort());
    expect([report.alreadyDeleted, report.kept, report.failed, report.remaining]).toEqual([[], [], [], []]);
    expect(report.bytesDeleted).toBe(plan.summary.bytes);
    expect([...noteIds(org)].sort()).toEqual([...before].filter((id) => !planNoteIds(plan).includes(id)).sort());
    // Five $batch of DELETEs of planned notes, 5, 5, 5, 5 and 4; the rest are reads.
    expect(batches.map((batch) => batch.length)).toEqual([5, 5, 5, 5, 4]);
    expect(
      batches
        .flat()
        .map((line) => line.replace(/^DELETE \/api\/data\/v9\.2\/annotations\((.*)\)$/, '$1'))
        .sort(),
    ).toEqual(planNoteIds(plan).sort());
    expect(org.requests.filter((request) => request.method !== 'GET').every((request) => request.url.endsWith('$batch'))).toBe(true);
    expect(progress.map((p) => p.remaining)).toEqual([19, 14, 9, 4, 0]);
    expect(report.requests).toBe(org.requests.length);
  });

  it('deletes exactly the plan through 429, 503, a failing part and an abort, and a second run finishes the rest', async () => {
    const faults = new Map<string, PartFault>();
    const { org, plan, client, batches } = await arranged(faults);
    const before = noteIds(org);
    const planned = planNoteIds(plan);
    const [throttled, refused] = [planned[2]!, planned[12]!];
    faults.set(throttled, { status: 429, code: '0x80072322', headers: { 'Retry-After': '0' }, times: 1 });
    faults.set(refused, { status: 403, code: '0x80040220', message: 'Principal user is missing prvDeleteNote privilege', times: 1 });
    const controller = new AbortController();
    const progress: ApplyProgress[] = [];
    const first = await client.retention.apply(plan, {
      mode: 'batch',
      batchSize: 5,
      retryDelayMs: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        // After the first batch the next $batch is answered 503 once; after the third, Ctrl-C.
        if (progress.length === 1) org.faults.add({ fault: { kind: 'unavailable' }, url: '$batch', times: 1 });
        if (progress.length === 3) controller.abort();
      },
    });
    expect(first).toMatchObject({ outcome: 'interrupted', interruption: { code: 'Aborted' } });
    // Batch 1: five parts, the 429 sent again alone; batch 2: refused once by a 503, then sent again;
    // batch 3, with the part that fails.
    expect(batches.map((batch) => batch.length)).toEqual([5, 1, 5, 5, 5]);
    expect(first.failed).toEqual([expect.objectContaining({ id: refused, code: 'Forbidden', status: 403, dataverseCode: '0x80040220' })]);
    expect(first.deleted.map((note) => note.id)).toContain(throttled);
    expect([first.deleted.length, first.failed.length, first.remaining.length]).toEqual([14, 1, 9]);
    expect(progress.map(({ deleted, failed, remaining }) => [deleted, failed, remaining])).toEqual([
      [5, 0, 19],
      [10, 0, 14],
      [14, 1, 9],
    ]);
    // Two reads to start; then per batch one read (conversations modified since) and its $batch, sent again when refused.
    expect(progress.map((p) => p.requests)).toEqual([5, 8, 10]);
    expect(first.requests).toBe(org.requests.length);
    expect(remainingOf(org, plan).sort()).toEqual([refused, ...first.remaining.map((note) => note.id)].sort());

    org.requests.length = 0;
    const second = await client.retention.apply(plan, { mode: 'batch', batchSize: 5 });
    expect([second.outcome, second.failed, second.remaining]).toEqual(['completed', [], []]);
    expect(second.deleted.map((note) => note.id).sort()).toEqual([refused, ...first.remaining.map((note) => note.id)].sort());
    expect(second.alreadyDeleted.map((note) => note.id).sort()).toEqual(first.deleted.map((note) => note.id).sort());
    expect(second.requests).toBe(org.requests.length);
    // Exactly the plan is gone, nothing else.
    expect([...noteIds(org)].sort()).toEqual([...before].filter((id) => !planned.includes(id)).sort());
  });

  it('sends 100 deletes per batch unless told otherwise, and refuses more than 1000 before any request', async () => {
    const { org, plan, client, batches } = await arranged();
    await client.retention.apply(plan, { mode: 'batch' });
    expect(batches.map((batch) => batch.length)).toEqual([24]);
    org.requests.length = 0;
    const error = await caught(client.retention.apply(plan, { mode: 'batch', batchSize: 1001 }));
    expect([error.code, error.field, org.requests.length]).toEqual(['InvalidInput', 'options.batchSize', 0]);
  });

  it('continues past a note that cannot be deleted and reports it with its reason', async () => {
    const faults = new Map<string, PartFault>();
    const { org, plan, client } = await arranged(faults);
    const victim = planNoteIds(plan)[7]!;
    faults.set(victim, { status: 403, code: '0x80040220', message: 'Principal user is missing prvDeleteNote privilege' });
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 5 });
    expect(report.outcome).toBe('completed');
    expect(report.failed).toEqual([
      expect.objectContaining({
        id: victim,
        code: 'Forbidden',
        status: 403,
        dataverseCode: '0x80040220',
        message: expect.stringContaining('prvDeleteNote'),
      }),
    ]);
    expect(report.deleted).toHaveLength(23);
    expect(remainingOf(org, plan)).toEqual([victim]);
  });

  it('sends a throttled delete (429 in its part) again after its Retry-After, and deletes it', async () => {
    const faults = new Map<string, PartFault>();
    const { org, plan, client, batches } = await arranged(faults);
    const throttled = planNoteIds(plan)[3]!;
    faults.set(throttled, { status: 429, code: '0x80072322', headers: { 'Retry-After': '0' }, times: 1 });
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 5, retryDelayMs: 1 });
    expect(report.failed).toEqual([]);
    expect(report.deleted.map((note) => note.id)).toContain(throttled);
    expect(batches.map((batch) => batch.length)).toEqual([5, 1, 5, 5, 5, 4]);
    expect(remainingOf(org, plan)).toEqual([]);
  });

  it('sends a whole batch again after a 503, and after a 429 the transport waited out', async () => {
    const { org, plan, client } = await arranged();
    org.faults.add({ fault: { kind: 'unavailable' }, url: '$batch' });
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, url: '$batch' });
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 10, retryDelayMs: 1 });
    expect([report.outcome, report.deleted.length, report.failed.length]).toEqual(['completed', 24, 0]);
    expect(org.faults.pending).toBe(0);
    expect(remainingOf(org, plan)).toEqual([]);
  });

  it('stops with an interrupted report when a batch keeps failing, and a second run finishes the rest', async () => {
    const { org, plan, client } = await arranged();
    let added = false;
    const first = await client.retention.apply(plan, {
      mode: 'batch',
      batchSize: 10,
      retryDelayMs: 1,
      onProgress: () => {
        if (added) return;
        added = true;
        org.faults.add({ fault: { kind: 'unavailable' }, url: '$batch', times: 4 });
      },
    });
    expect(first.outcome).toBe('interrupted');
    expect(first.interruption).toMatchObject({ code: 'ServerError' });
    expect([first.deleted.length, first.remaining.length]).toEqual([10, 14]);
    expect(remainingOf(org, plan)).toHaveLength(14);

    const second = await client.retention.apply(plan, { mode: 'batch', batchSize: 10 });
    expect([second.outcome, second.deleted.length, second.alreadyDeleted.length, second.remaining.length]).toEqual([
      'completed',
      14,
      10,
      0,
    ]);
    expect(remainingOf(org, plan)).toEqual([]);
  });

  it('stops cleanly between batches when aborted, reports what was done, and a second run deletes only what is left', async () => {
    const { org, plan, client, batches } = await arranged();
    const controller = new AbortController();
    const first = await client.retention.apply(plan, {
      mode: 'batch',
      batchSize: 5,
      signal: controller.signal,
      onProgress: (p) => p.deleted === 10 && controller.abort(),
    });
    expect(first).toMatchObject({ outcome: 'interrupted', interruption: { code: 'Aborted' } });
    expect([first.deleted.length, first.remaining.length]).toEqual([10, 14]);
    expect(remainingOf(org, plan).sort()).toEqual(first.remaining.map((note) => note.id).sort());

    batches.length = 0;
    const second = await client.retention.apply(plan, { mode: 'batch', batchSize: 5 });
    expect([second.deleted.length, second.alreadyDeleted.length]).toEqual([14, 10]);
    expect(second.deleted.map((note) => note.id).sort()).toEqual(first.remaining.map((note) => note.id).sort());
    expect(remainingOf(org, plan)).toEqual([]);
  });

  it('reports the notes of a batch aborted in flight as remaining', async () => {
    const controller = new AbortController();
    let seen = 0;
    const { org, plan, client } = await arranged(undefined, (request) => {
      if (request.method === 'POST' && ++seen === 2) controller.abort();
    });
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 5, signal: controller.signal });
    expect(report.interruption?.code).toBe('Aborted');
    expect([report.deleted.length, report.remaining.length]).toEqual([5, 19]);
    expect(remainingOf(org, plan)).toHaveLength(19);
  });

  it('counts a note already gone (404) as deleted', async () => {
    const { org, plan, client } = await arranged();
    const gone = planNoteIds(plan)[0]!;
    org.store.delete('annotation', gone);
    const report = await client.retention.apply(plan, { mode: 'batch' });
    expect(report.alreadyDeleted.map((note) => note.id)).toEqual([gone]);
    expect([report.outcome, report.deleted.length, report.failed.length]).toEqual(['completed', 23, 0]);
  });

  it('keeps the notes of a conversation that reopened since the plan was made', async () => {
    const { org, plan, client, conversations } = await arranged();
    const reopened = conversations[4]!;
    org.store.update('msdyn_ocliveworkitem', reopened.id, { statuscode: 2 });
    const report = await client.retention.apply(plan, { mode: 'batch', batchSize: 5 });
    const kept = [reopened.transcriptNoteId, ...reopened.attachmentNoteIds];
    expect(report.kept).toEqual(kept.map((id) => expect.objectContaining({ id, conversationId: reopened.id, reason: 'reopened' })));
    expect(remainingOf(org, plan).sort()).toEqual(kept.sort());
  });

  it('keeps the notes of a conversation that reopens while the plan is being applied', async () => {
    const { org, plan, client, conversations } = await arranged();
    // Planned oldest close first: the last conversation's notes are in the last batch.
    const late = conversations[11]!;
    expect(plan.conversations.at(-1)!.id).toBe(late.id);
    const report = await client.retention.apply(plan, {
      mode: 'batch',
      batchSize: 5,
      onProgress: (p) => p.deleted === 5 && org.store.update('msdyn_ocliveworkitem', late.id, { statuscode: 2 }),
    });
    expect(report.kept.map((note) => note.id).sort()).toEqual([late.transcriptNoteId, ...late.attachmentNoteIds].sort());
    expect(report.deleted).toHaveLength(22);
  });

  it('keeps the notes of a conversation closed again since the plan (its close date is too recent now)', async () => {
    const { org, plan, client, conversations } = await arranged();
    const again = conversations[0]!;
    org.store.update('msdyn_ocliveworkitem', again.id, { statuscode: 2 });
    org.store.update('msdyn_ocliveworkitem', again.id, { statuscode: 4, msdyn_closedon: '2026-03-01T11:00:00Z' });
    const report = await client.retention.apply(plan, { mode: 'batch' });
    expect(report.kept.map((note) => note.conversationId)).toEqual([again.id, again.id]);
  });

  it('touches nothing outside the plan: notes added since, typed notes and open conversations stay', async () => {
    const { org, plan, client, conversations } = await arranged();
    const open = addClosedConversation(org, { closedDaysAgo: 400, statuscode: 2 });
    const added = org.store.create('annotation', {
      subject: 'late.png',
      objectid: { table: 'msdyn_ocliveworkitem', id: conversations[0]!.id },
      objecttypecode: 'msdyn_ocliveworkitem',
      isdocument: true,
      filesize: 10,
    });
    await client.retention.apply(plan, { mode: 'batch', batchSize: 7 });
    const left = noteIds(org);
    for (const id of [added, open.transcriptNoteId, ...open.attachmentNoteIds, ...conversations.map((c) => c.typedNoteId)])
      expect(left.has(id)).toBe(true);
    expect(org.store.list('msdyn_transcript').length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['another org', (plan: RetentionPlan) => ({ ...plan, orgUrl: 'https://fabrikam.crm.dynamics.com' }), 'plan.orgUrl'],
    ['no plan marker', (plan: RetentionPlan) => ({ ...plan, kind: undefined }), 'plan.kind'],
    [
      'a note id that is not a GUID',
      (plan: RetentionPlan) => ({
        ...plan,
        conversations: [{ ...plan.conversations[0]!, notes: [{ id: "x') or (1", kind: 'transcript', bytes: 1 }] }],
      }),
      'plan.conversations[0].notes[0].id',
    ],
    [
      'a note of a kind the criteria leave out',
      (plan: RetentionPlan) => ({ ...plan, criteria: { ...plan.criteria, include: ['attachments'] } }),
      'plan.conversations[0].notes[0].kind',
    ],
    [
      'a note listed twice',
      (plan: RetentionPlan) => ({ ...plan, conversations: [plan.conversations[0]!, plan.conversations[0]!] }),
      'plan.conversations[1].notes[0].id',
    ],
  ])('refuses a plan with %s as InvalidInput, before any request', async (_what, edit, field) => {
    const { org, plan, client } = await arranged();
    const error = await caught(client.retention.apply(edit(plan) as RetentionPlan, { mode: 'batch' }));
    expect([error.code, error.field, org.requests.length]).toEqual(['InvalidInput', field, 0]);
  });

  it('refuses a mode it does not know', async () => {
    const { plan, client } = await arranged();
    expect((await caught(client.retention.apply(plan, { mode: 'fast' } as never))).field).toBe('options.mode');
  });
});
