import { activeInactiveColumns, auditColumns } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * The Conversation Sentiment table, `msdyn_ocliveworkitemsentiment`: machine-learned customer
 * sentiment of a conversation. The navigation property `msdyn_ocliveworkitemid` is not in the
 * shared reference; it comes from a live `EntityDefinitions` export of an org.
 */
export const conversationSentimentTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_ocliveworkitemsentiment',
  entitySetName: 'msdyn_ocliveworkitemsentiments',
  primaryKey: 'msdyn_ocliveworkitemsentimentid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_ocliveworkitemsentimentid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
      msdyn_ocliveworkitemid: { kind: 'lookup', targets: { msdyn_ocliveworkitem: 'msdyn_ocliveworkitemid' } },
      // A String(100), not an option set; its value domain is UNCONFIRMED.
      msdyn_sentimentzone: { kind: 'string', maxLength: 100 },
      msdyn_sentimentpulse: { kind: 'double' }, // 0–100
      msdyn_sentimenttransition: { kind: 'double' }, // −200…200
      msdyn_sentimentmodelversion: { kind: 'string', maxLength: 100 },
      msdyn_predictedlanguage: { kind: 'string', maxLength: 100, required: true },
    },
    activeInactiveColumns,
    auditColumns,
  ),
});

/** A conversation sentiment record (`msdyn_ocliveworkitemsentiment`) as the Web API returns it. */
export type ConversationSentimentRecord = RecordOf<typeof conversationSentimentTable>;
