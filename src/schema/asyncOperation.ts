import { auditColumns, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/** `statecode` of a system job (`asyncoperation`) and of a bulk-delete operation. */
export const AsyncOperationState = /* @__PURE__ */ Object.freeze({ Ready: 0, Suspended: 1, Locked: 2, Completed: 3 } as const);

/** Labels of {@link AsyncOperationState}. */
export const asyncOperationStateLabels = /* @__PURE__ */ optionLabels(AsyncOperationState);

/**
 * `statuscode` of a system job (`asyncoperation`). A job has finished when its state is
 * `AsyncOperationState.Completed`: Succeeded, Failed or Canceled. `Retrying` and `Paused`
 * appear on a bulk-delete operation only.
 */
export const AsyncOperationStatus = /* @__PURE__ */ Object.freeze({
  WaitingForResources: 0,
  Waiting: 10,
  Retrying: 11,
  Paused: 12,
  InProgress: 20,
  Pausing: 21,
  Canceling: 22,
  Succeeded: 30,
  Failed: 31,
  Canceled: 32,
} as const);

/** Labels of {@link AsyncOperationStatus}. */
export const asyncOperationStatusLabels = /* @__PURE__ */ optionLabels(AsyncOperationStatus, {
  WaitingForResources: 'Waiting For Resources',
  InProgress: 'In Progress',
});

/** The state each {@link AsyncOperationStatus} belongs to. @internal */
export const asyncOperationStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({
  0: 0,
  10: 1,
  11: 1,
  12: 1,
  20: 2,
  21: 2,
  22: 2,
  30: 3,
  31: 3,
  32: 3,
});

/** The statuses of `asyncoperation`: those of {@link AsyncOperationStatus} but the bulk-delete-only Retrying and Paused. */
const jobStatusLabels = /* @__PURE__ */ Object.freeze({
  0: 'Waiting For Resources',
  10: 'Waiting',
  20: 'In Progress',
  21: 'Pausing',
  22: 'Canceling',
  30: 'Succeeded',
  31: 'Failed',
  32: 'Canceled',
});

/** `operationtype` values of a system job that bulk deletion uses (the table has many more). */
export const AsyncOperationType = /* @__PURE__ */ Object.freeze({
  BulkDelete: 13,
  DeletionService: 14,
  BulkDeleteSubprocess: 23,
  BulkDeleteFileAttachment: 94,
} as const);

/**
 * The System Job table, `asyncoperation`: the background job a `BulkDelete` submits (its
 * `JobId` is the `asyncoperationid`). Only `statecode`, `statuscode` and `postponeuntil` may be
 * updated, and only through the documented transitions (cancel: state Completed, status
 * Canceled).
 */
export const asyncOperationTable = /* @__PURE__ */ defineTable({
  logicalName: 'asyncoperation',
  entitySetName: 'asyncoperations',
  primaryKey: 'asyncoperationid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      asyncoperationid: { kind: 'uniqueidentifier' },
      name: { kind: 'string', maxLength: 256 },
      operationtype: { kind: 'picklist', options: /* @__PURE__ */ optionLabels(AsyncOperationType) },
      messagename: { kind: 'string' },
      statecode: { kind: 'state', options: asyncOperationStateLabels },
      statuscode: { kind: 'status', options: jobStatusLabels, states: asyncOperationStateOfStatus },
      message: { kind: 'memo', maxLength: 100_000 },
      friendlymessage: { kind: 'memo', maxLength: 100_000 },
      errorcode: { kind: 'integer' },
      startedon: { kind: 'datetime' },
      completedon: { kind: 'datetime' },
      postponeuntil: { kind: 'datetime' },
      recurrencepattern: { kind: 'string', maxLength: 256 },
      recurrencestarttime: { kind: 'datetime' },
      executiontimespan: { kind: 'double' },
      retrycount: { kind: 'integer' },
    },
    auditColumns,
  ),
});

/** A system job record (`asyncoperation`) as the Web API returns it. */
export type AsyncOperationRecord = RecordOf<typeof asyncOperationTable>;
