import {
  type CallOptions,
  type Omnichannel,
  OmnichannelError,
  type OmnichannelErrorCode,
  type TelemetryEvent,
  getConversations,
  iterateConversations,
} from '../../src/index.js';
import type { OrgEmulator, SeedData } from '../../src/testing/index.js';
import type { Method } from './faults.js';

/** What a call can watch while it runs: the client's telemetry so far (a poller reports its failures there). */
export interface Observed {
  readonly events: readonly TelemetryEvent[];
}

/** A call of one public function, made with the cell's `{ correlationId?, signal? }`. */
export type Call = (client: Omnichannel, options: CallOptions, observed: Observed) => Promise<unknown>;

/**
 * How the reliability matrix drives one public function. Adding a function is one entry: what
 * it sends (`kind`, `target`), how to call it, and for a write which data it changes.
 */
export interface Row {
  /**
   * `read`: changes no data (GETs, or an action that only answers). `write`: its `target`
   * request changes data (the cells then check the org's data: no duplicate, no half-applied
   * change). `local`: sends nothing (every cell checks that it stays so).
   */
  kind: 'read' | 'write' | 'local';
  /** The request the faults hit. @default the call's first GET */
  target?: { method: Method; url?: string };
  /**
   * Prepares the org and the client (before any fault is queued) and returns the call. Runs
   * once per cell, on a fresh seeded org for a write (on the row's shared org for a read), so a
   * write's arrange may change data freely.
   */
  arrange(org: OrgEmulator, seed: SeedData, client: Omnichannel): Call | Promise<Call>;
  /**
   * For a write: the part of the org's data the call changes, as plain data to compare (taken
   * after `arrange`, before the call, and after it). May read through `org.handle`.
   */
  data?(org: OrgEmulator, seed: SeedData): unknown;
  /**
   * A poller (it runs until the caller aborts): the caller's abort stops it and its promise
   * resolves, where a one-shot call rejects `Aborted`.
   */
  stopsOnAbort?: true;
  /**
   * Cells in which the function itself sends its target again where the transport would not
   * (a `$batch` of DELETEs only, which is idempotent), and why.
   */
  resends?: { cells: readonly string[]; why: string };
}

/** Reads an async iterable to its end, as a caller of an iterating function does. */
async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of iterable) count++;
  return count;
}

/** A conversation's linked case and customer, as stored. */
function links(org: OrgEmulator, conversationId: string) {
  const row = org.store.get('msdyn_ocliveworkitem', conversationId)!;
  return { case: row._msdyn_issueid_value ?? null, customer: row._msdyn_customer_value ?? null };
}

/** An incident other than the one linked to `conversationId`. */
function otherIncident(org: OrgEmulator, seed: SeedData, conversationId: string): string {
  const linked = links(org, conversationId).case;
  return seed.incidents.find((incident) => incident.id !== linked)!.id;
}

/** Once per org: a read row's arrange runs once per cell on a shared org. */
function once<T>(org: OrgEmulator, key: string, make: () => T): T {
  const made = (arranged.get(org) ?? arranged.set(org, new Map()).get(org))!;
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}
const arranged = new WeakMap<OrgEmulator, Map<string, unknown>>();

const dayMs = 86_400_000;
/** `Busy`, one of the out-of-the-box presences (every agent starts Available). */
const busy = 'efdeb843-c07a-e811-8162-000d3aa11f50';
/** A proactive engagement configuration id (the emulator takes any). */
const engagement = '6f1b9c1e-0000-4000-8000-000000000001';

/**
 * A conversation closed `days` days before the org's clock, with a transcript and its note, and
 * one attachment note: what retention plans and deletes (the seed's conversations are recent).
 */
