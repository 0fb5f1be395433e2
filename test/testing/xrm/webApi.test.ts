// installFakeXrm: every Xrm.WebApi method against the emulator, with the documented result and
// error shapes; the global context; the UI recorders; installing on top of an Xrm and uninstalling.
import { afterEach, describe, expect, it } from 'vitest';
import { isOmnichannelError } from '../../../src/index.js';
import {
  type InstalledFakeXrm,
  type XrmRequest,
  type XrmWebApi,
  installFakeOmnichannel,
  installFakeXrm,
} from '../../../src/testing/index.js';
import { emptyOrg, seededOrg } from '../support.js';

let installed: { uninstall(): void }[] = [];
afterEach(() => {
  for (const fake of installed.reverse()) fake.uninstall();
  installed = [];
});

function install(options: Parameters<typeof installFakeXrm>[0]): InstalledFakeXrm {
  const fake = installFakeXrm(options);
  installed.push(fake);
  return fake;
}

/** `Xrm` as the script sees it on the global object. */
const Xrm = () => (globalThis as unknown as { Xrm: { WebApi: XrmWebApi; Utility: any; Navigation: any; Page?: unknown } }).Xrm;

/** A request object with getMetadata on its prototype, as the docs ask. */
function requestOf(metadata: ReturnType<XrmRequest['getMetadata']>, values: Record<string, unknown>): XrmRequest {
  return Object.assign(Object.create({ getMetadata: () => metadata }), values) as XrmRequest;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Xrm.WebApi record methods', () => {
  it('createRecord resolves { entityType, id } after a real POST the org logs', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111', name: 'Test' } });
    const result = await Xrm().WebApi.createRecord('account', { name: 'Fabrikam' });
    expect(result).toEqual({ entityType: 'account', id: expect.stringMatching(guidPattern) });
    expect(org.store.get('account', result.id)?.name).toBe('Fabrikam');
    expect(org.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /api/data/v9.2/accounts']);
  });

  it('retrieveRecord resolves the record with its annotations, braces in the id accepted', async () => {
    const org = emptyOrg();
    const account = org.store.create('account', { name: 'Fabrikam' });
    const contact = org.store.create('contact', { fullname: 'Maria Campbell', parentcustomerid: account });
    install({ emulator: org, user: { id: account } });
    const record = await Xrm().WebApi.retrieveRecord('contact', `{${contact.toUpperCase()}}`, '?$select=fullname,_parentcustomerid_value');
    expect(record).toMatchObject({
      fullname: 'Maria Campbell',
      contactid: contact,
      _parentcustomerid_value: account,
      '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': 'Fabrikam',
    });
  });

  it('retrieveMultipleRecords pages OData with maxPageSize and follows nextLink', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C', 'D', 'E']) org.store.create('account', { name });
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const first = await Xrm().WebApi.retrieveMultipleRecords('account', '?$select=name&$orderby=name', 2);
    expect(first.entities.map((e) => e.name)).toEqual(['A', 'B']);
    expect(first.nextLink).toMatch(/^https:\/\/contoso\.crm\.dynamics\.com\/api\/data\/v9\.2\/accounts\?.*\$skiptoken=/);
    const names = [...first.entities.map((e) => e.name)];
    let next = first.nextLink;
    while (next) {
      const page = await Xrm().WebApi.retrieveMultipleRecords('account', new URL(next).search, 2);
      names.push(...page.entities.map((e) => e.name));
      next = page.nextLink;
    }
    expect(names).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('retrieveMultipleRecords takes unencoded FetchXML and gives the paging cookie while FetchXML pages', async () => {
    const org = emptyOrg();
    for (const name of ['A', 'B', 'C']) org.store.create('account', { name });
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const fetch = (page: number) =>
      `?fetchXml=<fetch count="2" page="${page}"><entity name="account"><attribute name="name"/><order attribute="name"/></entity></fetch>`;
    const first = await Xrm().WebApi.retrieveMultipleRecords('account', fetch(1));
    expect(first.entities.map((e) => e.name)).toEqual(['A', 'B']);
    expect(first.fetchXmlPagingCookie).toMatch(/^<cookie pagenumber="2" pagingcookie="[^"]+" istracking="False" \/>$/);
    const last = await Xrm().WebApi.retrieveMultipleRecords('account', fetch(2));
    expect(last).toEqual({ entities: [expect.objectContaining({ name: 'C' })] });
  });

  it('updateRecord resolves { entityType, id } and does not create a missing record', async () => {
    const org = emptyOrg();
    const id = org.store.create('account', { name: 'Old' });
    install({ emulator: org, user: { id } });
    expect(await Xrm().WebApi.updateRecord('account', id, { name: 'New' })).toEqual({ entityType: 'account', id });
    expect(org.store.get('account', id)?.name).toBe('New');
    const missing = '22222222-2222-2222-2222-222222222222';
    await expect(Xrm().WebApi.updateRecord('account', missing, { name: 'x' })).rejects.toEqual({
      errorCode: 0x80040217,
      message: `account With Id = ${missing} Does Not Exist`,
    });
    expect(org.store.get('account', missing)).toBeUndefined();
  });

  it('deleteRecord resolves { entityType, id } and deletes', async () => {
    const org = emptyOrg();
    const id = org.store.create('account', { name: 'Gone' });
    install({ emulator: org, user: { id } });
    expect(await Xrm().WebApi.deleteRecord('account', id)).toEqual({ entityType: 'account', id });
    expect(org.store.get('account', id)).toBeUndefined();
  });

  it('rejects with { errorCode, message }: the hex code as a positive number', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    await expect(Xrm().WebApi.retrieveMultipleRecords('account', '?$select=nosuch')).rejects.toEqual({
      errorCode: 2147879048,
      message: "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'.",
    });
    await expect(Xrm().WebApi.retrieveMultipleRecords('account', '?fetchXml=<fetch><entity name="account">')).rejects.toMatchObject({
      errorCode: 2147746305,
    });
    await expect(Xrm().WebApi.retrieveRecord('nosuchtable', '22222222-2222-2222-2222-222222222222')).rejects.toMatchObject({
      errorCode: 2147879050,
    });
  });

  it('createRecord and deleteRecord reject with the error of the request that failed', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    await expect(Xrm().WebApi.createRecord('account', { nosuch: 1 })).rejects.toEqual({
      errorCode: 0x80048d19,
      message:
        "The property 'nosuch' does not exist on type 'Microsoft.Dynamics.CRM.account'. Make sure to only use property names that are defined by the type.",
    });
    const missing = '33333333-3333-3333-3333-333333333333';
    await expect(Xrm().WebApi.deleteRecord('account', missing)).rejects.toEqual({
      errorCode: 0x80040217,
      message: `account With Id = ${missing} Does Not Exist`,
    });
  });

  it('rejects with errorCode 0 when the connection fails', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    org.faults.add({ kind: 'network' });
    await expect(Xrm().WebApi.retrieveMultipleRecords('account')).rejects.toMatchObject({ errorCode: 0, message: expect.any(String) });
  });

  it('obeys fault injection: a throttle rejects with the service-protection code', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    org.faults.add({ kind: 'throttle', retryAfter: 1 });
    await expect(Xrm().WebApi.retrieveMultipleRecords('account')).rejects.toMatchObject({ errorCode: 0x80072322 });
  });

  it('refuses bad arguments with an OmnichannelError naming the field, sending nothing', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const error = await Xrm()
      .WebApi.retrieveRecord('account', 'not-a-guid')
      .catch((e: unknown) => e);
    expect(isOmnichannelError(error) && error.code === 'InvalidInput' && /id must be a GUID/.test(error.message)).toBe(true);
    await expect(Xrm().WebApi.retrieveMultipleRecords('account', '', 0)).rejects.toThrow(/maxPageSize/);
    expect(org.requests).toEqual([]);
  });

  it('isAvailableOffline is false unless the table is listed', () => {
    install({ emulator: emptyOrg(), user: { id: '11111111-1111-1111-1111-111111111111' }, offlineTables: ['contact'] });
    expect([Xrm().WebApi.isAvailableOffline('contact'), Xrm().WebApi.isAvailableOffline('account')]).toEqual([true, false]);
  });

  it('online has the same methods, sending the same requests', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const { id } = await Xrm().WebApi.online.createRecord('contact', { fullname: 'Online' });
    expect((await Xrm().WebApi.online.retrieveRecord('contact', id, '?$select=fullname')).fullname).toBe('Online');
  });
});

