// The session workspace as the product's "Manage sessions" page describes it, rule by rule.
// The model is pure state: no timers, no network.
import { describe, expect, it, vi } from 'vitest';
import { SentimentLabel } from '../../src/index.js';
import { Workspace, type WorkspaceEvents } from '../../src/workspace/workspace.js';
import { caught, thrown as caughtSync } from '../support/caught.js';

const conversationA = '6f1d8f36-0d7e-4a53-9a55-000000000001';
const conversationB = '6f1d8f36-0d7e-4a53-9a55-000000000002';
const caseId = 'c1a5e000-0000-4000-8000-000000000001';
const contactId = 'c0de0000-0000-4000-8000-000000000001';

/** Every event of a kind, in order. */
function record<K extends keyof WorkspaceEvents>(workspace: Workspace, event: K): WorkspaceEvents[K][] {
  const seen: WorkspaceEvents[K][] = [];
  workspace.on(event, (payload) => seen.push(payload));
  return seen;
}

describe('the Home session', () => {
  it('always exists, anchored first, and is focused in a new workspace', () => {
    const workspace = new Workspace();
    expect(workspace.sessions.map((session) => session.kind)).toEqual(['home']);
    expect(workspace.focused.id).toBe('home');
    workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    expect(workspace.sessions[0]!.kind).toBe('home');
  });

  it('cannot be closed: close rejects InvalidState', async () => {
    const workspace = new Workspace();
    const error = await caught(workspace.close('home'));
    expect(error.code).toBe('InvalidState');
    expect(workspace.sessions).toHaveLength(1);
  });
});

describe('opening sessions', () => {
  it('lists sessions Home first, then in opening order, and focuses the newest', () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    const c = workspace.open({ kind: 'case', recordId: caseId, title: 'Refund for order 42' });
    const p = workspace.open({ kind: 'contact', recordId: contactId, title: 'Alma Rossi' });
    expect(workspace.sessions.map((session) => session.id)).toEqual(['home', a.id, c.id, p.id]);
    expect(workspace.focused.id).toBe(p.id);
  });

  it('focuses the session already open for a conversation instead of opening a second', () => {
    const workspace = new Workspace();
    const first = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    workspace.open({ kind: 'case', recordId: caseId, title: 'Refund' });
    const again = workspace.open({ kind: 'conversation', conversationId: conversationA.toUpperCase() });
    expect(again.id).toBe(first.id);
    expect(workspace.sessions).toHaveLength(3);
    expect(workspace.focused.id).toBe(first.id);
  });

  it('can open without taking focus', () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'conversation', conversationId: conversationA, focus: false });
    expect(workspace.focused.id).toBe('home');
  });

  it('refuses a session past the limit, Home included, with InvalidState', () => {
    const workspace = new Workspace({ maxSessions: 2 });
    workspace.open({ kind: 'conversation', conversationId: conversationA });
    const error = caughtSync(() => workspace.open({ kind: 'conversation', conversationId: conversationB }));
    expect(error.code).toBe('InvalidState');
    expect(workspace.sessions).toHaveLength(2);
  });

  it('rejects an id that is not a GUID with InvalidInput naming the field', () => {
    const workspace = new Workspace();
    const error = caughtSync(() => workspace.open({ kind: 'conversation', conversationId: 'not-a-guid' }));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('conversationId');
  });
});

describe('titles and icons', () => {
  it('titles a session with the customer, account or case name, and its icon is the first two letters', () => {
    const workspace = new Workspace();
    const session = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    expect(session.title).toBe('Kenny Smith');
    expect(session.icon).toBe('Ke');
  });

  it('titles unauthenticated conversations Visitor N, counting in the order their sessions opened', () => {
    const workspace = new Workspace();
    const first = workspace.open({ kind: 'conversation', conversationId: conversationA });
    workspace.open({ kind: 'case', recordId: caseId, title: 'Refund' });
    const second = workspace.open({ kind: 'conversation', conversationId: conversationB });
    expect([first.title, second.title]).toEqual(['Visitor 1', 'Visitor 2']);
    expect(first.icon).toBe('Vi');
  });

  it('takes the icon from letters, skipping digits and signs, in any script', () => {
    const workspace = new Workspace();
    expect(workspace.open({ kind: 'case', recordId: caseId, title: '#42 Refund' }).icon).toBe('Re');
    expect(workspace.open({ kind: 'contact', recordId: contactId, title: '山田 太郎' }).icon).toBe('山田');
  });
});

