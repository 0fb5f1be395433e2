/**
 * The notes of a conversation: the transcript (a `msdyn_transcript` row and its note holding the
 * messages as Base64 JSON) and the files the customer sent (notes on the conversation).
 */
import { Channel, ConversationStatus } from '../../../index.js';
import { encodeBase64Bytes, encodeTranscript, type TranscriptMessage, type TranscriptSender } from '../transcriptFormat.js';
import type { SeedContext, Customer, Person } from './context.js';
import { BOT_NAME, FILES, type FileKind, type Topic } from './data.js';
import { isEnded, type Slot, type Timeline } from './plan.js';
import { iso, stamps } from './time.js';

/** A file the customer sent: a note on the conversation holding the (fake) bytes as Base64. */
export function createFileNote(ctx: SeedContext, conversationId: string, kind: FileKind, at: number): string {
  const file = FILES[kind];
  return createAttachmentNote(ctx, conversationId, file, new Uint8Array([...file.header, ...new TextEncoder().encode(file.text)]), at);
}

/** A note on the conversation holding a file's bytes as Base64, as the product stores an attachment. */
export function createAttachmentNote(
  ctx: SeedContext,
  conversationId: string,
  file: { name: string; mimetype: string },
  bytes: Uint8Array,
  at: number,
): string {
  const id = ctx.random.uuid();
  ctx.store.create('annotation', {
    annotationid: id,
    subject: file.name,
    objectid: { table: 'msdyn_ocliveworkitem', id: conversationId },
    objecttypecode: 'msdyn_ocliveworkitem',
    isdocument: true,
    filename: file.name,
    mimetype: file.mimetype,
    filesize: bytes.length,
    documentbody: encodeBase64Bytes(bytes),
    ...stamps(at),
  });
  return id;
}

/** The transcript row and its note: Base64 of the JSON message array. */
export function createTranscript(
  ctx: SeedContext,
  conversationId: string,
  subject: string,
  messages: TranscriptMessage[],
  at: number,
): string {
  const id = ctx.random.uuid();
  ctx.store.create('msdyn_transcript', {
    msdyn_transcriptid: id,
    msdyn_name: `Transcript: ${subject}`.slice(0, 100),
    msdyn_liveworkitemidid: conversationId,
    ...stamps(at),
  });
  const json = JSON.stringify(messages);
  ctx.store.create('annotation', {
    annotationid: ctx.random.uuid(),
    subject: 'Conversation transcript',
    objectid: { table: 'msdyn_transcript', id },
    objecttypecode: 'msdyn_transcript',
    isdocument: true,
    // The filename and mimetype of real transcript notes are UNCONFIRMED (reference §4).
    filename: 'transcript.json',
    mimetype: 'application/json',
    filesize: new TextEncoder().encode(json).length,
    documentbody: encodeTranscript(messages),
    ...stamps(at),
  });
  return id;
}

