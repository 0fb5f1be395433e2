import { activeInactiveColumns, auditColumns, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/*
 * Navigation property names of these tables are not in the shared reference; they come from a
 * live `EntityDefinitions` export of an org (each is the lookup's own name).
 */

/** The Characteristic table, `characteristic` (a skill), reduced to what the emulator needs. */
export const characteristicTable = /* @__PURE__ */ defineTable({
  logicalName: 'characteristic',
  entitySetName: 'characteristics',
  primaryKey: 'characteristicid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      characteristicid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** A characteristic record (`characteristic`) as the Web API returns it. */
export type CharacteristicRecord = RecordOf<typeof characteristicTable>;

/**
 * The Rating value table, `ratingvalue` (a skill's proficiency), reduced to what the emulator
 * needs. Not named as a table in the reference; kept because `msdyn_ratingvalue` points at it.
 */
export const ratingValueTable = /* @__PURE__ */ defineTable({
  logicalName: 'ratingvalue',
  entitySetName: 'ratingvalues',
  primaryKey: 'ratingvalueid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      ratingvalueid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** A rating value record (`ratingvalue`) as the Web API returns it. */
export type RatingValueRecord = RecordOf<typeof ratingValueTable>;

/** `msdyn_characteristicsource` of a conversation characteristic: how the skill was attached. */
export const CharacteristicSource = /* @__PURE__ */ Object.freeze({ RuleBased: 321240000, MLBased: 321240001, Manual: 321240002 } as const);

/** Labels of {@link CharacteristicSource}. */
export const characteristicSourceLabels = /* @__PURE__ */ optionLabels(CharacteristicSource, {
  RuleBased: 'Rule Based',
  MLBased: 'ML Based',
});

/** `msdyn_status` of a conversation characteristic. */
export const CharacteristicStatus = /* @__PURE__ */ Object.freeze({ Active: 192350000, Deleted: 192350001 } as const);

/** Labels of {@link CharacteristicStatus}. */
export const characteristicStatusLabels = /* @__PURE__ */ optionLabels(CharacteristicStatus);

/**
 * The Conversation Characteristic table, `msdyn_ocliveworkitemcharacteristic`: a skill attached
 * to a conversation. `msdyn_mlmodelid` (lookup to `msdyn_aimodel`) is left out: the AI model
 * table is outside what the SDK and the emulator model.
 */
export const conversationCharacteristicTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_ocliveworkitemcharacteristic',
  entitySetName: 'msdyn_ocliveworkitemcharacteristics',
  primaryKey: 'msdyn_ocliveworkitemcharacteristicid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_ocliveworkitemcharacteristicid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
      msdyn_ocliveworkitemid: {
        kind: 'lookup',
        targets: { msdyn_ocliveworkitem: 'msdyn_ocliveworkitemid' },
        required: true,
      },
      msdyn_characteristic: { kind: 'lookup', targets: { characteristic: 'msdyn_characteristic' }, required: true },
      msdyn_ratingvalue: { kind: 'lookup', targets: { ratingvalue: 'msdyn_ratingvalue' } },
      msdyn_characteristicsource: { kind: 'picklist', options: characteristicSourceLabels },
      msdyn_confidence: { kind: 'double' },
      msdyn_skilladdedby: { kind: 'lookup', targets: { systemuser: 'msdyn_skilladdedby' } },
      msdyn_status: { kind: 'picklist', options: characteristicStatusLabels },
      msdyn_createdon: { kind: 'datetime' },
      msdyn_modifiedon: { kind: 'datetime' },
    },
    activeInactiveColumns,
    auditColumns,
  ),
});

/** A conversation characteristic record (`msdyn_ocliveworkitemcharacteristic`) as the Web API returns it. */
export type ConversationCharacteristicRecord = RecordOf<typeof conversationCharacteristicTable>;

/**
 * The Session Characteristic table, `msdyn_ocsessioncharacteristic`: a conversation
 * characteristic as it applies to one session.
 */
export const sessionCharacteristicTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_ocsessioncharacteristic',
  entitySetName: 'msdyn_ocsessioncharacteristics',
  primaryKey: 'msdyn_ocsessioncharacteristicid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_ocsessioncharacteristicid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string', maxLength: 100 },
      msdyn_ocsession: { kind: 'lookup', targets: { msdyn_ocsession: 'msdyn_ocsession' }, required: true },
      msdyn_ocliveworkitemcharacteristic: {
        kind: 'lookup',
        targets: { msdyn_ocliveworkitemcharacteristic: 'msdyn_ocliveworkitemcharacteristic' },
        required: true,
      },
    },
    activeInactiveColumns,
    auditColumns,
  ),
});

/** A session characteristic record (`msdyn_ocsessioncharacteristic`) as the Web API returns it. */
export type SessionCharacteristicRecord = RecordOf<typeof sessionCharacteristicTable>;
