import { type ApiContext, startCall } from '../../api/call.js';
import { isOmnichannelError } from '../../http/errors.js';
import { emit } from '../../http/telemetry.js';
import { timerDelay } from '../../http/timers.js';
import type { CallContext } from '../../http/transport.js';

/** How a poller paces itself. */
export interface PollOptions {
  /** Milliseconds between the end of one poll and the start of the next. */
  intervalMs: number;
  /** Stops the poller. */
  signal?: AbortSignal;
  /** Longest wait after failures (the backoff doubles from `intervalMs` up to this). @default 5 minutes */
  maxBackoffMs?: number;
}

/** A running poller. */
export interface Poller {
  /** Polls now (unless a poll is running) and resolves when that poll ends. */
  poll(): Promise<void>;
  /** Stops polling; a poll in flight is aborted. */
  stop(): void;
  /** True until stopped. */
  readonly running: boolean;
}

/**
 * Runs `work` every `intervalMs`, one poll at a time (a slow poll delays the next instead of
 * overlapping it), each poll one SDK call with its own correlation id (so its requests group in
 * telemetry). A failed poll waits longer before the next: the server's `Retry-After` when it
 * throttled, else the interval doubled per failure up to `maxBackoffMs`. Stops on abort or
 * `stop()`; errors never escape (they are reported as a `failure` telemetry event).
 * @internal
 */
export function startPoller(
  context: ApiContext,
  operation: string,
  work: (call: CallContext) => Promise<void>,
  options: PollOptions,
): Poller {
  const controller = new AbortController();
  const stopOn = options.signal;
  const maxBackoffMs = options.maxBackoffMs ?? 300_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;

  const stop = () => {
    clearTimeout(timer);
    controller.abort();
    stopOn?.removeEventListener('abort', stop);
  };
  stopOn?.addEventListener('abort', stop, { once: true });

  const schedule = (delayMs: number) => {
    if (controller.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => void poll(), timerDelay(delayMs));
  };

  const poll = (): Promise<void> => {
    if (controller.signal.aborted) return Promise.resolve();
    if (inFlight) return inFlight;
    clearTimeout(timer);
    const call = startCall(operation, { signal: controller.signal });
    inFlight = work(call)
      .then(
        () => {
          failures = 0;
          schedule(options.intervalMs);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          failures++;
          const retryAfterMs = isOmnichannelError(error) ? error.retryAfterMs : undefined;
          const backoff = Math.min(maxBackoffMs, options.intervalMs * 2 ** failures);
          emit(context.onTelemetry, {
            type: 'failure',
            operation,
            correlationId: call.correlationId,
            errorCode: isOmnichannelError(error) ? error.code : 'NetworkError',
            delayMs: Math.max(retryAfterMs ?? 0, backoff),
          });
          schedule(Math.max(retryAfterMs ?? 0, backoff));
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  if (stopOn?.aborted) stop();
  else schedule(0);
  return {
    poll,
    stop,
    get running() {
      return !controller.signal.aborted;
    },
  };
}
