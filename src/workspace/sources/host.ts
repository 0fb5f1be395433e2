import { findOnFrames } from '../../http/context.js';
import type { Workspace } from '../workspace.js';

/** A session's context, read either way Microsoft's samples read it. */
export interface ApmSessionContext {
  /** The context's values by key (`LiveWorkItemId`, `customerName`, …). */
  parameters?: Record<string, unknown>;
  /** A value by key. */
  get?(key: string): unknown;
}

/** A session of `Microsoft.Apm`, as much of it as the workspace reads. */
export interface ApmSession {
  /** The product's session id. */
  readonly sessionId: string;
  /** True for the Home session. */
  readonly isDefault?: boolean;
  /** The session's title (the customer's name for a conversation). */
  readonly title?: string;
  /** The session's context; a conversation session's holds `LiveWorkItemId`, its conversation. */
  getContext?(): Promise<ApmSessionContext | undefined>;
}

/**
 * The part of `Microsoft.Apm` (the Customer Service workspace's app profile manager) that the
 * workspace follows: its session events, published on `BroadcastChannel` topics.
 */
export interface ApmLike {
  /** The `BroadcastChannel` name of an event: `ON_SESSION_SWITCH`, `ON_SESSION_CLOSED`. */
  getEventPublisherTopic(event: string): string;
  /** A session by id. */
  getSession(sessionId: string): ApmSession | null | undefined;
}

/**
 * Finds `Microsoft.Apm` on this window, its parent or the top window, when the page also has
 * `BroadcastChannel` to hear its events.
 * @internal
 */
export function findApm(): ApmLike | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  return findOnFrames(
    (frame) => (frame.Microsoft as { Apm?: unknown } | undefined)?.Apm,
    (value): value is ApmLike =>
      typeof (value as ApmLike | undefined)?.getEventPublisherTopic === 'function' && typeof (value as ApmLike).getSession === 'function',
  );
}

/**
 * Makes the workspace follow the product's sessions: a switch in the product focuses (opening
 * if need be) the conversation's session, Home for Home; a session the product closes leaves
 * the workspace without a confirmation or a second write. Sessions that are not conversations
 * (a case opened from search) are not mirrored: their context names no conversation.
 * Events are handled one at a time, in order. Returns the function that stops following.
 * @internal
 */
export function followHostSessions(
  workspace: Workspace,
  apm: ApmLike,
  onError: (error: unknown) => void,
  Channel: typeof BroadcastChannel = BroadcastChannel,
): () => void {
  /** The product's session id → the workspace's. */
  const mirrored = new Map<string, string>();
  let queue = Promise.resolve();
  const handle = (work: (data: Record<string, unknown>) => Promise<void> | void) => (event: MessageEvent) => {
    const data = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
    queue = queue.then(() => work(data)).catch(onError);
  };

  const switched = async ({ newSessionId }: Record<string, unknown>) => {
    if (typeof newSessionId !== 'string') return;
    const host = apm.getSession(newSessionId);
    const known = mirrored.get(newSessionId);
    if (!host || host.isDefault) return void workspace.focus('home');
    if (known && workspace.sessions.some((session) => session.id === known)) return void workspace.focus(known);
    const conversationId = conversationOf(await host.getContext?.());
    if (!conversationId) return;
    const session = workspace.open({ kind: 'conversation', conversationId, title: host.title });
    mirrored.set(newSessionId, session.id);
  };

  const closed = async ({ sessionId }: Record<string, unknown>) => {
    const local = typeof sessionId === 'string' ? mirrored.get(sessionId) : undefined;
    if (!local) return;
    mirrored.delete(sessionId as string);
    if (workspace.sessions.some((session) => session.id === local)) await workspace.closedByHost(local);
  };

  const channels = [
    listen(Channel, apm.getEventPublisherTopic('ON_SESSION_SWITCH'), handle(switched)),
    listen(Channel, apm.getEventPublisherTopic('ON_SESSION_CLOSED'), handle(closed)),
  ];
  return () => {
    for (const channel of channels) channel.close();
  };
}

function listen(Channel: typeof BroadcastChannel, topic: string, onMessage: (event: MessageEvent) => void) {
  const channel = new Channel(topic);
  channel.onmessage = onMessage;
  return channel;
}

/** `LiveWorkItemId` of a session's context, read either way the product's samples read it. */
function conversationOf(context: ApmSessionContext | undefined): string | undefined {
  const value = context?.parameters?.LiveWorkItemId ?? context?.get?.('LiveWorkItemId');
  return typeof value === 'string' && value ? value : undefined;
}
