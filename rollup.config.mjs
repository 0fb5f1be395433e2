import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/** TypeScript for the bundles: declarations come from rollup-plugin-dts instead. */
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, target: 'ES2022' },
    noEmitOnError: true,
  });

/** Node built-ins and the peer dependency stay imports of the testing entry. */
const testingExternal = (id) => id === 'msw' || id.startsWith('msw/') || id.startsWith('node:');

export default [
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/global.ts',
    output: {
      file: 'dist/omnichannel-sdk.iife.min.js',
      format: 'iife',
      name: 'OmnichannelSDK',
      exports: 'named',
      sourcemap: true,
    },
    plugins: [ts(), terser({ ecma: 2020, format: { comments: false } })],
  },
  {
    input: 'src/index.ts',
    // The same declarations twice: `.d.ts` types the `import` condition (the package is
    // `"type": "module"`), `.d.cts` the `require` one, so CommonJS projects under
    // `module: node16`/`nodenext` see a CommonJS declaration instead of TS1479.
    output: [
      { file: 'dist/index.d.ts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' },
    ],
    plugins: [dts()],
  },
  {
    input: 'src/testing/index.ts',
    external: testingExternal,
    output: [
      { file: 'dist/testing/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/testing/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/testing/index.ts',
    external: testingExternal,
    output: [
      { file: 'dist/testing/index.d.ts', format: 'es' },
      { file: 'dist/testing/index.d.cts', format: 'es' },
    ],
    plugins: [dts()],
  },
];
