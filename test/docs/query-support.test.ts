// docs/emulator.md › Query syntaxes: the table is the one in code, and what it says of FetchXML
// and OData holds when asked.
import { describe, expect, it } from 'vitest';
import { querySupport, renderQuerySupport } from '../../src/testing/emulator/querySupport.js';
import { fetchXmlOperators, notImplementedOperators } from '../../src/testing/emulator/fetchXml/index.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { readGuide } from './support.js';

const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
const get = async (path: string) => (await org.handle(new Request(`https://contoso.crm.dynamics.com/api/data/v9.2/${path}`))).status;
const fetchXml = (xml: string) => get(`contacts?fetchXml=${encodeURIComponent(xml)}`);
const odata = (filter: string) => get(`contacts?$filter=${encodeURIComponent(filter)}`);

describe('docs/emulator.md › Query syntaxes', () => {
  it('carries the support table as the code renders it', () => {
    const page = readGuide('docs/emulator.md');
    const table = /<!-- query-support:start -->\n([\s\S]*?)\n<!-- query-support:end -->/.exec(page)?.[1];
    expect(table).toBe(renderQuerySupport());
  });

  it('lists every FetchXML operator once, implemented or 501', () => {
    const implemented = Object.keys(fetchXmlOperators);
    expect(implemented.filter((name) => notImplementedOperators.includes(name))).toEqual([]);
    expect(new Set([...implemented, ...notImplementedOperators]).size).toBe(implemented.length + notImplementedOperators.length);
  });

  it('has a row for every feature once', () => {
    expect(new Set(querySupport.map((row) => row.feature)).size).toBe(querySupport.length);
  });

  it('the rows that say 501 for OData and ✓ for FetchXML hold: between, relative dates', async () => {
    expect(await odata("Microsoft.Dynamics.CRM.Between(PropertyName='createdon',PropertyValues=['2026-01-01','2026-02-01'])")).toBe(501);
    expect(await fetchXml('<fetch><entity name="contact"><filter><condition attribute="createdon" operator="between"><value>2026-01-01</value><value>2026-02-01</value></condition></filter></entity></fetch>')).toBe(200);
    expect(await odata("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=3)")).toBe(501);
    expect(await fetchXml('<fetch><entity name="contact"><filter><condition attribute="createdon" operator="last-x-days" value="3"/></filter></entity></fetch>')).toBe(200);
  });

  it('the rows on joins and distinct counts hold', async () => {
    expect(await fetchXml('<fetch><entity name="contact"><link-entity name="account" from="accountid" to="parentcustomerid" link-type="outer"/></entity></fetch>')).toBe(200);
    expect(await fetchXml('<fetch><entity name="contact"><link-entity name="account" from="accountid" to="parentcustomerid" link-type="any"/></entity></fetch>')).toBe(501);
    expect(await get(`contacts?$apply=${encodeURIComponent('aggregate(fullname with countdistinct as n)')}`)).toBe(400);
    expect(await fetchXml('<fetch aggregate="true"><entity name="contact"><attribute name="fullname" alias="n" aggregate="countcolumn" distinct="true"/></entity></fetch>')).toBe(200);
  });
});
