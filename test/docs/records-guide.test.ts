// The examples of docs/records.md, run as written against the org emulator served through MSW.
// Every ```ts block of the guide appears in test/docs verbatim; only its import lines differ
// ('omnichannel-sdk' becomes '../../src/index.js', 'omnichannel-sdk/testing'
// '../../src/testing/index.js'), and the imports of all blocks are merged at the top of this
// file. What a block leaves to the reader (`getAccessToken`, `show`, `save`, the ids) is
// defined just before it. The last tests check that each block is still here.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Channel,
  ConversationStatus,
  SentimentLabel,
  createOmnichannel,
  parseTranscript,
  type ConversationRecord,
  type Transcript,
} from '../../src/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { codeBlocks, docsTests, expectBlocksTested, expectImportsExist, readGuide } from './support.js';

const seededOrg = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
const data = seededOrg.seedData!;
const server = setupServer(...omnichannelHandlers(seededOrg, 'https://contoso.crm.dynamics.com'));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const shown: unknown[][] = [];
const show = (...values: unknown[]) => shown.push(values);
const getAccessToken = async () => 'token-for-the-guide';

// ---- docs/records.md › the setup

const omnichannel = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', getAccessToken });
const { records } = omnichannel;

describe('docs/records.md › Conversations', () => {
  it('reads one conversation with its agent, customer and case', async () => {
    const conversationId = seededOrg.store.list('msdyn_ocliveworkitem').find((row) => row._msdyn_issueid_value && row._msdyn_activeagentid_value)!.activityid as string;

    const conversation = await records.getConversation(conversationId, { expand: ['agent', 'customer', 'case'] });
    const agent = conversation.msdyn_activeagentid_msdyn_ocliveworkitem?.fullname;
    const caseTitle = conversation.msdyn_IssueId_msdyn_ocliveworkitem?.title;

    expect(data.agents.map((a) => a.name)).toContain(agent);
    expect(data.incidents.map((i) => i.name)).toContain(caseTitle);
  });

  it('awaits every conversation matching typed filters', async () => {
    const unhappy = await records.findConversations({
      channel: Channel.LiveChat,
      status: [ConversationStatus.Closed, ConversationStatus.Resolved],
      closed: { from: '2026-02-01', to: '2026-03-01' },
      sentimentAtOrBelow: SentimentLabel.Negative,
    });

    expect(unhappy.every((c) => c.msdyn_channel === '192360000' && (c.msdyn_customersentimentlabel ?? 0) <= 8)).toBe(true);
  });

  it('iterates conversations and stops early', async () => {
    const agentId = data.signedInAgentId;
    const escalated: ConversationRecord[] = [];
    const escalate = (conversation: ConversationRecord) => escalated.push(conversation);

    for await (const conversation of records.findConversations({ agentId, pageSize: 500 })) {
      if (conversation.msdyn_customersentimentlabel === SentimentLabel.VeryNegative) {
        escalate(conversation);
        break;
      }
    }

    expect(escalated.length).toBeLessThanOrEqual(1);
  });

  it('reads conversations page by page', async () => {
    const queueIds = data.queues.map((queue) => queue.id);
    const pages: ConversationRecord[][] = [];
    const render = (page: ConversationRecord[]) => pages.push(page);

    for await (const page of records.findConversations({ queueId: queueIds }).pages()) render(page);

    expect(pages).toHaveLength(1);
    expect(pages[0]).toHaveLength(40);
  });
});

describe('docs/records.md › A conversation’s story', () => {
  it('tells the sessions of a transferred conversation', async () => {
    const conversationId = data.transferredConversationId;
    const lines: string[] = [];

    const story = await records.getConversationStory(conversationId);
    for (const session of story.sessions) {
      const how = session.transferredFrom ? `transferred from ${session.transferredFrom.agentName}` : 'routed';
      const who = session.participants.map((participant) => `${participant.agentName} (${participant.role})`).join(', ');
      lines.push(`${session.createdOn}: ${how}; ${who}`);
    }

    expect(lines.map((line) => line.replace(/^\S+: /, ''))).toEqual([
      `routed; ${data.agents[1]!.name} (primary)`,
      `transferred from ${data.agents[1]!.name}; ${data.agents[2]!.name} (primary)`,
    ]);
  });
});

describe('docs/records.md › Transcripts', () => {
  it('shows the public messages of a transcript with their files', async () => {
    const conversationId = data.internationalConversationId;
    shown.length = 0;

    const transcript = await records.getTranscript(conversationId);
    if (transcript === undefined) {
      show('No transcript for this conversation.');
    } else {
      for (const message of transcript.messages) {
        if (message.visibility === 'private') continue;
        show(`${message.time} ${message.sender.displayName} (${message.sender.kind}): ${message.text}`);
        for (const file of message.files) show(`  ${file.name} is note ${file.noteId}`);
      }
    }

    const lines = shown.map(([line]) => line as string);
    expect(lines[0]).toMatch(/ 田中 美咲 \(customer\): こんにちは！注文した商品がまだ届きません 📦$/);
    expect(lines).toContain(`  配達伝票.jpg is note ${data.photoNoteId}`);
    expect(lines.some((line) => line.includes('結合文字'))).toBe(false);
  });

  it('says so when there is no transcript', async () => {
    const conversationId = data.noTranscriptConversationId;
    shown.length = 0;

    const transcript = await records.getTranscript(conversationId);
    if (transcript === undefined) {
      show('No transcript for this conversation.');
    } else {
      for (const message of transcript.messages) {
        if (message.visibility === 'private') continue;
        show(`${message.time} ${message.sender.displayName} (${message.sender.kind}): ${message.text}`);
        for (const file of message.files) show(`  ${file.name} is note ${file.noteId}`);
      }
    }

    expect(shown).toEqual([['No transcript for this conversation.']]);
  });

  it('parses a note read some other way', () => {
    const row = seededOrg.store.list('annotation').find((a) => a._objectid_value === data.transcriptId)!;
    const note = { annotationid: row.annotationid as string, documentbody: row.documentbody as string };

    const { messages, controlMessages } = parseTranscript(note.documentbody, note.annotationid);

    expect(messages.length).toBeGreaterThan(5);
    expect(controlMessages.length).toBeGreaterThan(0);
  });
});

