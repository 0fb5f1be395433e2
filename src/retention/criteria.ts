import { invalidInput } from '../http/errors.js';
import { guid, preview } from '../odata/literals.js';
import type { RetentionContent, RetentionCriteria } from './types.js';

/** A day in milliseconds. @internal */
export const dayMs = 86_400_000;

const contents: ReadonlySet<string> = new Set<RetentionContent>(['transcripts', 'attachments']);
const criteriaKeys = new Set(['olderThanDays', 'include', 'channels', 'queues']);

/**
 * Checks retention criteria and returns them normalised (queue ids lower case, no repeats).
 * Throws `InvalidInput` naming the field; nothing is sent.
 * @internal
 */
export function readCriteria(input: unknown, field = 'criteria'): RetentionCriteria {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidInput(field, 'must be an object');
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !criteriaKeys.has(key));
  if (unknown !== undefined)
    throw invalidInput(`${field}.${unknown}`, `is not a retention criterion (expected ${[...criteriaKeys].join(', ')})`);
  const days = given.olderThanDays;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 36_500) {
    throw invalidInput(`${field}.olderThanDays`, `must be a whole number of days from 1 to 36500, got ${preview(days)}`);
  }
  if (!Array.isArray(given.include) || given.include.length === 0) {
    throw invalidInput(`${field}.include`, "must list 'transcripts', 'attachments' or both");
  }
  const include = [...new Set(given.include as unknown[])].map((item, index) => {
    if (typeof item !== 'string' || !contents.has(item)) {
      throw invalidInput(`${field}.include[${index}]`, `must be 'transcripts' or 'attachments', got ${preview(item)}`);
    }
    return item as RetentionContent;
  });
  const criteria: RetentionCriteria = { olderThanDays: days as number, include };
  if (given.channels !== undefined) criteria.channels = list(given.channels, `${field}.channels`, channel);
  if (given.queues !== undefined) criteria.queues = list(given.queues, `${field}.queues`, (value, name) => guid(value, name));
  return criteria;
}

function list<T>(value: unknown, field: string, read: (item: unknown, field: string) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidInput(field, 'must be a non-empty array when given');
  if (value.length > 100) throw invalidInput(field, `may list at most 100 values, got ${value.length}`);
  return [...new Set(value.map((item, index) => read(item, `${field}[${index}]`)))];
}

function channel(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw invalidInput(field, `must be a channel value (Channel), got ${preview(value)}`);
  return value as number;
}

/** The close date criteria mean at `now`: `now` minus `olderThanDays` days. @internal */
export function closedBefore(criteria: RetentionCriteria, now: number): Date {
  return new Date(now - criteria.olderThanDays * dayMs);
}

/** The kinds of note criteria include. @internal */
export function kindsOf(criteria: Pick<RetentionCriteria, 'include'>): { transcripts: boolean; attachments: boolean } {
  return { transcripts: criteria.include.includes('transcripts'), attachments: criteria.include.includes('attachments') };
}

/** `transcripts and attachments`, `transcripts`, `attachments`: for job names and messages. @internal */
export function describeContent(criteria: Pick<RetentionCriteria, 'include'>): string {
  return [...criteria.include].sort().reverse().join(' and ');
}
