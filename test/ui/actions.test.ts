// @vitest-environment jsdom
// What the agent's clicks do: focus, close, end, the collapse toggle, accept and reject, each
// through the workspace, so its rules (confirmation, interceptors) apply.
import { describe, expect, it, vi } from 'vitest';
import { OmnichannelError, Workspace } from '../../src/index.js';
import { conversationA, conversationB, press, render, settle, threeSessions } from './support.js';

describe('focusing a session', () => {
  it('a click focuses the session in the workspace, clearing its unread count', () => {
    const { workspace, kenny } = threeSessions();
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    const { tab, rowOf } = render({ workspace });
    tab(kenny.id).click();
    expect(workspace.focused.id).toBe(kenny.id);
    expect(tab(kenny.id).getAttribute('aria-current')).toBe('true');
    expect(rowOf(kenny.id)!.querySelector<HTMLElement>('.badge')!.hidden).toBe(true);
  });

  it('a click on Home focuses Home', () => {
    const { workspace } = threeSessions();
    const { tab } = render({ workspace });
    tab('home').click();
    expect(workspace.focused.id).toBe('home');
  });
});

describe('closing and ending', () => {
  it('Close runs the workspace’s confirmation, then the session closes', async () => {
    const confirmClose = vi.fn(() => true);
    const { workspace, kenny } = threeSessions({ confirmClose });
    const { closeButton, order } = render({ workspace });
    closeButton(kenny.id).click();
    await settle();
    expect(confirmClose).toHaveBeenCalledWith(expect.objectContaining({ id: kenny.id }), { end: false });
    expect(order()).not.toContain(kenny.id);
  });

  it('keeps the session when the workspace’s confirmation declines', async () => {
    const { workspace, kenny } = threeSessions({ confirmClose: () => false });
    const { closeButton, order } = render({ workspace });
    closeButton(kenny.id).click();
    await settle();
    expect(order()).toContain(kenny.id);
  });

  it('End ends a persistent chat (the conversation closes instead of waiting)', async () => {
    const { workspace, alma } = threeSessions();
    const closed = vi.fn();
    workspace.on('closed', closed);
    const { endButton } = render({ workspace });
    endButton(alma.id).click();
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'ended' }));
  });

  it('Close leaves a persistent chat waiting', async () => {
    const { workspace, alma } = threeSessions();
    const closed = vi.fn();
    workspace.on('closed', closed);
    const { closeButton } = render({ workspace });
    closeButton(alma.id).click();
    await settle();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'waiting' }));
  });

  it('a confirmClose function of the panel decides before the workspace is asked', async () => {
    const confirmClose = vi.fn(async () => false);
    const { workspace, alma } = threeSessions();
    const { endButton, order } = render({ workspace, confirmClose });
    endButton(alma.id).click();
    await settle();
    expect(confirmClose).toHaveBeenCalledWith(expect.objectContaining({ id: alma.id, title: 'Alma Rossi' }), { end: true });
    expect(order()).toContain(alma.id);
  });

  it('reports a close an interceptor rejects to onError, and keeps the session', async () => {
    const { workspace, kenny } = threeSessions();
    const refusal = new OmnichannelError('InvalidState', 'The conversation could not be closed');
    workspace.intercept('close', () => Promise.reject(refusal));
    const { closeButton, order, errors } = render({ workspace });
    closeButton(kenny.id).click();
    await settle();
    expect(errors).toEqual([refusal]);
    expect(order()).toContain(kenny.id);
  });
});

describe('the confirmation dialog (confirmClose: true)', () => {
  it('asks before closing, naming the session, with focus on Cancel', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, active } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    await settle();
    const box = dialog().querySelector('[role=alertdialog]')!;
    expect(dialog().hidden).toBe(false);
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(box.querySelector('h2')!.textContent).toBe('Close session?');
    expect(box.querySelector('p')!.textContent).toBe('Close the session of Kenny Smith?');
    expect(active()).toBe(box.querySelector('.cancel'));
  });

  it('closes the session when the agent confirms', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, order } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    dialog().querySelector<HTMLButtonElement>('.confirm')!.click();
    await settle();
    expect(order()).not.toContain(kenny.id);
    expect(dialog().hidden).toBe(true);
  });

  it('keeps the session on Cancel, and gives focus back to the Close button', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, order, active } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).focus();
    closeButton(kenny.id).click();
    dialog().querySelector<HTMLButtonElement>('.cancel')!.click();
    await settle();
    expect(order()).toContain(kenny.id);
    expect(active()).toBe(closeButton(kenny.id));
  });

  it('Escape cancels', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, order } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    press(dialog().querySelector('.cancel')!, 'Escape');
    await settle();
    expect(dialog().hidden).toBe(true);
    expect(order()).toContain(kenny.id);
  });

  it('keeps Tab on its two buttons', () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, active } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    const [cancel, confirm] = [dialog().querySelector('.cancel')!, dialog().querySelector('.confirm')!];
    press(cancel, 'Tab');
    expect(active()).toBe(confirm);
    press(confirm, 'Tab', { shiftKey: true });
    expect(active()).toBe(cancel);
  });

  it('makes the panel behind it inert while it shows', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog, root } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    expect(root.querySelector('nav')!.hasAttribute('inert')).toBe(true);
    dialog().querySelector<HTMLButtonElement>('.cancel')!.click();
    expect(root.querySelector('nav')!.hasAttribute('inert')).toBe(false);
  });

  it('asks to end a persistent chat in the End words', () => {
    const { workspace, alma } = threeSessions();
    const { endButton, dialog } = render({ workspace, confirmClose: true });
    endButton(alma.id).click();
    expect(dialog().querySelector('h2')!.textContent).toBe('End conversation?');
    expect(dialog().querySelector('.confirm')!.textContent).toBe('End conversation');
  });

  it('goes away when the session closes elsewhere while it asks', async () => {
    const { workspace, kenny } = threeSessions();
    const { closeButton, dialog } = render({ workspace, confirmClose: true });
    closeButton(kenny.id).click();
    await workspace.close(kenny.id);
    expect(dialog().hidden).toBe(true);
  });
});

