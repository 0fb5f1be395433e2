/*
 * Reading a transcript note: Base64 → UTF-8 → JSON, defensively (reference §4 leaves the top
 * level UNCONFIRMED and some exports encode the JSON twice), then typed messages with the
 * sender, time, text and visibility a reader wants, and the control messages kept apart.
 */
import { OmnichannelError } from '../http/errors.js';
import { decodeBase64Bytes } from './transcriptFormat.js';

/** Who wrote a transcript message, as far as the transcript tells. */
export type TranscriptSenderKind = 'agent' | 'customer' | 'bot' | 'system';

/** The sender of a {@link TranscriptEntry}. */
export interface TranscriptEntrySender {
  /** Agent (an org user), customer, bot (a Copilot Studio agent) or system (`DynamicsBot`, system tags). */
  kind: TranscriptSenderKind;
  /** The display name the transcript gives: the agent's full name, `Customer` for an unidentified customer. */
  displayName: string;
  /** The sender's id in the messaging service (`8:orgid:<AAD id>` for an agent), when given. */
  id?: string;
}

/** A file sent in a message: the note that holds it (`annotationid`), its name and type. */
export interface TranscriptFile {
  /** The note on the conversation whose `documentbody` holds the file; download it with `downloadAttachment`. */
  noteId: string | undefined;
  /** The file name as sent. */
  name: string;
  /** The file type the channel reported (extension or MIME type). */
  fileType: string;
}

/** One visible message of a transcript. */
export interface TranscriptEntry {
  /** The message id (the post time in epoch ms, as Omnichannel writes it). */
  id: string;
  /** Who wrote it. */
  sender: TranscriptEntrySender;
  /** When it was posted, ISO 8601 UTC (the transcript's own text when it is not a readable date). */
  time: string;
  /** The text; `''` for a message that only carries files. */
  text: string;
  /** `private`: an internal message between agents, never shown to the customer (tag `private`). */
  visibility: 'public' | 'private';
  /** Files sent with the message. */
  files: TranscriptFile[];
  /** The message's tags (`public`, `system`, `ChannelId-lcw`, …). */
  tags: string[];
}

/** A control message (someone joined or left): no visible text, kept apart from the conversation. */
export interface TranscriptControlMessage {
  /** The message id. */
  id: string;
  /** When it was posted, ISO 8601 UTC. */
  time: string;
  /** The event, the name of the XML element in `content`: `addmember`, `deletemember`, … (`''` when none). */
  event: string;
  /** The raw content (XML such as `<addmember>…</addmember>`). */
  content: string;
}

/** The messages of one transcript note, oldest first. */
export interface TranscriptContent {
  /** Visible messages: agents', customers', bots' and system messages. */
  messages: TranscriptEntry[];
  /** Join and leave events. */
  controlMessages: TranscriptControlMessage[];
}

/** Keys a wrapper object may hold the message array under, tried first. */
const wrapperKeys = ['messages', 'Messages', 'value', 'transcript', 'Transcript'];

/**
 * Reads a transcript note's `documentbody`: Base64 of UTF-8 JSON, either a bare array of
 * messages, an object wrapping one, or that JSON encoded a second time (as a JSON string, or
 * with its quotes escaped). Messages come back oldest first, typed; control messages apart.
 *
 * Throws `InvalidResponse` naming the note when the body is not Base64, not JSON, or JSON that
 * holds no message list.
 * @param documentbody The note's `documentbody`.
 * @param noteId The note's id, for the error message.
 * @example
 * ```ts
 * const { messages } = parseTranscript(note.documentbody, note.annotationid);
 * ```
 */
