// @vitest-environment node
// The published declarations as consumers resolve them: through package.json `exports`, in
// an ES module project and in a CommonJS one under `node16`/`nodenext` resolution, where a
// `require` that lands on an ESM-typed `.d.ts` fails with TS1479.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let workspace: string;

const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  strict: true,
  noEmit: true,
  // As most projects set it: msw's own declarations (ESM-only `rettime`) fail TS1479 under
  // node16 CommonJS. The `NotAny` checks below catch an import of ours resolving to nothing.
  skipLibCheck: true,
  types: [],
};

/** Uses of the three entries that only type-check when the declarations really resolved. */
const body = (sdk: string, testing: string, msw: string) => `
type NotAny<T> = 0 extends 1 & T ? false : true;
export const typed: [NotAny<typeof ${sdk}.createOmnichannel>, NotAny<ReturnType<typeof ${msw}.omnichannelHandlers>[number]>] = [true, true];
const client = ${sdk}.createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc' });
export const waiting: Promise<${sdk}.ConversationRecord[]> = client.getConversations({ status: [${sdk}.ConversationStatus.Waiting] });
export const isError: (value: unknown) => boolean = ${sdk}.isOmnichannelError;
// @ts-expect-error an option the SDK does not have
${sdk}.createOmnichannel({ orgUrll: 'https://contoso.crm.dynamics.com' });
const org = ${testing}.createOrgEmulator();
export const handled: Promise<Response> = org.handle(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems'));
export const handlerCount: number = ${msw}.omnichannelHandlers(org).length;
// One SDK: the testing kit's client is the root package's OmnichannelClient, not a copy of it.
const fake = ${testing}.installFakeOmnichannel({ emulator: org, target: {} });
export const sameClient: ${sdk}.OmnichannelClient = fake.client;
// @ts-expect-error the constructor is private: createOmnichannel builds clients
export const built = new ${sdk}.OmnichannelClient('https://contoso.crm.dynamics.com', 'https://contoso.crm.dynamics.com/api/data/v9.2/', {});
`;

/** A form script typed by omnichannel-sdk/globals: Microsoft.Omnichannel on the page, and on window. */
const globalsUse = `import type {} from 'omnichannel-sdk/globals';
export const focused: Promise<string> = Microsoft.Omnichannel.getConversationId();
export const linked: Promise<unknown> = window.Microsoft.Omnichannel.linkToConversation('incident', '2b330c52-6844-4d36-8e05-03c78c9681dc');
// @ts-expect-error the product's method takes (message, toSendBox?, conversationId?)
Microsoft.Omnichannel.sendMessageToConversation('hi', 'no');
`;

function project(name: string, packageJson: object, options: object, files: Record<string, string>): string {
  const dir = join(workspace, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, ...packageJson }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: Object.keys(files) }),
  );
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** Runs tsc on a consumer project, which must pass; returns the program's files relative to the repo. */
function typeCheck(dir: string): string[] {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--listFiles', '-p', dir], { encoding: 'utf8' });
  const errors = (result.stdout + result.stderr).split('\n').filter((line) => !line.startsWith('/') || / error TS\d+/.test(line));
  expect(result.status, errors.join('\n')).toBe(0);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((file) => relative(root, file).split('\\').join('/'));
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'omnichannel-types-'));
  mkdirSync(join(workspace, 'node_modules'));
  // Both projects resolve the package as an installed one would: node_modules/omnichannel-sdk.
  symlinkSync(root, join(workspace, 'node_modules/omnichannel-sdk'), 'junction');
});
afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('published declarations', () => {
  it('type an ES module project under nodenext with the .d.ts files', () => {
    const dir = project(
      'esm',
      { type: 'module' },
      { module: 'nodenext', moduleResolution: 'nodenext' },
      {
        'index.ts': `import * as sdk from 'omnichannel-sdk';\nimport * as testing from 'omnichannel-sdk/testing';\nimport * as msw from 'omnichannel-sdk/testing/msw';\n${body('sdk', 'testing', 'msw')}`,
        'form.ts': globalsUse,
      },
    );
    const files = typeCheck(dir);
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/testing/index.d.ts');
    expect(files).toContain('dist/testing/msw.d.ts');
    expect(files).toContain('dist/globals.d.ts');
    expect(files.filter((file) => file.endsWith('.d.cts') && file.startsWith('dist/'))).toEqual([]);
  });

  it('type a CommonJS project under node16 with the .d.cts files, no TS1479', () => {
    const dir = project(
      'cjs',
      { type: 'commonjs' },
      { module: 'node16', allowJs: true, checkJs: true },
      {
        'index.ts': `import sdk = require('omnichannel-sdk');\nimport testing = require('omnichannel-sdk/testing');\nimport msw = require('omnichannel-sdk/testing/msw');\n${body('sdk', 'testing', 'msw')}`,
        'plain.js': [
          `const { createOmnichannel, ConversationStatus } = require('omnichannel-sdk');`,
          `const { createOrgEmulator } = require('omnichannel-sdk/testing');`,
          `/** @type {number} */`,
          `const waitingStatus = ConversationStatus.Waiting;`,
          `/** @type {import('omnichannel-sdk').OmnichannelClient} */`,
          `const client = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com' });`,
          `// @ts-expect-error an option the SDK does not have`,
          `createOmnichannel({ orgUrll: 'https://contoso.crm.dynamics.com' });`,
          `module.exports = { client, waitingStatus, org: createOrgEmulator() };`,
          ``,
        ].join('\n'),
      },
    );
    const files = typeCheck(dir);
    expect(files).toContain('dist/index.d.cts');
    expect(files).toContain('dist/testing/index.d.cts');
    expect(files).toContain('dist/testing/msw.d.cts');
    expect(files.filter((file) => file.endsWith('.d.ts') && file.startsWith('dist/'))).toEqual([]);
  });
}, 60_000);
