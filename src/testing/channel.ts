import { type MessageChannel, OmnichannelError } from '../index.js';
import type { OrgEmulator } from './emulator/emulator.js';

/**
 * A message channel backed by an emulated org, for `createOmnichannel({ messageChannel })`:
 * what the agent sends is posted to `org.messages` (assert on it there), and the customers'
 * messages posted to it (by a test, or by the simulated contact centre) reach the client's
 * workspace. In process: no HTTP, so sends do not appear in `org.requests`.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const omnichannel = createOmnichannel({ orgUrl, messageChannel: createEmulatorChannel(org) });
 * await omnichannel.sendMessageToConversation('Hello', false, conversationId);
 * org.messages.all.at(-1); // { from: 'agent', text: 'Hello', … }
 * ```
 */
export function createEmulatorChannel(org: OrgEmulator, options: { agentName?: string } = {}): MessageChannel {
  return {
    async send(conversationId, message, call) {
      if (call.signal?.aborted) throw new OmnichannelError('Aborted', 'The call was aborted', { correlationId: call.correlationId });
      if (!org.store.get('msdyn_ocliveworkitem', conversationId)) {
        throw new OmnichannelError('NotFound', `The emulated chat service has no conversation ${conversationId}`, {
          correlationId: call.correlationId,
        });
      }
      org.messages.post({
        conversationId,
        text: typeof message === 'string' ? message : JSON.stringify(message),
        from: 'agent',
        ...(options.agentName === undefined ? {} : { sender: options.agentName }),
      });
    },
    subscribe(listener) {
      return org.messages.on((message) => {
        if (message.from !== 'agent')
          listener({
            conversationId: message.conversationId,
            text: message.text,
            from: message.from,
            sender: message.sender,
            at: message.at,
          });
      });
    },
  };
}
