#!/usr/bin/env node
// `npm start`: builds when the bundles are missing or stale, starts the emulated org with its seed
// data on a loopback port, makes its contact centre live (createSimulation: new chats arrive,
// customers write and answer, sentiment moves, some leave), and serves the agent desk (demo/)
// and the bundles (dist/) beside it.
//
//   node scripts/start.mjs [--port N] [--simulation-ms N] [--leave-rate R] [--seed N] [--manual-steps] [--no-simulation] [--no-build]
//
//   --port N            the port (or PORT=N); default 8080, a free one when 8080 is taken
//   --simulation-ms N   milliseconds between simulation steps (or DEMO_SIMULATION_MS); default
//                       7000: with a 30% chance of a new chat a step, one every ~23 s, and a
//                       customer answers the agent within a step
//   --leave-rate R      chance that a customer leaves an active chat at a step (0 to 1; or
//                       DEMO_LEAVE_RATE); default 0.03
//   --seed N            the simulation's seed (or DEMO_SEED); default 8 (a chat arrives at the first
//                       step, the first customer leaves after a few minutes); the same seed and the
//                       same steps give the same contact centre
//   --manual-steps      no timer: each line `step` on stdin advances the contact centre one step and
//                       prints `Step <n>: <events as JSON>` (how the browser test drives it)
//   --no-simulation     a quiet org: only the seed data
//   --no-build          serve dist/ as it is (the tests build it once before they start)
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build-if-stale.mjs';

const args = process.argv.slice(2);
/** The value after `--name`, else the environment variable, else the default. */
function option(name, variable, fallback) {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return process.env[variable] ?? fallback;
}
function number(name, value, { min, max }) {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return parsed;
}

const explicitPort = args.includes('--port') || process.env.PORT !== undefined;
const port = number('port', option('port', 'PORT', '8080'), { min: 0, max: 65535 });
const simulate = !args.includes('--no-simulation');
const stepMs = number('simulation-ms', option('simulation-ms', 'DEMO_SIMULATION_MS', '7000'), { min: 50, max: 3_600_000 });
const leaveRate = number('leave-rate', option('leave-rate', 'DEMO_LEAVE_RATE', '0.03'), { min: 0, max: 1 });
const seed = number('seed', option('seed', 'DEMO_SEED', '8'), { min: 1, max: 2 ** 31 - 1 });
const manualSteps = args.includes('--manual-steps');

if (!args.includes('--no-build')) buildIfStale();
const { createSimulation, startEmulatorServer } = await import(pathToFileURL(join(root, 'dist/testing/index.mjs')).href);

const files = { '/': join(root, 'demo'), '/dist/': join(root, 'dist') };
let server;
try {
  server = await startEmulatorServer({ port, files });
} catch (error) {
  if (error.code !== 'EADDRINUSE' || explicitPort) throw error;
  server = await startEmulatorServer({ port: 0, files });
}
const { seedData } = server.emulator;
const agent = seedData.agents.find((a) => a.id === seedData.signedInAgentId);

const simulation = simulate ? createSimulation(server.emulator, { leaveRate, seed }) : undefined;
if (simulation && manualSteps) {
  // One step a line, answered with what happened: a test decides when the contact centre moves.
  let steps = 0;
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => {
    if (line.trim() !== 'step') return;
    console.log(`Step ${++steps}: ${JSON.stringify(simulation.step())}`);
  });
  // Whoever drives the steps is gone (a test that ended): the demo ends too.
  input.on('close', () => server.close().then(() => process.exit(0)));
} else {
  simulation?.start(stepMs);
}

console.log(`Demo: ${server.url}/`);
console.log(`Emulated org Web API: ${server.url}/api/data/v9.2/ (signed in as ${agent?.name ?? seedData.signedInAgentId})`);
console.log(
  !simulation
    ? 'Simulation: off (--no-simulation).'
    : manualSteps
      ? `Simulation: seed ${seed}, a step for each line "step" on stdin.`
      : `Simulation: seed ${seed}, a step every ${stepMs / 1000} s (new chats, answers, sentiment; customers leave at ${leaveRate} a step).`,
);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    simulation?.stop();
    server.close().then(() => process.exit(0));
  });
}
