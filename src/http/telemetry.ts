/** Kinds of telemetry events, in the order one request produces them. */
export type TelemetryEventType =
  /** An HTTP attempt is about to be sent. */
  | 'request'
  /** An HTTP attempt received a response (any status). */
  | 'response'
  /** The attempt failed in a way the policy retries; the SDK waits and tries again. */
  | 'retry'
  /** The SDK call fails with an {@link OmnichannelError}. */
  | 'failure';

/**
 * One telemetry event. Never carries a token or a request body; `url` is the request URL
 * as sent (the org's, with its query string).
 */
export interface TelemetryEvent {
  /** What happened. */
  type: TelemetryEventType;
  /** The SDK operation, e.g. `getConversations`. */
  operation: string;
  /** Correlation id of the SDK call (`x-ms-correlation-id`). */
  correlationId: string;
  /** Id of this HTTP attempt (`x-ms-client-request-id`). */
  clientRequestId?: string;
  /** HTTP method. */
  method?: string;
  /** Request URL. */
  url?: string;
  /** HTTP status, on `response`, `retry` after a response, and `failure` after a response. */
  status?: number;
  /** Milliseconds since the attempt started (on `response`, `retry`, `failure`). */
  durationMs?: number;
  /** Attempt number, from 1. */
  attempt?: number;
  /** The response's `x-ms-service-request-id`. */
  serviceRequestId?: string;
  /** Error code on `retry` and `failure`. */
  errorCode?: string;
  /** On `retry`: milliseconds the SDK waits before the next attempt. */
  delayMs?: number;
}

/** Receives telemetry events. Errors it throws are swallowed: telemetry never breaks a call. */
export type TelemetryListener = (event: TelemetryEvent) => void;

/** Calls the listener, isolating the call from anything it throws. @internal */
export function emit(listener: TelemetryListener | undefined, event: TelemetryEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A broken listener must not change the outcome of the call it observes.
  }
}
