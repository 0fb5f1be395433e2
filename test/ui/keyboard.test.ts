// @vitest-environment jsdom
// Reaching every session from the keyboard: one Tab stop, arrow keys between sessions, Delete
// to close, and focus that never drops to the page when a row goes away.
import { describe, expect, it } from 'vitest';
import { press, render, settle, threeSessions } from './support.js';

describe('one Tab stop in the list', () => {
  it('puts the focused session’s button in the tab order and the others out of it', () => {
    const { workspace, kenny, refund, alma } = threeSessions();
    const { tab } = render({ workspace });
    expect(tab(alma.id).tabIndex).toBe(0);
    expect([tab('home'), tab(kenny.id), tab(refund.id)].map((button) => button.tabIndex)).toEqual([-1, -1, -1]);
  });

  it('puts that row’s End and Close buttons in the tab order, and no other row’s', () => {
    const { workspace, kenny, alma } = threeSessions();
    const { closeButton, endButton } = render({ workspace });
    expect([endButton(alma.id).tabIndex, closeButton(alma.id).tabIndex]).toEqual([0, 0]);
    expect([endButton(kenny.id).tabIndex, closeButton(kenny.id).tabIndex]).toEqual([-1, -1]);
  });

  it('follows the workspace’s focus while the agent is elsewhere', () => {
    const { workspace, kenny, alma } = threeSessions();
    const { tab } = render({ workspace });
    workspace.focus(kenny.id);
    expect(tab(kenny.id).tabIndex).toBe(0);
    expect(tab(alma.id).tabIndex).toBe(-1);
  });

  it('stays where the agent is when the workspace’s focus moves under them', () => {
    const { workspace, kenny, refund } = threeSessions();
    const { tab } = render({ workspace });
    tab(refund.id).focus();
    press(tab(refund.id), 'ArrowUp');
    workspace.focus(refund.id);
    expect(tab(kenny.id).tabIndex).toBe(0);
    expect(tab(refund.id).tabIndex).toBe(-1);
  });
});

describe('arrow keys', () => {
  it('ArrowDown moves to the next session, and from the last back to Home', () => {
    const { workspace, kenny, alma } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(alma.id).focus();
    press(tab(alma.id), 'ArrowDown');
    expect(active()).toBe(tab('home'));
    press(tab('home'), 'ArrowDown');
    expect(active()).toBe(tab(kenny.id));
  });

  it('ArrowUp moves to the previous session, and from Home to the last', () => {
    const { workspace, refund, alma } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(alma.id).focus();
    press(tab(alma.id), 'ArrowUp');
    expect(active()).toBe(tab(refund.id));
    tab('home').focus();
    press(tab('home'), 'ArrowUp');
    expect(active()).toBe(tab(alma.id));
  });

  it('ArrowRight and ArrowLeft move too, for the narrow layout’s row', () => {
    const { workspace, kenny } = threeSessions();
    const { tab, active } = render({ workspace });
    tab('home').focus();
    press(tab('home'), 'ArrowRight');
    expect(active()).toBe(tab(kenny.id));
    press(tab(kenny.id), 'ArrowLeft');
    expect(active()).toBe(tab('home'));
  });

  it('Home and End move to the first and last session', () => {
    const { workspace, kenny, alma } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(kenny.id).focus();
    press(tab(kenny.id), 'End');
    expect(active()).toBe(tab(alma.id));
    press(tab(alma.id), 'Home');
    expect(active()).toBe(tab('home'));
  });

  it('moves the Tab stop with the keyboard focus', () => {
    const { workspace, refund, alma } = threeSessions();
    const { tab } = render({ workspace });
    tab(alma.id).focus();
    press(tab(alma.id), 'ArrowUp');
    expect(tab(refund.id).tabIndex).toBe(0);
    expect(tab(alma.id).tabIndex).toBe(-1);
  });

  it('does not focus the session it moves to: Enter or Space does (an unread count is not cleared in passing)', () => {
    const { workspace, alma } = threeSessions();
    const { tab } = render({ workspace });
    tab(alma.id).focus();
    press(tab(alma.id), 'ArrowUp');
    expect(workspace.focused.id).toBe(alma.id);
  });

  it('takes the key from the page (no scrolling) and leaves modified keys alone', () => {
    const { workspace, alma } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(alma.id).focus();
    expect(press(tab(alma.id), 'ArrowUp').defaultPrevented).toBe(true);
    const before = active();
    expect(press(before!, 'ArrowUp', { altKey: true }).defaultPrevented).toBe(false);
    expect(active()).toBe(before);
  });
});

describe('Delete', () => {
  it('closes the session whose button has focus', async () => {
    const { workspace, kenny } = threeSessions();
    const { tab, order } = render({ workspace });
    tab(kenny.id).focus();
    press(tab(kenny.id), 'Delete');
    await settle();
    expect(order()).not.toContain(kenny.id);
  });

  it('does nothing on Home', async () => {
    const { workspace } = threeSessions();
    const { tab, order, errors } = render({ workspace });
    tab('home').focus();
    press(tab('home'), 'Delete');
    await settle();
    expect(order()).toHaveLength(4);
    expect(errors).toEqual([]);
  });

  it('is announced on each closable session as its key shortcut', () => {
    const { workspace, kenny } = threeSessions();
    const { tab } = render({ workspace });
    expect(tab(kenny.id).getAttribute('aria-keyshortcuts')).toBe('Delete');
    expect(tab('home').hasAttribute('aria-keyshortcuts')).toBe(false);
  });
});

describe('focus when a row goes away', () => {
  it('moves to the session the workspace focuses next when the focused one closes from its Close button', async () => {
    const { workspace, refund, alma } = threeSessions();
    const { closeButton, tab, active } = render({ workspace });
    closeButton(alma.id).focus();
    closeButton(alma.id).click();
    await settle();
    expect(workspace.focused.id).toBe(refund.id);
    expect(active()).toBe(tab(refund.id));
    expect(tab(refund.id).tabIndex).toBe(0);
  });

  it('moves to the focused session when a session closed with Delete had keyboard focus', async () => {
    const { workspace, kenny, alma } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(kenny.id).focus();
    press(tab(kenny.id), 'Delete');
    await settle();
    expect(active()).toBe(tab(alma.id));
  });

  it('stays where it is when a row the agent is not on goes away', async () => {
    const { workspace, kenny, refund } = threeSessions();
    const { tab, active } = render({ workspace });
    tab(refund.id).focus();
    await workspace.close(kenny.id);
    expect(active()).toBe(tab(refund.id));
  });
});
