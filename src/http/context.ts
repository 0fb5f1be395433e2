/**
 * The part of the Dynamics 365 client API (`Xrm`) the SDK reads: the org URL and the
 * signed-in user. Present on forms and web resources inside Dynamics 365.
 */
export interface XrmLike {
  /** `Xrm.Utility`. */
  Utility: {
    /** `Xrm.Utility.getGlobalContext()`: the org and the signed-in user. */
    getGlobalContext(): {
      /** The org URL, e.g. `https://contoso.crm.dynamics.com`. */
      getClientUrl(): string;
      /** The signed-in user; `userId` is the systemuser id in braces. */
      userSettings?: { userId?: string };
    };
  };
}

/**
 * Reads a value from this window, its parent and the top window, in that order, and returns
 * the first that `accept` takes. A web resource in an iframe sees the form's globals on
 * `parent`; the Omnichannel APIs live on `top`. A cross-origin frame throws on access and is
 * skipped.
 * @internal
 */
export function findOnFrames<T>(read: (frame: Record<string, unknown>) => unknown, accept: (value: unknown) => value is T): T | undefined {
  const own = globalThis as unknown as Record<string, unknown>;
  for (const frame of [() => own, () => own.parent, () => own.top]) {
    try {
      const target = frame() as Record<string, unknown> | undefined;
      const value = target ? read(target) : undefined;
      if (accept(value)) return value;
    } catch {
      // A cross-origin parent: not ours to read.
    }
  }
  return undefined;
}

/**
 * Finds `Xrm` on this window, its parent or the top window.
 * @internal
 */
export function findXrm(): XrmLike | undefined {
  return findOnFrames(
    (frame) => frame.Xrm,
    (value): value is XrmLike => typeof (value as XrmLike | undefined)?.Utility?.getGlobalContext === 'function',
  );
}
