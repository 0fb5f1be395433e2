import type { WorkspaceNotification } from '../index.js';
import { h, icon, icons } from './dom.js';
import type { SessionPanelLabels } from './labels.js';

/** The incoming notifications, each a card with Accept and Reject. */
export interface NotificationList {
  readonly element: HTMLElement;
  /** Shows the workspace's pending notifications: adds new cards, removes answered ones. */
  sync(notifications: readonly WorkspaceNotification[]): void;
}

/**
 * Answers a notification; the card waits (its buttons `aria-disabled`, so focus stays on
 * them) until the answer settles, and takes clicks again if it fails.
 */
export type Answer = (notification: WorkspaceNotification, accept: boolean) => Promise<unknown>;

const check = 'M5 12.5l4.5 4.5L19 7.5';

function card(notification: WorkspaceNotification, labels: SessionPanelLabels, makeId: () => string, answer: Answer): HTMLElement {
  const captionId = makeId();
  const whoId = makeId();
  const who = notification.title;
  const details = Object.entries(notification.details).flatMap(([key, value]) => [h('dt', '', {}, [key]), h('dd', '', {}, [value])]);
  const accept = h('button', 'accept', { type: 'button' }, [icon(check), h('span', '', {}, [labels.accept])]);
  const reject = h('button', 'reject', { type: 'button' }, [icon(icons.close), h('span', '', {}, [labels.reject])]);
  const buttons = [accept, reject];
  let pending = false;
  const onClick = (accepting: boolean) => () => {
    if (pending) return;
    pending = true;
    for (const button of buttons) button.setAttribute('aria-disabled', 'true');
    void answer(notification, accepting).finally(() => {
      pending = false;
      for (const button of buttons) button.removeAttribute('aria-disabled');
    });
  };
  accept.addEventListener('click', onClick(true));
  reject.addEventListener('click', onClick(false));
  return h(
    'div',
    'note',
    {
      role: 'group',
      'aria-labelledby': who ? `${captionId} ${whoId}` : captionId,
      'data-notification-id': notification.id,
      // The collapsed panel shows the buttons alone: the hover text says who is waiting.
      title: who ?? labels.incoming,
    },
    [
      h('div', 'caption', { id: captionId }, [labels.incoming]),
      ...(who ? [h('div', 'who', { id: whoId }, [who])] : []),
      ...(details.length > 0 ? [h('dl', '', {}, details)] : []),
      h('div', 'answers', {}, buttons),
    ],
  );
}

/** Builds the list; `restoreFocus` runs when the card that had focus went away. */
export function createNotificationList(
  labels: SessionPanelLabels,
  makeId: () => string,
  answer: Answer,
  restoreFocus: () => void,
): NotificationList {
  const element = h('div', 'notes', { role: 'region', 'aria-label': labels.notifications });
  const cards = new Map<WorkspaceNotification, HTMLElement>();

  function sync(notifications: readonly WorkspaceNotification[]): void {
    const active = (element.getRootNode() as ShadowRoot | Document).activeElement;
    let lostFocus = false;
    const present = new Set(notifications);
    for (const [notification, element] of [...cards]) {
      if (present.has(notification)) continue;
      lostFocus ||= active !== null && element.contains(active);
      element.remove();
      cards.delete(notification);
    }
    // Notifications are immutable and only ever appended: a new one goes last.
    for (const notification of notifications) {
      if (cards.has(notification)) continue;
      const created = card(notification, labels, makeId, answer);
      cards.set(notification, created);
      element.append(created);
    }
    if (!lostFocus) return;
    const next = element.querySelector<HTMLElement>('.accept');
    if (next) next.focus();
    else restoreFocus();
  }

  return { element, sync };
}
