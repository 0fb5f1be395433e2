/**
 * The chat messages of the emulated org's conversations: what an agent sent through the message
 * channel and what customers (the simulation, or a test) wrote. Not Dataverse: the product keeps
 * live messages in its chat service, so the emulator keeps them beside the tables, bounded.
 */

/** A chat message of a conversation, as the emulator keeps it. */
export interface ConversationMessage {
  /** Order of arrival in the org, from 1. */
  readonly seq: number;
  /** The conversation (`msdyn_ocliveworkitem` activityid). */
  readonly conversationId: string;
  /** The text (a rich message as its JSON). */
  readonly text: string;
  /** Who wrote it. */
  readonly from: 'agent' | 'customer' | 'bot' | 'system';
  /** The sender's display name, when known. */
  readonly sender?: string;
  /** When it arrived, ISO-8601. */
  readonly at: string;
}

/** A message to post: the log gives it its `seq` and time. */
export type NewConversationMessage = Omit<ConversationMessage, 'seq' | 'at'>;

/** The org's chat messages (`org.messages`). */
export interface ConversationMessages {
  /** Every message kept, oldest first (the newest 10,000). */
  readonly all: readonly ConversationMessage[];
  /** Adds a message and tells the listeners. */
  post(message: NewConversationMessage): ConversationMessage;
  /** The messages after `seq`, oldest first, optionally of one conversation. */
  after(seq: number, conversationId?: string): ConversationMessage[];
  /** Calls `listener` with each message posted from now on; returns the function that stops it. */
  on(listener: (message: ConversationMessage) => void): () => void;
}

/** Most messages an org keeps: a demo left running for days must not grow without end. */
export const messageLogLimit = 10_000;

/** @internal */
export function createMessageLog(clock: () => Date): ConversationMessages {
  const all: ConversationMessage[] = [];
  const listeners = new Set<(message: ConversationMessage) => void>();
  let seq = 0;
  return {
    all,
    post(message) {
      const posted: ConversationMessage = Object.freeze({
        ...message,
        conversationId: message.conversationId.toLowerCase(),
        seq: ++seq,
        at: clock().toISOString(),
      });
      all.push(posted);
      if (all.length > messageLogLimit) all.splice(0, all.length - messageLogLimit);
      for (const listener of [...listeners]) listener(posted);
      return posted;
    },
    after(after, conversationId) {
      const id = conversationId?.toLowerCase();
      return all.filter((message) => message.seq > after && (id === undefined || message.conversationId === id));
    },
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
