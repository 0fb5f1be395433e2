import { type ApiContext, type CorrelationIdOrOptions } from './api/call.js';
import { getConversationId } from './api/getConversationId.js';
import { type GetConversationsInput, getConversations, iterateConversations } from './api/getConversations.js';
import { type ConversationLink, linkToConversation, unlinkFromConversation } from './api/linkToConversation.js';
import { openConversation } from './api/openConversation.js';
import { type SentMessage, sendMessageToConversation } from './api/sendMessageToConversation.js';
import {
  type ConnectionOptions,
  type OmnichannelConnection,
  connect,
  connectionContext,
  connectionOptionNames,
  registerConnection,
} from './connection.js';
import { findHostOmnichannel } from './http/host.js';
import { invalidInput } from './http/errors.js';
import { preview } from './odata/literals.js';
import type { ConversationRecord } from './schema/conversation.js';
import type { MessageChannel } from './workspace/channel.js';
import type { RichMessage } from './workspace/messages.js';
import type { WorkspaceSession } from './workspace/session.js';
import { Workspace, type WorkspaceOptions } from './workspace/workspace.js';

/** Options of {@link createOmnichannel}: those of a connection, and the workspace's. */
export interface OmnichannelOptions extends ConnectionOptions {
  /**
   * Who serves the UI-bound methods (`getConversationId`, `openConversation`,
   * `sendMessageToConversation`, and the focused conversation the others default to):
   * `'auto'` delegates to the product's `Microsoft.Omnichannel` when one is reachable on this
   * window, its parent or top (looked up at each call), and uses the built-in workspace
   * otherwise; `'builtin'` always uses the built-in workspace.
   * @default 'auto'
   */
  host?: 'auto' | 'builtin';
  /**
   * Options of the built-in agent workspace (`client.workspace`): sentiment threshold,
   * session limit, close confirmation, persistent-chat workstreams.
   */
  workspace?: WorkspaceOptions;
  /**
   * Carries chat messages outside the product: `sendMessageToConversation(message, false)`
   * sends through it, and the customers' messages it delivers reach `client.workspace`.
   * @default none: sending to a conversation is `Unsupported` outside the product
   */
  messageChannel?: MessageChannel;
}

/**
 * The wiring of a client, for the capabilities an entry adds to it (records, retention).
 * @internal
 */
export function clientContext(client: OmnichannelClient): ApiContext {
  return connectionContext(client) as ApiContext;
}

/** The constructor, which TypeScript keeps private to users: {@link createOmnichannel} is its one caller. */
type ClientConstructor = new (orgUrl: string, webApiUrl: string, api: ApiContext, disposers: (() => void)[]) => OmnichannelClient;

/**
 * An Omnichannel client: the `Microsoft.Omnichannel` methods, typed, over the Web API of one org.
 * Create it with {@link createOmnichannel}. It holds configuration only: calls share no state
 * beyond the token cache.
 */
export class OmnichannelClient implements OmnichannelConnection {
  /** The org URL requests go to, without a trailing slash. */
  readonly orgUrl: string;
  /** The Web API root, e.g. `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
  readonly webApiUrl: string;
  /** The signed-in agent's systemuser id, when known. */
  readonly agentId: string | undefined;
  /**
   * The built-in agent workspace: the sessions the UI-bound methods act on outside the
   * product (and the model a session panel renders).
   */
  readonly workspace: Workspace;
  readonly #api: ApiContext;
  readonly #disposers: (() => void)[];

  // Private: the wiring (`ApiContext`) is internal, so only createOmnichannel may build a client.
  private constructor(orgUrl: string, webApiUrl: string, api: ApiContext, disposers: (() => void)[]) {
    this.orgUrl = orgUrl;
    this.webApiUrl = webApiUrl;
    this.agentId = api.agentId;
    this.workspace = api.workspace;
    this.#api = api;
    this.#disposers = disposers;
  }

