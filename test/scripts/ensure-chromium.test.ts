// @vitest-environment node
// `npm test` on a machine without Chromium: root installs it; anyone else is told how to get it
// and still runs every test that needs no browser.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const missing = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', CI: '' };
/** Runs a command as an unprivileged user (the suite may run as root, as CI does). */
const unprivileged = (command: string[]) =>
  process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;

describe('npm test without Chromium, not as root', () => {
  it('says how to get Chromium and does not fail the run', () => {
    // A copy the unprivileged user can read wherever the checkout is (a clone in a 0700 temp dir).
    const dir = mkdtempSync(join(tmpdir(), 'ensure-chromium-'));
    chmodSync(dir, 0o755);
    const script = join(dir, 'ensure-chromium.mjs');
    copyFileSync(join(root, 'scripts/ensure-chromium.mjs'), script);
    chmodSync(script, 0o644);
    const [file, ...args] = unprivileged([process.execPath, script]);
    const result = spawnSync(file!, args, { cwd: dir, env: missing, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('the browser tests (test/e2e) will not run');
    expect(result.stderr).toContain('apt-get install -y chromium');
    expect(result.stderr).toContain('CHROMIUM_PATH');
  });

  it('leaves the browser tests out of the run and keeps the others', () => {
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const result = spawnSync(process.execPath, [vitest, 'list', '--filesOnly', 'test/e2e', 'test/odata/literals'], {
      cwd: root,
      env: missing,
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('literals.test.ts');
    expect(result.stdout).not.toContain('e2e');
  });

  it('keeps the browser tests in CI, where a missing Chromium must fail', () => {
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const result = spawnSync(process.execPath, [vitest, 'list', '--filesOnly', 'test/e2e'], {
      cwd: root,
      env: { ...missing, CI: 'true' },
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('test/e2e/demo.test.ts');
  });
});
