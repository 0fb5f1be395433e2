import { type OmnichannelError, isOmnichannelError } from '../../src/index.js';

/** Awaits a promise that must reject with an OmnichannelError, and returns that error. */
export async function caught(promise: Promise<unknown>): Promise<OmnichannelError> {
  let outcome: unknown;
  try {
    await promise;
  } catch (error) {
    outcome = error;
  }
  if (isOmnichannelError(outcome)) return outcome;
  throw new Error(`expected an OmnichannelError, got ${outcome === undefined ? 'a fulfilled promise' : String(outcome)}`);
}

/** Runs a function that must throw an OmnichannelError, and returns that error. */
export function thrown(run: () => unknown): OmnichannelError {
  try {
    run();
  } catch (error) {
    if (isOmnichannelError(error)) return error;
    throw error;
  }
  throw new Error('expected an OmnichannelError, nothing was thrown');
}
