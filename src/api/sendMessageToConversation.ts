import { OmnichannelError, describeCause, invalidInput, isOmnichannelError } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { checkOutgoingMessage, messageText, type RichMessage } from '../workspace/messages.js';
import { type ApiContext, type CorrelationIdOrOptions, withCall } from './call.js';
import { conversationOrFocused, readConversation, requireOpen } from './conversation.js';
import { callHost } from './host.js';

/** Where `sendMessageToConversation` put the message. */
export interface SentMessage {
  /** The conversation. */
  conversationId: string;
  /** `sendBox`: into the session's draft, for the agent to send; `channel`: delivered through the message channel. */
  deliveredTo: 'sendBox' | 'channel';
}

/**
 * Puts a message in a conversation's send box (`toSendBox` omitted or true) or sends it
 * through the message channel (`false`). Mirrors `Microsoft.Omnichannel.sendMessageToConversation`.
 * The conversation must be assigned to the signed-in agent: that is checked first, whichever
 * way the message goes.
 * @internal
 */
export function sendMessageToConversation(
  context: ApiContext,
  message: string | RichMessage,
  toSendBox: boolean | undefined,
  conversationId: string | undefined,
  options: CorrelationIdOrOptions,
): Promise<SentMessage | undefined> {
  return withCall('sendMessageToConversation', options, async (call) => {
    const checked = checkOutgoingMessage(message);
    if (toSendBox !== undefined && toSendBox !== null && typeof toSendBox !== 'boolean') throw invalidInput('toSendBox', 'must be true, false or omitted');
    const toChannel = toSendBox === false;
    const host = context.host();
    if (host) {
      await callHost(context, call, host, 'sendMessageToConversation', [checked, toSendBox ?? undefined, conversationId]);
      return undefined;
    }
    const id = await conversationOrFocused(context, call, conversationId, 'conversationId');

    const [conversation, agent] = await Promise.all([
      readConversation(context, call, id, ['statecode', 'statuscode', '_msdyn_activeagentid_value']),
      signedInAgent(context, call),
    ]);
    if (conversation._msdyn_activeagentid_value !== agent) {
      throw new OmnichannelError('Forbidden', `Conversation ${id} is not assigned to the signed-in agent ${agent}`);
    }
    requireOpen(conversation, id, 'send a message to');

    const { workspace } = context;
    const session = workspace.sessionOf(id);
    if (!toChannel) {
      if (!session) throw new OmnichannelError('InvalidState', `No session shows conversation ${id} (no send box): open it first`);
      workspace.setDraft(session.id, messageText(checked));
      return { conversationId: id, deliveredTo: 'sendBox' };
    }
    if (!context.channel) {
      throw new OmnichannelError(
        'Unsupported',
        'The Web API cannot deliver chat messages: give createOmnichannel a messageChannel',
      );
    }
    try {
      await context.channel.send(id, checked, { correlationId: call.correlationId, signal: call.signal });
    } catch (cause) {
      if (isOmnichannelError(cause)) throw cause;
      throw new OmnichannelError('HostError', `The message channel failed to send: ${describeCause(cause)}`, { cause });
    }
    workspace.messageSent(id, { text: messageText(checked), from: 'agent', at: new Date(context.now()).toISOString() });
    return { conversationId: id, deliveredTo: 'channel' };
  });
}

/** The signed-in agent: the client's, or asked of the service (`WhoAmI`) when the client has none. */
async function signedInAgent(context: ApiContext, call: CallContext): Promise<string> {
  if (context.agentId) return context.agentId;
  const { body } = await context.send({ method: 'GET', url: 'WhoAmI' }, call);
  const userId = (body as { UserId?: unknown } | undefined)?.UserId;
  if (typeof userId !== 'string') throw new OmnichannelError('InvalidResponse', 'WhoAmI answered no UserId');
  return userId.toLowerCase();
}
