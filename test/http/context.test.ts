// @vitest-environment node
// Node's globalThis has no parent or top of its own, so each test can give it the frames it needs.
import { afterEach, describe, expect, it } from 'vitest';
import { findXrm } from '../../src/http/context.js';
import type { XrmLike } from '../../src/index.js';

const frameKeys = ['Xrm', 'parent', 'top'] as const;

afterEach(() => {
  for (const key of frameKeys) delete (globalThis as Record<string, unknown>)[key];
});

/** An Xrm whose org URL says which frame it came from. */
function xrmOf(frame: string): XrmLike {
  return { Utility: { getGlobalContext: () => ({ getClientUrl: () => `https://${frame}.crm.dynamics.com` }) } };
}

/** A window as findXrm reads it: an object with an `Xrm`, or none. */
function frame(xrm?: XrmLike): object {
  return xrm ? { Xrm: xrm } : {};
}

/** A frame of another origin: the browser throws a SecurityError on any property read. */
function crossOriginFrame(): object {
  return new Proxy(
    {},
    {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    },
  );
}

function install(windows: { own?: XrmLike; parent?: object; top?: object }): void {
  const global = globalThis as Record<string, unknown>;
  if (windows.own) global.Xrm = windows.own;
  if (windows.parent) global.parent = windows.parent;
  if (windows.top) global.top = windows.top;
}

function orgOf(xrm: XrmLike | undefined): string | undefined {
  return xrm?.Utility.getGlobalContext().getClientUrl();
}

describe('findXrm', () => {
  it('reads Xrm on this window first', () => {
    install({ own: xrmOf('own'), parent: frame(xrmOf('parent')), top: frame(xrmOf('top')) });
    expect(orgOf(findXrm())).toBe('https://own.crm.dynamics.com');
  });

  it("reads the parent's Xrm when this window has none, as a web resource in an iframe sees it", () => {
    install({ parent: frame(xrmOf('parent')), top: frame(xrmOf('top')) });
    expect(orgOf(findXrm())).toBe('https://parent.crm.dynamics.com');
  });

  it("reads the top window's Xrm when neither this window nor its parent has one", () => {
    install({ parent: frame(), top: frame(xrmOf('top')) });
    expect(orgOf(findXrm())).toBe('https://top.crm.dynamics.com');
  });

  it("skips a cross-origin parent whose property access throws, and reads top's Xrm", () => {
    install({ parent: crossOriginFrame(), top: frame(xrmOf('top')) });
    expect(orgOf(findXrm())).toBe('https://top.crm.dynamics.com');
  });

  it('returns undefined when the parent and top are both cross-origin', () => {
    install({ parent: crossOriginFrame(), top: crossOriginFrame() });
    expect(findXrm()).toBeUndefined();
  });

  it('skips an Xrm without Utility.getGlobalContext and keeps looking', () => {
    install({ own: { Utility: {} } as XrmLike, parent: frame(xrmOf('parent')) });
    expect(orgOf(findXrm())).toBe('https://parent.crm.dynamics.com');
  });

  it('returns undefined when no window has an Xrm', () => {
    install({ parent: frame(), top: frame() });
    expect(findXrm()).toBeUndefined();
  });
});
