/** The command line's options and commands, read with `node:util` `parseArgs`. */
import { parseArgs } from 'node:util';

/** Every option, for `parseArgs`. */
export const options = {
  org: { type: 'string' },
  'token-command': { type: 'string' },
  'token-env': { type: 'string' },
  'api-version': { type: 'string' },
  emulator: { type: 'boolean' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
  'group-by': { type: 'string' },
  'closed-before-days': { type: 'string' },
  'older-than': { type: 'string' },
  include: { type: 'string' },
  channel: { type: 'string', multiple: true },
  queue: { type: 'string', multiple: true },
  out: { type: 'string' },
  plan: { type: 'string' },
  mode: { type: 'string' },
  'batch-size': { type: 'string' },
  'job-name': { type: 'string' },
  recurrence: { type: 'string' },
  'start-at': { type: 'string' },
  'no-watch': { type: 'boolean' },
  interval: { type: 'string' },
} as const;

/** The options as read: strings, booleans and string lists. */
export type Values = ReturnType<typeof parse>['values'];

/** Options every command takes. */
export const commonOptions = ['org', 'token-command', 'token-env', 'api-version', 'emulator', 'json', 'yes', 'help'] as const;

/** A usage mistake: exit code 2 with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads the arguments; a `UsageError` for an unknown option or a missing value. */
export function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number option, checked; `undefined` when absent. */
export function wholeNumber(
  values: Values,
  name: keyof typeof options,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${String(text)}`);
  return value;
}

/** The text `--help` prints, and a usage mistake after its message. */
export const usage = `Usage: omnichannel-sdk <command> [options]

Commands:
  storage-report                 Notes and bytes of transcripts and attachments
      [--group-by month|channel|queue] [--closed-before-days <n>]
  retention plan                 Which notes a retention policy deletes (deletes nothing)
      --older-than <days> [--include transcripts,attachments] [--channel <name|value>]…
      [--queue <id>]… [--out <plan.json>]
  retention apply                Deletes a plan's notes
      --plan <plan.json> [--mode batch|job] [--batch-size <1-1000>]
      [--job-name <name>] [--recurrence FREQ=DAILY;INTERVAL=7;] [--start-at <ISO date>]
      [--no-watch] [--interval <seconds>]
  job watch <jobId>              Follows a bulk-delete job until it ends [--interval <seconds>]

Connection (one of):
  --org <url> --token-command "<command that prints a token>"
  --org <url> --token-env <VARIABLE>   (default OMNICHANNEL_TOKEN)
  --emulator                           the built-in seeded org, in this process

Other options:
  --json       print results as JSON on stdout
  --yes, -y    do not ask before deleting
  --help, -h   this text

Exit codes: 0 done, 1 failed, 2 usage, 3 done with failures, 4 not confirmed, 130 interrupted.
`;
