// @vitest-environment jsdom
// What the panel shows of a workspace, as the product's "Manage sessions" page describes it.
import { describe, expect, it } from 'vitest';
import { SentimentLabel } from '../../src/index.js';
import { conversationA, render, threeSessions } from './support.js';

/** The row a changed node belongs to (a text node's parent's). */
const rowOfNode = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest('li');

describe('the session list', () => {
  it('shows Home first, then the sessions in opening order', () => {
    const { workspace, kenny, refund, alma } = threeSessions();
    const { order } = render({ workspace });
    expect(order()).toEqual(['home', kenny.id, refund.id, alma.id]);
  });

  it('shows each session’s title and its icon, the first two letters of the title', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf } = render({ workspace });
    expect(rowOf(kenny.id)!.querySelector('.title')!.textContent).toBe('Kenny Smith');
    expect(rowOf(kenny.id)!.querySelector('.initials')!.textContent).toBe('Ke');
  });

  it('draws Home with a house icon and no initials', () => {
    const { rowOf } = render();
    expect(rowOf('home')!.querySelector('.icon svg')).not.toBeNull();
    expect(rowOf('home')!.querySelector('.initials')).toBeNull();
    expect(rowOf('home')!.querySelector('.title')!.textContent).toBe('Home');
  });

  it('marks the focused session, and only it, as current', () => {
    const { workspace, alma } = threeSessions();
    const { root, tab } = render({ workspace });
    expect([...root.querySelectorAll('[aria-current]')]).toEqual([tab(alma.id)]);
    expect(tab(alma.id).getAttribute('aria-current')).toBe('true');
    expect([...root.querySelectorAll('li.current')].map((item) => item.getAttribute('data-session-id'))).toEqual([alma.id]);
  });

  it('adds a session that opens, at the end', () => {
    const { workspace, order } = render();
    const kenny = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    expect(order()).toEqual(['home', kenny.id]);
  });

  it('removes a session that closes', async () => {
    const { workspace, kenny, refund, alma } = threeSessions();
    const { order } = render({ workspace });
    await workspace.close(refund.id);
    expect(order()).toEqual(['home', kenny.id, alma.id]);
  });
});

describe('badges, alerts and tooltips', () => {
  it('shows the unread count on the icon’s badge, and no badge at zero', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf } = render({ workspace });
    const badge = rowOf(kenny.id)!.querySelector<HTMLElement>('.badge')!;
    expect(badge.hidden).toBe(true);
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    workspace.messageArrived(conversationA, { text: 'Anyone?', from: 'customer' });
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('2');
  });

  it('shows 10+ from ten unread messages on', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf } = render({ workspace });
    for (let message = 0; message < 12; message += 1) workspace.messageArrived(conversationA, { text: `m${message}`, from: 'customer' });
    expect(rowOf(kenny.id)!.querySelector('.badge')!.textContent).toBe('10+');
  });

  it('shows the alert mark when the sentiment alert comes on, and hides it when the session is focused', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf } = render({ workspace });
    const mark = rowOf(kenny.id)!.querySelector<HTMLElement>('.mark')!;
    expect(mark.hidden).toBe(true);
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(mark.hidden).toBe(false);
    workspace.focus(kenny.id);
    expect(mark.hidden).toBe(true);
  });

  it('gives each session its tooltip as hover text and as its accessible description', () => {
    const { workspace, kenny } = threeSessions();
    const { root, tab } = render({ workspace });
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    const button = tab(kenny.id);
    const description = root.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(button.title).toBe('Kenny Smith. 1 new updates in your conversation.');
    expect(description.textContent).toBe('Kenny Smith. 1 new updates in your conversation.');
  });

  it('switches the tooltip to the alert sentence when the alert comes on', () => {
    const { workspace, kenny } = threeSessions();
    const { tab } = render({ workspace });
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    workspace.sentimentChanged(conversationA, SentimentLabel.Negative);
    expect(tab(kenny.id).title).toBe('Kenny Smith. Urgent attention is needed in your conversation.');
  });

  it('names each session by its title, unread count and alert', () => {
    const { workspace, kenny } = threeSessions();
    const { tab } = render({ workspace });
    expect(tab(kenny.id).getAttribute('aria-label')).toBe('Kenny Smith');
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    workspace.messageArrived(conversationA, { text: 'Hello??', from: 'customer' });
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(tab(kenny.id).getAttribute('aria-label')).toBe('Kenny Smith, 2 unread, needs urgent attention');
  });

  it('hides the badge, mark and icon from screen readers: the name says it', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf } = render({ workspace });
    expect(rowOf(kenny.id)!.querySelector('.icon')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('follows a title change', () => {
    const { workspace } = threeSessions();
    const { tab, rowOf } = render({ workspace });
    const visitor = workspace.open({ kind: 'conversation', conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000ff' });
    expect(rowOf(visitor.id)!.querySelector('.title')!.textContent).toBe('Visitor 1');
    expect(tab(visitor.id).getAttribute('aria-label')).toBe('Visitor 1');
  });
});

describe('close and end buttons', () => {
  it('gives every session but Home a close button named for it', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf, closeButton } = render({ workspace });
    expect(rowOf('home')!.querySelector('.close')).toBeNull();
    expect(closeButton(kenny.id).getAttribute('aria-label')).toBe('Close Kenny Smith');
  });

  it('shows End only on persistent chats', () => {
    const { workspace, kenny, refund, alma } = threeSessions();
    const { endButton } = render({ workspace });
    expect(endButton(alma.id).hidden).toBe(false);
    expect(endButton(alma.id).getAttribute('aria-label')).toBe('End Alma Rossi');
    expect(endButton(kenny.id).hidden).toBe(true);
    expect(endButton(refund.id).hidden).toBe(true);
  });
});

