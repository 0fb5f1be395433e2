import { activeInactiveColumns, auditColumns, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/** `msdyn_mode` of a session participant: how the agent takes part in the session. */
export const ParticipantMode = /* @__PURE__ */ Object.freeze({
  Primary: 192350002,
  Consult: 192350003,
  Monitor: 192350004,
  Preview: 192350005,
} as const);

/** Labels of {@link ParticipantMode}. */
export const participantModeLabels = /* @__PURE__ */ optionLabels(ParticipantMode);

/** `msdyn_externalparticipantchanneltype` of a session participant. */
export const ExternalParticipantChannelType = /* @__PURE__ */ Object.freeze({ PhoneNumber: 426120000 } as const);

/** Labels of {@link ExternalParticipantChannelType}. @internal */
export const externalParticipantChannelTypeLabels = /* @__PURE__ */ optionLabels(ExternalParticipantChannelType, {
  PhoneNumber: 'Phone Number',
});

/**
 * The Session participant table, `msdyn_sessionparticipant`: one row per agent (or external
 * party) in a session. State is plain Active/Inactive.
 *
 * Navigation property names are not in the shared reference; they come from a live
 * `EntityDefinitions` export of an org (the lookup's own name).
 */
export const sessionParticipantTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_sessionparticipant',
  entitySetName: 'msdyn_sessionparticipants',
  primaryKey: 'msdyn_sessionparticipantid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_sessionparticipantid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
      msdyn_omnichannelsession: { kind: 'lookup', targets: { msdyn_ocsession: 'msdyn_omnichannelsession' } },
      msdyn_agentid: { kind: 'lookup', targets: { systemuser: 'msdyn_agentid' } },
      msdyn_activedirectoryuserid: { kind: 'string', maxLength: 100 },
      msdyn_mode: { kind: 'picklist', options: participantModeLabels },
      msdyn_addedon: { kind: 'dateonly' },
      msdyn_joinedon: { kind: 'datetime' },
      msdyn_lefton: { kind: 'datetime' },
      msdyn_leftonreason: { kind: 'string', maxLength: 100 },
      msdyn_assignreason: { kind: 'string', maxLength: 100 },
      msdyn_externalparticipantchannel: { kind: 'string', maxLength: 100 },
      msdyn_externalparticipantchanneltype: { kind: 'picklist', options: externalParticipantChannelTypeLabels },
      msdyn_activetime: { kind: 'integer' },
      msdyn_idletime: { kind: 'integer' },
      msdyn_inactivetime: { kind: 'integer' },
      msdyn_startactivetime: { kind: 'datetime' },
      msdyn_startidletime: { kind: 'datetime' },
      msdyn_startinactivetime: { kind: 'datetime' },
      msdyn_lastupdatedon: { kind: 'datetime' },
      msdyn_modifiedon: { kind: 'dateonly' },
    },
    activeInactiveColumns,
    auditColumns,
  ),
});

/** A session participant record (`msdyn_sessionparticipant`) as the Web API returns it. */
export type SessionParticipantRecord = RecordOf<typeof sessionParticipantTable>;
