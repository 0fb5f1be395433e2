/** Options of {@link createOrgEmulator}. */
export interface OrgEmulatorOptions {
  /**
   * Seed of the random source behind ids and the seed data: the same seed gives the same org.
   * @default 1
   */
  seed?: number;
  /**
   * `'contact-centre'` fills the org with agents, queues, conversations of every status,
   * sessions, transcripts and more ({@link OrgEmulator.seedData} lists the notable ids);
   * `'empty'` starts with no records.
   * @default 'contact-centre'
   */
  data?: 'contact-centre' | 'empty';
  /**
   * The emulator's clock: `createdon` of new records, and the "now" the seed data is dated from.
   * @default the real clock
   */
  now?: Date | (() => Date);
  /**
   * How many requests {@link OrgEmulator.requests} keeps: the newest ones, so an emulator left
   * serving for days (`npm start`) does not grow without end. `0` records none; `Infinity`
   * keeps every request.
   * @default 1000
   */
  maxRecordedRequests?: number;
}

/** The default of {@link OrgEmulatorOptions.maxRecordedRequests}. */
const defaultMaxRecordedRequests = 1000;

/** The emulator's clock from its `now` option. @internal */
export function clockOf(now: OrgEmulatorOptions['now']): () => Date {
  if (typeof now === 'function') return now;
  if (now) return () => now;
  return () => new Date();
}

/** `maxRecordedRequests`, checked: a whole number ≥ 0, or `Infinity`. @internal */
export function recordedRequestLimit(options: OrgEmulatorOptions): number {
  const limit = options.maxRecordedRequests ?? defaultMaxRecordedRequests;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError('OrgEmulatorOptions.maxRecordedRequests must be a whole number ≥ 0, or Infinity');
  }
  return limit;
}
