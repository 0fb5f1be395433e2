#!/usr/bin/env node
// Before the tests: the browser tests (test/e2e) drive Debian's chromium through
// playwright-core, with no browser download. When it is missing, root (CI, the project's
// machines) installs it with apt-get; anyone else is told how to get it, and vitest runs every
// test that needs no browser (see vitest.config.ts).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser tests can run. */
export function hasChromium() {
  return existsSync(chromiumPath);
}

function ensureChromium() {
  if (hasChromium()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.warn(
      `Chromium is not at ${chromiumPath}: the browser tests (test/e2e) will not run.\n` +
        'To run them: sudo apt-get install -y chromium (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
    return;
  }
  console.log('Installing chromium for the browser tests (apt-get, about a minute)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', { stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureChromium();
