#!/usr/bin/env node
// Load on the loopback server (`npm run bench:load`): the testing kit's emulator server in its
// own process, 2,000 requests at once and then 50,000 one after another, reads and writes mixed
// (the SDK's getConversations, GETs and PATCHes of accounts, POSTs that create them). It checks
// that the server stays up, that its memory grows with the data written and not with the
// requests served, and that every write it acknowledged is in its store afterwards, with the
// value last acknowledged. A benchmark, not a test: it prints figures and exits 1 on a broken check.
// Options: --quick (200 at once, 5,000 in a row), --src (the sources, see lib/sdk.mjs).
import { performance } from 'node:perf_hooks';
import { loadSdk } from './lib/sdk.mjs';
import { startServerProcess } from './lib/server-child.mjs';
import { median, quantile, table } from './lib/measure.mjs';
import { benchInput } from './lib/fixtures.mjs';

const quick = process.argv.includes('--quick');
const concurrent = quick ? 200 : 2_000;
const sequential = quick ? 5_000 : 50_000;
const { sdk } = await loadSdk();
const server = await startServerProcess([7], { execArgv: ['--expose-gc'] });
const apiUrl = `${server.url}/api/data/v9.2/`;
const client = sdk.createOmnichannel({ orgUrl: server.url, agentId: server.agents[7] });
const failures = [];

/** Writes the server acknowledged: created accounts (id → name) and the last telephone1 acknowledged per account. */
const created = new Map();
const createdIds = [];
const described = new Map();
let serial = 0;
const counts = { read: 0, sdkRead: 0, create: 0, update: 0, errors: 0, resets: 0 };
const errorKinds = new Map();

