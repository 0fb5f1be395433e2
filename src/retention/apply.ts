import { withCall } from '../api/call.js';
import { invalidInput, isOmnichannelError, optionalFunction } from '../http/errors.js';
import { abortedError } from '../http/retry.js';
import { maxTimerDelayMs } from '../http/timers.js';
import { preview } from '../odata/literals.js';
import { type RetentionContext, counting } from './context.js';
import { type DeletionTally, type PlanNote, deleteNotes } from './deleteNotes.js';
import { readPlan } from './planFile.js';
import { startChecks } from './reopened.js';
import type { BatchApplyOptions, NoteRef, RetentionPlan, RetentionReport } from './types.js';

/**
 * Deletes exactly the notes of a plan through `$batch`, `batchSize` at a time. Before each batch
 * it reads the conversations modified since the last check, and keeps the notes of any that
 * reopened. A note already gone (404) counts as deleted, so applying a plan again after an
 * interruption deletes only what is left. Resolves a report, also when the caller aborts or a
 * batch keeps failing (`outcome: 'interrupted'`); rejects only for bad input, before anything
 * is sent.
 * @internal
 */
export function applyPlan(context: RetentionContext, plan: RetentionPlan, options: BatchApplyOptions): Promise<RetentionReport> {
  return withCall('retention.apply', options, async (call) => {
    const checked = readPlan(plan, context.orgUrl);
    const batchSize = options.batchSize ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
      throw invalidInput('options.batchSize', `must be a whole number from 1 to 1000, got ${preview(batchSize)}`);
    }
    const retryDelayMs = options.retryDelayMs ?? 1000;
    if (!Number.isFinite(retryDelayMs) || retryDelayMs < 0 || retryDelayMs > maxTimerDelayMs) {
      throw invalidInput('options.retryDelayMs', `must be a number of milliseconds from 0 to ${maxTimerDelayMs}`);
    }
    const onProgress = optionalFunction(options.onProgress, 'options.onProgress');
    const notes: PlanNote[] = checked.conversations.flatMap((conversation) =>
      conversation.notes.map((note) => ({ id: note.id, kind: note.kind, conversationId: conversation.id, bytes: note.bytes })),
    );
    const { send, count } = counting(context.api.send);
    const tally: DeletionTally = { deleted: [], alreadyDeleted: [], kept: [], failed: [], bytesDeleted: 0, handled: new Set() };
    let position = 0;
    const report = (interruption?: RetentionReport['interruption']): RetentionReport => ({
      mode: 'batch',
      outcome: interruption ? 'interrupted' : 'completed',
      ...(interruption ? { interruption } : {}),
      total: notes.length,
      deleted: tally.deleted,
      alreadyDeleted: tally.alreadyDeleted,
      kept: tally.kept,
      failed: tally.failed,
      remaining: notes
        .slice(position)
        .filter((note) => !tally.handled.has(note.id))
        .map(refOf),
      bytesDeleted: tally.bytesDeleted,
      requests: count(),
    });
    const progress = () =>
      onProgress?.({
        total: notes.length,
        deleted: tally.deleted.length,
        alreadyDeleted: tally.alreadyDeleted.length,
        kept: tally.kept.length,
        failed: tally.failed.length,
        remaining: notes.length - tally.handled.size,
        requests: count(),
      });

    try {
      const conversations = new Set(checked.conversations.map((conversation) => conversation.id));
      const checks = await startChecks(send, call, conversations, new Date(checked.criteria.closedBefore));
      while (position < notes.length) {
        if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
        const batch = notes.slice(position, position + batchSize);
        await checks.refresh();
        const deletable = batch.filter((note) => {
          if (checks.qualifies(note.conversationId)) return true;
          tally.kept.push({ ...refOf(note), reason: 'reopened' });
          tally.handled.add(note.id);
          return false;
        });
        if (deletable.length > 0) await deleteNotes(send, call, context, deletable, tally, retryDelayMs);
        position += batch.length;
        progress();
      }
      return report();
    } catch (error) {
      // Input was checked before the try: what fails here is the service, the network or the caller's abort.
      if (!isOmnichannelError(error)) throw error;
      return report({ code: error.code, message: error.message });
    }
  });
}

function refOf(note: NoteRef): NoteRef {
  return { id: note.id, kind: note.kind, conversationId: note.conversationId };
}
