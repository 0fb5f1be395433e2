/**
 * The exit codes of `omnichannel-sdk`, which scripts can trust (docs/cli.md lists them).
 */
export const ExitCode = Object.freeze({
  /** Done; nothing failed. */
  Ok: 0,
  /** Failed: the service, the network or the token (the message says which). */
  Failed: 1,
  /** Wrong usage: an unknown command or option, a missing argument, an unreadable plan file. */
  Usage: 2,
  /** Done, but not everything: notes that could not be deleted, a job that finished partly, failed or was canceled. */
  Incomplete: 3,
  /** Nothing deleted: the confirmation was declined, or there was no terminal to ask and no `--yes`. */
  NotConfirmed: 4,
  /** Stopped by Ctrl-C (SIGINT); what was done before is reported. */
  Interrupted: 130,
} as const);
