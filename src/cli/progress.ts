import type { OutputStream } from './io.js';

/**
 * Progress on stderr: on a terminal one line redrawn in place; elsewhere (a log, a pipe) a plain
 * line each time the text's `step` changes, so a log gets a line per tenth, not per batch.
 */
export interface Progress {
  /** Shows `text`; `step` groups updates for plain output (a line when it changes). */
  update(text: string, step?: string | number): void;
  /** Ends the line on a terminal. */
  done(): void;
}

/** Progress to `stream`; silent when `quiet` (`--json` keeps stderr for errors). */
export function progressTo(stream: OutputStream, quiet: boolean): Progress {
  let drawn = false;
  let lastStep: string | number | undefined;
  return {
    update(text, step = text) {
      if (quiet) return;
      if (stream.isTTY) {
        const width = Math.max(20, (stream.columns ?? 100) - 1);
        stream.write(`\r${text.slice(0, width).padEnd(width)}`);
        drawn = true;
      } else if (step !== lastStep) {
        stream.write(`${text}\n`);
      }
      lastStep = step;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
