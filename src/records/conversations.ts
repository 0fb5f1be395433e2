/*
 * One conversation by id, and conversations found by typed filters. The filters become `$filter`
 * clauses of checked GUIDs, whole numbers and dates only; column names are checked identifiers.
 */
import { invalidInput } from '../http/errors.js';
import type { HttpRequest } from '../http/transport.js';
import { guid, identifier } from '../odata/literals.js';
import { allOf, buildQuery, compare } from '../odata/query.js';
import type { ConversationRecord } from '../schema/conversation.js';
import type { AccountRecord, ContactRecord, IncidentRecord, QueueRecord, SystemUserRecord, WorkstreamRecord } from '../schema/core.js';
import type { SessionRecord } from '../schema/session.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { conversationLookups } from '../api/getConversations.js';
import { containsAny, lookupOneOf, oneOf, within } from './filters.js';
import { type DateRange, guidList, numberList, objectInput, rangeInput, wholeNumber } from './input.js';
import { type PagedList, pagedList } from './pagedList.js';

/** Related records `getConversation` can read in the same request (`$expand`). */
export type ConversationExpansion = 'agent' | 'queue' | 'workstream' | 'customer' | 'case' | 'lastSession';

/** The navigation property and columns each expansion reads. */
const expansions: Readonly<Record<ConversationExpansion, readonly string[]>> = {
  agent: ['msdyn_activeagentid_msdyn_ocliveworkitem($select=fullname,internalemailaddress)'],
  queue: ['msdyn_cdsqueueid_msdyn_ocliveworkitem($select=name)'],
  workstream: ['msdyn_liveworkstreamid_msdyn_ocliveworkitem($select=msdyn_name,msdyn_streamsource)'],
  customer: [
    'msdyn_customer_msdyn_ocliveworkitem_contact($select=fullname,emailaddress1,telephone1)',
    'msdyn_customer_msdyn_ocliveworkitem_account($select=name,emailaddress1,telephone1)',
  ],
  case: ['msdyn_IssueId_msdyn_ocliveworkitem($select=title,ticketnumber,statuscode)'],
  lastSession: ['msdyn_lastsessionid_msdyn_ocliveworkitem($select=msdyn_sessioncreatedon,msdyn_sessionclosedon,msdyn_closurereason)'],
};

/**
 * A conversation as `getConversation` reads it: its columns, and the related records asked for
 * under their navigation property names (`null` when the lookup is empty or points elsewhere).
 */
export type ConversationDetails = ConversationRecord & {
  /** The active agent (`expand: ['agent']`). */
  readonly msdyn_activeagentid_msdyn_ocliveworkitem?: SystemUserRecord | null;
  /** The queue (`expand: ['queue']`). */
  readonly msdyn_cdsqueueid_msdyn_ocliveworkitem?: QueueRecord | null;
  /** The workstream (`expand: ['workstream']`). */
  readonly msdyn_liveworkstreamid_msdyn_ocliveworkitem?: WorkstreamRecord | null;
  /** The customer when it is a contact (`expand: ['customer']`). */
  readonly msdyn_customer_msdyn_ocliveworkitem_contact?: ContactRecord | null;
  /** The customer when it is an account (`expand: ['customer']`). */
  readonly msdyn_customer_msdyn_ocliveworkitem_account?: AccountRecord | null;
  /** The linked case (`expand: ['case']`). */
  readonly msdyn_IssueId_msdyn_ocliveworkitem?: IncidentRecord | null;
  /** The last session (`expand: ['lastSession']`). */
  readonly msdyn_lastsessionid_msdyn_ocliveworkitem?: SessionRecord | null;
};

/** What `getConversation` reads besides the conversation's own columns. */
export interface GetConversationInput {
  /** Columns (logical names; a lookup is read as `_<name>_value`). @default every column */
  select?: readonly string[];
  /** Related records to read in the same request. */
  expand?: readonly ConversationExpansion[];
}

