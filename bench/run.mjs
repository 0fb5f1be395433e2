#!/usr/bin/env node
// `npm run bench`: what the SDK costs on top of the work it cannot avoid, measured side by side
// in one run and printed as ratios to a baseline measured in the same run. Nothing here asserts
// a duration. Sections (all by default, or `--only overhead,loopback`):
//   overhead  getConversations vs the identical hand-made request vs dynamics-web-api, fake transport
//   loopback  the same over HTTP to the loopback server in another process, and the socket-write gap
//   paging    100,000 conversations: time and heap, iterate vs collect; the emulator's cost per page
//   registry  every public function of the client (a function without a row is reported)
// Options: --quick (fewer rounds, smaller paging), --src (the sources through esbuild instead of
// dist/, see lib/sdk.mjs), --markdown <file> (the tables and the machine, for bench/RESULTS.md),
// --against <git ref> (the overhead section also measures the SDK as it was at that commit).
// The load test is its own script: `npm run bench:load`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

// The heap figures need full collections on demand.
if (typeof globalThis.gc !== 'function') {
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const { loadSdk, fromSource } = await import('./lib/sdk.mjs');
const { overhead } = await import('./sections/overhead.mjs');
const { loopback } = await import('./sections/loopback.mjs');
const { paging } = await import('./sections/paging.mjs');
const { registry } = await import('./sections/registry.mjs');

const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
};
const quick = process.argv.includes('--quick');
const only = argument('--only')?.split(',');
const counts = [1, 7, 500];
const against = argument('--against');
const sections = { overhead, loopback, paging, registry };

const machine = `${cpus()[0]?.model.trim()} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
  .map((load) => load.toFixed(1))
  .join(' / ')} at the start; SDK from ${fromSource ? 'src/ (esbuild)' : 'dist/'}${quick ? '; --quick' : ''}`;
console.log(`omnichannel-sdk benchmarks: ${machine}`);

const sdk = await loadSdk();
const texts = [];
const started = Date.now();
for (const [name, section] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  const { text } = await section(sdk, { quick, counts, against });
  texts.push(text);
}
const footer = `\nRan in ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()
  .map((load) => load.toFixed(1))
  .join(' / ')} at the end.`;
console.log(footer);

const file = argument('--markdown');
if (file) writeFileSync(file, `Machine: ${machine}\n${texts.join('\n')}\n${footer}\n`);
