import { withCall } from '../api/call.js';
import { invalidInput, optionalFunction } from '../http/errors.js';
import { sleep } from '../http/retry.js';
import { maxTimerDelayMs } from '../http/timers.js';
import type { CallContext, Transport } from '../http/transport.js';
import { sendBatch } from '../odata/batch.js';
import { guid, preview } from '../odata/literals.js';
import { buildQuery } from '../odata/query.js';
import { AsyncOperationState, AsyncOperationStatus, asyncOperationStatusLabels } from '../schema/asyncOperation.js';
import { type RetentionContext, counting } from './context.js';
import type { JobFailure, JobOutcome, JobProgress, WatchJobOptions } from './types.js';

type Row = Record<string, unknown>;

/**
 * Polls a bulk-delete job until it ends: each poll is one `$batch` that reads the system job
 * (`asyncoperations(<id>)`: state and status) and its bulk-delete operation
 * (`bulkdeleteoperations?$filter=_asyncoperationid_value eq <id>`: deleted and failed counts),
 * which may not exist yet in the first seconds. Ends when the system job is Completed
 * (Succeeded, Failed, Canceled) or Suspended (scheduled for later, or a recurring job between
 * runs), then reads the first failures. The caller's abort stops the watching, not the job.
 * @internal
 */
export function watchJob(context: RetentionContext, jobId: string, options: WatchJobOptions = {}): Promise<JobOutcome> {
  return withCall('retention.watchJob', options, async (call) => {
    const id = guid(jobId, 'jobId');
    const intervalMs = options.intervalMs ?? 5000;
    if (!Number.isFinite(intervalMs) || intervalMs < 0 || intervalMs > maxTimerDelayMs) {
      throw invalidInput('options.intervalMs', `must be a number of milliseconds from 0 to ${maxTimerDelayMs}, got ${preview(intervalMs)}`);
    }
    const maxFailures = options.maxFailures ?? 100;
    if (!Number.isInteger(maxFailures) || maxFailures < 0 || maxFailures > 5000) {
      throw invalidInput('options.maxFailures', `must be a whole number from 0 to 5000, got ${preview(maxFailures)}`);
    }
    const onProgress = optionalFunction(options.onProgress, 'options.onProgress');
    const { send, count } = counting(context.api.send);
    for (let polls = 1; ; polls++) {
      const { job, operation } = await poll(send, call, context, id);
      const progress: JobProgress = {
        jobId: id,
        state: Number(job.statecode),
        status: Number(job.statuscode),
        statusLabel: asyncOperationStatusLabels[Number(job.statuscode)] ?? String(job.statuscode),
        ...(operation ? { successCount: Number(operation.successcount ?? 0), failureCount: Number(operation.failurecount ?? 0) } : {}),
        polls,
        requests: count(),
      };
      onProgress?.(progress);
      const outcome = outcomeOf(progress);
      if (outcome) {
        const failures =
          operation && progress.failureCount && maxFailures > 0
            ? await readFailures(send, call, String(operation.bulkdeleteoperationid), maxFailures)
            : [];
        const message = text(job.friendlymessage) ?? text(job.message);
        const nextRun = outcome === 'waiting' ? (text(operation?.nextrun) ?? text(job.postponeuntil)) : undefined;
        const completedOn = outcome === 'waiting' ? nextRun : text(job.completedon);
        return {
          ...progress,
          requests: count(),
          outcome,
          ...(message ? { message } : {}),
          ...(completedOn ? { completedOn } : {}),
          ...(nextRun ? { nextRun } : {}),
          failures,
        };
      }
      await sleep(intervalMs, call.signal);
    }
  });
}

/** One poll: the system job and its bulk-delete operation, in one `$batch`. */
async function poll(
  send: Transport,
  call: CallContext,
  context: RetentionContext,
  id: string,
): Promise<{ job: Row; operation: Row | undefined }> {
  const [job, operations] = await sendBatch(
    send,
    [
      {
        method: 'GET',
        url: `asyncoperations(${id})${buildQuery({ select: ['statecode', 'statuscode', 'message', 'friendlymessage', 'completedon', 'postponeuntil', 'recurrencepattern'] })}`,
      },
      {
        method: 'GET',
        url: `bulkdeleteoperations${buildQuery({
          select: ['bulkdeleteoperationid', 'statecode', 'statuscode', 'successcount', 'failurecount', 'isrecurring', 'nextrun'],
          filter: `_asyncoperationid_value eq ${id}`,
        })}`,
      },
    ],
    call,
    { root: context.root, now: context.api.now },
  );
  if (job?.error) throw job.error;
  if (operations?.error) throw operations.error;
  return { job: job!.body as Row, operation: (operations!.body as { value?: Row[] } | undefined)?.value?.[0] };
}

function outcomeOf(progress: JobProgress): JobOutcome['outcome'] | undefined {
  if (progress.state === AsyncOperationState.Suspended) return 'waiting';
  if (progress.state !== AsyncOperationState.Completed) return undefined;
  if (progress.status === AsyncOperationStatus.Canceled) return 'canceled';
  if (progress.status === AsyncOperationStatus.Succeeded) return progress.failureCount ? 'partial' : 'succeeded';
  return 'failed';
}

/** The first failures of a bulk-delete operation: one page of `bulkdeletefailures`. */
async function readFailures(send: Transport, call: CallContext, operationId: string, max: number): Promise<JobFailure[]> {
  const query = buildQuery({
    select: ['errornumber', 'errordescription', '_regardingobjectid_value'],
    filter: `_bulkdeleteoperationid_value eq ${guid(operationId, 'bulkdeleteoperationid')}`,
  });
  const { body } = await send({ method: 'GET', url: `bulkdeletefailures${query}`, maxPageSize: max }, call);
  const rows = ((body as { value?: Row[] } | undefined)?.value ?? []).slice(0, max);
  return rows.map((row) => ({
    ...(text(row._regardingobjectid_value) ? { recordId: String(row._regardingobjectid_value) } : {}),
    ...(text(row['_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname'])
      ? { table: String(row['_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname']) }
      : {}),
    ...(typeof row.errornumber === 'number' ? { errorNumber: row.errornumber } : {}),
    ...(text(row.errordescription) ? { description: String(row.errordescription) } : {}),
  }));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
