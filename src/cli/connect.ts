/** The client a command talks through: an org with a token, or the built-in emulator. */
import { type Omnichannel, createOmnichannel } from '../index.js';
import { UsageError, type Values } from './args.js';
import type { CliIo } from './io.js';

/** The org URL the emulator answers as: a reserved name, so it can never be a real org. */
export const emulatorOrgUrl = 'https://emulator.invalid';

/** A connected client, and what to stop when the command ends. */
export interface Connection {
  client: Omnichannel;
  /** True against the built-in emulator. */
  emulator: boolean;
  /** Stops what the connection runs. */
  close(): void;
}

/**
 * Connects: `--emulator` starts the seeded org in this process (dated from `io.now`, and its
 * bulk-delete jobs advanced one step before each request the command sends, so a job can be
 * watched to its end, the same way in every run); otherwise `--org` with a token from
 * `--token-command` (run at each refresh; its output, trimmed, is the token) or from the
 * variable `--token-env` names (`OMNICHANNEL_TOKEN` by default). The token is never printed.
 */
export async function connect(values: Values, io: CliIo): Promise<Connection> {
  const apiVersion = values['api-version'];
  const now = io.now;
  if (values.emulator) {
    if (values.org !== undefined) throw new UsageError('--emulator and --org exclude each other');
    const { createOrgEmulator } = await import('../testing/index.js');
    const org = createOrgEmulator(now ? { now: () => new Date(now()) } : {});
    const client = createOmnichannel({
      orgUrl: emulatorOrgUrl,
      apiVersion,
      agentId: org.seedData?.signedInAgentId,
      host: 'builtin',
      ...(now ? { now } : {}),
      // Each request waits for the event loop's next turn, as a request over the network does:
      // in-process answers would otherwise come as microtasks only, and Ctrl-C (a signal
      // event) and the progress written to a pipe would wait until the command ended.
      fetch: async (input, init) => {
        await new Promise((resolve) => setImmediate(resolve));
        org.jobs.step();
        return org.handle(new Request(input, init));
      },
    });
    return { client, emulator: true, close: () => undefined };
  }
  if (values.org === undefined) throw new UsageError('Give --org <url> (with --token-command or --token-env), or --emulator');
  const command = values['token-command'];
  const variable = values['token-env'] ?? 'OMNICHANNEL_TOKEN';
  if (command !== undefined && values['token-env'] !== undefined)
    throw new UsageError('--token-command and --token-env exclude each other');
  if (command === undefined && !io.env[variable]) {
    throw new UsageError(`No token: give --token-command "<command>" or set ${variable} (or name another variable with --token-env)`);
  }
  const client = createOmnichannel({
    orgUrl: values.org,
    apiVersion,
    host: 'builtin',
    ...(now ? { now } : {}),
    getAccessToken: async () => (command === undefined ? io.env[variable]!.trim() : (await io.runCommand(command, io.signal)).trim()),
  });
  return { client, emulator: false, close: () => undefined };
}
