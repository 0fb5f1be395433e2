// Every public function of the client, timed on the in-process emulator (its fetch is
// org.handle), one row each. The list comes from the client itself (test/reliability/surface.mjs):
// a public function without a row here is printed as missing.
import { compare, range, table } from '../lib/measure.mjs';
import { fixedNow, orgUrl } from '../lib/fixtures.mjs';
import { publicFunctions } from '../../test/reliability/surface.mjs';

const drain = async (iterable) => {
  let count = 0;
  for await (const _ of iterable) count++;
  return count;
};

/** `arrange(org, seed, client, sdk)` prepares and returns the call; a write's call leaves the org as it found it. */
export const benchRows = {
  getConversations: () => (client) => client.getConversations({}),
  iterateConversations: () => (client) => drain(client.iterateConversations({})),
  // The package root's functions over a connection (a client is one too).
  'getConversations(connection)': (_org, _seed, _client, sdk) => (client) => sdk.getConversations(client, {}),
  'iterateConversations(connection)': (_org, _seed, _client, sdk) => (client) => drain(sdk.iterateConversations(client, {})),
  getConversationId: async (_org, seed, client) => {
    await client.openConversation(seed.waitingConversationId);
    return (client) => client.getConversationId();
  },
  openConversation: (_org, seed) => (client) => client.openConversation(seed.waitingConversationId),
  linkToConversation: (org, seed) => {
    const incident = seed.incidents.at(-1).id;
    return (client) => client.linkToConversation('incident', incident, seed.waitingConversationId);
  },
  // Unlinks and links back, so every call finds the case linked (two writes a call).
  unlinkFromConversation: (org, seed) => {
    const incident = org.store.get('msdyn_ocliveworkitem', seed.waitingConversationId)._msdyn_issueid_value;
    return async (client) => {
      await client.unlinkFromConversation('incident', incident, seed.waitingConversationId);
      await client.linkToConversation('incident', incident, seed.waitingConversationId);
    };
  },
  sendMessageToConversation: async (_org, seed, client) => {
    await client.openConversation(seed.waitingConversationId);
    return (client) => client.sendMessageToConversation('On it.', true, seed.waitingConversationId);
  },
  dispose: () => async (client) => client.dispose(),
  'records.getConversation': (_org, seed) => (client) => client.records.getConversation(seed.waitingConversationId, {}),
  'records.findConversations': (_org, seed) => (client) =>
    Promise.resolve(client.records.findConversations({ agentId: seed.signedInAgentId })),
  'records.getConversationStory': (_org, seed) => (client) => client.records.getConversationStory(seed.transferredConversationId),
  'records.getTranscript': (_org, seed) => (client) => client.records.getTranscript(seed.conversationWithTranscriptId),
  'records.listAttachments': (_org, seed) => (client) => client.records.listAttachments(seed.conversationWithTranscriptId),
  'records.downloadAttachment': (_org, seed) => (client) => client.records.downloadAttachment(seed.attachmentNoteId),
  'records.storageReport': () => (client) => client.records.storageReport({ groupBy: 'channel' }),
  'records.botSessionSummary': () => (client) => client.records.botSessionSummary({ from: '2026-01-01', to: '2026-03-02' }),
  'records.exportTranscripts': () => (client) =>
    drain(client.records.exportTranscripts({ closedFrom: '2026-01-01', closedTo: '2026-03-02' })),
  'records.conversationsNeedingSkill': (org) => {
    const skill = org.store.list('characteristic')[0].characteristicid;
    return (client) => client.records.conversationsNeedingSkill(skill);
  },
  // One poll, then stopped: the timers it is given end it when it asks for the next.
  'records.monitorLiveConversations': () => (client) => {
    const stop = new AbortController();
    return client.records.monitorLiveConversations({
      threshold: 7,
      intervalMs: 1000,
      onAlert: () => undefined,
      signal: stop.signal,
      timers: { setTimeout: () => stop.abort(), clearTimeout: () => undefined },
    });
  },
  // The seed's conversations are recent: a plan of the conversations closed over a day ago.
  'retention.plan': () => (client) => client.retention.plan({ olderThanDays: 1, include: ['transcripts', 'attachments'] }),
  // A plan whose notes are already gone (a second apply after an interruption): the checks and one
  // $batch of DELETEs answered 404, which leaves the org as it was.
  'retention.apply': async (org, _seed, client) => {
    const plan = await client.retention.plan({ olderThanDays: 1, include: ['attachments'] });
    const ids = new Set(plan.conversations.flatMap((conversation) => conversation.notes.map((note) => note.id)));
    const kept = org.store.list('annotation').filter((row) => ids.has(row.annotationid));
    for (const row of kept) org.store.delete('annotation', row.annotationid);
    return (client) => client.retention.apply(plan, { mode: 'batch' });
  },
  'retention.submitBulkDelete': () => (client) => client.retention.submitBulkDelete({ olderThanDays: 36_500, include: ['transcripts'] }),
  'retention.watchJob': async (org, _seed, client) => {
    const job = await client.retention.submitBulkDelete({ olderThanDays: 36_500, include: ['transcripts'] });
    org.jobs.runAll();
    return (client) => client.retention.watchJob(job.jobId, { intervalMs: 0 });
  },
  // Cancelling a job that already ended is a PATCH like any other: the emulator applies it again.
  'retention.cancelJob': async (org, _seed, client) => {
    const job = await client.retention.submitBulkDelete({ olderThanDays: 36_500, include: ['transcripts'] });
    return (client) => client.retention.cancelJob(job.jobId);
  },
  'actions.executeAction': (_org, seed) => (client) =>
    client.actions.executeAction('CCaaS_ModifyAgentPresence', { ApiVersion: '1.0', AgentId: seed.agents[1].id, PresenceId: busy }),
  'actions.executeFunction': (_org, seed) => (client) =>
    client.actions.executeFunction('CCaaS_GetPresence', {}, { callerId: seed.agents[2].id }),
  'actions.getPresence': (_org, seed) => (client) => client.actions.getPresence(seed.agents[2].id),
  'actions.modifyPresence': (_org, seed) => (client) => client.actions.modifyPresence({ agentId: seed.agents[1].id, presenceId: busy }),
  'actions.getAvailabilityForConversation': (_org, seed) => {
    const open = seed.conversations.find((conversation) => conversation.status === 1).id;
    return (client) => client.actions.getAvailabilityForConversation({ conversationId: open });
  },
  'actions.getAvailabilityBeforeConversation': (_org, seed) => (client) =>
    client.actions.getAvailabilityBeforeConversation({ workstreamId: seed.workstreams[0].id }),
  // Each call adds a task to the emulated Contact Center (a few hundred bytes each).
  'actions.createProactiveDelivery': () => (client) => client.actions.createProactiveDelivery(delivery),
  'actions.cancelDeliveryTask': async (_org, _seed, client) => {
    const { DeliveryTaskId } = await client.actions.createProactiveDelivery(delivery);
    return (client) => client.actions.cancelDeliveryTask(DeliveryTaskId);
  },
  'actions.getDeliveryTasks': async (_org, _seed, client) => {
    const { DeliveryTaskId } = await client.actions.createProactiveDelivery(delivery);
    return (client) => client.actions.getDeliveryTasks(DeliveryTaskId);
  },
  // A conversation already the agent's: read, no write, its session focused.
  'live.pick': (_org, seed) => (client) => client.live.pick(seed.waitingConversationId),
  // Starts the pollers, waits for the first poll of incoming work, stops.
  'live.start': (org) => async (client) => {
    const live = client.live.start({ intervalMs: 60_000, sentiment: false });
    const before = org.requests.at(-1);
    while (org.requests.at(-1) === before) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    live.stop();
  },
};

