// Lint: typescript-eslint's recommended rules, and the layers of ARCHITECTURE.md enforced by
// eslint-plugin-boundaries: each layer imports only the layers below it, and the testing kit,
// the panel and the command line reach the SDK only through the package root.
import { resolve } from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Layers from the bottom up; a layer may import itself and any layer before it. */
const layers = ['http', 'odata', 'schema', 'feature', 'client', 'root', 'entry'];

const below = (layer) => layers.slice(0, layers.indexOf(layer) + 1);

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'coverage/', 'node_modules/', 'api/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': 'error',
    },
  },
  {
    // Node's scripts, benchmarks and configs; the demo runs in the browser.
    files: ['**/*.{mjs,cjs,js}'],
    ignores: ['demo/**'],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // The demo's plain scripts: the browser's globals and those the bundles' <script> tags define.
    files: ['demo/**/*.js'],
    languageOptions: { globals: { ...globals.browser, OmnichannelSDK: 'readonly', OmnichannelUI: 'readonly' } },
  },
  // Tests read arbitrary JSON answers; `any` there is the honest type.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { [resolve('scripts/eslint/resolver.cjs')]: {} },
      'boundaries/include': ['src/**/*.ts'],
      // `mode: 'file'` is deprecated in v7 but is the form that classifies single files here
      // (its suggested replacement, `partialMatch: false`, left them unclassified, so unchecked).
      'boundaries/elements': [
        { type: 'http', pattern: 'src/http/**' },
        { type: 'odata', pattern: 'src/odata/**' },
        { type: 'schema', pattern: 'src/schema/**' },
        { type: 'feature', pattern: 'src/{api,workspace,records,retention}/**' },
        { type: 'client', pattern: 'src/connection.ts', mode: 'file' },
        { type: 'client', pattern: 'src/client.ts', mode: 'file' },
        { type: 'client', pattern: 'src/install.ts', mode: 'file' },
        { type: 'client', pattern: 'src/omnichannel.ts', mode: 'file' },
        { type: 'root', pattern: 'src/index.ts', mode: 'file' },
        { type: 'entry', pattern: 'src/global.ts', mode: 'file' },
        { type: 'entry', pattern: 'src/global.full.ts', mode: 'file' },
        { type: 'kit', pattern: 'src/{testing,ui,cli}/**' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...layers.map((layer) => ({
              from: { element: { type: layer } },
              allow: { to: { element: { types: { anyOf: below(layer) } } } },
            })),
            // The testing kit, the panel and the CLI: their own files and the package root only,
            // so users get one OmnichannelClient and one OmnichannelError.
            {
              from: { element: { type: 'kit' } },
              allow: { to: { element: { types: { anyOf: ['kit', 'root'] } } } },
            },
          ],
        },
      ],
    },
  },
  {
    // The browser path has no Node built-ins; the testing kit and the CLI are Node's.
    files: ['src/**/*.ts'],
    ignores: ['src/testing/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^node:', message: 'No Node built-ins on the browser path.' }] }],
    },
  },
);
