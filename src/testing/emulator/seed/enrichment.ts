/**
 * What the records features need beyond the contact centre's day: transcripts in another script
 * (emoji, CJK, combining marks), in a wrapper object and encoded twice, a closed conversation
 * without one, files of several types and sizes, every bot outcome with CSAT and a second bot,
 * skills with ratings and the sessions they applied to, and the ongoing conversations
 * (`msdyn_liveconversation`) with their sentiment. It runs after everything else and draws from
 * the random source last, so every record seeded before keeps its id.
 */
import { BotSessionOutcome, BotSessionOutcomeReason, ConversationStatus, SentimentLabel } from '../../../index.js';
import { encodeBase64Utf8, type TranscriptMessage, type TranscriptSender, decodeTranscript } from '../transcriptFormat.js';
import type { StoredRow } from '../store.js';
import { createNamedRecord } from './builders.js';
import type { Person, SeedContext } from './context.js';
import { BILLING_BOT_NAME, BOT_NAME, EXTRA_FILES, INTERNATIONAL_CHAT, RATINGS } from './data.js';
import type { Slot } from './plan.js';
import type { SeedData } from './types.js';
import { MINUTE, SECOND, iso, stamps } from './time.js';
import { type Draft, createAttachmentNote, toMessages } from './transcripts.js';

/** A conversation the plan made, as the enrichment looks for candidates among them. */
export interface Planned {
  id: string;
  slot: Slot;
  transcriptId?: string;
  fileNoteId?: string;
}

/** The ids the enrichment adds to `SeedData` (documented there). */
export type EnrichedIds = Pick<
  SeedData,
  | 'internationalConversationId'
  | 'wrappedTranscriptConversationId'
  | 'doubleEncodedTranscriptConversationId'
  | 'noTranscriptConversationId'
  | 'photoNoteId'
  | 'billingBotId'
  | 'liveConversationIds'
  | 'veryNegativeConversationId'
>;

type FileKind = keyof typeof EXTRA_FILES;

/** Adds the records features' data to a seeded contact centre. */
export function enrichSeed(ctx: SeedContext, planned: readonly Planned[]): EnrichedIds {
  rateSkills(ctx);
  // Ended chats with an agent, one session each, a transcript and no file: other agents' first,
  // then the signed-in agent's (but for the one tests read as `conversationWithTranscriptId`).
  // The plan's fixed slots alone hold four of them.
  const ended = (p: Planned) => p.slot.status === ConversationStatus.Closed || p.slot.status === ConversationStatus.Resolved;
  const plain = planned
    .filter((p) => ended(p) && p.slot.agent !== null && !p.slot.bot && p.slot.transferFrom === undefined && p.transcriptId && !p.fileNoteId)
    .sort((a, b) => Number(a.slot.agent === 0) - Number(b.slot.agent === 0));
  const [international, wrapped, doubled] = plain;
  // Conversations with an agent's session and no bot yet, for the bot sessions added below.
  const botless = planned.filter(
    (p) => p.slot.agent !== null && !p.slot.bot && p.slot.transferFrom === undefined && ![international, wrapped, doubled].includes(p),
  );
  const [quiet, rated] = botless;
  if (!international || !wrapped || !doubled || !quiet || !rated) throw new Error('The seed plan has too few conversations to enrich');

  const photoNoteId = rewriteInternational(ctx, international);
  rewriteTranscript(ctx, wrapped, ['document'], (messages) => encodeBase64Utf8(JSON.stringify({ conversationId: wrapped.id, messages })));
  rewriteTranscript(ctx, doubled, ['log', 'voice'], (messages) => encodeBase64Utf8(JSON.stringify(JSON.stringify(messages))));
  const abandoned = planned.find((p) => p.slot.bot === 'abandoned' && p.transcriptId)!;
  deleteTranscript(ctx, abandoned.transcriptId!);

  const billingBotId = createNamedRecord(ctx, 'bot', 'botid', BILLING_BOT_NAME, ctx.now - 59 * 24 * 60 * MINUTE).id;
  rateBotSessions(ctx);
  addBotSession(ctx, quiet.id, ctx.botId, BotSessionOutcome.None, BotSessionOutcomeReason.NoError, false, null);
  addBotSession(ctx, rated.id, ctx.botId, BotSessionOutcome.None, BotSessionOutcomeReason.UserExit, true, 3);
  addBotSession(
    ctx,
    international.id,
    billingBotId,
    BotSessionOutcome.Escalated,
    BotSessionOutcomeReason.AgentTransferRequestedByUser,
    true,
    2,
  );
  // A hand-over between bots: the second bot-resolved chat ends with the billing assistant.
  const handedOver = planned.filter((p) => p.slot.bot === 'resolved')[1] ?? planned.find((p) => p.slot.bot === 'resolved')!;
  addBotSession(ctx, handedOver.id, billingBotId, BotSessionOutcome.Resolved, BotSessionOutcomeReason.Resolved, true, 5);

  const { liveConversationIds, veryNegativeConversationId } = mirrorOngoing(ctx);
  return {
    internationalConversationId: international.id,
    wrappedTranscriptConversationId: wrapped.id,
    doubleEncodedTranscriptConversationId: doubled.id,
    noTranscriptConversationId: abandoned.id,
    photoNoteId,
    billingBotId,
    liveConversationIds,
    veryNegativeConversationId,
  };
}