describe('switching sessions', () => {
  it('keeps each session’s draft and form state intact', () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'case', recordId: caseId, title: 'Refund' });
    workspace.setFormState(a.id, { title: 'Refund for order 42 (unsaved)' });
    workspace.setDraft(a.id, 'Half-written reply');
    const b = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    workspace.setDraft(b.id, 'Another reply');
    workspace.focus(a.id);
    expect(workspace.focused.formState).toEqual({ title: 'Refund for order 42 (unsaved)' });
    expect(workspace.focused.draft).toBe('Half-written reply');
    expect(workspace.sessions.find((session) => session.id === b.id)!.draft).toBe('Another reply');
  });

  it('announces focus with the previous session', () => {
    const workspace = new Workspace();
    const focused = record(workspace, 'focused');
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA });
    workspace.focus('home');
    expect(focused.map((event) => [event.previous?.id, event.session.id])).toEqual([
      ['home', a.id],
      [a.id, 'home'],
    ]);
  });
});

describe('unread messages', () => {
  it('count up on a session that is not focused, with a badge and a tooltip', () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    workspace.focus('home');
    for (let i = 0; i < 5; i++) workspace.messageArrived(conversationA, { text: `m${i}`, from: 'customer' });
    const session = workspace.sessions.find((item) => item.id === a.id)!;
    expect(session.unread).toBe(5);
    expect(session.badge).toBe('5');
    expect(session.tooltip).toBe('Kenny Smith. 5 new updates in your conversation.');
  });

  it('show a plus from ten on', () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Visitor 7', focus: false });
    for (let i = 0; i < 9; i++) workspace.messageArrived(conversationA, { text: 'x', from: 'customer' });
    expect(workspace.sessionOf(conversationA)!.badge).toBe('9');
    workspace.messageArrived(conversationA, { text: 'x', from: 'customer' });
    expect(workspace.sessionOf(conversationA)!.badge).toBe('10+');
  });

  it('do not count on the focused session', () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'conversation', conversationId: conversationA });
    workspace.messageArrived(conversationA, { text: 'hi', from: 'customer' });
    expect(workspace.focused.unread).toBe(0);
    expect(workspace.focused.badge).toBeUndefined();
    expect(workspace.focused.messages.map((message) => message.text)).toEqual(['hi']);
  });

  it('clear when the session is focused: count, badge and tooltip', () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith', focus: false });
    workspace.messageArrived(conversationA, { text: 'hi', from: 'customer' });
    const focused = workspace.focus(a.id);
    expect([focused.unread, focused.badge, focused.tooltip]).toEqual([0, undefined, 'Kenny Smith']);
  });

  it('raise unread and message events; a message for no open session is ignored', () => {
    const workspace = new Workspace();
    const unread = record(workspace, 'unread');
    const messages = record(workspace, 'message');
    workspace.open({ kind: 'conversation', conversationId: conversationA, focus: false });
    expect(workspace.messageArrived(conversationA, { text: 'hi', from: 'customer' })).toBe(true);
    expect(workspace.messageArrived(conversationB, { text: 'lost', from: 'customer' })).toBe(false);
    expect(unread).toHaveLength(1);
    expect(messages.map((event) => event.message.text)).toEqual(['hi']);
  });
});

