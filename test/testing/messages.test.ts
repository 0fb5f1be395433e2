// The emulated chat service: org.messages, its Web API path for other processes, and the
// message channel the testing kit builds on it.
import { describe, expect, it } from 'vitest';
import { createEmulatorChannel } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf } from '../support/client.js';
import { call, seededOrg } from './support.js';

describe('org.messages', () => {
  it('numbers messages in arrival order and answers those after a seq, by conversation', () => {
    const org = seededOrg();
    const { activeConversationId, waitingConversationId } = org.seedData!;
    org.messages.post({ conversationId: activeConversationId, text: 'one', from: 'customer' });
    const second = org.messages.post({ conversationId: waitingConversationId, text: 'two', from: 'customer' });
    org.messages.post({ conversationId: activeConversationId, text: 'three', from: 'agent' });
    expect(org.messages.after(0).map((message) => message.text)).toEqual(['one', 'two', 'three']);
    expect(org.messages.after(second.seq).map((message) => message.text)).toEqual(['three']);
    expect(org.messages.after(0, activeConversationId).map((message) => message.text)).toEqual(['one', 'three']);
  });
});

describe('$emulator/messages over the Web API path', () => {
  it('POST adds a message of an existing conversation; GET answers those after a seq and the last seq', async () => {
    const org = seededOrg();
    const { activeConversationId } = org.seedData!;
    const posted = await call(org, 'POST', '$emulator/messages', {
      body: { conversationId: activeConversationId, text: 'Hi', from: 'customer', sender: 'Ana' },
    });
    expect(posted.status).toBe(201);
    const read = await call(org, 'GET', `$emulator/messages?after=0`);
    expect(read.body.value).toEqual([
      expect.objectContaining({ conversationId: activeConversationId, text: 'Hi', from: 'customer', sender: 'Ana', seq: 1 }),
    ]);
    expect(read.body.last).toBe(1);
    expect((await call(org, 'GET', `$emulator/messages?after=1`)).body).toEqual({ value: [], last: 1 });
  });

  it('refuses a message of a conversation that does not exist, or without text, with Dataverse error bodies', async () => {
    const org = seededOrg();
    const missing = await call(org, 'POST', '$emulator/messages', {
      body: { conversationId: '00000000-0000-4000-8000-00000000dead', text: 'x', from: 'customer' },
    });
    expect(missing.status).toBe(404);
    const bad = await call(org, 'POST', '$emulator/messages', {
      body: { conversationId: org.seedData!.activeConversationId, from: 'customer' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('conversationId, text, from');
    expect(org.messages.all).toHaveLength(0);
  });
});

describe('createEmulatorChannel', () => {
  it('records what the agent sends in org.messages', async () => {
    const org = seededOrg();
    const client = clientOf(org, { messageChannel: createEmulatorChannel(org, { agentName: 'Alex' }) });
    await client.sendMessageToConversation('Hello from the agent', false, org.seedData!.activeConversationId);
    expect(org.messages.all).toEqual([expect.objectContaining({ from: 'agent', sender: 'Alex', text: 'Hello from the agent' })]);
  });

  it('delivers customers’ messages to the client’s workspace, not the agent’s own', async () => {
    const org = seededOrg();
    const client = clientOf(org, { messageChannel: createEmulatorChannel(org) });
    const { activeConversationId } = org.seedData!;
    await client.openConversation(activeConversationId);
    client.workspace.focus('home');
    org.messages.post({ conversationId: activeConversationId, text: 'Are you there?', from: 'customer' });
    org.messages.post({ conversationId: activeConversationId, text: 'Yes', from: 'agent' });
    expect(client.workspace.sessionOf(activeConversationId)!.unread).toBe(1);
    client.dispose();
    org.messages.post({ conversationId: activeConversationId, text: 'Hello?', from: 'customer' });
    expect(client.workspace.sessionOf(activeConversationId)!.unread).toBe(1);
  });

  it('refuses to send to a conversation the org does not have, with NotFound', async () => {
    const org = seededOrg();
    const channel = createEmulatorChannel(org);
    const error = await caught(channel.send('00000000-0000-4000-8000-00000000dead', 'x', { correlationId: 'c' }));
    expect(error.code).toBe('NotFound');
  });
});

describe('$emulator/faults over the Web API path', () => {
  it('queues a fault for the next matching requests, reports the pending count, and clears', async () => {
    const org = seededOrg();
    const added = await call(org, 'POST', '$emulator/faults', {
      body: { fault: { kind: 'throttle', retryAfter: 1 }, times: 2, url: 'msdyn_ocliveworkitems' },
    });
    expect([added.status, added.body.pending]).toEqual([201, 2]);
    expect((await call(org, 'GET', 'msdyn_ocliveworkitems?$top=1')).status).toBe(429);
    expect((await call(org, 'GET', '$emulator/faults')).body).toEqual({ pending: 1 });
    expect((await call(org, 'DELETE', '$emulator/faults')).status).toBe(204);
    expect((await call(org, 'GET', 'msdyn_ocliveworkitems?$top=1')).status).toBe(200);
  });

  it('refuses a fault of an unknown kind with 400', async () => {
    const org = seededOrg();
    const refused = await call(org, 'POST', '$emulator/faults', { body: { fault: { kind: 'explode' } } });
    expect(refused.status).toBe(400);
    expect(org.faults.pending).toBe(0);
  });
});
