/**
 * The Contact Center messages the emulator answers: those Microsoft documents with their
 * parameters (presence, representative availability, proactive deliveries). The other
 * `CCaaS_*` messages of the conversation table are known by name and answered 501.
 */
import type { RequestContext } from '../context.js';
import { ErrorCodes, ODataError, badRequest, recordNotFound } from '../errors.js';
import { isGuid } from '../guid.js';
import { parseInstant } from '../filter/instant.js';
import { json } from '../responses.js';
import type { StoredRow } from '../store.js';
import { availablePresenceId, type DeliveryTaskState, presences } from './state.js';

/** What a message is given: the JSON body of an action, the parameters of a function. */
export interface MessageInput {
  body: Record<string, unknown>;
  parameters: ReadonlyMap<string, string | number | boolean | null>;
}

/** A documented message: its kind (action: POST; function: GET) and its answer. */
export interface ContactCenterMessage {
  kind: 'action' | 'function';
  answer(context: RequestContext, input: MessageInput): Response;
}

/** The `CCaaS_*` messages of the conversation table, which Microsoft lists without parameters: 501. */
export const undocumentedMessages: ReadonlySet<string> = new Set([
  'CCaaS_AcceptConversation',
  'CCaaS_AgentEndConversation',
  'CCaaS_AssignConversation',
  'CCaaS_CloseConsult',
  'CCaaS_ConversationTimeout',
  'CCaaS_EndSecondaryChannel',
  'CCaaS_EndSession',
  'CCaaS_ForceCloseConversation',
  'CCaaS_GetAgentsForConsultAndTransfer',
  'CCaaS_GetClientLWIContext',
  'CCaaS_InitiateAgentConsult',
  'CCaaS_InitiateAgentConsultExternal',
  'CCaaS_InitiateAgentTransfer',
  'CCaaS_InitiateAgentTransferBySupervisor',
  'CCaaS_InitiateAgentTransferExternal',
  'CCaaS_InitiateQueueAssignment',
  'CCaaS_InitiateQueueTransfer',
  'CCaaS_JoinConversation',
  'CCaaS_LeavePublicConsult',
  'CCaaS_MonitorConversation',
  'CCaaS_PickConversation',
  'CCaaS_RaiseSecondaryChannelEvent',
  'CCaaS_RejectConversation',
  'CCaaS_RejoinConversation',
  'CCaaS_StartSecondaryChannel',
  'CCaaS_CreateProactiveVoiceDelivery',
  'CCaaS_CreateProactiveSMSDelivery',
  'CCaaS_CreateSimpleProactiveDelivery',
  'CCaaS_CreateProactiveBulkDelivery',
  'CCaaS_CreateProactiveBulkDeliveryV2',
  'CCaaS_CreateOperation',
]);

const never = '0001-01-01T00:00:00Z';

function answer(context: RequestContext, name: string, body: object): Response {
  return json(context.org, { '@odata.context': `${context.base}$metadata#Microsoft.Dynamics.CRM.${name}Response`, ...body });
}

/** `ApiVersion` must be "1.0", as each documented action says. */
function requireApiVersion(body: Record<string, unknown>): void {
  if (body.ApiVersion !== '1.0') throw badRequest(`ApiVersion must be "1.0", got ${JSON.stringify(body.ApiVersion) ?? 'nothing'}.`);
}

function guidParameter(value: unknown, name: string): string {
  if (!isGuid(value)) throw badRequest(`${name} must be a GUID.`);
  return value.toLowerCase();
}

function presenceOf(context: RequestContext, agentId: string): string {
  return context.org.contactCenter.presence.get(agentId) ?? availablePresenceId;
}

function rowsOf(context: RequestContext, table: string): Iterable<StoredRow> {
  return context.store.rows(context.store.table(table));
}

/**
 * Availability of a queue, from the org's data: position among the queue's conversations
 * waiting for assignment (status Open), available agents among those who worked the queue,
 * and the queue's average first wait.
 */
