// What the panel's tests share: a workspace with sessions, a rendered panel, and ways to read
// it the way an agent (or a screen reader) does.
import { afterEach } from 'vitest';
import { Workspace, type WorkspaceOptions } from '../../src/index.js';
import { type SessionPanel, type SessionPanelOptions, renderSessionPanel } from '../../src/ui/index.js';

export const conversationA = '6f1d8f36-0d7e-4a53-9a55-00000000000a';
export const conversationB = '6f1d8f36-0d7e-4a53-9a55-00000000000b';
export const conversationC = '6f1d8f36-0d7e-4a53-9a55-00000000000c';
export const caseId = 'c1a5e000-0000-4000-8000-000000000001';

const rendered: SessionPanel[] = [];
afterEach(() => {
  for (const panel of rendered.splice(0)) panel.dispose();
  document.body.replaceChildren();
});

/** A panel on a new workspace (or the one given), in a container in the document. */
export function render(options: SessionPanelOptions & { workspace?: Workspace; workspaceOptions?: WorkspaceOptions } = {}) {
  const { workspace = new Workspace(options.workspaceOptions), workspaceOptions: _, ...panelOptions } = options;
  const container = document.createElement('div');
  document.body.append(container);
  const errors: unknown[] = [];
  const panel = renderSessionPanel(container, workspace, { onError: (error) => errors.push(error), ...panelOptions });
  rendered.push(panel);
  const root = panel.element.shadowRoot!;
  return { workspace, panel, container, root, errors, ...queries(root) };
}

/** Reading the panel's shadow root. */
function queries(root: ShadowRoot) {
  const rowOf = (sessionId: string) => root.querySelector<HTMLLIElement>(`li[data-session-id="${sessionId}"]`);
  return {
    rowOf,
    /** A session's main button. */
    tab: (sessionId: string) => rowOf(sessionId)!.querySelector<HTMLButtonElement>('.session')!,
    closeButton: (sessionId: string) => rowOf(sessionId)!.querySelector<HTMLButtonElement>('.close')!,
    endButton: (sessionId: string) => rowOf(sessionId)!.querySelector<HTMLButtonElement>('.end')!,
    /** Session ids in the order the panel shows them. */
    order: () => [...root.querySelectorAll('li')].map((item) => item.getAttribute('data-session-id')),
    /** The accessible names of the session buttons, in order. */
    names: () => [...root.querySelectorAll('.session')].map((button) => button.getAttribute('aria-label')),
    active: () => root.activeElement,
    cards: () => [...root.querySelectorAll<HTMLElement>('.note')],
    dialog: () => root.querySelector<HTMLElement>('.layer')!,
    live: () => root.querySelector('[role=status]')!.textContent,
  };
}

/** A key pressed on an element, as the browser dispatches it. */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

/** Lets pending promise callbacks run (the workspace's close and accept are async). */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A workspace with Kenny (conversation), a case and Alma (persistent chat), Alma focused. */
export function threeSessions(options: WorkspaceOptions = {}) {
  const workspace = new Workspace(options);
  const kenny = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
  const refund = workspace.open({ kind: 'case', recordId: caseId, title: 'Refund for order 42' });
  const alma = workspace.open({ kind: 'conversation', conversationId: conversationB, title: 'Alma Rossi', persistent: true });
  return { workspace, kenny, refund, alma };
}
