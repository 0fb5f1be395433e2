import type { CallOptions } from '../api/call.js';
import type { OmnichannelErrorCode } from '../http/errors.js';

/** What a retention policy removes: transcript notes, attachment notes, or both. */
export type RetentionContent = 'transcripts' | 'attachments';

/**
 * A note retention deletes: `'transcript'`, a transcript's note (note → `msdyn_transcript` →
 * conversation), or `'attachment'`, a file a participant sent (a note with a file on the
 * conversation).
 */
export type NoteKind = 'transcript' | 'attachment';

/**
 * Which notes a retention policy removes: those of conversations closed (state Closed) more
 * than `olderThanDays` days ago, by `msdyn_closedon`. A conversation that is not closed keeps
 * its notes whatever their age.
 */
export interface RetentionCriteria {
  /** Conversations closed more than this many whole days ago (1 to 36500). */
  olderThanDays: number;
  /** What to delete: `['transcripts']`, `['attachments']` or both. */
  include: readonly RetentionContent[];
  /** Only conversations on one of these channels (`Channel` values, `msdyn_channel`). @default every channel */
  channels?: readonly number[];
  /** Only conversations of one of these queues (`queue` ids, `msdyn_cdsqueueid`). @default every queue */
  queues?: readonly string[];
}

/** A note of a plan. */
export interface PlannedNote {
  /** The note's `annotationid`. */
  id: string;
  /** Transcript or attachment. */
  kind: NoteKind;
  /** Its `filesize` in bytes (0 when the service gives none). */
  bytes: number;
}

/** A conversation of a plan, with the notes the plan deletes. */
export interface PlannedConversation {
  /** The conversation's `activityid`. */
  id: string;
  /** Its `msdyn_closedon` when the plan was made (ISO 8601). */
  closedOn: string;
  /** The notes to delete. */
  notes: PlannedNote[];
}

/** How many notes of a kind a plan deletes, and their size. */
export interface PlanTotals {
  /** Number of notes. */
  count: number;
  /** Their `filesize`, summed, in bytes. */
  bytes: number;
}

/**
 * A retention plan: a dry run that names exactly the notes `apply` deletes. A plain JSON object:
 * save it (`JSON.stringify`), review it, and apply it later, from this client or another one of
 * the same org.
 */
export interface RetentionPlan {
  /** Marks the object as a plan: `'omnichannel-sdk/retention-plan'`. */
  kind: 'omnichannel-sdk/retention-plan';
  /** Format version: 1. */
  version: 1;
  /** The org it was made for; `apply` refuses it elsewhere. */
  orgUrl: string;
  /** When it was made (ISO 8601, the client's clock). */
  createdOn: string;
  /** The criteria, and the close date they meant when the plan was made. */
  criteria: RetentionCriteria & {
    /** Conversations closed before this instant (ISO 8601): `createdOn` minus `olderThanDays`. */
    closedBefore: string;
  };
  /** Totals: conversations with notes to delete, notes and bytes, and per kind. */
  summary: PlanTotals & { conversations: number; transcripts: PlanTotals; attachments: PlanTotals };
  /** The conversations, oldest close first, each with its notes to delete. */
  conversations: PlannedConversation[];
}

/** Progress of `plan`, after each page read. */
export interface PlanProgress {
  /** What is being read: closed conversations, transcripts, transcript notes or attachment notes. */
  phase: 'conversations' | 'transcripts' | 'transcript-notes' | 'attachment-notes';
  /** Closed conversations found so far. */
  conversations: number;
  /** Notes to delete found so far. */
  notes: number;
  /** Requests sent so far. */
  requests: number;
}

/** Options of `plan`. */
export interface PlanOptions extends CallOptions {
  /** Called after each page read. */
  onProgress?: (progress: PlanProgress) => void;
}

/** A note of a report, with its conversation. */
export interface NoteRef {
  /** The note's `annotationid`. */
  id: string;
  /** Transcript or attachment. */
  kind: NoteKind;
  /** The conversation it belongs to. */
  conversationId: string;
}

/** A note `apply` did not delete because its conversation no longer qualifies. */
export interface KeptNote extends NoteRef {
  /** `'reopened'`: the conversation is no longer closed, or was closed again since the plan's close date. */
  reason: 'reopened';
}

/** A note `apply` could not delete, and why. */
export interface FailedNote extends NoteRef {
  /** The SDK's error code (`Forbidden`, `ServerError`, `Throttled`…). */
  code: OmnichannelErrorCode;
  /** The HTTP status of its part, when it had one. */
  status?: number;
  /** Dataverse's error code. */
  dataverseCode?: string;
  /** The error message. */
  message: string;
}

/** Progress of `apply` in batch mode, after each batch. */
export interface ApplyProgress {
  /** Notes in the plan. */
  total: number;
  /** Deleted by this run. */
  deleted: number;
  /** Already gone (404): deleted earlier, by another run or by someone else. */
  alreadyDeleted: number;
  /** Not deleted: the conversation reopened. */
  kept: number;
  /** Could not be deleted. */
  failed: number;
  /** Not handled yet. */
  remaining: number;
  /** Requests sent so far (a `$batch` counts once; the transport's own retries do not count). */
  requests: number;
}

/** Options of `apply` that delete through `$batch`. */
export interface BatchApplyOptions extends CallOptions {
  /** Deletes the plan's notes through `$batch`, checking each batch's conversations first. */
  mode: 'batch';
  /**
   * Deletes per `$batch` (1 to 1000, Dataverse's limit).
   * @default 100
   */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (progress: ApplyProgress) => void;
  /**
   * First wait, in milliseconds, before sending again a batch or a delete that failed for a
   * passing reason (503, 502, 504, 429 without `Retry-After`, a network error); it doubles each
   * time, three times at most. A `Retry-After` the service gives is waited for instead.
   * @default 1000
   */
  retryDelayMs?: number;
}

