// The same three clients over real HTTP: the testing kit's loopback server in another process,
// the platform's fetch (undici) for the SDK and the hand-made request, node:http for
// dynamics-web-api (its Node build). Wall time is what a caller waits; client CPU is what the
// client spends (the server's is in its own process). A second table takes the hand-made
// request and adds, one at a time, what the SDK's request has that it lacks: the evidence for
// where the SDK's extra time in the socket write comes from.
import { compare, cpuMs, range, table, wallMs } from '../lib/measure.mjs';
import { benchInput } from '../lib/fixtures.mjs';
import { dwaCall, dwaNode } from '../lib/dwa.mjs';
import { startServerProcess } from '../lib/server-child.mjs';
import { nodeHttpFetch } from '../lib/node-http-fetch.mjs';
import { handCall } from './overhead.mjs';

/** The SDK's request for `agentId`, as its fetch sees it. */
async function sentBy(createOmnichannel, url, agentId) {
  let sent;
  const client = createOmnichannel({
    orgUrl: url,
    agentId,
    fetch: (input, init) => {
      sent = { url: String(input), headers: { ...init.headers }, credentials: init.credentials };
      return fetch(input, init);
    },
  });
  await client.getConversations(benchInput);
  return sent;
}

/** The hand-made request with what the SDK adds to it, one thing at a time. */
function handWith(sent, { signal = false, timer = false } = {}) {
  return async () => {
    const init = {
      method: 'GET',
      headers: { ...sent.headers, 'x-ms-correlation-id': crypto.randomUUID(), 'x-ms-client-request-id': crypto.randomUUID() },
      credentials: sent.credentials,
    };
    let controller;
    if (signal) init.signal = (controller = new AbortController()).signal;
    const timeout = timer ? setTimeout(() => controller?.abort(), 30_000) : undefined;
    try {
      const response = await fetch(sent.url, init);
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return JSON.parse(text).value;
    } finally {
      clearTimeout(timeout);
    }
  };
}

export async function loopback({ sdk }, { quick, counts }) {
  const server = await startServerProcess(counts);
  const DynamicsWebApi = await dwaNode();
  const rows = [];
  const gapRows = [];
  const results = {};
  try {
    for (const count of counts) {
      const agentId = server.agents[count];
      const sent = await sentBy(sdk.createOmnichannel, server.url, agentId);
      const client = sdk.createOmnichannel({ orgUrl: server.url, agentId });
      const onNodeHttp = sdk.createOmnichannel({ orgUrl: server.url, agentId, fetch: nodeHttpFetch });
      const candidates = [
        { name: 'hand-made fetch (baseline)', run: handCall(fetch, sent) },
        { name: 'SDK getConversations', run: () => client.getConversations(benchInput) },
        { name: 'dynamics-web-api (node:http)', run: dwaCall(DynamicsWebApi, server.url, agentId) },
        { name: 'SDK on node:http (its fetch option)', run: () => onNodeHttp.getConversations(benchInput) },
      ];
      for (const { name, run } of candidates) {
        const got = (await run()).length;
        if (got !== count) throw new Error(`${name} read ${got} records, not ${count}`);
      }
      const batch = count >= 500 ? 4 : 20;
      const measured = await compare(candidates, {
        rounds: quick ? 9 : 41,
        batch,
        warmup: batch * 5,
        clocks: { wall: wallMs, cpu: cpuMs },
      });
      results[count] = measured;
      for (const result of measured) {
        const base = result.name.includes('baseline');
        rows.push([
          count,
          result.name,
          range(result.wall),
          base ? '1.00' : range(result.wall.ratio, (x) => x.toFixed(3)),
          range(result.cpu),
          base ? '1.00' : range(result.cpu.ratio, (x) => x.toFixed(3)),
        ]);
      }
      if (count === counts[0]) {
        const variants = [
          { name: 'hand-made (baseline)', run: handWith(sent) },
          { name: '+ an AbortSignal', run: handWith(sent, { signal: true }) },
          { name: '+ an AbortSignal and a 30 s timer', run: handWith(sent, { signal: true, timer: true }) },
          { name: 'SDK getConversations', run: () => client.getConversations(benchInput) },
        ];
        const gap = await compare(variants, { rounds: quick ? 9 : 41, batch, warmup: batch * 5, clocks: { wall: wallMs, cpu: cpuMs } });
        results.gap = gap;
        for (const result of gap) {
          gapRows.push([
            result.name,
            range(result.wall),
            range(result.wall.ratio, (x) => x.toFixed(3)),
            range(result.cpu),
            range(result.cpu.ratio, (x) => x.toFixed(3)),
          ]);
        }
      }
    }
  } finally {
    await server.stop();
  }
  const text = [
    table(
      `getConversations over loopback HTTP (server in another process): µs per call, median [p25–p75]; ratio to the hand-made request round by round (the goal: wall ≤ 1.05)`,
      ['records', 'client', 'wall µs', 'wall ratio', 'client CPU µs', 'CPU ratio'],
      rows,
    ),
    table(
      `What the SDK's request adds to the hand-made one, one thing at a time (${counts[0]} record${counts[0] === 1 ? '' : 's'}, loopback)`,
      ['client', 'wall µs', 'wall ratio', 'client CPU µs', 'CPU ratio'],
      gapRows,
    ),
  ].join('\n');
  return { text, results };
}
