import type { WorkspaceSession } from '../index.js';
import { h } from './dom.js';
import type { SessionPanelLabels } from './labels.js';

/** The panel's own close confirmation (option `confirmClose: true`). */
export interface ConfirmDialog {
  readonly element: HTMLElement;
  /** The session being asked about, while the dialog shows. */
  readonly sessionId: string | undefined;
  /** Shows the question; resolves true to close (or end). Focus goes back to `from` either way. */
  ask(session: WorkspaceSession, end: boolean, from: HTMLElement): Promise<boolean>;
  /** Answers "keep it" if the dialog shows (the session went away, the panel is disposed). */
  dismiss(): void;
}

/**
 * A modal `alertdialog` inside the panel: focus starts on Cancel (the choice that loses
 * nothing), Tab stays on its two buttons, Escape and a click outside cancel, and the panel
 * behind it is `inert` while it shows.
 */
export function createConfirmDialog(labels: SessionPanelLabels, makeId: () => string, background: HTMLElement): ConfirmDialog {
  const titleId = makeId();
  const textId = makeId();
  const title = h('h2', '', { id: titleId });
  const text = h('p', '', { id: textId });
  const cancel = h('button', 'cancel', { type: 'button' }, [labels.cancel]);
  const confirm = h('button', 'confirm', { type: 'button' });
  const dialog = h('div', 'dialog', { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': textId }, [
    title,
    text,
    h('div', 'buttons', {}, [cancel, confirm]),
  ]);
  const element = h('div', 'layer', { hidden: '' }, [dialog]);
  let sessionId: string | undefined;
  let settle: ((confirmed: boolean) => void) | undefined;
  let returnTo: HTMLElement | undefined;

  function finish(confirmed: boolean): void {
    const done = settle;
    if (!done) return;
    settle = undefined;
    sessionId = undefined;
    background.removeAttribute('inert');
    element.hidden = true;
    if (returnTo?.isConnected) returnTo.focus();
    returnTo = undefined;
    done(confirmed);
  }

  cancel.addEventListener('click', () => finish(false));
  confirm.addEventListener('click', () => finish(true));
  element.addEventListener('click', (event) => {
    if (event.target === element) finish(false);
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    } else if (event.key === 'Tab') {
      // Two buttons: Tab and Shift+Tab both go to the other one.
      event.preventDefault();
      ((dialog.getRootNode() as ShadowRoot).activeElement === cancel ? confirm : cancel).focus();
    }
  });

  return {
    element,
    get sessionId() {
      return sessionId;
    },
    ask(session, end, from) {
      finish(false);
      sessionId = session.id;
      returnTo = from;
      title.textContent = end ? labels.confirmEndTitle : labels.confirmCloseTitle;
      text.textContent = end ? labels.confirmEnd(session.title) : labels.confirmClose(session.title);
      confirm.textContent = end ? labels.confirmEndButton : labels.confirmCloseButton;
      background.setAttribute('inert', '');
      element.hidden = false;
      cancel.focus();
      return new Promise<boolean>((resolve) => {
        settle = resolve;
      });
    },
    dismiss: () => finish(false),
  };
}
