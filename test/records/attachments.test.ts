import { describe, expect, it } from 'vitest';
import { decodeBase64Bytes, encodeBase64Utf8 } from '../../src/index.js';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const records = recordsOf(org);

describe('listAttachments', () => {
  it('lists a conversation’s files by name, type and size, without their content, in one request', async () => {
    const fresh = seeded();
    const files = await recordsOf(fresh).listAttachments(data.internationalConversationId);
    expect(files.map(({ fileName, mimeType, size }) => ({ fileName, mimeType, size }))).toEqual([
      { fileName: '配達伝票.jpg', mimeType: 'image/jpeg', size: 48_213 },
      {
        fileName: 'reçu-Zoë.txt',
        mimeType: 'text/plain',
        size: new TextEncoder().encode('Zoe\u0308 A\u030angstro\u0308m — 受取人 ✔\n').length,
      },
    ]);
    expect(files[0]!.noteId).toBe(data.photoNoteId);
    expect(sent(fresh)).toHaveLength(1);
    expect(sent(fresh)[0]).toContain(
      `msdyn_ocliveworkitems(${data.internationalConversationId})/msdyn_ocliveworkitem_Annotations?$select=annotationid,filename`,
    );
    expect(sent(fresh)[0]).not.toContain('documentbody');
  });

  it('leaves out notes that hold no file', async () => {
    const fresh = seeded();
    fresh.store.create('annotation', {
      objectid: { table: 'msdyn_ocliveworkitem', id: data.closedConversationId },
      objecttypecode: 'msdyn_ocliveworkitem',
      isdocument: false,
      notetext: 'Called back, no answer',
    });
    expect((await recordsOf(fresh).listAttachments(data.closedConversationId)).map((file) => file.fileName)).toEqual(['invoice-1042.pdf']);
  });

  it('resolves an empty list for a conversation without files', async () => {
    expect(await records.listAttachments(data.waitingConversationId)).toEqual([]);
  });

  it('rejects NotFound for a conversation that does not exist', async () => {
    expect((await caught(records.listAttachments('00000000-0000-4000-8000-00000000dead'))).code).toBe('NotFound');
  });
});

describe('downloadAttachment', () => {
  it('gives the bytes of a file exactly, in one request', async () => {
    const fresh = seeded();
    const photo = await recordsOf(fresh).downloadAttachment(data.photoNoteId);
    const stored = decodeBase64Bytes(fresh.store.get('annotation', data.photoNoteId)!.documentbody as string);
    expect(photo.bytes).toEqual(stored);
    expect([...photo.bytes.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect({ fileName: photo.fileName, mimeType: photo.mimeType, size: photo.size }).toEqual({
      fileName: '配達伝票.jpg',
      mimeType: 'image/jpeg',
      size: 48_213,
    });
    expect(fresh.requests).toHaveLength(1);
  });

  it('gives a Blob of the file’s type where the platform has one', async () => {
    const file = await records.downloadAttachment(data.attachmentNoteId);
    const blob = file.blob()!;
    expect([blob.type, blob.size]).toEqual(['application/pdf', file.size]);
    expect(new TextDecoder().decode(file.bytes)).toContain('%PDF-1.4');
  });

  it('decodes a UTF-8 text file to the same text', async () => {
    const note = (await records.listAttachments(data.internationalConversationId)).find((file) => file.mimeType === 'text/plain')!;
    const file = await records.downloadAttachment(note.noteId);
    expect(new TextDecoder().decode(file.bytes)).toBe('Zoe\u0308 A\u030angstro\u0308m — 受取人 ✔\n');
  });

  it('downloads the larger files of the seed: a 128 KB voice message', async () => {
    const note = (await records.listAttachments(data.doubleEncodedTranscriptConversationId)).find(
      (file) => file.fileName === 'voicemail.m4a',
    )!;
    const file = await records.downloadAttachment(note.noteId);
    expect([file.size, file.mimeType]).toEqual([131_072, 'audio/mp4']);
  });

  it('rejects InvalidState for a note that holds no file', async () => {
    const fresh = seeded();
    const id = fresh.store.create('annotation', { objecttypecode: 'msdyn_ocliveworkitem', isdocument: false, notetext: 'just text' });
    expect((await caught(recordsOf(fresh).downloadAttachment(id))).code).toBe('InvalidState');
  });

  it('rejects InvalidResponse for a body that is not Base64', async () => {
    const fresh = seeded();
    fresh.store.update('annotation', data.attachmentNoteId, { documentbody: '***' });
    const error = await caught(recordsOf(fresh).downloadAttachment(data.attachmentNoteId));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain(data.attachmentNoteId);
  });

  it('rejects a note id that is not a GUID before any request', async () => {
    const fresh = seeded();
    expect((await caught(recordsOf(fresh).downloadAttachment(encodeBase64Utf8('x')))).field).toBe('noteId');
    expect(fresh.requests).toHaveLength(0);
  });
});