  /**
   * Lists an agent's conversations (`msdyn_ocliveworkitem` records), following every page.
   * Mirrors `Microsoft.Omnichannel.getConversations(input, correlationId)`.
   *
   * Sends `GET msdyn_ocliveworkitems?$select=…&$filter=_msdyn_activeagentid_value eq <agentId> …`.
   * Resolves the records as the Web API returns them, annotations included. Bad input rejects
   * with code `InvalidInput` naming the field, and nothing is sent.
   *
   * @param input The documented input, as an object or a JSON string.
   * @param correlationId A correlation id for telemetry, or `{ correlationId?, signal? }`.
   * @example
   * ```ts
   * const waiting = await omnichannel.getConversations({
   *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
   *   attributes: ['msdyn_title', 'msdyn_channel'],
   *   status: [ConversationStatus.Waiting],
   *   orderBy: [{ attributeName: 'createdon', descending: true }],
   * });
   * ```
   */
  getConversations(input: GetConversationsInput | string, correlationId?: CorrelationIdOrOptions): Promise<ConversationRecord[]> {
    return getConversations(this.#api, input, correlationId);
  }

  /**
   * The same query as {@link OmnichannelClient.getConversations}, streamed: yields records as each page arrives,
   * so a caller can show the first page early or stop before the last.
   * @example
   * ```ts
   * for await (const conversation of omnichannel.iterateConversations({ status: [2] })) render(conversation);
   * ```
   */
  iterateConversations(input: GetConversationsInput | string, options?: CorrelationIdOrOptions): AsyncIterable<ConversationRecord> {
    return iterateConversations(this.#api, input, options);
  }

  /**
   * The conversation id of the focused session. Mirrors `Microsoft.Omnichannel.getConversationId()`.
   * Inside the product it asks the host; elsewhere the built-in workspace answers. With Home
   * (or any session without a conversation) focused it rejects with `InvalidState`.
   * @param options `{ correlationId?, signal? }`.
   */
  getConversationId(options?: CorrelationIdOrOptions): Promise<string> {
    return getConversationId(this.#api, options);
  }

  /**
   * Opens a conversation as a session, focused. Mirrors
   * `Microsoft.Omnichannel.openConversation(conversationId, lastsessionId, liveworkstreamId)`.
   *
   * In the built-in workspace it reads the conversation with its linked contact, account and
   * case in one request (`GET msdyn_ocliveworkitems(<id>)?$select=…&$expand=…`) to title the
   * session, and resolves the session; a conversation already open is focused without a
   * request. Inside the product the host opens it and the promise resolves `undefined`.
   * A conversation that does not exist rejects `NotFound`.
   * @param conversationId The conversation (`activityid`).
   * @param lastsessionId Its last session (`msdyn_lastsessionid`); when given it must match.
   * @param liveworkstreamId Its workstream (`msdyn_liveworkstreamid`); when given it must match.
   * @param options `{ correlationId?, signal? }`.
   */
  openConversation(
    conversationId: string,
    lastsessionId?: string,
    liveworkstreamId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<WorkspaceSession | undefined> {
    return openConversation(this.#api, conversationId, lastsessionId, liveworkstreamId, options);
  }

  /**
   * Links a record to an open conversation: an `account` or `contact` becomes its customer
   * (`msdyn_customer`), an `incident` its case (`msdyn_issueid`), replacing the previous one of
   * its kind. Mirrors `Microsoft.Omnichannel.linkToConversation`.
   *
   * Reads the conversation and the record, then sends one `PATCH msdyn_ocliveworkitems(<id>)`
   * binding the navigation property (never retried but on 429). Another table is
   * `InvalidInput` before any request; a closed conversation `InvalidState`; a record or
   * conversation that does not exist `NotFound`. As in the product, the caller refreshes the
   * UI (for example `Microsoft.Apm.refreshTab`).
   * @param entityLogicalName `account`, `contact` or `incident`.
   * @param recordId The record's id.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   * @example
   * ```ts
   * await omnichannel.linkToConversation('incident', caseId);
   * ```
   */
  linkToConversation(
    entityLogicalName: string,
    recordId: string,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<ConversationLink> {
    return linkToConversation(this.#api, entityLogicalName, recordId, conversationId, options);
  }

  /**
   * Unlinks a conversation's customer or case, only when `recordId` is the one linked; any
   * other record rejects `InvalidState` and nothing is written. Mirrors
   * `Microsoft.Omnichannel.unlinkFromConversation`.
   * @param entityLogicalName `account`, `contact` or `incident`.
   * @param recordId The record linked now.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   */
  unlinkFromConversation(
    entityLogicalName: string,
    recordId: string,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<ConversationLink> {
    return unlinkFromConversation(this.#api, entityLogicalName, recordId, conversationId, options);
  }

  /**
   * Puts a message in a conversation's send box, or sends it. Mirrors
   * `Microsoft.Omnichannel.sendMessageToConversation(message, toSendBox, conversationId)`.
   *
   * The conversation must be assigned to the signed-in agent (`_msdyn_activeagentid_value`),
   * else `Forbidden` and nothing happens; this is checked first. `toSendBox` omitted or true
   * puts the text in the session's draft and sends nothing; `false` sends it through the
   * `messageChannel` option (once, never retried), and without one rejects `Unsupported`:
   * the Dataverse Web API cannot deliver a chat message. A rich message of type Forms is
   * `Unsupported`. Inside the product the host does all of it and the promise resolves
   * `undefined`.
   * @param message Text, or a rich message object (`MessageObject`).
   * @param toSendBox True or omitted: the send box; false: send now.
   * @param conversationId The conversation; the focused one when omitted.
   * @param options `{ correlationId?, signal? }`.
   */
  sendMessageToConversation(
    message: string | RichMessage,
    toSendBox?: boolean,
    conversationId?: string,
    options?: CorrelationIdOrOptions,
  ): Promise<SentMessage | undefined> {
    return sendMessageToConversation(this.#api, message, toSendBox, conversationId, options);
  }

  /** Stops what the client listens to (the message channel's incoming messages). Calls still work. */
  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
  }
}

/** Every option's name; `satisfies` makes a new option fail to compile until it is listed. */
// Both calls are marked: esbuild keeps an unmarked argument's call, and with it the list.
const optionNames: readonly string[] = /* @__PURE__ */ connectionOptionNames.concat(
  /* @__PURE__ */ Object.keys({ host: true, workspace: true, messageChannel: true } satisfies Record<
    Exclude<keyof OmnichannelOptions, keyof ConnectionOptions>,
    true
  >),
);

/**
 * Creates a client for one org. Throws `InvalidInput` when an option is malformed, or when
 * there is no `orgUrl` and no `Xrm` to read it from.
 *
 * @example Inside Dynamics 365 (a form script or web resource)
 * Everything comes from `Xrm`.
 * ```ts
 * const omnichannel = createOmnichannel();
 * ```
 * @example A single-page app or Node script with a token
 * ```ts
 * const omnichannel = createOmnichannel({
 *   orgUrl: 'https://contoso.crm.dynamics.com',
 *   getAccessToken: () => msal.acquireTokenSilent(request).then((r) => r.accessToken),
 *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
 * });
 * ```
 */
export function createOmnichannel(options: OmnichannelOptions = {}): OmnichannelClient {
  const { orgUrl, webApiUrl, context } = connect(options, optionNames, 'createOmnichannel');
  const hostMode = options.host ?? 'auto';
  if (hostMode !== 'auto' && hostMode !== 'builtin') throw invalidInput('host', `must be 'auto' or 'builtin', got ${preview(hostMode)}`);
  const channel = options.messageChannel;
  if (channel !== undefined && typeof channel?.send !== 'function') throw invalidInput('messageChannel', 'must have a send function');
  if (options.workspace !== undefined && (typeof options.workspace !== 'object' || options.workspace === null)) {
    throw invalidInput('workspace', 'must be an object of workspace options');
  }
  const workspace = new Workspace({ now: context.now, ...options.workspace });

  const disposers: (() => void)[] = [];
  // The customers' messages reach the workspace as they arrive.
  if (typeof channel?.subscribe === 'function') {
    disposers.push(
      channel.subscribe(({ conversationId, from = 'customer', ...message }) => {
        try {
          workspace.messageArrived(conversationId, { ...message, from });
        } catch {
          // A malformed message from the channel (no GUID, no text) is dropped, not thrown into the channel.
        }
      }),
    );
  }
  const api: ApiContext = { ...context, workspace, host: hostMode === 'auto' ? findHostOmnichannel : () => undefined, channel };
  // No static block to reach the private constructor: a bundler keeps a class with one, and
  // an app that uses only createConnection would then carry the whole client.
  const client = new (OmnichannelClient as unknown as ClientConstructor)(orgUrl, webApiUrl, api, disposers);
  registerConnection(client, api);
  return client;
}
