// @vitest-environment jsdom
// Text from conversations is the customer's: the panel shows it as text and never parses it
// as HTML, wherever it appears (titles, icons, tooltips, names, notifications, the dialog).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/index.js';
import { conversationA, conversationB, render } from './support.js';

const hostile = '<img src=x onerror=alert(1)>';
const hostileDetail = '<script>window.__pwned = true</script>';

describe('hostile text', () => {
  it('shows a hostile session title literally and creates no element from it', () => {
    const workspace = new Workspace();
    const session = workspace.open({ kind: 'conversation', conversationId: conversationA, title: hostile });
    const { root, rowOf, tab } = render({ workspace });
    expect(rowOf(session.id)!.querySelector('.title')!.textContent).toBe(hostile);
    expect(tab(session.id).getAttribute('aria-label')).toBe(hostile);
    expect(tab(session.id).title).toBe(hostile);
    expect(root.querySelector('img, script')).toBeNull();
  });

  it('keeps a hostile title literal through updates of the tooltip and the names', () => {
    const workspace = new Workspace();
    const session = workspace.open({ kind: 'conversation', conversationId: conversationA, title: hostile, focus: false });
    const { root, tab, closeButton } = render({ workspace });
    workspace.messageArrived(conversationA, { text: hostileDetail, from: 'customer' });
    expect(tab(session.id).title).toBe(`${hostile}. 1 new updates in your conversation.`);
    expect(closeButton(session.id).getAttribute('aria-label')).toBe(`Close ${hostile}`);
    expect(root.querySelector('img, script')).toBeNull();
  });

  it('shows a hostile notification title and details literally', () => {
    const { workspace, root, cards } = render();
    workspace.notify({ conversationId: conversationB, title: hostile, details: { [hostile]: hostileDetail } });
    const card = cards()[0]!;
    expect(card.querySelector('.who')!.textContent).toBe(hostile);
    expect(card.querySelector('dt')!.textContent).toBe(hostile);
    expect(card.querySelector('dd')!.textContent).toBe(hostileDetail);
    expect(root.querySelector('img, script')).toBeNull();
  });

  it('announces a hostile title as text', () => {
    const { workspace, root, live } = render();
    workspace.notify({ conversationId: conversationB, title: hostile });
    expect(live()).toBe(`Incoming conversation: ${hostile}`);
    expect(root.querySelector('img, script')).toBeNull();
  });

  it('asks about a hostile title as text in the confirmation dialog', () => {
    const workspace = new Workspace();
    const session = workspace.open({ kind: 'conversation', conversationId: conversationA, title: hostile });
    const { root, closeButton, dialog } = render({ workspace, confirmClose: true });
    closeButton(session.id).click();
    expect(dialog().querySelector('p')!.textContent).toBe(`Close the session of ${hostile}?`);
    expect(root.querySelector('img, script')).toBeNull();
  });
});

describe('the sources', () => {
  it('never hand a string to the HTML parser', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/ui');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|setHTML/);
    }
  });
});
