/**
 * omnichannel-sdk: `Microsoft.Omnichannel` for Dynamics 365 Omnichannel for Customer Service,
 * typed, over the Dataverse Web API.
 *
 * The package root's public surface is this list and nothing else: a name not listed here is
 * internal, and the committed API report (`api/omnichannel-sdk.api.md`) shows every change.
 * @packageDocumentation
 */
export { OmnichannelClient, type OmnichannelOptions } from './client.js';
export { createOmnichannel, type Omnichannel } from './omnichannel.js';
export {
  createConnection,
  getConversations,
  iterateConversations,
  type ConnectionOptions,
  type OmnichannelConnection,
} from './connection.js';
export type { Records } from './records/index.js';
export type { Retention } from './retention/index.js';
export { install, toMicrosoftOmnichannel } from './install.js';
export type { MicrosoftOmnichannel } from './api/microsoftOmnichannel.js';
export type { CallOptions, CorrelationIdOrOptions } from './api/call.js';
export type { ConversationLink, LinkableTable } from './api/linkToConversation.js';
export type { SentMessage } from './api/sendMessageToConversation.js';
export {
  Workspace,
  type CloseIntent,
  type CloseOutcome,
  type OpenSessionInput,
  type PanelMode,
  type WorkspaceEvents,
  type WorkspaceInterceptor,
  type WorkspaceNotification,
  type WorkspaceOptions,
  type WorkspaceStages,
} from './workspace/workspace.js';
export type { SessionKind, WorkspaceMessage, WorkspaceSession } from './workspace/session.js';
export type { ChannelCall, IncomingMessage, MessageChannel } from './workspace/channel.js';
export { RichMessageType, type RichMessage } from './workspace/messages.js';
export { defaultConversationAttributes, type ConversationOrderBy, type GetConversationsInput } from './api/getConversations.js';
export {
  OmnichannelError,
  isOmnichannelError,
  type DataverseInnerError,
  type OmnichannelErrorCode,
  type OmnichannelErrorDetails,
} from './http/errors.js';
export { tokenRefreshMarginMs, type AccessToken, type AccessTokenProvider, type AccessTokenRequest } from './http/auth.js';
export type { RetryOptions } from './http/retry.js';
export type { TelemetryEvent, TelemetryEventType, TelemetryListener } from './http/telemetry.js';
export type { XrmLike } from './http/context.js';
export { maxUrlLength } from './http/transport.js';

// Tables, their record types and option sets.
export { tables, tableByLogicalName, tableBySetName, type TableName } from './schema/index.js';
export {
  webApiName,
  type CollectionDef,
  type ColumnDef,
  type ColumnKind,
  type ColumnValue,
  type OptionSet,
  type RecordOf,
  type TableDef,
} from './schema/table.js';
export { Channel, channelLabels, SentimentLabel, sentimentLabels, ActiveState, ActiveStatus } from './schema/options.js';
export {
  conversationTable,
  ConversationState,
  conversationStateLabels,
  ConversationStatus,
  conversationStatusLabels,
  StatusChangeReason,
  WorkDistributionMode,
  type ConversationRecord,
  type ChannelValue,
} from './schema/conversation.js';
export {
  liveConversationTable,
  LiveConversationState,
  liveConversationStateLabels,
  LiveConversationStatus,
  liveConversationStatusLabels,
  type LiveConversationRecord,
} from './schema/liveConversation.js';
export {
  sessionTable,
  SessionState,
  sessionStateLabels,
  SessionStatus,
  sessionStatusLabels,
  SessionClosureReason,
  sessionClosureReasonLabels,
  BotEngagementMode,
  botEngagementModeLabels,
  RoutingFailureStage,
  routingFailureStageLabels,
  SessionLegacyState,
  type SessionRecord,
} from './schema/session.js';
export {
  sessionParticipantTable,
  ParticipantMode,
  participantModeLabels,
  ExternalParticipantChannelType,
  type SessionParticipantRecord,
} from './schema/sessionParticipant.js';
export {
  characteristicTable,
  ratingValueTable,
  conversationCharacteristicTable,
  sessionCharacteristicTable,
  CharacteristicSource,
  characteristicSourceLabels,
  CharacteristicStatus,
  characteristicStatusLabels,
  type CharacteristicRecord,
  type RatingValueRecord,
  type ConversationCharacteristicRecord,
  type SessionCharacteristicRecord,
} from './schema/characteristics.js';
export { conversationSentimentTable, type ConversationSentimentRecord } from './schema/sentiment.js';
export { transcriptTable, type TranscriptRecord } from './schema/transcript.js';
export {
  botTable,
  botSessionTable,
  BotSessionOutcome,
  botSessionOutcomeLabels,
  BotSessionOutcomeReason,
  botSessionOutcomeReasonLabels,
  type BotRecord,
  type BotSessionRecord,
} from './schema/botSession.js';
export { noteTable, type NoteRecord } from './schema/note.js';
export {
  systemUserTable,
  teamTable,
  accountTable,
  contactTable,
  incidentTable,
  IncidentState,
  incidentStateLabels,
  IncidentStatus,
  incidentStatusLabels,
  workstreamTable,
  queueTable,
  omnichannelQueueTable,
  type SystemUserRecord,
  type TeamRecord,
  type AccountRecord,
  type ContactRecord,
  type IncidentRecord,
  type WorkstreamRecord,
  type QueueRecord,
  type OmnichannelQueueRecord,
} from './schema/core.js';

