// Xrm.WebApi.offline against the emulator: each record method offline, the offline-table check,
// each mobile-offline rule (lookups as { logicalname, id }, no @odata.bind, no deep insert,
// $expand with a nested $select only, no aggregation, no paging cookie), the error shapes, and
// that Xrm.WebApi and Xrm.WebApi.online behave as before.
import { afterEach, describe, expect, it } from 'vitest';
import { isOmnichannelError } from '../../../src/index.js';
import { type InstalledFakeXrm, type OrgEmulator, type XrmWebApi, installFakeXrm } from '../../../src/testing/index.js';
import { emptyOrg } from '../support.js';

let installed: InstalledFakeXrm[] = [];
afterEach(() => {
  for (const fake of installed.reverse()) fake.uninstall();
  installed = [];
});

const user = { id: '11111111-1111-1111-1111-111111111111', name: 'Test' };
const missingId = '22222222-2222-2222-2222-222222222222';
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fake Xrm on `org` with `offlineTables`; the Xrm.WebApi a script sees on the global object. */
function install(
  org: OrgEmulator,
  offlineTables: readonly string[] = ['account', 'contact', 'incident', 'msdyn_ocliveworkitem'],
): XrmWebApi {
  const fake = installFakeXrm({ emulator: org, user, offlineTables });
  installed.push(fake);
  return (globalThis as unknown as { Xrm: { WebApi: XrmWebApi } }).Xrm.WebApi;
}

/** The method and path of each request the org received. */
const sent = (org: OrgEmulator) => org.requests.map((request) => `${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`);

/** What a call rejected with (the test fails if it resolved). */
async function rejection(call: Promise<unknown>): Promise<any> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, resolved ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('Xrm.WebApi.offline: the methods', () => {
  it('has the five record methods and isAvailableOffline, and neither execute nor executeMultiple', () => {
    const webApi = install(emptyOrg());
    expect(Object.keys(webApi.offline).sort()).toEqual([
      'createRecord',
      'deleteRecord',
      'isAvailableOffline',
      'retrieveMultipleRecords',
      'retrieveRecord',
      'updateRecord',
    ]);
  });

  it('isAvailableOffline answers as Xrm.WebApi.isAvailableOffline: true only for the offlineTables', () => {
    const webApi = install(emptyOrg(), ['contact']);
    expect([webApi.offline.isAvailableOffline('contact'), webApi.offline.isAvailableOffline('account')]).toEqual([true, false]);
    expect([webApi.isAvailableOffline('contact'), webApi.isAvailableOffline('account')]).toEqual([true, false]);
  });

  it('createRecord creates the record in the org with one POST and resolves { entityType, id }', async () => {
    const org = emptyOrg();
    const result = await install(org).offline.createRecord('account', { name: 'Made offline' });
    expect(result).toEqual({ entityType: 'account', id: expect.stringMatching(guidPattern) });
    expect(org.store.get('account', result.id)?.name).toBe('Made offline');
    expect(sent(org)).toEqual(['POST /api/data/v9.2/accounts']);
  });

  it('retrieveRecord reads what the org holds, written online or arranged in the store', async () => {
    const org = emptyOrg();
    const webApi = install(org);
    const { id } = await webApi.online.createRecord('account', { name: 'Written online' });
    const record = await webApi.offline.retrieveRecord('account', `{${id.toUpperCase()}}`, '?$select=name');
    expect(record).toMatchObject({ accountid: id, name: 'Written online' });
  });

  it('retrieveMultipleRecords pages OData with maxPageSize and nextLink, as online', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C']) org.store.create('account', { name });
    const webApi = install(org);
    const first = await webApi.offline.retrieveMultipleRecords('account', '?$select=name&$orderby=name', 2);
    expect(first.entities.map((entity) => entity.name)).toEqual(['A', 'B']);
    const last = await webApi.offline.retrieveMultipleRecords('account', new URL(first.nextLink!).search, 2);
    expect(last.entities.map((entity) => entity.name)).toEqual(['C']);
    expect(last.nextLink).toBeUndefined();
  });

  it('updateRecord changes the record and resolves { entityType, id }; a missing record is not created', async () => {
    const org = emptyOrg();
    const id = org.store.create('account', { name: 'Old' });
    const webApi = install(org);
    expect(await webApi.offline.updateRecord('account', id, { name: 'New' })).toEqual({ entityType: 'account', id });
    expect(org.store.get('account', id)?.name).toBe('New');
    await expect(webApi.offline.updateRecord('account', missingId, { name: 'x' })).rejects.toMatchObject({ errorCode: 0x80040217 });
    expect(org.store.get('account', missingId)).toBeUndefined();
  });

  it('deleteRecord deletes the record and resolves { entityType, id }', async () => {
    const org = emptyOrg();
    const id = org.store.create('account', { name: 'Gone' });
    expect(await install(org).offline.deleteRecord('account', id)).toEqual({ entityType: 'account', id });
    expect(org.store.get('account', id)).toBeUndefined();
  });

  it('what offline writes, online reads: one store', async () => {
    const org = emptyOrg();
    const webApi = install(org);
    const { id } = await webApi.offline.createRecord('contact', { fullname: 'Both ways' });
    expect((await webApi.online.retrieveRecord('contact', id, '?$select=fullname')).fullname).toBe('Both ways');
  });
});

