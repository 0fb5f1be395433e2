/**
 * The recurrence patterns of a system job the emulator runs: `FREQ=<unit>;` with an optional
 * `INTERVAL=<n>;` (RFC 2445 parts Dataverse documents). Other parts (`BYDAY`, `COUNT`, `UNTIL`)
 * are 501: the emulator would otherwise run the job at the wrong times.
 */
import { ErrorCodes, ODataError, badRequest } from '../errors.js';

/** How to find a recurring job's next run from its last start. */
export type Recurrence = { unit: 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY'; interval: number };

/** Reads a `RecurrencePattern`; `undefined` for `''` (one run). */
export function readRecurrence(pattern: string): Recurrence | undefined {
  if (pattern === '') return undefined;
  const parts = pattern.split(';').filter((part) => part !== '');
  const rule = new Map(parts.map((part) => part.split('=') as [string, string]));
  if (parts.some((part) => !/^[A-Z]+=[A-Z0-9,]+$/.test(part)))
    throw badRequest(`'${pattern}' is not a recurrence pattern (FREQ=DAILY;INTERVAL=7;).`);
  const unit = rule.get('FREQ');
  if (!unit || !['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(unit))
    throw badRequest(`The recurrence pattern '${pattern}' has no FREQ the emulator knows.`);
  const extra = [...rule.keys()].find((key) => key !== 'FREQ' && key !== 'INTERVAL');
  if (extra !== undefined)
    throw new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement the recurrence part ${extra}.`);
  const interval = Number(rule.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) throw badRequest(`The INTERVAL of '${pattern}' must be a whole number ≥ 1.`);
  return { unit: unit as Recurrence['unit'], interval };
}

/** The run after one that started at `from` (epoch ms). */
export function nextRun(recurrence: Recurrence, from: number): number {
  const date = new Date(from);
  const n = recurrence.interval;
  switch (recurrence.unit) {
    case 'HOURLY':
      return from + n * 3_600_000;
    case 'DAILY':
      return from + n * 86_400_000;
    case 'WEEKLY':
      return from + n * 7 * 86_400_000;
    case 'MONTHLY':
      return date.setUTCMonth(date.getUTCMonth() + n);
    case 'YEARLY':
      return date.setUTCFullYear(date.getUTCFullYear() + n);
  }
}
