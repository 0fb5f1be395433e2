/** The public shape of a seeded org: the ids tests and the demo address it by. */

/** A seeded record: its id and display name. */
export interface SeedRef {
  /** The record's GUID. */
  id: string;
  /** Its display name (a case's title). */
  name: string;
}

/** A seeded conversation: its id, status reason (`ConversationStatus`) and channel (`Channel`). */
export interface SeedConversation {
  /** The conversation's `activityid`. */
  id: string;
  /** Its `statuscode` (`ConversationStatus`). */
  status: number;
  /** Its channel (`Channel`). */
  channel: number;
}

/** The well-known ids of a seeded org, for tests and the demo. */
export interface SeedData {
  /** Agents (`systemuser`); the first is the signed-in user. */
  agents: SeedRef[];
  /** The agent the SDK runs as ("the current user"): `agents[0]`. */
  signedInAgentId: string;
  /** The supervisor (`systemuser`), who monitors one conversation. */
  supervisorId: string;
  /** Queues (`queue`): Billing, Technical support, VIP. */
  queues: SeedRef[];
  /** Workstreams (`msdyn_liveworkstream`), one per channel. */
  workstreams: Array<SeedRef & { channel: number }>;
  /** Accounts (`account`), the customers' companies. */
  accounts: SeedRef[];
  /** Contacts, each with its parent account. */
  contacts: Array<SeedRef & { accountId: string }>;
  /** Cases (`incident`); `name` is the title. */
  incidents: SeedRef[];
  /** The Copilot Studio bot (`bot`) that fronts live chat. */
  botId: string;
  /** Conversations (`msdyn_ocliveworkitem`) in creation order. */
  conversations: SeedConversation[];
  /** The signed-in agent's first Waiting conversation. */
  waitingConversationId: string;
  /** The signed-in agent's first Active conversation (bot-escalated, monitored by the supervisor). */
  activeConversationId: string;
  /** The signed-in agent's Wrap-up conversation (has a transcript and a screenshot attachment). */
  wrapUpConversationId: string;
  /** The signed-in agent's first Closed conversation. */
  closedConversationId: string;
  /** A closed conversation with two sessions: transferred between two agents. */
  transferredConversationId: string;
  /** A closed conversation with a transcript and a file attachment (= `closedConversationId`). */
  conversationWithTranscriptId: string;
  /** Its `msdyn_transcript` row. */
  transcriptId: string;
  /** Its attachment note (`annotation` on the conversation) holding `invoice-1042.pdf`. */
  attachmentNoteId: string;
  /** A closed conversation whose transcript is in Japanese, with emoji and combining marks, and carries a photo and a text file. */
  internationalConversationId: string;
  /** A closed conversation whose transcript note wraps its messages in an object (`{ conversationId, messages }`) and carries a Word document. */
  wrappedTranscriptConversationId: string;
  /** A closed conversation whose transcript note holds its JSON encoded twice (a JSON string), with a CSV file and a voice message. */
  doubleEncodedTranscriptConversationId: string;
  /** A closed conversation (the customer left the bot) without a transcript. */
  noTranscriptConversationId: string;
  /** The photo the Japanese-speaking customer sent (`配達伝票.jpg`, 48,213 bytes of `image/jpeg`). */
  photoNoteId: string;
  /** A second bot (`bot`), "Contoso billing assistant". */
  billingBotId: string;
  /** The ongoing conversations (`msdyn_liveconversation`): one per open conversation, with its id and sentiment. */
  liveConversationIds: string[];
  /** An ongoing conversation whose customer sentiment is Very negative. */
  veryNegativeConversationId: string;
}