/**
 * Reads one conversation: `GET msdyn_ocliveworkitems(<id>)[?$select=…][&$expand=…]`, one request.
 * A conversation that does not exist rejects `NotFound`.
 * @internal
 */
export function getConversation(
  context: ApiContext,
  conversationId: string,
  input: GetConversationInput | undefined,
  options: CallOptions | undefined,
): Promise<ConversationDetails> {
  return withCall('records.getConversation', options, async (call) => {
    const id = guid(conversationId, 'conversationId');
    const given = objectInput(input ?? {}, 'input', ['select', 'expand']);
    const select = given.select === undefined ? [] : columns(given.select, 'input.select');
    const expand = list(given.expand, 'input.expand').flatMap((name, index) => {
      if (typeof name !== 'string' || !Object.hasOwn(expansions, name)) {
        throw invalidInput(`input.expand[${index}]`, `must be one of ${Object.keys(expansions).join(', ')}`);
      }
      return expansions[name as ConversationExpansion];
    });
    const { body } = await context.send({ method: 'GET', url: `${conversationSet}(${id})${buildQuery({ select, expand })}` }, call);
    return body as ConversationDetails;
  });
}

/** One sort key of {@link ConversationQuery.orderBy}. */
export interface ConversationSort {
  /** Column logical name, e.g. `createdon`. */
  column: string;
  /** Newest/largest first. @default false */
  descending?: boolean;
}

/**
 * Typed filters of `findConversations`; every filter given must match (`and`). A filter that
 * takes a list matches any of its values.
 */
export interface ConversationQuery {
  /** The active agent (`_msdyn_activeagentid_value`): a systemuser id or several. */
  agentId?: string | readonly string[];
  /** The queue (`_msdyn_cdsqueueid_value`). */
  queueId?: string | readonly string[];
  /** The workstream (`_msdyn_liveworkstreamid_value`). */
  workstreamId?: string | readonly string[];
  /** Channels (`Channel` values): conversations whose multi-select `msdyn_channel` contains any (`ContainValues`). */
  channel?: number | readonly number[];
  /** Status reasons (`ConversationStatus` values, `statuscode`). */
  status?: number | readonly number[];
  /** Created (`createdon`) from `from` (included) to `to` (excluded). */
  created?: DateRange;
  /** Closed (`msdyn_closedon`) from `from` to `to`; open conversations never match. */
  closed?: DateRange;
  /**
   * Customer sentiment at or below this `SentimentLabel` (7 very negative … 13 very positive);
   * conversations without sentiment (N/A, 0) never match.
   */
  sentimentAtOrBelow?: number;
  /** The linked case (`_msdyn_issueid_value`). */
  caseId?: string;
  /** The linked customer, a contact or an account (`_msdyn_customer_value`). */
  customerId?: string;
  /**
   * Columns to return (logical names; lookups are read as `_<name>_value`).
   * @default activityid, subject, msdyn_title, statecode, statuscode, msdyn_channel, the agent, queue, workstream, customer and case, msdyn_customersentimentlabel, createdon, msdyn_closedon
   */
  select?: readonly string[];
  /** Sort order. @default newest first (`createdon desc`) */
  orderBy?: readonly ConversationSort[];
  /** Records per page (`Prefer: odata.maxpagesize`), 1 to 5000. @default 5000 */
  pageSize?: number;
}

const queryKeys = /* @__PURE__ */ Object.keys({
  agentId: 0,
  queueId: 0,
  workstreamId: 0,
  channel: 0,
  status: 0,
  created: 0,
  closed: 0,
  sentimentAtOrBelow: 0,
  caseId: 0,
  customerId: 0,
  select: 0,
  orderBy: 0,
  pageSize: 0,
} satisfies Record<keyof ConversationQuery, 0>);

