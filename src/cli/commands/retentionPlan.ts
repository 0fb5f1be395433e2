import { Channel, type RetentionContent, type RetentionPlan } from '../../index.js';
import { UsageError, wholeNumber } from '../args.js';
import { type Command, output } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { bytes, count } from '../format.js';

/** Channel names as the command line takes them: `livechat`, `sms`, `microsoftteams`… or the value. */
function channelValue(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const entry = Object.entries(Channel).find(([name]) => name.toLowerCase() === text.toLowerCase().replace(/[-_ ]/g, ''));
  if (!entry) throw new UsageError(`--channel ${text} is not a channel (${Object.keys(Channel).join(', ')}, or a value)`);
  return entry[1];
}

/** The text a plan's summary reads as. */
export function describePlan(plan: RetentionPlan): string {
  const { summary, criteria } = plan;
  return [
    `Plan for ${plan.orgUrl}: conversations closed before ${criteria.closedBefore} (over ${criteria.olderThanDays} days ago)`,
    `  transcripts  ${count(summary.transcripts.count).padStart(8)} notes  ${bytes(summary.transcripts.bytes).padStart(10)}`,
    `  attachments  ${count(summary.attachments.count).padStart(8)} notes  ${bytes(summary.attachments.bytes).padStart(10)}`,
    `  total        ${count(summary.count).padStart(8)} notes  ${bytes(summary.bytes).padStart(10)} in ${count(summary.conversations)} conversations`,
  ].join('\n');
}

/**
 * `retention plan`: the dry run. Writes the plan to `--out` (or prints it with `--json` when
 * there is no `--out`) and its summary; deletes nothing.
 */
export const retentionPlanCommand: Command = {
  options: ['older-than', 'include', 'channel', 'queue', 'out'],
  async run({ values, io, connection, progress }) {
    const olderThanDays = wholeNumber(values, 'older-than', { min: 1, max: 36_500 });
    if (olderThanDays === undefined) throw new UsageError('retention plan needs --older-than <days>');
    const include = (values.include ?? 'transcripts,attachments').split(',').map((item) => item.trim()) as RetentionContent[];
    const plan = await connection.client.retention.plan(
      {
        olderThanDays,
        include,
        ...(values.channel ? { channels: values.channel.map(channelValue) } : {}),
        ...(values.queue ? { queues: values.queue } : {}),
      },
      {
        signal: io.signal,
        onProgress: (p) =>
          progress.update(
            `Planning: ${p.phase}, ${count(p.conversations)} closed conversations, ${count(p.notes)} notes, ${p.requests} requests`,
            p.phase,
          ),
      },
    );
    progress.done();
    if (values.out !== undefined) await io.writeFile(values.out, `${JSON.stringify(plan, null, 2)}\n`);
    if (values.json) output({ values, io }, values.out === undefined ? plan : { planFile: values.out, summary: plan.summary }, () => '');
    else
      output({ values, io }, undefined, () => `${describePlan(plan)}${values.out === undefined ? '' : `\nPlan written to ${values.out}`}`);
    return ExitCode.Ok;
  },
};
