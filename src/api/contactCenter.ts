/**
 * Typed wrappers of the Contact Center messages Microsoft documents with their parameters
 * (learn `dynamics365/contact-center/extend/api/…`): presence, representative availability,
 * proactive deliveries and their cancellation. Each sends `ApiVersion: "1.0"`. Where the
 * samples pass a list or an object as a JSON string (`Contacts`, `Windows`, `CustomContextItems`,
 * `ChannelEngagementContext`), so do these (UNCONFIRMED: the tables describe them as arrays).
 */
import { OmnichannelError, invalidInput } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { guid } from '../odata/literals.js';
import { buildActionRequest, callerHeaders, responseObject, sendFunction } from './actions.js';
import { type ApiContext, type CallOptions, withCall } from './call.js';

/** An agent's presence, as `CCaaS_GetPresence` answers it. */
export interface AgentPresence {
  /** The agent (`systemuserid`). */
  AgentId: string;
  /** The agent's name. */
  AgentName?: string;
  /** The current presence (`msdyn_presence` id); see `ModifyAgentPresence`. */
  PresenceId: string;
  /** The presence's text, e.g. `Available`. */
  CurrentPresenceStatusInfo?: string;
  /** Browser sessions the agent has open. */
  ActiveBrowserSessions?: number;
  /** When the agent signed in, in epoch seconds. */
  Timestamp?: number;
  /** Channels the agent may take work from. */
  AllowedChannels?: string[];
  /** Channels turned off for the agent. */
  DisabledChannels?: string[];
}

/** A custom context item of an availability request: its value and whether an agent sees it. */
export interface AvailabilityContextItem {
  /** Text or a whole number. */
  value: string | number;
  /** Shown to the agent. @default false */
  isDisplayable?: boolean;
}

/** What the representative-availability messages answer. */
export interface RepresentativeAvailability {
  /** The queue the conversation routes to. */
  QueueId?: string;
  /** Whether the queue is within its operating hours. */
  IsQueueAvailable?: boolean;
  /** Start of the queue's next operating hours (`0001-01-01…` while within them). */
  StartTimeOfNextOperatingHour?: string;
  /** End of the queue's next operating hours. */
  EndTimeOfNextOperatingHour?: string;
  /** When the queue's availability next changes. */
  NextTransitionTime?: string;
  /** The conversation's position in the queue. */
  PositionInQueue?: number;
  /** Whether a representative is available. */
  IsAgentAvailable?: boolean;
  /** Average wait, in minutes. */
  AverageWaitTime?: number;
  /** Average wait, in seconds. */
  AverageWaitTimeInSeconds?: number;
  /** Representatives available in the queue. */
  NumberOfExpertsAvailableInQueue?: number;
}

/** A contact window of a proactive delivery, in UTC. */
export interface DeliveryWindow {
  /** Start (sent as `yyyy-MM-ddTHH:mm:ss.fffZ`). */
  start: Date;
  /** End. */
  end: Date;
}

/** A contact of `CCaaS_CreateProactiveDelivery`. */
export interface ProactiveContact {
  /** Your id of the contact. */
  uniqueIdentifier: string;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Mobile phone (E.164). */
  mobilePhoneNumber: string;
  /** Business phone. */
  businessPhoneNumber?: string;
  /** Home phone. */
  homePhoneNumber?: string;
  /** Email. */
  email?: string;
  /** Postal code. */
  postalcode?: string;
  /** State. */
  state?: string;
  /** Country. */
  country?: string;
  /** Address line. */
  addressline?: string;
  /** City. */
  city?: string;
  /** Time zone. */
  timezone?: string;
  /** Values the engagement's journey reads. */
  inputAttributes?: Readonly<Record<string, string>>;
}

/** The input of `createProactiveDelivery`. */
export interface ProactiveDeliveryInput {
  /** The proactive engagement configuration (`ProactiveEngagementConfigId`). */
  engagementConfigId: string;
  /** One to five contacts (`Contacts`). */
  contacts: readonly ProactiveContact[];
  /** Your id of the request (`RequestId`), to recognise a repeat. */
  requestId?: string;
  /** `Priority`. */
  priority?: string;
  /** When the contacts may be reached (`Windows`). @default the next 24 hours */
  windows?: readonly DeliveryWindow[];
  /** SMS text that replaces the template (`Message`). */
  message?: string;
}

/** What `CCaaS_CreateProactiveDelivery` answers. */
export interface ProactiveDelivery {
  /** The first delivery (`DeliveryId`). */
  DeliveryId?: string;
  /** The delivery task (`DeliveryTaskId`), which `getDeliveryTasks` and `cancelDeliveryTask` take. */
  DeliveryTaskId?: string;
}

