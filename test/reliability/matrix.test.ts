// @vitest-environment node
/**
 * The reliability contract: every public function of the client through every fault the
 * transport must survive, played by the org emulator's fault injection. Each cell checks the
 * outcome (success after a retry, or the right error code), the number of requests sent, and
 * for writes the org's data (no duplicate, no half-applied change). The matrix is printed and
 * must match the one in docs/reliability.md (`UPDATE_RELIABILITY_DOC=1` rewrites it there).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import { type CallOptions, type TelemetryEvent, createOmnichannel, isOmnichannelError } from '../../src/index.js';
import { type OrgEmulator, createOrgEmulator } from '../../src/testing/index.js';
import { type FaultCell, type Method, type Outcome, cells, heldMs } from './faults.js';
import { type Row, rows } from './registry.js';
import { notApi, publicFunctions } from './surface.mjs';

const orgUrl = 'https://contoso.crm.dynamics.com';
const fixedNow = new Date('2026-03-01T12:00:00Z');
const docPath = join(fileURLToPath(import.meta.url), '../../../docs/reliability.md');

/** A fetch that hands requests to the org in-process; a network fault rejects as fetch does. */
function orgFetch(org: OrgEmulator, onRequest: (request: Request) => void): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    onRequest(request);
    const response = await org.handle(request);
    if (response.type === 'error') throw new TypeError('fetch failed');
    return response;
  };
}

interface Run {
  /** The value, or the OmnichannelError code. */
  outcome: { ok: true } | { ok: false; code: string; message: string };
  requests: number;
  /** Requests that matched the target (how many times it was sent). */
  targetSent: number;
  tokensAsked: number;
  /** A write's data after `arrange`, before the call. */
  before: unknown;
}

/** Whether a request is the row's target. */
function isTarget(row: Row, request: { method: string; url: string }): boolean {
  const target = row.target ?? { method: 'GET' as Method };
  return request.method === target.method && (target.url === undefined || decodeURIComponent(request.url).includes(target.url));
}

/** Runs one row's call once, through `cell` (or no fault at all), on `org`. */
async function run(row: Row, org: OrgEmulator, cell: FaultCell | undefined): Promise<Run> {
  const seed = org.seedData!;
  const controller = new AbortController();
  let tokensAsked = 0;
  let targetSent = 0;
  const events: TelemetryEvent[] = [];
  const onTelemetry = (event: TelemetryEvent) => {
    events.push(event);
    if (cell?.abort === 'mid-backoff' && event.type === 'retry') controller.abort();
  };
  // The target is the first request that matches the row's; its repeats have the same URL.
  let targetKey: string | undefined;
  const onRequest = (request: Request) => {
    const key = `${request.method} ${request.url}`;
    if (targetKey === undefined && isTarget(row, request)) targetKey = key;
    if (key !== targetKey) return;
    targetSent++;
    // In flight: the emulator holds it; the caller gives up.
    if (cell?.abort === 'mid-call') setTimeout(() => controller.abort(), 5);
  };
  // A whole second ahead, as an HTTP-date says it; the client's clock is put just before it.
  const retryAt = Math.ceil(Date.now() / 1000) * 1000 + 1000;
  const client = createOmnichannel({
    orgUrl,
    agentId: seed.signedInAgentId,
    host: 'builtin',
    fetch: orgFetch(org, onRequest),
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 60_000 },
    timeoutMs: cell?.client?.timeoutMs ?? 10_000,
    now: cell?.client?.now ? () => cell.client!.now!(retryAt) : undefined,
    getAccessToken: cell?.client?.withToken ? async () => `token-${++tokensAsked}` : undefined,
    onTelemetry,
  });
  const call = await row.arrange(org, seed, client);
  const before = await row.data?.(org, seed);
  events.length = 0;
  targetSent = 0;
  targetKey = undefined;
  const sentBefore = org.requests.length;
  if (cell) {
    const target = row.target ?? { method: 'GET' as Method };
    // A local row sends nothing: its faults wait on any request, so one sent would show.
    for (const fault of cell.faults(retryAt)) {
      org.faults.add(row.kind === 'local' ? { fault } : { fault, method: target.method, url: target.url, times: 1 });
    }
  }
  let outcome: Run['outcome'];
  try {
    await call(client, { signal: controller.signal, correlationId: 'reliability' } satisfies CallOptions, { events });
    outcome = { ok: true };
  } catch (error) {
    if (!isOmnichannelError(error)) throw error;
    outcome = { ok: false, code: error.code, message: error.message };
  }
  const requests = org.requests.length - sentBefore;
  org.faults.clear();
  // A held request is answered (and a held write applied) after the client gave up on it.
  if (cell?.name === 'timeout' || cell?.abort === 'mid-call') await new Promise((resolve) => setTimeout(resolve, heldMs + 50));
  return { outcome, requests, targetSent, tokensAsked, before };
}

const newOrg = () => createOrgEmulator({ now: fixedNow, maxRecordedRequests: Infinity });

/** One matrix entry, as printed: outcome, requests sent, and for a write what the data shows. */
type Entry = string;
const matrix = new Map<string, Map<string, Entry>>();

function enter(name: string, column: string, entry: Entry) {
  if (!matrix.has(name)) matrix.set(name, new Map());
  matrix.get(name)!.set(column, entry);
}

