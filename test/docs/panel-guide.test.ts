// @vitest-environment jsdom
// The examples of docs/panel.md, run as written. Every ```ts block of the guide appears in
// test/docs verbatim; only its import lines differ ('omnichannel-sdk' becomes
// '../../src/index.js', 'omnichannel-sdk/ui' becomes '../../src/ui/index.js'). The last tests
// check that each block is still here and that what it imports exists.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOmnichannel, type WorkspaceSession } from '../../src/index.js';
import { renderSessionPanel } from '../../src/ui/index.js';
import { codeBlocks, docsTests, expectBlocksTested, readGuide } from './support.js';

/** The page of the examples: a container with the id they look up. */
beforeEach(() => {
  const sessions = document.createElement('div');
  sessions.id = 'sessions';
  document.body.append(sessions);
});
afterEach(() => document.body.replaceChildren());

/** The panel's shadow root, as the tests read it. */
const panelRoot = () => document.querySelector('[data-omnichannel-session-panel]')!.shadowRoot!;

describe('docs/panel.md › Render it', () => {
  it('renders the workspace, follows its changes, and goes away on dispose', () => {
    const shown: string[] = [];
    const showSession = (session: WorkspaceSession) => shown.push(session.title);

    const omnichannel = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', host: 'builtin' });
    const panel = renderSessionPanel(document.getElementById('sessions')!, omnichannel.workspace);

    // Show the focused session's content beside the panel.
    const stopShowing = omnichannel.workspace.on('focused', ({ session }) => showSession(session));

    const workspace = omnichannel.workspace;
    const kenny = workspace.open({ kind: 'conversation', conversationId: '6f1d8f36-0d7e-4a53-9a55-000000000001', title: 'Kenny Smith' });
    workspace.focus('home');
    workspace.messageArrived(kenny.conversationId!, { text: 'Are you there?', from: 'customer' }); // Kenny's badge shows 1
    workspace.notify({ conversationId: '6f1d8f36-0d7e-4a53-9a55-000000000002', title: 'Alma Rossi', details: { Channel: 'Live chat' } });

    const root = panel.element.shadowRoot!;
    expect([...root.querySelectorAll('.session')].map((button) => button.getAttribute('aria-label'))).toEqual(['Home', 'Kenny Smith, 1 unread']);
    expect(root.querySelector(`li[data-session-id="${kenny.id}"] .badge`)!.textContent).toBe('1');
    expect(root.querySelector('.note .who')!.textContent).toBe('Alma Rossi');
    expect(shown).toEqual(['Kenny Smith', 'Home']);

    panel.dispose();
    stopShowing();

    expect(document.querySelector('[data-omnichannel-session-panel]')).toBeNull();
    workspace.focus(kenny.id);
    expect(shown).toEqual(['Kenny Smith', 'Home']);
  });
});

describe('docs/panel.md › Options', () => {
  const omnichannel = createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', host: 'builtin' });
  const kenny = omnichannel.workspace.open({ kind: 'conversation', conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000a1', title: 'Kenny Smith' });

  it('confirms in its own dialog and speaks the agent’s language', () => {
    renderSessionPanel(document.getElementById('sessions')!, omnichannel.workspace, {
      confirmClose: true,
      labels: { sessions: 'Sitzungen', accept: 'Annehmen', reject: 'Ablehnen', unread: (count) => `${count} ungelesen` },
      onError: (error) => console.error('The session panel could not finish an action', error),
    });

    const root = panelRoot();
    expect(root.querySelector('nav')!.getAttribute('aria-label')).toBe('Sitzungen');
    root.querySelector<HTMLButtonElement>(`li[data-session-id="${kenny.id}"] .close`)!.click();
    expect(root.querySelector<HTMLElement>('.layer')!.hidden).toBe(false);
  });

  it('asks through a function of yours', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);

    renderSessionPanel(document.getElementById('sessions')!, omnichannel.workspace, {
      confirmClose: (session, { end }) => window.confirm(end ? `End the conversation with ${session.title}?` : `Close ${session.title}?`),
    });

    panelRoot().querySelector<HTMLButtonElement>(`li[data-session-id="${kenny.id}"] .close`)!.click();
    await Promise.resolve();
    expect(confirm).toHaveBeenCalledWith('Close Kenny Smith?');
    expect(omnichannel.workspace.sessions.map((session) => session.id)).toContain(kenny.id);
  });
});

describe('docs/panel.md', () => {
  const blocks = codeBlocks(readGuide('docs/panel.md'), 'ts');

  it('every ```ts block of the guide is in test/docs, as written', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expectBlocksTested('docs/panel.md', blocks, docsTests());
  });

  it('every name a ```ts block imports from the package is imported the same way here', () => {
    const sourceOf: Record<string, string> = { 'omnichannel-sdk': '../../src/index.js', 'omnichannel-sdk/ui': '../../src/ui/index.js' };
    const importsOf = (text: string) => [...text.matchAll(/^import \{([^}]*)\} from '([^']+)';$/gm)];
    const names = (list: string) => list.split(',').map((name) => name.trim()).filter(Boolean);
    const here = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    for (const [, list, module] of importsOf(blocks.join('\n'))) {
      expect(Object.keys(sourceOf), `docs/panel.md imports from '${module}'`).toContain(module);
      const available = new Set(importsOf(here).filter((match) => match[2] === sourceOf[module!]).flatMap((match) => names(match[1]!)));
      for (const name of names(list!)) expect(available.has(name), `docs/panel.md imports ${name} from '${module}'`).toBe(true);
    }
  });
});