describe('Xrm.WebApi.offline: the offline table check', () => {
  const calls: [string, (webApi: XrmWebApi) => Promise<unknown>][] = [
    ['createRecord', (webApi) => webApi.offline.createRecord('account', { name: 'x' })],
    ['retrieveRecord', (webApi) => webApi.offline.retrieveRecord('account', missingId)],
    ['retrieveMultipleRecords', (webApi) => webApi.offline.retrieveMultipleRecords('account', '?$select=name')],
    ['updateRecord', (webApi) => webApi.offline.updateRecord('account', missingId, { name: 'x' })],
    ['deleteRecord', (webApi) => webApi.offline.deleteRecord('account', missingId)],
  ];

  it.each(calls)('%s on a table not in offlineTables rejects with offline:table and sends nothing', async (_name, call) => {
    const org = emptyOrg();
    const error = await rejection(call(install(org, ['contact'])));
    expect(error).toEqual({
      errorCode: 0,
      message: "The table 'account' is not available offline: it is not in the user's mobile offline profile.",
      debugMessage: 'offline:table',
    });
    expect(org.requests).toEqual([]);
  });

  it('with no offlineTables at all, every table is refused offline, and online still works', async () => {
    const org = emptyOrg();
    const webApi = install(org, []);
    await expect(webApi.offline.retrieveMultipleRecords('contact')).rejects.toMatchObject({ debugMessage: 'offline:table' });
    expect((await webApi.retrieveMultipleRecords('contact')).entities).toEqual([]);
    expect(sent(org)).toEqual(['GET /api/data/v9.2/contacts']);
  });

  it('a table name that is no logical name is a bad argument (OmnichannelError InvalidInput), not a refusal', async () => {
    const org = emptyOrg();
    const error = await rejection(install(org).offline.retrieveMultipleRecords(''));
    expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
    expect(org.requests).toEqual([]);
  });
});