/** The matrix as a Markdown table. */
function renderMatrix(): string {
  const columns = cells.map((cell) => cell.name);
  const lines = [`| function | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`];
  for (const [name, entries] of [...matrix].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${name} | ${columns.map((column) => entries.get(column) ?? '').join(' | ')} |`);
  }
  return lines.join('\n');
}

const begin = '<!-- matrix:begin (written by test/reliability/matrix.test.ts) -->';
const end = '<!-- matrix:end -->';

/** What a cell expects of a row: the cell's rule for the target's method, unless the row says otherwise. */
function expectation(row: Row, cell: FaultCell): Outcome {
  if (cell.abort && row.stopsOnAbort) return { ok: true, retried: false };
  if (row.resends?.cells.includes(cell.name)) return { ok: true, retried: true };
  return cell.expect(row.target?.method ?? 'GET');
}

describe('the registry', () => {
  it('has rows for every public function of the client', () => {
    const client = createOmnichannel({ orgUrl, fetch: async () => new Response() });
    const functions = publicFunctions(client, root);
    const missing = functions.filter((name) => !(name in rows));
    expect(missing, 'public functions without reliability rows: add them to test/reliability/registry.ts').toEqual([]);
    const gone = Object.keys(rows).filter((name) => !functions.includes(name));
    expect(gone, 'rows of functions the client no longer has').toEqual([]);
    expect(Object.keys(notApi)).toEqual(['workspace']);
  });

  it('names only cells that exist where a row resends its target', () => {
    const names = new Set(cells.map((cell) => cell.name));
    const unknown = Object.entries(rows).flatMap(([name, row]) =>
      (row.resends?.cells ?? []).filter((cell) => !names.has(cell)).map((cell) => `${name}: ${cell}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe.each(Object.entries(rows))('%s', (name, row) => {
  // Reads and local calls change nothing: one org serves every cell. A write gets a fresh one per cell.
  let shared: OrgEmulator | undefined;
  const orgFor = () => (row.kind === 'write' ? newOrg() : (shared ??= newOrg()));
  let clean: { requests: number; after?: unknown } | undefined;

  const baseline = async () => {
    if (clean) return clean;
    const org = orgFor();
    const result = await run(row, org, undefined);
    expect(result.outcome, `${name} without a fault`).toEqual({ ok: true });
    clean = { requests: result.requests, after: await row.data?.(org, org.seedData!) };
    if (row.kind === 'local') expect(result.requests).toBe(0);
    else expect(result.targetSent, `${name} sends its target request once`).toBe(1);
    return clean;
  };

  it.each(cells.map((cell) => [cell.name, cell] as const))('survives %s', async (column, cell) => {
    const { requests: cleanRequests, after } = await baseline();
    if (cell.writesOnly && row.kind !== 'write') {
      enter(name, column, '—');
      return;
    }
    const org = orgFor();
    const result = await run(row, org, cell);
    const before = result.before;
    if (row.kind === 'local') {
      expect(result.requests, 'sends nothing').toBe(0);
      enter(name, column, 'no request');
      return;
    }
    const expected = expectation(row, cell);
    if (expected.ok && expected.retried) {
      expect(result.outcome, result.outcome.ok ? '' : result.outcome.message).toEqual({ ok: true });
      // One retry of the target, nothing else repeated.
      expect(result.requests).toBe(cleanRequests + 1);
      expect(result.targetSent).toBe(2);
      if (cell.client?.withToken) expect(result.tokensAsked).toBe(2);
    } else if (expected.ok) {
      // A poller the caller stopped: it resolves, having sent the target once and nothing more.
      expect(result.outcome).toEqual({ ok: true });
      expect(result.targetSent).toBe(1);
      expect(result.requests).toBeLessThanOrEqual(cleanRequests);
    } else {
      expect(result.outcome).toMatchObject({ ok: false, code: expected.code });
      // The target once, never again, and nothing the call would have sent after it.
      expect(result.targetSent).toBe(1);
      expect(result.requests).toBeLessThanOrEqual(cleanRequests);
    }
    let data = '';
    if (row.data) {
      const now = await row.data(org, org.seedData!);
      // Applied exactly once, or not at all: never twice, never in part.
      if (result.outcome.ok) expect(now).toEqual(after);
      else if (cell.name === 'timeout' || cell.abort === 'mid-call') expect(now).toEqual(after);
      else expect(now).toEqual(before);
      data = JSON.stringify(now) === JSON.stringify(before) ? ' · data unchanged' : ' · applied once';
    }
    const shown = result.outcome.ok ? (expected.ok && !expected.retried ? 'stopped' : 'ok') : result.outcome.code;
    enter(name, column, `${shown} · ${result.requests}${data}`);
  });
});

afterAll(() => {
  if (matrix.size === 0) return;
  const table = renderMatrix();
  console.log(`\nReliability matrix (outcome · requests sent; a write also says what the org's data shows)\n\n${table}\n`);
  const doc = readFileSync(docPath, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  const updated = `${doc.slice(0, from + begin.length)}\n${table}\n${doc.slice(to)}`;
  if (process.env.UPDATE_RELIABILITY_DOC === '1') writeFileSync(docPath, updated);
  // Only a full run (every row) can be compared with the contract.
  else if (matrix.size === Object.keys(rows).length && from >= 0 && to > from && updated !== doc) {
    throw new Error('docs/reliability.md does not show this matrix: run UPDATE_RELIABILITY_DOC=1 npx vitest run test/reliability');
  }
});
