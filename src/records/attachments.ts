/*
 * The files exchanged in a conversation: notes (`annotation`) whose parent is the conversation,
 * each holding one file as Base64 in `documentbody`.
 */
import { OmnichannelError } from '../http/errors.js';
import { guid } from '../odata/literals.js';
import { collectAll, pages } from '../odata/paging.js';
import { buildQuery } from '../odata/query.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { decodeBase64Bytes } from './transcriptFormat.js';

/** A file of a conversation, without its content. */
export interface AttachmentInfo {
  /** The note holding the file (`annotationid`): what `downloadAttachment` takes. */
  noteId: string;
  /** The file name (`filename`). */
  fileName: string;
  /** The MIME type (`mimetype`), `application/octet-stream` when the note has none. */
  mimeType: string;
  /** The size in bytes (`filesize`). */
  size: number;
  /** When the note was created, ISO 8601. */
  createdOn: string | undefined;
}

/** A file with its content. */
export interface Attachment extends AttachmentInfo {
  /** The bytes. */
  bytes: Uint8Array;
  /** The bytes as a `Blob` of the file's MIME type, where the platform has `Blob` (browsers, Node 18+); else undefined. */
  blob(): Blob | undefined;
}

const infoColumns = ['annotationid', 'filename', 'mimetype', 'filesize', 'createdon'];

/**
 * Lists a conversation's files: `GET msdyn_ocliveworkitems(<id>)/msdyn_ocliveworkitem_Annotations?$select=…&$filter=isdocument eq true`,
 * one request a 5000 files, oldest first. A missing conversation is `NotFound`.
 * @internal
 */
export function listAttachments(context: ApiContext, conversationId: string, options: CallOptions | undefined): Promise<AttachmentInfo[]> {
  return withCall('records.listAttachments', options, async (call) => {
    const id = guid(conversationId, 'conversationId');
    const url = `${conversationSet}(${id})/msdyn_ocliveworkitem_Annotations${buildQuery({ select: infoColumns, filter: 'isdocument eq true', orderBy: ['createdon'] })}`;
    const notes = await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call));
    return notes.map(infoOf);
  });
}

/**
 * Downloads one file: `GET annotations(<noteId>)?$select=…,documentbody`, one request. A note
 * that holds no file is `InvalidState`; a body that is not Base64 `InvalidResponse`.
 * @internal
 */
export function downloadAttachment(context: ApiContext, noteId: string, options: CallOptions | undefined): Promise<Attachment> {
  return withCall('records.downloadAttachment', options, async (call) => {
    const id = guid(noteId, 'noteId');
    const { body } = await context.send(
      { method: 'GET', url: `annotations(${id})${buildQuery({ select: [...infoColumns, 'documentbody'] })}` },
      call,
    );
    const note = body as Record<string, unknown>;
    if (typeof note.documentbody !== 'string') throw new OmnichannelError('InvalidState', `Note ${id} holds no file`);
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64Bytes(note.documentbody);
    } catch (cause) {
      throw new OmnichannelError('InvalidResponse', `Note ${id} holds a documentbody that is not Base64`, { cause });
    }
    const info = { ...infoOf(note), size: bytes.length };
    return {
      ...info,
      bytes,
      blob: () => (typeof Blob === 'function' ? new Blob([bytes as BlobPart], { type: info.mimeType }) : undefined),
    };
  });
}

function infoOf(note: Record<string, unknown>): AttachmentInfo {
  return {
    noteId: note.annotationid as string,
    fileName: typeof note.filename === 'string' ? note.filename : '',
    mimeType: typeof note.mimetype === 'string' && note.mimetype !== '' ? note.mimetype : 'application/octet-stream',
    size: typeof note.filesize === 'number' ? note.filesize : 0,
    createdOn: typeof note.createdon === 'string' ? note.createdon : undefined,
  };
}