describe('Xrm.WebApi.offline: lookups as { logicalname, id }', () => {
  it('createRecord sets a lookup given under its column name, sent as <navigation>@odata.bind', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const bodies: unknown[] = [];
    const fake = installFakeXrm({
      emulator: org,
      user,
      offlineTables: ['contact'],
      fetch: async (input, init) => {
        bodies.push(JSON.parse(String(init.body)));
        return org.handle(new Request(input, init));
      },
    });
    installed.push(fake);
    const { id } = await fake.webApi.offline.createRecord('contact', {
      fullname: 'Maria Campbell',
      parentcustomerid: { logicalname: 'account', id: `{${accountId.toUpperCase()}}` },
    });
    expect(bodies).toEqual([
      { fullname: 'Maria Campbell', 'parentcustomerid_account@odata.bind': `/accounts(${accountId.toUpperCase()})` },
    ]);
    expect(org.store.get('contact', id)?._parentcustomerid_value).toBe(accountId);
  });

  it('a lookup to several tables takes the navigation property of the table logicalname names', async () => {
    const org = emptyOrg();
    const contactId = org.store.create('contact', { fullname: 'Maria Campbell' });
    const { id } = await install(org).offline.createRecord('incident', {
      title: 'Late delivery',
      customerid: { logicalname: 'contact', id: contactId },
    });
    const stored = org.store.get('incident', id)!;
    expect([stored._customerid_value, stored['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']]).toEqual([
      contactId,
      'contact',
    ]);
  });

  it('a lookup value under a single-valued navigation property name is accepted too', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const { id } = await install(org).offline.createRecord('contact', {
      fullname: 'Maria Campbell',
      parentcustomerid_account: { logicalname: 'account', id: accountId },
    });
    expect(org.store.get('contact', id)?._parentcustomerid_value).toBe(accountId);
  });

  it('updateRecord sets a lookup from { logicalname, id } and clears it with null', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const contactId = org.store.create('contact', { fullname: 'Maria Campbell' });
    const webApi = install(org);
    await webApi.offline.updateRecord('contact', contactId, { parentcustomerid: { logicalname: 'account', id: accountId } });
    expect(org.store.get('contact', contactId)?._parentcustomerid_value).toBe(accountId);
    await webApi.offline.updateRecord('contact', contactId, { parentcustomerid: null });
    expect(org.store.get('contact', contactId)?._parentcustomerid_value).toBeNull();
  });

  it('refuses @odata.bind offline (offline:lookup) and sends nothing', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const error = await rejection(
      install(org).offline.createRecord('contact', { fullname: 'x', 'parentcustomerid_account@odata.bind': `/accounts(${accountId})` }),
    );
    expect(error).toMatchObject({ errorCode: 0, debugMessage: 'offline:lookup', message: expect.stringContaining('@odata.bind') });
    expect(org.requests).toEqual([]);
    expect(org.store.list('contact')).toEqual([]);
  });

  it('refuses a lookup to a table the column does not point to', async () => {
    const org = emptyOrg();
    const error = await rejection(
      install(org).offline.createRecord('contact', { parentcustomerid: { logicalname: 'contact', id: missingId } }),
    );
    expect(error).toEqual({
      errorCode: 0,
      message: 'parentcustomerid of contact cannot point to a contact record: it points to account.',
      debugMessage: 'offline:lookup',
    });
    expect(org.requests).toEqual([]);
  });

  it('refuses a lookup value under a column that is no lookup', async () => {
    const org = emptyOrg();
    await expect(
      install(org).offline.createRecord('contact', { fullname: { logicalname: 'account', id: missingId } }),
    ).rejects.toMatchObject({ debugMessage: 'offline:lookup', message: 'fullname is not a lookup column of contact.' });
    expect(org.requests).toEqual([]);
  });

  it('refuses a lookup value with more than logicalname and id', async () => {
    const org = emptyOrg();
    await expect(
      install(org).offline.createRecord('contact', { parentcustomerid: { logicalname: 'account', id: missingId, name: 'Fabrikam' } }),
    ).rejects.toMatchObject({ debugMessage: 'offline:lookup' });
    expect(org.requests).toEqual([]);
  });

  it('a lookup id that is no GUID is a bad argument (InvalidInput)', async () => {
    const org = emptyOrg();
    const error = await rejection(install(org).offline.createRecord('contact', { parentcustomerid: { logicalname: 'account', id: 'x' } }));
    expect(isOmnichannelError(error) && error.code === 'InvalidInput' && error.message).toBe(
      'parentcustomerid.id must be a GUID, got "x".',
    );
    expect(org.requests).toEqual([]);
  });
});

describe('Xrm.WebApi.offline: deep insert', () => {
  it('refuses a related record under a single-valued navigation property (offline:deep-insert)', async () => {
    const org = emptyOrg();
    await expect(
      install(org).offline.createRecord('contact', { fullname: 'x', parentcustomerid_account: { name: 'New account' } }),
    ).rejects.toMatchObject({ errorCode: 0, debugMessage: 'offline:deep-insert' });
    expect(org.requests).toEqual([]);
  });

  it('refuses related records under a collection-valued navigation property', async () => {
    const org = emptyOrg();
    await expect(
      install(org).offline.createRecord('msdyn_ocliveworkitem', {
        subject: 'x',
        msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid: [{ subject: 'Session' }],
      }),
    ).rejects.toMatchObject({ debugMessage: 'offline:deep-insert' });
    expect(org.requests).toEqual([]);
  });

  it('refuses deep insert in updateRecord too', async () => {
    const org = emptyOrg();
    const contactId = org.store.create('contact', { fullname: 'Maria Campbell' });
    await expect(
      install(org).offline.updateRecord('contact', contactId, { parentcustomerid: { name: 'New account' } }),
    ).rejects.toMatchObject({ debugMessage: 'offline:deep-insert' });
    expect(org.requests).toEqual([]);
  });
});