// Records
export type {
  ConversationDetails,
  ConversationExpansion,
  ConversationQuery,
  ConversationSort,
  GetConversationInput,
} from './records/conversations.js';
export type { PagedList } from './records/pagedList.js';
export type { DateInput, DateRange } from './records/input.js';
export type {
  ConversationStory,
  ParticipantRole,
  StoryBotSession,
  StoryCase,
  StoryCustomer,
  StoryParticipant,
  StorySentiment,
  StorySession,
  StorySkill,
} from './records/story.js';
export type { Transcript, TranscriptConversation } from './records/transcripts.js';
export {
  parseTranscript,
  type TranscriptContent,
  type TranscriptControlMessage,
  type TranscriptEntry,
  type TranscriptEntrySender,
  type TranscriptFile,
  type TranscriptSenderKind,
} from './records/transcriptParse.js';
export {
  decodeBase64Bytes,
  decodeBase64Utf8,
  encodeBase64Bytes,
  encodeBase64Utf8,
  type TranscriptAttachment,
  type TranscriptIdentity,
  type TranscriptMessage,
  type TranscriptSender,
} from './records/transcriptFormat.js';
export type { Attachment, AttachmentInfo } from './records/attachments.js';
export type { StorageGroup, StorageReport, StorageReportInput, StorageUsage } from './records/storage.js';
export type { BotOutcomeCount, BotOutcomeReasonCount, BotSessionSummary, BotSessionSummaryInput } from './records/bots.js';
export type { SkillDemand, SkillHandler } from './records/skills.js';
export type { ExportProgress, ExportTranscriptsInput } from './records/exportTranscripts.js';
export type { PollTimers, SentimentPollerOptions, SentimentReading } from './records/sentimentPoller.js';
export type { MonitorLiveConversationsInput, SentimentAlert } from './records/monitor.js';

// Retention and actions
export type {
  ApplyProgress,
  BatchApplyOptions,
  BulkDeleteOptions,
  FailedNote,
  JobApplyOptions,
  JobFailure,
  JobOutcome,
  JobProgress,
  KeptNote,
  NoteKind,
  NoteRef,
  PlannedConversation,
  PlannedNote,
  PlanOptions,
  PlanProgress,
  PlanTotals,
  RetentionContent,
  RetentionCriteria,
  RetentionPlan,
  RetentionReport,
  SubmittedJob,
  WatchJobOptions,
} from './retention/types.js';
export type { Actions } from './api/actionsApi.js';
export type { LiveWorkspace, LiveWorkspaceOptions, LiveWorkspaceSession } from './workspace/live.js';
export type { ApmLike, ApmSession, ApmSessionContext } from './workspace/sources/host.js';
export type { ActionOptions, FunctionParameterValue } from './api/actions.js';
export type {
  AgentPresence,
  AvailabilityContextItem,
  DeliveryTask,
  DeliveryWindow,
  ProactiveContact,
  ProactiveDelivery,
  ProactiveDeliveryInput,
  RepresentativeAvailability,
} from './api/contactCenter.js';
export {
  asyncOperationTable,
  AsyncOperationState,
  asyncOperationStateLabels,
  AsyncOperationStatus,
  asyncOperationStatusLabels,
  AsyncOperationType,
  type AsyncOperationRecord,
} from './schema/asyncOperation.js';
export {
  bulkDeleteOperationTable,
  bulkDeleteFailureTable,
  type BulkDeleteOperationRecord,
  type BulkDeleteFailureRecord,
} from './schema/bulkDelete.js';