/** Gives every skill of a conversation a required rating, and links it to the conversation's sessions. */
function rateSkills(ctx: SeedContext): void {
  const ratings = RATINGS.map((name) => createNamedRecord(ctx, 'ratingvalue', 'ratingvalueid', name, ctx.now - 60 * 24 * 60 * MINUTE));
  const sessions = ctx.store.list('msdyn_ocsession');
  for (const skill of ctx.store.list('msdyn_ocliveworkitemcharacteristic')) {
    const id = skill.msdyn_ocliveworkitemcharacteristicid as string;
    ctx.store.update('msdyn_ocliveworkitemcharacteristic', id, {
      msdyn_ratingvalue: ctx.random.pick(ratings).id,
      modifiedon: skill.modifiedon,
    });
    for (const session of sessions.filter((s) => s._msdyn_liveworkitemid_value === skill._msdyn_ocliveworkitemid_value)) {
      ctx.store.create('msdyn_ocsessioncharacteristic', {
        msdyn_ocsessioncharacteristicid: ctx.random.uuid(),
        msdyn_name: skill.msdyn_name,
        msdyn_ocsession: session.activityid,
        msdyn_ocliveworkitemcharacteristic: id,
        ...stamps(Date.parse(session.createdon as string)),
      });
    }
  }
}

/** The transcript note of a transcript row. */
function transcriptNote(ctx: SeedContext, transcriptId: string): StoredRow {
  return ctx.store.list('annotation').find((note) => note._objectid_value === transcriptId)!;
}

/** The conversation's agent as a transcript sender, and when the conversation ran. */
function participantsOf(ctx: SeedContext, conversationId: string) {
  const conversation = ctx.store.get('msdyn_ocliveworkitem', conversationId)!;
  const agent = ctx.agents.find((a) => a.id === conversation._msdyn_activeagentid_value)!;
  return {
    conversation,
    agent,
    start: Date.parse(conversation.msdyn_createdon as string),
    end: Date.parse(conversation.msdyn_closedon as string),
  };
}

/** A file note on the conversation: `header`, then bytes from the seed (or `text` as UTF-8), `size` in all. */
function createFile(ctx: SeedContext, conversationId: string, kind: FileKind, at: number): string {
  const file: { name: string; mimetype: string; header?: readonly number[]; size?: number; text?: string } = EXTRA_FILES[kind];
  let bytes: Uint8Array;
  if (file.text !== undefined) {
    bytes = new TextEncoder().encode(file.text);
  } else {
    bytes = new Uint8Array(file.size!);
    bytes.set(file.header!);
    // A linear congruential stream from one draw: filler that differs per seed without 100,000 draws.
    let state = ctx.random.int(1, 2 ** 31 - 2);
    for (let i = file.header!.length; i < bytes.length; i++) bytes[i] = (state = (state * 48271) % 2147483647) & 0xff;
  }
  return createAttachmentNote(ctx, conversationId, file, bytes, at);
}

/** A customer's message carrying files. */
function fileMessage(ctx: SeedContext, customer: TranscriptSender, files: readonly [FileKind, string][]): Draft {
  const attachments = files.map(([kind, annotationid], index) => ({
    id: ctx.random.uuid(),
    index,
    name: EXTRA_FILES[kind].name,
    fileType: EXTRA_FILES[kind].fileType,
    annotationid,
  }));
  return [customer, '', '', { attachments }];
}

