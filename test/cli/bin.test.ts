// The built executable (dist/cli.mjs, `bin` of the package): a shebang, the package's own entries
// as imports, Ctrl-C (SIGINT) stopping a run cleanly with the report of what was done, and the
// token taken from the admin's command or an environment variable, sent to the org (a loopback
// emulator server) and never printed.
// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorServer, startEmulatorServer } from '../../src/testing/index.js';
import { repoRoot } from '../docs/support.js';

const cli = join(repoRoot, 'dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'omnichannel-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI; `onStderr` sees stderr as it comes, with the child to signal. */
function run(
  args: string[],
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OMNICHANNEL_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('dist/cli.mjs', () => {
  it('starts with a shebang and imports the SDK and the testing kit by package name', () => {
    const code = readFileSync(cli, 'utf8');
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(code).toMatch(/from 'omnichannel-sdk'/);
    expect(code).toMatch(/import\('omnichannel-sdk\/testing'\)/);
  });

  it('stops on SIGINT with exit code 130 and prints the report of what was done', async () => {
    expect((await run(['retention', 'plan', '--emulator', '--older-than', '1', '--out', 'plan.json'])).code).toBe(0);
    // Many more notes than the seed has (the unknown ones answer 404), so the run is still going when SIGINT comes.
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    const extra = Array.from({ length: 3000 }, (_, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      kind: 'attachment',
      bytes: 0,
    }));
    plan.conversations[0].notes.push(...extra);
    writeFileSync(join(dir, 'big.json'), JSON.stringify(plan));
    let signalled = false;
    const result = await run(['retention', 'apply', '--emulator', '--plan', 'big.json', '--yes', '--batch-size', '1'], (stderr, child) => {
      if (!signalled && stderr.includes('requests')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopping… (Ctrl-C again to quit at once)');
    expect(result.stdout).toMatch(/^Interrupted \(Aborted\): The call was aborted\./);
    expect(result.stdout).toMatch(/remaining +[1-9]/);
  }, 60_000);
});

describe('dist/cli.mjs against an org URL', () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer();
  });
  afterAll(() => server.close());

  /** A shell command that prints `text` (and exits with `code`), as `az account get-access-token` would. */
  const printing = (text: string, code = 0) => `"${process.execPath}" -e "process.stdout.write('${text}\\n'); process.exitCode = ${code}"`;
  const authorizations = () => new Set(server.emulator.requests.map((request) => request.headers.get('authorization')));

  it('sends the token the --token-command prints (trimmed) and never prints it', async () => {
    server.emulator.requests.length = 0;
    const result = await run([
      'retention',
      'plan',
      '--org',
      server.url,
      '--older-than',
      '7',
      '--token-command',
      printing('s3cret-from-command'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Plan for ${server.url}`);
    expect(authorizations()).toEqual(new Set(['Bearer s3cret-from-command']));
    expect(result.stdout + result.stderr).not.toContain('s3cret');
  }, 60_000);

  it('sends the token of the variable --token-env names, or of OMNICHANNEL_TOKEN', async () => {
    server.emulator.requests.length = 0;
    const named = await run(['storage-report', '--org', server.url, '--token-env', 'MY_ORG_TOKEN'], undefined, {
      MY_ORG_TOKEN: 's3cret-from-variable',
    });
    expect(named.code).toBe(0);
    expect(authorizations()).toEqual(new Set(['Bearer s3cret-from-variable']));
    server.emulator.requests.length = 0;
    const fallback = await run(['storage-report', '--org', server.url], undefined, { OMNICHANNEL_TOKEN: 's3cret-default' });
    expect(fallback.code).toBe(0);
    expect(authorizations()).toEqual(new Set(['Bearer s3cret-default']));
    expect(named.stdout + named.stderr + fallback.stdout + fallback.stderr).not.toContain('s3cret');
  }, 60_000);

  it('fails (exit 1) when the token command fails, sends nothing and does not repeat what it printed', async () => {
    server.emulator.requests.length = 0;
    const result = await run(['storage-report', '--org', server.url, '--token-command', printing('s3cret-half-printed', 3)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The token command failed (exit 3)');
    expect(result.stdout + result.stderr).not.toContain('s3cret');
    expect(server.emulator.requests).toHaveLength(0);
  }, 60_000);

  it('plans, submits a job without watching it, and follows it with job watch to the end (exit 0), or to a partial failure (exit 3)', async () => {
    const token = { OMNICHANNEL_TOKEN: 's3cret-watch' };
    const org = ['--org', server.url];
    const stop = server.emulator.jobs.startTimer(20);
    try {
      expect((await run(['retention', 'plan', ...org, '--older-than', '7', '--out', 'served.json'], undefined, token)).code).toBe(0);
      const planned = JSON.parse(readFileSync(join(dir, 'served.json'), 'utf8'));
      const submit = await run(
        ['retention', 'apply', ...org, '--plan', 'served.json', '--mode', 'job', '--no-watch', '--yes', '--json'],
        undefined,
        token,
      );
      expect(submit.code).toBe(0);
      const { jobId } = JSON.parse(submit.stdout);
      const watched = await run(['job', 'watch', jobId, ...org, '--interval', '0.05', '--json'], undefined, token);
      expect(watched.code).toBe(0);
      expect(JSON.parse(watched.stdout)).toMatchObject({ jobId, outcome: 'succeeded', successCount: planned.summary.count });

      // A second job over other notes, one of which the org refuses to delete.
      const next = await run(
        ['retention', 'plan', ...org, '--older-than', '1', '--include', 'transcripts', '--out', 'next.json'],
        undefined,
        token,
      );
      expect(next.code).toBe(0);
      const locked = JSON.parse(readFileSync(join(dir, 'next.json'), 'utf8')).conversations[0].notes[0].id;
      server.emulator.jobs.failWhen = ({ id }) => (id === locked ? 'The record is locked.' : undefined);
      const partial = await run(
        ['retention', 'apply', ...org, '--plan', 'next.json', '--mode', 'job', '--yes', '--interval', '0.05'],
        undefined,
        token,
      );
      expect(partial.code).toBe(3);
      expect(partial.stdout).toMatch(/: partial \(Succeeded\); deleted \d+, failed 1;/);
      expect(partial.stdout).toContain(`failed: annotation ${locked}: The record is locked.`);
    } finally {
      stop();
      server.emulator.jobs.failWhen = undefined;
    }
  }, 60_000);
});
