import { OmnichannelError, invalidInput, optionalFunction } from '../http/errors.js';
import { guid as requireId } from '../odata/literals.js';
import { type Emitter, createEmitter } from './events.js';
import { isRatedSentiment, sentimentReaches, visitorTitle } from './rules.js';
import {
  type SessionKind,
  type WorkspaceMessage,
  type WorkspaceSession,
  changeSession,
  newSession,
  sessionMessageLimit,
} from './session.js';

/** `msdyn_customersentimentlabel` Slightly negative: the product's example threshold. */
const slightlyNegative = 9;
const dayMs = 86_400_000;

/** Options of the agent workspace (`createOmnichannel({ workspace })`). */
export interface WorkspaceOptions {
  /**
   * The sentiment label (`SentimentLabel`) at or below which an unfocused conversation
   * session raises an alert, as the admin sets it.
   * @default SentimentLabel.SlightlyNegative (9)
   */
  sentimentThreshold?: number;
  /**
   * Sessions open at once, Home included; opening one more is `InvalidState`.
   * @default 10 (the product's limit)
   */
  maxSessions?: number;
  /**
   * Asked before a session closes (the product's confirmation dialog); resolve false to keep it.
   * @default always closes
   */
  confirmClose?: (session: WorkspaceSession, intent: CloseIntent) => boolean | Promise<boolean>;
  /**
   * Days a closed persistent chat stays waiting, when the session does not say (the workstream's period).
   * @default 28
   */
  persistentChatDays?: number;
  /**
   * Workstreams in persistent-chat mode: their conversations' sessions are `persistent`, so
   * closing leaves the conversation waiting and `end` closes it. The Web API column that holds
   * a workstream's mode is not in the SDK's sources (UNCONFIRMED), so the workspace is told.
   * @default none
   */
  persistentChatWorkstreams?: readonly string[];
  /**
   * The clock, for the date a waiting persistent chat is kept until.
   * @default Date.now
   */
  now?: () => number;
}

/** How a session leaves the panel: closed, or (persistent chat only) ended. */
export interface CloseIntent {
  /** True to end a persistent chat (the conversation closes); false keeps it waiting. */
  end: boolean;
  /**
   * True when the product closed the session (its host events): there is no confirmation, and
   * a close interceptor writes nothing, since the product has made its own writes.
   */
  byHost?: boolean;
}

/**
 * What closing a session does to its conversation: `waiting` (persistent chat closed: kept
 * until `keepUntil`), `ended` (persistent chat ended), `closed` (any other session).
 */
export type CloseOutcome = 'waiting' | 'ended' | 'closed';

/** An incoming conversation the agent may accept or reject. */
export interface WorkspaceNotification {
  /** `notification-<n>`. */
  readonly id: string;
  /** The conversation offered. */
  readonly conversationId: string;
  /** The customer's name, when the conversation is authenticated. */
  readonly title: string | undefined;
  /** Anything the source adds (channel, queue, wait time), shown by a renderer. */
  readonly details: Readonly<Record<string, string>>;
}

/** Opens a session of a conversation, case or contact. */
export interface OpenSessionInput {
  /** `conversation`, `case` or `contact`. */
  kind: Exclude<SessionKind, 'home'>;
  /** For a conversation session: the conversation id. */
  conversationId?: string;
  /** For a case or contact session: the record id. */
  recordId?: string;
  /** The linked customer's or account's name, or the case title; none makes a conversation `Visitor N`. */
  title?: string;
  /** Persistent chat (closing keeps the conversation waiting). @default false */
  persistent?: boolean;
  /** Days a closed persistent chat is kept. @default the workspace's `persistentChatDays` */
  keepDays?: number;
  /** Focus the session. @default true */
  focus?: boolean;
}

