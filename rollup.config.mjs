import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/** TypeScript for the bundles: declarations come from rollup-plugin-dts instead. */
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, inlineSources: true, target: 'ES2022' },
    noEmitOnError: true,
  });

/**
 * Makes the package's own entries imports instead of copies: the testing kit imports the SDK
 * from `omnichannel-sdk`, so users get one `OmnichannelClient` and one `OmnichannelError`, and
 * `omnichannel-sdk/testing/msw` imports the emulator types from `omnichannel-sdk/testing`.
 * Runs before the TypeScript plugin, which would otherwise inline the files.
 */
const packageEntries = (entries) => ({
  name: 'package-entries',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const file = resolve(dirname(importer), source).replace(/\.js$/, '.ts');
    const external = entries[file];
    return external === undefined ? null : { id: external, external: true };
  },
});

const sdkRoot = { [resolve('src/index.ts')]: 'omnichannel-sdk' };
const testingRoot = { ...sdkRoot, [resolve('src/testing/index.ts')]: 'omnichannel-sdk/testing' };

/** Node built-ins and the optional peer dependency stay imports of the testing entries. */
const testingExternal = (id) => id === 'msw' || id.startsWith('msw/') || id.startsWith('node:');

/**
 * `msw` is an optional peer: without it, `omnichannel-sdk/testing/msw` fails with a message
 * that says what to install instead of Node's bare "Cannot find package". ESM loads it with a
 * top-level `await import`, CommonJS with `require`, each inside a try.
 */
const mswLoader = (format) => ({
  name: 'msw-loader',
  resolveId: (source, importer) => (source === 'msw' && importer && !importer.startsWith('\0') ? '\0msw-loader' : null),
  load(id) {
    if (id !== '\0msw-loader') return null;
    const load = format === 'es' ? `await import('msw')` : `require('msw')`;
    return `let msw;
try {
  msw = ${load};
} catch (cause) {
  if (cause && (cause.code === 'ERR_MODULE_NOT_FOUND' || cause.code === 'MODULE_NOT_FOUND')) {
    throw new Error('omnichannel-sdk/testing/msw needs msw 2: npm install --save-dev msw', { cause });
  }
  throw cause;
}
export const http = msw.http;
export const HttpResponse = msw.HttpResponse;
`;
  },
});

/** The same declarations twice: `.d.ts` for the `import` condition, `.d.cts` for `require`. */
const declarations = (input, file, entries) => ({
  input,
  external: testingExternal,
  output: [
    { file: `${file}.d.ts`, format: 'es' },
    { file: `${file}.d.cts`, format: 'es' },
  ],
  plugins: [packageEntries(entries), dts()],
});

/** `omnichannel-sdk/globals`: declarations only, and an empty module so a bundler can import it. */
const globals = {
  input: 'virtual:globals',
  // Empty on purpose: the subpath is its declarations.
  onwarn: (warning, warn) => warning.code === 'EMPTY_BUNDLE' || warn(warning),
  output: [
    { file: 'dist/globals.mjs', format: 'es' },
    { file: 'dist/globals.cjs', format: 'cjs' },
  ],
  plugins: [
    {
      name: 'globals',
      resolveId: (id) => (id === 'virtual:globals' ? id : null),
      load: (id) => (id === 'virtual:globals' ? 'export {};' : null),
      generateBundle(options) {
        if (options.format !== 'es') return;
        const source = readFileSync('types/globals.d.ts', 'utf8');
        this.emitFile({ type: 'asset', fileName: 'globals.d.ts', source });
        this.emitFile({ type: 'asset', fileName: 'globals.d.cts', source });
      },
    },
  ],
};

export default [
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [ts()],
  },
  ...[
    ['src/global.ts', 'dist/omnichannel-sdk.iife.min.js'],
    ['src/global.full.ts', 'dist/omnichannel-sdk.full.iife.min.js'],
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'iife', name: 'OmnichannelSDK', exports: 'named', sourcemap: true },
    plugins: [ts(), terser({ ecma: 2020, compress: { passes: 3 }, format: { comments: false } })],
  })),
  // CommonJS projects under `module: node16`/`nodenext` need a CommonJS declaration (TS1479).
  declarations('src/index.ts', 'dist/index', {}),
  {
    input: 'src/testing/index.ts',
    external: testingExternal,
    output: [
      { file: 'dist/testing/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/testing/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [packageEntries(sdkRoot), ts()],
  },
  declarations('src/testing/index.ts', 'dist/testing/index', sdkRoot),
  ...['es', 'cjs'].map((format) => ({
    input: 'src/testing/msw.ts',
    // The sources' `msw` goes through the loader; only the loader's own import stays external.
    external: (id, importer) => (id === 'msw' ? importer === '\0msw-loader' : testingExternal(id)),
    output: { file: `dist/testing/msw.${format === 'es' ? 'mjs' : 'cjs'}`, format, sourcemap: true, exports: 'named' },
    plugins: [mswLoader(format), packageEntries(testingRoot), ts()],
  })),
  declarations('src/testing/msw.ts', 'dist/testing/msw', testingRoot),
  // `omnichannel-sdk/ui`: the session panel. It imports only types from the SDK, so its builds
  // carry no copy of it, and its declarations import the SDK's types by package name.
  {
    input: 'src/ui/index.ts',
    output: [
      { file: 'dist/ui/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/ui/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [packageEntries(sdkRoot), ts()],
  },
  declarations('src/ui/index.ts', 'dist/ui/index', sdkRoot),
  {
    input: 'src/ui/index.ts',
    output: {
      file: 'dist/omnichannel-sdk-ui.iife.min.js',
      format: 'iife',
      name: 'OmnichannelUI',
      exports: 'named',
      sourcemap: true,
    },
    // A value imported from the SDK would be an external with no global here: fail the build
    // rather than ship a panel that needs a second SDK (it is handed the workspace instead).
    onwarn(warning, warn) {
      if (warning.code === 'MISSING_GLOBAL_NAME') throw new Error(`The UI IIFE must import only types from the SDK: ${warning.message}`);
      warn(warning);
    },
    plugins: [packageEntries(sdkRoot), ts(), terser({ ecma: 2020, format: { comments: false } })],
  },
  globals,
  // The admin command line, Node only (`bin` in package.json): the SDK and the testing kit stay
  // imports of the package, so the browser bundles gain nothing from it.
  {
    input: 'src/cli/bin.ts',
    external: testingExternal,
    output: { file: 'dist/cli.mjs', format: 'es', banner: '#!/usr/bin/env node', sourcemap: true },
    plugins: [packageEntries(testingRoot), ts()],
  },
];
