// The examples of docs/retention.md, run as written against the emulator. Every ```ts block of
// the guide appears in test/docs verbatim; only its import lines differ ('omnichannel-sdk'
// becomes '../../src/index.js', 'omnichannel-sdk/testing' becomes '../../src/testing/index.js').
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Channel, createOmnichannel, type RetentionPlan } from '../../src/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { codeBlocks, docsTests, expectBlocksTested, expectImportsExist, readGuide } from './support.js';

describe('docs/retention.md', () => {
  const orgUrl = 'https://contoso.crm.dynamics.com';
  const getAccessToken = async () => 'token';
  const served = createOrgEmulator();
  // The guide's clients poll jobs every 5 s: the org runs its jobs before it answers, so the first poll sees them done.
  const handlers = omnichannelHandlers({ ...served, handle: (request: Request) => (served.jobs.runAll(), served.handle(request)) }, orgUrl);
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('plans, narrows, saves and applies in batch mode, then submits and watches a job and a recurring policy', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const omnichannel = createOmnichannel({ orgUrl, getAccessToken });

    const plan = await omnichannel.retention.plan({
      olderThanDays: 90,
      include: ['transcripts', 'attachments'],
    });
    console.log(`${plan.summary.count} notes, ${plan.summary.bytes} bytes in ${plan.summary.conversations} conversations`);
    console.log('transcripts', plan.summary.transcripts, 'attachments', plan.summary.attachments);
    expect(plan.summary.count).toBe(0); // the seed's conversations closed within the last 30 days

    const chatOnly = await omnichannel.retention.plan({
      olderThanDays: 30,
      include: ['attachments'],
      channels: [Channel.LiveChat],
    });
    expect(chatOnly.criteria.channels).toEqual([Channel.LiveChat]);

    const week = await omnichannel.retention.plan({ olderThanDays: 7, include: ['transcripts', 'attachments'] });
    expect(week.summary.count).toBeGreaterThan(0);
    {
      const plan = week;
      const saved = JSON.stringify(plan);
      // … reviewed, and read back later:
      const reviewed = JSON.parse(saved) as RetentionPlan;

      const report = await omnichannel.retention.apply(reviewed, {
        mode: 'batch',
        batchSize: 100,
        onProgress: (p) => console.log(`${p.deleted} deleted, ${p.failed} failed, ${p.remaining} left, ${p.requests} requests`),
      });
      if (report.outcome === 'interrupted') console.log('stopped early:', report.interruption);
      for (const note of report.failed) console.log(note.id, note.code, note.message);
      expect([report.outcome, report.deleted.length]).toEqual(['completed', week.summary.count]);

      const job = await omnichannel.retention.apply(reviewed, { mode: 'job' });
      const outcome = await omnichannel.retention.watchJob(job.jobId, {
        intervalMs: 5000,
        onProgress: (p) => console.log(p.statusLabel, p.successCount ?? 0, 'deleted'),
      });
      console.log(outcome.outcome, outcome.successCount, outcome.failureCount, outcome.failures);
      // Batch mode deleted them all: the job finds nothing left.
      expect([outcome.outcome, outcome.successCount]).toEqual(['succeeded', 0]);
    }

    const policy = await omnichannel.retention.submitBulkDelete(
      { olderThanDays: 365, include: ['transcripts', 'attachments'] },
      { recurrence: 'FREQ=DAILY;INTERVAL=7;', jobName: 'Omnichannel retention (weekly)', startAt: new Date('2026-03-07T02:00:00Z') },
    );
    expect((await omnichannel.retention.watchJob(policy.jobId)).outcome).toBe('waiting');
    expect(log).toHaveBeenCalled();
  });

  it('tests a retention script with the emulator’s jobs', async () => {
    const org = createOrgEmulator();
    const client = createOmnichannel({ orgUrl, fetch: (input, init) => org.handle(new Request(input, init)) });

    const plan = await client.retention.plan({ olderThanDays: 7, include: ['transcripts', 'attachments'] });
    const job = await client.retention.apply(plan, { mode: 'job' });
    const outcome = await client.retention.watchJob(job.jobId, { intervalMs: 0, onProgress: () => org.jobs.step() });
    expect(outcome.outcome).toBe('succeeded');
    expect(outcome.successCount).toBe(plan.summary.count);
  });

  const blocks = codeBlocks(readGuide('docs/retention.md'), 'ts');

  it('every ```ts block of the guide is in test/docs, as written', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    expectBlocksTested('docs/retention.md', blocks, docsTests());
  });

  it('every name a ```ts block of the guide imports from a package is imported the same way here', () => {
    expectImportsExist('docs/retention.md', blocks);
  });
});
