import { ErrorCodes, ODataError, errorResponse } from './errors.js';

/** A failure the emulator plays instead of answering, for resilience tests. */
export type Fault =
  /** 429 with `Retry-After` (seconds, or an HTTP-date when a Date is given), in Dataverse's body shape. */
  | { kind: 'throttle'; retryAfter?: number | Date }
  /** 503 Service Unavailable. */
  | { kind: 'unavailable'; retryAfter?: number }
  /** Any status with a Dataverse error body. */
  | { kind: 'status'; status: number; code?: string; message?: string }
  /** The connection fails: fetch rejects (MSW `HttpResponse.error()`, a destroyed socket on the loopback server). */
  | { kind: 'network' }
  /** Waits `ms` before answering normally (pair with a client `timeoutMs` to test timeouts). */
  | { kind: 'delay'; ms: number }
  /** 200 with an HTML page, as a sign-in redirect or a proxy would answer. */
  | { kind: 'html'; status?: number }
  /** Any response, as given: a malformed JSON body, an odd header, a page with a foreign nextLink. */
  | { kind: 'raw'; status?: number; headers?: Record<string, string>; body?: string };

/** Which requests a fault applies to, and how many times. */
export interface FaultRule {
  /** What to do. */
  fault: Fault;
  /** How many matching requests get the fault. @default 1 */
  times?: number;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /** Only requests whose URL (path and query) contains this text or matches this pattern. */
  url?: string | RegExp;
}

/** The fault queue of one emulator. */
export interface FaultInjector {
  /** Queues a fault for the next matching requests. Rules are tried in the order added. */
  add(rule: FaultRule | Fault): void;
  /** Drops every queued fault. */
  clear(): void;
  /** How many faulted answers are still queued. */
  readonly pending: number;
}

/** A fault chosen for a request, as the HTTP layer plays it. @internal */
export type FaultAction = { response: Response; raw?: boolean } | { networkError: true } | { delayMs: number };

/** @internal */
export function createFaultInjector(): FaultInjector & { take(request: Request): FaultAction | undefined } {
  const rules: { rule: FaultRule; left: number }[] = [];
  return {
    add(ruleOrFault) {
      const given: FaultRule = 'fault' in ruleOrFault ? ruleOrFault : { fault: ruleOrFault };
      const times = given.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError('FaultRule.times must be a whole number ≥ 1');
      const rule = given.url instanceof RegExp ? { ...given, url: statelessPattern(given.url) } : given;
      rules.push({ rule, left: times });
    },
    clear() {
      rules.length = 0;
    },
    get pending() {
      return rules.reduce((sum, entry) => sum + entry.left, 0);
    },
    take(request) {
      const url = new URL(request.url);
      const target = url.pathname + url.search;
      // A stray `%` (say in a $filter literal) is no escape and made decodeURIComponent throw out
      // of handle(): such a URL is matched as written.
      let decoded = target;
      try {
        decoded = decodeURIComponent(target);
      } catch {
        // keep the URL as written
      }
      const index = rules.findIndex(({ rule }) => {
        if (rule.method && rule.method.toUpperCase() !== request.method) return false;
        if (rule.url === undefined) return true;
        return typeof rule.url === 'string' ? decoded.includes(rule.url) || target.includes(rule.url) : rule.url.test(target);
      });
      if (index < 0) return undefined;
      const entry = rules[index]!;
      if (--entry.left === 0) rules.splice(index, 1);
      return play(entry.rule.fault);
    },
  };
}

/**
 * The pattern without the `g` and `y` flags. With them `RegExp.prototype.test` starts at the
 * `lastIndex` the previous match left, so a rule matched every other request (`g`), or only
 * URLs that begin with the pattern (`y`). A copy: the caller's RegExp is left as it was.
 */
function statelessPattern(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}

function play(fault: Fault): FaultAction {
  switch (fault.kind) {
    case 'network':
      return { networkError: true };
    case 'delay':
      return { delayMs: fault.ms };
    case 'html':
      return {
        response: new Response('<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>Sign in</body></html>', {
          status: fault.status ?? 200,
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        }),
      };
    case 'throttle': {
      const retryAfter = fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(fault.retryAfter ?? 1);
      return {
        response: errorBody(429, ErrorCodes.Throttled, 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', {
          'Retry-After': retryAfter,
        }),
      };
    }
    case 'unavailable':
      return {
        response: errorBody(
          503,
          '0x80040216',
          'Service Unavailable',
          fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) },
        ),
      };
    case 'raw':
      return { response: new Response(fault.body ?? null, { status: fault.status ?? 200, headers: fault.headers }), raw: true };
    case 'status':
      return { response: errorBody(fault.status, fault.code ?? '0x80040216', fault.message ?? `Injected fault ${fault.status}`, {}) };
  }
}

function errorBody(status: number, code: string, message: string, headers: Record<string, string>): Response {
  return errorResponse(new ODataError(status, code, message), headers);
}
