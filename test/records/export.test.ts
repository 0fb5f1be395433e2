import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { encodeBase64Utf8, type ExportProgress, type Transcript } from '../../src/index.js';
import { createOrgEmulator, type OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const range = { closedFrom: '2026-01-01', closedTo: '2026-03-02' };

/** Every transcript the export yields, and its progress reports. */
async function exportAll(org: OrgEmulator, input: object = {}) {
  const progress: ExportProgress[] = [];
  const transcripts: Transcript[] = [];
  for await (const transcript of recordsOf(org).exportTranscripts({ ...range, onProgress: (p) => progress.push(p), ...input }))
    transcripts.push(transcript);
  return { transcripts, progress };
}

/** Closed conversations of the store that have a transcript note, oldest close first. */
function closedWithTranscript(org: OrgEmulator): string[] {
  const noted = new Set(
    org.store
      .list('annotation')
      .filter((note) => note.objecttypecode === 'msdyn_transcript')
      .map((note) => note._objectid_value),
  );
  const withNote = new Set(
    org.store
      .list('msdyn_transcript')
      .filter((row) => noted.has(row.msdyn_transcriptid))
      .map((row) => row._msdyn_liveworkitemidid_value),
  );
  return org.store
    .list('msdyn_ocliveworkitem')
    .filter((row) => row.msdyn_closedon !== null && withNote.has(row.activityid))
    .sort((a, b) => String(a.msdyn_closedon).localeCompare(String(b.msdyn_closedon)))
    .map((row) => row.activityid as string);
}

describe('exportTranscripts', () => {
  it('yields the transcript of every conversation closed in the range, oldest close first', async () => {
    const org = seeded();
    const { transcripts } = await exportAll(org);
    expect(transcripts.map((t) => t.conversation.id)).toEqual(closedWithTranscript(org));
    expect(transcripts.every((t) => t.messages.length > 0)).toBe(true);
  });

  it('skips a closed conversation without a transcript', async () => {
    const org = seeded();
    const { transcripts } = await exportAll(org);
    expect(transcripts.map((t) => t.conversation.id)).not.toContain(org.seedData!.noTranscriptConversationId);
  });

  it('reports progress before the first page and after each, with the total counted by the server', async () => {
    const org = seeded();
    const closed = org.store.list('msdyn_ocliveworkitem').filter((row) => row.msdyn_closedon !== null).length;
    const { transcripts, progress } = await exportAll(org, { pageSize: 10 });
    expect(progress[0]).toEqual({ done: 0, total: closed, exported: 0 });
    expect(closed).toBeGreaterThan(10);
    expect(progress.map((p) => p.done)).toEqual([0, 10, closed]);
    expect(progress.at(-1)).toEqual({ done: closed, total: closed, exported: transcripts.length });
  });

  it('sends a count, then a page and its notes per page', async () => {
    const org = seeded();
    await exportAll(org, { pageSize: 10 });
    const requests = sent(org).map((request) => request.split('?')[0] + (request.includes('$apply') ? '?$apply' : ''));
    // 19 closed conversations: two pages.
    expect(requests).toEqual([
      'GET msdyn_ocliveworkitems?$apply',
      ...Array(2).fill(['GET msdyn_ocliveworkitems', 'GET annotations']).flat(),
    ]);
    expect(sent(org)[0]).toContain('aggregate($count as total)');
  });

  it('leaves the total unknown when Dataverse will not count, and exports all the same', async () => {
    const org = seeded();
    org.faults.add({
      fault: { kind: 'status', status: 400, code: '0x8004e023', message: 'AggregateQueryRecordLimit exceeded.' },
      url: '$apply',
    });
    const { transcripts, progress } = await exportAll(org);
    expect(progress.every((p) => p.total === undefined)).toBe(true);
    expect(transcripts).toHaveLength(closedWithTranscript(org).length);
  });

  it('stops with Aborted when the signal fires, and sends nothing more', async () => {
    const org = seeded();
    const controller = new AbortController();
    let seen = 0;
    const error = await caught(
      (async () => {
        for await (const _ of recordsOf(org).exportTranscripts({ ...range, pageSize: 5, signal: controller.signal })) {
          if (++seen === 3) controller.abort();
        }
      })(),
    );
    const sentWhenAborted = org.requests.length;
    expect([error.code, seen]).toEqual(['Aborted', 3]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(org.requests.length).toBe(sentWhenAborted);
  });

  it('sends nothing more once the caller stops iterating', async () => {
    const org = seeded();
    for await (const _ of recordsOf(org).exportTranscripts({ ...range, pageSize: 5 })) break;
    expect(org.requests).toHaveLength(3);
  });

  it('ends with InvalidResponse naming a note that is no transcript, unless told to skip it', async () => {
    const org = seeded();
    const note = org.store.list('annotation').find((row) => row._objectid_value === org.seedData!.transcriptId)!;
    org.store.update('annotation', note.annotationid as string, { documentbody: encodeBase64Utf8('not json') });
    const error = await caught(exportAll(org));
    expect([error.code, error.message.includes(note.annotationid as string)]).toEqual(['InvalidResponse', true]);
    const skipped: string[] = [];
    const { transcripts } = await exportAll(org, { onInvalid: (e: Error) => skipped.push(e.message) });
    expect(skipped).toHaveLength(1);
    expect(transcripts.map((t) => t.conversation.id)).not.toContain(org.seedData!.transcriptId);
    expect(transcripts).toHaveLength(closedWithTranscript(org).length - 1);
  });

  it('rejects input before any request: a missing end, two signals, an oversized page', async () => {
    const org = seeded();
    /** The first step of an export: where its input errors surface. */
    const first = (input: object, options?: object) => {
      const transcripts = recordsOf(org).exportTranscripts(input as never, options);
      return caught(transcripts[Symbol.asyncIterator]().next());
    };
    expect((await first({ closedFrom: '2026-01-01' })).field).toBe('input.closedTo');
    expect((await first({ closedFrom: '2026-03-01', closedTo: '2026-02-01' })).field).toBe('input.closedTo');
    expect((await first({ ...range, pageSize: 1001 })).field).toBe('input.pageSize');
    const signal = new AbortController().signal;
    expect((await first({ ...range, signal }, { signal: new AbortController().signal })).field).toBe('input.signal');
    expect(org.requests).toHaveLength(0);
  });
});

describe('exportTranscripts memory', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const retained = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  it('stays flat over 2000 transcripts of 30 KB each', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z'), data: 'empty', maxRecordedRequests: 0 });
    const line = 'x'.repeat(1500);
    for (let i = 0; i < 2000; i++) {
      const closed = new Date(Date.UTC(2026, 1, 1) + i * 60_000).toISOString();
      const conversation = org.store.create('msdyn_ocliveworkitem', { subject: `Chat ${i}`, statuscode: 4, msdyn_closedon: closed });
      const transcript = org.store.create('msdyn_transcript', { msdyn_name: `Transcript ${i}`, msdyn_liveworkitemidid: conversation });
      const messages = Array.from({ length: 20 }, (_, n) => ({
        id: String(n),
        content: `${i}:${n} ${line}`,
        created: closed,
        from: { user: { displayName: 'Customer', id: '8:acs:x' } },
        tags: '',
        attachments: [],
      }));
      org.store.create('annotation', {
        objectid: { table: 'msdyn_transcript', id: transcript },
        objecttypecode: 'msdyn_transcript',
        isdocument: true,
        documentbody: encodeBase64Utf8(JSON.stringify(messages)),
      });
    }
    const before = retained();
    let growth = 0;
    let count = 0;
    let characters = 0;
    for await (const transcript of recordsOf(org).exportTranscripts({ closedFrom: '2026-02-01', closedTo: '2026-03-01' })) {
      characters += transcript.messages.reduce((sum, message) => sum + message.text.length, 0);
      if (++count % 400 === 0) growth = Math.max(growth, retained() - before);
    }
    expect(count).toBe(2000);
    // Collected, the messages' text alone would hold about 60 MB of characters (120 MB as UTF-16).
    expect(characters).toBeGreaterThan(60_000_000);
    expect(growth).toBeLessThan(40 * 1024 * 1024);
  }, 120_000);
});
