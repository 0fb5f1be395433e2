import { asyncOperationTable } from './asyncOperation.js';
import { botSessionTable, botTable } from './botSession.js';
import { bulkDeleteFailureTable, bulkDeleteOperationTable } from './bulkDelete.js';
import { characteristicTable, conversationCharacteristicTable, ratingValueTable, sessionCharacteristicTable } from './characteristics.js';
import { conversationTable } from './conversation.js';
import {
  accountTable,
  contactTable,
  incidentTable,
  omnichannelQueueTable,
  queueTable,
  systemUserTable,
  teamTable,
  workstreamTable,
} from './core.js';
import { liveConversationTable } from './liveConversation.js';
import { noteTable } from './note.js';
import { conversationSentimentTable } from './sentiment.js';
import { sessionTable } from './session.js';
import { sessionParticipantTable } from './sessionParticipant.js';
import type { TableDef } from './table.js';
import { transcriptTable } from './transcript.js';

/** Every table the SDK knows, keyed by logical name. */
export const tables = /* @__PURE__ */ Object.freeze({
  msdyn_ocliveworkitem: conversationTable,
  msdyn_liveconversation: liveConversationTable,
  msdyn_ocsession: sessionTable,
  msdyn_sessionparticipant: sessionParticipantTable,
  msdyn_ocsessioncharacteristic: sessionCharacteristicTable,
  msdyn_ocliveworkitemcharacteristic: conversationCharacteristicTable,
  characteristic: characteristicTable,
  ratingvalue: ratingValueTable,
  msdyn_ocliveworkitemsentiment: conversationSentimentTable,
  msdyn_transcript: transcriptTable,
  msdyn_botsession: botSessionTable,
  bot: botTable,
  annotation: noteTable,
  systemuser: systemUserTable,
  team: teamTable,
  account: accountTable,
  contact: contactTable,
  incident: incidentTable,
  msdyn_liveworkstream: workstreamTable,
  queue: queueTable,
  msdyn_omnichannelqueue: omnichannelQueueTable,
  asyncoperation: asyncOperationTable,
  bulkdeleteoperation: bulkDeleteOperationTable,
  bulkdeletefailure: bulkDeleteFailureTable,
} as const satisfies Readonly<Record<string, TableDef>>);

/** Logical names of the tables in {@link tables}. */
export type TableName = keyof typeof tables;

/** The table with this logical name, or `undefined` when the SDK does not know it. */
export function tableByLogicalName(name: string): TableDef | undefined {
  return Object.prototype.hasOwnProperty.call(tables, name) ? tables[name as TableName] : undefined;
}

/** The table with this Web API entity set name (e.g. `msdyn_ocsessions`), or `undefined`. */
export function tableBySetName(setName: string): TableDef | undefined {
  for (const table of Object.values(tables) as TableDef[]) if (table.entitySetName === setName) return table;
  return undefined;
}
