/**
 * Reads an ISO-8601 date or date-time as epoch milliseconds: how `$filter` literals, choice
 * values and stored dates are compared.
 */

/** ISO-8601 date or date-time → epoch ms (NaN when malformed). A missing offset means UTC. */
export function parseInstant(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0)) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Number(((m[7] ?? '') + '000').slice(0, 3)));
  // Date.UTC rolls 2026-02-30 over into March; reading the parts back catches it.
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return NaN;
  const zone = m[8] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return utc - offset * 60_000;
}
