// The admin command line end to end against the built-in emulator (--emulator), run in-process
// through `main` with a fake terminal: plan to a file, apply from it, report, job mode, exit
// codes, the confirmation, and Ctrl-C (an aborted signal) stopping cleanly with the report.
import { describe, expect, it } from 'vitest';
import { type CliIo, ExitCode, main } from '../../src/cli/main.js';

interface Fake {
  io: CliIo;
  out: () => string;
  err: () => string;
  files: Map<string, string>;
}

function fake({
  tty = false,
  answer,
  signal,
  env = {},
  onErr,
}: { tty?: boolean; answer?: string; signal?: AbortSignal; env?: Record<string, string>; onErr?: (text: string) => void } = {}): Fake {
  let out = '';
  let err = '';
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: { isTTY: tty, write: (text: string) => (out += text) },
    stderr: {
      isTTY: tty,
      columns: 120,
      write: (text: string) => {
        err += text;
        onErr?.(text);
      },
    },
    env,
    signal,
    prompt: answer === undefined ? undefined : async () => answer,
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
    writeFile: async (path, text) => void files.set(path, text),
    runCommand: async () => 'token',
  };
  return { io, out: () => out, err: () => err, files };
}

/** Runs `retention plan` against the emulator into plan.json of a new fake, and returns it. */
async function planned(extra: string[] = []): Promise<Fake & { plan: any }> {
  const run = fake();
  expect(await main(['retention', 'plan', '--emulator', '--older-than', '7', '--out', 'plan.json', ...extra], run.io)).toBe(ExitCode.Ok);
  return { ...run, plan: JSON.parse(run.files.get('plan.json')!) };
}

/** A fake holding the plan file, to apply it in another run (another process, another emulator of the same seed). */
function withPlan(plan: unknown, options: Parameters<typeof fake>[0] = {}): Fake {
  const run = fake(options);
  run.files.set('plan.json', JSON.stringify(plan));
  return run;
}

