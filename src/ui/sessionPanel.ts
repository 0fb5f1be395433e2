import type { CloseIntent, Workspace, WorkspaceSession } from '../index.js';
import { createConfirmDialog } from './confirmDialog.js';
import { h, icon, icons, idMaker, setAttribute } from './dom.js';
import { type SessionPanelLabels, defaultSessionPanelLabels } from './labels.js';
import { createNotificationList } from './notificationList.js';
import { createSessionList } from './sessionList.js';
import { adoptStyles } from './styles.js';

/**
 * What the panel uses of a workspace: `omnichannel.workspace` has all of it, and a host may
 * pass anything of this shape (a wrapper that logs, a test double).
 */
export type SessionPanelWorkspace = Pick<
  Workspace,
  'sessions' | 'focused' | 'notifications' | 'panel' | 'on' | 'focus' | 'close' | 'end' | 'accept' | 'reject' | 'setPanel'
>;

/** Options of {@link renderSessionPanel}. */
export interface SessionPanelOptions {
  /**
   * Asks before the panel's Close or End (or the Delete key) closes a session: `true` shows
   * the panel's own dialog; a function decides (resolve false to keep the session). The
   * workspace's own `confirmClose` still runs after it, so use one or the other.
   * @default false (only the workspace's `confirmClose` asks)
   */
  confirmClose?: boolean | ((session: WorkspaceSession, intent: CloseIntent) => boolean | Promise<boolean>);
  /** The panel's words in the agent's language; any left out are English. @default defaultSessionPanelLabels */
  labels?: Partial<SessionPanelLabels>;
  /**
   * The media query under which the panel becomes a strip across the top of the page (phones).
   * @default '(max-width: 600px)'
   */
  narrowQuery?: string;
  /**
   * Receives the error when something the agent started in the panel fails: a close, end,
   * accept or reject that an interceptor of the workspace rejected.
   * @default reported like an uncaught error of an event handler
   */
  onError?: (error: unknown) => void;
}

/** A rendered panel. */
export interface SessionPanel {
  /**
   * The element the panel lives in, appended to the container: it holds an open shadow root,
   * and carries `data-mode` (`expanded`, `collapsed`) and `data-layout` (`wide`, `narrow`).
   */
  readonly element: HTMLElement;
  /** Unsubscribes from the workspace and removes the panel. Calling it again does nothing. */
  dispose(): void;
}

