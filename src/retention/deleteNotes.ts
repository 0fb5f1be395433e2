import { type OmnichannelError, isOmnichannelError } from '../http/errors.js';
import { sleep } from '../http/retry.js';
import type { CallContext, Transport } from '../http/transport.js';
import { type BatchResult, sendBatch } from '../odata/batch.js';
import type { RetentionContext } from './context.js';
import type { FailedNote, KeptNote, NoteRef } from './types.js';

/** A note of the plan on its way through `apply`, with its size. @internal */
export interface PlanNote extends NoteRef {
  bytes: number;
}

/** What `apply` has done so far. @internal */
export interface DeletionTally {
  deleted: NoteRef[];
  alreadyDeleted: NoteRef[];
  kept: KeptNote[];
  failed: FailedNote[];
  bytesDeleted: number;
  /** Ids of the notes above. */
  handled: Set<string>;
}

/** Times a batch, or a delete within it, is sent again after a passing failure. */
const maxRetries = 3;
/** The longest `Retry-After` honoured; a longer one ends the run, to be applied again later. */
const maxRetryAfterMs = 5 * 60_000;
/** Part statuses that say "try again later". */
const transientStatuses = new Set([429, 502, 503, 504]);

/**
 * Deletes notes with one `$batch` of `DELETE annotations(<id>)` (with `continue-on-error`, no
 * change set: each delete stands alone). A 204 is deleted, a 404 already deleted; a part that
 * failed for a passing reason (429, 502, 503, 504) is sent again in a smaller batch, up to three
 * times; any other failure is recorded with its reason. A whole batch that fails for a passing
 * reason (a 503, a timeout, a network error, an unreadable answer) is sent again: DELETE is safe
 * to repeat, because a delete that already happened answers 404. Throws when the batch still
 * fails, or on the caller's abort, leaving the notes not handled for the next run.
 * @internal
 */
export async function deleteNotes(
  send: Transport,
  call: CallContext,
  context: RetentionContext,
  notes: readonly PlanNote[],
  tally: DeletionTally,
  retryDelayMs: number,
): Promise<void> {
  let pending = notes;
  for (let attempt = 0; pending.length > 0; attempt++) {
    let results: BatchResult[];
    try {
      results = await sendBatch(
        send,
        pending.map((note) => ({ method: 'DELETE', url: `annotations(${note.id})` })),
        call,
        { root: context.root, continueOnError: true, now: context.api.now },
      );
    } catch (error) {
      if (!isOmnichannelError(error) || !isPassing(error) || attempt >= maxRetries) throw error;
      await pause(waitFor(error.retryAfterMs, attempt, retryDelayMs), call);
      continue;
    }
    const again: PlanNote[] = [];
    let retryAfterMs: number | undefined;
    for (const result of results) {
      const note = pending[result.index]!;
      const outcome = classify(result);
      if (outcome === 'retry' && attempt < maxRetries) {
        again.push(note);
        retryAfterMs = Math.max(retryAfterMs ?? 0, result.error?.retryAfterMs ?? 0) || undefined;
        continue;
      }
      record(tally, note, outcome === 'retry' ? 'failed' : outcome, result);
    }
    pending = again;
    if (pending.length > 0) await pause(waitFor(retryAfterMs, attempt, retryDelayMs), call);
  }
}

type Outcome = 'deleted' | 'alreadyDeleted' | 'failed' | 'retry';

function classify(result: BatchResult): Outcome {
  if (result.skipped) return 'retry';
  if (result.status === 404) return 'alreadyDeleted';
  if (result.error === undefined && result.status !== undefined && result.status < 300) return 'deleted';
  return result.status !== undefined && transientStatuses.has(result.status) ? 'retry' : 'failed';
}

function record(tally: DeletionTally, note: PlanNote, outcome: Exclude<Outcome, 'retry'>, result: BatchResult): void {
  const ref: NoteRef = { id: note.id, kind: note.kind, conversationId: note.conversationId };
  tally.handled.add(note.id);
  if (outcome === 'deleted') {
    tally.deleted.push(ref);
    tally.bytesDeleted += note.bytes;
  } else if (outcome === 'alreadyDeleted') {
    tally.alreadyDeleted.push(ref);
  } else {
    const error = result.error;
    tally.failed.push({
      ...ref,
      code: error?.code ?? 'InvalidResponse',
      ...(result.status === undefined ? {} : { status: result.status }),
      ...(error?.dataverseCode === undefined ? {} : { dataverseCode: error.dataverseCode }),
      message: error?.message ?? `DELETE answered HTTP ${result.status ?? 'nothing'}`,
    });
  }
}

/** A failure of a whole batch worth sending it again for. */
function isPassing(error: OmnichannelError): boolean {
  switch (error.code) {
    case 'NetworkError':
    case 'Timeout':
    case 'InvalidResponse':
      return true;
    case 'Throttled':
      return (error.retryAfterMs ?? 0) <= maxRetryAfterMs;
    case 'ServerError':
      return error.status === undefined || transientStatuses.has(error.status);
    default:
      return false;
  }
}

function waitFor(retryAfterMs: number | undefined, attempt: number, retryDelayMs: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxRetryAfterMs);
  return retryDelayMs * 2 ** attempt;
}

/** Waits, or ends the run with `Aborted` when the caller aborts meanwhile. */
function pause(ms: number, call: CallContext): Promise<void> {
  return sleep(ms, call.signal);
}
