import { OmnichannelError, describeCause } from '../http/errors.js';
import type { HostOmnichannel } from '../http/host.js';
import { abortable, abortedError } from '../http/retry.js';
import { emit } from '../http/telemetry.js';
import { timerDelay } from '../http/timers.js';
import type { CallContext } from '../http/transport.js';
import type { ApiContext } from './call.js';

/**
 * Calls a method of the product's `Microsoft.Omnichannel` with what the SDK adds to any call:
 * telemetry (`request`, then `response` or `failure`, with `method: 'HOST'`), the client's
 * timeout, the caller's abort, and one error type (a rejection becomes `HostError`, its
 * `cause` the host's error).
 * @internal
 */
export async function callHost<M extends keyof HostOmnichannel>(
  context: ApiContext,
  call: CallContext,
  host: HostOmnichannel,
  method: M,
  args: Parameters<HostOmnichannel[M]>,
): Promise<Awaited<ReturnType<HostOmnichannel[M]>>> {
  const event = { operation: call.operation, correlationId: call.correlationId, method: 'HOST', url: `Microsoft.Omnichannel.${method}`, attempt: 1 };
  emit(context.onTelemetry, { ...event, type: 'request' });
  const started = context.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
    const answer = new Promise<Awaited<ReturnType<HostOmnichannel[M]>>>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new OmnichannelError('Timeout', `Microsoft.Omnichannel.${method} did not answer within ${context.timeoutMs} ms`)),
        timerDelay(context.timeoutMs),
      );
      // The host may throw synchronously or return a non-promise: both are answers.
      Promise.resolve()
        .then(() => (host[method] as (...values: unknown[]) => unknown)(...args))
        .then(
          (value) => resolve(value as Awaited<ReturnType<HostOmnichannel[M]>>),
          (cause: unknown) => reject(new OmnichannelError('HostError', `Microsoft.Omnichannel.${method} failed: ${describeCause(cause)}`, { cause })),
        );
    });
    const result = await abortable(answer, call.signal);
    emit(context.onTelemetry, { ...event, type: 'response', durationMs: context.now() - started });
    return result;
  } catch (error) {
    emit(context.onTelemetry, { ...event, type: 'failure', durationMs: context.now() - started, errorCode: (error as OmnichannelError).code });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
