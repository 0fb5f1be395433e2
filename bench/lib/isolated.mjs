// Side-by-side measurement with each candidate in a worker thread of its own: its own heap and
// its own compiled code, so no candidate pays for another's garbage collection or finds the
// engine's shared code tuned for another (in one heap, the SDK measured beside
// dynamics-web-api, which allocates ten times more, looked several times slower than alone).
// The main thread runs the rounds in turn, one worker at a time, as `compare` does in-process.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { cpuMs, pairedSpreads } from './measure.mjs';

const workerFile = fileURLToPath(new URL('./isolated-worker.mjs', import.meta.url));

/**
 * @param {{ name: string, module: string, setup: string, args: unknown }[]} candidates the baseline first;
 *   each worker imports `module` (a file URL) and calls its export `setup(args)`, which resolves the call to time
 */
export async function compareIsolated(candidates, { rounds = 25, batch = 200, warmup = 200 } = {}) {
  const workers = candidates.map(
    (candidate) => new Worker(workerFile, { workerData: { module: candidate.module, setup: candidate.setup, args: candidate.args } }),
  );
  const ask = (worker, message) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`a candidate's worker exited (${code})`));
      worker.once('exit', onExit);
      worker.once('error', reject);
      worker.once('message', (answer) => {
        worker.off('exit', onExit);
        worker.off('error', reject);
        if (answer.error) reject(new Error(answer.error));
        else resolve(answer);
      });
      worker.postMessage(message);
    });
  try {
    const checks = [];
    for (const worker of workers) checks.push((await ask(worker, { type: 'ready' })).result);
    for (const worker of workers) await ask(worker, { type: 'batch', size: warmup });
    const samples = candidates.map(() => ({ wall: [], cpu: [] }));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < candidates.length; k++) {
        const index = (k + round) % candidates.length;
        const cpuStart = cpuMs();
        const { wall } = await ask(workers[index], { type: 'batch', size: batch });
        samples[index].wall.push((wall / batch) * 1000);
        samples[index].cpu.push(((cpuMs() - cpuStart) / batch) * 1000);
      }
    }
    return candidates.map((candidate, index) => ({
      name: candidate.name,
      check: checks[index],
      ...pairedSpreads(samples, index, ['wall', 'cpu']),
    }));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
