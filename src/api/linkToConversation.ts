import { OmnichannelError, invalidInput } from '../http/errors.js';
import type { CallContext } from '../http/transport.js';
import { guid } from '../odata/literals.js';
import { type ApiContext, type CorrelationIdOrOptions, withCall } from './call.js';
import { conversationOrFocused, conversationSet, readConversation, requireOpen } from './conversation.js';

interface LinkTarget {
  lookup: '_msdyn_customer_value' | '_msdyn_issueid_value';
  navigation: string;
  set: string;
  key: string;
  role: 'customer' | 'case';
}

/** What links a record of each table to a conversation: its lookup and the navigation property written. */
const linkTargets: Readonly<Record<LinkableTable, LinkTarget>> = {
  account: { lookup: '_msdyn_customer_value', navigation: 'msdyn_customer_msdyn_ocliveworkitem_account', set: 'accounts', key: 'accountid', role: 'customer' },
  contact: { lookup: '_msdyn_customer_value', navigation: 'msdyn_customer_msdyn_ocliveworkitem_contact', set: 'contacts', key: 'contactid', role: 'customer' },
  incident: { lookup: '_msdyn_issueid_value', navigation: 'msdyn_IssueId_msdyn_ocliveworkitem', set: 'incidents', key: 'incidentid', role: 'case' },
};

/** A table `linkToConversation` links: `account` or `contact` (the customer), `incident` (the case). */
export type LinkableTable = 'account' | 'contact' | 'incident';

/** What `linkToConversation` and `unlinkFromConversation` resolve with. */
export interface ConversationLink {
  /** The conversation linked or unlinked. */
  conversationId: string;
  /** The table of the record: `account`, `contact` or `incident`. */
  entityLogicalName: LinkableTable;
  /** The record. */
  recordId: string;
  /** On a link: the record of the same kind it replaced, if one was linked. */
  replaced?: { entityLogicalName: string; recordId: string };
}

const lookupTable = '@Microsoft.Dynamics.CRM.lookuplogicalname';

/**
 * Links an account or contact (the conversation's customer, `msdyn_customer`) or an incident
 * (its case, `msdyn_issueid`) to an open conversation with one PATCH that binds the
 * navigation property. Mirrors `Microsoft.Omnichannel.linkToConversation`.
 * @internal
 */
export function linkToConversation(
  context: ApiContext,
  entityLogicalName: string,
  recordId: string,
  conversationId: string | undefined,
  options: CorrelationIdOrOptions,
): Promise<ConversationLink> {
  return withCall('linkToConversation', options, async (call) => {
    const { table, target, id } = linkInput(entityLogicalName, recordId);
    const conversation = await conversationOrFocused(context, call, conversationId, 'conversationId');
    const [record] = await Promise.all([readLinks(context, call, conversation), requireRecord(context, call, target, id)]);
    requireOpen(record, conversation, 'link a record to');
    const current = record[target.lookup] as string | null | undefined;
    const currentTable = ((record as Record<string, unknown>)[`${target.lookup}${lookupTable}`] as string | undefined) ?? (target.role === 'case' ? 'incident' : undefined);
    await context.send({ method: 'PATCH', url: `${conversationSet}(${conversation})`, body: { [`${target.navigation}@odata.bind`]: `/${target.set}(${id})` } }, call);
    const replaced = current && !(current === id && currentTable === table) ? { entityLogicalName: currentTable ?? 'unknown', recordId: current } : undefined;
    return { conversationId: conversation, entityLogicalName: table, recordId: id, ...(replaced ? { replaced } : {}) };
  });
}

/**
 * Clears the conversation's customer or case when `recordId` is the one linked; any other
 * record is `InvalidState` and nothing is written. Mirrors `Microsoft.Omnichannel.unlinkFromConversation`.
 * @internal
 */
export function unlinkFromConversation(
  context: ApiContext,
  entityLogicalName: string,
  recordId: string,
  conversationId: string | undefined,
  options: CorrelationIdOrOptions,
): Promise<ConversationLink> {
  return withCall('unlinkFromConversation', options, async (call) => {
    const { table, target, id } = linkInput(entityLogicalName, recordId);
    const conversation = await conversationOrFocused(context, call, conversationId, 'conversationId');
    const record = await readLinks(context, call, conversation);
    requireOpen(record, conversation, 'unlink a record from');
    const linked = record[target.lookup];
    const linkedTable = target.role === 'case' ? 'incident' : (record as Record<string, unknown>)[`${target.lookup}${lookupTable}`];
    if (linked !== id || linkedTable !== table) {
      throw new OmnichannelError('InvalidState', `${table} ${id} is not the ${target.role} linked to conversation ${conversation}`);
    }
    await context.send({ method: 'PATCH', url: `${conversationSet}(${conversation})`, body: { [`${target.navigation}@odata.bind`]: null } }, call);
    return { conversationId: conversation, entityLogicalName: table, recordId: id };
  });
}

/** Checks the table and the record id before anything is sent. */
function linkInput(entityLogicalName: unknown, recordId: unknown) {
  const table = typeof entityLogicalName === 'string' ? entityLogicalName.trim().toLowerCase() : entityLogicalName;
  if (typeof table !== 'string' || !Object.hasOwn(linkTargets, table)) {
    throw invalidInput('entityLogicalName', `must be account, contact or incident, got ${JSON.stringify(entityLogicalName)}`);
  }
  return { table: table as LinkableTable, target: linkTargets[table as LinkableTable], id: guid(recordId, 'recordId') };
}

/** The conversation's state and its current customer and case. */
function readLinks(context: ApiContext, call: CallContext, conversationId: string) {
  return readConversation(context, call, conversationId, ['statecode', 'statuscode', '_msdyn_customer_value', '_msdyn_issueid_value']);
}

/** A record that does not exist is `NotFound` (Dataverse's message names it), before anything is written. */
async function requireRecord(context: ApiContext, call: CallContext, target: LinkTarget, id: string): Promise<void> {
  await context.send({ method: 'GET', url: `${target.set}(${id})?$select=${target.key}` }, call);
}
