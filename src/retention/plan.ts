import { withCall } from '../api/call.js';
import { invalidInput, optionalFunction } from '../http/errors.js';
import type { CallContext, Transport } from '../http/transport.js';
import { pages } from '../odata/paging.js';
import { type RetentionContext, counting } from './context.js';
import { closedBefore, kindsOf, readCriteria } from './criteria.js';
import { closedConversationsRequest, notesRequest, transcriptsRequest } from './queries.js';
import { earliestDataverseDate } from '../odata/literals.js';
import type { NoteKind, PlanOptions, PlanProgress, PlannedNote, RetentionCriteria, RetentionPlan } from './types.js';

interface Candidate {
  closedOn: string;
  notes: PlannedNote[];
}

/**
 * Makes a retention plan: reads the closed conversations of the criteria, then their transcript
 * notes (note → `msdyn_transcript` → conversation) and attachment notes (a note with a file on
 * the conversation), and deletes nothing. Each read is one paged query, joined here, so the
 * requests grow with the org's size divided by 5000, not with the number of conversations.
 * @internal
 */
export function planRetention(context: RetentionContext, input: RetentionCriteria, options?: PlanOptions): Promise<RetentionPlan> {
  return withCall('retention.plan', options, async (call) => {
    const criteria = readCriteria(input);
    const onProgress = optionalFunction(options?.onProgress, 'options.onProgress');
    const now = context.api.now();
    const before = closedBefore(criteria, now);
    if (!(before.getTime() >= earliestDataverseDate))
      throw invalidInput('criteria.olderThanDays', "reaches before 1753-01-01, Dataverse's earliest date");
    const { send, count } = counting(context.api.send);
    const found = { conversations: 0, notes: 0 };
    const report = (phase: PlanProgress['phase']) => onProgress?.({ phase, ...found, requests: count() });

    const closed = new Map<string, Candidate>();
    for await (const page of pages<Row>(send, closedConversationsRequest(criteria, before), call)) {
      for (const row of page) closed.set(idOf(row.activityid), { closedOn: String(row.msdyn_closedon), notes: [] });
      found.conversations = closed.size;
      report('conversations');
    }
    const kinds = kindsOf(criteria);
    if (closed.size > 0 && kinds.transcripts) {
      const transcripts = new Map<string, Candidate>();
      for await (const page of pages<Row>(send, transcriptsRequest(), call)) {
        for (const row of page) {
          const conversation = closed.get(idOf(row._msdyn_liveworkitemidid_value));
          if (conversation) transcripts.set(idOf(row.msdyn_transcriptid), conversation);
        }
        report('transcripts');
      }
      if (transcripts.size > 0) await collectNotes(send, call, 'transcript', transcripts, found, () => report('transcript-notes'));
    }
    if (closed.size > 0 && kinds.attachments) await collectNotes(send, call, 'attachment', closed, found, () => report('attachment-notes'));
    return assemble(context, criteria, now, before, closed);
  });
}

/** A row as a query returns it. */
type Row = Record<string, unknown>;

/** Adds the notes of `kind` whose parent is in `parents` to the parent's conversation. */
async function collectNotes(
  send: Transport,
  call: CallContext,
  kind: NoteKind,
  parents: ReadonlyMap<string, Candidate>,
  found: { notes: number },
  report: () => void,
): Promise<void> {
  for await (const page of pages<Row>(send, notesRequest(kind), call)) {
    for (const row of page) {
      const conversation = parents.get(idOf(row._objectid_value));
      if (!conversation) continue;
      const bytes = Number(row.filesize);
      conversation.notes.push({ id: idOf(row.annotationid), kind, bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : 0 });
      found.notes++;
    }
    report();
  }
}

function idOf(value: unknown): string {
  return String(value ?? '').toLowerCase();
}

function assemble(
  context: RetentionContext,
  criteria: RetentionCriteria,
  now: number,
  before: Date,
  closed: Map<string, Candidate>,
): RetentionPlan {
  const totals = { transcript: { count: 0, bytes: 0 }, attachment: { count: 0, bytes: 0 } };
  const conversations = [...closed]
    .filter(([, candidate]) => candidate.notes.length > 0)
    .map(([id, candidate]) => {
      // Transcripts first, then attachments; each kind in the order the service listed them.
      const notes = [...candidate.notes].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'transcript' ? -1 : 1));
      for (const note of notes) {
        totals[note.kind].count++;
        totals[note.kind].bytes += note.bytes;
      }
      return { id, closedOn: candidate.closedOn, notes };
    });
  const { transcript, attachment } = totals;
  return {
    kind: 'omnichannel-sdk/retention-plan',
    version: 1,
    orgUrl: context.orgUrl,
    createdOn: new Date(now).toISOString(),
    criteria: { ...criteria, closedBefore: before.toISOString() },
    summary: {
      conversations: conversations.length,
      count: transcript.count + attachment.count,
      bytes: transcript.bytes + attachment.bytes,
      transcripts: transcript,
      attachments: attachment,
    },
    conversations,
  };
}
