// sendMessageToConversation against the emulator: the assignment check first, the send box,
// the message channel, and every refusal sending nothing.
import { describe, expect, it, vi } from 'vitest';
import { RichMessageType } from '../../src/workspace/messages.js';
import type { MessageChannel } from '../../src/workspace/channel.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

/** A channel that records what it was asked to send. */
function recordingChannel() {
  const sent: { conversationId: string; message: unknown; correlationId: string }[] = [];
  const channel: MessageChannel = {
    send: vi.fn(async (conversationId, message, call) => {
      sent.push({ conversationId, message, correlationId: call.correlationId });
    }),
  };
  return { channel, sent };
}

/** An open conversation assigned to another agent than the signed-in one. */
function othersConversation(org: OrgEmulator): string {
  return org.store.create('msdyn_ocliveworkitem', { subject: 'Not mine', msdyn_activeagentid: org.seedData!.agents[1]!.id, statuscode: 2 });
}

describe('sendMessageToConversation to the send box', () => {
  it('puts the text in the focused session’s draft and delivers nothing', async () => {
    const org = seeded();
    const { channel, sent } = recordingChannel();
    const client = clientOf(org, { messageChannel: channel });
    const session = await client.openConversation(org.seedData!.activeConversationId);
    await expect(client.sendMessageToConversation('Thanks for waiting!')).resolves.toEqual({
      conversationId: org.seedData!.activeConversationId,
      deliveredTo: 'sendBox',
    });
    expect(client.workspace.focused).toMatchObject({ id: session!.id, draft: 'Thanks for waiting!' });
    expect(sent).toEqual([]);
    expect(writes(org)).toEqual([]);
  });

  it('with toSendBox true puts a rich message in the draft as its JSON', async () => {
    const org = seeded();
    const client = clientOf(org);
    await client.openConversation(org.seedData!.activeConversationId);
    const rich = { richObjectType: RichMessageType.SuggestedReply, richObjectName: 'Yes or no', survey: '{"Questions":[]}' };
    await client.sendMessageToConversation(rich, true);
    expect(JSON.parse(client.workspace.focused.draft)).toEqual(rich);
  });

  it('rejects InvalidState when no session shows the conversation', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).sendMessageToConversation('Hi', true, org.seedData!.activeConversationId));
    expect(error.code).toBe('InvalidState');
  });
});

describe('sendMessageToConversation through the channel', () => {
  it('sends once through the message channel with the call’s correlation id, and records it in the session', async () => {
    const org = seeded();
    const { channel, sent } = recordingChannel();
    const client = clientOf(org, { messageChannel: channel });
    const { activeConversationId } = org.seedData!;
    await client.openConversation(activeConversationId);
    const result = await client.sendMessageToConversation('On it.', false, undefined, { correlationId: 'reply-1' });
    expect(result).toEqual({ conversationId: activeConversationId, deliveredTo: 'channel' });
    expect(sent).toEqual([{ conversationId: activeConversationId, message: 'On it.', correlationId: 'reply-1' }]);
    expect(client.workspace.focused.messages.at(-1)).toMatchObject({ text: 'On it.', from: 'agent' });
  });

  it('without a channel rejects Unsupported, saying the Web API cannot deliver a chat message', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).sendMessageToConversation('Hi', false, org.seedData!.activeConversationId));
    expect(error.code).toBe('Unsupported');
    expect(error.message).toContain('Web API cannot deliver');
  });

  it('wraps a channel failure in HostError, with its cause, and does not retry it', async () => {
    const org = seeded();
    const channel: MessageChannel = { send: vi.fn(() => Promise.reject(new Error('socket closed'))) };
    const error = await caught(clientOf(org, { messageChannel: channel }).sendMessageToConversation('Hi', false, org.seedData!.activeConversationId));
    expect(error.code).toBe('HostError');
    expect((error.cause as Error).message).toBe('socket closed');
    expect(channel.send).toHaveBeenCalledTimes(1);
  });
});

describe('sendMessageToConversation refusals', () => {
  it('rejects Forbidden for a conversation of another agent, checked first: nothing drafted, nothing sent', async () => {
    const org = seeded();
    const { channel, sent } = recordingChannel();
    const client = clientOf(org, { messageChannel: channel });
    const conversation = othersConversation(org);
    await client.openConversation(conversation);
    for (const toSendBox of [true, false]) {
      const error = await caught(client.sendMessageToConversation('Hi', toSendBox));
      expect(error.code).toBe('Forbidden');
    }
    expect(client.workspace.focused.draft).toBe('');
    expect(sent).toEqual([]);
  });

  it('rejects a Forms rich message as Unsupported before any request', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).sendMessageToConversation({ richObjectType: RichMessageType.Forms }, false, org.seedData!.activeConversationId));
    expect(error.code).toBe('Unsupported');
    expect(org.requests).toHaveLength(0);
  });

  it('rejects an empty message or a bad toSendBox with InvalidInput before any request', async () => {
    const org = seeded();
    const client = clientOf(org);
    expect((await caught(client.sendMessageToConversation('  ', true, org.seedData!.activeConversationId))).field).toBe('message');
    expect((await caught(client.sendMessageToConversation('Hi', 'no' as never, org.seedData!.activeConversationId))).field).toBe('toSendBox');
    expect(org.requests).toHaveLength(0);
  });

  it('rejects InvalidState for a closed conversation of the agent', async () => {
    const org = seeded();
    const { channel, sent } = recordingChannel();
    const error = await caught(clientOf(org, { messageChannel: channel }).sendMessageToConversation('Hi', false, org.seedData!.closedConversationId));
    expect(error.code).toBe('InvalidState');
    expect(sent).toEqual([]);
  });

  it('asks WhoAmI for the signed-in agent when the client has none', async () => {
    const org = seeded();
    const { channel, sent } = recordingChannel();
    const client = clientOf(org, { agentId: undefined, messageChannel: channel });
    await client.sendMessageToConversation('Hi', false, org.seedData!.activeConversationId);
    expect(org.requests.some((request) => request.url.endsWith('/WhoAmI'))).toBe(true);
    expect(sent).toHaveLength(1);
  });
});

describe('RichMessageType', () => {
  it('Forms is the type sendMessageToConversation refuses', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).sendMessageToConversation({ richObjectType: RichMessageType.Forms, richObjectName: 'Survey' }, true));
    expect(error.code).toBe('Unsupported');
    expect(error.field).toBe('message.richObjectType');
  });
});
