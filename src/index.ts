/**
 * omnichannel-sdk: `Microsoft.Omnichannel` for Dynamics 365 Omnichannel for Customer Service,
 * typed, over the Dataverse Web API.
 * @packageDocumentation
 */
export { createOmnichannel, OmnichannelClient, type OmnichannelOptions } from './client.js';
export type { CallOptions, CorrelationIdOrOptions } from './api/call.js';
export { defaultConversationAttributes, type ConversationOrderBy, type GetConversationsInput } from './api/getConversations.js';
export { OmnichannelError, isOmnichannelError, type OmnichannelErrorCode, type OmnichannelErrorDetails } from './http/errors.js';
export { tokenRefreshMarginMs, type AccessToken, type AccessTokenProvider, type AccessTokenRequest } from './http/auth.js';
export type { RetryOptions } from './http/retry.js';
export type { TelemetryEvent, TelemetryEventType, TelemetryListener } from './http/telemetry.js';
export type { XrmLike } from './http/context.js';
export { maxUrlLength } from './http/transport.js';
export * from './schema/index.js';