/** What `apply` in batch mode resolves: what it deleted, kept and failed, and what is left. */
export interface RetentionReport {
  /** `'batch'`. */
  mode: 'batch';
  /** `'completed'`: every note was handled; `'interrupted'`: the run stopped early (see `interruption`). */
  outcome: 'completed' | 'interrupted';
  /** Why the run stopped early: the caller's abort (`Aborted`), or a batch that kept failing. */
  interruption?: { code: OmnichannelErrorCode; message: string };
  /** Notes in the plan. */
  total: number;
  /** Deleted by this run. */
  deleted: NoteRef[];
  /** Already gone (404), which counts as deleted. */
  alreadyDeleted: NoteRef[];
  /** Kept because their conversation reopened. */
  kept: KeptNote[];
  /** Could not be deleted, with the reason. */
  failed: FailedNote[];
  /** Not handled: the run stopped first. Applying the plan again handles them. */
  remaining: NoteRef[];
  /** `filesize` of the notes deleted by this run, in bytes. */
  bytesDeleted: number;
  /** Requests sent (a `$batch` counts once; the transport's own retries do not count). */
  requests: number;
}

/** How `BulkDelete` jobs are submitted. */
export interface BulkDeleteOptions extends CallOptions {
  /**
   * The job's name (`JobName`, at most 256 characters), shown in Settings › Data management ›
   * Bulk record deletion.
   * @default "Omnichannel retention: <what> of conversations closed over <N> days ago"
   */
  jobName?: string;
  /**
   * Makes it a recurring policy: an RFC 2445 rule as Dataverse takes it (`RecurrencePattern`),
   * `FREQ=DAILY;`, `FREQ=WEEKLY;`, `FREQ=MONTHLY;`, `FREQ=DAILY;INTERVAL=7;`. Each run then
   * deletes what is older than `olderThanDays` at that run (`OlderThanXDays`).
   * @default none: one run
   */
  recurrence?: string;
  /**
   * When the (first) run starts (`StartDateTime`).
   * @default now
   */
  startAt?: Date;
}

/** Options of `apply` that hand the work to a Dataverse bulk-delete job. */
export interface JobApplyOptions extends BulkDeleteOptions {
  /** Submits the plan's criteria as a `BulkDelete` job; watch it with `watchJob`. */
  mode: 'job';
}

/** A submitted `BulkDelete` job. */
export interface SubmittedJob {
  /** `'job'`. */
  mode: 'job';
  /** The system job's id (`asyncoperationid`), which `watchJob` takes. */
  jobId: string;
  /** Its name. */
  jobName: string;
  /** Its recurrence pattern; `''` for one run. */
  recurrence: string;
  /** When it starts (ISO 8601). */
  startAt: string;
  /** The `QuerySet` sent: one `QueryExpression` per kind of note. */
  querySet: readonly object[];
  /** Requests sent: 1. */
  requests: number;
}

/** Where a bulk-delete job is, after each poll. */
export interface JobProgress {
  /** The system job's id. */
  jobId: string;
  /** `statecode` of the system job (`AsyncOperationState`). */
  state: number;
  /** `statuscode` of the system job (`AsyncOperationStatus`). */
  status: number;
  /** The status's label: `Waiting For Resources`, `In Progress`, `Succeeded`… */
  statusLabel: string;
  /** Records deleted so far (`successcount`); undefined until the job's bulk-delete operation exists. */
  successCount?: number;
  /** Records that could not be deleted so far (`failurecount`). */
  failureCount?: number;
  /** Polls so far. */
  polls: number;
  /** Requests sent so far. */
  requests: number;
}

/** A record a bulk-delete job could not delete (`bulkdeletefailure`). */
export interface JobFailure {
  /** The record (`_regardingobjectid_value`), when given. */
  recordId?: string;
  /** Its table, when given. */
  table?: string;
  /** `errornumber`. */
  errorNumber?: number;
  /** `errordescription`. */
  description?: string;
}

/** How a bulk-delete job ended, as `watchJob` saw it. */
export interface JobOutcome extends JobProgress {
  /**
   * `'succeeded'`: every record deleted; `'partial'`: finished, some records failed;
   * `'failed'`, `'canceled'`: as the system job says; `'waiting'`: scheduled for later, or a
   * recurring job between runs (watch again later).
   */
  outcome: 'succeeded' | 'partial' | 'failed' | 'canceled' | 'waiting';
  /** The job's `message` or `friendlymessage`, when it has one. */
  message?: string;
  /** When it finished (`completedon`), or its next run (`nextrun`, `postponeuntil`) when waiting. */
  completedOn?: string;
  /** The next run of a waiting job. */
  nextRun?: string;
  /** The first failures (`bulkdeletefailure` rows), at most `maxFailures`. */
  failures: JobFailure[];
}

/** Options of `watchJob`. */
export interface WatchJobOptions extends CallOptions {
  /**
   * Milliseconds between polls. Each poll is one request (a `$batch` reading the system job and
   * its bulk-delete operation).
   * @default 5000
   */
  intervalMs?: number;
  /** Called after each poll. */
  onProgress?: (progress: JobProgress) => void;
  /**
   * Most failure rows to read at the end.
   * @default 100
   */
  maxFailures?: number;
}
