#!/usr/bin/env node
// `npm run bench`: what the SDK adds on top of the work it cannot avoid, measured side by
// side in one run and printed as ratios. Nothing here asserts a duration.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';

buildIfStale();
const load = (file) => import(pathToFileURL(join(root, 'dist', file)).href);
const { createOmnichannel } = await load('index.mjs');
const { createOrgEmulator } = await load('testing/index.mjs');

const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
const agentId = org.seedData.signedInAgentId;
const orgUrl = 'https://contoso.crm.dynamics.com';
const fetchFromOrg = (input, init) => org.handle(new Request(input, init));
const client = createOmnichannel({ orgUrl, agentId, fetch: fetchFromOrg });
const input = {
  attributes: ['msdyn_title', 'msdyn_channel'],
  status: [2, 3, 4],
  orderBy: [{ attributeName: 'createdon', descending: true }],
};

/** Median ms per call over `rounds` rounds of `batch` calls, after a warm-up. */
async function measure(fn, { rounds = 15, batch = 40 } = {}) {
  for (let i = 0; i < batch; i++) await fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    samples.push((performance.now() - start) / batch);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

// The same request the SDK sends, made by hand: the floor any client pays.
const url = `${orgUrl}/api/data/v9.2/msdyn_ocliveworkitems?$select=msdyn_ocliveworkitemid,_msdyn_liveworkstreamid_value,_msdyn_lastsessionid_value,statuscode,createdon,msdyn_title,msdyn_channel&$filter=${encodeURIComponent(`_msdyn_activeagentid_value eq ${agentId} and (statuscode eq 2 or statuscode eq 3 or statuscode eq 4)`)}&$orderby=${encodeURIComponent('createdon desc')}`;
const rawFetch = async () => {
  const response = await fetchFromOrg(url, {
    headers: { Accept: 'application/json', Prefer: 'odata.include-annotations="*",odata.maxpagesize=5000' },
  });
  return (await response.json()).value;
};

const [sdkRecords, rawRecords] = [await client.getConversations(input), await rawFetch()];
if (sdkRecords.length !== rawRecords.length)
  throw new Error(`The two paths disagree: ${sdkRecords.length} vs ${rawRecords.length} records`);

const raw = await measure(rawFetch);
const sdk = await measure(() => client.getConversations(input));
const rejected = await measure(() => client.getConversations({ agentId: 'not-a-guid' }).catch(() => undefined));

console.log(`getConversations, ${sdkRecords.length} records, in-process emulator (median ms per call)`);
console.log(`  hand-made fetch (baseline)        ${raw.toFixed(3)} ms   1.00`);
console.log(`  SDK getConversations              ${sdk.toFixed(3)} ms   ${(sdk / raw).toFixed(2)}`);
console.log(`  SDK rejecting bad input (no I/O)  ${rejected.toFixed(3)} ms   ${(rejected / raw).toFixed(2)}`);
