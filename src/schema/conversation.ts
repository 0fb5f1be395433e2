import { auditColumns, type Channel, channelLabels, optionLabels, sentimentLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * `statecode` of a conversation (`msdyn_ocliveworkitem`). State 4 (Wrap-up) is deprecated:
 * a conversation in wrap-up is state `ConversationState.Open` with status
 * `ConversationStatus.WrapUp`.
 */
export const ConversationState = /* @__PURE__ */ Object.freeze({
  Open: 0,
  Closed: 1,
  Resolved: 2,
  Scheduled: 3,
  WrapUpDeprecated: 4,
} as const);

/** Labels of {@link ConversationState}. */
export const conversationStateLabels = /* @__PURE__ */ optionLabels(ConversationState, { WrapUpDeprecated: 'Wrap-up (Deprecated)' });

/**
 * `statuscode` of a conversation: the values `getConversations` filters with `status`.
 * Open, Active, Waiting and Wrap-up belong to state Open; Closed to state Closed.
 */
export const ConversationStatus = /* @__PURE__ */ Object.freeze({
  Open: 1,
  Active: 2,
  Waiting: 3,
  Closed: 4,
  WrapUp: 5,
  Resolved: 6,
  Scheduled: 7,
} as const);

/** Labels of {@link ConversationStatus}. */
export const conversationStatusLabels = /* @__PURE__ */ optionLabels(ConversationStatus, { WrapUp: 'Wrap-up' });

/** The state each conversation status belongs to. @internal */
export const conversationStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({
  1: 0,
  2: 0,
  3: 0,
  5: 0,
  4: 1,
  6: 2,
  7: 3,
});

/** `msdyn_statuschangereason` of a conversation: why its status last changed. */
export const StatusChangeReason = /* @__PURE__ */ Object.freeze({
  AwaitingAgentAssignment: 192350001,
  AwaitingAgentAcceptance: 192350002,
  InConversation: 192350003,
  AwaitingCustomerResponse: 192350004,
  AgentMovedToWrapUp: 192350005,
  CustomerDisconnectedOrLeftActiveConversation: 192350006,
  CustomerMovedToWrapUp: 192350007,
  ConversationEndedByAgent: 192350008,
  AutoClosedFromWaitingState: 192350009,
  AutoClosedBySystem: 192350010,
  ClosedDueToOverflow: 192350011,
  CustomerDisconnectedOrLeftOpenConversation: 192350012,
  ConversationEndedByBot: 192350013,
  ClosedDueToFailure: 192350014,
  ForceClosedBySupervisor: 192350015,
  ClosedInDataverseDirectlyByAdmin: 192350016,
  AssignedBySupervisor: 192350017,
} as const);

/** `msdyn_workstreamworkdistributionmode`. */
export const WorkDistributionMode = /* @__PURE__ */ Object.freeze({ Push: 192350000, Pick: 192350001 } as const);

/** Labels of {@link WorkDistributionMode}. @internal */
export const workDistributionModeLabels = /* @__PURE__ */ optionLabels(WorkDistributionMode);

/**
 * The lifecycle timestamps a conversation and an ongoing conversation share.
 * @internal
 */
export const lifecycleColumns = {
  msdyn_createdon: { kind: 'datetime' },
  msdyn_startedon: { kind: 'datetime' },
  msdyn_initiatedon: { kind: 'datetime' },
  msdyn_closedon: { kind: 'datetime' },
  msdyn_modifiedon: { kind: 'datetime' },
  msdyn_statusupdatedon: { kind: 'datetime' },
} as const;

/** Activity regarding targets of a conversation and their navigation properties. */
const regardingTargets = {
  account: 'regardingobjectid_account_msdyn_ocliveworkitem',
  contact: 'regardingobjectid_contact_msdyn_ocliveworkitem',
  incident: 'regardingobjectid_incident_msdyn_ocliveworkitem',
} as const;

/**
 * The Conversation table, `msdyn_ocliveworkitem` (an activity: primary key `activityid`;
 * `msdyn_ocliveworkitemid` is a separate string column).
 */
export const conversationTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_ocliveworkitem',
  entitySetName: 'msdyn_ocliveworkitems',
  primaryKey: 'activityid',
  primaryName: 'subject',
  columns: /* @__PURE__ */ mergeColumns(
    {
      activityid: { kind: 'uniqueidentifier' },
      msdyn_ocliveworkitemid: { kind: 'string', maxLength: 100 },
      subject: { kind: 'string', maxLength: 200, required: true },
      msdyn_title: { kind: 'string', maxLength: 4000 },
      description: { kind: 'memo', maxLength: 2000 },
      msdyn_channel: { kind: 'multiselectpicklist', options: channelLabels },
      statecode: { kind: 'state', options: conversationStateLabels },
      statuscode: { kind: 'status', options: conversationStatusLabels, states: conversationStateOfStatus },
      msdyn_statuschangereason: { kind: 'picklist', options: /* @__PURE__ */ optionLabels(StatusChangeReason) },
      msdyn_statereason: { kind: 'string', maxLength: 4000 },
      prioritycode: { kind: 'picklist', options: { 0: 'Low', 1: 'Normal', 2: 'High' } },
      msdyn_activeagentid: { kind: 'lookup', targets: { systemuser: 'msdyn_activeagentid_msdyn_ocliveworkitem' } },
      msdyn_activeagentassignedon: { kind: 'datetime' },
      msdyn_activesessionparticipantid: {
        kind: 'lookup',
        targets: { msdyn_sessionparticipant: 'msdyn_activesessionparticipantid' },
      },
      msdyn_liveworkstreamid: {
        kind: 'lookup',
        targets: { msdyn_liveworkstream: 'msdyn_liveworkstreamid_msdyn_ocliveworkitem' },
      },
      msdyn_lastsessionid: { kind: 'lookup', targets: { msdyn_ocsession: 'msdyn_lastsessionid_msdyn_ocliveworkitem' } },
      msdyn_cdsqueueid: { kind: 'lookup', targets: { queue: 'msdyn_cdsqueueid_msdyn_ocliveworkitem' } },
      msdyn_customer: {
        kind: 'lookup',
        targets: {
          account: 'msdyn_customer_msdyn_ocliveworkitem_account',
          contact: 'msdyn_customer_msdyn_ocliveworkitem_contact',
        },
      },
      msdyn_issueid: { kind: 'lookup', targets: { incident: 'msdyn_IssueId_msdyn_ocliveworkitem' } },
      regardingobjectid: { kind: 'lookup', targets: regardingTargets },
      ownerid: {
        kind: 'lookup',
        targets: { systemuser: 'ownerid_msdyn_ocliveworkitem', team: 'ownerid_msdyn_ocliveworkitem_team' },
      },
      msdyn_isoutbound: { kind: 'boolean' },
      msdyn_isabandoned: { kind: 'boolean' },
      msdyn_isagentaccepted: { kind: 'boolean' },
      msdyn_isagentsession: { kind: 'boolean' },
      msdyn_customerlocale: { kind: 'string', maxLength: 100 },
      msdyn_customersentimentlabel: { kind: 'picklist', options: sentimentLabels },
      msdyn_urcustomersentimentlabel: { kind: 'picklist', options: sentimentLabels },
      msdyn_urcustomersentimentscore: { kind: 'integer' },
      msdyn_workstreamworkdistributionmode: { kind: 'picklist', options: workDistributionModeLabels },
    },
    lifecycleColumns,
    {
      msdyn_firstwaitstartedon: { kind: 'datetime' },
      msdyn_wrapupinitiatedon: { kind: 'datetime' },
      msdyn_transfercount: { kind: 'integer' },
      msdyn_escalationcount: { kind: 'integer' },
      msdyn_conversationfirstwaittimeinseconds: { kind: 'integer' },
      msdyn_conversationhandletimeinseconds: { kind: 'integer' },
    },
    auditColumns,
  ),
  collections: {
    msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid: {
      table: 'msdyn_ocsession',
      referencingColumn: 'msdyn_liveworkitemid',
    },
    msdyn_msdyn_ocliveworkitem_msdyn_transcript: { table: 'msdyn_transcript', referencingColumn: 'msdyn_liveworkitemidid' },
    msdyn_ocliveworkitem_Annotations: { table: 'annotation', referencingColumn: 'objectid' },
    msdyn_msdyn_ocliveworkitem_msdyn_ocliveworkitemcharacteristic_ocliveworkitemid: {
      table: 'msdyn_ocliveworkitemcharacteristic',
      referencingColumn: 'msdyn_ocliveworkitemid',
    },
    msdyn_msdyn_ocliveworkitem_msdyn_ocliveworkitemsentiment_ocliveworkitemid: {
      table: 'msdyn_ocliveworkitemsentiment',
      referencingColumn: 'msdyn_ocliveworkitemid',
    },
  },
});

/** A conversation record (`msdyn_ocliveworkitem`) as the Web API returns it. */
export type ConversationRecord = RecordOf<typeof conversationTable>;

/** Channel values as a type. */
export type ChannelValue = (typeof Channel)[keyof typeof Channel];
