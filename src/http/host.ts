import { findOnFrames } from './context.js';

/**
 * A `Microsoft.Omnichannel` the SDK found on the page: the six documented methods, each
 * returning a promise (the product's resolve values are undocumented, hence `unknown`).
 * @internal
 */
export interface HostOmnichannel {
  getConversations(input: object | string, correlationId?: string): Promise<unknown>;
  getConversationId(): Promise<unknown>;
  openConversation(conversationId: string, lastsessionId?: string, liveworkstreamId?: string): Promise<unknown>;
  linkToConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<unknown>;
  unlinkFromConversation(entityLogicalName: string, recordId: string, conversationId?: string): Promise<unknown>;
  sendMessageToConversation(message: string | object, toSendBox?: boolean, conversationId?: string): Promise<unknown>;
}

/** Marks the `Microsoft.Omnichannel` that `install()` defines, so the SDK never takes its own facade for the host. @internal */
export const facadeBrand = Symbol.for('omnichannel-sdk.facade');

/**
 * Finds the product's `Microsoft.Omnichannel` on this window, its parent or the top window
 * (where the Customer Service workspace keeps it), skipping the SDK's own facade.
 * @internal
 */
export function findHostOmnichannel(): HostOmnichannel | undefined {
  return findOnFrames(
    (frame) => (frame.Microsoft as { Omnichannel?: unknown } | undefined)?.Omnichannel,
    (value): value is HostOmnichannel =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as HostOmnichannel).getConversationId === 'function' &&
      (value as Record<symbol, unknown>)[facadeBrand] !== true,
  );
}
