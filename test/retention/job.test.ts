// Job mode: the plan's criteria handed to Dataverse as a BulkDelete job, then watched through
// the system job and its bulk-delete operation until it ends. The emulator runs the job when
// the test steps it (here: after each poll).
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { addClosedConversation, clientFor, noteIds, now, planNoteIds, seededOrg } from './support.js';

const both = ['transcripts', 'attachments'] as const;
const dayMs = 86_400_000;

async function arranged() {
  const org = seededOrg();
  const conversations = Array.from({ length: 6 }, (_, index) => addClosedConversation(org, { closedDaysAgo: 200 + index, attachments: 2 }));
  const client = clientFor(org);
  const plan = await client.retention.plan({ olderThanDays: 90, include: [...both] });
  org.requests.length = 0;
  return { org, client, plan, conversations };
}

describe('retention.apply (job) and submitBulkDelete', () => {
  it('submits one BulkDelete with a QuerySet per kind of note, linked to the conversation’s closed state and close date', async () => {
    const { org, client, plan } = await arranged();
    const job = await client.retention.apply(plan, { mode: 'job' });
    expect(org.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(['POST /api/data/v9.2/BulkDelete']);
    expect(job).toMatchObject({
      mode: 'job',
      jobName: 'Omnichannel retention: transcripts and attachments of conversations closed over 90 days ago',
      recurrence: '',
      startAt: now.toISOString(),
      requests: 1,
    });
    const conversation = {
      FilterOperator: 'And',
      Conditions: [
        { AttributeName: 'statecode', Operator: 'Equal', Values: [{ Type: 'System.Int32', Value: '1' }] },
        { AttributeName: 'msdyn_closedon', Operator: 'LessThan', Values: [{ Type: 'System.DateTime', Value: plan.criteria.closedBefore }] },
      ],
    };
    expect(job.querySet).toEqual([
      {
        '@odata.type': 'Microsoft.Dynamics.CRM.QueryExpression',
        EntityName: 'annotation',
        ColumnSet: { AllColumns: false, Columns: ['annotationid'] },
        Criteria: {
          FilterOperator: 'And',
          Conditions: [
            { AttributeName: 'objecttypecode', Operator: 'Equal', Values: [{ Type: 'System.String', Value: 'msdyn_transcript' }] },
          ],
        },
        LinkEntities: [
          {
            LinkFromEntityName: 'annotation',
            LinkFromAttributeName: 'objectid',
            LinkToEntityName: 'msdyn_transcript',
            LinkToAttributeName: 'msdyn_transcriptid',
            JoinOperator: 'Inner',
            LinkEntities: [
              {
                LinkFromEntityName: 'msdyn_transcript',
                LinkFromAttributeName: 'msdyn_liveworkitemidid',
                LinkToEntityName: 'msdyn_ocliveworkitem',
                LinkToAttributeName: 'activityid',
                JoinOperator: 'Inner',
                LinkCriteria: conversation,
              },
            ],
          },
        ],
      },
      {
        '@odata.type': 'Microsoft.Dynamics.CRM.QueryExpression',
        EntityName: 'annotation',
        ColumnSet: { AllColumns: false, Columns: ['annotationid'] },
        Criteria: {
          FilterOperator: 'And',
          Conditions: [
            { AttributeName: 'objecttypecode', Operator: 'Equal', Values: [{ Type: 'System.String', Value: 'msdyn_ocliveworkitem' }] },
            { AttributeName: 'isdocument', Operator: 'Equal', Values: [{ Type: 'System.Boolean', Value: 'true' }] },
          ],
        },
        LinkEntities: [
          {
            LinkFromEntityName: 'annotation',
            LinkFromAttributeName: 'objectid',
            LinkToEntityName: 'msdyn_ocliveworkitem',
            LinkToAttributeName: 'activityid',
            JoinOperator: 'Inner',
            LinkCriteria: conversation,
          },
        ],
      },
    ]);
    expect(org.store.get('asyncoperation', job.jobId)).toMatchObject({ operationtype: 13, statecode: 0, statuscode: 0, name: job.jobName });
  });

  it('watches the job from submit to success: the system job’s states, then its counts', async () => {
    const { org, client, plan } = await arranged();
    org.jobs.batchSize = 5;
    const job = await client.retention.apply(plan, { mode: 'job' });
    const seen: JobProgress[] = [];
    const outcome = await client.retention.watchJob(job.jobId, {
      intervalMs: 0,
      onProgress: (progress) => {
        seen.push(progress);
        org.jobs.step();
      },
    });
    expect(seen.map((p) => [p.statusLabel, p.successCount])).toEqual([
      ['Waiting For Resources', undefined], // the bulk-delete operation does not exist yet
      ['In Progress', 0],
      ['In Progress', 5],
      ['In Progress', 10],
      ['In Progress', 15],
      ['Succeeded', 18],
    ]);
    expect(outcome).toMatchObject({
      outcome: 'succeeded',
      successCount: 18,
      failureCount: 0,
      failures: [],
      polls: 6,
      requests: 6,
      completedOn: '2026-03-01T12:00:00Z',
    });
    // The job deleted exactly what the plan listed.
    const left = noteIds(org);
    expect(planNoteIds(plan).filter((id) => left.has(id))).toEqual([]);
    expect(org.store.list('bulkdeleteoperation')).toEqual([
      expect.objectContaining({ statecode: 3, statuscode: 30, successcount: 18, _asyncoperationid_value: job.jobId }),
    ]);
  });

  it('reports a partial failure with the records that failed', async () => {
    const { org, client, plan, conversations } = await arranged();
    const locked = conversations[2]!.attachmentNoteIds[1]!;
    org.jobs.failWhen = ({ id }) => (id === locked ? 'The record is locked by another transaction.' : undefined);
    const job = await client.retention.submitBulkDelete(plan);
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0, onProgress: () => org.jobs.step() });
    expect(outcome).toMatchObject({ outcome: 'partial', successCount: 17, failureCount: 1 });
    expect(outcome.failures).toEqual([
      { recordId: locked, table: 'annotation', errorNumber: -2147220891, description: 'The record is locked by another transaction.' },
    ]);
    expect(noteIds(org).has(locked)).toBe(true);
  });

  it('reports a failed job with its message', async () => {
    const { org, client, plan } = await arranged();
    const job = await client.retention.apply(plan, { mode: 'job' });
    org.store.update('asyncoperation', job.jobId, { statecode: 3, statuscode: 31, message: 'Generic SQL error.' });
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(outcome).toMatchObject({ outcome: 'failed', statusLabel: 'Failed', message: 'Generic SQL error.' });
  });

  it('cancels a job: it stops, and what it deleted stays deleted', async () => {
    const { org, client, plan } = await arranged();
    org.jobs.batchSize = 4;
    const job = await client.retention.apply(plan, { mode: 'job' });
    org.jobs.step(); // started
    org.jobs.step(); // 4 deleted
    await client.retention.cancelJob(job.jobId);
    org.jobs.runAll();
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(outcome).toMatchObject({ outcome: 'canceled', successCount: 4 });
    const left = noteIds(org);
    expect(planNoteIds(plan).filter((id) => left.has(id))).toHaveLength(14);
  });

  it('checks the conversation when the job runs: one that reopened since the plan keeps its notes', async () => {
    const { org, client, plan, conversations } = await arranged();
    const reopened = conversations[1]!;
    org.store.update('msdyn_ocliveworkitem', reopened.id, { statuscode: 2 });
    const job = await client.retention.apply(plan, { mode: 'job' });
    org.jobs.runAll();
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(outcome.successCount).toBe(15);
    for (const id of [reopened.transcriptNoteId, ...reopened.attachmentNoteIds]) expect(noteIds(org).has(id)).toBe(true);
  });

  it('runs a recurring policy: each run deletes what is older than N days then, and parks until the next', async () => {
    let clock = now;
    const org = createOrgEmulator({ now: () => clock, data: 'empty' });
    const client = clientFor(org, { now: () => clock.getTime() });
    const first = addClosedConversation(org, { closedDaysAgo: 100 });
    const job = await client.retention.submitBulkDelete(
      { olderThanDays: 90, include: [...both] },
      { recurrence: 'FREQ=DAILY;INTERVAL=7;' },
    );
    expect(job.querySet[0]).toMatchObject({
      LinkEntities: [
        {
          LinkEntities: [
            {
              LinkCriteria: {
                Conditions: [
                  {},
                  { AttributeName: 'msdyn_closedon', Operator: 'OlderThanXDays', Values: [{ Type: 'System.Int32', Value: '90' }] },
                ],
              },
            },
          ],
        },
      ],
    });
    org.jobs.runAll();
    const parked = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(parked).toMatchObject({
      outcome: 'waiting',
      successCount: 2,
      nextRun: new Date(now.getTime() + 7 * dayMs).toISOString().replace('.000', ''),
    });
    expect(noteIds(org).has(first.transcriptNoteId)).toBe(false);

    // A week later a conversation closed 85 days ago then is 92 days old: the next run takes it.
    const second = addClosedConversation(org, { closedDaysAgo: 85 });
    clock = new Date(now.getTime() + 7 * dayMs);
    org.jobs.runAll();
    const again = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(again).toMatchObject({ outcome: 'waiting', successCount: 4 });
    expect(noteIds(org).has(second.transcriptNoteId)).toBe(false);
    expect(org.store.list('bulkdeleteoperation')).toEqual([expect.objectContaining({ isrecurring: true, statecode: 1, statuscode: 10 })]);
  });

  it('reports a job scheduled for later as waiting, and deletes nothing yet', async () => {
    const { org, client, plan } = await arranged();
    const startAt = new Date(now.getTime() + dayMs);
    const job = await client.retention.apply(plan, { mode: 'job', startAt, jobName: 'Nightly retention' });
    org.jobs.runAll();
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0 });
    expect(outcome).toMatchObject({ outcome: 'waiting', state: 1, status: 10, nextRun: '2026-03-02T12:00:00Z' });
    expect(planNoteIds(plan).every((id) => noteIds(org).has(id))).toBe(true);
  });

  it('submits criteria without a plan, narrowed by channel and queue', async () => {
    const { org, client } = await arranged();
    const [queue] = org.seedData!.queues;
    const job = await client.retention.submitBulkDelete({
      olderThanDays: 90,
      include: ['attachments'],
      channels: [192340000],
      queues: [queue!.id],
    });
    expect((job.querySet[0] as any).LinkEntities[0].LinkCriteria.Conditions.slice(2)).toEqual([
      { AttributeName: 'msdyn_channel', Operator: 'ContainValues', Values: [{ Type: 'System.Int32', Value: '192340000' }] },
      { AttributeName: 'msdyn_cdsqueueid', Operator: 'In', Values: [{ Type: 'System.Guid', Value: queue!.id }] },
    ]);
    org.jobs.runAll();
    expect((await client.retention.watchJob(job.jobId, { intervalMs: 0 })).successCount).toBe(0);
  });

  it.each([
    [{ recurrence: 'FREQ=SECONDLY;' }, 'options.recurrence'],
    [{ recurrence: 'FREQ=DAILY;BYDAY=MO;' }, 'options.recurrence'],
    [{ jobName: 'x'.repeat(257) }, 'options.jobName'],
    [{ jobName: 'two\nlines' }, 'options.jobName'],
    [{ startAt: new Date('nope') }, 'options.startAt'],
  ])('refuses %j as InvalidInput before any request', async (options, field) => {
    const { org, client, plan } = await arranged();
    const error = await caught(client.retention.submitBulkDelete(plan, options as never));
    expect([error.code, error.field, org.requests.length]).toEqual(['InvalidInput', field, 0]);
  });

  it('rejects watching a job that does not exist with NotFound', async () => {
    const { client } = await arranged();
    const error = await caught(client.retention.watchJob('00000000-0000-0000-0000-000000000001', { intervalMs: 0 }));
    expect([error.code, error.status]).toEqual(['NotFound', 404]);
  });

  it('stops watching when aborted, and the job goes on', async () => {
    const { org, client, plan } = await arranged();
    const job = await client.retention.apply(plan, { mode: 'job' });
    const controller = new AbortController();
    const error = await caught(
      client.retention.watchJob(job.jobId, { intervalMs: 60_000, signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.code).toBe('Aborted');
    org.jobs.runAll();
    expect(org.store.get('asyncoperation', job.jobId)).toMatchObject({ statecode: 3, statuscode: 30 });
  });

  it('sends BulkDelete once: a 503 is not retried (an action)', async () => {
    const { org, client, plan } = await arranged();
    org.faults.add({ fault: { kind: 'unavailable' }, url: 'BulkDelete' });
    const error = await caught(client.retention.apply(plan, { mode: 'job' }));
    expect([error.code, org.requests.length, org.store.list('asyncoperation').length]).toEqual(['ServerError', 1, 0]);
  });
});
