import type { RichMessage } from './messages.js';

/** What a message channel is told about the SDK call that sends through it. */
export interface ChannelCall {
  /** The SDK call's correlation id, for the channel's own telemetry. */
  correlationId: string;
  /** Cancels the send. */
  signal?: AbortSignal;
}

/** A customer's message as a channel delivers it to the SDK. */
export interface IncomingMessage {
  /** The conversation it belongs to. */
  conversationId: string;
  /** The text (a rich reply as its JSON). */
  text: string;
  /** The sender's display name, when known. */
  sender?: string;
  /** When it was sent, ISO-8601. */
  at?: string;
  /** Who wrote it. @default 'customer' */
  from?: 'customer' | 'bot' | 'system';
}

/**
 * Carries chat messages between the agent and customers. The Dataverse Web API cannot deliver
 * a chat message, so outside the product `sendMessageToConversation(message, false)` needs one
 * (`createOmnichannel({ messageChannel })`); the testing kit ships one backed by the emulator.
 */
export interface MessageChannel {
  /**
   * Sends the agent's message to the conversation's customer. Called once per send: it is
   * never retried, so a channel that retries must make its sends idempotent itself.
   */
  send(conversationId: string, message: string | RichMessage, call: ChannelCall): Promise<void>;
  /**
   * Delivers the customers' messages to `listener` until the returned function is called.
   * The client subscribes once and feeds them to its workspace (`messageArrived`).
   */
  subscribe?(listener: (message: IncomingMessage) => void): () => void;
}
