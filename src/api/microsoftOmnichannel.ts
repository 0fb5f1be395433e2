import type { ConversationRecord } from '../schema/conversation.js';
import type { RichMessage } from '../workspace/messages.js';
import type { WorkspaceSession } from '../workspace/session.js';
import type { GetConversationsInput } from './getConversations.js';
import type { ConversationLink } from './linkToConversation.js';
import type { SentMessage } from './sendMessageToConversation.js';

/**
 * The agent-side `Microsoft.Omnichannel` namespace of Dynamics 365 Omnichannel for Customer
 * Service: six methods, each returning a promise, typed with what the SDK's own
 * implementation resolves (the product documents only "a resolved or rejected promise").
 * `@types/xrm` does not type it: import `omnichannel-sdk/globals` to type
 * `Microsoft.Omnichannel` on `window`. `install()` defines one backed by the SDK where the
 * page has none; `toMicrosoftOmnichannel(client)` makes one for a client.
 */
export interface MicrosoftOmnichannel {
  /** Lists an agent's conversations (`msdyn_ocliveworkitem` records). */
  getConversations(input: GetConversationsInput | string, correlationId?: string): Promise<ConversationRecord[]>;
  /** The conversation id of the focused session. */
  getConversationId(): Promise<string>;
  /** Opens a conversation as a session (the SDK resolves the session it opened or focused). */
  openConversation(conversationId: string, lastsessionId?: string, liveworkstreamId?: string): Promise<WorkspaceSession | undefined>;
  /** Links an account, contact (the customer) or incident (the case) to a conversation. */
  linkToConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<ConversationLink>;
  /** Unlinks the customer or case linked to a conversation. */
  unlinkFromConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<ConversationLink>;
  /** Sends a text or rich message to a conversation, or puts it in the send box. */
  sendMessageToConversation(message: string | RichMessage, toSendBox?: boolean, conversationId?: string): Promise<SentMessage | undefined>;
}