describe('Xrm.WebApi.online.execute and executeMultiple', () => {
  const crud = (operationName: string) => ({ boundParameter: null, parameterTypes: {}, operationType: 2 as const, operationName });

  it('runs CRUD requests and resolves a Response-like object', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const created = await Xrm().WebApi.online.execute(requestOf(crud('Create'), { etn: 'account', payload: { name: 'Via execute' } }));
    expect([created.ok, created.status]).toEqual([true, 204]);
    const id = /\(([^)]+)\)$/.exec(created.headers.get('OData-EntityId') ?? '')![1]!;
    const read = await Xrm().WebApi.online.execute(
      requestOf(crud('Retrieve'), { entityReference: { entityType: 'account', id }, columns: ['name'] }),
    );
    expect(((await read.json()) as { name: string }).name).toBe('Via execute');
    await Xrm().WebApi.online.execute(requestOf(crud('Update'), { etn: 'account', id, payload: { name: 'Updated' } }));
    expect(org.store.get('account', id)?.name).toBe('Updated');
    await Xrm().WebApi.online.execute(requestOf(crud('Delete'), { entityReference: { entityType: 'account', id } }));
    expect(org.store.get('account', id)).toBeUndefined();
  });

  it('runs a function (WhoAmI) and rejects an unknown action with the error shape', async () => {
    const org = seededOrg();
    install({ emulator: org });
    const whoAmI = await Xrm().WebApi.online.execute(
      requestOf({ boundParameter: null, parameterTypes: {}, operationType: 1, operationName: 'WhoAmI' }, {}),
    );
    expect(((await whoAmI.json()) as { UserId: string }).UserId).toBe(org.currentUserId);
    await expect(
      Xrm().WebApi.online.execute(
        requestOf({ boundParameter: null, parameterTypes: {}, operationType: 0, operationName: 'new_NoSuchAction' }, { Value: 1 }),
      ),
    ).rejects.toMatchObject({ errorCode: 2147879050 });
  });

  it('associates and disassociates a child record', async () => {
    const org = emptyOrg();
    const conversation = org.store.create('msdyn_ocliveworkitem', { subject: 'Parent' });
    const session = org.store.create('msdyn_ocsession', { subject: 'Child' });
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const relationship = 'msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid';
    const target = { entityType: 'msdyn_ocliveworkitem', id: conversation };
    await Xrm().WebApi.online.execute(
      requestOf(crud('Associate'), { target, relatedEntities: [{ entityType: 'msdyn_ocsession', id: session }], relationship }),
    );
    expect(org.store.get('msdyn_ocsession', session)?._msdyn_liveworkitemid_value).toBe(conversation);
    await Xrm().WebApi.online.execute(requestOf(crud('Disassociate'), { target, relatedEntityId: session, relationship }));
    expect(org.store.get('msdyn_ocsession', session)?._msdyn_liveworkitemid_value).toBeNull();
  });

  it('executeMultiple sends one $batch and resolves one response per request, change sets included', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const responses = await Xrm().WebApi.online.executeMultiple([
      [
        requestOf(crud('Create'), { etn: 'account', payload: { name: 'One' } }),
        requestOf(crud('Create'), { etn: 'account', payload: { name: 'Two' } }),
      ],
      requestOf({ boundParameter: null, parameterTypes: {}, operationType: 1, operationName: 'WhoAmI' }, {}),
    ]);
    expect(responses.map((r) => [r.ok, r.status])).toEqual([
      [true, 204],
      [true, 204],
      [false, 401],
    ]);
    expect(org.store.list('account').map((a) => a.name)).toEqual(['One', 'Two']);
    expect(org.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/data/v9.2/$batch']);
  });

  it('executeMultiple undoes a change set when one of its requests fails', async () => {
    const org = emptyOrg();
    install({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' } });
    const responses = await Xrm().WebApi.online.executeMultiple([
      [
        requestOf(crud('Create'), { etn: 'account', payload: { name: 'Kept?' } }),
        requestOf(crud('Update'), { etn: 'account', id: '22222222-2222-2222-2222-222222222222', payload: { name: 'x' } }),
      ],
    ]);
    expect(responses.some((r) => !r.ok)).toBe(true);
    expect(org.store.list('account')).toEqual([]);
  });

  it('refuses a read inside a change set', async () => {
    install({ emulator: emptyOrg(), user: { id: '11111111-1111-1111-1111-111111111111' } });
    await expect(
      Xrm().WebApi.online.executeMultiple([
        [requestOf(crud('Retrieve'), { entityReference: { entityType: 'account', id: '22222222-2222-2222-2222-222222222222' } })],
      ]),
    ).rejects.toThrow(/reads cannot be in a change set/);
  });
});

