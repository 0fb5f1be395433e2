/**
 * The longest delay `setTimeout` can hold: 2^31−1 ms (about 24.8 days). A longer one does
 * not wait longer: it overflows and fires after about 1 ms, which would turn a long wait
 * into an immediate retry or an immediate timeout.
 * @internal
 */
export const maxTimerDelayMs = 2 ** 31 - 1;

/**
 * A delay `setTimeout` honours: `ms` clamped to `[0, maxTimerDelayMs]` (NaN reads as 0).
 * Every timer of the SDK goes through it, so a delay from the server (`Retry-After`) can
 * never overflow.
 * @internal
 */
export function timerDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, maxTimerDelayMs) : 0;
}
