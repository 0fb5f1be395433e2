import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import type { WorkspaceSession } from './session.js';
import { conversationSet, readConversation, requireOpen } from '../api/conversation.js';
import { openConversation } from '../api/openConversation.js';
import { OmnichannelError, type OmnichannelErrorCode, invalidInput, isOmnichannelError } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { guid } from '../odata/literals.js';
import { startPoller, type Poller } from './sources/poll.js';
import { customerNames, incomingWorkPoll } from './sources/incoming.js';
import { pollSentiment } from '../records/sentimentPoller.js';
import { objectInput } from '../records/input.js';
import { emit } from '../http/telemetry.js';
import { type ApmLike, findApm, followHostSessions } from './sources/host.js';

/** Options of {@link LiveWorkspace.start}. */
export interface LiveWorkspaceOptions {
  /**
   * Milliseconds between polls of incoming work and of sentiment (each source sends one
   * request per interval however many sessions are open).
   * @default 10000
   */
  intervalMs?: number;
  /** Stops the sources. */
  signal?: AbortSignal;
  /**
   * The presence (`msdyn_presence` id) to set when the agent accepts a conversation, through
   * `CCaaS_ModifyAgentPresence`; nothing is sent without one, and an org without the action
   * (404, 501) is not an error.
   */
  presenceOnAccept?: string;
  /** Feed sentiment to the workspace. @default true */
  sentiment?: boolean;
  /**
   * Offer the agent's incoming work as notifications.
   * @default true outside the product; false when following the host, whose own notifications offer the work
   */
  incoming?: boolean;
  /**
   * Follow the product's sessions through `Microsoft.Apm`'s session events (switch, close), so
   * the workspace mirrors the Customer Service workspace: `true` finds `Microsoft.Apm` on this
   * window, its parent or the top window; an object is the `Microsoft.Apm` to follow.
   * @default true when `Microsoft.Apm` and `BroadcastChannel` are found
   */
  host?: boolean | ApmLike;
}

/** Running sources; `stop()` ends them and releases the workspace. */
export interface LiveWorkspaceSession {
  /** Stops polling and removes the workspace's accept and close hooks. */
  stop(): void;
}

/** The live side of the workspace (`omnichannel.live`): sources that feed it and the writes its changes make. */
export interface LiveWorkspace {
  /**
   * Starts feeding the client's workspace outside the product: incoming work as notifications
   * (accepting one makes the conversation Active, opens and focuses its session, and sets the
   * presence if configured; rejecting leaves it for routing), sentiment of the open
   * conversations, and (through the message channel) customers' messages. Closing a persistent
   * chat's session moves the conversation to Waiting; ending it closes the conversation; both
   * write once and are refused for a conversation of another agent.
   */
  start(options?: LiveWorkspaceOptions): LiveWorkspaceSession;
  /**
   * Picks an Open work item (a conversation waiting in a queue): assigns it to the signed-in
   * agent and makes it Active in one PATCH, then opens and focuses its session, as the product's
   * Pick does. A conversation already the agent's opens without a write; one assigned to another
   * agent, or not open, is `InvalidState` and nothing is written.
   */
  pick(conversationId: string, options?: CallOptions): Promise<WorkspaceSession | undefined>;
}

/** `statuscode` Open: in a queue, not yet accepted. */
const Open = 1;
/** `statuscode` values the live workspace writes. */
const Active = 2;
const Waiting = 3;
const Closed = 4;