export function parseTranscript(documentbody: string, noteId: string): TranscriptContent {
  const invalid = (problem: string, cause?: unknown) =>
    new OmnichannelError('InvalidResponse', `Transcript note ${noteId} ${problem}`, { cause });
  let text: string;
  try {
    text = new TextDecoder().decode(decodeBase64Bytes(documentbody));
  } catch (cause) {
    throw invalid('is not Base64', cause);
  }
  let list: unknown[] | undefined;
  try {
    list = messageList(readJson(text.replace(/^\uFEFF/, '').trim()));
  } catch (cause) {
    throw invalid('is not valid JSON', cause);
  }
  if (!list) throw invalid('holds JSON without a list of messages');
  const messages: TranscriptEntry[] = [];
  const controlMessages: TranscriptControlMessage[] = [];
  list.forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const raw = item as Record<string, unknown>;
    const id = String(raw.id ?? index);
    const time = timeOf(raw);
    const content = typeof raw.content === 'string' ? raw.content : '';
    if (raw.isControlMessage === true || raw.from === null || raw.from === undefined) {
      controlMessages.push({ id, time, event: /^\s*<([A-Za-z][\w-]*)/.exec(content)?.[1] ?? '', content });
      return;
    }
    const tags = tagsOf(raw.tags);
    messages.push({
      id,
      sender: senderOf(raw.from as Record<string, unknown>, tags),
      time,
      text: content,
      visibility: tags.includes('private') ? 'private' : 'public',
      files: filesOf(raw.attachments),
      tags,
    });
  });
  // Sorted, stably: exports are not always oldest first.
  const byTime = <T extends { time: string }>(a: T, b: T) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0);
  return { messages: messages.sort(byTime), controlMessages: controlMessages.sort(byTime) };
}

/** JSON, decoded up to twice more when what it holds is itself JSON text; escaped quotes unescaped first. */
function readJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // `[{\"id\":…}]`: JSON whose quotes were escaped without being wrapped in a string.
    if (!text.includes('\\"')) throw error;
    value = JSON.parse(`"${text}"`);
  }
  for (let depth = 0; depth < 2 && typeof value === 'string'; depth++) value = JSON.parse(value.trim());
  return value;
}

/** The message array of a bare array or a wrapper object (a known key, else its only array). */
function messageList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const known = wrapperKeys.map((key) => record[key]).find(Array.isArray);
  if (known) return known as unknown[];
  const arrays = Object.values(record).filter(Array.isArray);
  return arrays.length === 1 ? (arrays[0] as unknown[]) : undefined;
}

function tagsOf(tags: unknown): string[] {
  const list = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : [];
  return list.map((tag) => String(tag).trim()).filter(Boolean);
}

/** `createdDateTime` (with offset) or `created`, as ISO UTC. */
function timeOf(raw: Record<string, unknown>): string {
  const given = raw.createdDateTime ?? raw.created;
  const ms = typeof given === 'string' ? Date.parse(given) : NaN;
  return Number.isNaN(ms) ? String(given ?? '') : new Date(ms).toISOString();
}

function identity(value: unknown): { displayName?: string; id?: string } | undefined {
  return typeof value === 'object' && value !== null ? (value as { displayName?: string; id?: string }) : undefined;
}

/**
 * Who sent a message. Omnichannel sends system messages as the application `DynamicsBot` (tag
 * `system`); any other application is a bot. A user is an agent when the message is tagged
 * `public` or `private` (what agents' messages carry) or has an org id (`8:orgid:`) and is not
 * tagged `FromCustomer`; anyone else (a guest, a phone number) is the customer.
 */
function senderOf(from: Record<string, unknown>, tags: readonly string[]): TranscriptEntrySender {
  const app = identity(from.application);
  const user = identity(from.user) ?? identity(from.phone) ?? identity(from.guest);
  const named = (kind: TranscriptSenderKind, who: { displayName?: string; id?: string } | undefined, fallback: string) => ({
    kind,
    displayName: typeof who?.displayName === 'string' && who.displayName !== '' ? who.displayName : fallback,
    ...(typeof who?.id === 'string' ? { id: who.id } : {}),
  });
  if (tags.includes('system') || app?.displayName === 'DynamicsBot') return named('system', app ?? user, 'System');
  if (app) return named('bot', app, 'Bot');
  const agent =
    !tags.includes('FromCustomer') && (tags.includes('public') || tags.includes('private') || /^8:orgid:/i.test(user?.id ?? ''));
  return agent ? named('agent', user, 'Agent') : named('customer', user, 'Customer');
}

function filesOf(attachments: unknown): TranscriptFile[] {
  if (!Array.isArray(attachments)) return [];
  return attachments
    .filter((file): file is Record<string, unknown> => typeof file === 'object' && file !== null)
    .map((file) => ({
      noteId: typeof file.annotationid === 'string' ? file.annotationid.toLowerCase() : undefined,
      name: String(file.name ?? ''),
      fileType: String(file.fileType ?? ''),
    }));
}
