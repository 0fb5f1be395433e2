// What the retention tests share: a client with `retention`, and old closed conversations with
// their notes, made in the store (the seed's conversations are at most 30 days old).
import { createOmnichannel, type Omnichannel, type OmnichannelOptions } from '../../src/index.js';
import { createOrgEmulator, type OrgEmulator } from '../../src/testing/index.js';

/** The org URL the client addresses (the emulator answers any). */
export const orgUrl = 'https://contoso.crm.dynamics.com';
/** The emulator's fixed clock. */
export const now = new Date('2026-03-01T12:00:00Z');
const dayMs = 86_400_000;

/** A seeded org dated from the fixed clock. */
export function seededOrg(): OrgEmulator {
  return createOrgEmulator({ now, maxRecordedRequests: Infinity });
}

/** A client with records, retention and actions that talks to `org` in-process, clocked like it. */
export function clientFor(org: OrgEmulator, options: OmnichannelOptions = {}): Omnichannel {
  return createOmnichannel({
    orgUrl,
    agentId: org.seedData?.signedInAgentId,
    host: 'builtin',
    now: () => now.getTime(),
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    fetch: (input, init) => org.handle(new Request(input, init)),
    ...options,
  });
}

/** An old conversation made by {@link addClosedConversation}, with its notes' ids. */
export interface ArrangedConversation {
  id: string;
  transcriptId: string;
  transcriptNoteId: string;
  attachmentNoteIds: string[];
  /** A note an agent typed on the conversation (no file): never deleted. */
  typedNoteId: string;
}

/**
 * A conversation closed `closedDaysAgo` days ago (or open, `statuscode: 2`) with a transcript and
 * its note, `attachments` file notes and a typed note, all stamped `closedDaysAgo` days ago.
 */
export function addClosedConversation(
  org: OrgEmulator,
  {
    closedDaysAgo,
    attachments = 1,
    statuscode = 4,
    channel = 192360000,
  }: { closedDaysAgo: number; attachments?: number; statuscode?: number; channel?: number },
): ArrangedConversation {
  const at = new Date(now.getTime() - closedDaysAgo * dayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const stamps = { createdon: at, modifiedon: at };
  const id = org.store.create('msdyn_ocliveworkitem', {
    subject: 'Arranged conversation',
    statuscode,
    msdyn_channel: String(channel),
    msdyn_closedon: statuscode === 4 ? at : null,
    ...stamps,
  });
  const transcriptId = org.store.create('msdyn_transcript', { msdyn_name: 'Transcript', msdyn_liveworkitemidid: id, ...stamps });
  const note = (values: Record<string, unknown>) => org.store.create('annotation', { ...stamps, ...values });
  const transcriptNoteId = note({
    subject: 'Conversation transcript',
    objectid: { table: 'msdyn_transcript', id: transcriptId },
    objecttypecode: 'msdyn_transcript',
    isdocument: true,
    filename: 'transcript.json',
    filesize: 1000,
    documentbody: 'W10=',
  });
  const attachmentNoteIds = Array.from({ length: attachments }, (_, index) =>
    note({
      subject: `file-${index}.png`,
      objectid: { table: 'msdyn_ocliveworkitem', id },
      objecttypecode: 'msdyn_ocliveworkitem',
      isdocument: true,
      filename: `file-${index}.png`,
      filesize: 5000,
      documentbody: 'AAAA',
    }),
  );
  const typedNoteId = note({
    subject: 'Agent note',
    notetext: 'Customer prefers email.',
    objectid: { table: 'msdyn_ocliveworkitem', id },
    objecttypecode: 'msdyn_ocliveworkitem',
    isdocument: false,
  });
  return { id, transcriptId, transcriptNoteId, attachmentNoteIds, typedNoteId };
}

/** Ids of the notes still in the store. */
export function noteIds(org: OrgEmulator): Set<string> {
  return new Set(org.store.list('annotation').map((row) => row.annotationid as string));
}

/** The notes a plan names, flattened. */
export function planNoteIds(plan: { conversations: { notes: { id: string }[] }[] }): string[] {
  return plan.conversations.flatMap((conversation) => conversation.notes.map((note) => note.id));
}
