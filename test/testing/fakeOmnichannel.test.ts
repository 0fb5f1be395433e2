import { afterEach, describe, expect, it } from 'vitest';
import { ConversationStatus, type ConversationRecord } from '../../src/index.js';
import {
  type FakeOmnichannelApi,
  type InstalledFakeOmnichannel,
  installFakeOmnichannel,
  type OrgEmulator,
} from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { seededOrg } from './support.js';

/** The global a form script sees inside Dynamics 365. */
declare const Microsoft: { Omnichannel: FakeOmnichannelApi };

/** A "form script" written against the product API, unaware of any test. */
async function loadWaitingConversations(agentId: string, correlationId?: string): Promise<ConversationRecord[]> {
  return Microsoft.Omnichannel.getConversations({ agentId, status: [3], attributes: ['msdyn_title'] }, correlationId);
}

const globals = globalThis as { Microsoft?: unknown };
let installed: InstalledFakeOmnichannel | undefined;

afterEach(() => {
  installed?.uninstall();
  installed = undefined;
  delete globals.Microsoft;
});

function install(org: OrgEmulator, options: Partial<Parameters<typeof installFakeOmnichannel>[0]> = {}): InstalledFakeOmnichannel {
  installed = installFakeOmnichannel({ emulator: org, ...options });
  return installed;
}

describe('installFakeOmnichannel', () => {
  it('defines globalThis.Microsoft.Omnichannel', () => {
    const fake = install(seededOrg());
    expect(globals.Microsoft).toEqual({ Omnichannel: fake.api });
  });

  it("answers a form script's getConversations with the seeded Waiting conversations", async () => {
    const org = seededOrg();
    install(org);
    const agentId = org.seedData!.signedInAgentId;
    const waiting = await loadWaitingConversations(agentId);
    const expected = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === ConversationStatus.Waiting);
    expect(waiting.map((row) => row.activityid).sort()).toEqual(expected.map((row) => row.activityid).sort());
    expect(waiting.map((row) => row.msdyn_title).sort()).toEqual(expected.map((row) => row.msdyn_title).sort());
    expect(waiting.map((row) => row.activityid)).toContain(org.seedData!.waitingConversationId);
  });

  it('sends its requests to the emulator without a network', async () => {
    const org = seededOrg();
    install(org, { orgUrl: 'https://fabrikam.crm4.dynamics.com' });
    await loadWaitingConversations(org.seedData!.signedInAgentId);
    expect(org.requests).toHaveLength(1);
    expect(org.requests[0]!.url).toMatch(/^https:\/\/fabrikam\.crm4\.dynamics\.com\/api\/data\/v9\.2\/msdyn_ocliveworkitems\?/);
  });

  it('passes the correlationId through to org.requests', async () => {
    const org = seededOrg();
    install(org);
    await loadWaitingConversations(org.seedData!.signedInAgentId, 'form-onload-42');
    expect(org.requests.map((request) => request.correlationId)).toEqual(['form-onload-42']);
    expect(org.requests[0]!.clientRequestId).toEqual(expect.any(String));
  });

  it("defaults the agent to the emulator's current user", async () => {
    const org = seededOrg();
    const fake = install(org);
    expect(fake.client.agentId).toBe(org.seedData!.signedInAgentId);
    const mine = await Microsoft.Omnichannel.getConversations({ status: [ConversationStatus.Active] });
    expect(mine.map((row) => row.activityid)).toContain(org.seedData!.activeConversationId);
  });

  it("resolves getConversationId with the seed's active conversation", async () => {
    const org = seededOrg();
    install(org);
    await expect(Microsoft.Omnichannel.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
  });

  it('resolves getConversationId with the conversation focus() moves to', async () => {
    const org = seededOrg();
    const fake = install(org);
    fake.focus(org.seedData!.wrapUpConversationId);
    await expect(Microsoft.Omnichannel.getConversationId()).resolves.toBe(org.seedData!.wrapUpConversationId);
  });

  it('rejects getConversationId after focus(null), as in the Home session', async () => {
    const fake = install(seededOrg());
    fake.focus(null);
    const error = await caught(Microsoft.Omnichannel.getConversationId());
    expect(error.code).toBe('InvalidState');
  });

  it('restores a pre-existing Microsoft object on uninstall', () => {
    const host = { Apm: { name: 'app profile manager' } };
    globals.Microsoft = host;
    const fake = install(seededOrg());
    expect(globals.Microsoft).toMatchObject({ Apm: host.Apm, Omnichannel: fake.api });
    expect(host).not.toHaveProperty('Omnichannel');
    fake.uninstall();
    installed = undefined;
    expect(globals.Microsoft).toBe(host);
  });

  it('deletes the Microsoft object it created on uninstall', () => {
    const fake = install(seededOrg());
    fake.uninstall();
    installed = undefined;
    expect('Microsoft' in globalThis).toBe(false);
  });

  it('installs on another target when given one', () => {
    const frame: { Microsoft?: { Omnichannel: FakeOmnichannelApi } } = {};
    const fake = install(seededOrg(), { target: frame });
    expect(frame.Microsoft?.Omnichannel).toBe(fake.api);
    expect(globals.Microsoft).toBeUndefined();
  });
});

