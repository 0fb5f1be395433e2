// @vitest-environment node
/**
 * No token in any error, message, telemetry event or log: a recognisable token goes through
 * every row of the reliability registry under every fault, and through the token's own
 * failure paths, and everything the SDK emits is searched for it: the error (message, own
 * properties, cause chain, `util.inspect` with hidden fields, `JSON.stringify`), every
 * telemetry event, and everything written to the console.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccessTokenProvider, type TelemetryEvent, createOmnichannel } from '../../src/index.js';
import { type FaultRule, type OrgEmulator, createOrgEmulator } from '../../src/testing/index.js';
import { cells, heldMs } from './faults.js';
import { rows } from './registry.js';

const orgUrl = 'https://contoso.crm.dynamics.com';
/** A JWT-shaped token whose middle is easy to find in any text. */
const secret = 'SECRETTOKEN4242xQ9';
const token = `eyJhbGciOiJub25lIn0.${secret}.c2lnbmF0dXJl`;

/** Everything that could carry the token out of a call. */
const emitted: string[] = [];

beforeEach(() => {
  emitted.length = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void emitted.push(args.map((arg) => inspect(arg, { depth: 10 })).join(' ')),
    );
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every rendering of an error a log line or a bug report might hold. */
function renderings(error: unknown): string[] {
  const shown = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error) ?? ''];
  if (typeof error === 'object' && error !== null) {
    shown.push(JSON.stringify(error, Object.getOwnPropertyNames(error)));
    for (let cause = (error as { cause?: unknown }).cause, depth = 0; cause !== undefined && depth < 5; depth++) {
      shown.push(String(cause), inspect(cause, { depth: 10, showHidden: true }));
      cause = (cause as { cause?: unknown } | null)?.cause;
    }
  }
  return shown;
}

function expectNoToken(texts: string[], where: string) {
  const leaked = texts.filter((text) => text.includes(secret));
  expect(leaked, `the token shows in ${where}`).toEqual([]);
}

/** A client of `org` whose every request carries the token (the provider may be replaced). */
function clientOf(org: OrgEmulator, events: TelemetryEvent[], provider: AccessTokenProvider = async () => token, timeoutMs = 10_000) {
  return createOmnichannel({
    orgUrl,
    agentId: org.seedData!.signedInAgentId,
    host: 'builtin',
    fetch: async (input, init) => {
      const response = await org.handle(new Request(input, init));
      if (response.type === 'error') throw new TypeError('fetch failed');
      return response;
    },
    getAccessToken: provider,
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 1 },
    timeoutMs,
    onTelemetry: (event) => void events.push(event),
  });
}

/** Runs `call`, and searches its error, its telemetry and the console for the token. */
async function expectNoLeak(where: string, events: TelemetryEvent[], call: () => Promise<unknown>) {
  let error: unknown;
  try {
    await call();
  } catch (caught) {
    error = caught;
  }
  expectNoToken(renderings(error), `the error of ${where}`);
  expectNoToken(
    events.map((event) => JSON.stringify(event)),
    `the telemetry of ${where}`,
  );
  expectNoToken(emitted, `the console during ${where}`);
}

/** A service (or a proxy in front of it) that echoes the request's Authorization back. */
const echoes: [string, FaultRule['fault']][] = [
  [
    'an error body that quotes the Authorization header',
    {
      kind: 'raw',
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        error: { code: '0x0', message: `Bad header: Authorization: Bearer ${token}`, innererror: { message: token } },
      }),
    },
  ],
  [
    'a proxy page that quotes it',
    { kind: 'raw', status: 502, headers: { 'Content-Type': 'text/html' }, body: `<pre>Bearer ${token}</pre>` },
  ],
  ['a response header that echoes it', { kind: 'raw', status: 500, headers: { 'X-Echo-Authorization': `Bearer ${token}` }, body: '' }],
  ['a 200 of HTML that quotes it', { kind: 'raw', status: 200, headers: { 'Content-Type': 'text/html' }, body: `Bearer ${token}` }],
];

describe('the token, through every row of the reliability registry', () => {
  it.each(Object.entries(rows).filter(([, row]) => row.kind !== 'local'))(
    'stays out of everything %s emits under every fault',
    async (name, row) => {
      const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
      for (const cell of cells.filter((cell) => !cell.abort)) {
        const events: TelemetryEvent[] = [];
        const client = clientOf(org, events, undefined, cell.client?.timeoutMs);
        const call = await row.arrange(org, org.seedData!, client);
        for (const fault of cell.faults(Date.now())) org.faults.add({ fault, method: row.target?.method ?? 'GET', times: 2 });
        await expectNoLeak(`${name} under ${cell.name}`, events, () => call(client, {}, { events }));
        org.faults.clear();
        if (cell.name === 'timeout') await new Promise((resolve) => setTimeout(resolve, heldMs + 20));
      }
    },
  );
});

describe('the token, when the service echoes it', () => {
  it.each(echoes)('stays out of the error made from %s', async (_name, fault) => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const events: TelemetryEvent[] = [];
    org.faults.add({ fault, times: 2 });
    await expectNoLeak('an echoing response', events, () => clientOf(org, events).getConversations({}));
    expect(events.some((event) => event.type === 'failure')).toBe(true);
  });
});

describe("the token's own failure paths", () => {
  const providers: [string, AccessTokenProvider][] = [
    ['a token with a line break', async () => `${token}\r\nX-Injected: 1`],
    ['a token with a NUL', async () => `${token}\u0000`],
    ['a token with a space', async () => `Bearer ${token}`],
    ['a token with a non-ASCII character', async () => `${token}é`],
    ['an object with such a token', async () => ({ token: `${token}\n`, expiresOn: Date.now() + 3_600_000 })],
    ['a provider that never answers', () => new Promise<string>(() => undefined)],
  ];

  it.each(providers)('keeps it out of everything emitted for %s', async (_name, provider) => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const events: TelemetryEvent[] = [];
    await expectNoLeak('a bad token', events, () => clientOf(org, events, provider, 50).getConversations({}));
    expect(org.requests).toHaveLength(0);
  });

  it('keeps it out of everything emitted when the service rejects it twice (401, refresh, 401)', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const events: TelemetryEvent[] = [];
    org.faults.add({ fault: { kind: 'status', status: 401 }, times: 2 });
    await expectNoLeak('a revoked token', events, () => clientOf(org, events).getConversations({}));
    expect(org.requests).toHaveLength(2);
  });

  it('keeps it out of the error when the caller aborts while the token is awaited', async () => {
    const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
    const events: TelemetryEvent[] = [];
    const controller = new AbortController();
    const provider = () => new Promise<string>((resolve) => setTimeout(() => resolve(token), 20));
    setTimeout(() => controller.abort(new Error(`gave up (${token.length} chars)`)), 5);
    await expectNoLeak('an abort', events, () => clientOf(org, events, provider).getConversations({}, { signal: controller.signal }));
  });
});
