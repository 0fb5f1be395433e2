// @vitest-environment jsdom
// The panel's life: where it renders, its scoped styles and layouts, its words, and dispose.
import { describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../src/index.js';
import { type SessionPanelWorkspace, defaultSessionPanelLabels, renderSessionPanel } from '../../src/ui/index.js';
import { conversationA, render, threeSessions } from './support.js';

describe('rendering', () => {
  it('appends one host element to the container, with an open shadow root', () => {
    const { container, panel } = render();
    expect([...container.children]).toEqual([panel.element]);
    expect(panel.element.hasAttribute('data-omnichannel-session-panel')).toBe(true);
    expect(panel.element.shadowRoot).not.toBeNull();
  });

  it('keeps its styles inside its shadow root: the page gains no stylesheet', () => {
    const before = document.querySelectorAll('style, link').length;
    const { root } = render();
    expect(document.querySelectorAll('style, link').length).toBe(before);
    const styles = [...root.querySelectorAll('style')].map((style) => style.textContent).join('');
    expect(styles).toContain(':host');
  });

  it('is a navigation landmark with a labelled session list', () => {
    const { root } = render();
    expect(root.querySelector('nav')!.getAttribute('aria-label')).toBe('Sessions');
    expect(root.querySelector('ul')!.getAttribute('aria-label')).toBe('Sessions');
  });

  it('renders two panels of one workspace independently', () => {
    const { workspace, kenny } = threeSessions();
    const first = render({ workspace });
    const second = render({ workspace });
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    expect(first.rowOf(kenny.id)!.querySelector('.badge')!.textContent).toBe('1');
    expect(second.rowOf(kenny.id)!.querySelector('.badge')!.textContent).toBe('1');
  });

  it('refuses a container that is not an element', () => {
    expect(() => renderSessionPanel(null as never, new Workspace())).toThrow(TypeError);
  });

  it('refuses something that is not a workspace', () => {
    expect(() => renderSessionPanel(document.createElement('div'), {} as never)).toThrow(/workspace must be a Workspace/);
  });
});

describe('layouts', () => {
  it('is wide where the page cannot tell its width (no matchMedia)', () => {
    const { panel } = render();
    expect(panel.element.getAttribute('data-layout')).toBe('wide');
  });

  it('is narrow under the narrow media query, and follows its changes', () => {
    const listeners = new Set<() => void>();
    const query = {
      matches: true,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
    const matchMedia = vi.fn(() => query);
    vi.stubGlobal('matchMedia', matchMedia);
    try {
      const { panel } = render({ narrowQuery: '(max-width: 480px)' });
      expect(matchMedia).toHaveBeenCalledWith('(max-width: 480px)');
      expect(panel.element.getAttribute('data-layout')).toBe('narrow');
      query.matches = false;
      for (const listener of listeners) listener();
      expect(panel.element.getAttribute('data-layout')).toBe('wide');
      panel.dispose();
      expect(listeners.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('labels', () => {
  it('uses the words given, and English for the others', () => {
    const { workspace, kenny } = threeSessions();
    workspace.messageArrived(conversationA, { text: 'Hallo?', from: 'customer' });
    const { tab, closeButton, root } = render({
      workspace,
      labels: { sessions: 'Sitzungen', unread: (count) => `${count} ungelesen`, close: (title) => `${title} schließen` },
    });
    expect(root.querySelector('nav')!.getAttribute('aria-label')).toBe('Sitzungen');
    expect(tab(kenny.id).getAttribute('aria-label')).toBe('Kenny Smith, 1 ungelesen');
    expect(closeButton(kenny.id).getAttribute('aria-label')).toBe('Kenny Smith schließen');
    expect(root.querySelector('.toggle')!.getAttribute('aria-label')).toBe(defaultSessionPanelLabels.toggle);
  });

  it('cannot be changed for every panel by mistake: the defaults are frozen', () => {
    expect(Object.isFrozen(defaultSessionPanelLabels)).toBe(true);
  });
});

describe('dispose', () => {
  /** The workspace behind a wrapper that counts subscriptions and unsubscriptions. */
  function counted(workspace: Workspace) {
    const unsubscribed: string[] = [];
    const subscribed: string[] = [];
    const wrapper: SessionPanelWorkspace = {
      get sessions() {
        return workspace.sessions;
      },
      get focused() {
        return workspace.focused;
      },
      get notifications() {
        return workspace.notifications;
      },
      get panel() {
        return workspace.panel;
      },
      focus: (id) => workspace.focus(id),
      close: (id) => workspace.close(id),
      end: (id) => workspace.end(id),
      accept: (id) => workspace.accept(id),
      reject: (id) => workspace.reject(id),
      setPanel: (mode) => workspace.setPanel(mode),
      on(event, listener) {
        subscribed.push(event);
        const off = workspace.on(event, listener);
        return () => {
          unsubscribed.push(event);
          off();
        };
      },
    };
    return { wrapper, subscribed, unsubscribed };
  }

  it('unsubscribes from every workspace event it subscribed to', () => {
    const { workspace } = threeSessions();
    const { wrapper, subscribed, unsubscribed } = counted(workspace);
    const panel = renderSessionPanel(document.body, wrapper);
    expect(subscribed.length).toBeGreaterThan(0);
    panel.dispose();
    expect(unsubscribed.sort()).toEqual(subscribed.sort());
  });

  it('removes the panel from the page', () => {
    const { container, panel } = render();
    panel.dispose();
    expect(container.children).toHaveLength(0);
  });

  it('stops following the workspace', () => {
    const { workspace, kenny } = threeSessions();
    const { panel, rowOf } = render({ workspace });
    const badge = rowOf(kenny.id)!.querySelector('.badge')!;
    panel.dispose();
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    expect(badge.textContent).toBe('');
  });

  it('does nothing the second time', () => {
    const { workspace } = threeSessions();
    const { wrapper, unsubscribed } = counted(workspace);
    const panel = renderSessionPanel(document.body, wrapper);
    panel.dispose();
    const count = unsubscribed.length;
    panel.dispose();
    expect(unsubscribed).toHaveLength(count);
  });

  it('answers an open confirmation "keep it", so nothing closes after dispose', async () => {
    const { workspace, kenny } = threeSessions();
    const { panel, closeButton } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    panel.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(workspace.sessions.map((session) => session.id)).toContain(kenny.id);
  });
});
