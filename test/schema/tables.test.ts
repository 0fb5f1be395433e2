import { describe, it, expect, expectTypeOf } from 'vitest';
import {
  BotSessionOutcome,
  BotSessionOutcomeReason,
  Channel,
  ParticipantMode,
  SessionClosureReason,
  botSessionTable,
  channelLabels,
  conversationTable,
  liveConversationTable,
  noteTable,
  sessionParticipantTable,
  sessionTable,
  tableByLogicalName,
  tableBySetName,
  tables,
  transcriptTable,
  webApiName,
  type RecordOf,
  type SessionRecord,
  type TableDef,
} from '../../src/index.js';
import { conversationStateOfStatus } from '../../src/schema/conversation.js';
import { incidentStateOfStatus } from '../../src/schema/core.js';
import { liveConversationStateOfStatus } from '../../src/schema/liveConversation.js';
import { sessionStateOfStatus } from '../../src/schema/session.js';

const all: readonly TableDef[] = Object.values(tables);

/** Lookup targets allowed to point outside the registry. Keep empty. */
const missingTargetsAllowed: readonly string[] = [];

/** Choice columns whose values the reference does not document. */
const choicesWithoutOptions = new Set([
  'msdyn_ocsession.msdyn_queueassignedreason',
  'msdyn_ocsession.msdyn_sessioncreationreason',
  'msdyn_botsession.msdyn_lastsessionoutcome',
  'msdyn_botsession.msdyn_lastsessionoutcomereason',
]);

const choiceKinds = new Set(['picklist', 'multiselectpicklist', 'state', 'status']);

function columnsOf(table: TableDef) {
  return Object.entries(table.columns).map(([name, column]) => ({ name, column, id: `${table.logicalName}.${name}` }));
}

describe('registry', () => {
  it('keys every table by its logical name', () => {
    for (const [key, table] of Object.entries(tables)) expect(table.logicalName).toBe(key);
    expect(all.length).toBe(24);
  });

  it('includes the conversation table', () => {
    expect(tables.msdyn_ocliveworkitem).toBe(conversationTable);
  });

  it('finds tables by logical name and by set name', () => {
    for (const table of all) {
      expect(tableByLogicalName(table.logicalName)).toBe(table);
      expect(tableBySetName(table.entitySetName)).toBe(table);
    }
    expect(tableBySetName('msdyn_ocsessions')).toBe(sessionTable);
    expect(tableByLogicalName('msdyn_ocsession')).toBe(sessionTable);
  });

  it('returns undefined for unknown names, including Object.prototype keys', () => {
    for (const name of ['nope', 'constructor', 'toString', '__proto__', 'hasOwnProperty', '']) {
      expect(tableByLogicalName(name)).toBeUndefined();
      expect(tableBySetName(name)).toBeUndefined();
    }
    // A logical name is not a set name and vice versa.
    expect(tableBySetName('msdyn_ocsession')).toBeUndefined();
    expect(tableByLogicalName('msdyn_ocsessions')).toBeUndefined();
  });

  it('has unique entity set names, distinct from every logical name', () => {
    const setNames = all.map((t) => t.entitySetName);
    expect(new Set(setNames).size).toBe(setNames.length);
    const logicalNames = new Set(all.map((t) => t.logicalName));
    for (const setName of setNames) expect(logicalNames.has(setName)).toBe(false);
  });

  it('uses the documented set names of the platform tables', () => {
    expect(
      ['systemuser', 'team', 'account', 'contact', 'incident', 'msdyn_liveworkstream', 'queue', 'msdyn_omnichannelqueue'].map(
        (name) => tableByLogicalName(name)?.entitySetName,
      ),
    ).toEqual(['systemusers', 'teams', 'accounts', 'contacts', 'incidents', 'msdyn_liveworkstreams', 'queues', 'msdyn_omnichannelqueues']);
  });
});