describe('sentiment alerts', () => {
  it('come on when an unfocused conversation reaches the threshold, with the urgent tooltip', () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Visitor 7', focus: false });
    workspace.sentimentChanged(conversationA, SentimentLabel.SlightlyNegative);
    const session = workspace.sessionOf(conversationA)!;
    expect(session.alert).toBe(true);
    expect(session.tooltip).toBe('Visitor 7. Urgent attention is needed in your conversation.');
  });

  it('follow the threshold the admin set, in sentiment order', () => {
    const workspace = new Workspace({ sentimentThreshold: SentimentLabel.Negative });
    workspace.open({ kind: 'conversation', conversationId: conversationA, focus: false });
    workspace.sentimentChanged(conversationA, SentimentLabel.SlightlyNegative);
    expect(workspace.sessionOf(conversationA)!.alert).toBe(false);
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(workspace.sessionOf(conversationA)!.alert).toBe(true);
  });

  it('never come on for N/A, nor on the focused session', () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'conversation', conversationId: conversationA, focus: false });
    workspace.sentimentChanged(conversationA, SentimentLabel.NotApplicable);
    expect(workspace.sessionOf(conversationA)!.alert).toBe(false);
    workspace.open({ kind: 'conversation', conversationId: conversationB });
    workspace.sentimentChanged(conversationB, SentimentLabel.VeryNegative);
    expect(workspace.focused.alert).toBe(false);
  });

  it('raise one alert event per crossing, again only after recovering', () => {
    const workspace = new Workspace();
    const alerts = record(workspace, 'alert');
    workspace.open({ kind: 'conversation', conversationId: conversationA, focus: false });
    workspace.sentimentChanged(conversationA, SentimentLabel.SlightlyNegative);
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(alerts).toHaveLength(1);
    workspace.sentimentChanged(conversationA, SentimentLabel.Neutral);
    expect(workspace.sessionOf(conversationA)!.alert).toBe(false);
    workspace.sentimentChanged(conversationA, SentimentLabel.Negative);
    expect(alerts).toHaveLength(2);
  });

  it('clear, with their tooltip, when the session is focused', () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith', focus: false });
    workspace.sentimentChanged(conversationA, SentimentLabel.VeryNegative);
    expect(workspace.focus(a.id)).toMatchObject({ alert: false, tooltip: 'Kenny Smith' });
  });

  it('rejects a threshold that is not a rated label', () => {
    expect(caughtSync(() => new Workspace({ sentimentThreshold: 0 })).field).toBe('workspace.sentimentThreshold');
  });
});

describe('closing sessions', () => {
  it('asks the confirmation hook and keeps the session when it declines', async () => {
    const confirmClose = vi.fn(() => false);
    const workspace = new Workspace({ confirmClose });
    const a = workspace.open({ kind: 'case', recordId: caseId, title: 'Refund' });
    await expect(workspace.close(a.id)).resolves.toBe(false);
    expect(confirmClose).toHaveBeenCalledWith(expect.objectContaining({ id: a.id }), { end: false });
    expect(workspace.sessions).toHaveLength(2);
  });

  it('closes when confirmed, moves focus to the session opened before it, and announces it', async () => {
    const workspace = new Workspace({ confirmClose: async () => true });
    const closed = record(workspace, 'closed');
    const a = workspace.open({ kind: 'case', recordId: caseId, title: 'Refund' });
    const b = workspace.open({ kind: 'conversation', conversationId: conversationA });
    await expect(workspace.close(b.id)).resolves.toBe(true);
    expect(workspace.sessions.map((session) => session.id)).toEqual(['home', a.id]);
    expect(workspace.focused.id).toBe(a.id);
    expect(closed.map((event) => [event.session.id, event.outcome])).toEqual([[b.id, 'closed']]);
  });

  it('leaves a persistent chat waiting, kept for the workstream’s period, when closed', async () => {
    const now = Date.UTC(2026, 11, 1);
    const workspace = new Workspace({ now: () => now });
    const closed = record(workspace, 'closed');
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, persistent: true });
    await workspace.close(a.id);
    expect(closed[0]).toMatchObject({ outcome: 'waiting', keepUntil: new Date(now + 28 * 86_400_000) });
  });

  it('ends a persistent chat with end, which closes the conversation', async () => {
    const workspace = new Workspace({ persistentChatDays: 7 });
    const closed = record(workspace, 'closed');
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA, persistent: true });
    await workspace.end(a.id);
    expect(closed[0]).toMatchObject({ outcome: 'ended', keepUntil: undefined });
  });

  it('keeps the session when a close interceptor fails, and removes it once the interceptor is gone', async () => {
    const workspace = new Workspace();
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA });
    const remove = workspace.intercept('close', () => Promise.reject(new Error('the write failed')));
    await expect(workspace.close(a.id)).rejects.toThrow('the write failed');
    expect(workspace.sessionOf(conversationA)).toBeDefined();
    remove();
    await expect(workspace.close(a.id)).resolves.toBe(true);
  });

  it('treats a second close during the first as the same close', async () => {
    let confirm!: (value: boolean) => void;
    const confirmClose = vi.fn(() => new Promise<boolean>((resolve) => (confirm = resolve)));
    const workspace = new Workspace({ confirmClose });
    const a = workspace.open({ kind: 'case', recordId: caseId });
    const first = workspace.close(a.id);
    const second = workspace.close(a.id);
    confirm(true);
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(confirmClose).toHaveBeenCalledTimes(1);
  });
});

