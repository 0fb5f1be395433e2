/**
 * The `omnichannel-sdk` executable (`dist/cli.mjs`): runs `main` with this process's streams,
 * files and environment. The first Ctrl-C stops the command cleanly (it reports what was done
 * and exits 130); a second one exits at once.
 */
import { exec } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { main } from './main.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n');
  controller.abort();
});

const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
  prompt: interactive
    ? async (question) => {
        const lines = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return await lines.question(question, { signal: controller.signal });
        } catch {
          return '';
        } finally {
          lines.close();
        }
      }
    : undefined,
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  runCommand: (command, signal) =>
    new Promise((resolve, reject) => {
      exec(command, { signal, maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout) => {
        // The command's own output is not repeated: it may hold the token.
        if (error) reject(new Error(`The token command failed (exit ${error.code ?? 'unknown'})`));
        else resolve(stdout);
      });
    }),
});
