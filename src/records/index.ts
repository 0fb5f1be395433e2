import type { ApiContext, CallOptions } from '../api/call.js';
import type { ConversationRecord } from '../schema/conversation.js';
import { type Attachment, type AttachmentInfo, downloadAttachment, listAttachments } from './attachments.js';
import { type BotSessionSummary, type BotSessionSummaryInput, botSessionSummary } from './bots.js';
import {
  type ConversationDetails,
  type ConversationQuery,
  type GetConversationInput,
  findConversations,
  getConversation,
} from './conversations.js';
import { type ExportTranscriptsInput, exportTranscripts } from './exportTranscripts.js';
import type { DateRange } from './input.js';
import { type MonitorLiveConversationsInput, monitorLiveConversations } from './monitor.js';
import type { PagedList } from './pagedList.js';
import { type SkillDemand, conversationsNeedingSkill } from './skills.js';
import { type StorageReport, type StorageReportInput, storageReport } from './storage.js';
import { type ConversationStory, getConversationStory } from './story.js';
import { type Transcript, getTranscript } from './transcripts.js';

/**
 * Typed, efficient reads of the Omnichannel tables for admins and supervisors
 * (`omnichannel.records`): conversations, their story, transcripts and files, storage, bots,
 * skills, and live sentiment. Every method takes `{ correlationId?, signal? }` last, rejects bad
 * input with `InvalidInput` naming the field before sending anything, and documents how many
 * requests it sends. See the guide `docs/records.md`.
 */
export interface Records {
  /**
   * One conversation, with related records when asked: `GET msdyn_ocliveworkitems(<id>)?$expand=…`,
   * 1 request. A missing conversation is `NotFound`.
   * @example
   * ```ts
   * const conversation = await omnichannel.records.getConversation(id, { expand: ['agent', 'customer', 'case'] });
   * ```
   */
  getConversation(conversationId: string, input?: GetConversationInput, options?: CallOptions): Promise<ConversationDetails>;
  /**
   * Conversations matching typed filters (agent, queue, workstream, channel, status, created and
   * closed ranges, sentiment at or below a label, case, customer), newest first: await it for all,
   * or iterate it record by record or page by page. 1 request a page (5000 records unless `pageSize`).
   */
  findConversations(query?: ConversationQuery, options?: CallOptions): PagedList<ConversationRecord>;
  /**
   * A conversation's story: sessions in order with their participants (primary, consult, monitor;
   * a transfer shown as such), skills with ratings, sentiment, bot sessions, customer and case.
   * 2 requests, sent together.
   */
  getConversationStory(conversationId: string, options?: CallOptions): Promise<ConversationStory>;
  /**
   * A conversation's transcript, typed, oldest first; `undefined` when it has none. 2 requests
   * (1 without a transcript row). A note that is not a readable transcript is `InvalidResponse`
   * naming the note; a missing conversation `NotFound`.
   */
  getTranscript(conversationId: string, options?: CallOptions): Promise<Transcript | undefined>;
  /** The files exchanged in a conversation (name, MIME type, size), oldest first. 1 request. */
  listAttachments(conversationId: string, options?: CallOptions): Promise<AttachmentInfo[]>;
  /** One file's bytes (`Uint8Array`, and a `Blob` where the platform has one). 1 request. */
  downloadAttachment(noteId: string, options?: CallOptions): Promise<Attachment>;
  /**
   * Counts and bytes of transcript notes and attachment notes by month, channel or queue,
   * aggregated by Dataverse (`$apply`). Requests: see `docs/records.md` (3 for a month of notes).
   */
  storageReport(input: StorageReportInput, options?: CallOptions): Promise<StorageReport>;
  /** Bot sessions by outcome and reason, CSAT average and distribution, engagement, escalations. 1 request (`$apply`). */
  botSessionSummary(input: BotSessionSummaryInput, options?: CallOptions): Promise<BotSessionSummary>;
  /**
   * The conversations that needed skill `characteristicId` (attached within `range`), with who
   * handled them. 1 request per 5000 rows of the skill, plus 1 per 100 conversations for their agents.
   */
  conversationsNeedingSkill(characteristicId: string, range?: DateRange, options?: CallOptions): Promise<SkillDemand[]>;
  /**
   * The transcripts of the conversations closed in a range, streamed page by page with progress;
   * memory holds one page. 1 request to count, then per page (100 conversations by default) 1,
   * and 1 for its transcript notes when it has any.
   * @example
   * ```ts
   * for await (const transcript of omnichannel.records.exportTranscripts({ closedFrom: '2026-02-01', closedTo: '2026-03-01' })) {
   *   await save(transcript);
   * }
   * ```
   */
  exportTranscripts(input: ExportTranscriptsInput, options?: CallOptions): AsyncIterable<Transcript>;
  /**
   * Polls ongoing conversations' sentiment every `intervalMs` and calls `onAlert` when one reaches
   * the threshold, once per crossing; backs off while throttled. Resolves when `signal` aborts.
   * 1 request per interval.
   */
  monitorLiveConversations(input: MonitorLiveConversationsInput, options?: CallOptions): Promise<void>;
}

/** Creates a client's records reader. @internal */
export function createRecords(context: ApiContext): Records {
  return {
    getConversation: (id, input, options) => getConversation(context, id, input, options),
    findConversations: (query, options) => findConversations(context, query, options),
    getConversationStory: (id, options) => getConversationStory(context, id, options),
    getTranscript: (id, options) => getTranscript(context, id, options),
    listAttachments: (id, options) => listAttachments(context, id, options),
    downloadAttachment: (id, options) => downloadAttachment(context, id, options),
    storageReport: (input, options) => storageReport(context, input, options),
    botSessionSummary: (input, options) => botSessionSummary(context, input, options),
    conversationsNeedingSkill: (id, range, options) => conversationsNeedingSkill(context, id, range, options),
    exportTranscripts: (input, options) => exportTranscripts(context, input, options),
    monitorLiveConversations: (input, options) => monitorLiveConversations(context, input, options),
  };
}