describe('Xrm.WebApi.offline: $expand', () => {
  it('expands with a nested $select, as online', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const contactId = org.store.create('contact', { fullname: 'Maria Campbell', parentcustomerid: accountId });
    const options = '?$select=fullname&$expand=parentcustomerid_account($select=name)';
    const record = await install(org).offline.retrieveRecord('contact', contactId, options);
    expect(record.parentcustomerid_account).toMatchObject({ accountid: accountId, name: 'Fabrikam' });
  });

  it('expands a bare navigation property', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    org.store.create('contact', { fullname: 'Maria Campbell', parentcustomerid: accountId });
    const { entities } = await install(org).offline.retrieveMultipleRecords(
      'contact',
      '?$select=fullname&$expand=parentcustomerid_account',
    );
    expect(entities[0]!.parentcustomerid_account).toMatchObject({ name: 'Fabrikam' });
  });

  it.each([
    ['$filter', "$select=subject;$filter=subject eq 'a'"],
    ['$orderby', '$orderby=subject'],
    ['$top', '$select=subject;$top=1'],
    ['a nested $expand', '$select=subject;$expand=msdyn_omnichannelsession($select=subject)'],
  ])('refuses %s inside $expand (offline:expand) and sends nothing', async (_what, inner) => {
    const org = emptyOrg();
    const options = `?$select=subject&$expand=msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid(${inner})`;
    const error = await rejection(install(org).offline.retrieveMultipleRecords('msdyn_ocliveworkitem', options));
    expect(error).toMatchObject({ errorCode: 0, debugMessage: 'offline:expand' });
    expect(org.requests).toEqual([]);
  });

  it('refuses it in retrieveRecord too, the options URL-encoded', async () => {
    const org = emptyOrg();
    const id = org.store.create('msdyn_ocliveworkitem', { subject: 'x' });
    const options = `?$expand=${encodeURIComponent('msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid($top=1)')}`;
    await expect(install(org).offline.retrieveRecord('msdyn_ocliveworkitem', id, options)).rejects.toMatchObject({
      debugMessage: 'offline:expand',
    });
    expect(org.requests).toEqual([]);
  });
});

describe('Xrm.WebApi.offline: grouping and aggregation', () => {
  it('refuses $apply (offline:aggregation) and sends nothing', async () => {
    const org = emptyOrg();
    const error = await rejection(install(org).offline.retrieveMultipleRecords('account', '?$apply=aggregate($count as total)'));
    expect(error).toEqual({
      errorCode: 0,
      message: 'Grouping and aggregation ($apply) are not supported offline.',
      debugMessage: 'offline:aggregation',
    });
    expect(org.requests).toEqual([]);
  });

  it('refuses an aggregate FetchXML query', async () => {
    const org = emptyOrg();
    const fetchXml =
      '?fetchXml=<fetch aggregate="true"><entity name="account"><attribute name="accountid" alias="n" aggregate="count"/></entity></fetch>';
    await expect(install(org).offline.retrieveMultipleRecords('account', fetchXml)).rejects.toMatchObject({
      debugMessage: 'offline:aggregation',
    });
    expect(org.requests).toEqual([]);
  });

  it('refuses a FetchXML column that groups, even without aggregate on <fetch>', async () => {
    const org = emptyOrg();
    const fetchXml = '?fetchXml=<fetch><entity name="account"><attribute name="name" groupby="true" alias="name"/></entity></fetch>';
    await expect(install(org).offline.retrieveMultipleRecords('account', fetchXml)).rejects.toMatchObject({
      debugMessage: 'offline:aggregation',
    });
    expect(org.requests).toEqual([]);
  });

  it('runs a plain FetchXML query, a link-entity included', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    org.store.create('contact', { fullname: 'Maria Campbell', parentcustomerid: accountId });
    org.store.create('contact', { fullname: 'Alone' });
    const fetchXml =
      '?fetchXml=<fetch><entity name="contact"><attribute name="fullname"/>' +
      '<link-entity name="account" from="accountid" to="parentcustomerid"><filter><condition attribute="name" operator="eq" value="Fabrikam"/></filter></link-entity>' +
      '</entity></fetch>';
    const { entities } = await install(org).offline.retrieveMultipleRecords('contact', fetchXml);
    expect(entities.map((entity) => entity.fullname)).toEqual(['Maria Campbell']);
  });
});

