// The built files, not the sources: what npm and the script tag actually ship.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator, omnichannelHandlers } from '../../src/testing/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (file: string) => join(root, 'dist', file);
const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
const server = setupServer(...omnichannelHandlers(org));
const agentId = org.seedData!.signedInAgentId;
const orgUrl = 'https://contoso.crm.dynamics.com';

interface SdkModule {
  createOmnichannel(options: object): { getConversations(input: object): Promise<{ activityid: string }[]> };
  isOmnichannelError(value: unknown): boolean;
  ConversationStatus: Record<string, number>;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const expectedWaiting = () =>
  org.store
    .list('msdyn_ocliveworkitem')
    .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === 3)
    .map((row) => row.activityid)
    .sort();

async function listsWaitingConversations(sdk: SdkModule): Promise<void> {
  const client = sdk.createOmnichannel({ orgUrl, agentId });
  const conversations = await client.getConversations({ status: [sdk.ConversationStatus.Waiting] });
  expect(conversations.map((c) => c.activityid).sort()).toEqual(expectedWaiting());
  expect(expectedWaiting().length).toBeGreaterThan(0);
}

describe('built bundles', () => {
  it('the ESM build lists conversations', async () => {
    const sdk = (await import(pathToFileURL(dist('index.mjs')).href)) as SdkModule;
    await listsWaitingConversations(sdk);
  });

  it('the CJS build lists conversations', async () => {
    const sdk = createRequire(import.meta.url)(dist('index.cjs')) as SdkModule;
    await listsWaitingConversations(sdk);
  });

  it('the IIFE defines the OmnichannelSDK global, which lists conversations', async () => {
    const scope = globalThis as { OmnichannelSDK?: SdkModule };
    delete scope.OmnichannelSDK;
    // Evaluated in this realm (jsdom's own <script> runner has no fetch): `var` at top level becomes a global.
    new Function(`${readFileSync(dist('omnichannel-sdk.iife.min.js'), 'utf8')}\n;globalThis.OmnichannelSDK = OmnichannelSDK;`)();
    try {
      expect(typeof (scope as { OmnichannelSDK?: SdkModule }).OmnichannelSDK?.createOmnichannel).toBe('function');
      await listsWaitingConversations(scope.OmnichannelSDK!);
    } finally {
      delete scope.OmnichannelSDK;
    }
  });

  it('the IIFE keeps zero runtime imports: no require or import statement survives', () => {
    const code = readFileSync(dist('omnichannel-sdk.iife.min.js'), 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bimport\s*[({'"]/);
  });

  it('the core builds import nothing, and the testing build imports only msw and node built-ins', () => {
    const imports = (file: string) => [...readFileSync(dist(file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports('index.mjs')).toEqual([]);
    expect(imports('testing/index.mjs').every((name) => name === 'msw' || name!.startsWith('node:'))).toBe(true);
  });

  it('the bundled declaration file declares the public API', () => {
    const types = readFileSync(dist('index.d.ts'), 'utf8');
    for (const name of ['createOmnichannel', 'OmnichannelClient', 'OmnichannelError', 'isOmnichannelError', 'ConversationStatus', 'ConversationRecord']) {
      expect(types).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});
