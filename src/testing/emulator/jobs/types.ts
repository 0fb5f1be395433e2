/** What the system jobs and the bulk-delete steps share. */
import type { Recurrence } from './recurrence.js';

/** A record a bulk-delete job is about to delete. */
export interface JobRecord {
  /** Its table's logical name, e.g. `annotation`. */
  table: string;
  /** Its id. */
  id: string;
}

/** How the jobs run: records per step, and which records fail. @internal */
export interface JobSettings {
  batchSize: number;
  failWhen: ((record: JobRecord) => string | undefined) | undefined;
}

/** What `BulkDelete` hands the jobs: the validated request. @internal */
export interface BulkDeleteSubmission {
  name: string;
  /** The `QuerySet` as sent; compiled again at each step, so `OlderThanX…` counts from then. */
  querySet: readonly unknown[];
  recurrence: Recurrence | undefined;
  recurrencePattern: string;
  startAt: number;
}
