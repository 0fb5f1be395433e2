// What the SDK costs on top of the request itself: getConversations against the identical
// request made by hand (same URL, same headers) and dynamics-web-api's retrieveMultiple, all
// on one fake in-process transport that answers at once with the same text. Each client runs
// in a worker of its own (see lib/isolated.mjs); the rounds go in turn.
import { range, table } from '../lib/measure.mjs';
import { compareIsolated } from '../lib/isolated.mjs';
import { addAgentWithConversations, benchInput, capture, fakeFetch, fakeXhrClass, fixedNow, orgUrl } from '../lib/fixtures.mjs';
import { dwaBrowser, dwaCall } from '../lib/dwa.mjs';
import { sdkAt, sdkFiles } from '../lib/sdk.mjs';

/** The hand-made request: the SDK's URL and headers, new ids each call, the body parsed. */
export function handCall(fetchImpl, sent) {
  const { url, headers, credentials } = sent;
  return async () => {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { ...headers, 'x-ms-correlation-id': crypto.randomUUID(), 'x-ms-client-request-id': crypto.randomUUID() },
      credentials,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text()).value;
  };
}

// Set-ups, run inside each candidate's worker with the captured answer.
export const setupHand = ({ answer }) => handCall(fakeFetch(answer), answer.sent);
export const setupSdk = async ({ answer, agentId, index }) => {
  const { createOmnichannel } = await import(index);
  const client = createOmnichannel({ orgUrl, agentId, fetch: fakeFetch(answer) });
  return () => client.getConversations(benchInput);
};
export const setupDwa = async ({ answer, agentId }) => dwaCall(await dwaBrowser(fakeXhrClass(answer)), orgUrl, agentId);

export async function overhead({ sdk, testing }, { quick, counts, against }) {
  const rows = [];
  const results = {};
  const { index } = await sdkFiles();
  // `--against <git ref>`: the SDK as it was there, measured in the same rounds.
  const before = against ? await sdkAt(against) : undefined;
  for (const count of counts) {
    const org = testing.createOrgEmulator({ now: fixedNow, maxRecordedRequests: 0 });
    const agentId = addAgentWithConversations(org, count);
    const answer = await capture(sdk.createOmnichannel, org, orgUrl, agentId);
    const args = { answer: { sent: answer.sent, status: answer.status, headers: answer.headers, text: answer.text }, agentId, index };
    const module = import.meta.url;
    const batch = count >= 500 ? 20 : 2000;
    // Enough calls before the first round for V8 to have optimised every function on the path
    // (1,200 left the SDK's longer path partly unoptimised, and its overhead read about twice as large).
    const warmup = count >= 500 ? 200 : 20_000;
    const measured = await compareIsolated(
      [
        { name: 'hand-made fetch (baseline)', module, setup: 'setupHand', args },
        { name: 'SDK getConversations', module, setup: 'setupSdk', args },
        { name: 'dynamics-web-api retrieveMultiple', module, setup: 'setupDwa', args },
        ...(before ? [{ name: `SDK getConversations at ${against}`, module, setup: 'setupSdk', args: { ...args, index: before } }] : []),
      ],
      { rounds: quick ? 9 : 31, batch: quick ? Math.ceil(batch / 4) : batch, warmup: quick ? warmup / 4 : warmup },
    );
    for (const result of measured) if (result.check !== count) throw new Error(`${result.name} read ${result.check} records, not ${count}`);
    results[count] = measured;
    for (const result of measured) {
      const base = result.name.includes('baseline');
      rows.push([
        count,
        result.name,
        range(result.wall),
        base ? '-' : range(result.wall.extra),
        base ? '1.00' : range(result.wall.ratio, (x) => x.toFixed(2)),
      ]);
    }
  }
  const text = table(
    'getConversations on a fake in-process transport, each client in a worker of its own: µs per call (wall), median [p25–p75] over rounds; extra µs and ratio against the hand-made request, round by round',
    ['records', 'client', 'µs per call', 'extra µs', 'ratio'],
    rows,
  );
  return { text, results };
}
