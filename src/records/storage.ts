/*
 * How much the transcripts and attachments take: counts and bytes of transcript notes (parent a
 * `msdyn_transcript`) and attachment notes (parent the conversation), summed by Dataverse.
 *
 * Dataverse's `$apply` cannot group by a date (nor by a part of one) and cannot reach a note's
 * conversation (a transcript note hangs off a transcript row, which hangs off the conversation).
 * So: by month, one aggregate per month of the notes' `createdon`; by channel or queue, and for
 * `closedBefore`, one aggregate per note parent, joined here to the conversations and transcript
 * rows read (their ids and keys only) page by page.
 */
import { invalidInput } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { collectAll, pages } from '../odata/paging.js';
import { allOf, buildQuery } from '../odata/query.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { type Window, aggregateRows, amount } from './apply.js';
import { formatted, within } from './filters.js';
import { type DateInput, dateInput, objectInput } from './input.js';

/** Notes and their bytes. */
export interface StorageUsage {
  /** How many notes. */
  notes: number;
  /** Their `filesize`, summed (the file's size, not the larger Base64 text). */
  bytes: number;
}

/** One group of a storage report. */
export interface StorageGroup {
  /**
   * The month (`2026-03`, UTC), the channel value(s) (`192360000`, several comma-separated) or the
   * queue id; `''` for conversations without one, `'-'` for notes whose conversation is gone.
   */
  key: string;
  /** The month, the channel's label or the queue's name. */
  label: string;
  /** Transcript notes. */
  transcripts: StorageUsage;
  /** Attachment notes (files exchanged). */
  attachments: StorageUsage;
}

/** What `storageReport` reports on. */
export interface StorageReportInput {
  /** Group by the month the note was stored (UTC), by the conversation's channel, or by its queue. */
  groupBy: 'month' | 'channel' | 'queue';
  /** Only the notes of conversations closed (`msdyn_closedon`) before this instant: what a retention policy would reach. */
  closedBefore?: DateInput;
}

/** Storage of transcripts and attachments, grouped. */
export interface StorageReport {
  /** The grouping asked for. */
  groupBy: StorageReportInput['groupBy'];
  /** The groups: months oldest first; channels and queues by label. */
  groups: StorageGroup[];
  /** All groups together. */
  total: { transcripts: StorageUsage; attachments: StorageUsage };
}

/** Transcript notes and attachment notes, as one `$filter`. */
const noteKinds = "isdocument eq true and (objecttypecode eq 'msdyn_transcript' or objecttypecode eq 'msdyn_ocliveworkitem')";
const groupings = ['month', 'channel', 'queue'];

/** One row of the notes aggregate. */
interface NoteGroup {
  objecttypecode?: string;
  _objectid_value?: string;
  notes?: number;
  bytes?: number;
}

/**
 * Reports storage. Requests: 2 for the notes' first and last dates; by month, 1 per month (and
 * without `closedBefore` nothing else); by channel or queue, 1 aggregate; with channel, queue or
 * `closedBefore`, also 1 per 5000 conversations and 1 per 5000 transcript rows. A window
 * Dataverse refuses to aggregate (over 50,000 notes) is halved, one more request per half.
 * @internal
 */
