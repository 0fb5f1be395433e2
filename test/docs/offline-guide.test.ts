// docs/testing.md › Mobile offline: Xrm.WebApi.offline — the guide's block, run here as written
// (at the top level of this file, as a test file of its own: its `declare const Xrm` must be).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createOrgEmulator, installFakeXrm, type InstalledFakeXrm, type XrmOfflineErrorResponse, type XrmWebApi } from '../../src/testing/index.js';

// saveContact.test.ts

// The script under test (a form script would have it in its own file).
declare const Xrm: { WebApi: XrmWebApi };
async function saveContact(fullname: string, accountId: string): Promise<string> {
  const data = { fullname, parentcustomerid: { logicalname: 'account', id: accountId } };
  return (await Xrm.WebApi.offline.createRecord('contact', data)).id;
}

const org = createOrgEmulator({ data: 'empty' });
let xrm: InstalledFakeXrm;
beforeEach(() => {
  xrm = installFakeXrm({ emulator: org, user: { id: '11111111-1111-1111-1111-111111111111' }, offlineTables: ['contact'] });
});
afterEach(() => xrm.uninstall());

it('saves the contact under its account, offline', async () => {
  const accountId = org.store.create('account', { name: 'Fabrikam' });

  const contactId = await saveContact('Maria Campbell', accountId);

  expect(org.store.get('contact', contactId)?._parentcustomerid_value).toBe(accountId);
});

it('cannot read a table that is not in the offline profile, and sends nothing', async () => {
  org.requests.length = 0;

  const error = (await Xrm.WebApi.offline.retrieveMultipleRecords('account').catch((e: unknown) => e)) as XrmOfflineErrorResponse;

  expect([error.errorCode, error.debugMessage]).toEqual([0, 'offline:table']);
  expect(org.requests).toHaveLength(0);
});

