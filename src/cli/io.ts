/**
 * What the command line reads and writes, so `main` runs the same in a terminal, a script and a
 * test: output streams, the environment, files, a prompt, the token command, Ctrl-C.
 */

/** A stream the command line writes to. */
export interface OutputStream {
  write(text: string): unknown;
  /** True for a terminal: progress is drawn as a bar. */
  isTTY?: boolean;
  /** The terminal's width. */
  columns?: number;
}

/** The world of one run. */
export interface CliIo {
  /** Results: tables, reports, JSON with `--json`. */
  stdout: OutputStream;
  /** Progress, prompts and errors. */
  stderr: OutputStream;
  /** Environment variables (a token in `OMNICHANNEL_TOKEN`, say). */
  env: Readonly<Record<string, string | undefined>>;
  /** Aborts when the user presses Ctrl-C. */
  signal?: AbortSignal;
  /** Asks a question on the terminal and resolves the answer; undefined when there is no terminal to ask. */
  prompt?: (question: string) => Promise<string>;
  /** Reads a text file. */
  readFile(path: string): Promise<string>;
  /** Writes a text file. */
  writeFile(path: string, text: string): Promise<void>;
  /** Runs the admin's token command and resolves what it printed. */
  runCommand(command: string, signal?: AbortSignal): Promise<string>;
  /**
   * The clock, in epoch milliseconds: "now" for the plan's close date, `storage-report
   * --closed-before-days` and, with `--emulator`, the day the seeded org is dated from.
   * @default Date.now
   */
  now?: () => number;
}