async function create() {
  const name = `Load account ${++serial}`;
  const response = await fetch(`${apiUrl}accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'OData-Version': '4.0' },
    body: JSON.stringify({ name }),
  });
  await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`POST answered ${response.status}`);
  const id = /accounts\(([0-9a-f-]{36})\)/.exec(response.headers.get('odata-entityid') ?? '')?.[1];
  if (!id) throw new Error('POST answered no OData-EntityId');
  created.set(id, name);
  createdIds.push(id);
  counts.create++;
}

async function update() {
  if (createdIds.length === 0) return create();
  // A stride through the accounts (not `serial`, which grows in step with them and would pick the same few).
  const id = createdIds[(counts.update * 7919 + 13) % createdIds.length];
  const telephone1 = `+1 555 ${String(++serial).padStart(7, '0')}`;
  // Two updates of one account may run at once; the store keeps the one it applied last, so only
  // a sequential update is a value to expect afterwards.
  const response = await fetch(`${apiUrl}accounts(${id})`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'OData-Version': '4.0' },
    body: JSON.stringify({ telephone1 }),
  });
  await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`PATCH answered ${response.status}`);
  counts.update++;
  return { id, telephone1 };
}

async function read(index) {
  if (createdIds.length && index % 2) {
    const response = await fetch(`${apiUrl}accounts(${createdIds[serial % createdIds.length]})?$select=name`, {
      headers: { Accept: 'application/json' },
    });
    await response.json();
    if (response.status !== 200) throw new Error(`GET answered ${response.status}`);
    counts.read++;
  } else {
    const records = await client.getConversations(benchInput);
    if (records.length !== 7) throw new Error(`getConversations read ${records.length} records`);
    counts.sdkRead++;
  }
}

/** One request of the mix: 6 reads, 2 creates, 2 updates in 10. */
async function one(index, sequentialPhase) {
  const kind = index % 10;
  try {
    if (kind < 6) await read(index);
    else if (kind < 8) await create();
    else {
      const done = await update();
      if (sequentialPhase && done) described.set(done.id, done.telephone1);
    }
  } catch (error) {
    counts.errors++;
    // fetch's own failure says only "fetch failed": its cause names the socket error.
    const cause = error?.cause?.code ?? error?.cause?.message;
    const what = kind < 6 ? 'read' : kind < 8 ? 'create' : 'update';
    const key = `${what} ${sequentialPhase ? 'in a row' : 'at once'}: ${String(error?.code ?? error?.message ?? error).slice(0, 80)}${cause ? ` (${String(cause).slice(0, 60)})` : ''}`;
    if (cause === 'ECONNRESET') counts.resets++;
    errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
  }
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
const memory = [];
const note = async (phase) => {
  const stats = await server.stats();
  memory.push({ phase, ...stats, accounts: created.size });
};

await note('start');
// Warm the connections and the emulator's code.
for (let i = 0; i < 50; i++) await one(i, false);
await note('warmed');

let start = performance.now();
await Promise.all(Array.from({ length: concurrent }, (_, i) => one(i, false)));
const concurrentMs = performance.now() - start;
await note(`after ${concurrent.toLocaleString('en')} at once`);

const latencies = [];
start = performance.now();
for (let i = 0; i < sequential; i++) {
  const began = performance.now();
  await one(i, true);
  latencies.push(performance.now() - began);
  if ((i + 1) % Math.max(1, sequential / 5) === 0) await note(`after ${(i + 1).toLocaleString('en')} in a row`);
}
const sequentialMs = performance.now() - start;

// Every acknowledged write is in the store, with the value last acknowledged.
const stored = await server.find('account', [...created.keys()], ['name', 'telephone1']);
const lost = [...created].filter(([id, name]) => stored[id]?.name !== name);
const stale = [...described].filter(([id, telephone1]) => stored[id]?.telephone1 !== telephone1);
if (lost.length) failures.push(`${lost.length} acknowledged creates are not in the store`);
if (stale.length) failures.push(`${stale.length} acknowledged updates are not the stored value`);
// A reset connection is the client's keep-alive race with the server closing an idle socket (the
// request was never acknowledged, so no write is expected of it): reported, not a broken check.
// Any other failure is one.
const failed = [...errorKinds].map(([kind, n]) => `${kind} ×${n}`).join('; ');
if (counts.errors > counts.resets) failures.push(`${counts.errors} requests failed: ${failed}`);

// Memory: the server's heap (after a full collection) may grow with the accounts it stores, not with requests served.
const first = memory[1];
const last = memory.at(-1);
const perAccount = (last.heapUsed - first.heapUsed) / Math.max(1, last.accounts - first.accounts);
if (perAccount > 16 * 1024) failures.push(`the server's heap grew ${Math.round(perAccount)} bytes per stored account: more than the data`);
await server.stop();

table(
  `Load on the loopback server (server in its own process, the SDK and fetch on Node's undici): ${concurrent.toLocaleString('en')} requests at once, then ${sequential.toLocaleString('en')} in a row; 6 reads, 2 creates, 2 updates in 10`,
  ['phase', 'requests', 'time', 'per request'],
  [
    [
      'at once',
      concurrent.toLocaleString('en'),
      `${concurrentMs.toFixed(0)} ms`,
      `${((concurrentMs / concurrent) * 1000).toFixed(0)} µs (throughput)`,
    ],
    [
      'in a row',
      sequential.toLocaleString('en'),
      `${(sequentialMs / 1000).toFixed(1)} s`,
      `median ${(median(latencies) * 1000).toFixed(0)} µs, p99 ${(quantile(latencies, 0.99) * 1000).toFixed(0)} µs, max ${quantile(latencies, 1).toFixed(1)} ms`,
    ],
  ],
);
table(
  "The server's memory (heap after a full collection, and RSS) and what it stores",
  ['when', 'requests served', 'accounts created', 'heap MB', 'RSS MB'],
  memory.map((m) => [m.phase, m.served.toLocaleString('en'), m.accounts.toLocaleString('en'), mb(m.heapUsed), mb(m.rss)]),
);
const output = [
  `\nRequests: ${counts.sdkRead} getConversations, ${counts.read} GETs, ${counts.create} creates, ${counts.update} updates, ${counts.errors} failed.`,
  `Acknowledged creates missing afterwards: ${lost.length} of ${created.size}; acknowledged updates not stored: ${stale.length} of ${described.size}.`,
  `Server heap growth per stored account: ${Math.round(perAccount)} bytes.`,
  ...(counts.errors ? [`Failed requests (never acknowledged): ${failed}.`] : []),
  failures.length
    ? `\nFAILED: ${failures.join('; ')}`
    : '\nEvery check held: no crash, memory bounded by the data, every acknowledged write present.',
].join('\n');
console.log(output);
if (process.argv.includes('--json'))
  console.log(
    JSON.stringify({
      concurrent,
      sequential,
      concurrentMs,
      sequentialMs,
      latencies: { median: median(latencies), p99: quantile(latencies, 0.99) },
      memory,
      counts,
      failures,
    }),
  );
process.exit(failures.length ? 1 : 0);
