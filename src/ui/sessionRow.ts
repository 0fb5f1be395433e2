import type { WorkspaceSession } from '../index.js';
import { h, icon, icons, setAttribute, setText } from './dom.js';
import type { SessionPanelLabels } from './labels.js';

/** One session's row: its elements, and the snapshot and focus state they show. */
export interface SessionRow {
  readonly id: string;
  readonly item: HTMLLIElement;
  readonly button: HTMLButtonElement;
  readonly actions: readonly HTMLButtonElement[];
  session: WorkspaceSession | undefined;
  current: boolean;
}

const toneCount = 6;

/** A colour for the icon that stays with the session (its id), whatever its title becomes. */
function tone(id: string): string {
  let sum = 0;
  for (const char of id) sum += char.charCodeAt(0);
  return String(sum % toneCount);
}

/** Builds an empty row for a session id; {@link updateRow} fills it. */
export function createRow(session: WorkspaceSession, makeId: () => string, labels: SessionPanelLabels): SessionRow {
  const home = session.kind === 'home';
  const tipId = makeId();
  const badge = h('span', 'badge', { hidden: '' });
  const mark = h('span', 'mark', { hidden: '' }, ['!']);
  const face = home ? icon(icons.home) : h('span', 'initials');
  const button = h('button', 'session', { type: 'button', 'aria-describedby': tipId, 'aria-keyshortcuts': home ? undefined : 'Delete' }, [
    h('span', home ? 'icon home' : 'icon', { 'aria-hidden': 'true', 'data-tone': home ? undefined : tone(session.id) }, [
      face,
      badge,
      mark,
    ]),
    h('span', 'title'),
  ]) as HTMLButtonElement;
  // The tooltip as the accessible description: hidden, yet read because it is referenced.
  const tip = h('span', 'tip', { id: tipId, hidden: '' });
  const actions: HTMLButtonElement[] = [];
  if (!home) {
    actions.push(
      h('button', 'act end', { type: 'button', hidden: '' }, [labels.end]) as HTMLButtonElement,
      h('button', 'act close', { type: 'button' }, [icon(icons.close)]) as HTMLButtonElement,
    );
  }
  const item = h('li', '', { 'data-session-id': session.id }, [button, ...actions, tip]) as HTMLLIElement;
  return { id: session.id, item, button, actions, session: undefined, current: false };
}

/**
 * Shows a session snapshot in its row. Snapshots are immutable, so the same object in the
 * same focus state means nothing changed and nothing is touched; otherwise only the parts
 * whose text or attributes differ are written.
 */
export function updateRow(row: SessionRow, session: WorkspaceSession, current: boolean, labels: SessionPanelLabels): void {
  if (row.session === session && row.current === current) return;
  row.session = session;
  row.current = current;
  const { item, button } = row;
  item.classList.toggle('current', current);
  setAttribute(button, 'aria-current', current ? 'true' : undefined);
  const name = [session.title];
  if (session.unread > 0) name.push(labels.unread(session.unread));
  if (session.alert) name.push(labels.alert);
  setAttribute(button, 'aria-label', name.join(', '));
  setAttribute(button, 'title', session.tooltip);
  setText(item.querySelector('.tip')!, session.tooltip);
  setText(button.querySelector('.title')!, session.title);
  const initials = button.querySelector('.initials');
  if (initials) setText(initials, session.icon);
  const badge = button.querySelector('.badge')!;
  setText(badge, session.badge ?? '');
  setAttribute(badge, 'hidden', session.badge ? undefined : '');
  setAttribute(button.querySelector('.mark')!, 'hidden', session.alert ? undefined : '');
  const [end, close] = row.actions;
  if (end && close) {
    setAttribute(end, 'hidden', session.kind === 'conversation' && session.persistent ? undefined : '');
    setAttribute(end, 'aria-label', labels.endSession(session.title));
    setAttribute(close, 'aria-label', labels.close(session.title));
    setAttribute(close, 'title', labels.close(session.title));
  }
}