/** Events of the workspace, each with its payload. */
export interface WorkspaceEvents {
  /** A session was opened. */
  opened: { session: WorkspaceSession };
  /** Focus moved; `previous` is the session that had it. */
  focused: { session: WorkspaceSession; previous: WorkspaceSession | undefined };
  /** A session closed; `keepUntil` is set for a persistent chat left waiting. */
  closed: { session: WorkspaceSession; outcome: CloseOutcome; keepUntil: Date | undefined };
  /** Anything a renderer shows of a session changed (title, unread, alert, draft, …). */
  updated: { session: WorkspaceSession };
  /** A notification was raised, accepted, rejected or withdrawn. */
  notification: { notification: WorkspaceNotification; change: 'raised' | 'accepted' | 'rejected' | 'withdrawn' };
  /** A session's sentiment alert came on. */
  alert: { session: WorkspaceSession };
  /** A session's unread count went up. */
  unread: { session: WorkspaceSession };
  /** A session's draft (send box) changed. */
  draft: { session: WorkspaceSession };
  /** A customer's message arrived in a session. */
  message: { session: WorkspaceSession; message: WorkspaceMessage };
  /** The agent's message was sent to a conversation. */
  messageSent: { session: WorkspaceSession; message: WorkspaceMessage };
  /** The panel was expanded or collapsed. */
  panel: { mode: PanelMode };
}

/** The session panel's mode. */
export type PanelMode = 'expanded' | 'collapsed';

/** What an interceptor of a stage receives. */
export interface WorkspaceStages {
  /** Before a notification's session opens: resolve to change the session (e.g. its title). */
  accept: { notification: WorkspaceNotification };
  /** Before a notification is dropped. */
  reject: { notification: WorkspaceNotification };
  /** Before a session leaves the panel, after the confirmation; `byHost` when the product closed it. */
  close: { session: WorkspaceSession; outcome: CloseOutcome; keepUntil: Date | undefined; byHost: boolean };
}

/** Runs before a stage completes; rejecting cancels it (the workspace stays as it was). */
export type WorkspaceInterceptor<S extends keyof WorkspaceStages> = (
  input: WorkspaceStages[S],
) => void | Partial<OpenSessionInput> | Promise<void | Partial<OpenSessionInput>>;

/**
 * The agent's sessions as the product manages them: Home anchored first, then sessions in
 * opening order; one focused; unread counts, sentiment alerts, drafts and form state kept per
 * session. Pure state and rules: what feeds it (polling, a message channel, the host's events)
 * calls {@link Workspace.messageArrived}, {@link Workspace.sentimentChanged} and {@link Workspace.notify} from outside, and
 * what must be written when a session closes or a notification is accepted plugs in through
 * {@link Workspace.intercept}.
 *
 * @example
 * ```ts
 * const off = omnichannel.workspace.on('unread', ({ session }) => render(session));
 * omnichannel.workspace.messageArrived(conversationId, { text: 'Hello?', from: 'customer' });
 * off();
 * ```
 */