describe('Xrm.WebApi.offline: the FetchXML paging cookie', () => {
  const fetchXml = (page: number) =>
    `?fetchXml=<fetch count="2" page="${page}"><entity name="account"><attribute name="name"/><order attribute="name"/></entity></fetch>`;

  it('is never returned offline, where the same query online has one', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C']) org.store.create('account', { name });
    const webApi = install(org);
    const online = await webApi.online.retrieveMultipleRecords('account', fetchXml(1));
    const offline = await webApi.offline.retrieveMultipleRecords('account', fetchXml(1));
    expect(online.fetchXmlPagingCookie).toEqual(expect.any(String));
    expect(offline.entities.map((entity) => entity.name)).toEqual(['A', 'B']);
    expect('fetchXmlPagingCookie' in offline).toBe(false);
  });

  it('pages offline by page number alone', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C']) org.store.create('account', { name });
    const page2 = await install(org).offline.retrieveMultipleRecords('account', fetchXml(2));
    expect(page2.entities.map((entity) => entity.name)).toEqual(['C']);
  });
});

describe('Xrm.WebApi.offline: errors', () => {
  it('an error the org answers rejects with { errorCode, message, debugMessage: "" }', async () => {
    const org = emptyOrg();
    await expect(rejection(install(org).offline.deleteRecord('account', missingId))).resolves.toEqual({
      errorCode: 0x80040217,
      message: `account With Id = ${missingId} Does Not Exist`,
      debugMessage: '',
    });
  });

  it('a failed connection rejects with errorCode 0 and a debugMessage', async () => {
    const org = emptyOrg();
    org.faults.add({ kind: 'network' });
    await expect(install(org).offline.retrieveMultipleRecords('account')).rejects.toMatchObject({
      errorCode: 0,
      message: expect.any(String),
      debugMessage: '',
    });
  });

  it('a bad argument rejects with an OmnichannelError, as online, and sends nothing', async () => {
    const org = emptyOrg();
    const error = await rejection(install(org).offline.retrieveRecord('account', 'not-a-guid'));
    expect(isOmnichannelError(error) && error.code === 'InvalidInput' && /id must be a GUID/.test(error.message)).toBe(true);
    await expect(install(org).offline.retrieveMultipleRecords('account', '', 0)).rejects.toThrow(/maxPageSize/);
    expect(org.requests).toEqual([]);
  });
});

describe('Xrm.WebApi and Xrm.WebApi.online are unchanged', () => {
  it('the top-level methods are online: a table not available offline works, and FetchXML paging has its cookie', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C']) org.store.create('account', { name });
    const webApi = install(org, []);
    const page = await webApi.retrieveMultipleRecords(
      'account',
      '?fetchXml=<fetch count="2"><entity name="account"><attribute name="name"/><order attribute="name"/></entity></fetch>',
    );
    expect(page.fetchXmlPagingCookie).toEqual(expect.any(String));
  });

  it('online takes @odata.bind and does not translate a { logicalname, id } value', async () => {
    const org = emptyOrg();
    const accountId = org.store.create('account', { name: 'Fabrikam' });
    const webApi = install(org);
    const { id } = await webApi.online.createRecord('contact', {
      fullname: 'x',
      'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    expect(org.store.get('contact', id)?._parentcustomerid_value).toBe(accountId);
    const error = await rejection(webApi.online.createRecord('contact', { parentcustomerid: { logicalname: 'account', id: accountId } }));
    expect(error).toEqual({ errorCode: expect.any(Number), message: expect.stringContaining("'parentcustomerid'") });
  });

  it('online sends $expand options and $apply to the org', async () => {
    const org = emptyOrg();
    const conversation = org.store.create('msdyn_ocliveworkitem', { subject: 'Parent' });
    org.store.create('msdyn_ocsession', { subject: 'B', msdyn_liveworkitemid: conversation });
    org.store.create('msdyn_ocsession', { subject: 'A', msdyn_liveworkitemid: conversation });
    const webApi = install(org);
    const record = await webApi.online.retrieveRecord(
      'msdyn_ocliveworkitem',
      conversation,
      '?$select=subject&$expand=msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid($select=subject;$orderby=subject;$top=1)',
    );
    expect(record.msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid).toEqual([expect.objectContaining({ subject: 'A' })]);
    const { entities } = await webApi.retrieveMultipleRecords('msdyn_ocsession', '?$apply=aggregate($count as total)');
    expect(entities).toEqual([expect.objectContaining({ total: 2 })]);
  });
});
