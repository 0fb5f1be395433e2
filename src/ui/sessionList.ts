import type { WorkspaceSession } from '../index.js';
import { h, setAttribute } from './dom.js';
import type { SessionPanelLabels } from './labels.js';
import { type SessionRow, createRow, updateRow } from './sessionRow.js';

/** What the list asks of the panel when the agent acts on a session. */
export interface SessionListActions {
  /** Focus the session (click, Enter, Space). */
  focus(sessionId: string): void;
  /** Close it, or end it (`end`), starting from `from` (the element to return focus to). */
  close(sessionId: string, end: boolean, from: HTMLElement): void;
}

/** The session list: one row per session, in the workspace's order, with a roving tabindex. */
export interface SessionList {
  readonly element: HTMLUListElement;
  /** Shows the workspace's sessions: adds, updates, moves and removes rows as needed. */
  sync(sessions: readonly WorkspaceSession[], focusedId: string): void;
  /** The session's main button, if it has a row. */
  buttonOf(sessionId: string): HTMLButtonElement | undefined;
  /** Scrolls the list to the focused session: after a change of layout or mode, which moves the rows. */
  reveal(): void;
}

/** Keys that move between sessions: both axes, since the narrow layout lays the list out in a row. */
const moves: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowDown: (index, count) => (index + 1) % count,
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowUp: (index, count) => (index - 1 + count) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * Builds the list. Keyboard: one Tab stop (the session last moved to, else the focused one),
 * arrow keys, Home and End move between sessions; Enter and Space focus one (the native
 * button); Delete closes it; Tab reaches that row's End and Close buttons.
 */
export function createSessionList(labels: SessionPanelLabels, makeId: () => string, actions: SessionListActions): SessionList {
  const element = h('ul', '', { 'aria-label': labels.sessions }) as HTMLUListElement;
  const rows = new Map<string, SessionRow>();
  let roving = 'home';
  /** The focused session when the list last synced, to scroll to a newly focused one once. */
  let shown = '';

  const rowOf = (target: EventTarget | null) => {
    const item = (target as Element | null)?.closest?.('li');
    return item ? rows.get(item.getAttribute('data-session-id') ?? '') : undefined;
  };
  const activeElement = () => (element.getRootNode() as ShadowRoot | Document).activeElement;

  /** One Tab stop in the list: the roving session's button, and its row's actions. */
  function setRoving(sessionId: string): void {
    roving = sessionId;
    for (const row of rows.values()) {
      const tabIndex = row.id === sessionId ? '0' : '-1';
      setAttribute(row.button, 'tabindex', tabIndex);
      for (const action of row.actions) setAttribute(action, 'tabindex', tabIndex);
    }
  }

  element.addEventListener('click', (event) => {
    const row = rowOf(event.target);
    if (!row) return;
    const action = (event.target as Element).closest('.act');
    if (action) {
      actions.close(row.id, action.classList.contains('end'), action as HTMLElement);
    } else if ((event.target as Element).closest('.session')) {
      setRoving(row.id);
      actions.focus(row.id);
    }
  });

  element.addEventListener('keydown', (event) => {
    const row = rowOf(event.target);
    if (!row || event.target !== row.button || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Delete') {
      if (row.actions.length > 0) actions.close(row.id, false, row.button);
      event.preventDefault();
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const order = Array.from(element.children, (item) => rowOf(item)!);
    const next = order[move(order.indexOf(row), order.length)]!;
    setRoving(next.id);
    next.button.focus();
  });

  /**
   * Scrolls the list, and only the list (never the page), to show the focused row: the focused
   * session of a phone's strip may sit past its edge. The strip's inline scroll padding is where
   * its overflow fade lies, so the row is kept clear of it too.
   */
  function reveal(): void {
    const item = rows.get(shown)?.item;
    if (!item) return;
    const pad = parseFloat(getComputedStyle(element).scrollPaddingLeft) || 0;
    const { offsetTop: top, offsetHeight: height } = item;
    const left = item.offsetLeft - pad;
    const width = item.offsetWidth + 2 * pad;
    if (left < element.scrollLeft || width > element.clientWidth) element.scrollLeft = left;
    else if (left + width > element.scrollLeft + element.clientWidth) element.scrollLeft = left + width - element.clientWidth;
    if (top < element.scrollTop || height > element.clientHeight) element.scrollTop = top;
    else if (top + height > element.scrollTop + element.clientHeight) element.scrollTop = top + height - element.clientHeight;
  }

  function sync(sessions: readonly WorkspaceSession[], focusedId: string): void {
    const active = activeElement();
    let lostFocus = false;
    const present = new Set(sessions.map((session) => session.id));
    for (const row of [...rows.values()]) {
      if (present.has(row.id)) continue;
      lostFocus ||= active !== null && row.item.contains(active);
      row.item.remove();
      rows.delete(row.id);
    }
    let previous: Element | null = null;
    for (const session of sessions) {
      let row = rows.get(session.id);
      if (!row) rows.set(session.id, (row = createRow(session, makeId, labels)));
      updateRow(row, session, session.id === focusedId, labels);
      // Moved only when out of place, so an unchanged list is not touched.
      const expected: ChildNode | null = previous ? previous.nextSibling : element.firstChild;
      if (row.item !== expected) element.insertBefore(row.item, expected);
      previous = row.item;
    }
    // While the agent moves through the list, the Tab stop stays where they are.
    const inList = !lostFocus && active !== null && element.contains(active);
    setRoving(inList && rows.has(roving) ? roving : focusedId);
    if (focusedId !== shown) {
      shown = focusedId;
      reveal();
    }
    if (lostFocus) rows.get(focusedId)?.button.focus();
  }

  return { element, sync, buttonOf: (sessionId) => rows.get(sessionId)?.button, reveal };
}
