/**
 * One step of a bulk-delete job, as Dataverse runs one: start (the system job In Progress, its
 * `bulkdeleteoperation` row created), then pages of deletions (only records created before the
 * run started), then completion (Succeeded) or, for a recurring job, a park until the next run
 * (Suspended, Waiting). A cancel (the system job set to Completed, Canceled) stops it. There is
 * no rollback: what a step deleted stays deleted.
 */
import { dateTime } from '../columnValues.js';
import { compileQueryExpression, selectRows } from '../queryExpression/index.js';
import type { Store, StoredRow } from '../store.js';
import { nextRun } from './recurrence.js';
import type { BulkDeleteSubmission, JobSettings } from './types.js';

/** Dataverse's error number for a record a bulk delete could not delete (a generic failure). */
const deleteFailedErrorNumber = -2147220891;

/** The tables `bulkdeletefailure.regardingobjectid` points at in the SDK's schema. */
const regardingTables = new Set(['annotation', 'msdyn_transcript', 'msdyn_ocliveworkitem']);

/** A submitted job and where it is. @internal */
export interface BulkDeleteJob extends BulkDeleteSubmission {
  id: string;
  /** waiting: not started; running: deleting; parked: recurring, between runs; done. */
  phase: 'waiting' | 'running' | 'parked' | 'done';
  /** When a waiting or parked job (re)starts, epoch ms. */
  nextRunAt: number;
  /** The `bulkdeleteoperation` row, once the job started. */
  operationId?: string;
  /** When the current run started: it deletes records created up to then only. */
  runStartedAt?: number;
  /** Records that failed in this run (`table:id`), never tried again in it. */
  failed: Set<string>;
  /** The query of the set being worked through (`processingqeindex`). */
  queryIndex: number;
}

/** Advances one job by one step. @internal */
export function advanceBulkDelete(store: Store, job: BulkDeleteJob, now: number, jobs: JobSettings): void {
  if (job.phase === 'done') return;
  const system = store.find('asyncoperation', job.id);
  if (!system) {
    job.phase = 'done'; // the system job was deleted: nothing runs it
    return;
  }
  if (system.statecode === 3) {
    finish(store, job, now, 'canceled');
    return;
  }
  if (job.phase === 'waiting' || job.phase === 'parked') {
    if (job.nextRunAt <= now) start(store, job, now);
    return;
  }
  let compiled;
  try {
    compiled = job.querySet.map((query) => compileQueryExpression(query, now));
  } catch (error) {
    finish(store, job, now, 'failed', (error as Error).message);
    return;
  }
  let budget = Math.max(1, Math.floor(jobs.batchSize));
  let deleted = 0;
  let failures = 0;
  while (budget > 0 && job.queryIndex < compiled.length) {
    const query = compiled[job.queryIndex]!;
    const { logicalName, primaryKey } = query.table;
    const candidates = selectRows(store, query).filter((row) => isCandidate(row, logicalName, primaryKey, job));
    const taken = candidates.slice(0, budget);
    for (const row of taken) {
      const record = { table: logicalName, id: String(row[primaryKey]) };
      const failure = jobs.failWhen?.(record);
      if (failure === undefined) {
        store.delete(record.table, record.id);
        deleted++;
        continue;
      }
      job.failed.add(`${record.table}:${record.id}`);
      failures++;
      store.create('bulkdeletefailure', {
        bulkdeleteoperationid: job.operationId,
        asyncoperationid: job.id,
        errornumber: deleteFailedErrorNumber,
        errordescription: failure.slice(0, 512),
        orderedqueryindex: job.queryIndex,
        // The failure table's lookup reaches the tables the schema lists; another table's record is named in the description only.
        regardingobjectid: regardingTables.has(record.table) ? record : null,
      });
    }
    budget -= taken.length;
    // Every candidate of this query handled: the next step (or the rest of this one) works on the next query.
    if (taken.length === candidates.length) job.queryIndex++;
  }
  const operation = store.find('bulkdeleteoperation', job.operationId!)!;
  store.update('bulkdeleteoperation', job.operationId!, {
    successcount: Number(operation.successcount ?? 0) + deleted,
    failurecount: Number(operation.failurecount ?? 0) + failures,
    processingqeindex: Math.min(job.queryIndex, compiled.length - 1),
  });
  if (job.queryIndex >= compiled.length) finish(store, job, now, 'succeeded');
}

/** A row of the current run: created before it started, and not failed in it. */
function isCandidate(row: StoredRow, table: string, primaryKey: string, job: BulkDeleteJob): boolean {
  const created = Date.parse(String(row.createdon ?? ''));
  if (Number.isFinite(created) && created > job.runStartedAt!) return false;
  return !job.failed.has(`${table}:${String(row[primaryKey])}`);
}

function start(store: Store, job: BulkDeleteJob, now: number): void {
  const stamp = dateTime(new Date(now));
  job.phase = 'running';
  job.runStartedAt = now;
  job.queryIndex = 0;
  job.failed.clear();
  store.update('asyncoperation', job.id, { statecode: 2, statuscode: 20, startedon: stamp, postponeuntil: null });
  const progress = { statecode: 2, statuscode: 20, processingqeindex: 0, nextrun: null };
  if (job.operationId) {
    store.update('bulkdeleteoperation', job.operationId, progress);
  } else {
    job.operationId = store.create('bulkdeleteoperation', {
      name: job.name,
      asyncoperationid: { table: 'asyncoperation', id: job.id },
      successcount: 0,
      failurecount: 0,
      isrecurring: job.recurrence !== undefined,
      ...progress,
    });
  }
}

function finish(store: Store, job: BulkDeleteJob, now: number, how: 'succeeded' | 'failed' | 'canceled', message?: string): void {
  const stamp = dateTime(new Date(now));
  if (how === 'succeeded' && job.recurrence) {
    job.phase = 'parked';
    job.nextRunAt = nextRun(job.recurrence, job.runStartedAt ?? now);
    const next = dateTime(new Date(job.nextRunAt));
    store.update('asyncoperation', job.id, { statecode: 1, statuscode: 10, postponeuntil: next });
    store.update('bulkdeleteoperation', job.operationId!, { statecode: 1, statuscode: 10, nextrun: next });
    return;
  }
  job.phase = 'done';
  const status = { succeeded: 30, failed: 31, canceled: 32 }[how];
  const system = store.find('asyncoperation', job.id);
  if (system && system.statecode !== 3) {
    store.update('asyncoperation', job.id, {
      statecode: 3,
      statuscode: status,
      completedon: stamp,
      ...(message ? { message, friendlymessage: message } : {}),
    });
  } else if (system && !system.completedon) {
    store.update('asyncoperation', job.id, { completedon: stamp });
  }
  if (job.operationId && store.find('bulkdeleteoperation', job.operationId)) {
    store.update('bulkdeleteoperation', job.operationId, { statecode: 3, statuscode: status });
  }
}