function availability(context: RequestContext, queueId: string | null, conversation: StoredRow | undefined): Record<string, unknown> {
  const inQueue =
    queueId === null ? [] : [...rowsOf(context, 'msdyn_ocliveworkitem')].filter((row) => row._msdyn_cdsqueueid_value === queueId);
  const waiting = inQueue.filter((row) => row.statuscode === 1);
  const position = conversation
    ? conversation.statuscode === 1
      ? 1 + waiting.filter((row) => String(row.createdon) < String(conversation.createdon)).length
      : 0
    : waiting.length + 1;
  const agents = new Set(inQueue.map((row) => row._msdyn_activeagentid_value).filter((id): id is string => typeof id === 'string'));
  const available = [...agents].filter((agent) => presenceOf(context, agent) === availablePresenceId).length;
  const waits = inQueue
    .map((row) => row.msdyn_conversationfirstwaittimeinseconds)
    .filter((value): value is number => typeof value === 'number');
  const seconds = waits.length === 0 ? 0 : Math.round(waits.reduce((sum, value) => sum + value, 0) / waits.length);
  return {
    QueueId: queueId,
    IsQueueAvailable: queueId !== null,
    StartTimeOfNextOperatingHour: never,
    EndTimeOfNextOperatingHour: never,
    NextTransitionTime: never,
    PositionInQueue: position,
    IsAgentAvailable: available > 0,
    AverageWaitTime: Math.round(seconds / 60),
    AverageWaitTimeInSeconds: seconds,
    NumberOfExpertsAvailableInQueue: available,
  };
}

/** A JSON-string parameter (as the samples send it) or the value itself. */
function jsonParameter(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`${name} is not valid JSON.`);
  }
}

function task(context: RequestContext, id: string): DeliveryTaskState {
  const found = context.org.contactCenter.tasks.get(id);
  if (!found) throw new ODataError(404, ErrorCodes.RecordNotFound, `Delivery task ${id} does not exist.`);
  return found;
}