/** Replaces a transcript note's body (and size), keeping the note. */
function replaceBody(ctx: SeedContext, transcriptId: string, documentbody: string, bytes: number): void {
  const note = transcriptNote(ctx, transcriptId);
  ctx.store.update('annotation', note.annotationid as string, { documentbody, filesize: bytes, modifiedon: note.modifiedon });
}

/** The chat in Japanese: its own transcript, a photo and a text file; returns the photo's note. */
function rewriteInternational(ctx: SeedContext, p: Planned): string {
  const { agent, start, end } = participantsOf(ctx, p.id);
  const chat = INTERNATIONAL_CHAT;
  ctx.store.update('msdyn_ocliveworkitem', p.id, {
    msdyn_title: chat.title,
    modifiedon: ctx.store.get('msdyn_ocliveworkitem', p.id)!.modifiedon,
  });
  const photo = createFile(ctx, p.id, 'photo', start + MINUTE);
  const note = createFile(ctx, p.id, 'note', start + MINUTE + SECOND);
  const customer: TranscriptSender = { user: { displayName: chat.customerName, id: `8:acs:${p.id}` } };
  const user: TranscriptSender = { user: { displayName: agent.name, id: `8:orgid:${agent.aad}` } };
  const system: TranscriptSender = { application: { displayName: 'DynamicsBot', id: `28:${ctx.dynamicsBotId}` } };
  const drafts: Draft[] = [
    [customer, chat.ask, 'ChannelId-lcw'],
    ...joins(agent),
    [system, `${agent.name} joined the conversation.`, 'system'],
    [user, chat.greeting, 'public'],
    [customer, chat.detail, 'ChannelId-lcw'],
    fileMessage(ctx, customer, [
      ['photo', photo],
      ['note', note],
    ]),
    [user, chat.internal, 'private'],
    [user, chat.answer, 'public'],
    [customer, chat.thanks, 'ChannelId-lcw'],
    [user, chat.goodbye, 'public'],
  ];
  const messages = toMessages(drafts, start, end);
  const json = JSON.stringify(messages);
  replaceBody(ctx, p.transcriptId!, encodeBase64Utf8(json), new TextEncoder().encode(json).length);
  return photo;
}

/** The join of an agent, as a control message. */
function joins(agent: Person): Draft[] {
  const mri = `8:orgid:${agent.aad}`;
  return [
    [
      null,
      `<addmember><eventtime>{time}</eventtime><initiator>${mri}</initiator><target>${mri}</target></addmember>`,
      '',
      { isControlMessage: true },
    ],
  ];
}

/** Adds files to a conversation and its transcript, and writes the transcript note in another encoding. */
function rewriteTranscript(
  ctx: SeedContext,
  p: Planned,
  kinds: readonly FileKind[],
  encode: (messages: TranscriptMessage[]) => string,
): void {
  const { start } = participantsOf(ctx, p.id);
  const note = transcriptNote(ctx, p.transcriptId!);
  const messages = decodeTranscript(note.documentbody as string);
  const files = kinds.map((kind, index) => [kind, createFile(ctx, p.id, kind, start + MINUTE + index * SECOND)] as [FileKind, string]);
  const customerMessage = messages.find((m) => m.from?.user?.id?.startsWith('8:acs:'))!;
  const [sent] = toMessages(
    [fileMessage(ctx, customerMessage.from!, files)],
    Date.parse(customerMessage.created),
    Date.parse(customerMessage.created) + 2 * SECOND,
  );
  const body = encode([...messages, { ...sent!, tags: customerMessage.tags }]);
  replaceBody(ctx, p.transcriptId!, body, atob(body).length);
}

/** Deletes a transcript row and its note: a conversation whose transcript was never written. */
function deleteTranscript(ctx: SeedContext, transcriptId: string): void {
  ctx.store.delete('annotation', transcriptNote(ctx, transcriptId).annotationid as string);
  ctx.store.delete('msdyn_transcript', transcriptId);
}

/** Ratings on the existing bot sessions: some escalated customers rated, the abandoned one gave 1. */
function rateBotSessions(ctx: SeedContext): void {
  for (const bot of ctx.store.list('msdyn_botsession')) {
    const csat =
      bot.msdyn_outcome === BotSessionOutcome.Escalated
        ? ctx.random.pick([1, 2, 3, 4, null])
        : bot.msdyn_outcome === BotSessionOutcome.Abandoned
          ? 1
          : (bot.msdyn_csatscore as number | null);
    ctx.store.update('msdyn_botsession', bot.msdyn_botsessionid as string, { msdyn_csatscore: csat, modifiedon: bot.modifiedon });
  }
}