describe('omnichannel-sdk retention', () => {
  it('plans into a file, and prints the summary', async () => {
    const { plan, out, err } = await planned();
    expect(plan).toMatchObject({
      kind: 'omnichannel-sdk/retention-plan',
      orgUrl: 'https://emulator.invalid',
      criteria: { olderThanDays: 7 },
    });
    expect(plan.summary.count).toBeGreaterThan(0);
    expect(out()).toMatch(new RegExp(`\n  total +${plan.summary.count} notes`));
    expect(out()).toContain('Plan written to plan.json');
    // Not a terminal: plain progress lines, one per phase.
    expect(err().trim().split('\n')).toHaveLength(4);
  });

  it('applies the plan from the file and reports what it deleted', async () => {
    const { plan } = await planned();
    const run = withPlan(plan);
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--yes', '--batch-size', '5'], run.io)).toBe(ExitCode.Ok);
    expect(run.out()).toMatch(new RegExp(`^Done\\.\\n  deleted +${plan.summary.count} `));
    expect(run.out()).toContain('remaining               0');
  });

  it('prints the report as JSON with --json', async () => {
    const { plan } = await planned();
    const run = withPlan(plan);
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--yes', '--json'], run.io)).toBe(ExitCode.Ok);
    const report = JSON.parse(run.out());
    expect(report).toMatchObject({ mode: 'batch', outcome: 'completed', total: plan.summary.count });
    expect(report.deleted).toHaveLength(plan.summary.count);
    expect(run.err()).toBe('');
  });

  it('draws a progress bar on a terminal', async () => {
    const { plan } = await planned();
    const run = withPlan(plan, { tty: true });
    await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--yes', '--batch-size', '2'], run.io);
    expect(run.err()).toMatch(/\r\[#+-*\] +\d+% /);
    expect(run.err()).toContain('\r[########################] 100%');
  });

  it('asks before deleting, and deletes nothing when the answer is not yes', async () => {
    const { plan } = await planned();
    const declined = withPlan(plan, { answer: 'no' });
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json'], declined.io)).toBe(ExitCode.NotConfirmed);
    expect(declined.out()).toBe('');
    const accepted = withPlan(plan, { answer: 'yes' });
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json'], accepted.io)).toBe(ExitCode.Ok);
  });

  it('refuses to delete without a terminal to ask on and without --yes', async () => {
    const { plan } = await planned();
    const run = withPlan(plan);
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json'], run.io)).toBe(ExitCode.NotConfirmed);
    expect(run.err()).toContain('run again with --yes');
  });

  it('stops cleanly on Ctrl-C, prints what was done and exits 130', async () => {
    const { plan } = await planned();
    const controller = new AbortController();
    let lines = 0;
    const run = withPlan(plan, { signal: controller.signal, onErr: () => ++lines === 1 && controller.abort() });
    // The first progress line presses Ctrl-C.
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--yes', '--batch-size', '1'], run.io)).toBe(
      ExitCode.Interrupted,
    );
    expect(run.out()).toMatch(/^Interrupted \(Aborted\)/);
    expect(run.out()).toMatch(/deleted +1 /);
    expect(run.out()).toContain('Apply the same plan again to delete what is left.');
  });

  it('deletes nothing and exits 130 when Ctrl-C comes at the confirmation question', async () => {
    const { plan } = await planned();
    const controller = new AbortController();
    const run = withPlan(plan, { signal: controller.signal });
    run.io.prompt = async () => {
      controller.abort();
      return '';
    };
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json'], run.io)).toBe(ExitCode.Interrupted);
    expect(run.err()).toContain('Interrupted before anything was deleted.');
    expect(run.out()).toBe('');
  });

  it('submits a bulk-delete job and watches it to the end', async () => {
    const { plan } = await planned();
    const run = withPlan(plan);
    expect(
      await main(
        ['retention', 'apply', '--emulator', '--plan', 'plan.json', '--mode', 'job', '--yes', '--json', '--interval', '0.01'],
        run.io,
      ),
    ).toBe(ExitCode.Ok);
    expect(JSON.parse(run.out())).toMatchObject({ outcome: 'succeeded', successCount: plan.summary.count, failures: [] });
  });

  it('stops watching a job on Ctrl-C (exit 130) and says how to watch it again; the job goes on', async () => {
    const { plan } = await planned();
    const controller = new AbortController();
    const run = withPlan(plan, { signal: controller.signal, onErr: (text) => text.startsWith('Job ') && controller.abort() });
    expect(
      await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--mode', 'job', '--yes', '--interval', '0.01'], run.io),
    ).toBe(ExitCode.Interrupted);
    expect(run.err()).toMatch(
      /Stopped watching job ([0-9a-f-]{36}); it goes on in Dataverse\. Watch it again with: omnichannel-sdk job watch \1\n$/,
    );
  });

  it('submits a job without watching it with --no-watch', async () => {
    const { plan } = await planned();
    const run = withPlan(plan);
    expect(
      await main(
        ['retention', 'apply', '--emulator', '--plan', 'plan.json', '--mode', 'job', '--yes', '--no-watch', '--recurrence', 'FREQ=DAILY;'],
        run.io,
      ),
    ).toBe(ExitCode.Ok);
    expect(run.out()).toMatch(
      /^Submitted job [0-9a-f-]{36} \(Omnichannel retention: .*\)\. Watch it with: omnichannel-sdk job watch [0-9a-f-]{36}\n$/,
    );
  });
});

describe('omnichannel-sdk storage-report and job watch', () => {
  it('reports storage by month', async () => {
    const run = fake();
    expect(await main(['storage-report', '--emulator'], run.io)).toBe(ExitCode.Ok);
    expect(run.out().split('\n')[0]).toMatch(/^month +transcripts +bytes +attachments +bytes$/);
    expect(run.out()).toMatch(/\ntotal +\d+/);
  });

  it('fails (exit 1) to watch a job the org does not have', async () => {
    const run = fake();
    expect(await main(['job', 'watch', '00000000-0000-0000-0000-000000000001', '--emulator'], run.io)).toBe(ExitCode.Failed);
    expect(run.err()).toMatch(
      /^NotFound: .*asyncoperation With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist \(correlation id /,
    );
  });
});

describe('omnichannel-sdk against an org with a token', () => {
  it('runs the named token command, and fails (exit 1) saying it failed, without what it printed', async () => {
    const run = fake();
    const commands: string[] = [];
    run.io.runCommand = async (command) => {
      commands.push(command);
      throw new Error('The token command failed (exit 3)');
    };
    const argv = ['storage-report', '--org', 'https://contoso.crm.dynamics.com', '--token-command', 'az account get-access-token'];
    expect(await main(argv, run.io)).toBe(ExitCode.Failed);
    expect(commands).toEqual(['az account get-access-token']);
    expect(run.err()).toMatch(/^Unauthorized: getAccessToken failed: The token command failed \(exit 3\) \(correlation id /);
  });
});

describe('omnichannel-sdk usage', () => {
  it.each([
    [[], 'Usage: omnichannel-sdk'],
    [['retention', 'purge', '--emulator'], 'Unknown command: retention purge'],
    [['retention', 'plan', '--emulator'], 'retention plan needs --older-than <days>'],
    [['retention', 'plan', '--emulator', '--older-than', 'ninety'], '--older-than must be a whole number'],
    [['retention', 'plan', '--emulator', '--older-than', '7', '--plan', 'x'], '--plan does not apply to retention plan'],
    [['retention', 'apply', '--emulator', '--plan', 'missing.json', '--yes'], '--plan missing.json cannot be read as JSON'],
    [
      ['retention', 'apply', '--emulator', '--plan', 'p.json', '--batch-size', '5000'],
      '--batch-size must be a whole number from 1 to 1000',
    ],
    [
      ['retention', 'apply', '--emulator', '--plan', 'p.json', '--recurrence', 'FREQ=DAILY;'],
      '--recurrence does not apply to --mode batch',
    ],
    [
      ['retention', 'apply', '--emulator', '--plan', 'p.json', '--mode', 'job', '--batch-size', '5'],
      '--batch-size does not apply to --mode job',
    ],
    [
      ['retention', 'apply', '--emulator', '--plan', 'p.json', '--mode', 'job', '--start-at', 'tomorrow'],
      '--start-at must be an ISO 8601 date, got tomorrow',
    ],
    [['job', 'watch', '--emulator'], 'job watch needs the job id'],
    [['retention', 'plan', '--older-than', '7'], 'Give --org <url>'],
    [['retention', 'plan', '--org', 'https://contoso.crm.dynamics.com', '--older-than', '7'], 'No token: give --token-command'],
    [['retention', 'plan', '--emulator', '--bogus'], "Unknown option '--bogus'"],
    [['storage-report', '--emulator', '--org', 'https://contoso.crm.dynamics.com'], '--emulator and --org exclude each other'],
    [
      ['storage-report', '--org', 'https://contoso.crm.dynamics.com', '--token-command', 'x', '--token-env', 'MY_TOKEN'],
      '--token-command and --token-env exclude each other',
    ],
  ])('exits 2 with a message for %j', async (argv, message) => {
    const run = fake();
    expect(await main(argv, run.io)).toBe(ExitCode.Usage);
    expect(run.err() + run.out()).toContain(message);
  });

  it('exits 2 for a plan of another org (the SDK’s InvalidInput)', async () => {
    const { plan } = await planned();
    const run = withPlan({ ...plan, orgUrl: 'https://contoso.crm.dynamics.com' });
    expect(await main(['retention', 'apply', '--emulator', '--plan', 'plan.json', '--yes'], run.io)).toBe(ExitCode.Usage);
    expect(run.err()).toContain('InvalidInput: plan.orgUrl names "https://contoso.crm.dynamics.com"');
  });

  it('prints the usage with --help and exits 0', async () => {
    const run = fake();
    expect(await main(['--help'], run.io)).toBe(ExitCode.Ok);
    expect(run.out()).toContain('Exit codes: 0 done, 1 failed, 2 usage, 3 done with failures, 4 not confirmed, 130 interrupted.');
  });
});

describe('docs/cli.md', () => {
  it('lists every exit code, and only those', async () => {
    const { readGuide } = await import('../docs/support.js');
    const section = readGuide('docs/cli.md').split('### Exit codes')[1]!.split('###')[0]!;
    const listed = [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(listed).toEqual(Object.values(ExitCode));
  });
});
