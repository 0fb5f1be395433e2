import { OmnichannelError } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { guid } from '../odata/literals.js';
import { buildQuery } from '../odata/query.js';
import type { ConversationRecord } from '../schema/conversation.js';
import type { ApiContext } from './call.js';
import { callHost } from './host.js';

/** The conversation table's entity set; a string here so the smallest bundle carries no table description. */
export const conversationSet = 'msdyn_ocliveworkitems';

/** `statecode` Open: the only state in which a conversation can be linked, unlinked or messaged. */
const openState = 0;

/**
 * The conversation a method acts on: the id given (a GUID), or when none is given, the focused
 * session's (the host's `getConversationId()` inside the product, the built-in workspace's
 * otherwise). Home focused is `InvalidState`.
 * @internal
 */
export async function conversationOrFocused(context: ApiContext, call: CallContext, given: unknown, field: string): Promise<string> {
  if (given !== undefined && given !== null && given !== '') return guid(given, field);
  const host = context.host();
  if (host) return guid(await callHost(context, call, host, 'getConversationId', []), 'the host’s focused conversation id');
  const { conversationId, title } = context.workspace.focused;
  if (!conversationId) {
    throw new OmnichannelError('InvalidState', `${field} not given, and the focused session (${title}) has no conversation`, {
      field,
    });
  }
  return conversationId;
}

/**
 * Reads one conversation's columns (`GET msdyn_ocliveworkitems(<id>)?$select=…[&$expand=…]`).
 * A conversation that does not exist rejects `NotFound`.
 * @internal
 */
export async function readConversation(
  context: ApiContext,
  call: CallContext,
  conversationId: string,
  select: readonly string[],
  expand?: readonly string[],
): Promise<ConversationRecord> {
  const { body } = await context.send({ method: 'GET', url: `${conversationSet}(${conversationId})${buildQuery({ select, expand })}` }, call);
  return body as ConversationRecord;
}

/** Refuses a conversation that is not open (closed, resolved, scheduled) with `InvalidState`. @internal */
export function requireOpen(conversation: ConversationRecord, conversationId: string, action: string): void {
  if (conversation.statecode !== openState) {
    const status = conversation['statuscode@OData.Community.Display.V1.FormattedValue'] ?? `statecode ${String(conversation.statecode)}`;
    throw new OmnichannelError('InvalidState', `Cannot ${action} conversation ${conversationId}: it is ${String(status)}, not open`);
  }
}
