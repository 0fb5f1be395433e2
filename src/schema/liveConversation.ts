import { lifecycleColumns, workDistributionModeLabels } from './conversation.js';
import { auditColumns, channelLabels, optionLabels, sentimentLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * `statecode` of an ongoing conversation (`msdyn_liveconversation`). Unlike the
 * conversation table, each state here has exactly one status.
 */
export const LiveConversationState = /* @__PURE__ */ Object.freeze({ Open: 0, Active: 1, Waiting: 2, Closed: 3, WrapUp: 4 } as const);

/** Labels of {@link LiveConversationState}. */
export const liveConversationStateLabels = /* @__PURE__ */ optionLabels(LiveConversationState, { WrapUp: 'Wrap-up' });

/** `statuscode` of an ongoing conversation; also the values of the plain choice `msdyn_statuscode`. */
export const LiveConversationStatus = /* @__PURE__ */ Object.freeze({ Open: 1, Active: 2, Waiting: 3, Closed: 4, WrapUp: 5 } as const);

/** Labels of {@link LiveConversationStatus}. */
export const liveConversationStatusLabels = /* @__PURE__ */ optionLabels(LiveConversationStatus, { WrapUp: 'Wrap-up' });

/** The state each ongoing-conversation status belongs to. @internal */
export const liveConversationStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({
  1: 0,
  2: 1,
  3: 2,
  4: 3,
  5: 4,
});

/**
 * The Ongoing conversation table, `msdyn_liveconversation` (deprecated by the product, still
 * present in `$metadata`). How its rows relate to `msdyn_ocliveworkitem` (same id? a view?) is
 * UNCONFIRMED, so nothing here links the two.
 *
 * Navigation property names are not in the shared reference; they come from a live
 * `EntityDefinitions` export of an org (plain column names, except the customer targets).
 */
export const liveConversationTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_liveconversation',
  entitySetName: 'msdyn_liveconversations',
  primaryKey: 'msdyn_liveconversationid',
  primaryName: 'msdyn_subject',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_liveconversationid: { kind: 'uniqueidentifier' },
      msdyn_subject: { kind: 'string', maxLength: 200, required: true },
      msdyn_title: { kind: 'string', maxLength: 100 },
      msdyn_channel: { kind: 'multiselectpicklist', options: channelLabels },
      statecode: { kind: 'state', options: liveConversationStateLabels },
      statuscode: { kind: 'status', options: liveConversationStatusLabels, states: liveConversationStateOfStatus },
      msdyn_statecode: { kind: 'picklist', options: liveConversationStateLabels },
      msdyn_statuscode: { kind: 'picklist', options: liveConversationStatusLabels },
      msdyn_activeagentid: { kind: 'lookup', targets: { systemuser: 'msdyn_activeagentid' } },
      msdyn_activeagentassignedon: { kind: 'datetime' },
      msdyn_cdsqueueid: { kind: 'lookup', targets: { queue: 'msdyn_cdsqueueid' } },
      msdyn_queueid: { kind: 'lookup', targets: { msdyn_omnichannelqueue: 'msdyn_queueid' } },
      msdyn_liveworkstreamid: { kind: 'lookup', targets: { msdyn_liveworkstream: 'msdyn_liveworkstreamid' } },
      msdyn_customer: {
        kind: 'lookup',
        targets: {
          account: 'msdyn_customer_msdyn_liveconversation_account',
          contact: 'msdyn_customer_msdyn_liveconversation_contact',
        },
      },
      msdyn_customersentimentlabel: { kind: 'picklist', options: sentimentLabels },
      // A String(100) session id, not a lookup (§3.2).
      msdyn_oclastsessionid: { kind: 'string', maxLength: 100 },
      msdyn_transfercount: { kind: 'integer' },
      msdyn_escalationcount: { kind: 'integer' },
      msdyn_workstreamworkdistributionmode: { kind: 'picklist', options: workDistributionModeLabels },
    },
    lifecycleColumns,
    auditColumns,
  ),
});

/** An ongoing conversation record (`msdyn_liveconversation`) as the Web API returns it. */
export type LiveConversationRecord = RecordOf<typeof liveConversationTable>;