export function storageReport(context: ApiContext, input: StorageReportInput, options: CallOptions | undefined): Promise<StorageReport> {
  return withCall('records.storageReport', options, async (call) => {
    const given = objectInput(input, 'input', ['groupBy', 'closedBefore']);
    const groupBy = given.groupBy as StorageReportInput['groupBy'];
    if (!groupings.includes(groupBy)) throw invalidInput('input.groupBy', `must be one of ${groupings.join(', ')}`);
    const closedBefore = given.closedBefore === undefined ? undefined : dateInput(given.closedBefore, 'input.closedBefore');

    const [first, last] = await Promise.all(['asc', 'desc'].map((direction) => noteDate(context, call, direction)));
    const groups = new Map<string, StorageGroup>();
    if (first !== undefined && last !== undefined) {
      const join = groupBy !== 'month' || closedBefore !== undefined;
      const [conversations, conversationOf] = join
        ? await Promise.all([conversationKeys(context, call, groupBy, closedBefore), transcriptParents(context, call)])
        : [];
      const windows = groupBy === 'month' ? months(first, last) : [{ from: first, to: last + 1, key: '', label: '' }];
      for (const window of windows) {
        const query = {
          set: 'annotations',
          filter: [noteKinds],
          groupBy: join ? ['objecttypecode', '_objectid_value'] : ['objecttypecode'],
          aggregates: [
            ['notes', 'count'],
            ['bytes', 'sum', 'filesize'],
          ] as const,
        };
        for (const row of await aggregateRows<NoteGroup>(context, call, query, 'createdon', window)) {
          const transcript = row.objecttypecode === 'msdyn_transcript';
          let key = { key: window.key, label: window.label };
          if (conversations && conversationOf) {
            const parent = transcript ? conversationOf.get(row._objectid_value ?? '') : row._objectid_value;
            const conversation = parent === undefined ? undefined : conversations.get(parent);
            if (closedBefore && !conversation) continue;
            if (groupBy !== 'month') key = conversation ?? { key: '-', label: '(no conversation)' };
          }
          const group = groups.get(key.key) ?? { ...key, transcripts: { notes: 0, bytes: 0 }, attachments: { notes: 0, bytes: 0 } };
          groups.set(key.key, group);
          const usage = transcript ? group.transcripts : group.attachments;
          usage.notes += amount(row, 'notes');
          usage.bytes += amount(row, 'bytes');
        }
      }
    }
    const sorted = [...groups.values()].sort((a, b) =>
      groupBy === 'month' ? compare(a.key, b.key) : compare(a.label, b.label) || compare(a.key, b.key),
    );
    const sum = (kind: 'transcripts' | 'attachments') =>
      sorted.reduce((total, group) => ({ notes: total.notes + group[kind].notes, bytes: total.bytes + group[kind].bytes }), {
        notes: 0,
        bytes: 0,
      });
    return { groupBy, groups: sorted, total: { transcripts: sum('transcripts'), attachments: sum('attachments') } };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `createdon` of the first or last transcript or attachment note, in epoch ms; undefined when there is none. */
async function noteDate(context: ApiContext, call: CallContext, direction: string): Promise<number | undefined> {
  // No page size: Dataverse ignores `$top` when one is asked for.
  const url = `annotations${buildQuery({ select: ['createdon'], filter: noteKinds, orderBy: [`createdon ${direction}`], top: 1 })}`;
  const { body } = await context.send({ method: 'GET', url }, call);
  const created = (body as { value?: { createdon?: unknown }[] } | undefined)?.value?.[0]?.createdon;
  return typeof created === 'string' ? Date.parse(created) : undefined;
}

/** Calendar months (UTC) from the one holding `first` to the one holding `last`. */
function months(first: number, last: number): (Window & { key: string; label: string })[] {
  const result = [];
  const start = new Date(first);
  for (let year = start.getUTCFullYear(), month = start.getUTCMonth(); Date.UTC(year, month) <= last; month++) {
    const from = Date.UTC(year, month);
    const key = new Date(from).toISOString().slice(0, 7);
    result.push({ from, to: Date.UTC(year, month + 1), key, label: key });
    if (month === 11) [year, month] = [year + 1, -1];
  }
  return result;
}

/** Each conversation's group key (channel or queue), only those closed before the date when one is given. */
async function conversationKeys(context: ApiContext, call: CallContext, groupBy: string, closedBefore: Date | undefined) {
  const column = groupBy === 'queue' ? '_msdyn_cdsqueueid_value' : 'msdyn_channel';
  const filter = closedBefore ? allOf(within('msdyn_closedon', { to: closedBefore }, 'input.closedBefore')) : undefined;
  const url = conversationSet + buildQuery({ select: ['activityid', column], filter });
  const keys = new Map<string, { key: string; label: string }>();
  for await (const page of pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call)) {
    for (const row of page) {
      const value = typeof row[column] === 'string' ? (row[column] as string) : '';
      keys.set(row.activityid as string, {
        key: value,
        label: formatted(row, column) ?? (value || (groupBy === 'queue' ? '(no queue)' : '(no channel)')),
      });
    }
  }
  return keys;
}

/** Each transcript row's conversation. */
async function transcriptParents(context: ApiContext, call: CallContext): Promise<Map<string, string>> {
  const url = `msdyn_transcripts${buildQuery({ select: ['msdyn_transcriptid', '_msdyn_liveworkitemidid_value'] })}`;
  const rows = await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call));
  return new Map(rows.map((row) => [row.msdyn_transcriptid as string, row._msdyn_liveworkitemidid_value as string]));
}