/** A bot session at the start of a conversation's first session. */
function addBotSession(
  ctx: SeedContext,
  conversationId: string,
  botId: string,
  outcome: number,
  reason: number,
  engaged: boolean,
  csat: number | null,
): void {
  const session = ctx.store.list('msdyn_ocsession').find((s) => s._msdyn_liveworkitemid_value === conversationId)!;
  const started = Date.parse(session.msdyn_sessioncreatedon as string);
  const ended = started + ctx.random.int(20, 90) * SECOND;
  const name = botId === ctx.botId ? BOT_NAME : BILLING_BOT_NAME;
  ctx.store.create('msdyn_botsession', {
    msdyn_botsessionid: ctx.random.uuid(),
    msdyn_name: `${name}: ${engaged ? 'Greeting' : 'Not engaged'}`,
    msdyn_botid: botId,
    msdyn_sessionid: session.activityid,
    msdyn_sourcesessionid: ctx.random.uuid().replace(/-/g, ''),
    msdyn_outcome: outcome,
    msdyn_outcomereason: reason,
    msdyn_isengaged: engaged,
    msdyn_topicname: engaged ? 'Greeting' : null,
    msdyn_csatscore: csat,
    msdyn_startedon: iso(started),
    msdyn_endedon: iso(ended),
    ...stamps(started, ended),
  });
}

/**
 * An ongoing conversation (`msdyn_liveconversation`) for each open conversation, with the same id
 * (how the two tables relate is UNCONFIRMED; the seed takes them to share the id) and the same
 * sentiment; the first Active conversation of another agent than the signed-in one is made Very
 * negative, so an alarm has something to find.
 */
function mirrorOngoing(ctx: SeedContext): { liveConversationIds: string[]; veryNegativeConversationId: string } {
  const open = ctx.store.list('msdyn_ocliveworkitem').filter((c) => c.statecode === 0);
  const upset =
    open.find((c) => c.statuscode === ConversationStatus.Active && c._msdyn_activeagentid_value !== ctx.agents[0]!.id) ??
    open.find((c) => c.statuscode === ConversationStatus.Active)!;
  ctx.store.update('msdyn_ocliveworkitem', upset.activityid as string, {
    msdyn_customersentimentlabel: SentimentLabel.VeryNegative,
    modifiedon: upset.modifiedon,
  });
  const ids = open.map((c) => {
    const id = c.activityid as string;
    const customerTable = c['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] as string | undefined;
    ctx.store.create('msdyn_liveconversation', {
      msdyn_liveconversationid: id,
      msdyn_subject: c.subject,
      msdyn_title: String(c.msdyn_title ?? '').slice(0, 100),
      msdyn_channel: c.msdyn_channel,
      statuscode: c.statuscode,
      msdyn_statuscode: c.statuscode,
      msdyn_statecode: (c.statuscode as number) - 1,
      msdyn_activeagentid: c._msdyn_activeagentid_value ?? null,
      msdyn_activeagentassignedon: c.msdyn_activeagentassignedon ?? null,
      msdyn_cdsqueueid: c._msdyn_cdsqueueid_value ?? null,
      msdyn_liveworkstreamid: c._msdyn_liveworkstreamid_value ?? null,
      msdyn_customer: customerTable ? { table: customerTable, id: c._msdyn_customer_value } : null,
      msdyn_customersentimentlabel: id === upset.activityid ? SentimentLabel.VeryNegative : c.msdyn_customersentimentlabel,
      msdyn_oclastsessionid: c._msdyn_lastsessionid_value ?? null,
      msdyn_transfercount: c.msdyn_transfercount,
      msdyn_escalationcount: c.msdyn_escalationcount,
      msdyn_createdon: c.msdyn_createdon,
      msdyn_startedon: c.msdyn_startedon,
      msdyn_modifiedon: c.msdyn_modifiedon,
      ...stamps(Date.parse(c.createdon as string), Date.parse(c.modifiedon as string)),
    });
    return id;
  });
  return { liveConversationIds: ids, veryNegativeConversationId: upset.activityid as string };
}
