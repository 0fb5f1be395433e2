/*
 * The transcript format as the seed writes it. The message types and the Base64 helpers are the
 * SDK's (`src/records/transcriptFormat.ts`), taken from the package root so the kit and the SDK
 * agree on one definition; what stays here is writing a transcript note and reading one back raw.
 */
import { encodeBase64Utf8, decodeBase64Utf8, type TranscriptMessage } from '../../index.js';

export {
  encodeBase64Bytes,
  decodeBase64Bytes,
  encodeBase64Utf8,
  decodeBase64Utf8,
  type TranscriptAttachment,
  type TranscriptIdentity,
  type TranscriptMessage,
  type TranscriptSender,
} from '../../index.js';

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