describe('incoming notifications', () => {
  it('accepting opens the conversation’s session and focuses it', async () => {
    const workspace = new Workspace();
    workspace.open({ kind: 'case', recordId: caseId });
    const notification = workspace.notify({ conversationId: conversationA, title: 'Kenny Smith', details: { channel: 'Live chat' } });
    expect(workspace.notifications).toEqual([notification]);
    const session = await workspace.accept(notification.id);
    expect(workspace.focused.id).toBe(session.id);
    expect(session).toMatchObject({ kind: 'conversation', conversationId: conversationA, title: 'Kenny Smith' });
    expect(workspace.notifications).toEqual([]);
  });

  it('rejecting drops the notification and opens nothing', async () => {
    const workspace = new Workspace();
    const changes = record(workspace, 'notification');
    const notification = workspace.notify({ conversationId: conversationA });
    await workspace.reject(notification.id);
    expect(workspace.sessions).toHaveLength(1);
    expect(changes.map((event) => event.change)).toEqual(['raised', 'rejected']);
  });

  it('runs accept interceptors first; a failing one leaves the notification pending', async () => {
    const workspace = new Workspace();
    const notification = workspace.notify({ conversationId: conversationA });
    const off = workspace.intercept('accept', () => {
      throw new Error('assignment failed');
    });
    await expect(workspace.accept(notification.id)).rejects.toThrow('assignment failed');
    expect(workspace.notifications).toHaveLength(1);
    off();
    workspace.intercept('accept', () => ({ title: 'Kenny Smith', persistent: true }));
    await expect(workspace.accept(notification.id)).resolves.toMatchObject({ title: 'Kenny Smith', persistent: true });
  });

  it('a notification already settled is InvalidState', async () => {
    const workspace = new Workspace();
    const notification = workspace.notify({ conversationId: conversationA });
    await workspace.reject(notification.id);
    expect((await caught(workspace.accept(notification.id))).code).toBe('InvalidState');
  });
});

describe('events', () => {
  it('on returns an unsubscribe function', () => {
    const workspace = new Workspace();
    const listener = vi.fn();
    const off = workspace.on('opened', listener);
    workspace.open({ kind: 'case', recordId: caseId });
    off();
    workspace.open({ kind: 'contact', recordId: contactId });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('announce draft changes and sent messages', () => {
    const workspace = new Workspace();
    const drafts = record(workspace, 'draft');
    const sent = record(workspace, 'messageSent');
    const a = workspace.open({ kind: 'conversation', conversationId: conversationA });
    workspace.setDraft(a.id, 'Hello');
    workspace.messageSent(conversationA, { text: 'Hello', from: 'agent' });
    expect(drafts.map((event) => event.session.draft)).toEqual(['Hello']);
    expect(sent.map((event) => event.message.text)).toEqual(['Hello']);
  });
});

describe('the panel', () => {
  it('is expanded by default, collapses and expands, announcing each change once', () => {
    const workspace = new Workspace();
    const modes = record(workspace, 'panel');
    expect(workspace.panel).toBe('expanded');
    workspace.setPanel('collapsed');
    workspace.setPanel('collapsed');
    workspace.setPanel('expanded');
    expect(workspace.panel).toBe('expanded');
    expect(modes.map((event) => event.mode)).toEqual(['collapsed', 'expanded']);
  });
});

describe('answering a notification twice', () => {
  it('a second accept while the first runs is InvalidState, and one session opens', async () => {
    const workspace = new Workspace();
    let release!: () => void;
    workspace.intercept('accept', () => new Promise<void>((resolve) => (release = resolve)));
    const notification = workspace.notify({ conversationId: conversationA });
    const first = workspace.accept(notification.id);
    const second = caught(workspace.accept(notification.id));
    expect((await second).code).toBe('InvalidState');
    release();
    await first;
    expect(workspace.sessions).toHaveLength(2);
  });
});
