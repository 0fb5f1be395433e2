import fc from 'fast-check';

/**
 * Cases per property: 10,000 in CI (`CI=true`), 1,000 on a developer's machine, or
 * `PROPERTY_RUNS`. Every property runs from one seed, printed by fast-check with the shrunk
 * counterexample on failure; `PROPERTY_SEED=<seed>` replays a run.
 */
export const runs = Number(process.env.PROPERTY_RUNS ?? (process.env.CI ? 10_000 : 1_000));
export const seed = Number(process.env.PROPERTY_SEED ?? 20_261_202);

/** fast-check's parameters for one property of this suite. */
export const settings = { numRuns: runs, seed } as const;

/** Characters that break URLs, filters, headers and bodies, alone and in runs. */
const hostileCharacters = [
  "'",
  "''",
  '"',
  '&',
  '#',
  '%',
  '%27',
  '%00',
  '%2e',
  '$',
  '?',
  '=',
  '+',
  ',',
  ';',
  '/',
  '\\',
  '..',
  '@',
  '(',
  ')',
  '[',
  ']',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\0',
  '\u2028',
  'é',
  'İ',
  '名前',
  '😀',
  '\u0301',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  'eq',
  ' or 1 eq 1',
];

/**
 * Text an attacker, a careless caller or a strange record could hand the SDK: any UTF-16 code
 * units (lone surrogates, NUL, controls), runs of URL and OData syntax, unicode, and values far
 * longer than a URL may be.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 8 },
  { arbitrary: fc.array(fc.constantFrom(...hostileCharacters), { maxLength: 12 }).map((parts) => parts.join('')), weight: 8 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 4 },
  // Past Dataverse's 32 KB URL limit once encoded.
  {
    arbitrary: fc.tuple(fc.constantFrom('a', "'", '%', 'é', '\n'), fc.integer({ min: 1_000, max: 33_000 })).map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
);

/** True for text without a lone surrogate: what a URL (UTF-8) can carry. */
export function wellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** A property test's time limit: 10,000 cases of long values take seconds, not vitest's default 5. */
export const timeout = 120_000;
