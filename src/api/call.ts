import { invalidInput, stampCorrelation } from '../http/errors.js';
import type { HostOmnichannel } from '../http/host.js';
import { newUuid } from '../http/ids.js';
import type { TelemetryListener } from '../http/telemetry.js';
import type { CallContext, Transport } from '../http/transport.js';
import type { MessageChannel } from '../workspace/channel.js';
import type { Workspace } from '../workspace/workspace.js';

/** What an HTTP header value may carry: printable ASCII, not blank at either end. */
const headerSafe = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;

/** Per-call options every SDK method accepts as its last argument. */
export interface CallOptions {
  /**
   * Groups the call's HTTP requests in telemetry; sent as `x-ms-correlation-id` on each.
   * @default a new UUID v4
   */
  correlationId?: string;
  /** Cancels the call, including a wait between retries; it then rejects with code `Aborted`. */
  signal?: AbortSignal;
}

/** What a `Microsoft.Omnichannel` method may take where the product takes a correlation id. */
export type CorrelationIdOrOptions = string | CallOptions | undefined;

/**
 * What the API functions that only talk to the Web API need: the org's transport and the
 * signed-in agent. A connection (`createConnection`) holds this alone.
 * @internal
 */
export interface ConnectionContext {
  send: Transport;
  /** The signed-in agent's systemuser id, when known. */
  agentId?: string;
  /** Clock, for date filters. */
  now: () => number;
  /** Per-attempt timeout; bounds a host call too. */
  timeoutMs: number;
  onTelemetry?: TelemetryListener;
}

/** What the API functions need from the client that made them. @internal */
export interface ApiContext extends ConnectionContext {
  /** The built-in agent workspace, which serves the UI-bound methods outside the product. */
  workspace: Workspace;
  /** The product's `Microsoft.Omnichannel` when the client delegates to it (`host: 'auto'`), looked up per call. */
  host: () => HostOmnichannel | undefined;
  /** Delivers chat messages (`sendMessageToConversation(…, false)`); none outside the product unless given. */
  channel?: MessageChannel;
}

/**
 * Turns the caller's correlation id or options into the context of one call.
 * @internal
 */
export function startCall(operation: string, options: CorrelationIdOrOptions): CallContext {
  if (options !== undefined && options !== null && typeof options !== 'string' && typeof options !== 'object') {
    throw invalidInput('correlationId', `must be a string or { correlationId?, signal? }, got ${typeof options}`);
  }
  const { correlationId, signal } = typeof options === 'string' ? { correlationId: options, signal: undefined } : (options ?? {});
  if (correlationId !== undefined && (typeof correlationId !== 'string' || !headerSafe.test(correlationId))) {
    throw invalidInput('correlationId', 'must be 1 to 256 printable ASCII characters');
  }
  if (signal !== undefined && !isAbortSignal(signal)) throw invalidInput('signal', 'must be an AbortSignal');
  return { operation, correlationId: correlationId ?? newUuid(), signal };
}

/** Duck-typed, because an AbortSignal from another realm is not `instanceof` ours. */
function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function';
}

/**
 * Runs `work` with the call's context and stamps the correlation id on any error it throws,
 * so input errors carry it too.
 * @internal
 */
export async function withCall<T>(operation: string, options: CorrelationIdOrOptions, work: (call: CallContext) => Promise<T>): Promise<T> {
  const call = startCall(operation, options);
  try {
    return await work(call);
  } catch (error) {
    throw stampCorrelation(error, call.correlationId);
  }
}
