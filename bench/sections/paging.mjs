// Paging 100,000 conversations (pages of 5,000, Dataverse's largest) through the SDK on the
// in-process emulator: time and heap at 10k, 50k and 100k records, iterating (records
// released as they go) against collecting (all held); then the emulator's own cost per page as
// its table grows, sorted and unsorted, first page and a later one.
import { performance } from 'node:perf_hooks';
import { heapMb, median, table } from '../lib/measure.mjs';
import { addAgentWithConversations, fixedNow, orgUrl } from '../lib/fixtures.mjs';

const sizes = [10_000, 50_000, 100_000];
const newestFirst = { orderBy: [{ attributeName: 'createdon', descending: true }] };
const select = 'msdyn_ocliveworkitemid,_msdyn_liveworkstreamid_value,_msdyn_lastsessionid_value,statuscode,createdon';

/** One collect: its time, and the heap its result holds (measured while it is held). */
async function collectOnce(client) {
  const base = heapMb();
  const start = performance.now();
  const records = await client.getConversations(newestFirst);
  const ms = performance.now() - start;
  const held = heapMb() - base;
  return { ms, held, count: records.length };
}

/** Makes the emulator forget the query results it keeps (any write does), so a run pays for its first page. */
function forgetPages(org, agentId) {
  org.store.update('systemuser', agentId, { fullname: `Bench agent ${performance.now()}` });
}

export async function paging({ sdk, testing }, { quick }) {
  const texts = [];
  const results = { sdk: [], emulator: [] };
  const largest = quick ? 20_000 : 100_000;
  const marks = quick ? [5_000, 10_000, 20_000] : sizes;
  const org = testing.createOrgEmulator({ now: fixedNow, maxRecordedRequests: 0 });
  // Created out of order, so sorting by createdon has work to do.
  const agentId = addAgentWithConversations(org, largest, { shuffled: true });
  const client = sdk.createOmnichannel({ orgUrl, agentId, fetch: (input, init) => org.handle(new Request(input, init)) });
  const repeats = quick ? 1 : 3;

  // Iterating: time and heap when the 10k-th, 50k-th and 100k-th record arrives; the first page's wait.
  const iterateRuns = [];
  for (let run = 0; run < repeats; run++) {
    forgetPages(org, agentId);
    const base = heapMb();
    const at = {};
    let count = 0;
    let measuring = 0;
    const start = performance.now();
    let firstPage;
    for await (const _record of client.iterateConversations(newestFirst)) {
      count++;
      if (count === 1) firstPage = performance.now() - start;
      // The heap a full collection leaves while iterating: what the iteration holds (a page), not its garbage.
      if (marks.includes(count)) {
        const ms = performance.now() - start - measuring;
        const before = performance.now();
        at[count] = { ms, heapMb: heapMb() - base };
        // The collections forced to read the heap are not the iteration's time.
        measuring += performance.now() - before;
      }
    }
    if (count !== largest) throw new Error(`iterated ${count} records, not ${largest}`);
    iterateRuns.push({ at, firstPage });
  }

  // Collecting: an agent of each size, all records held in one array.
  const collectRuns = {};
  const agents = { [largest]: agentId };
  for (const size of marks) {
    const sized = (agents[size] ??= addAgentWithConversations(org, size, { shuffled: true }));
    const sizedClient = sdk.createOmnichannel({ orgUrl, agentId: sized, fetch: (input, init) => org.handle(new Request(input, init)) });
    collectRuns[size] = [];
    for (let run = 0; run < repeats; run++) {
      forgetPages(org, sized);
      // In a function of its own: a suspended async function keeps the values it awaited, so a
      // loop here would hold the previous run's records in the base (and show about 0 MB).
      const { ms, held, count } = await collectOnce(sizedClient);
      if (count !== size) throw new Error(`collected ${count} records, not ${size}`);
      collectRuns[size].push({ ms, heapMb: held });
    }
  }

  const rows = marks.map((size) => {
    const iterate = {
      ms: median(iterateRuns.map((run) => run.at[size].ms)),
      heapMb: median(iterateRuns.map((run) => run.at[size].heapMb)),
    };
    const collect = { ms: median(collectRuns[size].map((run) => run.ms)), heapMb: median(collectRuns[size].map((run) => run.heapMb)) };
    results.sdk.push({ size, iterate, collect });
    return [size.toLocaleString('en'), iterate.ms.toFixed(0), iterate.heapMb.toFixed(1), collect.ms.toFixed(0), collect.heapMb.toFixed(1)];
  });
  const firstPage = median(iterateRuns.map((run) => run.firstPage));
  results.firstPageMs = firstPage;
  texts.push(
    table(
      `Paging ${largest.toLocaleString('en')} conversations newest first through the SDK, in-process emulator, pages of 5,000 (median of ${repeats}); first page after ${firstPage.toFixed(0)} ms. Iterate: time and retained heap (after a full collection) when the N-th record arrives; collect: getConversations of an agent with N conversations, time and heap retained by the result`,
      ['records', 'iterate ms', 'iterate heap MB', 'collect ms', 'collect heap MB'],
      rows,
    ),
  );

  // The emulator alone: one page request, through org.handle, as the table grows.
  const emulatorRows = [];
  for (const size of marks) {
    const sized = agents[size];
    for (const sorted of [false, true]) {
      // The SDK's own query for the agent (its default $select), sorted or not.
      const query = `$select=${encodeURIComponent(select)}&$filter=${encodeURIComponent(`_msdyn_activeagentid_value eq ${sized}`)}${sorted ? `&$orderby=${encodeURIComponent('createdon desc')}` : ''}`;
      const url = `${orgUrl}/api/data/v9.2/msdyn_ocliveworkitems?${query}`;
      const headers = { Prefer: 'odata.include-annotations="*",odata.maxpagesize=5000' };
      const first = [];
      const later = [];
      for (let run = 0; run < repeats; run++) {
        forgetPages(org, agentId);
        let start = performance.now();
        const response = await org.handle(new Request(url, { headers }));
        const body = await response.json();
        first.push(performance.now() - start);
        if (!body['@odata.nextLink']) continue;
        start = performance.now();
        await (await org.handle(new Request(body['@odata.nextLink'], { headers }))).json();
        later.push(performance.now() - start);
      }
      const row = { size, sorted, firstMs: median(first), laterMs: later.length ? median(later) : undefined };
      results.emulator.push(row);
      emulatorRows.push([
        size.toLocaleString('en'),
        sorted ? 'createdon desc' : 'none',
        row.firstMs.toFixed(0),
        row.laterMs === undefined ? '- (one page)' : row.laterMs.toFixed(0),
      ]);
    }
  }
  texts.push(
    table(
      `The emulator's own cost of one page of 5,000 (org.handle and the body read), as the table grows (the agent's N rows among ${org.store.list('msdyn_ocliveworkitem').length.toLocaleString('en')}); first page: filter and sort the table; later page: a slice of the kept result`,
      ['agent rows', 'order', 'first page ms', 'later page ms'],
      emulatorRows,
    ),
  );
  return { text: texts.join('\n'), results };
}