/** A delivery task, as `CCaaS_GetDeliveryTasks` answers it (`expando`: more keys may come). */
export interface DeliveryTask {
  /** The task. */
  deliveryTaskId?: string;
  /** E.g. `Pending`, `Expired`, `Cancelled`. */
  status?: string;
  /** Attempts so far. */
  retryCount?: number;
  /** Its deliveries. */
  deliveries?: { id?: string; status?: string; result?: string }[];
  /** Anything else the service sends. */
  [key: string]: unknown;
}

const apiVersion = '1.0';

/** `{"name":{"value":…,"isDisplayable":…,"datatype":"192350000"|"192350001"}}` as a JSON string (Text or Integer). */
function contextItems(items: Readonly<Record<string, AvailabilityContextItem>> | undefined, field: string): string | undefined {
  if (items === undefined) return undefined;
  if (typeof items !== 'object' || items === null || Array.isArray(items)) throw invalidInput(field, 'must be an object of { value, isDisplayable? }');
  const entries = Object.entries(items).map(([name, item]) => {
    const value = (item as AvailabilityContextItem | undefined)?.value;
    const integer = typeof value === 'number';
    if (!(typeof value === 'string' || (integer && Number.isSafeInteger(value)))) throw invalidInput(`${field}.${name}.value`, 'must be text or a whole number');
    return [name, { value, isDisplayable: item.isDisplayable === true, datatype: integer ? '192350001' : '192350000' }];
  });
  return JSON.stringify(Object.fromEntries(entries));
}

function text(value: unknown, field: string, max = 4000): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw invalidInput(field, `must be a non-empty string of at most ${max} characters`);
  return value;
}

function post(context: ApiContext, call: CallContext, name: string, body: object, callerId?: string) {
  const request = buildActionRequest(name, body);
  return context.send({ ...request, headers: callerHeaders(callerId) }, call);
}

/**
 * `GET CCaaS_GetPresence` with `MSCRMCallerID: <agentId>`: the agent's presence.
 * @internal
 */
export function getPresence(context: ApiContext, webApiUrl: string, agentId: string | undefined, options?: CallOptions): Promise<AgentPresence> {
  return withCall('getPresence', options, async (call) => {
    const agent = agentId ?? context.agentId;
    if (agent === undefined) throw invalidInput('agentId', "is required (the agent's systemuser id), and the client has no signed-in agent");
    const { body } = await sendFunction(context, webApiUrl, { method: 'GET', url: 'CCaaS_GetPresence', headers: callerHeaders(agent, 'agentId') }, call);
    return responseObject(body, 'CCaaS_GetPresence', call) as unknown as AgentPresence;
  });
}

/**
 * `POST CCaaS_ModifyAgentPresence`: sets an agent's presence (a supervisor's right). Sent once.
 * @internal
 */
export function modifyPresence(
  context: ApiContext,
  input: { agentId: string; presenceId: string; callerId?: string },
  options?: CallOptions,
): Promise<void> {
  return withCall('modifyPresence', options, async (call) => {
    const body = { ApiVersion: apiVersion, AgentId: guid(input?.agentId, 'input.agentId'), PresenceId: guid(input?.presenceId, 'input.presenceId') };
    const callerId = input.callerId === undefined ? undefined : guid(input.callerId, 'input.callerId');
    await post(context, call, 'CCaaS_ModifyAgentPresence', body, callerId);
  });
}

/**
 * `POST CCaaS_GetRepresentativeAvailabilityForConversation`: the queue, position and wait of a
 * conversation.
 * @internal
 */
export function getAvailabilityForConversation(
  context: ApiContext,
  input: { conversationId: string; context?: Readonly<Record<string, AvailabilityContextItem>> },
  options?: CallOptions,
): Promise<RepresentativeAvailability> {
  return withCall('getAvailabilityForConversation', options, async (call) => {
    const items = contextItems(input?.context, 'input.context');
    const body = { ApiVersion: apiVersion, ConversationId: guid(input?.conversationId, 'input.conversationId'), ...(items ? { CustomContextItems: items } : {}) };
    const response = await post(context, call, 'CCaaS_GetRepresentativeAvailabilityForConversation', body);
    return responseObject(response.body, 'CCaaS_GetRepresentativeAvailabilityForConversation', call) as RepresentativeAvailability;
  });
}

/**
 * `POST CCaaS_GetRepresentativeAvailabilityBeforeConversation`: availability for a workstream
 * before a conversation starts.
 * @internal
 */
