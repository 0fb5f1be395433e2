/**
 * The script-tag entry, `dist/omnichannel-sdk.iife.min.js`, defining the global
 * `OmnichannelSDK`. It carries what a form script uses: the client, `install()` (which defines
 * `Microsoft.Omnichannel` where the page has none), the error type and the option sets a form
 * script passes to the six methods and the workspace (conversation status and state,
 * sentiment). The other option sets, table descriptions and label maps stay in the package
 * root, where a bundler keeps only what is imported; the script tag would otherwise make every
 * form pay for all of them.
 * @packageDocumentation
 */
export { createOmnichannel, OmnichannelClient } from './client.js';
export { install } from './install.js';
export { OmnichannelError, isOmnichannelError } from './http/errors.js';
export { ConversationState, ConversationStatus } from './schema/conversation.js';
export { SentimentLabel } from './schema/options.js';
