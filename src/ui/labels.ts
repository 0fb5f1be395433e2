/**
 * Every word the panel shows or says to a screen reader, in one place so a host can give them
 * in the agent's language. Session titles, tooltips and notification details come from the
 * workspace as they are.
 */
export interface SessionPanelLabels {
  /** The name of the panel's landmark and of its session list. @default 'Sessions' */
  sessions: string;
  /** The name of the collapse/expand button; `aria-expanded` tells its state. @default 'Session panel' */
  toggle: string;
  /** The toggle's hover text when the panel is expanded. @default 'Collapse' */
  collapse: string;
  /** The toggle's hover text when the panel is collapsed. @default 'Expand' */
  expand: string;
  /** Added to a session's accessible name when it has unread messages. @default `${count} unread` */
  unread: (count: number) => string;
  /** Added to a session's accessible name when its sentiment alert is on. @default 'needs urgent attention' */
  alert: string;
  /** The accessible name of a session's close button. @default `Close ${title}` */
  close: (title: string) => string;
  /** The visible text of a persistent chat's End button. @default 'End' */
  end: string;
  /** The accessible name of a persistent chat's End button. @default `End ${title}` */
  endSession: (title: string) => string;
  /** The caption of an incoming notification, and its name when it has no title. @default 'Incoming conversation' */
  incoming: string;
  /** What a screen reader announces when a notification arrives. @default `Incoming conversation: ${title}` */
  announceIncoming: (title: string | undefined) => string;
  /** The name of the incoming-notification list. @default 'Incoming conversations' */
  notifications: string;
  /** The Accept button of a notification. @default 'Accept' */
  accept: string;
  /** The Reject button of a notification. @default 'Reject' */
  reject: string;
  /** The heading of the close confirmation. @default 'Close session?' */
  confirmCloseTitle: string;
  /** The question of the close confirmation. @default `Close the session of ${title}?` */
  confirmClose: (title: string) => string;
  /** The heading of the end confirmation (persistent chat). @default 'End conversation?' */
  confirmEndTitle: string;
  /** The question of the end confirmation. @default `End the conversation with ${title}? When the customer comes back, a new chat starts without this one's history.` */
  confirmEnd: (title: string) => string;
  /** The confirmation's button that closes. @default 'Close session' */
  confirmCloseButton: string;
  /** The confirmation's button that ends. @default 'End conversation' */
  confirmEndButton: string;
  /** The confirmation's button that keeps the session. @default 'Cancel' */
  cancel: string;
}

/** The panel's English text (the product's wording where it has one). */
export const defaultSessionPanelLabels: Readonly<SessionPanelLabels> = /* @__PURE__ */ Object.freeze({
  sessions: 'Sessions',
  toggle: 'Session panel',
  collapse: 'Collapse',
  expand: 'Expand',
  unread: (count: number) => `${count} unread`,
  alert: 'needs urgent attention',
  close: (title: string) => `Close ${title}`,
  end: 'End',
  endSession: (title: string) => `End ${title}`,
  incoming: 'Incoming conversation',
  announceIncoming: (title: string | undefined) => (title ? `Incoming conversation: ${title}` : 'Incoming conversation'),
  notifications: 'Incoming conversations',
  accept: 'Accept',
  reject: 'Reject',
  confirmCloseTitle: 'Close session?',
  confirmClose: (title: string) => `Close the session of ${title}?`,
  confirmEndTitle: 'End conversation?',
  confirmEnd: (title: string) =>
    `End the conversation with ${title}? When the customer comes back, a new chat starts without this one's history.`,
  confirmCloseButton: 'Close session',
  confirmEndButton: 'End conversation',
  cancel: 'Cancel',
});