describe('the collapse toggle', () => {
  it('collapses the panel through the workspace, and says so', () => {
    const { workspace, root, panel } = render();
    const toggle = root.querySelector<HTMLButtonElement>('.toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    expect(workspace.panel).toBe('collapsed');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel.element.getAttribute('data-mode')).toBe('collapsed');
  });

  it('expands it again', () => {
    const { workspace, root, panel } = render();
    const toggle = root.querySelector<HTMLButtonElement>('.toggle')!;
    toggle.click();
    toggle.click();
    expect(workspace.panel).toBe('expanded');
    expect(panel.element.getAttribute('data-mode')).toBe('expanded');
  });

  it('keeps one name and tells its state by aria-expanded, with hover text for the action', () => {
    const { workspace, root } = render();
    const toggle = root.querySelector<HTMLButtonElement>('.toggle')!;
    expect([toggle.getAttribute('aria-label'), toggle.title]).toEqual(['Session panel', 'Collapse']);
    workspace.setPanel('collapsed');
    expect([toggle.getAttribute('aria-label'), toggle.title]).toEqual(['Session panel', 'Expand']);
  });

  it('follows a mode set outside the panel', () => {
    const workspace = new Workspace();
    workspace.setPanel('collapsed');
    const { panel } = render({ workspace });
    expect(panel.element.getAttribute('data-mode')).toBe('collapsed');
    workspace.setPanel('expanded');
    expect(panel.element.getAttribute('data-mode')).toBe('expanded');
  });
});

describe('accepting and rejecting', () => {
  it('Accept opens the conversation’s session, focused, and the card goes', async () => {
    const { workspace, cards, order } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    cards()[0]!.querySelector<HTMLButtonElement>('.accept')!.click();
    await settle();
    expect(workspace.focused.title).toBe('Kenny Smith');
    expect(order()).toEqual(['home', workspace.focused.id]);
    expect(cards()).toEqual([]);
  });

  it('moves keyboard focus from Accept to the new session', async () => {
    const { workspace, cards, tab, active } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    const accept = cards()[0]!.querySelector<HTMLButtonElement>('.accept')!;
    accept.focus();
    accept.click();
    await settle();
    expect(active()).toBe(tab(workspace.focused.id));
  });

  it('Reject drops the notification, opening nothing', async () => {
    const { workspace, cards, order } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    cards()[0]!.querySelector<HTMLButtonElement>('.reject')!.click();
    await settle();
    expect(workspace.notifications).toEqual([]);
    expect(cards()).toEqual([]);
    expect(order()).toEqual(['home']);
  });

  it('moves keyboard focus from a rejected card to the next card', async () => {
    const { workspace, cards, active } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    workspace.notify({ conversationId: conversationB, title: 'Alma Rossi' });
    const reject = cards()[0]!.querySelector<HTMLButtonElement>('.reject')!;
    reject.focus();
    reject.click();
    await settle();
    expect(active()).toBe(cards()[0]!.querySelector('.accept'));
  });

  it('answers once: a second click while the first runs is ignored', async () => {
    const { workspace, cards, errors } = render();
    let release!: () => void;
    workspace.intercept('accept', () => new Promise<void>((resolve) => (release = resolve)));
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    const [accept, reject] = [...cards()[0]!.querySelectorAll<HTMLButtonElement>('button')];
    accept!.click();
    expect(accept!.getAttribute('aria-disabled')).toBe('true');
    reject!.click();
    accept!.click();
    release();
    await settle();
    expect(errors).toEqual([]);
    expect(workspace.sessions).toHaveLength(2);
  });

  it('reports an accept an interceptor rejects to onError, and offers the buttons again', async () => {
    const { workspace, cards, errors } = render();
    const refusal = new OmnichannelError('Forbidden', 'Another agent took it');
    workspace.intercept('accept', () => Promise.reject(refusal));
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    const accept = cards()[0]!.querySelector<HTMLButtonElement>('.accept')!;
    accept.click();
    await settle();
    expect(errors).toEqual([refusal]);
    expect(cards()).toHaveLength(1);
    expect(accept.hasAttribute('aria-disabled')).toBe(false);
  });

  it('removes the card of a withdrawn notification', () => {
    const { workspace, cards } = render();
    const notification = workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    workspace.withdraw(notification.id);
    expect(cards()).toEqual([]);
  });
});