/** The documented messages by name. */
export const documentedMessages: Readonly<Record<string, ContactCenterMessage>> = {
  CCaaS_GetPresence: {
    kind: 'function',
    answer(context) {
      const header = context.headers.get('mscrmcallerid');
      const agentId = header === null ? context.org.currentUserId() : guidParameter(header.replace(/^\{|\}$/g, ''), 'MSCRMCallerID');
      if (!agentId) throw new ODataError(401, '0x80040220', 'No caller: send MSCRMCallerID or set emulator.currentUserId.');
      const agent = context.store.find('systemuser', agentId);
      if (!agent) throw recordNotFound('systemuser', agentId);
      const presenceId = presenceOf(context, agentId);
      return answer(context, 'CCaaS_GetPresence', {
        ActiveBrowserSessions: 1,
        AgentId: agentId,
        AgentName: agent.fullname ?? null,
        Timestamp: Math.floor(Date.parse(String(agent.createdon ?? context.org.clock().toISOString())) / 1000),
        AllowedChannels: ['LiveChat', 'SMS', 'MicrosoftTeams', 'Voice'],
        CurrentPresenceStatusInfo: presences[presenceId],
        DisabledChannels: [],
        PresenceId: presenceId,
      });
    },
  },
  CCaaS_ModifyAgentPresence: {
    kind: 'action',
    answer(context, { body }) {
      requireApiVersion(body);
      const agentId = guidParameter(body.AgentId, 'AgentId');
      const presenceId = guidParameter(body.PresenceId, 'PresenceId');
      if (!context.store.find('systemuser', agentId)) throw recordNotFound('systemuser', agentId);
      if (presences[presenceId] === undefined) throw badRequest(`PresenceId ${presenceId} is not a presence of this org.`);
      context.org.contactCenter.presence.set(agentId, presenceId);
      return answer(context, 'CCaaS_ModifyAgentPresence', {});
    },
  },
  CCaaS_GetRepresentativeAvailabilityForConversation: {
    kind: 'action',
    answer(context, { body }) {
      requireApiVersion(body);
      const id = guidParameter(body.ConversationId, 'ConversationId');
      if (body.CustomContextItems !== undefined) jsonParameter(body.CustomContextItems, 'CustomContextItems');
      const conversation = context.store.find('msdyn_ocliveworkitem', id);
      if (!conversation) throw recordNotFound('msdyn_ocliveworkitem', id);
      const queueId = (conversation._msdyn_cdsqueueid_value as string | null | undefined) ?? null;
      return answer(context, 'CCaaS_GetRepresentativeAvailabilityForConversation', availability(context, queueId, conversation));
    },
  },
  CCaaS_GetRepresentativeAvailabilityBeforeConversation: {
    kind: 'action',
    answer(context, { body }) {
      requireApiVersion(body);
      const id = guidParameter(body.LiveWorkStreamId, 'LiveWorkStreamId');
      for (const name of ['CustomContextItems', 'ChannelEngagementContext']) if (body[name] !== undefined) jsonParameter(body[name], name);
      if (!context.store.find('msdyn_liveworkstream', id)) throw recordNotFound('msdyn_liveworkstream', id);
      // The queue the workstream's conversations went to most: the emulator has no routing rules.
      const counts = new Map<string, number>();
      for (const row of rowsOf(context, 'msdyn_ocliveworkitem')) {
        const queue = row._msdyn_cdsqueueid_value;
        if (row._msdyn_liveworkstreamid_value === id && typeof queue === 'string') counts.set(queue, (counts.get(queue) ?? 0) + 1);
      }
      const queueId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      return answer(context, 'CCaaS_GetRepresentativeAvailabilityBeforeConversation', availability(context, queueId, undefined));
    },
  },
  CCaaS_CreateProactiveDelivery: {
    kind: 'action',
    answer(context, { body }) {
      requireApiVersion(body);
      const configId = guidParameter(body.ProactiveEngagementConfigId, 'ProactiveEngagementConfigId');
      const contacts = jsonParameter(body.Contacts, 'Contacts');
      if (!Array.isArray(contacts) || contacts.length < 1 || contacts.length > 5) throw badRequest('Contacts must list 1 to 5 contacts.');
      contacts.forEach((contact: Record<string, unknown> | null, index) => {
        for (const key of ['uniqueIdentifier', 'firstName', 'lastName', 'mobilePhoneNumber']) {
          if (typeof contact?.[key] !== 'string' || contact[key] === '') throw badRequest(`Contacts[${index}].${key} is required.`);
        }
      });
      if (body.Windows !== undefined) {
        const windows = jsonParameter(body.Windows, 'Windows');
        const valid =
          Array.isArray(windows) &&
          windows.every((window: Record<string, unknown> | null) =>
            ['Start', 'End'].every((key) => !Number.isNaN(parseInstant(String(window?.[key])))),
          );
        if (!valid) throw badRequest('Windows must be a list of { Start, End } UTC dates.');
      }
      const taskId = context.org.newResponseId();
      const deliveries = contacts.map(() => ({ id: context.org.newResponseId(), status: 'Pending' as const, result: null }));
      context.org.contactCenter.tasks.set(taskId, {
        deliveryTaskId: taskId,
        proactiveEngagementConfigId: configId,
        requestId: typeof body.RequestId === 'string' ? body.RequestId : null,
        status: 'Pending',
        whenCreated: context.org.clock().toISOString(),
        contactIds: contacts.map((contact: Record<string, unknown>) => String(contact.uniqueIdentifier)),
        deliveries,
      });
      return answer(context, 'CCaaS_CreateProactiveDelivery', { DeliveryId: deliveries[0]!.id, DeliveryTaskId: taskId });
    },
  },
  CCaaS_CancelDeliveryTask: {
    kind: 'action',
    answer(context, { body }) {
      requireApiVersion(body);
      const found = task(context, guidParameter(body.DeliveryTaskId, 'DeliveryTaskId'));
      found.status = 'Cancelled';
      for (const delivery of found.deliveries) {
        if (delivery.status === 'Pending') Object.assign(delivery, { status: 'Cancelled', result: 'Cancelled' });
      }
      return answer(context, 'CCaaS_CancelDeliveryTask', {});
    },
  },
  CCaaS_GetDeliveryTasks: {
    kind: 'function',
    answer(context, { parameters }) {
      const found = task(context, guidParameter(parameters.get('DeliveryTaskId'), 'DeliveryTaskId'));
      return answer(context, 'CCaaS_GetDeliveryTasks', {
        value: [
          {
            ...found,
            retryCount: 0,
            maxRetryCount: 0,
            fallbackAttempted: false,
            customerReached: false,
            callbackAttemptCount: 0,
            deliveries: found.deliveries.map((delivery) => ({ ...delivery })),
          },
        ],
      });
    },
  },
};
