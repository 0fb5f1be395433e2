// The built files, not the sources: what npm and the script tag actually ship.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { setupServer } from 'msw/node';
import { parseAst } from 'rollup/parseAst';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';

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

type AstNode = { type: string; [key: string]: unknown };

/** Every node of an ESTree, depth first. */
function* nodes(value: unknown): Generator<AstNode> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item);
  } else if (value !== null && typeof value === 'object') {
    if (typeof (value as AstNode).type === 'string') yield value as AstNode;
    for (const [key, child] of Object.entries(value)) if (key !== 'type') yield* nodes(child);
  }
}

const literal = (node: unknown) => {
  const value = (node as { type?: string; value?: unknown } | null)?.type === 'Literal' ? (node as { value: unknown }).value : undefined;
  return typeof value === 'string' ? value : '<computed>';
};

/**
 * The specifiers a module imports, parsed rather than matched line by line: `import … from`
 * over any number of lines, bare `import '…'`, `export … from` and dynamic `import(…)`.
 */
function moduleImports(code: string): string[] {
  const found: string[] = [];
  for (const node of nodes(parseAst(code))) {
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') found.push(literal(node.source));
    else if (node.type === 'ExportNamedDeclaration' && node.source) found.push(literal(node.source));
    else if (node.type === 'ImportExpression') found.push(literal(node.source));
  }
  return found;
}

/** Calls of a free `require`, whatever their argument (`x.require(…)` and `this.#require(…)` are methods). */
function requireCallNodes(code: string): AstNode[] {
  return [...nodes(parseAst(code))].filter(
    (node) =>
      node.type === 'CallExpression' &&
      (node.callee as AstNode).type === 'Identifier' &&
      (node.callee as { name: string }).name === 'require',
  );
}
const requireCalls = (code: string) => requireCallNodes(code).length;
const requiredModules = (code: string) => requireCallNodes(code).map((node) => literal((node.arguments as unknown[])[0]));

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
    // A fresh realm holding only the platform APIs a page gives a script (from this realm, so
    // MSW's patched fetch answers); the bundle alone must create OmnichannelSDK there.
    const platform = {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
      Request,
      Response,
      Headers,
      AbortController,
      AbortSignal,
      DOMException,
      URL,
      URLSearchParams,
      crypto: globalThis.crypto,
      setTimeout,
      clearTimeout,
      atob,
      btoa,
      TextEncoder,
      TextDecoder,
      console,
    };
    const context = vm.createContext({ ...platform });
    vm.runInContext(readFileSync(dist('omnichannel-sdk.iife.min.js'), 'utf8'), context, { filename: 'omnichannel-sdk.iife.min.js' });

    const sdk = (context as { OmnichannelSDK?: SdkModule }).OmnichannelSDK;
    expect(typeof sdk?.createOmnichannel).toBe('function');
    // The one global it adds; nothing leaks into the page's scope.
    expect(Object.keys(context).filter((key) => !(key in platform))).toEqual(['OmnichannelSDK']);
    expect((globalThis as { OmnichannelSDK?: unknown }).OmnichannelSDK).toBeUndefined();
    await listsWaitingConversations(sdk!);
  });

  it('the IIFE keeps zero runtime imports: no require or import survives', () => {
    const code = readFileSync(dist('omnichannel-sdk.iife.min.js'), 'utf8');
    expect(moduleImports(code)).toEqual([]);
    expect(requireCalls(code)).toBe(0);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bimport\s*[({'"]/);
  });

  it('finds every form of import the checks below rely on', () => {
    const code = [
      `import 'side-effect';`,
      `import {\n  a,\n  b,\n} from "multi-line";`,
      `import * as ns from 'namespace';`,
      `export * from 'star';`,
      `export { c } from 'named';`,
      `const lazy = () => import('dynamic');`,
      `const computed = (name) => import(name);`,
      `const text = "import x from 'in-a-string'; require('in-a-string')";`,
      `const cjs = require('cjs');`,
      `const obj = { require() {} }; obj.require('not-a-require');`,
    ].join('\n');
    expect(moduleImports(code)).toEqual(['side-effect', 'multi-line', 'namespace', 'star', 'named', 'dynamic', '<computed>']);
    expect(requireCalls(code)).toBe(1);
  });

  it('the core builds import nothing; the testing builds import only the SDK by name, msw and node built-ins', () => {
    const source = (file: string) => readFileSync(dist(file), 'utf8');
    expect(moduleImports(source('index.mjs'))).toEqual([]);
    expect(moduleImports(source('index.cjs'))).toEqual([]);
    expect(requireCalls(source('index.cjs'))).toBe(0);

    const allowed = (name: string) => name === 'omnichannel-sdk' || name.startsWith('node:');
    const testingImports = moduleImports(source('testing/index.mjs'));
    expect(testingImports).toContain('omnichannel-sdk');
    expect(testingImports.filter((name) => !allowed(name))).toEqual([]);
    const testingRequires = requiredModules(source('testing/index.cjs'));
    expect(testingRequires).toContain('omnichannel-sdk');
    expect(testingRequires.filter((name) => !allowed(name))).toEqual([]);
    // The MSW handlers load msw themselves (lazily, with a message when it is missing).
    expect(moduleImports(source('testing/msw.mjs'))).toEqual(['msw']);
    expect(requiredModules(source('testing/msw.cjs'))).toEqual(['msw']);
  });

  it('the bundled declaration file declares the public API', () => {
    const types = readFileSync(dist('index.d.ts'), 'utf8');
    for (const name of [
      'createOmnichannel',
      'OmnichannelClient',
      'OmnichannelError',
      'isOmnichannelError',
      'ConversationStatus',
      'ConversationRecord',
    ]) {
      expect(types).toMatch(new RegExp(`\\b${name}\\b`));
    }
    // The `require` condition's copies: the same declarations, read as CommonJS.
    expect(readFileSync(dist('index.d.cts'), 'utf8')).toBe(types);
    expect(readFileSync(dist('testing/index.d.cts'), 'utf8')).toBe(readFileSync(dist('testing/index.d.ts'), 'utf8'));
  });
});
