import type { CallContext, Transport } from '../http/transport.js';
import { pages } from '../odata/paging.js';
import { closedConversationsRequest, closedState, latestModificationRequest, modifiedSinceRequest } from './queries.js';

/**
 * How far back each check looks before the latest modification it saw: a write stamps
 * `modifiedon` when its transaction starts and may commit later, so a check that trusted the
 * last stamp to the millisecond could miss it.
 */
const overlapMs = 2 * 60_000;

/** Which of a plan's conversations still qualify: closed, and closed before the plan's date. @internal */
export interface ConversationChecks {
  /** True while the conversation is closed and its close date is before the plan's. */
  qualifies(conversationId: string): boolean;
  /** Reads the conversations modified since the last check and updates what {@link qualifies} says. */
  refresh(): Promise<void>;
}

/**
 * Starts the checks of `apply`: reads the service's latest conversation modification (its
 * clock, not the client's), then the conversations that qualify now. Each later
 * {@link ConversationChecks.refresh} reads only the conversations modified since, usually a
 * handful, so a conversation that reopens between two batches keeps its notes.
 * @internal
 */
export async function startChecks(
  send: Transport,
  call: CallContext,
  conversationIds: ReadonlySet<string>,
  closedBefore: Date,
): Promise<ConversationChecks> {
  let watermark = await latestModification(send, call);
  const qualifying = new Set<string>();
  for await (const page of pages<Record<string, unknown>>(send, closedConversationsRequest({}, closedBefore), call)) {
    for (const row of page) {
      const id = String(row.activityid).toLowerCase();
      if (conversationIds.has(id)) qualifying.add(id);
    }
  }
  return {
    qualifies: (id) => qualifying.has(id),
    async refresh() {
      const since = new Date((watermark ?? Date.parse(closedBefore.toISOString())) - overlapMs);
      for await (const page of pages<Record<string, unknown>>(send, modifiedSinceRequest(since), call)) {
        for (const row of page) {
          const modified = Date.parse(String(row.modifiedon));
          if (Number.isFinite(modified)) watermark = Math.max(watermark ?? modified, modified);
          const id = String(row.activityid).toLowerCase();
          if (!conversationIds.has(id)) continue;
          const closedOn = Date.parse(String(row.msdyn_closedon));
          if (row.statecode === closedState && closedOn < closedBefore.getTime()) qualifying.add(id);
          else qualifying.delete(id);
        }
      }
    },
  };
}

/** The latest `modifiedon` of any conversation, in epoch ms; undefined for an org without conversations. */
async function latestModification(send: Transport, call: CallContext): Promise<number | undefined> {
  const { body } = await send(latestModificationRequest(), call);
  const value = (body as { value?: Record<string, unknown>[] } | undefined)?.value?.[0]?.modifiedon;
  const time = Date.parse(String(value));
  return Number.isFinite(time) ? time : undefined;
}
