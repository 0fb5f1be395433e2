// retention.plan: a dry run that names exactly the transcript and attachment notes of
// conversations closed more than N days ago, with counts and bytes, and deletes nothing.
import { describe, expect, it } from 'vitest';
import { Channel, ConversationState, type RetentionPlan } from '../../src/index.js';
import { caught } from '../support/caught.js';
import { addClosedConversation, clientFor, noteIds, now, planNoteIds, seededOrg } from './support.js';

const both = ['transcripts', 'attachments'] as const;
const dayMs = 86_400_000;

describe('retention.plan', () => {
  it('lists the transcript and attachment notes of conversations closed more than N days ago, with counts and bytes', async () => {
    const org = seededOrg();
    const old = addClosedConversation(org, { closedDaysAgo: 120, attachments: 2 });
    const client = clientFor(org);
    const plan = await client.retention.plan({ olderThanDays: 90, include: [...both] });
    expect(plan.conversations).toEqual([
      {
        id: old.id,
        closedOn: expect.any(String),
        notes: [
          { id: old.transcriptNoteId, kind: 'transcript', bytes: 1000 },
          { id: old.attachmentNoteIds[0], kind: 'attachment', bytes: 5000 },
          { id: old.attachmentNoteIds[1], kind: 'attachment', bytes: 5000 },
        ],
      },
    ]);
    expect(plan.summary).toEqual({
      conversations: 1,
      count: 3,
      bytes: 11_000,
      transcripts: { count: 1, bytes: 1000 },
      attachments: { count: 2, bytes: 10_000 },
    });
    expect(plan.criteria).toEqual({
      olderThanDays: 90,
      include: [...both],
      closedBefore: new Date(now.getTime() - 90 * dayMs).toISOString(),
    });
    expect(plan).toMatchObject({
      kind: 'omnichannel-sdk/retention-plan',
      version: 1,
      orgUrl: 'https://contoso.crm.dynamics.com',
      createdOn: now.toISOString(),
    });
  });

  it('never includes a note of a conversation that is not closed, whatever its age', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    // Open, active, waiting, wrap-up (state Open), resolved and scheduled conversations, all ancient.
    const notClosed = [1, 2, 3, 5, 6, 7].map((statuscode) => addClosedConversation(org, { closedDaysAgo: 3000, statuscode }));
    const plan = await client.retention.plan({ olderThanDays: 1, include: [...both] });
    const planned = new Set(plan.conversations.map((conversation) => conversation.id));
    for (const conversation of notClosed) expect(planned.has(conversation.id)).toBe(false);
    for (const id of planned) expect(org.store.get('msdyn_ocliveworkitem', id)!.statecode).toBe(ConversationState.Closed);
    // …and every planned note belongs to its planned conversation, directly or through its transcript.
    const transcriptOf = new Map(
      org.store.list('msdyn_transcript').map((row) => [row.msdyn_transcriptid, row._msdyn_liveworkitemidid_value]),
    );
    for (const conversation of plan.conversations) {
      for (const note of conversation.notes) {
        const row = org.store.get('annotation', note.id)!;
        const parent = note.kind === 'transcript' ? transcriptOf.get(row._objectid_value) : row._objectid_value;
        expect(parent).toBe(conversation.id);
      }
    }
  });

  it('keeps conversations closed N days ago or less out of the plan', async () => {
    const org = seededOrg();
    const recent = addClosedConversation(org, { closedDaysAgo: 89 });
    const old = addClosedConversation(org, { closedDaysAgo: 91 });
    const plan = await clientFor(org).retention.plan({ olderThanDays: 90, include: [...both] });
    expect(plan.conversations.map((conversation) => conversation.id)).toEqual([old.id]);
    expect(planNoteIds(plan)).not.toContain(recent.transcriptNoteId);
  });

  it('never includes a note without a file (what an agent typed on the conversation)', async () => {
    const org = seededOrg();
    const old = addClosedConversation(org, { closedDaysAgo: 200 });
    const plan = await clientFor(org).retention.plan({ olderThanDays: 90, include: [...both] });
    expect(planNoteIds(plan)).not.toContain(old.typedNoteId);
  });

  it('plans one kind when asked for one', async () => {
    const org = seededOrg();
    const old = addClosedConversation(org, { closedDaysAgo: 200 });
    const transcripts = await clientFor(org).retention.plan({ olderThanDays: 90, include: ['transcripts'] });
    const attachments = await clientFor(org).retention.plan({ olderThanDays: 90, include: ['attachments'] });
    expect(planNoteIds(transcripts)).toEqual([old.transcriptNoteId]);
    expect(planNoteIds(attachments)).toEqual(old.attachmentNoteIds);
    expect(attachments.summary.transcripts).toEqual({ count: 0, bytes: 0 });
  });

  it('narrows to channels and queues', async () => {
    const org = seededOrg();
    const [queue] = org.seedData!.queues;
    addClosedConversation(org, { closedDaysAgo: 200, channel: Channel.LiveChat });
    const sms = addClosedConversation(org, { closedDaysAgo: 200, channel: Channel.Sms });
    org.store.update('msdyn_ocliveworkitem', sms.id, { msdyn_cdsqueueid: queue!.id });
    const client = clientFor(org);
    const bySms = await client.retention.plan({ olderThanDays: 90, include: [...both], channels: [Channel.Sms] });
    const byQueue = await client.retention.plan({ olderThanDays: 90, include: [...both], queues: [queue!.id.toUpperCase()] });
    expect(bySms.conversations.map((c) => c.id)).toEqual([sms.id]);
    expect(byQueue.conversations.map((c) => c.id)).toEqual([sms.id]);
    expect(bySms.criteria.channels).toEqual([Channel.Sms]);
    expect(byQueue.criteria.queues).toEqual([queue!.id]);
  });

  it('deletes nothing and sends only GETs, one per table read', async () => {
    const org = seededOrg();
    addClosedConversation(org, { closedDaysAgo: 200 });
    const before = noteIds(org);
    const progress: string[] = [];
    await clientFor(org).retention.plan(
      { olderThanDays: 1, include: [...both] },
      { onProgress: (p) => progress.push(`${p.phase}:${p.requests}`) },
    );
    expect(noteIds(org)).toEqual(before);
    expect(org.requests.map((request) => `${request.method} ${new URL(request.url).pathname.split('/').pop()}`)).toEqual([
      'GET msdyn_ocliveworkitems',
      'GET msdyn_transcripts',
      'GET annotations',
      'GET annotations',
    ]);
    expect(progress).toEqual(['conversations:1', 'transcripts:2', 'transcript-notes:3', 'attachment-notes:4']);
  });

  it('is a plain object that survives JSON', async () => {
    const org = seededOrg();
    const plan = await clientFor(org).retention.plan({ olderThanDays: 1, include: [...both] });
    expect(plan.summary.count).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(plan)) as RetentionPlan).toEqual(plan);
  });

  it('sends no request when an org has no closed conversation old enough beyond the first query', async () => {
    const org = seededOrg();
    const plan = await clientFor(org).retention.plan({ olderThanDays: 3650, include: [...both] });
    expect(plan.conversations).toEqual([]);
    expect(org.requests).toHaveLength(1);
  });

  it.each([
    [{ olderThanDays: 0, include: ['transcripts'] }, 'criteria.olderThanDays'],
    [{ olderThanDays: 1.5, include: ['transcripts'] }, 'criteria.olderThanDays'],
    [{ olderThanDays: 90, include: [] }, 'criteria.include'],
    [{ olderThanDays: 90, include: ['notes'] }, 'criteria.include[0]'],
    [{ olderThanDays: 90, include: ['transcripts'], channels: ['chat'] }, 'criteria.channels[0]'],
    [{ olderThanDays: 90, include: ['transcripts'], queues: ["x' or 1 eq 1"] }, 'criteria.queues[0]'],
    [{ olderThanDays: 90, include: ['transcripts'], olderThan: 3 }, 'criteria.olderThan'],
  ])('rejects %j as InvalidInput naming %s, before any request', async (criteria, field) => {
    const org = seededOrg();
    const error = await caught(clientFor(org).retention.plan(criteria as never));
    expect([error.code, error.field]).toEqual(['InvalidInput', field]);
    expect(org.requests).toHaveLength(0);
  });
});
