import { OmnichannelError, invalidInput, stampCorrelation } from '../http/errors.js';
import type { HttpRequest } from '../http/transport.js';
import { dateLiteral, earliestDataverseDate, guid, identifier, preview } from '../odata/literals.js';
import { collectPages, pages, records } from '../odata/paging.js';
import type { ConversationRecord } from '../schema/conversation.js';
import { conversationSet } from './conversation.js';
import { type ConnectionContext, type CorrelationIdOrOptions, startCall, withCall } from './call.js';

/** One sort key of {@link GetConversationsInput.orderBy}. */
export interface ConversationOrderBy {
  /** Column logical name, e.g. `createdon` (case-insensitive). */
  attributeName: string;
  /** Sort newest/largest first. @default false */
  descending?: boolean;
}

/** The input of `getConversations`, as `Microsoft.Omnichannel.getConversations` documents it. */
export interface GetConversationsInput {
  /**
   * The agent's systemuser id. Required unless the client knows the signed-in agent
   * (the `agentId` option, or `Xrm` inside Dynamics 365).
   */
  agentId?: string;
  /** The documented alternative spelling of {@link GetConversationsInput.agentId}. */
  agentID?: string;
  /**
   * Columns to return besides the defaults (`msdyn_ocliveworkitemid`, `msdyn_liveworkstreamid`,
   * `msdyn_lastsessionid`, `statuscode`, `createdon`). Logical names, case-insensitive;
   * lookups are returned as `_<name>_value`.
   */
  attributes?: readonly string[];
  /**
   * Status reasons (`statuscode`) to include, e.g. `[3]` for Waiting. Items may be numbers
   * or strings of comma-separated numbers (`"2,3"`). See `ConversationStatus`.
   */
  status?: readonly (number | string)[];
  /** Sort order, e.g. `[{ attributeName: 'createdon', descending: true }]`. */
  orderBy?: readonly ConversationOrderBy[];
  /**
   * Only conversations created within this many days before now (`createdon ge now − N days`).
   * The product documents it as "number of days since the conversation was created"; the
   * SDK reads it as a window ending now.
   */
  createdBeforeDays?: number;
}

/** Columns `getConversations` always returns. */
export const defaultConversationAttributes = /* @__PURE__ */ Object.freeze([
  'msdyn_ocliveworkitemid',
  'msdyn_liveworkstreamid',
  'msdyn_lastsessionid',
  'statuscode',
  'createdon',
] as const);

const knownKeys = new Set(['agentId', 'agentID', 'attributes', 'status', 'orderBy', 'createdBeforeDays']);
const dayMs = 86_400_000;

/**
 * Validates the input and builds the Web API request. Throws `InvalidInput` naming the
 * field; sends nothing.
 * @internal
 */
