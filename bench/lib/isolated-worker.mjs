// The worker of one candidate of `compareIsolated` (isolated.mjs): sets the candidate up, then
// times batches on request (wall time, inside the worker).
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const run = await (await import(workerData.module))[workerData.setup](workerData.args);
parentPort.on('message', async (message) => {
  try {
    if (message.type === 'ready') {
      const result = await run();
      parentPort.postMessage({ result: Array.isArray(result) ? result.length : result });
      return;
    }
    const start = performance.now();
    for (let i = 0; i < message.size; i++) await run();
    parentPort.postMessage({ wall: performance.now() - start });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
