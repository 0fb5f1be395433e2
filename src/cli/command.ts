/** What a command is given, and how it writes its result. */
import type { Values } from './args.js';
import type { Connection } from './connect.js';
import type { CliIo } from './io.js';
import { type Progress, progressTo } from './progress.js';

/** One run of one command. */
export interface CommandContext {
  values: Values;
  /** The positional arguments after the command's words (a job id). */
  args: string[];
  io: CliIo;
  connection: Connection;
  progress: Progress;
}

/** A command: the options it takes besides the common ones, and what it does; resolves the exit code. */
export interface Command {
  options: readonly string[];
  /** Positional arguments it takes (`<jobId>`). */
  args?: readonly string[];
  /** Whether it needs a connection (all do today). */
  run(context: CommandContext): Promise<number>;
}

/** Writes the result: JSON with `--json`, else the human text. */
export function output(context: Pick<CommandContext, 'values' | 'io'>, json: unknown, human: () => string): void {
  context.io.stdout.write(context.values.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

/** Progress on stderr, quiet with `--json`. */
export function progressFor(io: CliIo, values: Values): Progress {
  return progressTo(io.stderr, values.json === true);
}

/**
 * Asks before deleting, unless `--yes`: true to go on. Without a terminal to ask (a script, a
 * pipe) it answers false, so nothing is deleted by accident.
 */
export async function confirm(context: CommandContext, question: string): Promise<boolean> {
  if (context.values.yes) return true;
  if (!context.io.prompt) {
    context.io.stderr.write(`${question}\nNo terminal to confirm on: run again with --yes to go ahead.\n`);
    return false;
  }
  const answer = await context.io.prompt(`${question} Type yes to go ahead: `);
  return /^\s*y(es)?\s*$/i.test(answer);
}