/** The conversation as its participants saw it, spread evenly between its start and its end. */
export function composeTranscript(
  ctx: SeedContext,
  c: { slot: Slot; topic: Topic; customer: Customer; t: Timeline; channel: number; conversationId: string; fileNoteId: string | undefined },
): TranscriptMessage[] {
  const { slot, topic, t } = c;
  const known = c.customer.ref?.table === 'contact';
  const customer: TranscriptSender = { user: { displayName: known ? c.customer.name : 'Customer', id: `8:acs:${c.conversationId}` } };
  const greetingName = known ? ` ${c.customer.name.split(' ')[0]}` : '';
  const bot: TranscriptSender = { application: { displayName: BOT_NAME, id: `28:${ctx.botId}` } };
  const system: TranscriptSender = { application: { displayName: 'DynamicsBot', id: `28:${ctx.dynamicsBotId}` } };
  const user = (p: Person): TranscriptSender => ({ user: { displayName: p.name, id: `8:orgid:${p.aad}` } });
  // Customer-message tags are UNCONFIRMED; `ChannelId-lcw` is what live chat clients send.
  const customerTags = c.channel === Channel.LiveChat ? 'ChannelId-lcw' : '';
  const drafts: Draft[] = [[customer, topic.ask, customerTags]];
  const join = (name: string, mri: string): Draft[] => [
    [
      null,
      `<addmember><eventtime>{time}</eventtime><initiator>${mri}</initiator><target>${mri}</target></addmember>`,
      '',
      { isControlMessage: true },
    ],
    [system, `${name} joined the conversation.`, 'system'],
  ];
  const agentJoins = (p: Person) => join(p.name, `8:orgid:${p.aad}`);
  const botLine = {
    resolved: topic.answer,
    escalated: 'I can connect you with an agent. One moment please.',
    abandoned: 'Could you tell me your account number?',
  };
  if (slot.bot) drafts.push(...join(BOT_NAME, bot.application!.id), [bot, botLine[slot.bot], 'public']);
  if (slot.bot === 'resolved') drafts.push([customer, 'Great, thanks!', customerTags], [system, 'The conversation has ended.', 'system']);
  if (slot.bot === 'abandoned') drafts.push([system, 'The customer left the conversation.', 'system']);
  const first = slot.transferFrom ?? slot.agent;
  if (first !== null) {
    const agent = ctx.agents[first]!;
    drafts.push(
      ...agentJoins(agent),
      [user(agent), `Hi${greetingName}, this is ${agent.name.split(' ')[0]}. Let me look into that.`, 'public'],
      [customer, topic.detail, customerTags],
    );
    if (c.fileNoteId) {
      const file = FILES[slot.file!];
      drafts.push([
        customer,
        '',
        customerTags,
        { attachments: [{ id: ctx.random.uuid(), index: 0, name: file.name, fileType: file.fileType, annotationid: c.fileNoteId }] },
      ]);
    }
    // The internal note: to the consulted colleague when there is one, otherwise for the record.
    const colleague = slot.consult ? ctx.agents[(first + 1) % ctx.agents.length] : undefined;
    if (colleague)
      drafts.push(...agentJoins(colleague), [user(agent), `@${colleague.name} can you double-check this before I confirm?`, 'private']);
    else drafts.push([user(agent), 'Internal note: customer identity verified.', 'private']);
    const last = slot.agent === null ? agent : ctx.agents[slot.agent]!;
    if (last !== agent) drafts.push([system, `The conversation was transferred to ${last.name}.`, 'system'], ...agentJoins(last));
    drafts.push([user(last), topic.answer, 'public'], [customer, 'Thank you!', customerTags]);
    if (isEnded(slot.status) || slot.status === ConversationStatus.WrapUp)
      drafts.push([user(last), 'You are welcome. Have a great day!', 'public']);
  }
  return toMessages(drafts, t.created, t.end ?? t.last);
}

/** A message before it is dated: who, what, its tags, and any other field of the message. */
export type Draft = [from: TranscriptSender | null, content: string, tags: string, extra?: Partial<TranscriptMessage>];

/** The messages of `drafts`, spread evenly between `start` and `end` (epoch ms). */
export function toMessages(drafts: readonly Draft[], start: number, end: number): TranscriptMessage[] {
  return drafts.map(([from, content, tags, extra], i) => {
    const at = Math.round(start + ((end - start) * (i + 1)) / (drafts.length + 1));
    const created = iso(at);
    return {
      id: String(at),
      content: content.replace('{time}', String(at)),
      contentType: 'text',
      createdDateTime: created.replace('Z', '+00:00'),
      created,
      modified: null,
      modifiedDateTime: null,
      deleted: null,
      important: null,
      culture: null,
      likes: [],
      attachments: [],
      from,
      isControlMessage: from === null,
      tags: tags.startsWith('public') ? `public,messageId-${at}` : tags,
      deliveryMode: tags === 'private' || from === null ? 'unbridged' : 'bridged',
      ...extra,
    };
  });
}