describe('docs/records.md › Attachments', () => {
  it('finds the photo and downloads it', async () => {
    const conversationId = data.internationalConversationId;
    shown.length = 0;

    const files = await records.listAttachments(conversationId);
    const photo = files.find((file) => file.mimeType.startsWith('image/'));
    if (photo) {
      const { bytes, fileName, size } = await records.downloadAttachment(photo.noteId);
      show(`${fileName}: ${size} bytes, starting ${bytes[0]}`);
    }

    expect(shown).toEqual([['配達伝票.jpg: 48213 bytes, starting 255']]);
  });
});

describe('docs/records.md › Storage', () => {
  it('reports storage by month, and by channel for what a retention policy would reach', async () => {
    shown.length = 0;

    const byMonth = await records.storageReport({ groupBy: 'month' });
    const retained = await records.storageReport({ groupBy: 'channel', closedBefore: '2026-02-01' });
    for (const group of retained.groups) show(`${group.label}: ${group.transcripts.bytes + group.attachments.bytes} bytes`);

    expect(byMonth.groups.map((group) => group.key)).toEqual(['2026-02', '2026-03']);
    expect(shown.every(([line]) => /^(Live chat|SMS|Microsoft Teams|Voice call): \d+ bytes$/.test(line as string))).toBe(true);
  });
});

describe('docs/records.md › Bots', () => {
  it('summarises the bot sessions of a month', async () => {
    shown.length = 0;

    const summary = await records.botSessionSummary({ from: '2026-02-01', to: '2026-03-01' });
    show(`${summary.sessions} sessions, ${summary.escalatedToAgent} escalated, CSAT ${summary.csat.average?.toFixed(1)}`);

    expect(shown[0]![0]).toMatch(/^\d+ sessions, \d+ escalated, CSAT \d\.\d$/);
  });
});

describe('docs/records.md › Skills', () => {
  it('lists the conversations that needed Spanish and who handled them', async () => {
    const spanishSkillId = seededOrg.store.list('characteristic').find((row) => row.name === 'Spanish')!.characteristicid as string;
    shown.length = 0;

    const spanish = await records.conversationsNeedingSkill(spanishSkillId, { from: '2026-02-01' });
    for (const demand of spanish) show(demand.title, demand.handledBy.map((agent) => agent.name));

    expect(shown.length).toBe(spanish.length);
    expect(spanish.length).toBeGreaterThan(0);
  });
});

describe('docs/records.md › Exporting transcripts', () => {
  it('streams the transcripts of a month with progress', async () => {
    const saved: Transcript[] = [];
    const save = async (transcript: Transcript) => {
      saved.push(transcript);
    };
    shown.length = 0;

    const controller = new AbortController();
    for await (const transcript of records.exportTranscripts({
      closedFrom: '2026-02-01',
      closedTo: '2026-03-01',
      onProgress: ({ done, total, exported }) => show(`${done}/${total ?? '?'} conversations, ${exported} transcripts`),
      signal: controller.signal,
    })) {
      await save(transcript);
    }

    expect(saved.length).toBeGreaterThan(0);
    // All done: as many examined as Dataverse counted, each transcript yielded.
    expect(shown.at(-1)![0]).toMatch(new RegExp(`^(\\d+)/\\1 conversations, ${saved.length} transcripts$`));
  });
});

describe('docs/records.md › Live sentiment', () => {
  it('starts and stops a monitor', async () => {
    const alerts: string[] = [];
    const notifySupervisor = (text: string) => alerts.push(text);

    const stop = new AbortController();
    const monitoring = records.monitorLiveConversations({
      threshold: SentimentLabel.Negative,
      intervalMs: 30_000,
      onAlert: (alert) => notifySupervisor(`${alert.title}: ${alert.labelName}`),
      onError: (error, retryInMs) => show(`poll failed (${error.code}), next in ${retryInMs} ms`),
      signal: stop.signal,
    });
    stop.abort();
    await monitoring;

    expect(alerts.every((text) => text.endsWith('negative'))).toBe(true);
  });
});

describe('docs/records.md › Testing against the emulator', () => {
  it('reads a seeded transcript through the emulator without MSW', async () => {
    const org = createOrgEmulator();
    const client = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', fetch: (input, init) => org.handle(new Request(input, init)) });
    const international = await client.records.getTranscript(org.seedData!.internationalConversationId);

    expect(international!.messages[0]!.text).toContain('📦');
  });
});

describe('docs/records.md', () => {
  const page = readGuide('docs/records.md');

  it('every ```ts block of the page is in test/docs, as written', () => {
    expectBlocksTested('docs/records.md', codeBlocks(page, 'ts'), docsTests());
  });

  it('imports only names the package exports', () => {
    expectImportsExist('docs/records.md', codeBlocks(page, 'ts'));
  });

  it('lists every method of records in its table of requests', () => {
    const methods = Object.keys(records);
    const table = page.slice(page.indexOf('## How many requests'), page.indexOf('## Conversations'));
    for (const method of methods) expect(table, method).toContain(`\`${method}(`);
  });
});
