/*
 * Transcripts: conversation → `msdyn_transcript` rows (their lookup `msdyn_liveworkitemidid`) →
 * the notes whose parent (`_objectid_value`) is such a row, never a note found by its file name.
 * `getTranscript` and `exportTranscripts` share the second half.
 */
import type { OmnichannelError } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { guid } from '../odata/literals.js';
import { collectAll, pages } from '../odata/paging.js';
import { allOf, buildQuery } from '../odata/query.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { chunks, formatted, lookupOneOf } from './filters.js';
import { type TranscriptContent, type TranscriptControlMessage, type TranscriptEntry, parseTranscript } from './transcriptParse.js';

/** The conversation a transcript belongs to. */
export interface TranscriptConversation {
  /** The conversation (`activityid`). */
  id: string;
  /** Its title (`msdyn_title`). */
  title: string | undefined;
  /** Its channels, as the Web API writes the multi-select (`"192360000"`). */
  channel: string | undefined;
  /** The channels' labels (`Live chat`). */
  channelLabel: string | undefined;
  /** When it closed (`msdyn_closedon`), ISO 8601; undefined while open. */
  closedOn: string | undefined;
  /** The active (or last) agent. */
  agentId: string | undefined;
  /** The agent's full name. */
  agentName: string | undefined;
  /** The queue. */
  queueId: string | undefined;
  /** The queue's name. */
  queueName: string | undefined;
}

/** A conversation's transcript: its messages, typed, oldest first, and where they were read from. */
export interface Transcript extends TranscriptContent {
  /** The conversation. */
  conversation: TranscriptConversation;
  /** The `msdyn_transcript` rows of the conversation (usually one). */
  transcriptIds: string[];
  /** The notes the messages were read from. */
  noteIds: string[];
}

/** The collection of a conversation's transcript rows. */
const transcriptsNavigation = 'msdyn_msdyn_ocliveworkitem_msdyn_transcript';

/** What a transcript reads of its conversation, and the transcript rows in the same request. @internal */
export const transcriptConversationQuery = /* @__PURE__ */ (() => ({
  select: ['activityid', 'msdyn_title', 'msdyn_channel', 'msdyn_closedon', '_msdyn_activeagentid_value', '_msdyn_cdsqueueid_value'],
  // In a call marked pure: esbuild keeps a module-level template that reads another constant.
  expand: [`${transcriptsNavigation}($select=msdyn_transcriptid)`],
}))();

/** Transcript ids a request may name at once (`In`): about 4.5 KB of URL. */
const idsPerRequest = 100;

/**
 * Reads a conversation's transcript: the conversation with its transcript rows
 * (`GET msdyn_ocliveworkitems(<id>)?$expand=msdyn_msdyn_ocliveworkitem_msdyn_transcript`), then
 * their notes (`GET annotations?$filter=objecttypecode eq 'msdyn_transcript' and _objectid_value …`):
 * two requests, one when there is no transcript row. Resolves `undefined` when the conversation
 * has no transcript; a missing conversation is `NotFound`.
 * @internal
 */
export function getTranscript(
  context: ApiContext,
  conversationId: string,
  options: CallOptions | undefined,
): Promise<Transcript | undefined> {
  return withCall('records.getTranscript', options, async (call) => {
    const id = guid(conversationId, 'conversationId');
    const { body } = await context.send(
      { method: 'GET', url: `${conversationSet}(${id})${buildQuery(transcriptConversationQuery)}` },
      call,
    );
    const [transcript] = await readTranscripts(context, call, [body as Record<string, unknown>]);
    return transcript;
  });
}

/**
 * The transcripts of conversations read with {@link transcriptConversationQuery}, in their order;
 * conversations without a transcript note are left out. One notes request per 100 transcript
 * rows. A note that cannot be read goes to `onInvalid` when given (and is skipped), else rejects.
 * @internal
 */
export async function readTranscripts(
  context: ApiContext,
  call: CallContext,
  conversations: readonly Record<string, unknown>[],
  onInvalid?: (error: OmnichannelError) => void,
): Promise<Transcript[]> {
  const conversationOf = new Map<string, string>();
  for (const conversation of conversations) {
    for (const row of (conversation[transcriptsNavigation] as { msdyn_transcriptid: string }[] | undefined) ?? []) {
      conversationOf.set(row.msdyn_transcriptid, conversation.activityid as string);
    }
  }
  const notes: Record<string, unknown>[] = [];
  for (const ids of chunks([...conversationOf.keys()], idsPerRequest)) {
    const filter = allOf(["objecttypecode eq 'msdyn_transcript'", lookupOneOf('objectid', ids)]);
    const url = `annotations${buildQuery({ select: ['annotationid', 'documentbody', 'createdon', '_objectid_value'], filter, orderBy: ['createdon'] })}`;
    notes.push(...(await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call))));
  }
  const notesOf = new Map<string, Record<string, unknown>[]>();
  for (const note of notes) {
    const conversation = conversationOf.get(note._objectid_value as string);
    if (conversation !== undefined && typeof note.documentbody === 'string' && note.documentbody !== '') {
      notesOf.set(conversation, [...(notesOf.get(conversation) ?? []), note]);
    }
  }
  return conversations.flatMap((conversation) => {
    const own = notesOf.get(conversation.activityid as string);
    const contents = (own ?? []).flatMap((note) => {
      try {
        return [parseTranscript(note.documentbody as string, note.annotationid as string)];
      } catch (error) {
        if (!onInvalid) throw error;
        onInvalid(error as OmnichannelError);
        return [];
      }
    });
    if (contents.length === 0) return [];
    const transcriptIds = [...conversationOf].filter(([, id]) => id === conversation.activityid).map(([transcript]) => transcript);
    return [
      {
        conversation: summaryOf(conversation),
        transcriptIds,
        noteIds: own!.map((note) => note.annotationid as string),
        ...merge(contents),
      },
    ];
  });
}

/** Several notes of one conversation as one transcript: each message once, oldest first. */
function merge(contents: readonly TranscriptContent[]): TranscriptContent {
  if (contents.length === 1) return contents[0]!;
  const unique = <T extends { id: string; time: string }>(items: T[]) =>
    [...new Map(items.map((item) => [item.id, item] as const)).values()].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return {
    messages: unique(contents.flatMap((content) => content.messages) as TranscriptEntry[]),
    controlMessages: unique(contents.flatMap((content) => content.controlMessages) as TranscriptControlMessage[]),
  };
}

function summaryOf(row: Record<string, unknown>): TranscriptConversation {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    id: row.activityid as string,
    title: text(row.msdyn_title),
    channel: text(row.msdyn_channel),
    channelLabel: formatted(row, 'msdyn_channel'),
    closedOn: text(row.msdyn_closedon),
    agentId: text(row._msdyn_activeagentid_value),
    agentName: formatted(row, '_msdyn_activeagentid_value'),
    queueId: text(row._msdyn_cdsqueueid_value),
    queueName: formatted(row, '_msdyn_cdsqueueid_value'),
  };
}
