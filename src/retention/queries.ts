/**
 * The Web API reads of retention: closed conversations, transcripts, the notes of each kind, and
 * the conversations modified since a moment (how `apply` sees a conversation reopen). Pure:
 * each function builds a request and sends nothing.
 */
import type { HttpRequest } from '../http/transport.js';
import { dateLiteral, stringLiteral } from '../odata/literals.js';
import { allOf, anyOf, buildQuery, compare } from '../odata/query.js';
import type { NoteKind, RetentionCriteria } from './types.js';

/** `statecode` of a closed conversation (`ConversationState.Closed`). @internal */
export const closedState = 1;

/**
 * The closed conversations of the criteria, closed before `before`, oldest first:
 * `statecode eq 1 and msdyn_closedon lt <before>`, narrowed by channel (`ContainValues`) and
 * queue (`_msdyn_cdsqueueid_value`).
 * @internal
 */
export function closedConversationsRequest(criteria: Pick<RetentionCriteria, 'channels' | 'queues'>, before: Date): HttpRequest {
  const filter = [compare('statecode', 'eq', String(closedState)), compare('msdyn_closedon', 'lt', dateLiteral(before, 'closedBefore'))];
  if (criteria.channels?.length) {
    const values = criteria.channels.map((channel) => stringLiteral(String(channel))).join(',');
    filter.push(`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=[${values}])`);
  }
  if (criteria.queues?.length) filter.push(anyOf(criteria.queues.map((queue) => compare('_msdyn_cdsqueueid_value', 'eq', queue))));
  const query = buildQuery({ select: ['activityid', 'msdyn_closedon'], filter: allOf(filter), orderBy: ['msdyn_closedon', 'activityid'] });
  return { method: 'GET', url: `msdyn_ocliveworkitems${query}` };
}

/** Every transcript with its conversation (`_msdyn_liveworkitemidid_value`). @internal */
export function transcriptsRequest(): HttpRequest {
  const query = buildQuery({
    select: ['msdyn_transcriptid', '_msdyn_liveworkitemidid_value'],
    filter: '_msdyn_liveworkitemidid_value ne null',
  });
  return { method: 'GET', url: `msdyn_transcripts${query}` };
}

/**
 * The notes of one kind, with their parent and size: transcript notes are the notes of
 * `msdyn_transcript` rows; attachment notes are the notes with a file (`isdocument`) on a
 * conversation. A note an agent typed on a conversation has no file and is never one of them.
 * @internal
 */
export function notesRequest(kind: NoteKind): HttpRequest {
  const filter =
    kind === 'transcript'
      ? compare('objecttypecode', 'eq', stringLiteral('msdyn_transcript'))
      : allOf([compare('objecttypecode', 'eq', stringLiteral('msdyn_ocliveworkitem')), compare('isdocument', 'eq', 'true')]);
  const query = buildQuery({ select: ['annotationid', '_objectid_value', 'filesize'], filter });
  return { method: 'GET', url: `annotations${query}` };
}

/** The conversations modified at or after `since`, with their state and close date. @internal */
export function modifiedSinceRequest(since: Date): HttpRequest {
  const query = buildQuery({
    select: ['activityid', 'statecode', 'msdyn_closedon', 'modifiedon'],
    filter: compare('modifiedon', 'ge', dateLiteral(since, 'since')),
  });
  return { method: 'GET', url: `msdyn_ocliveworkitems${query}` };
}

/**
 * The latest `modifiedon` of any conversation: the service's own clock, so the checks of
 * `apply` do not depend on the client's. Sent without a page size, since Dataverse ignores
 * `$top` when one is asked for.
 * @internal
 */
export function latestModificationRequest(): HttpRequest {
  return { method: 'GET', url: `msdyn_ocliveworkitems${buildQuery({ select: ['modifiedon'], orderBy: ['modifiedon desc'], top: 1 })}` };
}