/** An error with no one to catch it surfaces like an uncaught error in an event handler. */
function reportUncaught(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/**
 * Renders the session panel of a workspace into `container`, and keeps it in step with the
 * workspace's events until {@link SessionPanel.dispose}: Home anchored first, then the sessions
 * in opening order, each with its icon, unread badge, sentiment alert and tooltip; a Close
 * button on each (and End on persistent chats); the collapse toggle; the incoming
 * notifications with Accept and Reject. Text from conversations is shown as text, never parsed
 * as HTML. Styles live in a shadow root, so the page's CSS and the panel's do not meet.
 *
 * @example
 * ```ts
 * import { createOmnichannel } from 'omnichannel-sdk';
 * import { renderSessionPanel } from 'omnichannel-sdk/ui';
 *
 * const omnichannel = createOmnichannel();
 * const panel = renderSessionPanel(document.getElementById('sessions')!, omnichannel.workspace, { confirmClose: true });
 * // later
 * panel.dispose();
 * ```
 */
export function renderSessionPanel(container: Element, workspace: SessionPanelWorkspace, options: SessionPanelOptions = {}): SessionPanel {
  if (typeof (container as Element | null)?.append !== 'function') throw new TypeError('renderSessionPanel: container must be an element');
  if (typeof (workspace as SessionPanelWorkspace | null)?.on !== 'function')
    throw new TypeError('renderSessionPanel: workspace must be a Workspace (omnichannel.workspace)');
  const labels: SessionPanelLabels = { ...defaultSessionPanelLabels, ...options.labels };
  const report = options.onError ?? reportUncaught;
  const makeId = idMaker();
  let disposed = false;

  const host = document.createElement('div');
  host.setAttribute('data-omnichannel-session-panel', '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);

  const exists = (sessionId: string) => workspace.sessions.some((session) => session.id === sessionId);
  const sessions = createSessionList(labels, makeId, {
    focus(sessionId) {
      if (exists(sessionId)) workspace.focus(sessionId);
    },
    close: (sessionId, end, from) => void closeSession(sessionId, end, from),
  });
  const notifications = createNotificationList(
    labels,
    makeId,
    (notification, accept) => (accept ? workspace.accept(notification.id) : workspace.reject(notification.id)).catch(report),
    () => sessions.buttonOf(workspace.focused.id)?.focus(),
  );
  const toggle = h('button', 'toggle', { type: 'button', 'aria-label': labels.toggle }, [icon(icons.menu)]);
  toggle.addEventListener('click', () => workspace.setPanel(workspace.panel === 'expanded' ? 'collapsed' : 'expanded'));
  const panel = h('nav', 'panel', { 'aria-label': labels.sessions }, [toggle, sessions.element, notifications.element]);
  const dialog = createConfirmDialog(labels, makeId, panel);
  // Polite: an announcement waits for the screen reader to finish what the agent is reading.
  const live = h('div', 'sr', { role: 'status' });
  root.append(panel, dialog.element, live);

  async function closeSession(sessionId: string, end: boolean, from: HTMLElement): Promise<void> {
    const session = workspace.sessions.find((item) => item.id === sessionId);
    if (!session || session.kind === 'home') return;
    try {
      const { confirmClose } = options;
      const confirmed =
        confirmClose === true
          ? await dialog.ask(session, end, from)
          : typeof confirmClose === 'function'
            ? await confirmClose(session, { end })
            : true;
      if (!confirmed || disposed || !exists(sessionId)) return;
      await (end ? workspace.end(sessionId) : workspace.close(sessionId));
    } catch (error) {
      report(error);
    }
  }

  /** Says something once to screen readers: a new node, so the same words twice are read twice. */
  function announce(text: string): void {
    live.replaceChildren(h('div', '', {}, [text]));
  }

  function syncSessions(): void {
    sessions.sync(workspace.sessions, workspace.focused.id);
    if (dialog.sessionId !== undefined && !exists(dialog.sessionId)) dialog.dismiss();
  }
  function syncMode(): void {
    const expanded = workspace.panel === 'expanded';
    setAttribute(host, 'data-mode', workspace.panel);
    setAttribute(toggle, 'aria-expanded', String(expanded));
    setAttribute(toggle, 'title', expanded ? labels.collapse : labels.expand);
    sessions.reveal();
  }
  const media = typeof matchMedia === 'function' ? matchMedia(options.narrowQuery ?? '(max-width: 600px)') : undefined;
  function syncLayout(): void {
    setAttribute(host, 'data-layout', media?.matches ? 'narrow' : 'wide');
    sessions.reveal();
  }

  const unsubscribe = [
    workspace.on('opened', syncSessions),
    workspace.on('closed', syncSessions),
    workspace.on('updated', syncSessions),
    workspace.on('focused', syncSessions),
    workspace.on('panel', syncMode),
    workspace.on('notification', ({ notification, change }) => {
      notifications.sync(workspace.notifications);
      if (change === 'raised') announce(labels.announceIncoming(notification.title));
    }),
    workspace.on('alert', ({ session }) => announce(session.tooltip)),
  ];
  media?.addEventListener('change', syncLayout);

  // In the page first, so the first render can measure (a phone's strip scrolls to the focused session).
  container.append(host);
  syncMode();
  syncLayout();
  syncSessions();
  notifications.sync(workspace.notifications);

  return {
    element: host,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const off of unsubscribe) off();
      media?.removeEventListener('change', syncLayout);
      dialog.dismiss();
      host.remove();
    },
  };
}