/** Creates a client's live workspace. @internal */
export function createLiveWorkspace(context: ApiContext): LiveWorkspace {
  return {
    start(options = {}) {
      objectInput(options, 'options', ['intervalMs', 'signal', 'presenceOnAccept', 'sentiment', 'incoming', 'host']);
      const intervalMs = options.intervalMs ?? 10_000;
      if (!Number.isFinite(intervalMs) || intervalMs < 1000) throw invalidInput('intervalMs', 'must be at least 1000 ms');
      const presence = options.presenceOnAccept === undefined ? undefined : guid(options.presenceOnAccept, 'presenceOnAccept');
      const { workspace } = context;
      const agent = () => {
        if (!context.agentId)
          throw new OmnichannelError('InvalidState', 'The live workspace needs the signed-in agent: give createOmnichannel an agentId.');
        return context.agentId;
      };
      agent();
      const apm = typeof options.host === 'object' && options.host !== null ? options.host : options.host === false ? undefined : findApm();
      if (options.host === true && !apm)
        throw new OmnichannelError('InvalidState', 'host: no Microsoft.Apm (or no BroadcastChannel) on this page.');

      const hooks = [
        workspace.intercept('accept', ({ notification }) =>
          withCall('acceptConversation', undefined, (call) => accept(context, call, notification.conversationId, agent(), presence)),
        ),
        workspace.intercept('close', ({ session, outcome, byHost }) =>
          outcome === 'closed' || byHost || !session.conversationId
            ? undefined
            : withCall('closeConversation', undefined, (call) => leave(context, call, session.conversationId!, agent(), outcome)),
        ),
      ];
      const controller = new AbortController();
      const pollers: Poller[] = [];
      /** A source's failure, as telemetry: nobody awaits a source. */
      const reportFailure = (operation: string, otherwise: OmnichannelErrorCode) => (error: unknown) =>
        emit(context.onTelemetry, {
          type: 'failure',
          operation,
          correlationId: isOmnichannelError(error) ? (error.correlationId ?? '') : '',
          errorCode: isOmnichannelError(error) ? error.code : otherwise,
        });
      if (apm) hooks.push(followHostSessions(workspace, apm, reportFailure('followHostSessions', 'HostError')));
      if (options.incoming ?? !apm) {
        pollers.push(
          startPoller(context, 'pollIncomingWork', incomingWorkPoll(context, workspace, agent()), {
            intervalMs,
            signal: controller.signal,
          }),
        );
      }
      if (options.sentiment !== false) {
        // The records' sentiment monitor, watching the open conversation sessions: one poller for both.
        pollSentiment(context, {
          intervalMs,
          signal: controller.signal,
          conversationIds: () => workspace.sessions.flatMap((session) => (session.conversationId ? [session.conversationId] : [])),
          onChange: (reading) => workspace.sentimentChanged(reading.conversationId, reading.label),
        }).catch(reportFailure('pollSentiment', 'NetworkError'));
      }

      const stop = () => {
        controller.abort();
        for (const poller of pollers) poller.stop();
        for (const remove of hooks.splice(0)) remove();
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      if (options.signal?.aborted) stop();
      return { stop };
    },

    pick(conversationId, options) {
      return withCall('pickConversation', options, async (call) => {
        const id = guid(conversationId, 'conversationId');
        const agentId = context.agentId;
        if (!agentId) throw new OmnichannelError('InvalidState', 'Picking needs the signed-in agent: give createOmnichannel an agentId.');
        const conversation = await readConversation(context, call, id, ['statecode', 'statuscode', '_msdyn_activeagentid_value']);
        requireOpen(conversation, id, 'pick');
        const assignee = conversation._msdyn_activeagentid_value;
        if (assignee && assignee !== agentId)
          throw new OmnichannelError('InvalidState', `Conversation ${id} is assigned to another agent.`);
        if (!assignee || conversation.statuscode === Open) {
          const body = { 'msdyn_activeagentid_msdyn_ocliveworkitem@odata.bind': `/systemusers(${agentId})`, statuscode: Active };
          await context.send({ method: 'PATCH', url: `${conversationSet}(${id})`, body }, call);
        }
        return openConversation(context, id, undefined, undefined, call);
      });
    },
  };
}

/**
 * Accepts an offered conversation: re-read (it may have been withdrawn or reassigned since the
 * notification), one PATCH to Active, then the presence when one is configured.
 */
async function accept(context: ApiContext, call: CallContext, conversationId: string, agentId: string, presence: string | undefined) {
  const conversation = await readConversation(
    context,
    call,
    conversationId,
    ['statecode', 'statuscode', '_msdyn_activeagentid_value'],
    customerNames,
  );
  if (conversation._msdyn_activeagentid_value !== agentId || conversation.statecode !== 0 || conversation.statuscode !== 1) {
    const pending = context.workspace.notifications.find((item) => item.conversationId === conversationId);
    if (pending) queueMicrotask(() => context.workspace.withdraw(pending.id));
    throw new OmnichannelError('InvalidState', `Conversation ${conversationId} is no longer offered to this agent.`);
  }
  await context.send(
    { method: 'PATCH', url: `${conversationSet}(${conversationId})`, body: { statuscode: Active, msdyn_isagentaccepted: true } },
    call,
  );
  if (presence) await setPresence(context, call, agentId, presence);
  const record = conversation as Record<string, unknown>;
  const title =
    (record.msdyn_customer_msdyn_ocliveworkitem_contact as { fullname?: string } | null)?.fullname ??
    (record.msdyn_customer_msdyn_ocliveworkitem_account as { name?: string } | null)?.name;
  return title ? { title } : undefined;
}

/** `CCaaS_ModifyAgentPresence`, where the org has it: an org without the action is not an error. */
async function setPresence(context: ApiContext, call: CallContext, agentId: string, presenceId: string) {
  try {
    await context.send(
      { method: 'POST', url: 'CCaaS_ModifyAgentPresence', body: { ApiVersion: '1.0', AgentId: agentId, PresenceId: presenceId } },
      call,
    );
  } catch (error) {
    if (isOmnichannelError(error) && (error.status === 404 || error.status === 501)) return;
    throw error;
  }
}

/** Persistent chat: closing leaves the conversation Waiting, ending closes it; only the agent's own. */
async function leave(context: ApiContext, call: CallContext, conversationId: string, agentId: string, outcome: 'waiting' | 'ended') {
  const conversation = await readConversation(context, call, conversationId, ['_msdyn_activeagentid_value', 'statecode']);
  if (conversation._msdyn_activeagentid_value !== agentId) {
    throw new OmnichannelError('Forbidden', `Conversation ${conversationId} is assigned to another agent; only its agent can close it.`);
  }
  const body = outcome === 'waiting' ? { statuscode: Waiting } : { statecode: 1, statuscode: Closed };
  await context.send({ method: 'PATCH', url: `${conversationSet}(${conversationId})`, body }, call);
}
