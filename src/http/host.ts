import { findOnFrames } from './context.js';

/**
 * The agent-side `Microsoft.Omnichannel` namespace of Dynamics 365 Omnichannel for Customer
 * Service, as the product documents it: six methods, each returning a promise. `@types/xrm`
 * does not type it; import `omnichannel-sdk/globals` to type `Microsoft.Omnichannel` on
 * `window`. `OmnichannelSDK.install()` defines one backed by the SDK where the page has none.
 */
export interface MicrosoftOmnichannel {
  /** Lists an agent's conversations (`msdyn_ocliveworkitem` records). */
  getConversations(input: object | string, correlationId?: string): Promise<unknown>;
  /** The conversation id of the focused session. */
  getConversationId(): Promise<string>;
  /** Opens a conversation as a session. */
  openConversation(conversationId: string, lastsessionId?: string, liveworkstreamId?: string): Promise<unknown>;
  /** Links an account, contact (the customer) or incident (the case) to a conversation. */
  linkToConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<unknown>;
  /** Unlinks the customer or case linked to a conversation. */
  unlinkFromConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<unknown>;
  /** Sends a text or rich message to a conversation, or puts it in the send box. */
  sendMessageToConversation(message: string | object, toSendBox?: boolean, conversationId?: string): Promise<unknown>;
}

/** Marks the `Microsoft.Omnichannel` that `install()` defines, so the SDK never takes its own facade for the host. @internal */
export const facadeBrand = Symbol.for('omnichannel-sdk.facade');

/**
 * Finds the product's `Microsoft.Omnichannel` on this window, its parent or the top window
 * (where the Customer Service workspace keeps it), skipping the SDK's own facade.
 * @internal
 */
export function findHostOmnichannel(): MicrosoftOmnichannel | undefined {
  return findOnFrames(
    (frame) => (frame.Microsoft as { Omnichannel?: unknown } | undefined)?.Omnichannel,
    (value): value is MicrosoftOmnichannel =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as MicrosoftOmnichannel).getConversationId === 'function' &&
      (value as Record<symbol, unknown>)[facadeBrand] !== true,
  );
}