/** Columns `findConversations` returns unless `select` says otherwise. */
const listColumns = [
  'activityid',
  'subject',
  'msdyn_title',
  'statecode',
  'statuscode',
  'msdyn_channel',
  '_msdyn_activeagentid_value',
  '_msdyn_cdsqueueid_value',
  '_msdyn_liveworkstreamid_value',
  '_msdyn_customer_value',
  '_msdyn_issueid_value',
  'msdyn_customersentimentlabel',
  'createdon',
  'msdyn_closedon',
];

/** `SentimentLabel` VeryNegative … VeryPositive; 0 (N/A) is no sentiment. */
const sentimentValues: ReadonlySet<number> = new Set([7, 8, 9, 10, 11, 12, 13]);

/**
 * Validates a query and builds its request. Throws `InvalidInput` naming the field; sends nothing.
 * @internal
 */
export function buildFindConversationsRequest(query: unknown): HttpRequest {
  const q = objectInput(query ?? {}, 'query', queryKeys);
  const filter: string[] = [];
  const lookups = [
    ['agentId', 'msdyn_activeagentid'],
    ['queueId', 'msdyn_cdsqueueid'],
    ['workstreamId', 'msdyn_liveworkstreamid'],
    ['caseId', 'msdyn_issueid'],
    ['customerId', 'msdyn_customer'],
  ] as const;
  for (const [key, column] of lookups) if (q[key] !== undefined) filter.push(lookupOneOf(column, guidList(q[key], `query.${key}`)));
  if (q.channel !== undefined) filter.push(containsAny('msdyn_channel', numberList(q.channel, 'query.channel')));
  if (q.status !== undefined) filter.push(oneOf('statuscode', 'statuscode', numberList(q.status, 'query.status')));
  filter.push(...within('createdon', rangeInput(q.created, 'query.created'), 'query.created'));
  filter.push(...within('msdyn_closedon', rangeInput(q.closed, 'query.closed'), 'query.closed'));
  if (q.sentimentAtOrBelow !== undefined) {
    const [label] = numberList(q.sentimentAtOrBelow, 'query.sentimentAtOrBelow', sentimentValues);
    filter.push(compare('msdyn_customersentimentlabel', 'ge', '7'), compare('msdyn_customersentimentlabel', 'le', String(label)));
  }
  const select = q.select === undefined ? listColumns : columns(q.select, 'query.select');
  const orderBy = q.orderBy === undefined ? ['createdon desc'] : sortKeys(q.orderBy);
  const maxPageSize = wholeNumber(q.pageSize, 'query.pageSize', 1, 5000, 5000);
  return { method: 'GET', url: conversationSet + buildQuery({ select, filter: allOf(filter), orderBy }), maxPageSize };
}

/**
 * Finds conversations, page by page: `GET msdyn_ocliveworkitems?$select=…&$filter=…&$orderby=…`,
 * one request per page.
 * @internal
 */
export function findConversations(
  context: ApiContext,
  query: ConversationQuery | undefined,
  options: CallOptions | undefined,
): PagedList<ConversationRecord> {
  return pagedList<ConversationRecord>(context, 'records.findConversations', options, () => buildFindConversationsRequest(query));
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidInput(field, 'must be an array');
  return value;
}

/** Column names checked as identifiers, lower-cased, lookups as `_<name>_value`. */
function columns(value: unknown, field: string): string[] {
  return list(value, field).map((name, index) => columnName(name, `${field}[${index}]`));
}

function columnName(name: unknown, field: string): string {
  const lower = identifier(name, field).toLowerCase();
  return conversationLookups.has(lower) ? `_${lower}_value` : lower;
}

function sortKeys(value: unknown): string[] {
  return list(value, 'query.orderBy').map((item, index) => {
    const field = `query.orderBy[${index}]`;
    const sort = objectInput(item, field, ['column', 'descending']);
    if (sort.descending !== undefined && typeof sort.descending !== 'boolean')
      throw invalidInput(`${field}.descending`, 'must be true or false');
    const name = columnName(sort.column, `${field}.column`);
    return sort.descending ? `${name} desc` : name;
  });
}
