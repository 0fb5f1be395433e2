#!/usr/bin/env node
// `node bench/socket-write.mjs [--src]`: where the SDK's extra time in the loopback socket write
// comes from. Every `socket.write` the platform's fetch (undici) makes is timed and sized, per
// client, with the clients interleaved round by round against the loopback server in another
// process: the hand-made request with two headers, the same with the SDK's exact headers, that
// with an AbortSignal, and the SDK. Also counted: the sockets each client used (a new connection
// per request would show here) and the writes per request. Prints ratios, asserts nothing.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadSdk } from './lib/sdk.mjs';
import { startServerProcess } from './lib/server-child.mjs';
import { benchInput } from './lib/fixtures.mjs';
import { quantile, table } from './lib/measure.mjs';

const rounds = Number(process.env.ROUNDS ?? 41);
const batch = 20;
const { sdk } = await loadSdk();
const server = await startServerProcess([1]);
const agentId = server.agents[1];
// PIN=1: this process on CPU 0 and the server on CPU 1, so the server never runs on the
// client's core (Linux, taskset): if the slow writes are the server preempting the client
// inside its write, they go away here.
const pinned = process.env.PIN === '1';
if (pinned) {
  const { execFileSync } = await import('node:child_process');
  execFileSync('taskset', ['-a', '-pc', '0', String(process.pid)]);
  execFileSync('taskset', ['-a', '-pc', '1', String(server.pid)]);
}

/** Per-candidate write log, filled by the patched Socket#write while that candidate runs. */
let current;
const original = net.Socket.prototype.write;
net.Socket.prototype.write = function timedWrite(chunk, encoding, callback) {
  if (!current) return original.call(this, chunk, encoding, callback);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = original.call(this, chunk, encoding, callback);
  const took = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  current.writes.push(took * 1000);
  current.cpu.push(spent.user + spent.system);
  current.bytes.push(typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk.length);
  current.encodings.add(typeof encoding === 'string' ? encoding : typeof chunk === 'string' ? 'utf8 (string)' : 'buffer');
  current.sockets.add(this);
  return result;
};

// The SDK's request, as its fetch receives it.
let sent;
const probe = sdk.createOmnichannel({
  orgUrl: server.url,
  agentId,
  fetch: (input, init) => {
    sent = { url: String(input), headers: { ...init.headers } };
    return fetch(input, init);
  },
});
await probe.getConversations(benchInput);

/** Keeps the CPU busy for `us` µs: the JavaScript a client runs between one answer and its next request. */
const spin = (us) => {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
};

const hand =
  (headers, withSignal = false, workUs = 0) =>
  async () => {
    if (workUs) spin(workUs);
    const init = { method: 'GET', headers: headers() };
    if (withSignal) init.signal = new AbortController().signal;
    const response = await fetch(sent.url, init);
    return JSON.parse(await response.text()).value;
  };
const sdkHeaders = () => ({ ...sent.headers, 'x-ms-correlation-id': crypto.randomUUID(), 'x-ms-client-request-id': crypto.randomUUID() });
const client = sdk.createOmnichannel({ orgUrl: server.url, agentId });
const candidates = [
  { name: 'hand-made, 2 headers (Accept, OData-Version)', run: hand(() => ({ Accept: 'application/json', 'OData-Version': '4.0' })) },
  { name: "hand-made, the SDK's 8 headers", run: hand(sdkHeaders) },
  { name: "hand-made, the SDK's headers + an AbortSignal", run: hand(sdkHeaders, true) },
  { name: "hand-made, the SDK's headers + 50 µs of JS before each request", run: hand(sdkHeaders, false, 50) },
  { name: 'SDK getConversations', run: () => client.getConversations(benchInput) },
].map((candidate) => ({
  ...candidate,
  log: { writes: [], cpu: [], bytes: [], encodings: new Set(), sockets: new Set(), wall: [], calls: 0 },
}));

for (let i = 0; i < 50; i++) for (const candidate of candidates) await candidate.run();
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[(k + round) % candidates.length];
    current = candidate.log;
    const started = performance.now();
    for (let i = 0; i < batch; i++) await candidate.run();
    candidate.log.wall.push(((performance.now() - started) / batch) * 1000);
    candidate.log.calls += batch;
    current = undefined;
  }
}
await server.stop();

const base = candidates[0].log;
const rows = candidates.map(({ name, log }) => [
  name,
  (log.writes.length / log.calls).toFixed(2),
  quantile(log.bytes, 0.5),
  [...log.encodings].join(', '),
  `${quantile(log.writes, 0.5).toFixed(1)} [${quantile(log.writes, 0.25).toFixed(1)}–${quantile(log.writes, 0.75).toFixed(1)}]`,
  (quantile(log.writes, 0.5) / quantile(base.writes, 0.5)).toFixed(2),
  quantile(log.cpu, 0.5).toFixed(0),
  `${((100 * log.writes.filter((us) => us > 200).length) / log.writes.length).toFixed(0)} %`,
  log.sockets.size,
  `${quantile(log.wall, 0.5).toFixed(0)} [${quantile(log.wall, 0.25).toFixed(0)}–${quantile(log.wall, 0.75).toFixed(0)}]`,
  quantile(
    log.wall.map((value, round) => value / base.wall[round]),
    0.5,
  ).toFixed(3),
]);
table(
  `Socket writes of the platform fetch over loopback (1 record; ${rounds} rounds of ${batch} calls, interleaved${pinned ? '; client on CPU 0, server on CPU 1' : '; client and server free to share a core'}): writes per call, bytes per write (median), encoding, µs per write median [p25–p75] and its ratio, this process's CPU µs inside the write (median), the share of writes over 200 µs, sockets used, wall µs per call and the median paired ratio`,
  [
    'client',
    'writes/call',
    'bytes',
    'encoding',
    'µs per write',
    'write ratio',
    'CPU µs per write',
    'writes > 200 µs',
    'sockets',
    'wall µs',
    'wall ratio',
  ],
  rows,
);
console.log(`\nThe SDK's request headers: ${JSON.stringify(Object.keys(sent.headers))}`);
