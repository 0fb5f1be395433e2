#!/usr/bin/env node
// `npm start`: builds when the bundles are missing or stale, starts the emulated org with
// its seed data on a loopback port, and serves the demo page and the bundles beside it.
//   node scripts/start.mjs [--port N]     (or PORT=N; default 8080, a free port when taken)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale();
const { startEmulatorServer } = await import(pathToFileURL(join(root, 'dist/testing/index.mjs')).href);

const portArg = process.argv.indexOf('--port');
const explicit = portArg > 0 || process.env.PORT !== undefined;
const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));
const files = { '/': join(root, 'demo'), '/dist/': join(root, 'dist') };

let server;
try {
  server = await startEmulatorServer({ port, files });
} catch (error) {
  if (error.code !== 'EADDRINUSE' || explicit) throw error;
  server = await startEmulatorServer({ port: 0, files });
}
const { seedData } = server.emulator;
const agent = seedData.agents.find((a) => a.id === seedData.signedInAgentId);
console.log(`Demo: ${server.url}/`);
console.log(`Emulated org Web API: ${server.url}/api/data/v9.2/ (signed in as ${agent?.name ?? seedData.signedInAgentId})`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
