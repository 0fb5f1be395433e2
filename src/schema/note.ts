import { auditColumns } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * Parents a note may have, with the navigation property to bind them
 * (`objectid_<table>@odata.bind`). The reference names the conversation and transcript ones;
 * the others follow the same pattern.
 */
const objectTargets = {
  msdyn_ocliveworkitem: 'objectid_msdyn_ocliveworkitem',
  msdyn_transcript: 'objectid_msdyn_transcript',
  msdyn_ocsession: 'objectid_msdyn_ocsession',
  account: 'objectid_account',
  contact: 'objectid_contact',
  incident: 'objectid_incident',
} as const;

/**
 * The Note table, `annotation`. A transcript is a note whose parent is a `msdyn_transcript`
 * row; each file exchanged in a conversation is a note whose parent is the conversation.
 * `documentbody` holds the file as Base64 (default limit 5 MB, `organization.maxuploadfilesize`).
 */
export const noteTable = /* @__PURE__ */ defineTable({
  logicalName: 'annotation',
  entitySetName: 'annotations',
  primaryKey: 'annotationid',
  primaryName: 'subject',
  columns: /* @__PURE__ */ mergeColumns(
    {
      annotationid: { kind: 'uniqueidentifier' },
      subject: { kind: 'string' },
      notetext: { kind: 'memo' },
      objectid: { kind: 'lookup', targets: objectTargets },
      // Logical name of the parent: filter with `objecttypecode eq 'msdyn_transcript'`.
      objecttypecode: { kind: 'entityname' },
      isdocument: { kind: 'boolean' },
      filename: { kind: 'string' },
      mimetype: { kind: 'string' },
      filesize: { kind: 'integer' },
      documentbody: { kind: 'memo' },
    },
    auditColumns,
  ),
});

/** A note record (`annotation`) as the Web API returns it. */
export type NoteRecord = RecordOf<typeof noteTable>;
