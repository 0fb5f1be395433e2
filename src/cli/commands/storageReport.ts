import { UsageError, wholeNumber } from '../args.js';
import { type Command, output } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { bytes, count, table } from '../format.js';
import type { StorageReport } from '../../index.js';

const groupings = ['month', 'channel', 'queue'] as const;
const dayMs = 86_400_000;

/**
 * `storage-report`: transcript and attachment notes and their bytes by month, channel or queue
 * (`client.records.storageReport`), optionally only those of conversations closed more than N
 * days ago: what `retention plan --older-than N` would reach.
 */
export const storageReportCommand: Command = {
  options: ['group-by', 'closed-before-days'],
  async run({ values, io, connection }) {
    const groupBy = (values['group-by'] ?? 'month') as (typeof groupings)[number];
    if (!groupings.includes(groupBy)) throw new UsageError(`--group-by must be one of ${groupings.join(', ')}`);
    const days = wholeNumber(values, 'closed-before-days', { min: 1, max: 36_500 });
    const closedBefore = days === undefined ? undefined : new Date((io.now ?? Date.now)() - days * dayMs);
    const report: StorageReport = await connection.client.records.storageReport(
      { groupBy, ...(closedBefore ? { closedBefore } : {}) },
      { signal: io.signal },
    );
    output({ values, io }, report, () => {
      const rows = [[groupBy, 'transcripts', 'bytes', 'attachments', 'bytes']];
      for (const group of report.groups) {
        rows.push([
          group.label || '(none)',
          count(group.transcripts.notes),
          bytes(group.transcripts.bytes),
          count(group.attachments.notes),
          bytes(group.attachments.bytes),
        ]);
      }
      const { transcripts, attachments } = report.total;
      rows.push(['total', count(transcripts.notes), bytes(transcripts.bytes), count(attachments.notes), bytes(attachments.bytes)]);
      return table(rows);
    });
    return ExitCode.Ok;
  },
};
