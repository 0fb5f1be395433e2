import { invalidInput } from '../http/errors.js';
import { abortedError } from '../http/retry.js';
import { guid } from '../odata/literals.js';
import type { WorkspaceSession } from '../workspace/session.js';
import { type ApiContext, type CorrelationIdOrOptions, withCall } from './call.js';
import { readConversation } from './conversation.js';
import { callHost } from './host.js';

/** The single-valued navigation properties that name a conversation's session. */
const titleSources = [
  ['msdyn_customer_msdyn_ocliveworkitem_contact', 'fullname'],
  ['msdyn_customer_msdyn_ocliveworkitem_account', 'name'],
  ['msdyn_IssueId_msdyn_ocliveworkitem', 'title'],
] as const;

/**
 * Opens a conversation as a session, focused. Mirrors
 * `Microsoft.Omnichannel.openConversation(conversationId, lastsessionId, liveworkstreamId)`.
 * @internal
 */
export function openConversation(
  context: ApiContext,
  conversationId: string,
  lastsessionId: string | undefined,
  liveworkstreamId: string | undefined,
  options: CorrelationIdOrOptions,
): Promise<WorkspaceSession | undefined> {
  return withCall('openConversation', options, async (call) => {
    const id = guid(conversationId, 'conversationId');
    const lastSession = optionalGuid(lastsessionId, 'lastsessionId');
    const workstream = optionalGuid(liveworkstreamId, 'liveworkstreamId');
    const host = context.host();
    if (host) {
      await callHost(context, call, host, 'openConversation', [id, lastSession, workstream]);
      return undefined;
    }
    const { workspace } = context;
    const open = workspace.sessionOf(id);
    if (open) return workspace.focus(open.id);

    // One request: the conversation and the names its session is titled with.
    const conversation = await readConversation(
      context,
      call,
      id,
      ['activityid', '_msdyn_liveworkstreamid_value', '_msdyn_lastsessionid_value'],
      titleSources.map(([navigation, column]) => `${navigation}($select=${column})`),
    );
    if (workstream !== undefined && conversation._msdyn_liveworkstreamid_value !== workstream) {
      throw invalidInput('liveworkstreamId', `is not the workstream of conversation ${id}`);
    }
    if (lastSession !== undefined && conversation._msdyn_lastsessionid_value !== lastSession) {
      throw invalidInput('lastsessionId', `is not the last session of conversation ${id}`);
    }
    if (call.signal?.aborted) throw abortedError(call.signal, call.correlationId);
    const record = conversation as Record<string, unknown>;
    const title = titleSources
      .map(([navigation, column]) => (record[navigation] as Record<string, unknown> | null | undefined)?.[column])
      .find((name): name is string => typeof name === 'string' && name.trim() !== '');
    const workstreamOf = conversation._msdyn_liveworkstreamid_value ?? undefined;
    return workspace.open({ kind: 'conversation', conversationId: id, title, persistent: workspace.isPersistentChat(workstreamOf) });
  });
}

/** An optional GUID argument: undefined, null or '' mean not given. */
function optionalGuid(value: unknown, field: string): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : guid(value, field);
}