describe('re-rendering', () => {
  it('touches only the row of the session that changed', () => {
    const { workspace, kenny, refund, alma } = threeSessions();
    const { rowOf, root } = render({ workspace });
    const observer = new MutationObserver(() => {});
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    const touched = new Set(observer.takeRecords().map((record) => rowOfNode(record.target)));
    observer.disconnect();
    expect([...touched]).toEqual([rowOf(kenny.id)]);
    expect(touched.has(rowOf(refund.id))).toBe(false);
    expect(touched.has(rowOf(alma.id))).toBe(false);
  });

  it('changes nothing when an event brings the same snapshots', () => {
    const { workspace, kenny } = threeSessions();
    const { root } = render({ workspace });
    const observer = new MutationObserver(() => {});
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    // Setting the form state changes a session the panel does not show: a new snapshot, same text.
    workspace.setFormState(kenny.id, { subject: 'draft' });
    workspace.setDraft(kenny.id, 'Let me check');
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
  });

  it('keeps each row’s elements across updates', () => {
    const { workspace, kenny } = threeSessions();
    const { rowOf, tab } = render({ workspace });
    const [row, button] = [rowOf(kenny.id), tab(kenny.id)];
    workspace.messageArrived(conversationA, { text: 'Hello?', from: 'customer' });
    workspace.focus(kenny.id);
    expect(rowOf(kenny.id)).toBe(row);
    expect(tab(kenny.id)).toBe(button);
  });
});

describe('incoming notifications', () => {
  it('shows each pending notification with its title, details, Accept and Reject', () => {
    const { workspace, cards } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith', details: { Channel: 'Live chat', Queue: 'Billing' } });
    const [card] = cards();
    expect(card!.querySelector('.who')!.textContent).toBe('Kenny Smith');
    expect([...card!.querySelectorAll('dt, dd')].map((cell) => cell.textContent)).toEqual(['Channel', 'Live chat', 'Queue', 'Billing']);
    expect([...card!.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Accept', 'Reject']);
  });

  it('names a card by its caption and title, as a group', () => {
    const { workspace, root, cards } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    const card = cards()[0]!;
    const name = card
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => root.getElementById(id)!.textContent)
      .join(' ');
    expect(card.getAttribute('role')).toBe('group');
    expect(name).toBe('Incoming conversation Kenny Smith');
  });

  it('shows a notification without a title by its caption alone', () => {
    const { workspace, cards } = render();
    workspace.notify({ conversationId: conversationA });
    expect(cards()[0]!.querySelector('.who')).toBeNull();
    expect(cards()[0]!.title).toBe('Incoming conversation');
  });

  it('shows the notifications already pending when it renders, oldest first', () => {
    const { workspace } = threeSessions();
    workspace.notify({ conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000f1', title: 'First' });
    workspace.notify({ conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000f2', title: 'Second' });
    const { cards } = render({ workspace });
    expect(cards().map((card) => card.querySelector('.who')!.textContent)).toEqual(['First', 'Second']);
  });

  it('announces a new notification politely to screen readers', () => {
    const { workspace, root, live } = render();
    workspace.notify({ conversationId: conversationA, title: 'Kenny Smith' });
    expect(root.querySelector('[role=status]')!.getAttribute('aria-live') ?? 'polite').toBe('polite');
    expect(live()).toBe('Incoming conversation: Kenny Smith');
  });

  it('announces a sentiment alert with its tooltip sentence', () => {
    const { workspace } = threeSessions();
    const { live } = render({ workspace });
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(live()).toBe('Kenny Smith. Urgent attention is needed in your conversation.');
  });
});