describe('the fake’s six methods, for a form script written against the product', () => {
  /** A form script's handler: link the case, refresh, greet the customer. */
  async function linkCaseAndGreet(caseId: string): Promise<void> {
    await Microsoft.Omnichannel.linkToConversation('incident', caseId);
    await Microsoft.Omnichannel.sendMessageToConversation('Your case is linked.', false);
  }

  it('links a case to the focused conversation and sends the greeting through the emulated channel', async () => {
    const org = seededOrg();
    install(org);
    const { activeConversationId, incidents } = org.seedData!;
    await linkCaseAndGreet(incidents[0]!.id);
    expect(org.store.get('msdyn_ocliveworkitem', activeConversationId)!._msdyn_issueid_value).toBe(incidents[0]!.id);
    expect(org.messages.all.at(-1)).toMatchObject({ conversationId: activeConversationId, from: 'agent', text: 'Your case is linked.' });
  });

  it('opens the focused conversation’s session titled as the product would', () => {
    const org = seededOrg();
    const fake = install(org);
    const row = org.store.get('msdyn_ocliveworkitem', org.seedData!.activeConversationId)!;
    const table = row['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] as string;
    const customer = org.store.get(table, row._msdyn_customer_value as string)!;
    expect(fake.workspace.focused.title).toBe(customer.fullname ?? customer.name);
  });

  it('puts a message in the send box by default, and a customer’s answer reaches the session', async () => {
    const org = seededOrg();
    const fake = install(org);
    const { activeConversationId } = org.seedData!;
    await Microsoft.Omnichannel.sendMessageToConversation('Draft reply');
    expect(fake.workspace.focused.draft).toBe('Draft reply');
    fake.focus(null);
    org.messages.post({ conversationId: activeConversationId, text: 'Still there?', from: 'customer' });
    expect(fake.workspace.sessionOf(activeConversationId)).toMatchObject({ unread: 1, badge: '1' });
  });

  it('unlinks what it linked, and openConversation opens another session', async () => {
    const org = seededOrg();
    const fake = install(org);
    const { incidents, waitingConversationId } = org.seedData!;
    await Microsoft.Omnichannel.linkToConversation('incident', incidents[1]!.id);
    await Microsoft.Omnichannel.unlinkFromConversation('incident', incidents[1]!.id);
    await Microsoft.Omnichannel.openConversation(waitingConversationId);
    expect(fake.workspace.focused.conversationId).toBe(waitingConversationId);
    await expect(Microsoft.Omnichannel.getConversationId()).resolves.toBe(waitingConversationId);
  });

  it('stops delivering customer messages after uninstall', () => {
    const org = seededOrg();
    const fake = install(org);
    installed = undefined;
    fake.uninstall();
    fake.focus(null);
    org.messages.post({ conversationId: org.seedData!.activeConversationId, text: 'Hello?', from: 'customer' });
    expect(fake.workspace.sessionOf(org.seedData!.activeConversationId)!.unread).toBe(0);
  });
});
