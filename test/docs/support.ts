// What the docs tests share: reading a guide's code blocks and proving each one runs here.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A guide's text, by path from the repository root. */
export function readGuide(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** The fenced code blocks of one language (`ts`, `js`, `sh`, …) in a guide, in order. */
export function codeBlocks(guide: string, language: string): string[] {
  return [...guide.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]!);
}

/** Whitespace-insensitive text: indentation and line breaks differ between guide and test. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of the docs tests (test/docs/*.test.ts), normalised, to search a block in. */
export function docsTests(): string {
  const here = join(repoRoot, 'test/docs');
  return readdirSync(here)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => normalise(readFileSync(join(here, name), 'utf8')))
    .join('\n');
}

/**
 * Asserts that every block is in `tested` as written, but for its import lines: the tests
 * import from src/ where the guide imports the package.
 */
export function expectBlocksTested(guidePath: string, blocks: readonly string[], tested: string): void {
  expect(blocks.length, `${guidePath} has no code blocks to check`).toBeGreaterThan(0);
  for (const block of blocks) {
    const code = normalise(block.split('\n').filter((line) => !/^import\s/.test(line)).join('\n'));
    expect(tested, `this block of ${guidePath} is not in test/docs:\n${block}`).toContain(code);
  }
}

/** Where the tests find what the guides import from the package. */
const sourceOf: Readonly<Record<string, string>> = {
  'omnichannel-sdk': '../../src/index.js',
  'omnichannel-sdk/testing': '../../src/testing/index.js',
  'omnichannel-sdk/testing/msw': '../../src/testing/msw.js',
  'omnichannel-sdk/ui': '../../src/ui/index.js',
};

/** Asserts that every name the blocks import from the package exists there (as the tests import it). */
export function expectImportsExist(guidePath: string, blocks: readonly string[]): void {
  const sources = readdirSync(join(repoRoot, 'test/docs'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(repoRoot, 'test/docs', name), 'utf8'))
    .join('\n');
  const importsOf = (text: string) => [...text.matchAll(/^import \{([^}]*)\} from '([^']+)';$/gm)];
  for (const [, list, module] of importsOf(blocks.join('\n')).filter((match) => !match[2]!.startsWith('.'))) {
    const available = new Set(
      importsOf(sources)
        .filter((match) => match[2] === (sourceOf[module!] ?? module))
        .flatMap((match) => names(match[1]!)),
    );
    for (const name of names(list!)) expect(available.has(name), `${guidePath} imports ${name} from '${module}'`).toBe(true);
  }
}

/** `a, type B, c as d` → ['a', 'type B', 'c as d'], trimmed. */
function names(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Every `OmnichannelErrorCode`, read from its declaration so a new code must be documented. */
export function errorCodes(): string[] {
  const source = readFileSync(join(repoRoot, 'src/http/errors.ts'), 'utf8');
  const union = /export type OmnichannelErrorCode =([\s\S]*?);/.exec(source)![1]!;
  return [...union.matchAll(/'([A-Za-z]+)'/g)].map((match) => match[1]!);
}

/** Every option of `createOmnichannel`, read from the client's list of option names. */
export function optionNames(): string[] {
  // A connection's options (src/connection.ts), then the client's own (src/client.ts).
  const names = (file: string, list: RegExp) => {
    const source = readFileSync(join(repoRoot, file), 'utf8');
    return [...list.exec(source)![1]!.matchAll(/(\w+): true/g)].map((match) => match[1]!);
  };
  const connection = names('src/connection.ts', /const connectionOptionNames[\s\S]*?Object\.keys\(\{([\s\S]*?)\}\s*satisfies/);
  const client = names('src/client.ts', /const optionNames[\s\S]*?Object\.keys\(\{([\s\S]*?)\}\s*satisfies/);
  expect(connection).toContain('orgUrl');
  expect(client).toContain('host');
  return [...connection, ...client];
}