export class Workspace {
  #sessions: WorkspaceSession[];
  #focusedId = 'home';
  #notifications: WorkspaceNotification[] = [];
  #panel: PanelMode = 'expanded';
  #nextSession = 1;
  #nextNotification = 1;
  #visitors = 0;
  readonly #closing = new Map<string, Promise<boolean>>();
  readonly #settling = new Set<string>();
  readonly #interceptors: { [S in keyof WorkspaceStages]: Set<WorkspaceInterceptor<S>> } = {
    accept: new Set(),
    reject: new Set(),
    close: new Set(),
  };
  readonly #events: Emitter<WorkspaceEvents> = createEmitter<WorkspaceEvents>(reportListenerError);
  readonly #threshold: number;
  readonly #maxSessions: number;
  readonly #persistentChatDays: number;
  readonly #confirmClose: NonNullable<WorkspaceOptions['confirmClose']>;
  readonly #now: () => number;
  readonly #persistentWorkstreams: ReadonlySet<string>;

  /**
   * Creates a workspace holding only the Home session. A client has one: `omnichannel.workspace`.
   * @param options Threshold, limits and the close confirmation.
   */
  constructor(options: WorkspaceOptions = {}) {
    if (typeof options !== 'object' || options === null) throw invalidInput('workspace', 'must be an object of workspace options');
    this.#threshold = options.sentimentThreshold ?? slightlyNegative;
    if (!isRatedSentiment(this.#threshold))
      throw invalidInput('workspace.sentimentThreshold', `must be a sentiment label from 7 to 13, got ${String(this.#threshold)}`);
    this.#maxSessions = options.maxSessions ?? 10;
    if (!Number.isInteger(this.#maxSessions) || this.#maxSessions < 1)
      throw invalidInput('workspace.maxSessions', 'must be a whole number ≥ 1');
    this.#persistentChatDays = days(options.persistentChatDays ?? 28, 'workspace.persistentChatDays');
    this.#confirmClose = optionalFunction(options.confirmClose, 'workspace.confirmClose') ?? (() => true);
    this.#now = options.now ?? Date.now;
    const workstreams = options.persistentChatWorkstreams ?? [];
    if (!Array.isArray(workstreams)) throw invalidInput('workspace.persistentChatWorkstreams', 'must be an array of workstream ids');
    this.#persistentWorkstreams = new Set(workstreams.map((id, index) => requireId(id, `workspace.persistentChatWorkstreams[${index}]`)));
    this.#sessions = [newSession({ id: 'home', kind: 'home', title: 'Home', persistent: false, keepDays: 0 })];
  }

  /** Every session: Home first, then in opening order. */
  get sessions(): readonly WorkspaceSession[] {
    return [...this.#sessions];
  }

  /** The focused session (Home when no other is). */
  get focused(): WorkspaceSession {
    return this.#require(this.#focusedId);
  }

  /** Incoming conversations waiting for the agent to accept or reject, oldest first. */
  get notifications(): readonly WorkspaceNotification[] {
    return [...this.#notifications];
  }

  /** Whether the session panel is expanded or collapsed. */
  get panel(): PanelMode {
    return this.#panel;
  }

  /** True when conversations of this workstream are persistent chats (`persistentChatWorkstreams`). */
  isPersistentChat(workstreamId: string | undefined): boolean {
    return workstreamId !== undefined && this.#persistentWorkstreams.has(workstreamId.toLowerCase());
  }

  /** The session showing this conversation, if one is open. */
  sessionOf(conversationId: string): WorkspaceSession | undefined {
    const id = conversationId.toLowerCase();
    return this.#sessions.find((session) => session.conversationId === id);
  }

  /**
   * Subscribes to an event; returns the function that unsubscribes. A listener that throws
   * does not stop the change or the other listeners (the error is reported to the host).
   */
  on<K extends keyof WorkspaceEvents>(event: K, listener: (payload: WorkspaceEvents[K]) => void): () => void {
    return this.#events.on(event, optionalFunction(listener, 'listener') ?? listener);
  }

  /**
   * Runs `interceptor` before a stage completes: `accept` (before a notification's session
   * opens; it may return changes to the session, e.g. its title), `reject`, `close` (after the
   * confirmation). A rejection cancels the stage and leaves the workspace as it was. Returns
   * the function that removes it.
   */
  intercept<S extends keyof WorkspaceStages>(stage: S, interceptor: WorkspaceInterceptor<S>): () => void {
    const set = this.#interceptors[stage] as Set<WorkspaceInterceptor<S>>;
    set.add(interceptor);
    return () => {
      set.delete(interceptor);
    };
  }

  /**
   * Opens a session for a conversation, case or contact, focused unless `focus: false`. A
   * second open of the same conversation or record focuses the session already open.
   */
  open(input: OpenSessionInput): WorkspaceSession {
    const { kind } = input;
    if (kind !== 'conversation' && kind !== 'case' && kind !== 'contact')
      throw invalidInput('kind', 'must be conversation, case or contact');
    const conversationId = kind === 'conversation' ? requireId(input.conversationId, 'conversationId') : undefined;
    const recordId = kind === 'conversation' ? undefined : requireId(input.recordId, 'recordId');
    const existing = this.#sessions.find((session) =>
      conversationId ? session.conversationId === conversationId : session.kind === kind && session.recordId === recordId,
    );
    if (existing) {
      if (input.focus !== false) this.focus(existing.id);
      return this.#require(existing.id);
    }
    if (this.#sessions.length >= this.#maxSessions) {
      throw new OmnichannelError('InvalidState', `Maximum sessions reached (${this.#maxSessions}, Home included)`);
    }
    const title = input.title?.trim() ? input.title.trim() : kind === 'conversation' ? visitorTitle(++this.#visitors) : 'Untitled';
    const session = newSession({
      id: `session-${this.#nextSession++}`,
      kind,
      title,
      conversationId,
      recordId,
      persistent: input.persistent === true,
      keepDays: input.keepDays === undefined ? this.#persistentChatDays : days(input.keepDays, 'keepDays'),
    });
    this.#sessions.push(session);
    this.#events.emit('opened', { session });
    if (input.focus !== false) this.focus(session.id);
    return this.#require(session.id);
  }

  /** Focuses a session; its unread count, badge and alert clear. */
  focus(sessionId: string): WorkspaceSession {
    const target = this.#require(sessionId);
    return this.#moveFocus(target, this.#focusedId === target.id ? undefined : this.focused);
  }

  /**
   * Closes a session after the confirmation hook agrees: resolves `true` once it is gone,
   * `false` when the confirmation declined. Home cannot close (`InvalidState`). A persistent
   * chat is left waiting (kept `keepDays`); {@link Workspace.end} ends it instead.
   */
  close(sessionId: string): Promise<boolean> {
    return this.#close(sessionId, { end: false });
  }

  /** Ends a session: for persistent chat the conversation closes instead of waiting. */
  end(sessionId: string): Promise<boolean> {
    return this.#close(sessionId, { end: true });
  }

  /**
   * Removes a session the product has already closed (its host events feed the workspace):
   * no confirmation, and close interceptors see `byHost` so that nothing is written twice.
   */
  closedByHost(sessionId: string): Promise<boolean> {
    return this.#close(sessionId, { end: false, byHost: true });
  }

  /** Sets a session's draft, the unsent text of its send box. */
  setDraft(sessionId: string, draft: string): WorkspaceSession {
    if (typeof draft !== 'string') throw invalidInput('draft', 'must be a string');
    const session = this.#replace(this.#require(sessionId), { draft });
    this.#events.emit('draft', { session });
    return session;
  }

  /** Keeps a host's unsaved form state for a session, returned unchanged when the agent comes back. */
  setFormState(sessionId: string, formState: unknown): WorkspaceSession {
    return this.#replace(this.#require(sessionId), { formState });
  }

  /**
   * A customer's message arrived in a conversation (what a message source calls). On a session
   * that is not focused it counts as unread. Returns false when no session shows the conversation.
   */
  messageArrived(conversationId: string, message: WorkspaceMessage): boolean {
    const target = this.#sessionFor(conversationId);
    if (!target) return false;
    const checked = checkMessage(message);
    const unread = target.id === this.#focusedId ? 0 : target.unread + 1;
    const session = this.#replace(target, { unread, messages: appendMessage(target.messages, checked) });
    this.#events.emit('message', { session, message: checked });
    if (unread > 0) this.#events.emit('unread', { session });
    return true;
  }

  /** The agent's message went out to a conversation (what the message channel reports). */
  messageSent(conversationId: string, message: WorkspaceMessage): boolean {
    const target = this.#sessionFor(conversationId);
    if (!target) return false;
    const checked = checkMessage(message);
    const session = this.#replace(target, { messages: appendMessage(target.messages, checked) });
    this.#events.emit('messageSent', { session, message: checked });
    return true;
  }

  /**
   * A conversation's sentiment changed (what a sentiment source calls). At or below the
   * threshold on a session that is not focused, the alert comes on, once per crossing; it goes
   * off when the sentiment recovers or the session is focused. Returns false when no session
   * shows the conversation.
   */
  sentimentChanged(conversationId: string, label: number): boolean {
    if (!Number.isInteger(label)) throw invalidInput('label', `must be a sentiment label, got ${String(label)}`);
    const target = this.#sessionFor(conversationId);
    if (!target) return false;
    const alert = target.id !== this.#focusedId && sentimentReaches(label, this.#threshold);
    const session = this.#replace(target, { sentiment: label, alert });
    if (alert && !target.alert) this.#events.emit('alert', { session });
    return true;
  }

  /**
   * Raises an incoming-conversation notification for the agent to accept or reject. A second
   * notification for the same conversation returns the first.
   */
  notify(input: { conversationId: string; title?: string; details?: Record<string, string> }): WorkspaceNotification {
    const conversationId = requireId(input?.conversationId, 'conversationId');
    const pending = this.#notifications.find((notification) => notification.conversationId === conversationId);
    if (pending) return pending;
    const notification: WorkspaceNotification = Object.freeze({
      id: `notification-${this.#nextNotification++}`,
      conversationId,
      title: input.title?.trim() || undefined,
      details: Object.freeze({ ...input.details }),
    });
    this.#notifications.push(notification);
    this.#events.emit('notification', { notification, change: 'raised' });
    return notification;
  }

  /**
   * Accepts a notification: the `accept` interceptors run (the live workspace makes the
   * conversation Active there), then its session opens, focused.
   */
  accept(notificationId: string): Promise<WorkspaceSession> {
    return this.#settle(notificationId, async (notification) => {
      let changes: Partial<OpenSessionInput> = {};
      for (const interceptor of [...this.#interceptors.accept]) changes = { ...changes, ...((await interceptor({ notification })) ?? {}) };
      this.#dropNotification(notification);
      const session = this.open({
        title: notification.title,
        ...changes,
        kind: 'conversation',
        conversationId: notification.conversationId,
        focus: true,
      });
      this.#events.emit('notification', { notification, change: 'accepted' });
      return session;
    });
  }

  /** Rejects a notification: the conversation stays as it is, for routing to offer elsewhere. */
  reject(notificationId: string): Promise<void> {
    return this.#settle(notificationId, async (notification) => {
      for (const interceptor of [...this.#interceptors.reject]) await interceptor({ notification });
      this.#dropNotification(notification);
      this.#events.emit('notification', { notification, change: 'rejected' });
    });
  }

  /** Accepts or rejects once: a second answer while the first runs (a double click) is InvalidState. */
  async #settle<T>(notificationId: string, work: (notification: WorkspaceNotification) => Promise<T>): Promise<T> {
    const notification = this.#requireNotification(notificationId);
    if (this.#settling.has(notification.id))
      throw new OmnichannelError('InvalidState', `Notification ${notification.id} is already being answered`);
    this.#settling.add(notification.id);
    try {
      return await work(notification);
    } finally {
      this.#settling.delete(notification.id);
    }
  }

  /** Drops a notification the agent no longer can act on (the customer left, another agent took it). */
  withdraw(notificationId: string): void {
    const notification = this.#notifications.find((item) => item.id === notificationId);
    if (!notification) return;
    this.#dropNotification(notification);
    this.#events.emit('notification', { notification, change: 'withdrawn' });
  }

  /** Expands or collapses the session panel. */
  setPanel(mode: PanelMode): void {
    if (mode !== 'expanded' && mode !== 'collapsed') throw invalidInput('mode', 'must be expanded or collapsed');
    if (mode === this.#panel) return;
    this.#panel = mode;
    this.#events.emit('panel', { mode });
  }

  #close(sessionId: string, intent: CloseIntent): Promise<boolean> {
    const session = this.#require(sessionId);
    if (session.kind === 'home') return Promise.reject(new OmnichannelError('InvalidState', 'The Home session cannot be closed'));
    // A second close while the first awaits its confirmation is the same close.
    const pending = this.#closing.get(session.id);
    if (pending) return pending;
    const closing = this.#runClose(session, intent).finally(() => this.#closing.delete(session.id));
    this.#closing.set(session.id, closing);
    return closing;
  }

  async #runClose(session: WorkspaceSession, intent: CloseIntent): Promise<boolean> {
    if (!intent.byHost && !(await this.#confirmClose(session, intent))) return false;
    const outcome: CloseOutcome = session.kind === 'conversation' && session.persistent ? (intent.end ? 'ended' : 'waiting') : 'closed';
    const keepUntil = outcome === 'waiting' ? new Date(this.#now() + session.keepDays * dayMs) : undefined;
    const current = this.#require(session.id);
    for (const interceptor of [...this.#interceptors.close])
      await interceptor({ session: current, outcome, keepUntil, byHost: intent.byHost === true });
    const index = this.#sessions.findIndex((item) => item.id === session.id);
    if (index < 0) return true;
    const [closed] = this.#sessions.splice(index, 1);
    // Focus moves to the session opened before it (Home at the start).
    if (this.#focusedId === session.id) this.#moveFocus(this.#sessions[index - 1]!, closed);
    this.#events.emit('closed', { session: closed!, outcome, keepUntil });
    return true;
  }

  /** Focuses `target`, clearing its unread count and alert; announces it when focus moved. */
  #moveFocus(target: WorkspaceSession, previous: WorkspaceSession | undefined): WorkspaceSession {
    this.#focusedId = target.id;
    const session = target.unread > 0 || target.alert ? this.#replace(target, { unread: 0, alert: false }) : target;
    if (previous) this.#events.emit('focused', { session, previous });
    return session;
  }

  #require(sessionId: string): WorkspaceSession {
    const session = typeof sessionId === 'string' ? this.#sessions.find((item) => item.id === sessionId) : undefined;
    if (!session) throw invalidInput('sessionId', `names no open session (got ${JSON.stringify(sessionId)})`);
    return session;
  }

  #sessionFor(conversationId: string): WorkspaceSession | undefined {
    return this.sessionOf(requireId(conversationId, 'conversationId'));
  }

  #requireNotification(notificationId: string): WorkspaceNotification {
    const notification = this.#notifications.find((item) => item.id === notificationId);
    if (!notification) throw new OmnichannelError('InvalidState', `No pending notification ${JSON.stringify(notificationId)}`);
    return notification;
  }

  #dropNotification(notification: WorkspaceNotification): void {
    this.#notifications = this.#notifications.filter((item) => item !== notification);
  }

  /** Swaps in a changed copy of a session and announces it. */
  #replace(session: WorkspaceSession, changes: Parameters<typeof changeSession>[1]): WorkspaceSession {
    const next = changeSession(session, changes);
    this.#sessions = this.#sessions.map((item) => (item.id === session.id ? next : item));
    this.#events.emit('updated', { session: next });
    return next;
  }
}

function days(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw invalidInput(field, 'must be a number of days ≥ 0');
  return value;
}

function checkMessage(message: WorkspaceMessage): WorkspaceMessage {
  if (typeof message !== 'object' || message === null || typeof message.text !== 'string')
    throw invalidInput('message', 'must be { text, from }');
  if (!['customer', 'agent', 'bot', 'system'].includes(message.from))
    throw invalidInput('message.from', 'must be customer, agent, bot or system');
  return Object.freeze({ ...message });
}

function appendMessage(messages: readonly WorkspaceMessage[], message: WorkspaceMessage): readonly WorkspaceMessage[] {
  const next = [...messages, message];
  return Object.freeze(next.length > sessionMessageLimit ? next.slice(next.length - sessionMessageLimit) : next);
}

/** A listener's error surfaces like an uncaught error in an event handler, without undoing the change. */
function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
