/**
 * The `QuerySet` of a retention `BulkDelete`: one `QueryExpression` per kind of note, each on
 * `annotation` linked to the conversation it belongs to, with the conversation's closed state
 * and close date as link criteria. Pure.
 *
 * As the Web API serialises them: enums by member name (`"Equal"`, `"Inner"`, `"And"`), each
 * value as `{ "Type": <.NET type>, "Value": <string> }`. UNCONFIRMED (reference §A.3–A.4): that
 * BulkDelete evaluates link entities, that `objecttypecode` takes a `System.String` logical
 * name, that `OlderThanXDays` takes a `System.Int32`, and that `ContainValues` takes the
 * channel values as `System.Int32`.
 */
import type { RetentionCriteria } from './types.js';

/** A `ConditionExpression`. @internal */
export interface ConditionExpression {
  AttributeName: string;
  Operator: string;
  Values: { Type: string; Value: string }[];
}

/** A `FilterExpression`. @internal */
export interface FilterExpression {
  FilterOperator: 'And' | 'Or';
  Conditions: ConditionExpression[];
}

/** A `LinkEntity`. @internal */
export interface LinkEntity {
  LinkFromEntityName: string;
  LinkFromAttributeName: string;
  LinkToEntityName: string;
  LinkToAttributeName: string;
  JoinOperator: 'Inner';
  LinkCriteria?: FilterExpression;
  LinkEntities?: LinkEntity[];
}

/** A `QueryExpression`. @internal */
export interface QueryExpression {
  '@odata.type': 'Microsoft.Dynamics.CRM.QueryExpression';
  EntityName: string;
  ColumnSet: { AllColumns: false; Columns: string[] };
  Criteria: FilterExpression;
  LinkEntities: LinkEntity[];
}

/** When a conversation qualifies: a fixed close date (one run), or an age at each run (a recurring policy). @internal */
export type CloseCondition = { closedBefore: Date } | { olderThanDays: number };

function condition(attribute: string, operator: string, type?: string, values: readonly string[] = []): ConditionExpression {
  return {
    AttributeName: attribute,
    Operator: operator,
    Values: type === undefined ? [] : values.map((value) => ({ Type: type, Value: value })),
  };
}

/** The conversation's conditions: closed, closed long enough ago, and on the criteria's channels and queues. @internal */
export function conversationCriteria(criteria: Pick<RetentionCriteria, 'channels' | 'queues'>, close: CloseCondition): FilterExpression {
  const conditions = [
    condition('statecode', 'Equal', 'System.Int32', ['1']),
    'closedBefore' in close
      ? condition('msdyn_closedon', 'LessThan', 'System.DateTime', [close.closedBefore.toISOString()])
      : condition('msdyn_closedon', 'OlderThanXDays', 'System.Int32', [String(close.olderThanDays)]),
  ];
  if (criteria.channels?.length)
    conditions.push(condition('msdyn_channel', 'ContainValues', 'System.Int32', criteria.channels.map(String)));
  if (criteria.queues?.length) conditions.push(condition('msdyn_cdsqueueid', 'In', 'System.Guid', criteria.queues));
  return { FilterOperator: 'And', Conditions: conditions };
}

function noteQuery(objectType: string, extra: ConditionExpression[], links: LinkEntity[]): QueryExpression {
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.QueryExpression',
    EntityName: 'annotation',
    ColumnSet: { AllColumns: false, Columns: ['annotationid'] },
    Criteria: { FilterOperator: 'And', Conditions: [condition('objecttypecode', 'Equal', 'System.String', [objectType]), ...extra] },
    LinkEntities: links,
  };
}

/** Transcript notes: annotation → msdyn_transcript (`objectid`) → msdyn_ocliveworkitem (`msdyn_liveworkitemidid`). @internal */
export function transcriptNotesQuery(conversation: FilterExpression): QueryExpression {
  return noteQuery(
    'msdyn_transcript',
    [],
    [
      {
        LinkFromEntityName: 'annotation',
        LinkFromAttributeName: 'objectid',
        LinkToEntityName: 'msdyn_transcript',
        LinkToAttributeName: 'msdyn_transcriptid',
        JoinOperator: 'Inner',
        LinkEntities: [
          {
            LinkFromEntityName: 'msdyn_transcript',
            LinkFromAttributeName: 'msdyn_liveworkitemidid',
            LinkToEntityName: 'msdyn_ocliveworkitem',
            LinkToAttributeName: 'activityid',
            JoinOperator: 'Inner',
            LinkCriteria: conversation,
          },
        ],
      },
    ],
  );
}

/** Attachment notes: annotations with a file (`isdocument`) on the conversation (`objectid`). @internal */
export function attachmentNotesQuery(conversation: FilterExpression): QueryExpression {
  return noteQuery(
    'msdyn_ocliveworkitem',
    [condition('isdocument', 'Equal', 'System.Boolean', ['true'])],
    [
      {
        LinkFromEntityName: 'annotation',
        LinkFromAttributeName: 'objectid',
        LinkToEntityName: 'msdyn_ocliveworkitem',
        LinkToAttributeName: 'activityid',
        JoinOperator: 'Inner',
        LinkCriteria: conversation,
      },
    ],
  );
}

/** The `QuerySet` of criteria: the transcript query and/or the attachment query. @internal */
export function retentionQuerySet(criteria: RetentionCriteria, close: CloseCondition): QueryExpression[] {
  const conversation = conversationCriteria(criteria, close);
  return [
    ...(criteria.include.includes('transcripts') ? [transcriptNotesQuery(conversation)] : []),
    ...(criteria.include.includes('attachments') ? [attachmentNotesQuery(conversation)] : []),
  ];
}