function addOldClosedConversation(org: OrgEmulator, days: number): string {
  const at = new Date(new Date('2026-03-01T12:00:00Z').getTime() - days * dayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const stamps = { createdon: at, modifiedon: at };
  const id = org.store.create('msdyn_ocliveworkitem', {
    subject: 'Old conversation',
    statuscode: 4,
    msdyn_channel: '192360000',
    msdyn_closedon: at,
    ...stamps,
  });
  const transcriptId = org.store.create('msdyn_transcript', { msdyn_name: 'Transcript', msdyn_liveworkitemidid: id, ...stamps });
  const file = { isdocument: true, documentbody: 'W10=', ...stamps };
  org.store.create('annotation', {
    subject: 'Conversation transcript',
    objectid: { table: 'msdyn_transcript', id: transcriptId },
    objecttypecode: 'msdyn_transcript',
    filename: 'transcript.json',
    filesize: 1000,
    ...file,
  });
  org.store.create('annotation', {
    subject: 'photo.png',
    objectid: { table: 'msdyn_ocliveworkitem', id },
    objecttypecode: 'msdyn_ocliveworkitem',
    filename: 'photo.png',
    filesize: 5000,
    ...file,
  });
  return id;
}

/** The org's notes (what retention deletes): how many there are, and how many are files. */
function notes(org: OrgEmulator) {
  const rows = org.store.list('annotation');
  return { notes: rows.length, files: rows.filter((row) => row.isdocument === true).length };
}

/** The bulk-delete system jobs (`asyncoperation`, operation type 13), as state and status. */
function bulkDeleteJobs(org: OrgEmulator) {
  return org.store
    .list('asyncoperation')
    .filter((row) => row.operationtype === 13)
    .map((row) => ({ state: row.statecode, status: row.statuscode }));
}

/** The Contact Center's proactive delivery tasks, as `CCaaS_GetDeliveryTasks` answers for each (read in-process). */
async function deliveryTask(org: OrgEmulator, taskId: string): Promise<unknown> {
  const url = `https://contoso.crm.dynamics.com/api/data/v9.2/CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)?@p1=${taskId}`;
  const response = await org.handle(new Request(url));
  const body = (await response.json()) as { value?: { status: string; deliveries?: { status: string }[] }[] };
  return body.value?.map((task) => ({ status: task.status, deliveries: task.deliveries?.map((delivery) => delivery.status) }));
}

/** An agent's presence, as `CCaaS_GetPresence` answers it (read in-process). */
async function presenceOf(org: OrgEmulator, agentId: string): Promise<unknown> {
  const request = new Request('https://contoso.crm.dynamics.com/api/data/v9.2/CCaaS_GetPresence', { headers: { MSCRMCallerID: agentId } });
  const body = (await (await org.handle(request)).json()) as { PresenceId?: string };
  return body.PresenceId;
}

/** Waits (real time, 1 ms steps, at most 5 s) until `done` answers something other than undefined. */
async function until<T>(done: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < 5000; waited++) {
    const value = done();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error('the poller neither answered nor failed within 5 s');
}

/**
 * One row per public function of the client (see `surface.mjs`). The suite fails for a public
 * function that has no row here (unless `surface.mjs` exempts it, with a reason).
 */
export const rows: Record<string, Row> = {
  getConversations: {
    kind: 'read',
    arrange: () => (client, options) => client.getConversations({}, options),
  },
  iterateConversations: {
    kind: 'read',
    arrange: () => (client, options) => drain(client.iterateConversations({}, options)),
  },
  // The functions over a connection, given the cell's client (a client is a connection too):
  // createConnection wires the same transport as createOmnichannel (test/connection.test.ts).
  'getConversations(connection)': {
    kind: 'read',
    arrange: () => (client, options) => getConversations(client, {}, options),
  },
  'iterateConversations(connection)': {
    kind: 'read',
    arrange: () => (client, options) => drain(iterateConversations(client, {}, options)),
  },
  getConversationId: {
    kind: 'local',
    arrange: async (_org, seed, client) => {
      await client.openConversation(seed.waitingConversationId);
      return (client, options) => client.getConversationId(options);
    },
  },
  openConversation: {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.openConversation(seed.waitingConversationId, undefined, undefined, options),
  },
  linkToConversation: {
    kind: 'write',
    target: { method: 'PATCH' },
    arrange: (org, seed) => {
      const incident = otherIncident(org, seed, seed.waitingConversationId);
      return (client, options) => client.linkToConversation('incident', incident, seed.waitingConversationId, options);
    },
    data: (org, seed) => links(org, seed.waitingConversationId),
  },
  unlinkFromConversation: {
    kind: 'write',
    target: { method: 'PATCH' },
    arrange: (org, seed) => {
      const incident = links(org, seed.waitingConversationId).case as string;
      return (client, options) => client.unlinkFromConversation('incident', incident, seed.waitingConversationId, options);
    },
    data: (org, seed) => links(org, seed.waitingConversationId),
  },
  sendMessageToConversation: {
    // To the send box: it reads the conversation and the signed-in agent (2 GETs at once), then sets the draft.
    kind: 'read',
    arrange: async (_org, seed, client) => {
      await client.openConversation(seed.waitingConversationId);
      return (client, options) => client.sendMessageToConversation('On it.', true, seed.waitingConversationId, options);
    },
  },
  dispose: {
    kind: 'local',
    arrange: () => async (client) => client.dispose(),
  },
  'records.getConversation': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.records.getConversation(seed.waitingConversationId, {}, options),
  },
  'records.findConversations': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) =>
      Promise.resolve(client.records.findConversations({ agentId: seed.signedInAgentId }, options)),
  },
  'records.getConversationStory': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.records.getConversationStory(seed.transferredConversationId, options),
  },
  'records.getTranscript': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.records.getTranscript(seed.conversationWithTranscriptId, options),
  },
  'records.listAttachments': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.records.listAttachments(seed.conversationWithTranscriptId, options),
  },
  'records.downloadAttachment': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.records.downloadAttachment(seed.attachmentNoteId, options),
  },
  'records.storageReport': {
    kind: 'read',
    arrange: () => (client, options) => client.records.storageReport({ groupBy: 'channel' }, options),
  },
  'records.botSessionSummary': {
    kind: 'read',
    arrange: () => (client, options) => client.records.botSessionSummary({ from: '2026-01-01', to: '2026-03-02' }, options),
  },
  'records.exportTranscripts': {
    kind: 'read',
    arrange: () => (client, options) =>
      drain(client.records.exportTranscripts({ closedFrom: '2026-01-01', closedTo: '2026-03-02' }, options)),
  },
  'records.conversationsNeedingSkill': {
    kind: 'read',
    arrange: (org) => {
      const skill = org.store.list('characteristic')[0]!.characteristicid as string;
      return (client, options) => client.records.conversationsNeedingSkill(skill, undefined, options);
    },
  },
  'records.monitorLiveConversations': {
    // A poller: one poll, then the row stops it. A failure waiting cures goes to onError (and
    // the next poll comes later): the row rejects with it, as a caller's onError would see it.
    kind: 'read',
    stopsOnAbort: true,
    arrange: () => async (client, options) => {
      const stop = new AbortController();
      let failure: unknown;
      const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
      await client.records.monitorLiveConversations(
        {
          threshold: 13,
          intervalMs: 1000,
          onAlert: () => undefined,
          onError: (error) => void (failure = error),
          signal,
          // The poller asks for its next poll when one ended: the row stops there.
          timers: { setTimeout: () => stop.abort(), clearTimeout: () => undefined },
        },
        { correlationId: options.correlationId },
      );
      if (failure) throw failure;
    },
  },
  'retention.plan': {
    kind: 'read',
    arrange: (org) => {
      once(org, 'old conversation', () => addOldClosedConversation(org, 200));
      return (client, options) => client.retention.plan({ olderThanDays: 90, include: ['transcripts', 'attachments'] }, options);
    },
  },
  'retention.apply': {
    // Reads the conversations (GET), then one $batch of DELETEs. It resolves a report also when
    // a batch fails: the row rejects with the report's interruption, as a caller would read it.
    kind: 'write',
    target: { method: 'POST', url: '$batch' },
    resends: {
      cells: ['502', '503', '504', 'network error', 'timeout', 'HTML error page', 'malformed JSON', 'truncated JSON'],
      why: 'a $batch of DELETEs only is idempotent (a note already gone counts as deleted): retention sends it again itself',
    },
    arrange: async (org, _seed, client) => {
      addOldClosedConversation(org, 200);
      addOldClosedConversation(org, 300);
      const plan = await client.retention.plan({ olderThanDays: 90, include: ['transcripts', 'attachments'] });
      return async (client, options) => {
        const report = await client.retention.apply(plan, { mode: 'batch', retryDelayMs: 1, ...options });
        if (report.interruption) throw new OmnichannelError(report.interruption.code, report.interruption.message);
        if (report.failed.length) throw new OmnichannelError(report.failed[0]!.code, report.failed[0]!.message);
        return report;
      };
    },
    data: notes,
  },
  'retention.submitBulkDelete': {
    kind: 'write',
    target: { method: 'POST', url: 'BulkDelete' },
    arrange: () => (client, options) =>
      client.retention.submitBulkDelete({ olderThanDays: 90, include: ['transcripts', 'attachments'] }, options),
    data: bulkDeleteJobs,
  },
  'retention.watchJob': {
    // Each poll is one $batch (a POST) of two GETs.
    kind: 'read',
    target: { method: 'POST', url: '$batch' },
    arrange: async (org, _seed, client) => {
      const job = await client.retention.submitBulkDelete({ olderThanDays: 90, include: ['transcripts'] });
      org.jobs.runAll();
      return (client, options) => client.retention.watchJob(job.jobId, { intervalMs: 0, ...options });
    },
  },
  'retention.cancelJob': {
    kind: 'write',
    target: { method: 'PATCH', url: 'asyncoperations' },
    arrange: async (_org, _seed, client) => {
      const job = await client.retention.submitBulkDelete({ olderThanDays: 90, include: ['transcripts'] });
      return (client, options) => client.retention.cancelJob(job.jobId, options);
    },
    data: bulkDeleteJobs,
  },
  'actions.executeAction': {
    kind: 'write',
    target: { method: 'POST', url: 'CCaaS_ModifyAgentPresence' },
    arrange: (_org, seed) => (client, options) =>
      client.actions.executeAction(
        'CCaaS_ModifyAgentPresence',
        { ApiVersion: '1.0', AgentId: seed.agents[1]!.id, PresenceId: busy },
        options,
      ),
    data: (org, seed) => presenceOf(org, seed.agents[1]!.id),
  },
  'actions.executeFunction': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) =>
      client.actions.executeFunction('CCaaS_GetPresence', {}, { ...options, callerId: seed.agents[2]!.id }),
  },
  'actions.getPresence': {
    kind: 'read',
    arrange: (_org, seed) => (client, options) => client.actions.getPresence(seed.agents[2]!.id, options),
  },
  'actions.modifyPresence': {
    kind: 'write',
    target: { method: 'POST', url: 'CCaaS_ModifyAgentPresence' },
    arrange: (_org, seed) => (client, options) => client.actions.modifyPresence({ agentId: seed.agents[1]!.id, presenceId: busy }, options),
    data: (org, seed) => presenceOf(org, seed.agents[1]!.id),
  },
  'actions.getAvailabilityForConversation': {
    // An action (POST) that only answers: never repeated but on 429, like every action.
    kind: 'read',
    target: { method: 'POST' },
    arrange: (_org, seed) => {
      const open = seed.conversations.find((conversation) => conversation.status === 1)!.id;
      return (client, options) => client.actions.getAvailabilityForConversation({ conversationId: open }, options);
    },
  },
  'actions.getAvailabilityBeforeConversation': {
    kind: 'read',
    target: { method: 'POST' },
    arrange: (_org, seed) => (client, options) =>
      client.actions.getAvailabilityBeforeConversation({ workstreamId: seed.workstreams[0]!.id }, options),
  },
  'actions.createProactiveDelivery': {
    kind: 'write',
    target: { method: 'POST', url: 'CCaaS_CreateProactiveDelivery' },
    arrange: (org) => {
      recordCreatedTasks(org);
      return (client, options) =>
        client.actions.createProactiveDelivery(
          {
            engagementConfigId: engagement,
            contacts: [{ uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' }],
          },
          options,
        );
    },
    // Every task the emulator created, as it answers for each now: one after the call, never two.
    data: (org) => Promise.all((createdTasks.get(org) ?? []).map((taskId) => deliveryTask(org, taskId))),
  },
  'actions.cancelDeliveryTask': {
    kind: 'write',
    target: { method: 'POST', url: 'CCaaS_CancelDeliveryTask' },
    arrange: async (org, _seed, client) => {
      const { DeliveryTaskId } = await client.actions.createProactiveDelivery({
        engagementConfigId: engagement,
        contacts: [
          { uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' },
          { uniqueIdentifier: 'c2', firstName: 'Yvonne', lastName: 'McKay', mobilePhoneNumber: '+15550101' },
        ],
      });
      lastTask.set(org, DeliveryTaskId!);
      return (client, options) => client.actions.cancelDeliveryTask(DeliveryTaskId!, options);
    },
    data: (org) => deliveryTask(org, lastTask.get(org)!),
  },
  'actions.getDeliveryTasks': {
    kind: 'read',
    arrange: async (org, _seed, client) => {
      const taskId = await once(org, 'task', () =>
        client.actions
          .createProactiveDelivery({
            engagementConfigId: engagement,
            contacts: [{ uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' }],
          })
          .then((delivery) => delivery.DeliveryTaskId!),
      );
      return (client, options) => client.actions.getDeliveryTasks(taskId, options);
    },
  },
  'live.pick': {
    // Reads the conversation, assigns it and makes it Active in one PATCH, then opens its session.
    kind: 'write',
    target: { method: 'PATCH' },
    arrange: (org, seed) => {
      const id = seed.conversations.find((conversation) => conversation.status === 1)!.id;
      org.store.update('msdyn_ocliveworkitem', id, { statecode: 0, statuscode: 1, msdyn_activeagentid: null });
      return (client, options) => client.live.pick(id, options);
    },
    data: (org, seed) => {
      const row = org.store.get('msdyn_ocliveworkitem', seed.conversations.find((conversation) => conversation.status === 1)!.id)!;
      return { status: row.statuscode, agent: row._msdyn_activeagentid_value ?? null };
    },
  },
  'live.start': {
    // Starts the pollers; the row watches the first poll of incoming work (one GET) and stops
    // them. A poller never throws: a failed poll is a `failure` telemetry event (and a later
    // poll), which the row turns into the error a caller watching telemetry would see.
    kind: 'read',
    stopsOnAbort: true,
    arrange: (org, seed) => {
      const offered = once(org, 'offered', () => {
        const id = seed.conversations.find((conversation) => conversation.status === 1)!.id;
        org.store.update('msdyn_ocliveworkitem', id, { statecode: 0, statuscode: 1, msdyn_activeagentid: seed.signedInAgentId });
        return id;
      });
      return async (client, options, observed) => {
        const live = client.live.start({ intervalMs: 60_000, sentiment: false, signal: options.signal });
        try {
          const failed = await until(() => {
            // Stopped by the caller: what the aborted poll reports is no failure of the poller.
            if (options.signal?.aborted) return null;
            const failure = observed.events.find((event) => event.type === 'failure' && event.operation === 'pollIncomingWork');
            if (failure) return failure;
            if (client.workspace.notifications.some((item) => item.conversationId === offered)) return null;
            return undefined;
          });
          if (failed?.type === 'failure')
            throw new OmnichannelError(
              (failed.errorCode ?? 'NetworkError') as OmnichannelErrorCode,
              `A poll of incoming work failed: ${failed.errorCode}`,
            );
        } finally {
          live.stop();
        }
      };
    },
  },
};

/** The delivery task each cancelDeliveryTask cell made, by org. */
const lastTask = new WeakMap<OrgEmulator, string>();

/** The delivery tasks the emulator created, by org (in the order it answered). */
const createdTasks = new WeakMap<OrgEmulator, string[]>();

/**
 * Notes the id of every delivery task `org` creates, as its answer names it (the Contact
 * Center's tasks are not listed by any message): a held request's task counts too, since the
 * emulator answers it after the client gave up.
 */
function recordCreatedTasks(org: OrgEmulator): void {
  const handle = org.handle.bind(org);
  createdTasks.set(org, []);
  org.handle = async (request) => {
    const response = await handle(request);
    if (request.method === 'POST' && request.url.endsWith('/CCaaS_CreateProactiveDelivery') && response.ok) {
      // A fault's answer (an HTML page, broken JSON) created nothing.
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { DeliveryTaskId?: string };
      if (body.DeliveryTaskId) createdTasks.get(org)!.push(body.DeliveryTaskId);
    }
    return response;
  };
}
