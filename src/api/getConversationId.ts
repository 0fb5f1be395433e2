import { type ApiContext, type CorrelationIdOrOptions, withCall } from './call.js';
import { conversationOrFocused } from './conversation.js';

/**
 * The focused session's conversation id. Mirrors `Microsoft.Omnichannel.getConversationId()`.
 * @internal
 */
export function getConversationId(context: ApiContext, options?: CorrelationIdOrOptions): Promise<string> {
  return withCall('getConversationId', options, (call) => conversationOrFocused(context, call, undefined, 'conversationId'));
}
