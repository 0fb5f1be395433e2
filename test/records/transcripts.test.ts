import { describe, expect, it } from 'vitest';
import { encodeBase64Utf8, isOmnichannelError, parseTranscript, type TranscriptMessage } from '../../src/index.js';
import { caught, thrown } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const records = recordsOf(org);

/** A raw transcript message as Omnichannel stores it. */
function raw(overrides: Partial<TranscriptMessage>): TranscriptMessage {
  return {
    id: '1',
    content: 'hello',
    contentType: 'text',
    createdDateTime: '2026-02-01T10:00:00.000+00:00',
    created: '2026-02-01T10:00:00.000Z',
    attachments: [],
    from: { user: { displayName: 'Customer', id: '8:acs:1' } },
    tags: '',
    ...overrides,
  };
}

describe('getTranscript', () => {
  it('follows conversation → transcript row → note by relationship, in two requests', async () => {
    const fresh = seeded();
    const transcript = await recordsOf(fresh).getTranscript(data.conversationWithTranscriptId);
    const [conversation, notes] = sent(fresh);
    expect(conversation).toContain(`msdyn_ocliveworkitems(${data.conversationWithTranscriptId})?$select=`);
    expect(conversation).toContain('$expand=msdyn_msdyn_ocliveworkitem_msdyn_transcript($select=msdyn_transcriptid)');
    expect(notes).toContain(`$filter=objecttypecode eq 'msdyn_transcript' and _objectid_value eq ${data.transcriptId}`);
    expect(notes).not.toContain('filename');
    expect(fresh.requests).toHaveLength(2);
    expect(transcript!.transcriptIds).toEqual([data.transcriptId]);
  });

  it('types the messages: senders with display names, times in order, text, visibility', async () => {
    const transcript = (await records.getTranscript(data.conversationWithTranscriptId))!;
    const kinds = new Set(transcript.messages.map((message) => message.sender.kind));
    expect(kinds).toEqual(new Set(['customer', 'agent', 'system']));
    const agent = transcript.messages.find((message) => message.sender.kind === 'agent')!;
    expect(agent.sender.displayName).toBe('Megan Bowen');
    const times = transcript.messages.map((message) => message.time);
    expect(times).toEqual([...times].sort());
    expect(transcript.messages.filter((message) => message.visibility === 'private').map((message) => message.sender.kind)).toEqual([
      'agent',
    ]);
    expect(transcript.conversation).toMatchObject({
      id: data.conversationWithTranscriptId,
      agentName: 'Megan Bowen',
      channelLabel: 'Live chat',
    });
  });

  it('keeps the control messages apart', async () => {
    const transcript = (await records.getTranscript(data.conversationWithTranscriptId))!;
    expect(transcript.controlMessages.length).toBeGreaterThan(0);
    expect(transcript.controlMessages.every((message) => message.event === 'addmember')).toBe(true);
    expect(transcript.messages.some((message) => message.text.includes('<addmember>'))).toBe(false);
  });

  it('gives the attachments with the note that holds each', async () => {
    const transcript = (await records.getTranscript(data.conversationWithTranscriptId))!;
    const files = transcript.messages.flatMap((message) => message.files);
    expect(files).toEqual([{ noteId: data.attachmentNoteId, name: 'invoice-1042.pdf', fileType: 'pdf' }]);
  });

  it('decodes emoji, CJK and combining characters exactly', async () => {
    const transcript = (await records.getTranscript(data.internationalConversationId))!;
    const texts = transcript.messages.map((message) => message.text);
    expect(texts).toContain('こんにちは！注文した商品がまだ届きません 📦');
    expect(texts).toContain('配送業者に連絡しました。明日届きます 🚚✨ 👍🏽');
    expect(texts).toContain('ありがとうございます！👨‍👩‍👧 家族みんな喜びます');
    const detail = texts.find((text) => text.includes('Zoe'))!;
    expect(detail).toContain('Zoe\u0308 A\u030angstro\u0308m');
    expect(detail.normalize('NFC')).toContain('Zoë Ångström');
    expect(transcript.messages[0]!.sender).toEqual({
      kind: 'customer',
      displayName: '田中 美咲',
      id: `8:acs:${data.internationalConversationId}`,
    });
    expect(transcript.messages.flatMap((message) => message.files).map((file) => file.name)).toEqual(['配達伝票.jpg', 'reçu-Zoë.txt']);
  });

  it('reads a transcript whose messages are wrapped in an object', async () => {
    const transcript = (await records.getTranscript(data.wrappedTranscriptConversationId))!;
    expect(transcript.messages.length).toBeGreaterThan(3);
    expect(transcript.messages.flatMap((message) => message.files).map((file) => file.name)).toEqual(['warranty-terms.docx']);
  });

  it('reads a transcript whose JSON was encoded twice', async () => {
    const transcript = (await records.getTranscript(data.doubleEncodedTranscriptConversationId))!;
    expect(transcript.messages.length).toBeGreaterThan(3);
    expect(transcript.messages.flatMap((message) => message.files).map((file) => file.name)).toEqual(['router-log.csv', 'voicemail.m4a']);
  });

  it('resolves undefined for a closed conversation without a transcript, after one request', async () => {
    const fresh = seeded();
    expect(await recordsOf(fresh).getTranscript(data.noTranscriptConversationId)).toBeUndefined();
    expect(fresh.requests).toHaveLength(1);
  });

  it('resolves undefined for a transcript row whose note is missing', async () => {
    const fresh = seeded();
    const note = fresh.store.list('annotation').find((row) => row._objectid_value === data.transcriptId)!;
    fresh.store.delete('annotation', note.annotationid as string);
    expect(await recordsOf(fresh).getTranscript(data.conversationWithTranscriptId)).toBeUndefined();
  });

  it('rejects InvalidResponse naming the note when the note is not JSON', async () => {
    const fresh = seeded();
    const note = fresh.store.list('annotation').find((row) => row._objectid_value === data.transcriptId)!;
    fresh.store.update('annotation', note.annotationid as string, { documentbody: encodeBase64Utf8('Customer: hello\nAgent: hi') });
    const error = await caught(recordsOf(fresh).getTranscript(data.conversationWithTranscriptId));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain(note.annotationid as string);
  });

  it('rejects NotFound for a conversation that does not exist', async () => {
    expect((await caught(records.getTranscript('00000000-0000-4000-8000-00000000dead'))).code).toBe('NotFound');
  });

  it('merges the notes of a conversation with two transcript rows, each message once', async () => {
    const fresh = seeded();
    const original = fresh.store.list('annotation').find((row) => row._objectid_value === data.transcriptId)!;
    const second = fresh.store.create('msdyn_transcript', {
      msdyn_name: 'Second part',
      msdyn_liveworkitemidid: data.conversationWithTranscriptId,
    });
    const extra = raw({
      id: '9999999999999',
      content: 'Reopened: one more thing',
      created: '2026-03-01T11:59:00.000Z',
      createdDateTime: '2026-03-01T11:59:00.000+00:00',
    });
    fresh.store.create('annotation', {
      objectid: { table: 'msdyn_transcript', id: second },
      objecttypecode: 'msdyn_transcript',
      isdocument: true,
      documentbody: encodeBase64Utf8(JSON.stringify([extra])),
    });
    const transcript = (await recordsOf(fresh).getTranscript(data.conversationWithTranscriptId))!;
    expect(transcript.transcriptIds.sort()).toEqual([data.transcriptId, second].sort());
    expect(transcript.noteIds).toContain(original.annotationid);
    expect(transcript.messages.at(-1)!.text).toBe('Reopened: one more thing');
    expect(fresh.requests).toHaveLength(2);
  });
});