export function buildConversationsRequest(rawInput: unknown, context: Pick<ConnectionContext, 'agentId' | 'now'>): HttpRequest {
  // The query is written encoded, with loops rather than map and flatMap: this runs on every
  // call, and encodeURIComponent alone cost the common call 3 µs (about 5 ns a character).
  // Every piece is a checked column name, a GUID or a whole number, whose characters a query
  // carries as they are; only the spaces between them are written `%20`.
  const input = parseInput(rawInput);
  const agentId = agentOf(input, context.agentId);

  const attributes = list(input.attributes, 'input.attributes');
  let select = defaultSelect;
  if (attributes.length > 0) {
    const chosen = new Set(defaultColumns);
    for (let index = 0; index < attributes.length; index++) chosen.add(column(identifier(attributes[index], `input.attributes[${index}]`)));
    select = [...chosen].join(',');
  }

  let filter = `_msdyn_activeagentid_value%20eq%20${agentId}`;
  const statuses = list(input.status, 'input.status');
  if (statuses.length > 0) {
    const values = new Set<number>();
    for (let index = 0; index < statuses.length; index++) addStatusValues(values, statuses[index], `input.status[${index}]`);
    let any = '';
    for (const value of values) any += `${any ? '%20or%20' : ''}statuscode%20eq%20${value}`;
    filter += values.size > 1 ? `%20and%20(${any})` : `%20and%20${any}`;
  }
  if (input.createdBeforeDays !== undefined) {
    const days = input.createdBeforeDays;
    if (!Number.isInteger(days) || (days as number) < 0) {
      throw invalidInput('input.createdBeforeDays', `must be a whole number of days ≥ 0, got ${preview(days)}`);
    }
    const since = new Date(context.now() - (days as number) * dayMs);
    if (!(since.getTime() >= earliestDataverseDate)) {
      throw invalidInput('input.createdBeforeDays', `reaches before 1753-01-01, Dataverse's earliest date (got ${days})`);
    }
    // Encoded: a clock set past the year 9999 writes a `+` (`+010000-…`), which a query reads as a space.
    filter += `%20and%20createdon%20ge%20${encodeURIComponent(dateLiteral(since, 'input.createdBeforeDays'))}`;
  }

  const items = list(input.orderBy, 'input.orderBy');
  const sorted: string[] = [];
  let orderBy = '';
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const field = `input.orderBy[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidInput(field, 'must be { attributeName, descending? }');
    for (const key in item) {
      if (key !== 'attributeName' && key !== 'descending') throw invalidInput(`${field}.${key}`, 'is not an orderBy field (expected attributeName, descending)');
    }
    const { attributeName, descending } = item as Partial<ConversationOrderBy>;
    if (descending !== undefined && typeof descending !== 'boolean') throw invalidInput(`${field}.descending`, 'must be true or false');
    const name = column(identifier(attributeName, `${field}.attributeName`));
    if (sorted.includes(name)) throw invalidInput(`${field}.attributeName`, `sorts by ${name} a second time`);
    sorted.push(name);
    orderBy += `${orderBy ? ',' : '&$orderby='}${name}${descending ? '%20desc' : ''}`;
  }

  return { method: 'GET', url: `${conversationSet}?$select=${select}&$filter=${filter}${orderBy}` };
}

/**
 * Lists the agent's conversations, following every page. Mirrors
 * `Microsoft.Omnichannel.getConversations(input, correlationId)`.
 * @internal
 */
export function getConversations(
  context: ConnectionContext,
  input: GetConversationsInput | string,
  options?: CorrelationIdOrOptions,
): Promise<ConversationRecord[]> {
  return withCall('getConversations', options, (call) =>
    collectPages<ConversationRecord>(context.send, buildConversationsRequest(input, context), call),
  );
}

/**
 * Streams the agent's conversations page by page, one record at a time. An abort ends it at
 * the next record the caller asks for, with `Aborted`, even in the middle of a page.
 * @internal
 */
export async function* iterateConversations(
  context: ConnectionContext,
  input: GetConversationsInput | string,
  options?: CorrelationIdOrOptions,
): AsyncGenerator<ConversationRecord, void, undefined> {
  const call = startCall('iterateConversations', options);
  try {
    const request = buildConversationsRequest(input, context);
    yield* records(pages<ConversationRecord>(context.send, request, call), call);
  } catch (error) {
    throw stampCorrelation(error, call.correlationId);
  }
}

/**
 * The lookup columns of the conversation table, which the Web API reads as `_<name>_value`.
 * A list rather than the table description, so a bundle that lists conversations does not
 * carry every column and label of the table; a test keeps it equal to the description's.
 * @internal
 */
export const conversationLookups: ReadonlySet<string> = new Set([
  'msdyn_activeagentid',
  'msdyn_activesessionparticipantid',
  'msdyn_liveworkstreamid',
  'msdyn_lastsessionid',
  'msdyn_cdsqueueid',
  'msdyn_customer',
  'msdyn_issueid',
  'regardingobjectid',
  'ownerid',
]);

/** `defaultConversationAttributes` in Web API names. */
const defaultColumns: readonly string[] = /* @__PURE__ */ defaultConversationAttributes.map((name) => column(name));
/** The `$select` of a call that adds no column. */
const defaultSelect = /* @__PURE__ */ defaultColumns.join(',');

/** The Web API name of a column given in any case: `StatusCode` → `statuscode`, a lookup → `_x_value`. */
function column(name: string): string {
  const lower = name.toLowerCase();
  return /^_.+_value$/.test(lower) || !conversationLookups.has(lower) ? lower : `_${lower}_value`;
}

function parseInput(raw: unknown): Record<string, unknown> {
  let input = raw;
  if (typeof raw === 'string') {
    try {
      input = JSON.parse(raw) as unknown;
    } catch (cause) {
      throw new OmnichannelError('InvalidInput', `input is not valid JSON: ${(cause as Error).message}`, { field: 'input', cause });
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidInput('input', 'must be an object or a JSON object string');
  const unknown = Object.keys(input).find((key) => !knownKeys.has(key));
  if (unknown !== undefined) throw invalidInput(`input.${unknown}`, `is not a getConversations field (expected ${[...knownKeys].join(', ')})`);
  return input as Record<string, unknown>;
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidInput(field, `must be an array, got ${preview(value)}`);
  return value;
}

/** Adds a status item's values to `values`: `3` → 3; `"2, 3"` → 2 and 3; anything that is not a whole number is rejected. */
function addStatusValues(values: Set<number>, item: unknown, field: string): void {
  const parts = typeof item === 'string' ? item.split(',') : [item];
  for (const part of parts) {
    const trimmed = typeof part === 'string' ? part.trim() : part;
    const value = typeof trimmed === 'string' && /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw invalidInput(field, `must be a status reason or a string of comma-separated ones, got ${preview(item)}`);
    }
    values.add(value);
  }
}

/**
 * The agent to list: `agentId` or its documented spelling `agentID` (both given must agree),
 * else the client's signed-in agent. A key that is present must hold a GUID, null included.
 */
function agentOf(input: Record<string, unknown>, signedInAgent: string | undefined): string {
  const agentId = 'agentId' in input ? guid(input.agentId, 'input.agentId') : undefined;
  const agentID = 'agentID' in input ? guid(input.agentID, 'input.agentID') : undefined;
  if (agentId !== undefined && agentID !== undefined && agentId !== agentID) {
    throw invalidInput('input.agentID', 'conflicts with input.agentId');
  }
  const agent = agentId ?? agentID ?? signedInAgent;
  if (agent === undefined) {
    throw invalidInput('input.agentId', 'is required: the client has no signed-in agent');
  }
  return agent;
}
