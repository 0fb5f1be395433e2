import { sessionIcon, sessionTooltip, unreadBadge } from './rules.js';

/** What a session shows: the Home dashboard, a conversation, a case or a contact. */
export type SessionKind = 'home' | 'conversation' | 'case' | 'contact';

/** A message in a session's conversation, as the workspace keeps it. */
export interface WorkspaceMessage {
  /** The text (a rich message is kept as its JSON). */
  text: string;
  /** Who wrote it. */
  from: 'customer' | 'agent' | 'bot' | 'system';
  /** The sender's display name, when known. */
  sender?: string;
  /** When it was sent, ISO-8601. */
  at?: string;
}

/**
 * A session in the agent's session panel: an immutable snapshot. Every change produces a new
 * object (and an `updated` event), so a renderer can compare by identity.
 */
export interface WorkspaceSession {
  /** `home` for the Home session; `session-<n>` for the others, in opening order. */
  readonly id: string;
  /** What the session shows. */
  readonly kind: SessionKind;
  /** The customer's, account's or case's name; `Visitor N` for an unauthenticated conversation. */
  readonly title: string;
  /** The first two letters of the title. */
  readonly icon: string;
  /** The conversation (`msdyn_ocliveworkitem` activityid) of a conversation session. */
  readonly conversationId: string | undefined;
  /** The case (`incident`) or contact of a case or contact session. */
  readonly recordId: string | undefined;
  /** Messages that arrived while the session was not focused. */
  readonly unread: number;
  /** What the icon's badge shows: the unread count, `10+` from ten on, none at zero. */
  readonly badge: string | undefined;
  /** True when the conversation's sentiment reached the threshold while the session was not focused. */
  readonly alert: boolean;
  /** The hover text: the alert or unread sentence, else the title. */
  readonly tooltip: string;
  /** The unsent text of the send box, kept while the agent works elsewhere. */
  readonly draft: string;
  /** Unsaved form state a host keeps for the session (any value), kept across switches. */
  readonly formState: unknown;
  /** The conversation's latest `msdyn_customersentimentlabel`, when a source reported one. */
  readonly sentiment: number | undefined;
  /** True for persistent chat: closing keeps the conversation waiting; ending closes it. */
  readonly persistent: boolean;
  /** Days a closed persistent chat is kept waiting (the workstream's period). */
  readonly keepDays: number;
  /** The conversation's messages this session has seen, oldest first (the newest 500). */
  readonly messages: readonly WorkspaceMessage[];
}

/** The fields a session is built from; the derived ones (icon, badge, tooltip) follow from them. @internal */
export type SessionFields = Omit<WorkspaceSession, 'icon' | 'badge' | 'tooltip'>;

/** Most messages a session keeps: an agent's desk left open for days must not grow without end. */
export const sessionMessageLimit = 500;

/** Builds the immutable snapshot of a session, deriving its icon, badge and tooltip. @internal */
export function buildSession(state: SessionFields): WorkspaceSession {
  return Object.freeze({
    ...state,
    icon: sessionIcon(state.title),
    badge: unreadBadge(state.unread),
    tooltip: sessionTooltip(state.title, state.unread, state.alert),
  });
}

/** A session as it opens: nothing unread, no alert, an empty draft, no messages. @internal */
export function newSession(
  fields: Pick<SessionFields, 'id' | 'kind' | 'title' | 'persistent' | 'keepDays'> & Partial<SessionFields>,
): WorkspaceSession {
  return buildSession({
    conversationId: undefined,
    recordId: undefined,
    unread: 0,
    alert: false,
    draft: '',
    formState: undefined,
    sentiment: undefined,
    messages: [],
    ...fields,
  });
}

/** A copy of `session` with `changes`, re-derived. @internal */
export function changeSession(session: WorkspaceSession, changes: Partial<SessionFields>): WorkspaceSession {
  const { icon: _icon, badge: _badge, tooltip: _tooltip, ...state } = session;
  return buildSession({ ...state, ...changes });
}
