import { type ActionOptions, type FunctionParameterValue, executeAction, executeFunction } from './actions.js';
import type { ApiContext, CallOptions } from './call.js';
import {
  type AgentPresence,
  type AvailabilityContextItem,
  type DeliveryTask,
  type ProactiveDelivery,
  type ProactiveDeliveryInput,
  type RepresentativeAvailability,
  cancelDeliveryTask,
  createProactiveDelivery,
  getAvailabilityBeforeConversation,
  getAvailabilityForConversation,
  getDeliveryTasks,
  getPresence,
  modifyPresence,
} from './contactCenter.js';

/**
 * Dataverse actions and functions (`client.actions`): the Contact Center messages Microsoft
 * documents, typed, and any other message of the conversation table (`CCaaS_*`) by name.
 * An action is a POST and is never repeated but on 429 (the service rejected it unexecuted);
 * a function is a GET.
 */
export interface Actions {
  /**
   * Calls an action: `POST <name>` with `parameters` as the JSON body, or, with
   * `options.conversationId`, the action bound to that conversation
   * (`POST msdyn_ocliveworkitems(<id>)/Microsoft.Dynamics.CRM.<name>`). The name must be an
   * identifier (letters, digits, `_`). Resolves the response body (`undefined` for 204).
   * @example
   * ```ts
   * await omnichannel.actions.executeAction('CCaaS_CancelDeliveryTask', { ApiVersion: '1.0', DeliveryTaskId: taskId });
   * ```
   */
  executeAction(name: string, parameters?: object, options?: ActionOptions): Promise<unknown>;

  /**
   * Calls a function: `GET <name>(P1=@p1,…)?@p1=<literal>&…`, each parameter a safe literal in
   * an alias (see {@link FunctionParameterValue}), or bound to a conversation with
   * `options.conversationId`. A URL over 32 KB travels as a GET inside `$batch`; one over 64 KB
   * is refused (`InvalidInput`, field `parameters`) before any request. Resolves the response body.
   * @example
   * ```ts
   * const tasks = await omnichannel.actions.executeFunction('CCaaS_GetDeliveryTasks', { DeliveryTaskId: taskId });
   * ```
   */
  executeFunction(name: string, parameters?: Readonly<Record<string, FunctionParameterValue>>, options?: ActionOptions): Promise<unknown>;

  /**
   * An agent's presence: `GET CCaaS_GetPresence` with `MSCRMCallerID: <agentId>`.
   * @param agentId The agent (`systemuserid`). @default the client's signed-in agent
   */
  getPresence(agentId?: string, options?: CallOptions): Promise<AgentPresence>;

  /**
   * Sets an agent's presence: `POST CCaaS_ModifyAgentPresence` (the Omnichannel Supervisor role).
   * `callerId` sets `MSCRMCallerID`.
   */
  modifyPresence(input: { agentId: string; presenceId: string; callerId?: string }, options?: CallOptions): Promise<void>;

  /** Queue, position and wait of a conversation: `POST CCaaS_GetRepresentativeAvailabilityForConversation`. */
  getAvailabilityForConversation(
    input: { conversationId: string; context?: Readonly<Record<string, AvailabilityContextItem>> },
    options?: CallOptions,
  ): Promise<RepresentativeAvailability>;

  /** Availability before a conversation starts: `POST CCaaS_GetRepresentativeAvailabilityBeforeConversation`. */
  getAvailabilityBeforeConversation(
    input: { workstreamId: string; context?: Readonly<Record<string, AvailabilityContextItem>>; channelContext?: Readonly<Record<string, string>> },
    options?: CallOptions,
  ): Promise<RepresentativeAvailability>;

  /** Reaches one to five contacts through a proactive engagement: `POST CCaaS_CreateProactiveDelivery`, sent once. */
  createProactiveDelivery(input: ProactiveDeliveryInput, options?: CallOptions): Promise<ProactiveDelivery>;

  /** Cancels a delivery task's pending and future attempts: `POST CCaaS_CancelDeliveryTask`. */
  cancelDeliveryTask(deliveryTaskId: string, options?: CallOptions): Promise<void>;

  /** A delivery task and its deliveries: `GET CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)`. */
  getDeliveryTasks(deliveryTaskId: string, options?: CallOptions): Promise<DeliveryTask[]>;
}

/** Creates a client's actions. @internal */
export function createActions(context: ApiContext, webApiUrl: string): Actions {
  return {
    executeAction: (name, parameters, options) => executeAction(context, name, parameters, options),
    executeFunction: (name, parameters, options) => executeFunction(context, webApiUrl, name, parameters, options),
    getPresence: (agentId, options) => getPresence(context, webApiUrl, agentId, options),
    modifyPresence: (input, options) => modifyPresence(context, input, options),
    getAvailabilityForConversation: (input, options) => getAvailabilityForConversation(context, input, options),
    getAvailabilityBeforeConversation: (input, options) => getAvailabilityBeforeConversation(context, input, options),
    createProactiveDelivery: (input, options) => createProactiveDelivery(context, input, options),
    cancelDeliveryTask: (deliveryTaskId, options) => cancelDeliveryTask(context, deliveryTaskId, options),
    getDeliveryTasks: (deliveryTaskId, options) => getDeliveryTasks(context, webApiUrl, deliveryTaskId, options),
  };
}