const busy = 'efdeb843-c07a-e811-8162-000d3aa11f50';
const delivery = {
  engagementConfigId: '6f1b9c1e-0000-4000-8000-000000000001',
  contacts: [{ uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' }],
};

export async function registry({ sdk, testing }, { quick }) {
  // The last request only: what the live.start row waits for.
  const org = testing.createOrgEmulator({ now: fixedNow, maxRecordedRequests: 1 });
  const seed = org.seedData;
  const makeClient = () =>
    sdk.createOmnichannel({
      orgUrl,
      agentId: seed.signedInAgentId,
      host: 'builtin',
      fetch: (input, init) => org.handle(new Request(input, init)),
    });
  const names = publicFunctions(makeClient(), sdk);
  const missing = names.filter((name) => !(name in benchRows));
  const rows = [];
  const results = {};
  for (const name of names.filter((name) => name in benchRows)) {
    const client = makeClient();
    const call = await benchRows[name](org, seed, client, sdk);
    let requests = 0;
    const counting = sdk.createOmnichannel({
      orgUrl,
      agentId: seed.signedInAgentId,
      host: 'builtin',
      fetch: (input, init) => {
        requests++;
        return org.handle(new Request(input, init));
      },
    });
    const counted = await benchRows[name](org, seed, counting, sdk);
    requests = 0;
    await counted(counting);
    const [measured] = await compare([{ name, run: () => call(client) }], { rounds: quick ? 5 : 15, batch: quick ? 5 : 20, warmup: 10 });
    results[name] = { cpu: measured.cpu, wall: measured.wall, requests };
    rows.push([name, requests, range(measured.wall, (x) => (x / 1000).toFixed(2)), range(measured.cpu, (x) => (x / 1000).toFixed(2))]);
  }
  const text = [
    table(
      'Every public function on the in-process emulator (its fetch is org.handle), called again and again on one client: ms per call, median [p25–p75]; requests of one call (openConversation of an open conversation focuses it: no request)',
      ['function', 'requests', 'wall ms', 'CPU ms'],
      rows,
    ),
    missing.length
      ? `\nPublic functions without a benchmark row (add them to bench/sections/registry.mjs): ${missing.join(', ')}`
      : '\nEvery public function has a benchmark row.',
  ].join('\n');
  if (missing.length) console.log(text.split('\n').at(-1));
  return { text, results, missing };
}
