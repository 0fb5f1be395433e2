#!/usr/bin/env node
// `node bench/retention.mjs [--src] [--conversations 10000] [--rtt 50]`: what retention costs,
// for the numbers in docs/retention.md ("Measured"). Two orgs: the emulator's seed data, and an
// org of N closed conversations (10,000 by default), each with a transcript note and, for every
// second one, one or two attachment notes. For each: the plan's counts and bytes; the requests
// and the time of `apply` in batch mode (100 and 1000 a batch) against deleting one note per
// request (a plain `DELETE annotations(<id>)` each); the requests of job mode from submit to
// completion. The emulator answers in-process, so the times are the client's and the emulator's
// CPU only; `--rtt` adds an estimate with that many milliseconds of round trip per request
// (requests × rtt + measured), which is what a real org's latency makes of it. Nothing here
// asserts a duration.
import { performance } from 'node:perf_hooks';
import { loadSdk } from './lib/sdk.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
};
const conversations = argument('--conversations', 10_000);
const rttMs = argument('--rtt', 50);
const now = new Date('2026-03-01T12:00:00Z');
const orgUrl = 'https://contoso.crm.dynamics.com';
const dayMs = 86_400_000;

const { sdk, testing } = await loadSdk();

/** An emulated org: the seed data, or an empty org filled with `count` old closed conversations. */
function makeOrg(kind) {
  if (kind === 'seed') return testing.createOrgEmulator({ now, maxRecordedRequests: 0 });
  const org = testing.createOrgEmulator({ now, data: 'empty', maxRecordedRequests: 0 });
  for (let index = 0; index < conversations; index++) {
    const at = new Date(now.getTime() - (40 + (index % 700)) * dayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const stamps = { createdon: at, modifiedon: at };
    const id = org.store.create('msdyn_ocliveworkitem', { subject: `Chat ${index}`, statuscode: 4, msdyn_closedon: at, ...stamps });
    const transcript = org.store.create('msdyn_transcript', { msdyn_name: 'Transcript', msdyn_liveworkitemidid: id, ...stamps });
    org.store.create('annotation', {
      subject: 'Conversation transcript',
      objectid: { table: 'msdyn_transcript', id: transcript },
      objecttypecode: 'msdyn_transcript',
      isdocument: true,
      filesize: 3000 + ((index * 37) % 4000),
      ...stamps,
    });
    const files = index % 2 === 0 ? 0 : 1 + (index % 3 === 0 ? 1 : 0);
    for (let file = 0; file < files; file++) {
      org.store.create('annotation', {
        subject: `photo-${file}.jpg`,
        objectid: { table: 'msdyn_ocliveworkitem', id },
        objecttypecode: 'msdyn_ocliveworkitem',
        isdocument: true,
        filesize: 40_000 + ((index * 7919) % 200_000),
        ...stamps,
      });
    }
  }
  return org;
}

/** A client of `org` that counts what it sends (a `$batch` counts once). */
function clientOf(org) {
  const counter = { requests: 0 };
  const client = sdk.createOmnichannel({
    orgUrl,
    host: 'builtin',
    now: () => now.getTime(),
    fetch: (input, init) => {
      counter.requests++;
      return org.handle(new Request(input, init));
    },
  });
  return { client, counter };
}

/** The seed's conversations are at most 30 days old: its plan reaches back 7 days; the large org's, 30. */
const criteriaOf = (kind) => ({ olderThanDays: kind === 'seed' ? 7 : 30, include: ['transcripts', 'attachments'] });

async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Plans, then deletes the plan's notes one way, on a fresh org each time. */
async function measure(kind, how) {
  const org = makeOrg(kind);
  const { client, counter } = clientOf(org);
  const plan = await client.retention.plan(criteriaOf(kind));
  const planRequests = counter.requests;
  counter.requests = 0;
  if (how.mode === 'batch') {
    const { value: report, ms } = await timed(() => client.retention.apply(plan, { mode: 'batch', batchSize: how.batchSize }));
    if (report.outcome !== 'completed' || report.deleted.length !== plan.summary.count)
      throw new Error(`apply ${JSON.stringify(how)} fell short`);
    return { plan, planRequests, requests: counter.requests, ms };
  }
  if (how.mode === 'single') {
    const ids = plan.conversations.flatMap((conversation) => conversation.notes.map((note) => note.id));
    const { ms } = await timed(async () => {
      for (const id of ids) {
        counter.requests++;
        const response = await org.handle(new Request(`${orgUrl}/api/data/v9.2/annotations(${id})`, { method: 'DELETE' }));
        if (response.status !== 204) throw new Error(`DELETE answered ${response.status}`);
      }
    });
    return { plan, planRequests, requests: counter.requests, ms };
  }
  // Job mode: submit, then watch; the emulator's job advances one step (1000 records) per poll.
  const { value: outcome, ms } = await timed(async () => {
    const job = await client.retention.apply(plan, { mode: 'job' });
    return client.retention.watchJob(job.jobId, { intervalMs: 0, onProgress: () => org.jobs.step() });
  });
  if (outcome.outcome !== 'succeeded' || outcome.successCount !== plan.summary.count) throw new Error(`job ended ${outcome.outcome}`);
  return { plan, planRequests, requests: counter.requests, ms, polls: outcome.polls };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

console.log(`omnichannel-sdk retention: Node ${process.version}, emulator in-process, clock ${now.toISOString()}`);
for (const kind of ['seed', 'large']) {
  const label = kind === 'seed' ? 'Seed data' : `${conversations.toLocaleString('en-US')} closed conversations`;
  const rows = [];
  let plan;
  let planRequests;
  for (const how of [
    { name: 'batch, 100 a batch (default)', mode: 'batch', batchSize: 100 },
    { name: 'batch, 1000 a batch', mode: 'batch', batchSize: 1000 },
    { name: 'one DELETE per note', mode: 'single' },
    { name: 'job (submit to completion)', mode: 'job' },
  ]) {
    const result = await measure(kind, how);
    plan = result.plan;
    planRequests = result.planRequests;
    rows.push({ ...how, ...result });
  }
  const { summary } = plan;
  const size = kind === 'seed' ? kb : mb;
  console.log(`\n${label} (olderThanDays ${criteriaOf(kind).olderThanDays})`);
  console.log(
    `  plan: ${summary.count.toLocaleString('en-US')} notes, ${size(summary.bytes)} in ${summary.conversations.toLocaleString('en-US')} conversations` +
      ` (transcripts ${summary.transcripts.count.toLocaleString('en-US')}, ${size(summary.transcripts.bytes)};` +
      ` attachments ${summary.attachments.count.toLocaleString('en-US')}, ${size(summary.attachments.bytes)}); ${planRequests} requests to plan`,
  );
  console.log(`  | way | requests | time in-process | estimate at ${rttMs} ms a request |`);
  console.log('  |---|---:|---:|---:|');
  for (const row of rows) {
    const estimate = row.mode === 'job' ? 'n/a (the job runs in Dataverse; 1 poll a step here)' : seconds(row.ms + row.requests * rttMs);
    const requests = row.mode === 'job' ? `${row.requests} (1 submit + ${row.polls} polls)` : row.requests.toLocaleString('en-US');
    console.log(`  | ${row.name} | ${requests} | ${seconds(row.ms)} | ${estimate} |`);
  }
}
