// The sample output of docs/cli.md is real: every `$ npx omnichannel-sdk …` line of its
// ```console blocks runs here through the command line's `main` against --emulator (the clock
// fixed at `now`, files shared from block to block as in one folder, no terminal), and what it
// prints, stderr and stdout in the order written, must be the lines under it. GUIDs (job ids,
// correlation ids) are compared as shapes; a block whose output ends with `…` is compared up to
// there; `$ echo $?` gives the exit code; a `^C` line presses Ctrl-C after the lines above it,
// as the executable does (test/cli/bin.test.ts checks that one in a real process).
// `UPDATE_DOCS=1 npx vitest run test/docs/cli-guide.test.ts` writes the output of this run into
// the guide instead.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, ExitCode, main } from '../../src/cli/main.js';
import { codeBlocks, readGuide, repoRoot } from './support.js';

const guidePath = 'docs/cli.md';
/** The clock of every run: the emulator's org is dated from it, and the plan's close date. */
const now = Date.parse('2026-12-01T09:00:00.000Z');
const interrupt = '^C';
const stopping = 'Stopping… (Ctrl-C again to quit at once)';

/** One `$ …` line of a block and the lines under it. */
interface Step {
  command: string;
  expected: string[];
}

function stepsOf(block: string): Step[] {
  const steps: Step[] = [];
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length > 0) steps.at(-1)!.expected.push(line);
    else throw new Error(`${guidePath}: a console block starts with output: ${line}`);
  }
  return steps;
}

/** Words of a command as a shell splits them (double quotes only); `</dev/null` dropped. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!).filter((word) => word !== '</dev/null');
}

/** Runs one command line as the doc shows it; the files persist between runs. */
async function run(argv: string[], files: Map<string, string>, interruptAfterLines?: number): Promise<{ text: string; code: number }> {
  let text = '';
  const controller = new AbortController();
  const write = (chunk: string) => {
    text += chunk;
    if (interruptAfterLines !== undefined && !controller.signal.aborted && text.split('\n').length > interruptAfterLines) {
      text += `${interrupt}\n${stopping}\n`;
      controller.abort();
    }
  };
  const io: CliIo = {
    stdout: { write },
    stderr: { write },
    env: {},
    signal: controller.signal,
    now: () => now,
    readFile: async (path) => {
      const content = files.get(path);
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
    writeFile: async (path, content) => void files.set(path, content),
    runCommand: async () => {
      throw new Error('no token command in the guide’s runs');
    },
  };
  const code = await main(argv, io);
  return { text: text.replace(/\n$/, ''), code };
}

const shape = (lines: readonly string[]) =>
  lines.map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<guid>').trimEnd());

describe('docs/cli.md sample output', () => {
  const guide = readGuide(guidePath);
  const blocks = codeBlocks(guide, 'console');
  const update = process.env.UPDATE_DOCS === '1';

  it('is what the command line prints today, block by block', async () => {
    expect(blocks.length).toBeGreaterThan(5);
    const files = new Map<string, string>();
    const rewritten: string[] = [];
    let commands = 0;
    for (const block of blocks) {
      const out: string[] = [];
      let last: { code: number } | undefined;
      const steps = stepsOf(block);
      for (const [index, step] of steps.entries()) {
        out.push(`$ ${step.command}`);
        const argv = words(step.command);
        if (step.command === 'echo $?') {
          expect(last, 'echo $? follows a command').toBeDefined();
          if (!update) expect(`${last!.code}`, `${guidePath}: the exit code of the command before`).toBe(step.expected.join('\n'));
          out.push(`${last!.code}`);
          continue;
        }
        expect(argv.slice(0, 2), `${guidePath}: a command of a console block`).toEqual(['npx', 'omnichannel-sdk']);
        const cut = step.expected.indexOf(interrupt);
        const result = await run(argv.slice(2), files, cut < 0 ? undefined : cut);
        commands++;
        last = result;
        const actual = result.text.split('\n');
        const elided = step.expected.at(-1) === '…';
        const expected = elided ? step.expected.slice(0, -1) : step.expected;
        out.push(...(elided ? [...actual.slice(0, expected.length), '…'] : actual));
        if (!update) {
          expect(shape(elided ? actual.slice(0, expected.length) : actual), `${guidePath}: $ ${step.command}`).toEqual(shape(expected));
        }
        // A command without `echo $?` after it is shown succeeding.
        if (steps[index + 1]?.command !== 'echo $?') expect(result.code, `${guidePath}: $ ${step.command}`).toBe(ExitCode.Ok);
      }
      rewritten.push(out.join('\n'));
    }
    expect(commands).toBeGreaterThan(8);
    if (update) {
      let index = 0;
      const text = guide.replace(/```console\n[\s\S]*?```/g, () => `\`\`\`console\n${rewritten[index++]}\n\`\`\``);
      writeFileSync(join(repoRoot, guidePath), text);
    }
  }, 60_000);

  it('shows every command of the command line at least once', () => {
    const shown = blocks.join('\n');
    for (const command of ['storage-report', 'retention plan', 'retention apply', 'job watch'])
      expect(shown).toContain(`$ npx omnichannel-sdk ${command}`);
    for (const option of ['--json', '--yes', '--mode job', '--out', '--plan', '--no-watch']) expect(shown).toContain(option);
  });
});
