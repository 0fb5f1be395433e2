/**
 * `omnichannel-sdk`, the command line for admins: storage report, retention plan and apply, job
 * watch, against an org (with a token from a command or a variable) or the built-in emulator.
 * `main` takes the arguments and the world it runs in, and resolves the exit code.
 */
import { isOmnichannelError } from '../index.js';
import { UsageError, commonOptions, parse, usage } from './args.js';
import { type Command, progressFor } from './command.js';
import { jobWatchCommand } from './commands/jobWatch.js';
import { retentionApplyCommand } from './commands/retentionApply.js';
import { retentionPlanCommand } from './commands/retentionPlan.js';
import { storageReportCommand } from './commands/storageReport.js';
import { connect } from './connect.js';
import { ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';

export { ExitCode } from './exitCodes.js';
export type { CliIo, OutputStream } from './io.js';

/** Commands by their words. */
const commands: Readonly<Record<string, Command>> = {
  'storage-report': storageReportCommand,
  'retention plan': retentionPlanCommand,
  'retention apply': retentionApplyCommand,
  'job watch': jobWatchCommand,
};

/** Runs one command line (`argv` without `node` and the script) and resolves its exit code. Never rejects. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let close: () => void = () => undefined;
  try {
    const { values, positionals } = parse(argv);
    if (values.help || positionals.length === 0) {
      io.stdout.write(usage);
      return positionals.length === 0 && !values.help ? ExitCode.Usage : ExitCode.Ok;
    }
    const words = positionals[0] === 'storage-report' ? 1 : 2;
    const name = positionals.slice(0, words).join(' ');
    const command = commands[name];
    if (!command) throw new UsageError(`Unknown command: ${name}`);
    const args = positionals.slice(words);
    if (args.length > (command.args?.length ?? 0)) throw new UsageError(`Unexpected argument: ${args[command.args?.length ?? 0]}`);
    const allowed = new Set<string>([...commonOptions, ...command.options]);
    const stray = Object.keys(values).find((option) => !allowed.has(option));
    if (stray) throw new UsageError(`--${stray} does not apply to ${name}`);
    const connection = await connect(values, io);
    close = connection.close;
    return await command.run({ values, args, io, connection, progress: progressFor(io, values) });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${usage}`);
      return ExitCode.Usage;
    }
    if (isOmnichannelError(error)) {
      if (error.code === 'Aborted') {
        io.stderr.write('Interrupted.\n');
        return ExitCode.Interrupted;
      }
      // The token provider is this command line's own: its failure says what failed, never the token.
      const cause = error.code === 'Unauthorized' && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      io.stderr.write(`${error.code}: ${error.message}${cause}${error.correlationId ? ` (correlation id ${error.correlationId})` : ''}\n`);
      return error.code === 'InvalidInput' ? ExitCode.Usage : ExitCode.Failed;
    }
    io.stderr.write(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Failed;
  } finally {
    close();
  }
}
