// @vitest-environment jsdom
// The panel's built files: one global of its own beside the SDK's, no copy of the SDK, no
// run-time import, and declarations that take the SDK's types from the package by name.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parseAst } from 'rollup/parseAst';
import { afterEach, describe, expect, it } from 'vitest';

const dist = (file: string) => join(dirname(fileURLToPath(import.meta.url)), '../../dist', file);
const read = (file: string) => readFileSync(dist(file), 'utf8');

/** Static imports, dynamic imports and `require` calls anywhere in a module. */
function runtimeImports(code: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const { type, source, callee } = node as { type?: string; source?: { value?: string }; callee?: { type?: string; name?: string } };
    if (
      type === 'ImportDeclaration' ||
      type === 'ImportExpression' ||
      (type === 'ExportNamedDeclaration' && source) ||
      type === 'ExportAllDeclaration'
    )
      found.push(String(source?.value ?? '<computed>'));
    if (type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'require') found.push('require');
    for (const [key, child] of Object.entries(node)) if (key !== 'type') visit(child);
  };
  visit(parseAst(code));
  return found;
}

describe('the script-tag bundle (omnichannel-sdk-ui.iife.min.js)', () => {
  afterEach(() => document.body.replaceChildren());

  it('adds one global, OmnichannelUI, and nothing else', () => {
    const context = vm.createContext({});
    vm.runInContext(read('omnichannel-sdk-ui.iife.min.js'), context);
    expect(Object.keys(context)).toEqual(['OmnichannelUI']);
    expect(Object.keys((context as { OmnichannelUI: object }).OmnichannelUI).sort()).toEqual([
      'defaultSessionPanelLabels',
      'renderSessionPanel',
    ]);
  });

  it('carries no copy of the SDK and never reads its global', () => {
    const code = read('omnichannel-sdk-ui.iife.min.js');
    expect(code).not.toMatch(/class OmnichannelClient|class OmnichannelError|class Workspace|OmnichannelSDK/);
  });

  it('imports nothing at run time', () => {
    expect(runtimeImports(read('omnichannel-sdk-ui.iife.min.js'))).toEqual([]);
  });

  it('renders a workspace made by the SDK’s script-tag bundle', () => {
    // Each bundle declares its global with `var`: run in a function, that name is returned instead.
    const sdk = new Function(`${read('omnichannel-sdk.iife.min.js')}; return OmnichannelSDK;`)();
    const ui = new Function(`${read('omnichannel-sdk-ui.iife.min.js')}; return OmnichannelUI;`)();
    const workspace = sdk.createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', host: 'builtin' }).workspace;
    workspace.open({ kind: 'conversation', conversationId: '6f1d8f36-0d7e-4a53-9a55-000000000001', title: 'Kenny Smith' });
    const panel = ui.renderSessionPanel(document.body, workspace);
    const names = [...panel.element.shadowRoot.querySelectorAll('.session')].map((button: Element) => button.getAttribute('aria-label'));
    expect(names).toEqual(['Home', 'Kenny Smith']);
    panel.dispose();
  });
});

describe('the module builds (omnichannel-sdk/ui)', () => {
  it('import nothing at run time: the SDK reaches them as the workspace passed in', () => {
    expect(runtimeImports(read('ui/index.mjs'))).toEqual([]);
    expect(runtimeImports(read('ui/index.cjs'))).toEqual([]);
  });

  it('export the same names in ESM and CommonJS', async () => {
    const esm = await import(/* @vite-ignore */ dist('ui/index.mjs'));
    const cjs = await import(/* @vite-ignore */ dist('ui/index.cjs'));
    expect(Object.keys(esm).sort()).toEqual(['defaultSessionPanelLabels', 'renderSessionPanel']);
    expect(typeof cjs.renderSessionPanel).toBe('function');
  });

  it('declare the SDK’s types as imports of the package, not copies', () => {
    for (const file of ['ui/index.d.ts', 'ui/index.d.cts']) {
      const declarations = read(file);
      expect(declarations).toMatch(/^import \{[^}]*\bWorkspace\b[^}]*\} from 'omnichannel-sdk';$/m);
      expect(declarations).not.toMatch(/declare class Workspace\b/);
      expect(declarations).not.toContain('@internal');
    }
  });
});
