import type { ApiContext, CallOptions } from '../api/call.js';
import { invalidInput } from '../http/errors.js';
import { applyPlan } from './apply.js';
import { cancelJob, submitBulkDelete } from './bulkDelete.js';
import { retentionContext } from './context.js';
import { planRetention } from './plan.js';
import { watchJob } from './watch.js';
import type {
  BatchApplyOptions,
  BulkDeleteOptions,
  JobApplyOptions,
  JobOutcome,
  PlanOptions,
  RetentionCriteria,
  RetentionPlan,
  RetentionReport,
  SubmittedJob,
  WatchJobOptions,
} from './types.js';

/**
 * Retention of stored transcripts and attachments (`client.retention`): deletes the transcript
 * and attachment notes of conversations closed more than N days ago. Plan first (a dry run that
 * names every note), then apply the plan through `$batch` (exactly the plan's notes, resumable,
 * with a report) or hand its criteria to a Dataverse bulk-delete job (for millions of notes,
 * or a recurring policy) and watch the job.
 *
 * Never deleted: notes of a conversation that is not closed (whatever their age), notes of a
 * conversation that reopened since the plan was made, notes without a file on a conversation
 * (what an agent typed), and every other record (the conversation, its `msdyn_transcript` row).
 * See docs/retention.md.
 */
export interface Retention {
  /**
   * A dry run: the transcript notes (note → `msdyn_transcript` → conversation) and attachment
   * notes (a note with a file on the conversation) of conversations closed (state Closed) more
   * than `olderThanDays` days ago (`msdyn_closedon`), with counts and bytes per kind. Deletes
   * nothing. The plan is a plain object: save it as JSON and apply it later.
   *
   * Sends one paged `GET` per table read (closed conversations, transcripts, transcript notes,
   * attachment notes), 5000 rows a page. Bad criteria reject `InvalidInput` before any request.
   * @example
   * ```ts
   * const plan = await omnichannel.retention.plan({ olderThanDays: 90, include: ['transcripts', 'attachments'] });
   * console.log(plan.summary.count, 'notes,', plan.summary.bytes, 'bytes');
   * ```
   */
  plan(criteria: RetentionCriteria, options?: PlanOptions): Promise<RetentionPlan>;

  /**
   * Deletes exactly the plan's notes through `$batch` (`DELETE annotations(<id>)` parts,
   * `Prefer: odata.continue-on-error`, `batchSize` per batch), after checking before each batch
   * that their conversations are still closed: a conversation that reopened keeps its notes.
   * Continues past a note that fails and reports it with its reason; a note already gone (404)
   * counts as deleted, so applying the same plan again after an interruption deletes only what
   * is left. Resolves a report also when aborted (`outcome: 'interrupted'`).
   * @example
   * ```ts
   * const report = await omnichannel.retention.apply(plan, { mode: 'batch', onProgress: (p) => console.log(p.remaining) });
   * ```
   */
  apply(plan: RetentionPlan, options: BatchApplyOptions): Promise<RetentionReport>;
  /**
   * Hands the plan's criteria to Dataverse as a `BulkDelete` job (see
   * {@link Retention.submitBulkDelete}) and resolves the job's id. The job deletes what matches
   * when it runs, not the plan's list.
   */
  apply(plan: RetentionPlan, options: JobApplyOptions): Promise<SubmittedJob>;

  /**
   * Submits criteria, or a plan's criteria, as a Dataverse `BulkDelete` job: `POST BulkDelete`
   * with a `QuerySet` of `QueryExpression`s on `annotation`, linked to `msdyn_transcript` and
   * `msdyn_ocliveworkitem`, with the closed state and close date as conditions, `JobName`, and
   * `RecurrencePattern` and `StartDateTime` for a recurring policy. Resolves the job's id
   * (the system job, `asyncoperationid`). Not retried but on 429.
   * @example
   * ```ts
   * const job = await omnichannel.retention.submitBulkDelete(
   *   { olderThanDays: 365, include: ['transcripts', 'attachments'] },
   *   { recurrence: 'FREQ=DAILY;INTERVAL=7;' },
   * );
   * ```
   */
  submitBulkDelete(criteria: RetentionCriteria | RetentionPlan, options?: BulkDeleteOptions): Promise<SubmittedJob>;

  /**
   * Polls a bulk-delete job until it ends (one request a poll: a `$batch` reading the system
   * job and its bulk-delete operation) and resolves its outcome, counts and first failures.
   * Aborting stops the watching, not the job.
   * @example
   * ```ts
   * const outcome = await omnichannel.retention.watchJob(job.jobId, { onProgress: (p) => console.log(p.statusLabel, p.successCount) });
   * ```
   */
  watchJob(jobId: string, options?: WatchJobOptions): Promise<JobOutcome>;

  /**
   * Cancels a system job (`PATCH asyncoperations(<id>)`: state Completed, status Canceled).
   * What it already deleted stays deleted.
   */
  cancelJob(jobId: string, options?: CallOptions): Promise<void>;
}

/** Creates a client's retention. @internal */
export function createRetention(api: ApiContext, webApiUrl: string): Retention {
  const context = retentionContext(api, webApiUrl);
  return {
    plan: (criteria, options) => planRetention(context, criteria, options),
    apply: ((plan: RetentionPlan, options: BatchApplyOptions | JobApplyOptions) => {
      const mode = (options as { mode?: unknown } | undefined)?.mode;
      if (mode === 'job') {
        const { mode: _mode, ...jobOptions } = options as JobApplyOptions;
        return submitBulkDelete(context, plan, jobOptions);
      }
      if (mode !== 'batch') return Promise.reject(invalidInput('options.mode', "must be 'batch' or 'job'"));
      return applyPlan(context, plan, options as BatchApplyOptions);
    }) as Retention['apply'],
    submitBulkDelete: (criteria, options) => submitBulkDelete(context, criteria, options),
    watchJob: (jobId, options) => watchJob(context, jobId, options),
    cancelJob: (jobId, options) => cancelJob(context, jobId, options),
  };
}
