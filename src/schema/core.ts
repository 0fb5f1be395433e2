import { workDistributionModeLabels } from './conversation.js';
import { auditColumns, channelLabels, optionLabels } from './options.js';
import { defineTable, mergeColumns, type RecordOf } from './table.js';

/*
 * Minimal platform tables the Omnichannel tables point at: only the columns the SDK and the
 * testing emulator use. Column lengths are left out where the reference does not give them.
 */

/** The User table, `systemuser` (agents and supervisors). */
export const systemUserTable = /* @__PURE__ */ defineTable({
  logicalName: 'systemuser',
  entitySetName: 'systemusers',
  primaryKey: 'systemuserid',
  primaryName: 'fullname',
  columns: /* @__PURE__ */ mergeColumns(
    {
      systemuserid: { kind: 'uniqueidentifier' },
      fullname: { kind: 'string' },
      firstname: { kind: 'string' },
      lastname: { kind: 'string' },
      domainname: { kind: 'string' },
      internalemailaddress: { kind: 'string' },
      azureactivedirectoryobjectid: { kind: 'uniqueidentifier' },
      isdisabled: { kind: 'boolean' },
    },
    auditColumns,
  ),
});

/** A user record (`systemuser`) as the Web API returns it. */
export type SystemUserRecord = RecordOf<typeof systemUserTable>;

/** The Team table, `team` (an owner besides users). */
export const teamTable = /* @__PURE__ */ defineTable({
  logicalName: 'team',
  entitySetName: 'teams',
  primaryKey: 'teamid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      teamid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** A team record (`team`) as the Web API returns it. */
export type TeamRecord = RecordOf<typeof teamTable>;

/** The Account table, `account` (a customer). */
export const accountTable = /* @__PURE__ */ defineTable({
  logicalName: 'account',
  entitySetName: 'accounts',
  primaryKey: 'accountid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      accountid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
      emailaddress1: { kind: 'string' },
      telephone1: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** An account record (`account`) as the Web API returns it. */
export type AccountRecord = RecordOf<typeof accountTable>;

/**
 * The Contact table, `contact` (a customer). `parentcustomerid` is a customer column; only its
 * account target is modelled.
 */
export const contactTable = /* @__PURE__ */ defineTable({
  logicalName: 'contact',
  entitySetName: 'contacts',
  primaryKey: 'contactid',
  primaryName: 'fullname',
  columns: /* @__PURE__ */ mergeColumns(
    {
      contactid: { kind: 'uniqueidentifier' },
      fullname: { kind: 'string' },
      firstname: { kind: 'string' },
      lastname: { kind: 'string' },
      emailaddress1: { kind: 'string' },
      telephone1: { kind: 'string' },
      parentcustomerid: { kind: 'lookup', targets: { account: 'parentcustomerid_account' } },
    },
    auditColumns,
  ),
});

/** A contact record (`contact`) as the Web API returns it. */
export type ContactRecord = RecordOf<typeof contactTable>;

/** `statecode` of a case (`incident`). */
export const IncidentState = /* @__PURE__ */ Object.freeze({ Active: 0, Resolved: 1, Cancelled: 2 } as const);

/** Labels of {@link IncidentState}. */
export const incidentStateLabels = /* @__PURE__ */ optionLabels(IncidentState);

/**
 * `statuscode` of a case. Not in the shared reference: these are the out-of-the-box Dataverse
 * values (orgs may add their own).
 */
export const IncidentStatus = /* @__PURE__ */ Object.freeze({
  InProgress: 1,
  OnHold: 2,
  WaitingForDetails: 3,
  Researching: 4,
  ProblemSolved: 5,
  InformationProvided: 1000,
  Cancelled: 6,
  Merged: 2000,
} as const);

/** Labels of {@link IncidentStatus}. */
export const incidentStatusLabels = /* @__PURE__ */ optionLabels(IncidentStatus, {
  InProgress: 'In Progress',
  OnHold: 'On Hold',
  WaitingForDetails: 'Waiting for Details',
  ProblemSolved: 'Problem Solved',
  InformationProvided: 'Information Provided',
});

/** The state each case status belongs to. @internal */
export const incidentStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({
  1: 0,
  2: 0,
  3: 0,
  4: 0,
  5: 1,
  1000: 1,
  6: 2,
  2000: 2,
});

/** The Case table, `incident`. */
export const incidentTable = /* @__PURE__ */ defineTable({
  logicalName: 'incident',
  entitySetName: 'incidents',
  primaryKey: 'incidentid',
  primaryName: 'title',
  columns: /* @__PURE__ */ mergeColumns(
    {
      incidentid: { kind: 'uniqueidentifier' },
      title: { kind: 'string' },
      ticketnumber: { kind: 'string' },
      customerid: {
        kind: 'lookup',
        targets: { account: 'customerid_account', contact: 'customerid_contact' },
      },
      statecode: { kind: 'state', options: incidentStateLabels },
      statuscode: { kind: 'status', options: incidentStatusLabels, states: incidentStateOfStatus },
    },
    auditColumns,
  ),
});

/** A case record (`incident`) as the Web API returns it. */
export type IncidentRecord = RecordOf<typeof incidentTable>;

/** The Workstream table, `msdyn_liveworkstream`: routing configuration of a channel. */
export const workstreamTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_liveworkstream',
  entitySetName: 'msdyn_liveworkstreams',
  primaryKey: 'msdyn_liveworkstreamid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_liveworkstreamid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
      msdyn_streamsource: { kind: 'picklist', options: channelLabels },
      msdyn_workdistributionmode: { kind: 'picklist', options: workDistributionModeLabels },
    },
    auditColumns,
  ),
});

/** A workstream record (`msdyn_liveworkstream`) as the Web API returns it. */
export type WorkstreamRecord = RecordOf<typeof workstreamTable>;

/** The Queue table, `queue` (the queues unified routing uses). */
export const queueTable = /* @__PURE__ */ defineTable({
  logicalName: 'queue',
  entitySetName: 'queues',
  primaryKey: 'queueid',
  primaryName: 'name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      queueid: { kind: 'uniqueidentifier' },
      name: { kind: 'string' },
      // Not in the shared reference: the Dataverse queue reference lists it as read-only
      // (global choice `queue_queuetypecode`) with the single option 1 "Default Value".
      queuetypecode: { kind: 'picklist', options: { 1: 'Default Value' }, readOnly: true },
    },
    auditColumns,
  ),
});

/** A queue record (`queue`) as the Web API returns it. */
export type QueueRecord = RecordOf<typeof queueTable>;

/** The legacy Omnichannel queue table, `msdyn_omnichannelqueue` (deprecated by the product). */
export const omnichannelQueueTable = /* @__PURE__ */ defineTable({
  logicalName: 'msdyn_omnichannelqueue',
  entitySetName: 'msdyn_omnichannelqueues',
  primaryKey: 'msdyn_omnichannelqueueid',
  primaryName: 'msdyn_name',
  columns: /* @__PURE__ */ mergeColumns(
    {
      msdyn_omnichannelqueueid: { kind: 'uniqueidentifier' },
      msdyn_name: { kind: 'string' },
    },
    auditColumns,
  ),
});

/** A legacy Omnichannel queue record (`msdyn_omnichannelqueue`) as the Web API returns it. */
export type OmnichannelQueueRecord = RecordOf<typeof omnichannelQueueTable>;
