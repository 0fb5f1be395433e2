/*
 * The Omnichannel transcript format (reference §4) and the Base64 helpers both the emulator's
 * seed and the SDK use to read and write note bodies. Pure and dependency-free: runs in browsers
 * and in Node without `Buffer` (TextEncoder/TextDecoder + btoa/atob).
 */

/** Who sent a transcript message: a person or an application, with a display name and an id. */
export interface TranscriptIdentity {
  /** Display name, e.g. the agent's full name, `"Customer"` for an unidentified customer, `"DynamicsBot"`. */
  displayName: string;
  /** Sender id, e.g. `8:orgid:<AAD object id>` for an agent. */
  id: string;
}

/**
 * The `from` of a transcript message. Exactly one of `user` or `application` is set in practice;
 * the remaining properties appear in real exports and are usually `null`.
 */
export interface TranscriptSender {
  /** The person who sent the message (agent or customer). */
  user?: TranscriptIdentity | null;
  /** The application that sent it (system messages come from `DynamicsBot`). */
  application?: TranscriptIdentity | null;
  /** A phone sender (voice and SMS channels); usually null. */
  phone?: unknown;
  /** A guest sender; usually null. */
  guest?: unknown;
  /** Present in exports; usually null. */
  encrypted?: unknown;
  /** Present in exports; usually null. */
  onPremises?: unknown;
  /** Present in exports; usually null. */
  azureApplicationInstance?: unknown;
  /** Present in exports; usually null. */
  applicationInstance?: unknown;
  /** Present in exports; usually null. */
  device?: unknown;
}

/** A file sent in a conversation. The file itself is a separate note on the conversation. */
export interface TranscriptAttachment {
  /** Attachment id within the messaging service. */
  id: string;
  /** Position among the message's attachments. */
  index?: number;
  /** File name as sent, e.g. `invoice-1042.pdf`. */
  name: string;
  /** File type (extension or MIME type, as the channel reports it). */
  fileType: string;
  /** Where the messaging service kept the file, when known. */
  sourceUrl?: string | null;
  /** GUID of the `annotation` (parent: the conversation) whose `documentbody` holds the file as Base64. */
  annotationid: string;
}

/**
 * One message of an Omnichannel transcript: the transcript note's `documentbody` is the Base64
 * of a JSON array of these. Four kinds share the shape: control messages (`isControlMessage`,
 * XML such as `<addmember>…</addmember>` in `content`, `from` null), system messages (tag
 * `system`, sent by the application `DynamicsBot`), text messages, and file messages (empty
 * `content`, one entry per file in `attachments`).
 */
export interface TranscriptMessage {
  /** Message id: the post time in epoch milliseconds, as a string. */
  id: string;
  /** Message text; XML for control messages; `""` for file messages. */
  content: string;
  /** Content type, `"text"` for every kind seen so far. */
  contentType: string;
  /** Exact post time, ISO 8601 with offset (`2020-05-19T04:43:03.979+00:00`). */
  createdDateTime: string;
  /** Post time, ISO 8601 UTC (`…Z`). */
  created: string;
  /** When the message was edited; usually null. */
  modified?: string | null;
  /** When the message was edited, with offset; usually null. */
  modifiedDateTime?: string | null;
  /** Deletion marker; usually null. */
  deleted?: unknown;
  /** Importance marker; usually null. */
  important?: unknown;
  /** The message's culture; usually null. */
  culture?: string | null;
  /** Reactions; usually empty. */
  likes?: unknown[];
  /** Files sent with the message; empty for text. */
  attachments: TranscriptAttachment[];
  /** The sender; `null` on control messages. */
  from: TranscriptSender | null;
  /** True on control messages (join/leave events), which carry no visible text. */
  isControlMessage?: boolean;
  /**
   * Comma-separated tags: `system` for system messages, `public,…` for an agent's message to the
   * customer, `private,…` for an internal note between agents the customer never sees.
   */
  tags: string;
  /** `"bridged"` or `"unbridged"`. */
  deliveryMode?: string;
}

/** Characters per `String.fromCharCode` call: keeps argument lists well under engine limits. */
const CHUNK = 0x8000;

/** Base64 of raw bytes. */
export function encodeBase64Bytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

/** The bytes a Base64 string stands for; throws on malformed Base64 (as `atob` does). */
export function decodeBase64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Base64 of the UTF-8 encoding of `text` (what a note's `documentbody` holds). */
export function encodeBase64Utf8(text: string): string {
  return encodeBase64Bytes(new TextEncoder().encode(text));
}

/** The text whose UTF-8 encoding `base64` holds. */
export function decodeBase64Utf8(base64: string): string {
  return new TextDecoder().decode(decodeBase64Bytes(base64));
}

/** A transcript note's `documentbody` for these messages: Base64 of their JSON array. */
export function encodeTranscript(messages: readonly TranscriptMessage[]): string {
  return encodeBase64Utf8(JSON.stringify(messages));
}

/**
 * The messages of a transcript note's `documentbody`. Whether the top level is a bare array or
 * an object wrapping one is UNCONFIRMED (reference §4), and some exports are JSON encoded twice,
 * so this accepts all three; anything else yields an empty list.
 */
export function decodeTranscript(documentbody: string): TranscriptMessage[] {
  let value: unknown = JSON.parse(decodeBase64Utf8(documentbody));
  if (typeof value === 'string') value = JSON.parse(value);
  if (Array.isArray(value)) return value as TranscriptMessage[];
  if (value && typeof value === 'object') {
    const list = Object.values(value).find(Array.isArray);
    if (list) return list as TranscriptMessage[];
  }
  return [];
}
