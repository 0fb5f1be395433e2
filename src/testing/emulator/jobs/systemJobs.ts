/**
 * System jobs of the emulated org: the bulk-delete jobs `BulkDelete` submits, each an
 * `asyncoperation` row and, once it starts, a `bulkdeleteoperation` row, moving through their
 * states as the job runs. Jobs run when a test steps them (`org.jobs.step()`), or on a timer
 * (`org.jobs.startTimer(ms)`), never on their own, so a test sees every state.
 */
import { dateTime } from '../columnValues.js';
import type { Store } from '../store.js';
import { type BulkDeleteJob, advanceBulkDelete } from './bulkDelete.js';
import type { BulkDeleteSubmission, JobRecord } from './types.js';

export type { JobRecord } from './types.js';

/** The system jobs of an emulated org (`org.jobs`). */
export interface SystemJobs {
  /**
   * Advances every job that can move by one step: a job due to start starts (In Progress, and
   * its `bulkdeleteoperation` row appears); a started job deletes up to {@link SystemJobs.batchSize}
   * matching records, and when none is left completes (Succeeded), or, when recurring, parks
   * (Suspended, Waiting) until its next run. Returns how many jobs can still move.
   */
  step(): number;
  /** Steps until no job can move, at most `maxSteps` times. @returns the steps taken */
  runAll(maxSteps?: number): number;
  /**
   * Records a job deletes per step; Dataverse works through a bulk delete 1000 records at a time.
   * @default 1000
   */
  batchSize: number;
  /**
   * Makes a record fail to delete: return the error description for it, or `undefined` to let
   * it be deleted. A failure becomes a `bulkdeletefailure` row and counts in `failurecount`.
   * @default none
   */
  failWhen: ((record: JobRecord) => string | undefined) | undefined;
  /**
   * Steps the jobs every `intervalMs` milliseconds, for an org served to a process that watches
   * jobs (a CLI, a demo); returns the function that stops it. The timer does not keep Node alive.
   */
  startTimer(intervalMs: number): () => void;
  /** The jobs submitted, oldest first: their `asyncoperationid`. */
  readonly ids: readonly string[];
}

/** The jobs as the emulator's routes see them: {@link SystemJobs}, and where `BulkDelete` submits. @internal */
export interface JobRunner extends SystemJobs {
  /** Creates the system job (Waiting For Resources, or Waiting until a later start) and returns its id. */
  submitBulkDelete(submission: BulkDeleteSubmission): string;
}

/** @internal */
export function createSystemJobs(store: Store, clock: () => Date): JobRunner {
  const jobs: BulkDeleteJob[] = [];
  const runner: JobRunner = {
    batchSize: 1000,
    failWhen: undefined,
    get ids() {
      return jobs.map((job) => job.id);
    },
    submitBulkDelete(submission) {
      const now = clock().getTime();
      const later = submission.startAt > now;
      const id = store.create('asyncoperation', {
        name: submission.name,
        operationtype: 13,
        messagename: 'BulkDelete',
        recurrencepattern: submission.recurrencePattern,
        recurrencestarttime: submission.recurrence ? dateTime(new Date(submission.startAt)) : null,
        postponeuntil: later ? dateTime(new Date(submission.startAt)) : null,
        statecode: later ? 1 : 0,
        statuscode: later ? 10 : 0,
      });
      jobs.push({ id, ...submission, phase: 'waiting', nextRunAt: submission.startAt, failed: new Set(), queryIndex: 0 });
      return id;
    },
    step() {
      const now = clock().getTime();
      for (const job of jobs) advanceBulkDelete(store, job, now, runner);
      return jobs.filter((job) => canMove(job, clock().getTime())).length;
    },
    runAll(maxSteps = 10_000) {
      let steps = 0;
      while (steps < maxSteps && jobs.some((job) => canMove(job, clock().getTime()))) {
        runner.step();
        steps++;
      }
      return steps;
    },
    startTimer(intervalMs) {
      const timer = setInterval(() => runner.step(), Math.max(1, intervalMs));
      (timer as { unref?: () => void }).unref?.();
      return () => clearInterval(timer);
    },
  };
  return runner;
}

function canMove(job: BulkDeleteJob, now: number): boolean {
  return job.phase === 'running' || ((job.phase === 'waiting' || job.phase === 'parked') && job.nextRunAt <= now);
}
