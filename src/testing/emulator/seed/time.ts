/** Time arithmetic of the seed: every date is epoch ms relative to the seed's `now`. */

/** One second in ms. */
export const SECOND = 1000;
/** One minute in ms. */
export const MINUTE = 60 * SECOND;
/** One day in ms. */
export const DAY = 24 * 60 * MINUTE;

/** Epoch ms as the Web API writes dates (ISO 8601, UTC). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The audit columns of a record created at `created` and last changed at `modified`. */
export function stamps(created: number, modified = created): { createdon: string; modifiedon: string } {
  return { createdon: iso(created), modifiedon: iso(modified) };
}
