// The README's examples, run as written (the imports differ: the package becomes src/), and the
// README's promises about links, options and error codes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationStatus, createConnection, createOmnichannel, getConversations } from '../../src/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { codeBlocks, docsTests, errorCodes, expectBlocksTested, optionNames, readGuide, repoRoot } from './support.js';

const readme = readGuide('README.md');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('README › In a form or web resource (script tag)', () => {
  /** The bundle and the README's form script, loaded as a form loads its libraries. */
  function loadOnLoad(): () => Promise<void> {
    const bundle = readFileSync(join(repoRoot, 'dist/omnichannel-sdk.iife.min.js'), 'utf8');
    const OmnichannelSDK = new Function(`${bundle}\n;return OmnichannelSDK;`)() as unknown;
    const [script] = codeBlocks(readme, 'js');
    return new Function('OmnichannelSDK', `${script}\n;return onLoad;`)(OmnichannelSDK) as () => Promise<void>;
  }

  it('logs the titles of the waiting conversations inside Dynamics 365', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const server = setupServer(...omnichannelHandlers(org));
    server.listen({ onUnhandledRequest: 'error' });
    const agentId = org.seedData!.signedInAgentId;
    vi.stubGlobal('Xrm', { Utility: { getGlobalContext: () => ({ getClientUrl: () => 'https://contoso.crm.dynamics.com', userSettings: { userId: `{${agentId}}` } }) } });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await loadOnLoad()();
    } finally {
      server.close();
    }
    const waiting = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === 3)
      .sort((a, b) => String(b.createdon).localeCompare(String(a.createdon)))
      .map((row) => row.msdyn_title);
    expect(waiting.length).toBeGreaterThan(0);
    expect(log).toHaveBeenCalledWith(waiting);
    expect(org.requests.at(-1)!.correlationId).toBe('my-form-onload');
  });

  it('outside Dynamics 365 the error of createOmnichannel is caught and logged, not thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(loadOnLoad()()).resolves.toBeUndefined();
    // Thrown by createOmnichannel before any call, so there is no correlation id yet.
    expect(warn).toHaveBeenCalledWith('InvalidInput', expect.stringContaining('orgUrl'), undefined);
  });
});

describe('README › Testing your customizations', () => {
  it('lists the signed-in agent’s conversations from the emulator through MSW', async () => {
    const org = createOrgEmulator(); // a seeded contact centre, the same for the same seed
    const server = setupServer(...omnichannelHandlers(org));
    server.listen({ onUnhandledRequest: 'error' });

    // The seed's signed-in agent: org.seedData.signedInAgentId, which WhoAmI also answers.
    const agentId = org.seedData!.signedInAgentId;
    const omnichannel = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', agentId });
    const mine = await omnichannel.getConversations({ status: [2, 3] });

    org.faults.add({ fault: { kind: 'throttle', retryAfter: 1 }, times: 2 }); // resilience tests
    server.close();

    expect(mine.length).toBeGreaterThan(0);
    expect(org.faults.pending).toBe(2);
    org.faults.clear();
    const whoAmI = await org.handle(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI'));
    expect(((await whoAmI.json()) as { UserId: string }).UserId).toBe(agentId);
  });
});

describe('README › Only listing conversations: a connection', () => {
  it('lists the waiting conversations over a connection with a token', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const server = setupServer(...omnichannelHandlers(org));
    server.listen({ onUnhandledRequest: 'error' });
    const agentId = org.seedData!.signedInAgentId;
    const getAccessToken = async () => 'token-for-the-readme';
    try {
      const connection = createConnection({ orgUrl: 'https://contoso.crm.dynamics.com', getAccessToken, agentId });
      const waiting = await getConversations(connection, { status: [ConversationStatus.Waiting] });

      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.every((conversation) => conversation.statuscode === ConversationStatus.Waiting)).toBe(true);
      expect(org.requests.at(-1)!.headers.get('authorization')).toBe('Bearer token-for-the-readme');
    } finally {
      server.close();
    }
  });
});

describe('README › The rest of the client', () => {
  it('opens, links and drafts, reads the records and plans retention on the emulated org', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const conversationId = org.seedData!.activeConversationId;
    const caseId = org.seedData!.incidents[2]!.id;
    const closedConversationId = org.seedData!.internationalConversationId;
    const omnichannel = createOmnichannel({
      orgUrl: 'https://contoso.crm.dynamics.com',
      agentId: org.seedData!.signedInAgentId,
      host: 'builtin',
      fetch: (input, init) => org.handle(new Request(input, init)),
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const session = await omnichannel.openConversation(conversationId);
    await omnichannel.linkToConversation('incident', caseId);
    await omnichannel.sendMessageToConversation('I have linked your case.');
    console.log(session?.title, omnichannel.workspace.focused.draft);

    const story = await omnichannel.records.getConversationStory(conversationId);
    const transcript = await omnichannel.records.getTranscript(closedConversationId);
    const byMonth = await omnichannel.records.storageReport({ groupBy: 'month' });

    const plan = await omnichannel.retention.plan({ olderThanDays: 90, include: ['transcripts', 'attachments'] });
    console.log(`${plan.summary.count} notes, ${plan.summary.bytes} bytes`);

    expect(log).toHaveBeenNthCalledWith(1, session!.title, 'I have linked your case.');
    expect(org.store.get('msdyn_ocliveworkitem', conversationId)!._msdyn_issueid_value).toBe(caseId);
    expect(story.conversation.activityid).toBe(conversationId);
    expect(transcript!.messages.length).toBeGreaterThan(0);
    expect(byMonth.groups.length).toBeGreaterThan(0);
    expect(plan.summary.count).toBeGreaterThan(0);
    expect(plan.summary.count).toBe(plan.summary.transcripts.count + plan.summary.attachments.count);
    expect(log).toHaveBeenNthCalledWith(2, `${plan.summary.count} notes, ${plan.summary.bytes} bytes`);
  });
});

describe('README', () => {
  it('every ```ts block but the MSAL sketch is in test/docs, as written', () => {
    const blocks = codeBlocks(readme, 'ts').filter((block) => !block.includes('msal.'));
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expectBlocksTested('README.md', blocks, docsTests());
  });

  it('the quick start has exactly two commands: one starts the demo, one runs every test', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
    expect(codeBlocks(quickStart, 'sh')).toEqual(['npm ci && npm start\n', 'npm ci && npm test\n']);
  });

  it('names every option of createOmnichannel and every error code in its tables', () => {
    for (const option of optionNames()) expect(readme).toContain(`| \`${option}\` |`);
    for (const code of errorCodes()) expect(readme).toContain(`| \`${code}\` |`);
  });

  it('links only to absolute URLs, and its links into the package name files the package ships', () => {
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(0);
    const files = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).files as string[];
    for (const link of links) {
      expect(link, 'a relative link breaks on the registry page').toMatch(/^https:\/\//);
      const packaged = /^https:\/\/unpkg\.com\/omnichannel-sdk\/(.+)$/.exec(link)?.[1];
      if (packaged === undefined) continue;
      expect(existsSync(join(repoRoot, packaged)), link).toBe(true);
      expect(
        files.some((pattern) => pattern === packaged || (pattern.endsWith('/*.md') && packaged.startsWith(pattern.slice(0, -4)) && packaged.endsWith('.md'))),
        `${packaged} is not in package.json files`,
      ).toBe(true);
    }
  });
});
