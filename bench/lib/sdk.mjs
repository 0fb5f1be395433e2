// Which build of the SDK the benchmarks load: dist/ (what ships; rebuilt when stale), or with
// `--src` (or BENCH_SRC=1) the sources bundled by esbuild into a temporary folder, in a second,
// for measuring a change without waiting for rollup.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from '../../scripts/build-if-stale.mjs';

export const fromSource = process.argv.includes('--src') || process.env.BENCH_SRC === '1';

let folder;

/** Where the two entries are: `{ index, testing }` file URLs. */
export async function sdkFiles() {
  if (!fromSource) {
    buildIfStale();
    return {
      index: pathToFileURL(join(root, 'dist/index.mjs')).href,
      testing: pathToFileURL(join(root, 'dist/testing/index.mjs')).href,
    };
  }
  if (!folder) {
    folder = process.env.BENCH_SRC_DIR ?? mkdtempSync(join(tmpdir(), 'omnichannel-bench-'));
    if (!process.env.BENCH_SRC_DIR) {
      const { build } = await import('esbuild');
      await build({
        entryPoints: { index: join(root, 'src/index.ts'), testing: join(root, 'src/testing/index.ts') },
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'es2022',
        outdir: folder,
        outExtension: { '.js': '.mjs' },
        external: ['msw', 'msw/*'],
        logLevel: 'error',
      });
      // Child processes (the loopback server) load the same files.
      process.env.BENCH_SRC_DIR = folder;
      process.env.BENCH_SRC = '1';
    }
  }
  return { index: pathToFileURL(join(folder, 'index.mjs')).href, testing: pathToFileURL(join(folder, 'testing.mjs')).href };
}

/** The package root and the testing kit. */
export async function loadSdk() {
  const files = await sdkFiles();
  return { sdk: await import(files.index), testing: await import(files.testing) };
}

/**
 * The package root of the SDK as it was at git `ref` (`--against <ref>`), bundled by esbuild
 * into a temporary folder: the same benchmark then shows the change against the code before it,
 * in one run. Resolves the file URL of its `index.mjs`.
 */
export async function sdkAt(ref) {
  const { execFileSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'omnichannel-bench-ref-'));
  const tree = join(dir, 'tree');
  execFileSync('sh', ['-c', `mkdir -p "${tree}" && git -C "${root}" archive "${ref}" src | tar -x -C "${tree}"`]);
  const { build } = await import('esbuild');
  await build({
    entryPoints: { index: join(tree, 'src/index.ts') },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outdir: join(dir, 'out'),
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  return pathToFileURL(join(dir, 'out/index.mjs')).href;
}
