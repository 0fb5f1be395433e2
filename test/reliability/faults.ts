import type { FaultRule } from '../../src/testing/index.js';

/** A request method, as the reliability rows name the request their faults hit. */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a cell expects: the call succeeds (after one retry when `retried`), or fails with `code`. */
export type Outcome = { ok: true; retried: boolean } | { ok: false; code: string };

/** How a fault is played on the target request, and what the client needs for it. */
export interface FaultCell {
  /** The column's name in the matrix. */
  name: string;
  /** Faults to queue on the target request (method and URL filled in by the row). */
  faults: (now: number) => FaultRule['fault'][];
  /** Options the client needs for this cell (a short timeout, a token provider). */
  client?: { timeoutMs?: number; withToken?: boolean; now?: (real: number) => number };
  /** The caller aborts: while the target request is in flight, or during the wait before its retry. */
  abort?: 'mid-call' | 'mid-backoff';
  /** The expected outcome for a request of this method. */
  expect(method: Method): Outcome;
  /** Cells that only make sense for a conditional write. */
  writesOnly?: boolean;
}

/** Methods the transport repeats after a network error, a timeout or a 502–504 (RFC 9110 idempotent). */
const idempotent = (method: Method) => method === 'GET' || method === 'PUT' || method === 'DELETE';
const retried: Outcome = { ok: true, retried: true };
const fails = (code: string): Outcome => ({ ok: false, code });
/** How long a delayed answer is held: longer than the cells' timeout, short enough to wait out. */
export const heldMs = 150;
/** The cells' per-attempt timeout. */
export const timeoutMs = 40;

/** A 200 whose JSON stops half-way, as a proxy that cut the connection would deliver it. */
const truncatedJson =
  '{"@odata.context":"https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#msdyn_ocliveworkitems","value":[{"activityid":"d96626d4-f0da-40f0-bb';
const json = { 'Content-Type': 'application/json; odata.metadata=minimal' };

/** The columns of the matrix: every fault the transport must survive, as the emulator plays it. */
export const cells: FaultCell[] = [
  {
    name: '429 Retry-After: 0 s',
    faults: () => [{ kind: 'throttle', retryAfter: 0 }],
    expect: () => retried,
  },
  {
    name: '429 Retry-After: HTTP-date',
    // An HTTP-date has whole seconds: the client's clock is set 5 ms before it, so the wait is 5 ms.
    faults: (now) => [{ kind: 'throttle', retryAfter: new Date(now) }],
    client: { now: (real) => real - 5 },
    expect: () => retried,
  },
  {
    name: '429 Retry-After over the cap',
    faults: () => [{ kind: 'throttle', retryAfter: 3600 }],
    expect: () => fails('Throttled'),
  },
  ...[502, 503, 504].map<FaultCell>((status) => ({
    name: String(status),
    faults: () => [{ kind: 'status', status }],
    expect: (method) => (idempotent(method) ? retried : fails('ServerError')),
  })),
  {
    name: 'network error',
    faults: () => [{ kind: 'network' }],
    expect: (method) => (idempotent(method) ? retried : fails('NetworkError')),
  },
  {
    name: 'timeout',
    faults: () => [{ kind: 'delay', ms: heldMs }],
    client: { timeoutMs },
    expect: (method) => (idempotent(method) ? retried : fails('Timeout')),
  },
  {
    name: 'abort mid-call',
    faults: () => [{ kind: 'delay', ms: heldMs }],
    abort: 'mid-call',
    expect: () => fails('Aborted'),
  },
  {
    name: 'abort mid-backoff',
    faults: () => [{ kind: 'throttle', retryAfter: 30 }],
    abort: 'mid-backoff',
    expect: () => fails('Aborted'),
  },
  {
    name: 'HTML error page',
    faults: () => [{ kind: 'html' }],
    expect: () => fails('InvalidResponse'),
  },
  {
    name: 'malformed JSON',
    faults: () => [{ kind: 'raw', headers: json, body: '{"value": [' }],
    expect: () => fails('InvalidResponse'),
  },
  {
    name: 'truncated JSON',
    faults: () => [{ kind: 'raw', headers: json, body: truncatedJson }],
    expect: () => fails('InvalidResponse'),
  },
  {
    name: '401 then refresh',
    faults: () => [{ kind: 'status', status: 401, code: '0x80072182', message: 'The token has expired.' }],
    client: { withToken: true },
    expect: () => retried,
  },
  {
    name: '412 (conditional write)',
    faults: () => [{ kind: 'status', status: 412, code: '0x80060882', message: 'The version of the existing record does not match.' }],
    expect: () => fails('PreconditionFailed'),
    writesOnly: true,
  },
];
