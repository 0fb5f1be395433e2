import { auditColumns, channelLabels, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/** `statecode` of a session (`msdyn_ocsession`, an activity). */
export const SessionState = /* @__PURE__ */ Object.freeze({ Open: 0, Completed: 1, Canceled: 2, Scheduled: 3 } as const);

/** Labels of {@link SessionState}. */
export const sessionStateLabels = /* @__PURE__ */ optionLabels(SessionState);

/** `statuscode` of a session: one status per state. */
export const SessionStatus = /* @__PURE__ */ Object.freeze({ Open: 1, Completed: 2, Canceled: 3, Scheduled: 4 } as const);

/** Labels of {@link SessionStatus}. */
export const sessionStatusLabels = /* @__PURE__ */ optionLabels(SessionStatus);

/** The state each session status belongs to. @internal */
export const sessionStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({ 1: 0, 2: 1, 3: 2, 4: 3 });

/** `msdyn_closurereason` of a session: why it ended. */
export const SessionClosureReason = /* @__PURE__ */ Object.freeze({
  Default: 192350000,
  AgentReject: 192350001,
  AgentTimeout: 192350002,
  ConversationTimeout: 192350003,
  AgentClosed: 192350004,
  ConversationClosed: 192350005,
  AgentTransferred: 192350006,
  AgentDisconnected: 192350007,
  AgentReRouted: 192350008,
  VirtualAgentClosed: 192350009,
  AgentTransferToQueue: 192350010,
  SupervisorAssignToQueue: 192350011,
  SupervisorTransferToAgent: 192350012,
  SystemReject: 192350013,
  ForceClose: 192350014,
  OverflowQueueTransfer: 192350015,
  OverflowEndConversation: 192350016,
  AddAgentFailed: 192350017,
  AutoClose: 192350018,
  SecondaryChannelClosed: 192350019,
  CustomerDisconnect: 192350020,
  AgentEndConversation: 192350021,
  CustomerEndConversation: 192350022,
  QueueTransfer: 192350023,
  InqueueOverflowQueueTransfer: 192350024,
  InqueueOverflowEndConversation: 192350025,
  BotTransferToAgent: 192350026,
  BotEndConversation: 192350027,
  BotCallFailureEndConversation: 192350028,
  BotCallFailureExternalTransfer: 192350029,
  BotCallFailurePromptAndEscalate: 192350030,
  BotCallFailureEscalate: 192350031,
} as const);

/** Labels of {@link SessionClosureReason} (the product's label keeps its spelling "AgentTransfered"). */
export const sessionClosureReasonLabels = /* @__PURE__ */ optionLabels(SessionClosureReason, { AgentTransferred: 'AgentTransfered' });

/** `msdyn_botengagementmode` of a session. */
export const BotEngagementMode = /* @__PURE__ */ Object.freeze({
  Default: 192350000,
  PreConversation: 192350001,
  PostConversation: 192350002,
  OffBusinessHour: 192350003,
} as const);

/** Labels of {@link BotEngagementMode} (the product's label keeps its spelling "PostConverstation"). */
export const botEngagementModeLabels = /* @__PURE__ */ optionLabels(BotEngagementMode, { PostConversation: 'PostConverstation' });

/** `msdyn_routingfailurestage` of a session. */
export const RoutingFailureStage = /* @__PURE__ */ Object.freeze({
  None: 10,
  RecordIdentification: 1000,
  DemandClassification: 2000,
} as const);

/** Labels of {@link RoutingFailureStage}. */
export const routingFailureStageLabels = /* @__PURE__ */ optionLabels(RoutingFailureStage, {
  RecordIdentification: 'Record Identification',
  DemandClassification: 'Demand Classification',
});

/** `msdyn_state` of a session: a deprecated choice kept beside `statecode`. */
export const SessionLegacyState = /* @__PURE__ */ Object.freeze({
  Default: 192350000,
  Active: 192350001,
  Closed: 192350002,
  New: 192350003,
} as const);

/** Labels of {@link SessionLegacyState}. @internal */
export const sessionLegacyStateLabels = /* @__PURE__ */ optionLabels(SessionLegacyState);

/**
 * The Session table, `msdyn_ocsession` (an activity: primary key `activityid`; `msdyn_sessionid`
 * is a separate string column). A conversation has one session per agent engagement; consult
 * sessions point at their primary session.
 *
 * Navigation property names not in the shared reference come from a live `EntityDefinitions`
 * export of an org; `msdyn_liveworkitemid_msdyn_ocsession` matches it but was UNCONFIRMED in
 * the reference.
 */
export const sessionTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_ocsession',
  entitySetName: 'msdyn_ocsessions',
  primaryKey: 'activityid',
  primaryName: 'subject',
  columns: /* @__PURE__ */ mergeColumns(
    {
      activityid: { kind: 'uniqueidentifier' },
      // Length not in the reference; 200 as on the conversation (standard activity subject).
      subject: { kind: 'string', maxLength: 200 },
      msdyn_sessionid: { kind: 'string', maxLength: 100 },
      msdyn_liveworkitemid: { kind: 'lookup', targets: { msdyn_ocliveworkitem: 'msdyn_liveworkitemid_msdyn_ocsession' } },
      msdyn_primarysession: { kind: 'lookup', targets: { msdyn_ocsession: 'msdyn_primarysession_msdyn_ocsession' } },
      msdyn_channel: { kind: 'picklist', options: channelLabels },
      msdyn_cdsqueueid: { kind: 'lookup', targets: { queue: 'msdyn_cdsqueueid_msdyn_ocsession' } },
      msdyn_queueid: { kind: 'lookup', targets: { msdyn_omnichannelqueue: 'msdyn_queueid_msdyn_ocsession' } },
      statecode: { kind: 'state', options: sessionStateLabels },
      statuscode: { kind: 'status', options: sessionStatusLabels, states: sessionStateOfStatus },
      msdyn_state: { kind: 'picklist', options: sessionLegacyStateLabels },
      msdyn_closurereason: { kind: 'picklist', options: sessionClosureReasonLabels },
      msdyn_botengagementmode: { kind: 'picklist', options: botEngagementModeLabels },
      msdyn_routingfailurestage: { kind: 'picklist', options: routingFailureStageLabels },
      // "Internal use only": values undocumented, so no option set.
      msdyn_queueassignedreason: { kind: 'picklist' },
      msdyn_sessioncreationreason: { kind: 'picklist' },
      msdyn_agentassignedon: { kind: 'datetime' },
      msdyn_agentacceptedon: { kind: 'datetime' },
      msdyn_sessioncreatedon: { kind: 'datetime' },
      msdyn_sessionclosedon: { kind: 'datetime' },
      msdyn_queueassignedon: { kind: 'dateonly' },
      msdyn_sessionmodifiedon: { kind: 'dateonly' },
    },
    auditColumns,
  ),
  collections: {
    msdyn_ocsession_sessionparticipant_nested: {
      table: 'msdyn_sessionparticipant',
      referencingColumn: 'msdyn_omnichannelsession',
    },
    msdyn_ocsession_sessioncharacteristic_nested: {
      table: 'msdyn_ocsessioncharacteristic',
      referencingColumn: 'msdyn_ocsession',
    },
    msdyn_msdyn_botsession_sessionid_msdyn_oc: { table: 'msdyn_botsession', referencingColumn: 'msdyn_sessionid' },
    msdyn_ocsession_Annotations: { table: 'annotation', referencingColumn: 'objectid' },
    msdyn_msdyn_ocsession_msdyn_ocliveworkitem_lastsessionid: {
      table: 'msdyn_ocliveworkitem',
      referencingColumn: 'msdyn_lastsessionid',
    },
  },
});

/** A session record (`msdyn_ocsession`) as the Web API returns it. */
export type SessionRecord = RecordOf<typeof sessionTable>;
