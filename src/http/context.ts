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
 * Finds `Xrm` on this window, its parent or the top window: a web resource in an iframe
 * sees it on `parent`, the Omnichannel APIs live on `top`. A cross-origin frame throws on
 * access and is skipped.
 * @internal
 */
export function findXrm(): XrmLike | undefined {
  const own = globalThis as { Xrm?: unknown; parent?: unknown; top?: unknown };
  for (const read of [() => own.Xrm, () => (own.parent as typeof own)?.Xrm, () => (own.top as typeof own)?.Xrm]) {
    try {
      const xrm = read() as XrmLike | undefined;
      if (typeof xrm?.Utility?.getGlobalContext === 'function') return xrm;
    } catch {
      // A cross-origin parent: not ours to read.
    }
  }
  return undefined;
}
