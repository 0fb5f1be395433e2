import { type JobOutcome, isOmnichannelError } from '../../index.js';
import { UsageError } from '../args.js';
import { type Command, type CommandContext, output } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { count } from '../format.js';

/** Seconds between polls: `--interval`, else 5 (0.2 against the emulator). */
function intervalMs(context: CommandContext): number {
  const text = context.values.interval;
  if (text === undefined) return context.connection.emulator ? 200 : 5000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds > 3600) throw new UsageError(`--interval must be a number of seconds up to 3600, got ${text}`);
  return seconds * 1000;
}

/** The exit code of a job's outcome: 0 when it deleted everything (or waits for its next run), 3 otherwise. */
export function jobExitCode(outcome: JobOutcome['outcome']): number {
  return outcome === 'succeeded' || outcome === 'waiting' ? ExitCode.Ok : ExitCode.Incomplete;
}

/** The outcome in words. */
export function describeOutcome(outcome: JobOutcome): string {
  const lines = [
    `Job ${outcome.jobId}: ${outcome.outcome} (${outcome.statusLabel}); deleted ${count(outcome.successCount ?? 0)}, failed ${count(outcome.failureCount ?? 0)}; ${outcome.polls} polls, ${outcome.requests} requests`,
  ];
  if (outcome.message) lines.push(`  ${outcome.message}`);
  if (outcome.nextRun) lines.push(`  next run ${outcome.nextRun}`);
  for (const failure of outcome.failures.slice(0, 20))
    lines.push(`  failed: ${failure.table ?? 'record'} ${failure.recordId ?? '?'}: ${failure.description ?? failure.errorNumber ?? ''}`);
  if (outcome.failures.length > 20) lines.push(`  … and ${outcome.failures.length - 20} more (--json lists them)`);
  return lines.join('\n');
}

/**
 * Watches a job until it ends and writes its outcome; Ctrl-C stops the watching (the job goes
 * on in Dataverse) with exit code 130.
 */
export async function watch(context: CommandContext, jobId: string, extra: object = {}): Promise<number> {
  const { io, connection, progress, values } = context;
  try {
    const outcome = await connection.client.retention.watchJob(jobId, {
      intervalMs: intervalMs(context),
      signal: io.signal,
      onProgress: (p) =>
        progress.update(
          `Job ${p.statusLabel}: deleted ${count(p.successCount ?? 0)}, failed ${count(p.failureCount ?? 0)} (poll ${p.polls})`,
          `${p.status}:${p.successCount ?? ''}`,
        ),
    });
    progress.done();
    output({ values, io }, { ...extra, ...outcome }, () => describeOutcome(outcome));
    return jobExitCode(outcome.outcome);
  } catch (error) {
    progress.done();
    if (isOmnichannelError(error) && error.code === 'Aborted') {
      io.stderr.write(`Stopped watching job ${jobId}; it goes on in Dataverse. Watch it again with: omnichannel-sdk job watch ${jobId}\n`);
      return ExitCode.Interrupted;
    }
    throw error;
  }
}

/** `job watch <jobId>`: polls a bulk-delete job until it ends. */
export const jobWatchCommand: Command = {
  options: ['interval'],
  args: ['jobId'],
  run(context) {
    const [jobId] = context.args;
    if (jobId === undefined) throw new UsageError('job watch needs the job id: omnichannel-sdk job watch <jobId>');
    return watch(context, jobId);
  },
};
