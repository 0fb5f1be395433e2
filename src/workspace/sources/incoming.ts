import type { ApiContext } from '../../api/call.js';
import { conversationSet } from '../../api/conversation.js';
import type { CallContext } from '../../http/transport.js';
import { dateLiteral } from '../../odata/literals.js';
import { allOf, buildQuery, compare } from '../../odata/query.js';
import type { ConversationRecord } from '../../schema/conversation.js';
import type { Workspace } from '../workspace.js';

/** `statuscode` Open: routed to the agent, not yet accepted. */
const offeredStatus = 1;
/** Read again after a poll, so a write landing as the previous poll ran is not missed. */
const overlapMs = 60_000;

/** What names an offered conversation's notification: its customer. */
export const customerNames = [
  'msdyn_customer_msdyn_ocliveworkitem_contact($select=fullname)',
  'msdyn_customer_msdyn_ocliveworkitem_account($select=name)',
];

/**
 * One poll of the agent's incoming work: conversations assigned to the agent and still Open
 * (routed, not accepted) that changed since the previous poll, in one request. Each one the
 * workspace neither shows nor offers yet becomes a notification to accept or reject.
 * @internal
 */
export function incomingWorkPoll(context: ApiContext, workspace: Workspace, agentId: string): (call: CallContext) => Promise<void> {
  let since: number | undefined;
  return async (call) => {
    const started = context.now();
    const filter = [
      compare('_msdyn_activeagentid_value', 'eq', agentId),
      compare('statecode', 'eq', '0'),
      compare('statuscode', 'eq', String(offeredStatus)),
    ];
    if (since !== undefined) filter.push(compare('modifiedon', 'ge', dateLiteral(new Date(since - overlapMs), 'since')));
    const query = buildQuery({
      select: ['activityid', 'msdyn_title', 'subject', 'msdyn_channel'],
      filter: allOf(filter),
      expand: customerNames,
    });
    const { body } = await context.send({ method: 'GET', url: conversationSet + query }, call);
    since = started;
    for (const conversation of (body as { value: ConversationRecord[] }).value) {
      const id = String(conversation.activityid);
      if (workspace.sessionOf(id) || workspace.notifications.some((item) => item.conversationId === id)) continue;
      const record = conversation as Record<string, unknown>;
      const customer =
        (record.msdyn_customer_msdyn_ocliveworkitem_contact as { fullname?: string } | null)?.fullname ??
        (record.msdyn_customer_msdyn_ocliveworkitem_account as { name?: string } | null)?.name;
      const channel = record['msdyn_channel@OData.Community.Display.V1.FormattedValue'];
      workspace.notify({
        conversationId: id,
        title: customer ?? undefined,
        details: {
          subject: String(conversation.msdyn_title ?? conversation.subject ?? ''),
          ...(typeof channel === 'string' ? { channel } : {}),
        },
      });
    }
  };
}