describe.each(all.map((table) => [table.logicalName, table] as const))('table %s', (_name, table) => {
  it('has its primary key and primary name among its columns', () => {
    expect(table.columns[table.primaryKey]?.kind).toBe('uniqueidentifier');
    expect(table.columns[table.primaryName]).toBeDefined();
    expect(table.columns[table.primaryName]?.kind).toMatch(/^(string|memo)$/);
  });

  it('has read-only createdon and modifiedon', () => {
    expect(table.columns.createdon).toEqual({ kind: 'datetime', readOnly: true });
    expect(table.columns.modifiedon).toEqual({ kind: 'datetime', readOnly: true });
  });

  it('pairs statecode with statuscode', () => {
    const state = table.columns.statecode;
    const status = table.columns.statuscode;
    expect(state === undefined).toBe(status === undefined);
    if (state && status) {
      expect(state.kind).toBe('state');
      expect(status.kind).toBe('status');
      expect(Object.keys(state.options ?? {}).length).toBeGreaterThan(1);
      expect(Object.keys(status.options ?? {}).length).toBeGreaterThanOrEqual(Object.keys(state.options ?? {}).length);
    }
  });

  it('puts each column property only on the kinds it belongs to', () => {
    for (const { column, id } of columnsOf(table)) {
      if (column.targets) expect(column.kind, id).toBe('lookup');
      if (column.options) expect(choiceKinds.has(column.kind), id).toBe(true);
      if (column.maxLength !== undefined) {
        expect(column.kind, id).toMatch(/^(string|memo)$/);
        expect(column.maxLength, id).toBeGreaterThan(0);
      }
      if (choiceKinds.has(column.kind) && !choicesWithoutOptions.has(id)) {
        expect(Object.keys(column.options ?? {}).length, id).toBeGreaterThan(0);
      }
      for (const [value, label] of Object.entries(column.options ?? {})) {
        expect(Number.isInteger(Number(value)), id).toBe(true);
        expect(label, id).not.toBe('');
      }
    }
  });

  it('gives every lookup at least one target in the registry, each with a navigation property', () => {
    const navProps: string[] = [];
    for (const { column, id } of columnsOf(table)) {
      if (column.kind !== 'lookup') continue;
      const targets = Object.entries(column.targets ?? {});
      expect(targets.length, id).toBeGreaterThan(0);
      for (const [target, navProp] of targets) {
        if (!missingTargetsAllowed.includes(target)) {
          expect(tableByLogicalName(target), `${id} → ${target}`).toBeDefined();
        }
        expect(navProp, `${id} → ${target}`).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        navProps.push(navProp);
      }
    }
    // Single-valued navigation properties of one table are distinct from each other.
    expect(new Set(navProps).size).toBe(navProps.length);
  });

  it('points every collection at a child lookup that targets this table', () => {
    for (const [name, collection] of Object.entries(table.collections ?? {})) {
      const child = tableByLogicalName(collection.table);
      expect(child, name).toBeDefined();
      const column = child?.columns[collection.referencingColumn];
      expect(column?.kind, `${name}: ${collection.table}.${collection.referencingColumn}`).toBe('lookup');
      expect(Object.keys(column?.targets ?? {}), name).toContain(table.logicalName);
      expect(table.columns[name], `${name} collides with a column`).toBeUndefined();
    }
  });

  it('maps lookups to _x_value in the Web API and leaves other columns alone', () => {
    for (const { name, column } of columnsOf(table)) {
      expect(webApiName(table, name)).toBe(column.kind === 'lookup' ? `_${name}_value` : name);
    }
  });
});

describe('webApiName', () => {
  it('leaves unknown columns alone', () => {
    expect(webApiName(sessionTable, 'nope')).toBe('nope');
  });

  it('names the reference examples', () => {
    expect(webApiName(transcriptTable, 'msdyn_liveworkitemidid')).toBe('_msdyn_liveworkitemidid_value');
    expect(webApiName(sessionTable, 'msdyn_liveworkitemid')).toBe('_msdyn_liveworkitemid_value');
    expect(webApiName(sessionParticipantTable, 'msdyn_omnichannelsession')).toBe('_msdyn_omnichannelsession_value');
    expect(webApiName(noteTable, 'objectid')).toBe('_objectid_value');
    expect(webApiName(noteTable, 'objecttypecode')).toBe('objecttypecode');
  });
});

describe('state of status maps', () => {
  it.each([
    ['msdyn_ocliveworkitem', conversationStateOfStatus],
    ['msdyn_liveconversation', liveConversationStateOfStatus],
    ['msdyn_ocsession', sessionStateOfStatus],
    ['incident', incidentStateOfStatus],
  ] as const)('%s covers every status with a real state', (name, stateOfStatus) => {
    const table = tableByLogicalName(name);
    const statuses = Object.keys(table?.columns.statuscode?.options ?? {});
    expect(Object.keys(stateOfStatus).sort()).toEqual(statuses.sort());
    for (const state of Object.values(stateOfStatus)) expect(table?.columns.statecode?.options?.[state]).toBeDefined();
  });
});