describe('parseTranscript', () => {
  const body = (value: unknown) => encodeBase64Utf8(typeof value === 'string' ? value : JSON.stringify(value));

  it('reads a bare array', () => {
    expect(parseTranscript(body([raw({})]), 'n').messages.map((message) => message.text)).toEqual(['hello']);
  });

  it('reads a wrapper object under any single array property', () => {
    expect(parseTranscript(body({ conversation: 'x', items: [raw({})] }), 'n').messages).toHaveLength(1);
  });

  it('reads JSON whose quotes were escaped without being quoted', () => {
    const escaped = JSON.stringify(JSON.stringify([raw({ content: 'line\none' })])).slice(1, -1);
    expect(parseTranscript(body(escaped), 'n').messages[0]!.text).toBe('line\none');
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(parseTranscript(body(`\uFEFF${JSON.stringify([raw({})])}`), 'n').messages).toHaveLength(1);
  });

  it('sorts messages oldest first however they were stored', () => {
    const late = raw({ id: '2', content: 'second', created: '2026-02-01T10:05:00.000Z', createdDateTime: '2026-02-01T12:05:00.000+02:00' });
    const early = raw({ id: '1', content: 'first', created: '2026-02-01T10:01:00.000Z', createdDateTime: '2026-02-01T10:01:00.000+00:00' });
    const { messages } = parseTranscript(body([late, early]), 'n');
    expect(messages.map((message) => [message.text, message.time])).toEqual([
      ['first', '2026-02-01T10:01:00.000Z'],
      ['second', '2026-02-01T10:05:00.000Z'],
    ]);
  });

  it('tells a bot from the system and an agent from a customer', () => {
    const { messages } = parseTranscript(
      body([
        raw({ id: '1', from: { application: { displayName: 'Contoso virtual agent', id: '28:b' } }, tags: 'public' }),
        raw({ id: '2', from: { application: { displayName: 'DynamicsBot', id: '28:d' } }, tags: 'system' }),
        raw({ id: '3', from: { user: { displayName: 'Megan Bowen', id: '8:orgid:a' } }, tags: 'public,messageId-3' }),
        raw({ id: '4', from: { user: { displayName: 'Ann', id: '8:orgid:c' } }, tags: 'FromCustomer' }),
        raw({ id: '5', from: { user: null, phone: { displayName: '+1 206 555 0100', id: '4:+12065550100' } } as never }),
      ]),
      'n',
    );
    expect(messages.map((message) => message.sender.kind)).toEqual(['bot', 'system', 'agent', 'customer', 'customer']);
    expect(messages[4]!.sender.displayName).toBe('+1 206 555 0100');
  });

  it('rejects text that is not Base64, naming the note', () => {
    const error = thrown(() => parseTranscript('%%%', 'note-1'));
    expect([error.code, error.message]).toEqual(['InvalidResponse', 'Transcript note note-1 is not Base64']);
  });

  it('rejects JSON without a list of messages, naming the note', () => {
    const error = thrown(() => parseTranscript(body({ a: 1 }), 'note-2'));
    expect(isOmnichannelError(error) && error.message).toBe('Transcript note note-2 holds JSON without a list of messages');
  });
});
