/**
 * The full script-tag entry, `dist/omnichannel-sdk.full.iife.min.js`, defining the same global
 * `OmnichannelSDK` as the core one, but whose `createOmnichannel` makes the full client: the
 * six methods and the workspace, plus `records`, `retention`, `actions` and `live` (the agent
 * desk's sources). For pages that are more than a form script: a supervisor's dashboard, the
 * demo's agent desk. A form that only needs `Microsoft.Omnichannel` loads the core bundle.
 * @packageDocumentation
 */
export { createOmnichannel } from './omnichannel.js';
export { OmnichannelClient } from './client.js';
export { install } from './install.js';
export { OmnichannelError, isOmnichannelError } from './http/errors.js';
export { ConversationState, ConversationStatus } from './schema/conversation.js';
export { Channel, SentimentLabel } from './schema/options.js';
export { RichMessageType } from './workspace/messages.js';
