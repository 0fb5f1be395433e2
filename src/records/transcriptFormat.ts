/*
 * The Omnichannel transcript format as stored (reference §4), and the Base64 helpers that read
 * and write note bodies. Pure and dependency-free: browsers and Node alike, without `Buffer`
 * (bytes through TextEncoder/TextDecoder), so emoji, CJK and combining marks survive the trip.
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

/** The Base64 alphabet (RFC 4648 §4). */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Character code → 6-bit value; 64 for whitespace (skipped), 255 for anything else. */
const sextets = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  for (const space of [9, 10, 12, 13, 32]) table[space] = 64;
  return table;
})();

/*
 * The codec is written out rather than built on `btoa`/`atob`: those take "binary strings" (a
 * character per byte) and are slow where they are JavaScript (Node's `btoa` encodes ~3 MB/s,
 * jsdom's both), which a transcript export of hundreds of megabytes would feel. This one runs
 * at tens of megabytes a second or more anywhere, and needs no `Buffer`.
 */

/** Base64 of raw bytes (a note's `documentbody` for a file). */
export function encodeBase64Bytes(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = alphabet.charCodeAt(n >>> 18);
    out[o++] = alphabet.charCodeAt((n >>> 12) & 63);
    out[o++] = alphabet.charCodeAt((n >>> 6) & 63);
    out[o++] = alphabet.charCodeAt(n & 63);
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out[o++] = alphabet.charCodeAt(n >>> 18);
    out[o++] = alphabet.charCodeAt((n >>> 12) & 63);
    out[o++] = i + 1 < bytes.length ? alphabet.charCodeAt((n >>> 6) & 63) : 61;
    out[o] = 61;
  }
  // ASCII bytes read as Latin-1 are those characters: one native call instead of a character each.
  return new TextDecoder('latin1').decode(out);
}

/**
 * The bytes a Base64 string stands for. Whitespace is skipped and padding optional, as `atob`
 * allows; any other character outside the alphabet, or a length no Base64 text has, throws a
 * `SyntaxError`.
 */
export function decodeBase64Bytes(base64: string): Uint8Array {
  let end = base64.length;
  while (end > 0 && (base64.charCodeAt(end - 1) === 61 || sextets[base64.charCodeAt(end - 1)] === 64)) end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let bits = 0;
  let acc = 0;
  let count = 0;
  for (let i = 0; i < end; i++) {
    const code = base64.charCodeAt(i);
    const value = code < 128 ? sextets[code]! : 255;
    if (value === 64) continue;
    if (value === 255) throw new SyntaxError(`Not Base64: ${JSON.stringify(base64[i])} at ${i}`);
    acc = ((acc << 6) | value) & 0xffffff;
    bits += 6;
    count++;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if (count % 4 === 1) throw new SyntaxError('Not Base64: the text has one character too many');
  return out.subarray(0, o);
}

/** Base64 of the UTF-8 encoding of `text` (what a note's `documentbody` holds). */
export function encodeBase64Utf8(text: string): string {
  return encodeBase64Bytes(new TextEncoder().encode(text));
}

/** The text whose UTF-8 encoding `base64` holds. */
export function decodeBase64Utf8(base64: string): string {
  return new TextDecoder().decode(decodeBase64Bytes(base64));
}
