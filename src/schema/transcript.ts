import { activeInactiveColumns, auditColumns } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * The Transcript table, `msdyn_transcript`. The transcript content itself is an annotation
 * (note) whose parent is the transcript row: Base64 of JSON in `documentbody`.
 *
 * The conversation lookup is `msdyn_liveworkitemidid` (double "id"; read as
 * `_msdyn_liveworkitemidid_value`), not `msdyn_liveworkitemid`. Its navigation property
 * `msdyn_LiveWorkItemIdId` (mixed case) is not in the shared reference; it comes from a live
 * `EntityDefinitions` export of an org.
 */
export const transcriptTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_transcript',
  entitySetName: 'msdyn_transcripts',
  primaryKey: 'msdyn_transcriptid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_transcriptid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string', maxLength: 100, required: true },
      msdyn_liveworkitemidid: { kind: 'lookup', targets: { msdyn_ocliveworkitem: 'msdyn_LiveWorkItemIdId' } },
    },
    activeInactiveColumns,
    auditColumns,
  ),
  collections: {
    msdyn_transcript_Annotations: { table: 'annotation', referencingColumn: 'objectid' },
  },
});

/** A transcript record (`msdyn_transcript`) as the Web API returns it. */
export type TranscriptRecord = RecordOf<typeof transcriptTable>;