describe('Xrm.Utility, Xrm.Navigation and Microsoft.Apm', () => {
  it('getGlobalContext describes the org and its signed-in agent', () => {
    const org = seededOrg();
    const role = { id: 'AAAAAAAA-0000-0000-0000-000000000001', name: 'Omnichannel agent' };
    install({ emulator: org, user: { roles: [role] } });
    const context = Xrm().Utility.getGlobalContext();
    expect(context.getClientUrl()).toBe('https://contoso.crm.dynamics.com');
    expect(context.userSettings.userId).toBe(`{${org.currentUserId!.toUpperCase()}}`);
    expect(context.userSettings.userName).toBe(org.store.get('systemuser', org.currentUserId!)?.fullname);
    expect(context.userSettings.roles.get()).toEqual([{ id: role.id.toLowerCase(), name: role.name, entityType: 'role' }]);
    expect(context.userSettings.roles.getLength()).toBe(1);
    expect(context.organizationSettings.uniqueName).toBe('contoso');
  });

  it('getEntitySetName answers the entity set of a table', () => {
    install({ emulator: seededOrg() });
    expect(Xrm().Utility.getEntitySetName('msdyn_ocliveworkitem')).toBe('msdyn_ocliveworkitems');
  });

  it('records openForm, openAlertDialog, the progress indicator and refreshTab', async () => {
    const org = seededOrg();
    const omnichannel = installFakeOmnichannel({ emulator: org });
    installed.push(omnichannel);
    const fake = install({ emulator: org, omnichannel });
    await Xrm().Navigation.openForm({ entityName: 'incident', entityId: 'x' }, { title: 'T' });
    await Xrm().Navigation.openAlertDialog({ text: 'Linked' });
    Xrm().Utility.showProgressIndicator('Linking…');
    expect(fake.progressShowing).toBe(true);
    Xrm().Utility.closeProgressIndicator();
    const microsoft = (globalThis as unknown as { Microsoft: { Apm: { refreshTab(id: string): void }; Omnichannel: unknown } }).Microsoft;
    microsoft.Apm.refreshTab('tab-id-1');
    expect(fake.recorded).toEqual({
      openedForms: [{ options: { entityName: 'incident', entityId: 'x' }, parameters: { title: 'T' } }],
      alerts: [{ strings: { text: 'Linked' }, options: undefined }],
      progress: ['Linking…', null],
      refreshedTabs: [{ tabId: 'tab-id-1', sessionId: omnichannel.workspace.focused.id }],
    });
    expect(fake.progressShowing).toBe(false);
    expect(microsoft.Omnichannel).toBe(omnichannel.api);
  });

  it('refuses a fake Omnichannel installed on another emulator', () => {
    const omnichannel = installFakeOmnichannel({ emulator: seededOrg() });
    installed.push(omnichannel);
    expect(() => installFakeXrm({ emulator: seededOrg(), omnichannel })).toThrow(/another emulator/);
  });
});

