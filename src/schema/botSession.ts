import { activeInactiveColumns, auditColumns, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/*
 * Navigation property names of these tables are not in the shared reference; they come from a
 * live `EntityDefinitions` export of an org (each is the lookup's own name).
 */

/** The Bot table, `bot` (a Copilot Studio agent), reduced to what the emulator needs. */
export const botTable = /* @__PURE__ */ defineTable({
  logicalName: 'bot',
  entitySetName: 'bots',
  primaryKey: 'botid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      botid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** A bot record (`bot`) as the Web API returns it. */
export type BotRecord = RecordOf<typeof botTable>;

/** `msdyn_outcome` of a bot session (global choice `msdyn_sessionoutcome`); default `None`. */
export const BotSessionOutcome = /* @__PURE__ */ Object.freeze({
  None: 419550000,
  Resolved: 419550001,
  Escalated: 419550002,
  Abandoned: 419550003,
} as const);

/** Labels of {@link BotSessionOutcome}, as the product words them. */
export const botSessionOutcomeLabels = /* @__PURE__ */ optionLabels(BotSessionOutcome, {
  None: 'none',
  Resolved: 'resolved',
  Escalated: 'escalated',
  Abandoned: 'abandoned',
});

/**
 * `msdyn_outcomereason` of a bot session (global choice `msdyn_sessionoutcomereason`); default
 * `NoError`. `AgentTransferMaxNoEntityFound` is added by Field Service.
 */
export const BotSessionOutcomeReason = /* @__PURE__ */ Object.freeze({
  NoError: 419560000,
  UserError: 419560001,
  SystemError: 419560002,
  UserExit: 419560003,
  AgentTransferWithoutError: 419560004,
  AgentTransferRequestedByUser: 419560005,
  Resolved: 419560006,
  AgentTransferConfiguredByAuthor: 419560007,
  AgentTransferFromQuestionMaxAttempts: 419560008,
  AgentTransferMaxNoEntityFound: 419560010,
} as const);

/** Labels of {@link BotSessionOutcomeReason}, as the product words them. */
export const botSessionOutcomeReasonLabels = /* @__PURE__ */ optionLabels(BotSessionOutcomeReason, {
  NoError: 'noError',
  UserError: 'userError',
  SystemError: 'systemError',
  UserExit: 'userExit',
  AgentTransferWithoutError: 'agentTransferWithoutError',
  AgentTransferRequestedByUser: 'agentTransferRequestedByUser',
  Resolved: 'resolved',
  AgentTransferConfiguredByAuthor: 'agentTransferConfiguredByAuthor',
  AgentTransferFromQuestionMaxAttempts: 'agentTransferFromQuestionMaxAttempts',
  AgentTransferMaxNoEntityFound: 'agentTransferMaxNoEntityFound',
});

/**
 * The Bot Session table, `msdyn_botsession`: one bot's part in an Omnichannel session.
 * `msdyn_convtranscriptid` and `msdyn_mcsbotsessionid` exist in newer orgs but their types are
 * UNCONFIRMED, so they are left out.
 */
export const botSessionTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_botsession',
  entitySetName: 'msdyn_botsessions',
  primaryKey: 'msdyn_botsessionid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_botsessionid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
      msdyn_botid: { kind: 'lookup', targets: { bot: 'msdyn_botid' }, required: true },
      msdyn_sessionid: { kind: 'lookup', targets: { msdyn_ocsession: 'msdyn_sessionid' }, required: true },
      msdyn_sourcesessionid: { kind: 'string', maxLength: 500, required: true },
      msdyn_outcome: { kind: 'picklist', options: botSessionOutcomeLabels },
      msdyn_outcomereason: { kind: 'picklist', options: botSessionOutcomeReasonLabels },
      // Present in newer orgs; their option values are UNCONFIRMED, so no option set.
      msdyn_lastsessionoutcome: { kind: 'picklist' },
      msdyn_lastsessionoutcomereason: { kind: 'picklist' },
      msdyn_csatscore: { kind: 'integer' }, // 1–5
      // TimeZoneIndependent: stored and returned as UTC.
      msdyn_startedon: { kind: 'datetime' },
      msdyn_endedon: { kind: 'datetime' },
      msdyn_isengaged: { kind: 'boolean', required: true },
      msdyn_topicid: { kind: 'string', maxLength: 100 },
      msdyn_topicname: { kind: 'string', maxLength: 500 },
    },
    activeInactiveColumns,
    auditColumns,
  ),
});

/** A bot session record (`msdyn_botsession`) as the Web API returns it. */
export type BotSessionRecord = RecordOf<typeof botSessionTable>;
