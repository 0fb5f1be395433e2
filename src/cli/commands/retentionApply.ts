import type { RetentionPlan, RetentionReport } from '../../index.js';
import { UsageError, wholeNumber } from '../args.js';
import { type Command, type CommandContext, confirm, output } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { bar, bytes, count } from '../format.js';
import { watch } from './jobWatch.js';

const jobOptions = ['job-name', 'recurrence', 'start-at', 'no-watch', 'interval'] as const;

/** Reads the plan file; a usage error when it cannot be read or is not JSON (the SDK checks the rest). */
async function readPlanFile(context: CommandContext): Promise<RetentionPlan> {
  const file = context.values.plan;
  if (file === undefined) throw new UsageError('retention apply needs --plan <plan.json> (make one with retention plan --out)');
  try {
    return JSON.parse(await context.io.readFile(file)) as RetentionPlan;
  } catch (error) {
    throw new UsageError(`--plan ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
}

/** The report in words: what was deleted, kept, failed and is left. */
export function describeReport(report: RetentionReport): string {
  const lines = [
    `${report.outcome === 'completed' ? 'Done' : `Interrupted (${report.interruption?.code}): ${report.interruption?.message}`}.`,
    `  deleted          ${count(report.deleted.length).padStart(8)}  (${bytes(report.bytesDeleted)})`,
    `  already deleted  ${count(report.alreadyDeleted.length).padStart(8)}`,
    `  kept (reopened)  ${count(report.kept.length).padStart(8)}`,
    `  failed           ${count(report.failed.length).padStart(8)}`,
    `  remaining        ${count(report.remaining.length).padStart(8)}`,
    `  requests         ${count(report.requests).padStart(8)}`,
  ];
  for (const failure of report.failed.slice(0, 20))
    lines.push(`  failed: ${failure.kind} note ${failure.id}: ${failure.code} ${failure.message}`);
  if (report.failed.length > 20) lines.push(`  … and ${report.failed.length - 20} more (--json lists them)`);
  if (report.remaining.length > 0) lines.push('Apply the same plan again to delete what is left.');
  return lines.join('\n');
}

function reportExitCode(report: RetentionReport): number {
  if (report.outcome === 'interrupted') return report.interruption?.code === 'Aborted' ? ExitCode.Interrupted : ExitCode.Failed;
  return report.failed.length > 0 ? ExitCode.Incomplete : ExitCode.Ok;
}

/**
 * `retention apply --plan <file>`: in batch mode deletes exactly the plan's notes through
 * `$batch`, with progress, and reports; in job mode submits the plan's criteria as a Dataverse
 * bulk-delete job and watches it (unless `--no-watch`). Asks first, unless `--yes`.
 */
export const retentionApplyCommand: Command = {
  options: ['plan', 'mode', 'batch-size', ...jobOptions],
  async run(context) {
    const { values, io, connection, progress } = context;
    const mode = values.mode ?? 'batch';
    if (mode !== 'batch' && mode !== 'job') throw new UsageError(`--mode must be batch or job, got ${mode}`);
    const misplaced =
      mode === 'batch'
        ? jobOptions.find((name) => values[name] !== undefined)
        : values['batch-size'] !== undefined
          ? 'batch-size'
          : undefined;
    if (misplaced) throw new UsageError(`--${misplaced} does not apply to --mode ${mode}`);
    const batchSize = wholeNumber(values, 'batch-size', { min: 1, max: 1000 });
    const startAt = values['start-at'] === undefined ? undefined : new Date(values['start-at']);
    if (startAt && Number.isNaN(startAt.getTime())) throw new UsageError(`--start-at must be an ISO 8601 date, got ${values['start-at']}`);
    const plan = await readPlanFile(context);
    const summary = plan.summary;
    const what = `${count(summary?.count ?? 0)} notes (${bytes(summary?.bytes ?? 0)}) of ${count(summary?.conversations ?? 0)} conversations in ${plan.orgUrl}`;
    const question =
      mode === 'batch' ? `Delete ${what}?` : `Submit a bulk-delete job for the criteria of this plan (${what} when planned)?`;
    const confirmed = await confirm(context, question);
    if (io.signal?.aborted) {
      io.stderr.write('Interrupted before anything was deleted.\n');
      return ExitCode.Interrupted;
    }
    if (!confirmed) return ExitCode.NotConfirmed;

    if (mode === 'job') {
      const job = await connection.client.retention.apply(plan, {
        mode: 'job',
        signal: io.signal,
        ...(values['job-name'] === undefined ? {} : { jobName: values['job-name'] }),
        ...(values.recurrence === undefined ? {} : { recurrence: values.recurrence }),
        ...(startAt ? { startAt } : {}),
      });
      if (values['no-watch']) {
        output(
          { values, io },
          job,
          () => `Submitted job ${job.jobId} (${job.jobName}). Watch it with: omnichannel-sdk job watch ${job.jobId}`,
        );
        return ExitCode.Ok;
      }
      if (!values.json) io.stderr.write(`Submitted job ${job.jobId} (${job.jobName}).\n`);
      return watch(context, job.jobId, { jobName: job.jobName, recurrence: job.recurrence, startAt: job.startAt });
    }

    const report = await connection.client.retention.apply(plan, {
      mode: 'batch',
      signal: io.signal,
      ...(batchSize === undefined ? {} : { batchSize }),
      onProgress: (p) => {
        const handled = p.total - p.remaining;
        progress.update(
          `${bar(handled, p.total)} ${count(handled)}/${count(p.total)}: deleted ${count(p.deleted)}, already deleted ${count(p.alreadyDeleted)}, kept ${count(p.kept)}, failed ${count(p.failed)}; ${p.requests} requests`,
          Math.floor((handled / Math.max(1, p.total)) * 10),
        );
      },
    });
    progress.done();
    output({ values, io }, report, () => describeReport(report));
    return reportExitCode(report);
  },
};