describe('facts from the reference', () => {
  it('links transcripts to conversations through msdyn_liveworkitemidid', () => {
    expect(transcriptTable.columns.msdyn_liveworkitemidid.kind).toBe('lookup');
    expect(Object.keys(transcriptTable.columns.msdyn_liveworkitemidid.targets)).toEqual(['msdyn_ocliveworkitem']);
    expect('msdyn_liveworkitemid' in transcriptTable.columns).toBe(false);
    expect(conversationTable.collections.msdyn_msdyn_ocliveworkitem_msdyn_transcript.referencingColumn).toBe('msdyn_liveworkitemidid');
  });

  it('makes the session channel a single choice and the conversation channel a multi-select', () => {
    expect(sessionTable.columns.msdyn_channel.kind).toBe('picklist');
    expect(conversationTable.columns.msdyn_channel.kind).toBe('multiselectpicklist');
    expect(liveConversationTable.columns.msdyn_channel.kind).toBe('multiselectpicklist');
    expect(sessionTable.columns.msdyn_channel.options).toBe(channelLabels);
    expect(tables.msdyn_liveworkstream.columns.msdyn_streamsource).toEqual({ kind: 'picklist', options: channelLabels });
    expect(channelLabels[Channel.LiveChat]).toBe('Live chat');
  });

  it('keys sessions and conversations by activityid', () => {
    expect(sessionTable.primaryKey).toBe('activityid');
    expect(sessionTable.primaryName).toBe('subject');
    expect(sessionTable.columns.msdyn_sessionid).toEqual({ kind: 'string', maxLength: 100 });
    expect(sessionTable.columns.msdyn_liveworkitemid.targets).toEqual({
      msdyn_ocliveworkitem: 'msdyn_liveworkitemid_msdyn_ocsession',
    });
  });

  it('has the session closure reasons 192350000…192350031', () => {
    const values = Object.values(SessionClosureReason).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 32 }, (_, i) => 192350000 + i));
    expect(SessionClosureReason.AutoClose).toBe(192350018);
    expect(sessionTable.columns.msdyn_closurereason.options[192350006]).toBe('AgentTransfered');
  });

  it('has the participant modes', () => {
    expect(ParticipantMode).toEqual({ Primary: 192350002, Consult: 192350003, Monitor: 192350004, Preview: 192350005 });
    expect(sessionParticipantTable.columns.msdyn_mode.options).toEqual({
      192350002: 'Primary',
      192350003: 'Consult',
      192350004: 'Monitor',
      192350005: 'Preview',
    });
    expect(sessionParticipantTable.columns.msdyn_addedon.kind).toBe('dateonly');
    expect(sessionParticipantTable.columns.msdyn_joinedon.kind).toBe('datetime');
  });

  it('has the bot session outcomes and reasons', () => {
    expect(BotSessionOutcome).toEqual({ None: 419550000, Resolved: 419550001, Escalated: 419550002, Abandoned: 419550003 });
    expect(BotSessionOutcomeReason.NoError).toBe(419560000);
    expect(BotSessionOutcomeReason.AgentTransferFromQuestionMaxAttempts).toBe(419560008);
    expect(botSessionTable.columns.msdyn_outcome.options[419550002]).toBe('escalated');
    expect(botSessionTable.columns.msdyn_startedon.kind).toBe('datetime');
    expect(botSessionTable.columns.msdyn_endedon.kind).toBe('datetime');
    expect(botSessionTable.columns.msdyn_sessionid.targets).toEqual({ msdyn_ocsession: 'msdyn_sessionid' });
  });

  it('gives the ongoing conversation its own five states and a string last-session id', () => {
    expect(liveConversationTable.columns.statecode.options).toEqual({
      0: 'Open',
      1: 'Active',
      2: 'Waiting',
      3: 'Closed',
      4: 'Wrap-up',
    });
    expect(liveConversationTable.columns.msdyn_oclastsessionid).toEqual({ kind: 'string', maxLength: 100 });
    expect(liveConversationTable.primaryName).toBe('msdyn_subject');
  });

  it('lets a note hang off conversations, transcripts and sessions', () => {
    const { objectid, objecttypecode, documentbody, filesize, isdocument } = noteTable.columns;
    expect(objectid.targets).toMatchObject({
      msdyn_ocliveworkitem: 'objectid_msdyn_ocliveworkitem',
      msdyn_transcript: 'objectid_msdyn_transcript',
      msdyn_ocsession: 'objectid_msdyn_ocsession',
    });
    for (const [target, navProp] of Object.entries(objectid.targets)) expect(navProp).toBe(`objectid_${target}`);
    expect([objecttypecode.kind, documentbody.kind, filesize.kind, isdocument.kind]).toEqual(['entityname', 'memo', 'integer', 'boolean']);
  });
});

describe('record types', () => {
  it('reads session lookups as _x_value', () => {
    expectTypeOf<RecordOf<typeof sessionTable>>().toHaveProperty('_msdyn_liveworkitemid_value');
    expectTypeOf<SessionRecord['_msdyn_liveworkitemid_value']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<RecordOf<typeof sessionTable>>().not.toHaveProperty('msdyn_liveworkitemid');
    expectTypeOf<SessionRecord['msdyn_channel']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<RecordOf<typeof transcriptTable>>().toHaveProperty('_msdyn_liveworkitemidid_value');
  });
});
