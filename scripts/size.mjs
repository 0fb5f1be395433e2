#!/usr/bin/env node
// Size check: prints min and gzip sizes of every bundle, the cost of a tree-shaken
// `import { createOmnichannel }`, each as a ratio of its budget, and fails over budget.
import terser from '@rollup/plugin-terser';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale();

/** gzip budgets in bytes; the script-tag bundle is what a form pays on every load. */
const budgets = {
  'dist/omnichannel-sdk.iife.min.js': 12 * 1024,
  // The whole client: the six methods and the workspace are methods of one class.
  'tree-shaken createOmnichannel (ESM, minified)': 12 * 1024,
  // Everything: every table description and label map; a bundler keeps only what is imported.
  'dist/index.mjs': 40 * 1024,
  'dist/index.cjs': 40 * 1024,
  // The testing kit runs in test suites and dev servers, never in a form.
  'dist/testing/index.mjs': 64 * 1024,
};

async function treeShaken() {
  const dir = mkdtempSync(join(tmpdir(), 'omnichannel-size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, `export { createOmnichannel } from ${JSON.stringify(join(root, 'dist/index.mjs'))};\n`);
    const bundle = await rollup({ input: entry, plugins: [terser()] });
    const { output } = await bundle.generate({ format: 'es' });
    return Buffer.from(output[0].code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const [name, budget] of Object.entries(budgets)) {
  const bytes = name.startsWith('dist/') ? readFileSync(join(root, name)) : await treeShaken();
  const gzip = gzipSync(bytes, { level: 9 }).length;
  rows.push({ name, min: bytes.length, gzip, budget, ratio: gzip / budget });
}

const pad = (text, width) => String(text).padEnd(width);
console.log(`${pad('bundle', 48)}${pad('bytes', 10)}${pad('gzip', 10)}${pad('budget', 10)}gzip/budget`);
for (const row of rows) {
  console.log(`${pad(row.name, 48)}${pad(row.min, 10)}${pad(row.gzip, 10)}${pad(row.budget, 10)}${row.ratio.toFixed(2)}`);
}
const over = rows.filter((row) => row.ratio > 1);
if (over.length) {
  console.error(`Over budget: ${over.map((row) => row.name).join(', ')}`);
  process.exit(1);
}
