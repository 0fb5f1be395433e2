// Side-by-side measurement: candidates run in turn, round after round (A B C A B C …), so a
// machine that speeds up or slows down during the run moves them all alike; each figure is
// the median over the rounds, with the 25th and 75th percentiles, and each candidate's
// ratio to the baseline is taken round by round before its median is taken.
import { performance } from 'node:perf_hooks';

/** CPU time of this process (user + system), in ms: what the client spends, not what the machine's other work steals. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export const wallMs = () => performance.now();

/** The q-quantile (0…1) of numbers, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

export const median = (values) => quantile(values, 0.5);

/** `{ median, p25, p75 }` of numbers. */
export function spread(values) {
  return { median: quantile(values, 0.5), p25: quantile(values, 0.25), p75: quantile(values, 0.75) };
}

/**
 * Runs each candidate `batch` times a round, in turn, for `rounds` rounds after `warmup` calls
 * of each, and returns per candidate the spread of its per-call time (µs) on each clock and,
 * against the first candidate (the baseline), the spread of the per-round ratio and difference.
 * @param {{ name: string, run: () => unknown }[]} candidates the baseline first
 * @param {{ rounds?: number, batch?: number, warmup?: number, clocks?: Record<string, () => number>, settle?: boolean }} [options]
 */
export async function compare(
  candidates,
  { rounds = 25, batch = 200, warmup = 200, clocks = { cpu: cpuMs, wall: wallMs }, settle = true } = {},
) {
  for (let i = 0; i < warmup; i++) for (const candidate of candidates) await candidate.run();
  const samples = candidates.map(() => Object.fromEntries(Object.keys(clocks).map((clock) => [clock, []])));
  for (let round = 0; round < rounds; round++) {
    // The order turns each round, so no candidate always runs right after the same one.
    for (let k = 0; k < candidates.length; k++) {
      const index = (k + round) % candidates.length;
      const { run } = candidates[index];
      // Each batch starts on a collected heap, the collector's helper threads done (5 ms): no
      // candidate pays for another's garbage.
      if (settle && globalThis.gc) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const start = Object.fromEntries(Object.entries(clocks).map(([clock, read]) => [clock, read()]));
      for (let i = 0; i < batch; i++) await run();
      for (const [clock, read] of Object.entries(clocks)) samples[index][clock].push(((read() - start[clock]) / batch) * 1000);
    }
  }
  return candidates.map((candidate, index) => ({ name: candidate.name, ...pairedSpreads(samples, index, Object.keys(clocks)) }));
}

/**
 * Each clock's spread for candidate `index` of `samples` (one array of per-round values per
 * clock), with its ratio to and extra over candidate 0, round by round.
 */
export function pairedSpreads(samples, index, clocks) {
  const result = {};
  for (const clock of clocks) {
    const own = samples[index][clock];
    const base = samples[0][clock];
    result[clock] = {
      ...spread(own),
      ratio: spread(own.map((value, round) => value / base[round])),
      extra: spread(own.map((value, round) => value - base[round])),
    };
  }
  return result;
}

/** Formats µs: 3 significant figures. */
export function us(value) {
  if (value === undefined || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  return abs >= 1000 ? value.toFixed(0) : abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `median [p25–p75]`. */
export function range(s, format = us) {
  return `${format(s.median)} [${format(s.p25)}–${format(s.p75)}]`;
}

/** Prints rows as an aligned table (and returns its text, for RESULTS.md). */
export function table(title, header, rows) {
  const widths = header.map((cell, column) => Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  const text = [`\n${title}\n`, line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  console.log(text);
  return text;
}

/** Heap in use after a full collection, in MB (needs --expose-gc). */
export function heapMb() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