export function getAvailabilityBeforeConversation(
  context: ApiContext,
  input: {
    workstreamId: string;
    context?: Readonly<Record<string, AvailabilityContextItem>>;
    channelContext?: Readonly<Record<string, string>>;
  },
  options?: CallOptions,
): Promise<RepresentativeAvailability> {
  return withCall('getAvailabilityBeforeConversation', options, async (call) => {
    const items = contextItems(input?.context, 'input.context');
    const channel = input?.channelContext;
    if (channel !== undefined && (typeof channel !== 'object' || channel === null || Object.values(channel).some((value) => typeof value !== 'string'))) {
      throw invalidInput('input.channelContext', 'must be an object of strings (msdyn_browser, msdyn_city…)');
    }
    const body = {
      ApiVersion: apiVersion,
      LiveWorkStreamId: guid(input?.workstreamId, 'input.workstreamId'),
      ...(items ? { CustomContextItems: items } : {}),
      ...(channel ? { ChannelEngagementContext: JSON.stringify(channel) } : {}),
    };
    const response = await post(context, call, 'CCaaS_GetRepresentativeAvailabilityBeforeConversation', body);
    return responseObject(response.body, 'CCaaS_GetRepresentativeAvailabilityBeforeConversation', call) as RepresentativeAvailability;
  });
}

/**
 * `POST CCaaS_CreateProactiveDelivery`: reaches up to five contacts through a proactive
 * engagement. Sent once (never repeated but on 429): a repeat would contact them twice.
 * @internal
 */
export function createProactiveDelivery(context: ApiContext, input: ProactiveDeliveryInput, options?: CallOptions): Promise<ProactiveDelivery> {
  return withCall('createProactiveDelivery', options, async (call) => {
    const contacts = input?.contacts;
    if (!Array.isArray(contacts) || contacts.length < 1 || contacts.length > 5) throw invalidInput('input.contacts', 'must list 1 to 5 contacts');
    contacts.forEach((contact: ProactiveContact, index) => {
      for (const key of ['uniqueIdentifier', 'firstName', 'lastName', 'mobilePhoneNumber'] as const) text(contact?.[key], `input.contacts[${index}].${key}`, 200);
    });
    const windows = input.windows?.map((window, index) => {
      for (const key of ['start', 'end'] as const) {
        if (!(window?.[key] instanceof Date) || Number.isNaN(window[key].getTime())) throw invalidInput(`input.windows[${index}].${key}`, 'must be a valid Date');
      }
      return { Start: window.start.toISOString(), End: window.end.toISOString() };
    });
    const body = {
      ApiVersion: apiVersion,
      ProactiveEngagementConfigId: guid(input.engagementConfigId, 'input.engagementConfigId'),
      Contacts: JSON.stringify(contacts),
      ...(input.requestId === undefined ? {} : { RequestId: text(input.requestId, 'input.requestId', 200) }),
      ...(input.priority === undefined ? {} : { Priority: text(input.priority, 'input.priority', 100) }),
      ...(windows ? { Windows: JSON.stringify(windows) } : {}),
      ...(input.message === undefined ? {} : { Message: text(input.message, 'input.message') }),
    };
    const response = await post(context, call, 'CCaaS_CreateProactiveDelivery', body);
    return responseObject(response.body, 'CCaaS_CreateProactiveDelivery', call) as ProactiveDelivery;
  });
}

/**
 * `POST CCaaS_CancelDeliveryTask`: cancels every pending and future attempt of a delivery task.
 * @internal
 */
export function cancelDeliveryTask(context: ApiContext, deliveryTaskId: string, options?: CallOptions): Promise<void> {
  return withCall('cancelDeliveryTask', options, async (call) => {
    await post(context, call, 'CCaaS_CancelDeliveryTask', { ApiVersion: apiVersion, DeliveryTaskId: guid(deliveryTaskId, 'deliveryTaskId') });
  });
}

/**
 * `GET CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)?@p1=<id>`: a delivery task and its deliveries.
 * @internal
 */
export function getDeliveryTasks(context: ApiContext, webApiUrl: string, deliveryTaskId: string, options?: CallOptions): Promise<DeliveryTask[]> {
  return withCall('getDeliveryTasks', options, async (call) => {
    const id = guid(deliveryTaskId, 'deliveryTaskId');
    const { body } = await sendFunction(context, webApiUrl, { method: 'GET', url: `CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)?@p1=${id}` }, call);
    const value = responseObject(body, 'CCaaS_GetDeliveryTasks', call).value;
    if (!Array.isArray(value)) throw new OmnichannelError('InvalidResponse', 'CCaaS_GetDeliveryTasks answered without a value array', { correlationId: call.correlationId });
    return value as DeliveryTask[];
  });
}
