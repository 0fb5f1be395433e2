// Builds the bundles when one is missing or older than a file in src/. Used by `npm start`
// and before the tests, which load the built files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = [
  'dist/index.mjs',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
  'dist/omnichannel-sdk.iife.min.js',
  'dist/omnichannel-sdk.full.iife.min.js',
  'dist/testing/index.mjs',
  'dist/testing/index.cjs',
  'dist/testing/index.d.ts',
  'dist/testing/index.d.cts',
  'dist/testing/msw.mjs',
  'dist/testing/msw.cjs',
  'dist/testing/msw.d.ts',
  'dist/testing/msw.d.cts',
  'dist/globals.d.ts',
  'dist/ui/index.mjs',
  'dist/ui/index.cjs',
  'dist/ui/index.d.ts',
  'dist/ui/index.d.cts',
  'dist/omnichannel-sdk-ui.iife.min.js',
];
const inputs = ['src', 'types', 'rollup.config.mjs', 'tsconfig.json', 'package.json'];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isFresh() {
  try {
    const oldestOutput = Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs));
    return oldestOutput >= Math.max(...inputs.map((input) => newest(join(root, input))));
  } catch {
    return false;
  }
}

/** Runs rollup unless every bundle is newer than the sources. */
export function buildIfStale() {
  if (isFresh()) return;
  console.log('Building the bundles…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`rollup failed with exit code ${result.status}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale();
