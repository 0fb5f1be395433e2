// The emulator's BulkDelete action and system jobs, over raw HTTP: what it accepts, what it
// refuses (400 as Dataverse, 501 for what it does not implement), and how a job runs when stepped.
import { describe, expect, it } from 'vitest';
import { createOrgEmulator, type OrgEmulator } from '../../../src/testing/index.js';

const api = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const now = new Date('2026-03-01T12:00:00Z');

function post(org: OrgEmulator, path: string, body: unknown): Promise<Response> {
  return org.handle(
    new Request(api + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

async function get(org: OrgEmulator, path: string): Promise<any> {
  return (await org.handle(new Request(api + path))).json();
}

/** The docs' example body, deleting contacts named Bob. */
function bobs(overrides: Record<string, unknown> = {}, query: Record<string, unknown> = {}) {
  return {
    QuerySet: [
      {
        EntityName: 'contact',
        Criteria: {
          FilterOperator: 'And',
          Conditions: [{ AttributeName: 'firstname', Operator: 'Equal', Values: [{ Value: 'Bob', Type: 'System.String' }] }],
        },
        ...query,
      },
    ],
    JobName: 'Bulk Delete Bobs',
    SendEmailNotification: false,
    RecurrencePattern: '',
    StartDateTime: '2026-03-01T12:00:00Z',
    ToRecipients: [],
    CCRecipients: [],
    ...overrides,
  };
}

function orgWithBobs() {
  const org = createOrgEmulator({ data: 'empty', now });
  const ids = ['Bob', 'bob', 'Alice', 'Bob'].map((firstname) => org.store.create('contact', { firstname }));
  return { org, ids };
}

describe('POST BulkDelete', () => {
  it('answers 200 with the JobId, the id of a new system job waiting for resources', async () => {
    const { org } = orgWithBobs();
    const response = await post(org, 'BulkDelete', bobs());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ '@odata.context': `${api}$metadata#Microsoft.Dynamics.CRM.BulkDeleteResponse`, JobId: org.jobs.ids[0] });
    expect(await get(org, `asyncoperations(${body.JobId})?$select=name,statecode,statuscode,operationtype`)).toMatchObject({
      name: 'Bulk Delete Bobs',
      statecode: 0,
      statuscode: 0,
      operationtype: 13,
    });
    // The bulk-delete operation appears once the job starts.
    expect((await get(org, `bulkdeleteoperations?$filter=_asyncoperationid_value eq ${body.JobId}`)).value).toEqual([]);
  });

  it('runs the job when stepped: started, then deleted (strings compare case-insensitively), then succeeded', async () => {
    const { org, ids } = orgWithBobs();
    const { JobId } = await (await post(org, 'BulkDelete', bobs())).json();
    expect(org.jobs.step()).toBe(1);
    const started = await get(org, `bulkdeleteoperations?$filter=_asyncoperationid_value eq ${JobId}`);
    expect(started.value).toEqual([
      expect.objectContaining({ statecode: 2, statuscode: 20, successcount: 0, failurecount: 0, isrecurring: false }),
    ]);
    expect(org.jobs.step()).toBe(0);
    expect(org.store.list('contact').map((row) => row.contactid)).toEqual([ids[2]]);
    expect(await get(org, `asyncoperations(${JobId})?$select=statecode,statuscode,completedon`)).toMatchObject({
      statecode: 3,
      statuscode: 30,
      completedon: '2026-03-01T12:00:00Z',
    });
    expect((await get(org, `bulkdeleteoperations?$select=successcount,statuscode`)).value).toEqual([
      expect.objectContaining({ successcount: 3, statuscode: 30 }),
    ]);
  });

  it('deletes only records created before the run started', async () => {
    let clock = now;
    const org = createOrgEmulator({ data: 'empty', now: () => clock });
    org.store.create('contact', { firstname: 'Bob' });
    await post(org, 'BulkDelete', bobs());
    org.jobs.step();
    clock = new Date(now.getTime() + 60_000);
    const late = org.store.create('contact', { firstname: 'Bob' });
    org.jobs.runAll();
    expect(org.store.list('contact').map((row) => row.contactid)).toEqual([late]);
  });

  it('works through a job batchSize records a step', async () => {
    const { org } = orgWithBobs();
    org.jobs.batchSize = 2;
    await post(org, 'BulkDelete', bobs());
    expect(org.jobs.runAll()).toBe(3); // start, 2 deleted, 1 deleted and done
  });

  it('records each record that fails as a bulkdeletefailure, and goes on', async () => {
    const { org, ids } = orgWithBobs();
    org.jobs.failWhen = ({ id }) => (id === ids[1] ? 'Locked' : undefined);
    const { JobId } = await (await post(org, 'BulkDelete', bobs())).json();
    org.jobs.runAll();
    const failures = await get(org, 'bulkdeletefailures?$select=errordescription,errornumber,_asyncoperationid_value');
    expect(failures.value).toEqual([expect.objectContaining({ errordescription: 'Locked', _asyncoperationid_value: JobId })]);
    expect((await get(org, 'bulkdeleteoperations?$select=successcount,failurecount')).value[0]).toMatchObject({
      successcount: 2,
      failurecount: 1,
    });
  });

  it('accepts the enums as numbers too (Operator 0, FilterOperator 0, JoinOperator 0)', async () => {
    const { org } = orgWithBobs();
    const query = {
      Criteria: {
        FilterOperator: 0,
        Conditions: [{ AttributeName: 'firstname', Operator: 0, Values: [{ Value: 'Alice', Type: 'System.String' }] }],
      },
    };
    expect((await post(org, 'BulkDelete', bobs({}, query))).status).toBe(200);
    org.jobs.runAll();
    expect(org.store.list('contact')).toHaveLength(3);
  });

  it('joins link entities (Inner), with criteria on the linked table', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    const fabrikam = org.store.create('account', { name: 'Fabrikam' });
    const other = org.store.create('account', { name: 'Litware' });
    const keep = org.store.create('contact', { firstname: 'A', parentcustomerid: other });
    org.store.create('contact', { firstname: 'B', parentcustomerid: fabrikam });
    const query = {
      EntityName: 'contact',
      LinkEntities: [
        {
          LinkFromEntityName: 'contact',
          LinkFromAttributeName: 'parentcustomerid',
          LinkToEntityName: 'account',
          LinkToAttributeName: 'accountid',
          JoinOperator: 'Inner',
          LinkCriteria: {
            FilterOperator: 'And',
            Conditions: [{ AttributeName: 'name', Operator: 'BeginsWith', Values: [{ Value: 'fab', Type: 'System.String' }] }],
          },
        },
      ],
    };
    await post(org, 'BulkDelete', bobs({ QuerySet: [query] }));
    org.jobs.runAll();
    expect(org.store.list('contact').map((row) => row.contactid)).toEqual([keep]);
  });

  it.each([
    ['a missing parameter', bobs({ CCRecipients: undefined }), 400, "The parameter 'CCRecipients' of BulkDelete is required"],
    ['an unknown parameter', bobs({ Recipients: [] }), 400, "The parameter 'Recipients' in the request payload is not a valid parameter"],
    ['an empty QuerySet', bobs({ QuerySet: [] }), 400, 'QuerySet must hold'],
    [
      'an unknown column',
      bobs(
        {},
        { Criteria: { Conditions: [{ AttributeName: 'nickname', Operator: 'Equal', Values: [{ Value: 'x', Type: 'System.String' }] }] } },
      ),
      400,
      "'nickname' is not an attribute of contact",
    ],
    [
      'a value its column cannot hold',
      bobs(
        {},
        {
          EntityName: 'annotation',
          Criteria: { Conditions: [{ AttributeName: 'filesize', Operator: 'Equal', Values: [{ Value: 'big', Type: 'System.Int32' }] }] },
        },
      ),
      400,
      'not valid for the integer column',
    ],
    [
      'a value without Type and Value',
      bobs({}, { Criteria: { Conditions: [{ AttributeName: 'firstname', Operator: 'Equal', Values: ['Bob'] }] } }),
      400,
      '"Type"',
    ],
    ['a recurrence it cannot read', bobs({ RecurrencePattern: 'every day' }), 400, 'is not a recurrence pattern'],
    ['notification email', bobs({ SendEmailNotification: true }), 501, 'email'],
    [
      'an operator it does not implement (Like)',
      bobs(
        {},
        { Criteria: { Conditions: [{ AttributeName: 'firstname', Operator: 'Like', Values: [{ Value: 'B%', Type: 'System.String' }] }] } },
      ),
      501,
      'Like',
    ],
    [
      'a join other than Inner',
      bobs(
        {},
        {
          LinkEntities: [
            {
              LinkFromEntityName: 'contact',
              LinkFromAttributeName: 'parentcustomerid',
              LinkToEntityName: 'account',
              LinkToAttributeName: 'accountid',
              JoinOperator: 'LeftOuter',
            },
          ],
        },
      ),
      501,
      'LeftOuter',
    ],
    ['retained data (DataSource)', bobs({}, { DataSource: 'retained' }), 501, 'DataSource'],
    ['a recurrence part it does not implement', bobs({ RecurrencePattern: 'FREQ=WEEKLY;BYDAY=MO;' }), 501, 'BYDAY'],
  ])('refuses %s (%i) before any job exists', async (_what, body, status, message) => {
    const { org } = orgWithBobs();
    const response = await post(org, 'BulkDelete', body);
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toContain(message);
    expect(org.store.list('asyncoperation')).toEqual([]);
  });

  it('answers GET BulkDelete with 405: it is an action', async () => {
    const org = createOrgEmulator({ data: 'empty' });
    expect((await org.handle(new Request(`${api}BulkDelete`))).status).toBe(405);
  });

  it('steps jobs on a timer until stopped', async () => {
    const { org } = orgWithBobs();
    await post(org, 'BulkDelete', bobs());
    const stop = org.jobs.startTimer(1);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (org.store.list('asyncoperation')[0]!.statecode === 3) {
          clearInterval(poll);
          resolve();
        }
      }, 2);
    });
    stop();
    expect(org.store.list('contact')).toHaveLength(1);
  });
});
