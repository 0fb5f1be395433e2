// The examples of docs/workspace.md, run as written (imports differ: the package becomes src/).
import { afterEach, describe, expect, it } from 'vitest';
import { createOmnichannel, type MicrosoftOmnichannel, SentimentLabel, Workspace } from '../../src/index.js';
import { createOrgEmulator, installFakeOmnichannel, type OrgEmulator } from '../../src/testing/index.js';
import { codeBlocks, docsTests, expectBlocksTested, readGuide } from './support.js';

declare const Microsoft: { Omnichannel: MicrosoftOmnichannel };

const guide = readGuide('docs/workspace.md');
const orgUrl = 'https://contoso.crm.dynamics.com';
const emulated = (org: OrgEmulator) => (input: RequestInfo | URL, init?: RequestInit) => org.handle(new Request(input, init));

afterEach(() => {
  delete (globalThis as { Microsoft?: unknown }).Microsoft;
});

describe('docs/workspace.md › The six methods', () => {
  it('opens a conversation, links a case and drafts a message', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const agentId = org.seedData!.signedInAgentId;
    const conversationId = org.seedData!.activeConversationId;
    const caseId = org.seedData!.incidents[2]!.id;
    const emulatedFetch = emulated(org);

    const omnichannel = createOmnichannel({ orgUrl, agentId, host: 'builtin', fetch: emulatedFetch });
    const session = await omnichannel.openConversation(conversationId);
    const link = await omnichannel.linkToConversation('incident', caseId);
    await omnichannel.sendMessageToConversation('I have linked your case.');

    expect(session!.conversationId).toBe(conversationId);
    expect(link.recordId).toBe(caseId);
    expect(org.store.get('msdyn_ocliveworkitem', conversationId)!._msdyn_issueid_value).toBe(caseId);
    expect(omnichannel.workspace.focused.draft).toBe('I have linked your case.');
  });
});

describe('docs/workspace.md › The workspace', () => {
  it('raises an alert when an unfocused conversation reaches the threshold', () => {
    const conversationId = '6f1d8f36-0d7e-4a53-9a55-000000000001';

    const workspace = new Workspace({ sentimentThreshold: SentimentLabel.Negative });
    const alerts: string[] = [];
    const off = workspace.on('alert', ({ session }) => alerts.push(session.tooltip));
    workspace.open({ kind: 'conversation', conversationId, title: 'Kenny Smith', focus: false });
    workspace.sentimentChanged(conversationId, SentimentLabel.VeryNegative);
    off();

    expect(alerts).toEqual(['Kenny Smith. Urgent attention is needed in your conversation.']);
  });
});

describe('docs/workspace.md › Testing a customization', () => {
  it('runs a customization against the fake Microsoft.Omnichannel', async () => {
    const org = createOrgEmulator();
    const fake = installFakeOmnichannel({ emulator: org });
    await Microsoft.Omnichannel.linkToConversation('incident', org.seedData!.incidents[0]!.id);
    await Microsoft.Omnichannel.sendMessageToConversation('Your case is linked.', false);
    const sent = org.messages.all.at(-1)!.text;
    fake.uninstall();

    expect(sent).toBe('Your case is linked.');
  });
});

describe('docs/workspace.md', () => {
  it('every ```ts block is in test/docs, as written', () => {
    expectBlocksTested('docs/workspace.md', codeBlocks(guide, 'ts'), docsTests());
  });
});
