import { asyncOperationStateLabels, asyncOperationStateOfStatus, asyncOperationStatusLabels } from './asyncOperation.js';
import { auditColumns } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/**
 * The Bulk Delete Operation table, `bulkdeleteoperation`: the counts of a bulk-delete job. Read
 * it by its system job: `bulkdeleteoperations?$filter=_asyncoperationid_value eq <JobId>`; the
 * row may appear a moment after `BulkDelete` returns. A recurring job parks after each run in
 * state Suspended, status Waiting, and never reaches Completed. GET and DELETE only.
 * The navigation property names are UNCONFIRMED (not in the shared reference).
 */
export const bulkDeleteOperationTable = /* @__PURE__ */ defineTable({
  logicalName: 'bulkdeleteoperation',
  entitySetName: 'bulkdeleteoperations',
  primaryKey: 'bulkdeleteoperationid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      bulkdeleteoperationid: { kind: 'uniqueidentifier' },
      name: { kind: 'string', maxLength: 256 },
      asyncoperationid: { kind: 'lookup', targets: { asyncoperation: 'asyncoperationid' } },
      statecode: { kind: 'state', options: asyncOperationStateLabels },
      statuscode: { kind: 'status', options: asyncOperationStatusLabels, states: asyncOperationStateOfStatus },
      successcount: { kind: 'integer' },
      failurecount: { kind: 'integer' },
      childrecordsdeletedcount: { kind: 'integer' },
      isrecurring: { kind: 'boolean' },
      nextrun: { kind: 'datetime' },
      processingqeindex: { kind: 'integer' },
      orderedquerysetxml: { kind: 'memo' },
    },
    auditColumns,
  ),
});

/** A bulk-delete operation record (`bulkdeleteoperation`) as the Web API returns it. */
export type BulkDeleteOperationRecord = RecordOf<typeof bulkDeleteOperationTable>;

/**
 * The Bulk Delete Failure table, `bulkdeletefailure`: one row per record a bulk-delete job could
 * not delete, with the error. Read it by operation:
 * `bulkdeletefailures?$filter=_bulkdeleteoperationid_value eq <id>`. Retrieve only. The
 * navigation property names are UNCONFIRMED.
 */
export const bulkDeleteFailureTable = /* @__PURE__ */ defineTable({
  logicalName: 'bulkdeletefailure',
  entitySetName: 'bulkdeletefailures',
  primaryKey: 'bulkdeletefailureid',
  primaryName: 'errordescription',
  columns: /* @__PURE__ */ mergeColumns(
    {
      bulkdeletefailureid: { kind: 'uniqueidentifier' },
      bulkdeleteoperationid: { kind: 'lookup', targets: { bulkdeleteoperation: 'bulkdeleteoperationid' } },
      asyncoperationid: { kind: 'lookup', targets: { asyncoperation: 'asyncoperationid' } },
      errornumber: { kind: 'integer' },
      errordescription: { kind: 'string', maxLength: 512 },
      orderedqueryindex: { kind: 'integer' },
      regardingobjectid: {
        kind: 'lookup',
        targets: {
          annotation: 'regardingobjectid_annotation',
          msdyn_transcript: 'regardingobjectid_msdyn_transcript',
          msdyn_ocliveworkitem: 'regardingobjectid_msdyn_ocliveworkitem',
        },
      },
    },
    auditColumns,
  ),
});

/** A bulk-delete failure record (`bulkdeletefailure`) as the Web API returns it. */
export type BulkDeleteFailureRecord = RecordOf<typeof bulkDeleteFailureTable>;
