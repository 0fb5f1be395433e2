// The loopback server in a process of its own, so the client's measurements hold the client
// alone: an emulated org with one agent per requested size (N conversations each), served by
// the testing kit's startEmulatorServer. Started by `startServerProcess`; answers on IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addAgentWithConversations, fixedNow } from './fixtures.mjs';
import { loadSdk } from './sdk.mjs';

/**
 * Starts the server process with agents of `counts` conversations; resolves `{ url, agents,
 * stats(), stop() }`, where `agents[n]` is the agent with n conversations and `stats()` asks
 * the server for its memory and request count.
 */
export async function startServerProcess(counts, { execArgv = [] } = {}) {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(counts)], {
    execArgv,
    env: { ...process.env, BENCH_SERVER_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  let asked = 0;
  const ask = (type, extra = {}) =>
    new Promise((resolve) => {
      const id = ++asked;
      const onMessage = (message) => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ id, type, ...extra });
    });
  return {
    ...ready,
    pid: child.pid,
    stats: () => ask('stats'),
    /** Runs `store.list(table)` in the server and returns the rows. */
    rows: (table) => ask('rows', { table }).then((message) => message.rows),
    /** The stored rows of `table` with these ids, by id (each with the given columns only). */
    find: (table, ids, columns) => ask('find', { table, ids, columns }).then((message) => message.found),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      }),
  };
}

if (process.env.BENCH_SERVER_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = JSON.parse(process.argv[2] ?? '[]');
  const { testing } = await loadSdk();
  const org = testing.createOrgEmulator({ now: fixedNow, maxRecordedRequests: 0 });
  const agents = {};
  for (const count of counts) agents[count] = addAgentWithConversations(org, count);
  const server = await testing.startEmulatorServer({ emulator: org });
  let served = 0;
  // Counted by the emulator's own entry point, so faults and every route are included.
  const handle = org.handle.bind(org);
  org.handle = (request) => {
    served++;
    return handle(request);
  };
  process.on('message', (message) => {
    if (message.type === 'stats') {
      globalThis.gc?.();
      const memory = process.memoryUsage();
      process.send({ id: message.id, rss: memory.rss, heapUsed: memory.heapUsed, served });
    } else if (message.type === 'rows') {
      process.send({ id: message.id, rows: org.store.list(message.table) });
    } else if (message.type === 'find') {
      const found = {};
      for (const id of message.ids) {
        const row = org.store.get(message.table, id);
        if (row) found[id] = Object.fromEntries(message.columns.map((column) => [column, row[column]]));
      }
      process.send({ id: message.id, found });
    }
  });
  process.send({ url: server.url, agents, signedInAgentId: org.seedData.signedInAgentId });
}