describe('installing on top of an Xrm, and uninstalling', () => {
  it('keeps the existing Xrm’s members and restores it', () => {
    const page = { data: { entity: { getId: () => '{X}' } } };
    class Utility {
      alertDialog() {
        return 'existing';
      }
    }
    const existing = { Page: page, Utility: new Utility(), WebApi: { retrieveRecord: () => 'not implemented' } };
    const target: Record<string, unknown> = { Xrm: existing };
    const fake = installFakeXrm({ emulator: seededOrg(), target });
    const xrm = target.Xrm as { Page: unknown; Utility: Utility & { getEntitySetName(n: string): string }; WebApi: XrmWebApi };
    expect(xrm.Page).toBe(page);
    expect(xrm.Utility.alertDialog()).toBe('existing');
    expect(xrm.Utility.getEntitySetName('account')).toBe('accounts');
    expect(typeof xrm.WebApi.retrieveMultipleRecords).toBe('function');
    expect(existing.WebApi.retrieveRecord()).toBe('not implemented');
    fake.uninstall();
    expect(target.Xrm).toBe(existing);
    expect('Microsoft' in target).toBe(false);
  });

  it('removes Xrm it defined', () => {
    const target: Record<string, unknown> = {};
    installFakeXrm({ emulator: seededOrg(), target }).uninstall();
    expect(target).toEqual({});
  });
});
