/**
 * The script-tag entry, `dist/omnichannel-sdk.iife.min.js`, defining the global
 * `OmnichannelSDK`. It carries what a form script uses: the client, the error type and the
 * option-set values. Table descriptions and label maps stay in the package root, where a
 * bundler keeps only what is imported; the script tag would otherwise make every form pay
 * for all of them.
 * @packageDocumentation
 */
export { createOmnichannel, OmnichannelClient } from './client.js';
export { defaultConversationAttributes } from './api/getConversations.js';
export { OmnichannelError, isOmnichannelError } from './http/errors.js';
export { ConversationState, ConversationStatus, StatusChangeReason } from './schema/conversation.js';
export { Channel, SentimentLabel } from './schema/options.js';
export { SessionState, SessionStatus, SessionClosureReason } from './schema/session.js';
export { ParticipantMode } from './schema/sessionParticipant.js';
export { BotSessionOutcome, BotSessionOutcomeReason } from './schema/botSession.js';
