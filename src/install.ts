import { OmnichannelClient, type OmnichannelOptions, createOmnichannel } from './client.js';
import type { MicrosoftOmnichannel } from './api/microsoftOmnichannel.js';
import { facadeBrand, findHostOmnichannel } from './http/host.js';

/**
 * The `Microsoft.Omnichannel` object for a client: the six documented methods with the
 * product's signatures, each calling the client. A customization written against the real API
 * runs unchanged against it. Marked so that no client takes it for the product's own.
 * @example
 * ```ts
 * const api = toMicrosoftOmnichannel(omnichannel);
 * await api.linkToConversation('incident', caseId);
 * ```
 */
export function toMicrosoftOmnichannel(client: OmnichannelClient): MicrosoftOmnichannel {
  const api: MicrosoftOmnichannel = {
    getConversations: (input, correlationId) => client.getConversations(input, correlationId),
    getConversationId: () => client.getConversationId(),
    openConversation: (conversationId, lastsessionId, liveworkstreamId) =>
      client.openConversation(conversationId, lastsessionId, liveworkstreamId),
    linkToConversation: (entityLogicalName, recordId, conversationId) =>
      client.linkToConversation(entityLogicalName, recordId, conversationId),
    unlinkFromConversation: (entityLogicalName, recordId, conversationId) =>
      client.unlinkFromConversation(entityLogicalName, recordId, conversationId),
    sendMessageToConversation: (message, toSendBox, conversationId) => client.sendMessageToConversation(message, toSendBox, conversationId),
  };
  Object.defineProperty(api, facadeBrand, { value: true });
  return Object.freeze(api);
}

/**
 * The script-tag drop-in: when the page has no `Microsoft.Omnichannel`, defines
 * `window.Microsoft.Omnichannel` with the six methods backed by a client (other members of
 * `window.Microsoft`, such as `Apm`, stay), and returns that client. Given options it creates
 * the client; given a client (for example the page's own, whose workspace a desk shows) it
 * uses that one, so the global and the page act on the same sessions.
 *
 * It never overwrites the product's own `Microsoft.Omnichannel`: where one is reachable (this
 * window, parent or top) it returns the client without touching the page, and that client
 * delegates its UI-bound methods to the product's (`host: 'auto'`). A second `install` replaces
 * the first one's definition.
 *
 * @param options The client's options (see `createOmnichannel`), or the client to install.
 * @example
 * ```html
 * <script src="omnichannel-sdk.iife.min.js"></script>
 * <script>
 *   OmnichannelSDK.install({ orgUrl: 'https://contoso.crm.dynamics.com' });
 *   Microsoft.Omnichannel.getConversations({ status: [2] }).then(console.log);
 * </script>
 * ```
 */
export function install<Client extends OmnichannelClient = OmnichannelClient>(options?: OmnichannelOptions | Client): Client {
  const client = (options instanceof OmnichannelClient ? options : createOmnichannel(options)) as Client;
  if (findHostOmnichannel()) return client;
  const page = globalThis as { Microsoft?: Record<string, unknown> };
  const microsoft = typeof page.Microsoft === 'object' && page.Microsoft !== null ? page.Microsoft : (page.Microsoft = {});
  microsoft.Omnichannel = toMicrosoftOmnichannel(client);
  return client;
}
