// @vitest-environment node
// The package as a consumer installs it: one SDK shared by its entries, the MSW handlers on a
// subpath of their own, and what `npm pack` ships.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
let workspace: string;

/** A consumer project whose node_modules holds the package (linked, or copied without msw). */
function consumer(name: string, install: 'link' | 'copy-without-msw'): string {
  const dir = join(workspace, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const target = join(dir, 'node_modules/omnichannel-sdk');
  if (install === 'link') {
    symlinkSync(root, target, 'junction');
  } else {
    // A copy outside the repository: nothing up its tree can resolve `msw`.
    mkdirSync(target);
    cpSync(join(root, 'package.json'), join(target, 'package.json'));
    cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });
  }
  return dir;
}

/** Runs a script in a consumer project; returns its exit code and output. */
function run(dir: string, file: string, code: string): { status: number | null; output: string } {
  writeFileSync(join(dir, file), code);
  const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

const identityChecks = `
const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
const fake = installFakeOmnichannel({ emulator: org, target: {} });
const error = await fake.client.getConversations({ status: ['x'] }).catch((e) => e);
console.log(JSON.stringify({
  client: fake.client instanceof OmnichannelClient,
  error: error instanceof OmnichannelError,
  code: error.code,
}));
`;

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'omnichannel-package-'));
});
afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('one SDK across the entries', () => {
  it('the ESM testing kit hands out the root package’s client and error classes', () => {
    const dir = consumer('esm', 'link');
    const { status, output } = run(
      dir,
      'identity.mjs',
      `import { OmnichannelClient, OmnichannelError } from 'omnichannel-sdk';
import { createOrgEmulator, installFakeOmnichannel } from 'omnichannel-sdk/testing';
${identityChecks}`,
    );
    expect(status, output).toBe(0);
    expect(JSON.parse(output)).toEqual({ client: true, error: true, code: 'InvalidInput' });
  });

  it('the CommonJS testing kit hands out the root package’s client and error classes', () => {
    const dir = consumer('cjs', 'link');
    const { status, output } = run(
      dir,
      'identity.cjs',
      `const { OmnichannelClient, OmnichannelError } = require('omnichannel-sdk');
const { createOrgEmulator, installFakeOmnichannel } = require('omnichannel-sdk/testing');
(async () => {${identityChecks}})();`,
    );
    expect(status, output).toBe(0);
    expect(JSON.parse(output)).toEqual({ client: true, error: true, code: 'InvalidInput' });
  });

  it('the testing builds import the SDK by its package name instead of carrying a copy', () => {
    for (const file of ['testing/index.mjs', 'testing/index.cjs']) {
      const code = readFileSync(join(root, 'dist', file), 'utf8');
      expect(code).toMatch(/(from|require\()\s*['"]omnichannel-sdk['"]/);
      // The client's and the error's classes live in the root bundle only.
      expect(code).not.toMatch(/class OmnichannelClient\b/);
      expect(code).not.toMatch(/class OmnichannelError\b/);
    }
  });
});

describe('MSW on its own subpath', () => {
  it('omnichannel-sdk/testing loads without msw installed, in ESM and CommonJS', () => {
    const dir = consumer('no-msw', 'copy-without-msw');
    const esm = run(
      dir,
      'emulator.mjs',
      `import { createOrgEmulator } from 'omnichannel-sdk/testing';\nconsole.log(createOrgEmulator().seedData.signedInAgentId.length);`,
    );
    expect(esm.status, esm.output).toBe(0);
    expect(esm.output.trim()).toBe('36');
    const cjs = run(
      dir,
      'emulator.cjs',
      `const { createOrgEmulator } = require('omnichannel-sdk/testing');\nconsole.log(createOrgEmulator().seedData.signedInAgentId.length);`,
    );
    expect(cjs.status, cjs.output).toBe(0);
  });

  it('omnichannel-sdk/testing/msw without msw fails with a message that says to install it', () => {
    const dir = consumer('no-msw-handlers', 'copy-without-msw');
    const esm = run(dir, 'handlers.mjs', `import 'omnichannel-sdk/testing/msw';`);
    expect(esm.status).not.toBe(0);
    expect(esm.output).toContain('omnichannel-sdk/testing/msw needs msw 2: npm install --save-dev msw');
    const cjs = run(dir, 'handlers.cjs', `require('omnichannel-sdk/testing/msw');`);
    expect(cjs.status).not.toBe(0);
    expect(cjs.output).toContain('omnichannel-sdk/testing/msw needs msw 2: npm install --save-dev msw');
  });

  it('the testing entry does not import msw; the msw entry imports it and the testing entry by name', () => {
    const testing = readFileSync(join(root, 'dist/testing/index.mjs'), 'utf8');
    expect(testing).not.toMatch(/['"]msw(\/[^'"]*)?['"]/);
    const handlers = readFileSync(join(root, 'dist/testing/msw.mjs'), 'utf8');
    expect(handlers).toContain(`import('msw')`);
    expect(handlers).not.toMatch(/function createOrgEmulator\b/);
    expect(readFileSync(join(root, 'dist/testing/msw.d.ts'), 'utf8')).toMatch(/from\s*['"]omnichannel-sdk\/testing['"]/);
  });
});

describe('what npm pack ships', () => {
  // One `npm pack --dry-run` (about 2 s) for the tests below: they read the same list.
  let packList: string[] | undefined;
  const packed = () => {
    if (packList) return packList;
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    packList = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
    return packList;
  };

  it('ships every file the exports map names, the guides, and the README', () => {
    const files = packed();
    const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, unknown>;
    const targets = JSON.stringify(exportsMap).match(/\.\/dist\/[^"]+/g)!;
    for (const target of targets) expect(files).toContain(target.slice(2));
    for (const guide of readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'))) expect(files).toContain(`docs/${guide}`);
    expect(files).toContain('README.md');
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
  });

  it('ships source maps that carry their sources', () => {
    for (const file of packed().filter((path) => path.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(join(root, file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sourcesContent?.length, file).toBe(map.sources.length);
      expect(
        map.sourcesContent!.every((content) => typeof content === 'string' && content.length > 0),
        file,
      ).toBe(true);
    }
  });

  it('builds before packing, so a fresh clone packs dist/', () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.prepack).toBe('npm run build');
  });
});

describe('published declarations', () => {
  it('carry nothing marked @internal', () => {
    for (const file of ['index.d.ts', 'testing/index.d.ts', 'testing/msw.d.ts']) {
      expect(readFileSync(join(root, 'dist', file), 'utf8'), file).not.toContain('@internal');
    }
  });
});
