// getConversationId and openConversation in the built-in workspace, against the emulator.
import { describe, expect, it } from 'vitest';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

describe('getConversationId', () => {
  it('rejects InvalidState with Home focused, sending nothing', async () => {
    const org = seeded();
    const client = clientOf(org);
    const error = await caught(client.getConversationId());
    expect(error.code).toBe('InvalidState');
    expect(org.requests).toHaveLength(0);
  });

  it('resolves the focused session’s conversation id', async () => {
    const org = seeded();
    const client = clientOf(org);
    await client.openConversation(org.seedData!.activeConversationId);
    await expect(client.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
  });

  it('rejects InvalidState when a case session is focused', async () => {
    const org = seeded();
    const client = clientOf(org);
    await client.openConversation(org.seedData!.activeConversationId);
    client.workspace.open({ kind: 'case', recordId: org.seedData!.incidents[0]!.id, title: 'A case' });
    expect((await caught(client.getConversationId())).code).toBe('InvalidState');
  });
});

describe('openConversation', () => {
  it('opens the conversation as a focused session titled with its linked customer, in one request', async () => {
    const org = seeded();
    const client = clientOf(org);
    const { activeConversationId } = org.seedData!;
    const row = org.store.get('msdyn_ocliveworkitem', activeConversationId)!;
    const customerTable = row['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] as string;
    const customer = org.store.get(customerTable, row._msdyn_customer_value as string)!;

    const session = await client.openConversation(activeConversationId);

    expect(session).toMatchObject({ kind: 'conversation', conversationId: activeConversationId, title: customer.fullname ?? customer.name });
    expect(client.workspace.focused.id).toBe(session!.id);
    expect(org.requests).toHaveLength(1);
    expect(decodeURIComponent(org.requests[0]!.url)).toContain('$expand=');
  });

  it('titles an unauthenticated conversation Visitor N and a case-only one with the case title', async () => {
    const org = seeded();
    const client = clientOf(org);
    const visitor = org.store.create('msdyn_ocliveworkitem', { subject: 'Anonymous chat' });
    const caseOnly = org.store.create('msdyn_ocliveworkitem', { subject: 'Case chat', msdyn_issueid: org.seedData!.incidents[0]!.id });
    expect((await client.openConversation(visitor))!.title).toBe('Visitor 1');
    expect((await client.openConversation(caseOnly))!.title).toBe(org.seedData!.incidents[0]!.name);
  });

  it('a second call focuses the session already open, without a request', async () => {
    const org = seeded();
    const client = clientOf(org);
    const { activeConversationId, waitingConversationId } = org.seedData!;
    const first = await client.openConversation(activeConversationId);
    await client.openConversation(waitingConversationId);
    const requests = org.requests.length;
    const again = await client.openConversation(activeConversationId);
    expect(again!.id).toBe(first!.id);
    expect(client.workspace.focused.id).toBe(first!.id);
    expect(client.workspace.sessions).toHaveLength(3);
    expect(org.requests).toHaveLength(requests);
  });

  it('rejects NotFound for a conversation that does not exist, and opens nothing', async () => {
    const org = seeded();
    const client = clientOf(org);
    const error = await caught(client.openConversation('00000000-0000-4000-8000-00000000dead'));
    expect(error.code).toBe('NotFound');
    expect(client.workspace.sessions).toHaveLength(1);
  });

  it('rejects a malformed id with InvalidInput before any request', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).openConversation('not-a-guid'));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'conversationId']);
    expect(org.requests).toHaveLength(0);
  });

  it('checks lastsessionId and liveworkstreamId against the conversation when given', async () => {
    const org = seeded();
    const client = clientOf(org);
    const { activeConversationId } = org.seedData!;
    const row = org.store.get('msdyn_ocliveworkitem', activeConversationId)!;
    const session = await client.openConversation(activeConversationId, row._msdyn_lastsessionid_value as string, row._msdyn_liveworkstreamid_value as string);
    expect(session!.conversationId).toBe(activeConversationId);

    const other = clientOf(org);
    const error = await caught(other.openConversation(activeConversationId, undefined, org.seedData!.queues[0]!.id));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'liveworkstreamId']);
    expect(other.workspace.sessions).toHaveLength(1);
  });

  it('marks the session persistent when its workstream is a persistent-chat workstream', async () => {
    const org = seeded();
    const { activeConversationId } = org.seedData!;
    const workstream = org.store.get('msdyn_ocliveworkitem', activeConversationId)!._msdyn_liveworkstreamid_value as string;
    const client = clientOf(org, { workspace: { persistentChatWorkstreams: [workstream] } });
    expect((await client.openConversation(activeConversationId))!.persistent).toBe(true);
  });

  it('writes nothing', async () => {
    const org = seeded();
    await clientOf(org).openConversation(org.seedData!.activeConversationId);
    expect(writes(org)).toEqual([]);
  });
});
