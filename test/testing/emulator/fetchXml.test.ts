// FetchXML in the emulator: each operator, links, paging with the cookie, aggregates, the same
// questions in OData and FetchXML giving the same rows, malformed and unsupported FetchXML.
import { describe, expect, it } from 'vitest';
import { ConversationStatus } from '../../../src/index.js';
import type { OrgEmulator } from '../../../src/testing/index.js';
import { fetchXmlOperators, notImplementedOperators } from '../../../src/testing/emulator/fetchXml/index.js';
import { allAnnotations, emptyOrg, errorOf, getJson, query, seededOrg } from '../support.js';

/** An org with four accounts and five contacts whose every value the tests know (clock 2026-03-01T12:00Z). */
function arrange() {
  const org = emptyOrg();
  const { store } = org;
  const fabrikam = store.create('account', { name: 'Fabrikam', telephone1: '555-0100' });
  const contoso = store.create('account', { name: 'Contoso', telephone1: '555-0200' });
  const litware = store.create('account', { name: 'Litware' });
  const adatum = store.create('account', { name: 'A. Datum', telephone1: '555-0300' });
  const contact = (fullname: string, parent: string | null, createdon: string, lastname?: string) =>
    store.create('contact', { fullname, parentcustomerid: parent, createdon, ...(lastname ? { lastname } : {}) });
  const maria = contact('Maria Campbell', fabrikam, '2026-03-01T08:00:00Z', 'Campbell');
  const nancy = contact('Nancy Anderson', fabrikam, '2026-02-28T08:00:00Z', 'Anderson');
  const paul = contact('Paul Cannon', contoso, '2026-02-10T08:00:00Z', 'Cannon');
  const rene = contact('René Valdes', null, '2026-01-15T08:00:00Z');
  const sven = contact('Sven Mortensen', contoso, '2025-12-31T23:00:00Z', 'Mortensen');
  return { org, fabrikam, contoso, litware, adatum, maria, nancy, paul, rene, sven };
}

/** `GET <set>?fetchXml=…` read to its end. */
function fetchXml(org: OrgEmulator, set: string, xml: string, prefer = allAnnotations) {
  return getJson(org, set + query({ fetchXml: xml }), { Prefer: prefer });
}

/** The values of one column of a FetchXML answer that must succeed. */
async function names(org: OrgEmulator, xml: string, column = 'fullname'): Promise<unknown[]> {
  const answer = await fetchXml(org, 'contacts', xml);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body.value as Record<string, unknown>[]).map((row) => row[column]);
}

const contactsWhere = (condition: string, order = '<order attribute="fullname"/>') =>
  `<fetch><entity name="contact"><attribute name="fullname"/>${order}<filter>${condition}</filter></entity></fetch>`;

describe('FetchXML › entity, attribute, order', () => {
  it('answers the selected columns, the primary key and the etag, nulls left out', async () => {
    const { org, rene } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      `<fetch><entity name="contact"><attribute name="fullname"/><attribute name="lastname"/><filter><condition attribute="contactid" operator="eq" value="{${rene.toUpperCase()}}"/></filter></entity></fetch>`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe(
      'https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#contacts(fullname,lastname,contactid)',
    );
    expect(answer.body.value).toEqual([{ '@odata.etag': expect.stringMatching(/^W\/"\d+"$/), fullname: 'René Valdes', contactid: rene }]);
  });

  it('answers every column with <all-attributes/>, and without any <attribute>', async () => {
    const { org } = arrange();
    for (const inner of ['<all-attributes/>', '']) {
      const answer = await fetchXml(
        org,
        'accounts',
        `<fetch top="1"><entity name="account">${inner}<order attribute="name"/></entity></fetch>`,
      );
      expect(answer.body.value[0]).toMatchObject({ name: 'A. Datum', telephone1: '555-0300', accountid: expect.any(String) });
      expect(answer.body.value[0]['createdon@OData.Community.Display.V1.FormattedValue']).toBe('3/1/2026 12:00 PM');
    }
  });

  it('sorts ascending and descending, by several orders', async () => {
    const { org } = arrange();
    expect(
      await names(
        org,
        '<fetch><entity name="contact"><attribute name="fullname"/><order attribute="fullname" descending="true"/></entity></fetch>',
      ),
    ).toEqual(['Sven Mortensen', 'René Valdes', 'Paul Cannon', 'Nancy Anderson', 'Maria Campbell']);
    expect(
      await names(
        org,
        '<fetch><entity name="contact"><attribute name="fullname"/><order attribute="parentcustomerid"/><order attribute="createdon"/></entity></fetch>',
      ),
    ).toHaveLength(5);
  });

  it('sorts a choice column by its label, and by its value with useraworderby', async () => {
    const org = seededOrg();
    const statuses = async (raw: boolean) => {
      const answer = await fetchXml(
        org,
        'msdyn_ocliveworkitems',
        `<fetch useraworderby="${raw}" aggregate="false"><entity name="msdyn_ocliveworkitem"><attribute name="statuscode"/><order attribute="statuscode"/></entity></fetch>`,
      );
      return [...new Set((answer.body.value as { statuscode: number }[]).map((row) => row.statuscode))];
    };
    expect(await statuses(true)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Active, Closed, Open, Resolved, Scheduled, Waiting, Wrap-up
    expect(await statuses(false)).toEqual([2, 4, 1, 6, 7, 3, 5]);
  });

  it('names an aliased column by its alias, with its attribute name', async () => {
    const { org, fabrikam } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      `<fetch top="1"><entity name="contact"><attribute name="fullname" alias="name"/><attribute name="parentcustomerid" alias="parent"/><order attribute="fullname"/></entity></fetch>`,
    );
    expect(answer.body.value[0]).toMatchObject({
      name: 'Maria Campbell',
      'name@OData.Community.Display.V1.AttributeName': 'fullname',
      parent: fabrikam,
      'parent@OData.Community.Display.V1.FormattedValue': 'Fabrikam',
      'parent@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    });
  });

  it('answers a lookup as _x_value with its annotations', async () => {
    const { org, fabrikam } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      contactsWhere('<condition attribute="fullname" operator="eq" value="maria campbell"/>').replace(
        '<attribute name="fullname"/>',
        '<attribute name="parentcustomerid"/>',
      ),
    );
    expect(answer.body.value[0]).toMatchObject({
      _parentcustomerid_value: fabrikam,
      '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': 'Fabrikam',
      '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    });
  });
});

describe('FetchXML › condition operators', () => {
  const cases: [string, string, string[]][] = [
    ['eq (case-insensitive)', '<condition attribute="fullname" operator="eq" value="PAUL CANNON"/>', ['Paul Cannon']],
    [
      'ne (nulls excluded)',
      '<condition attribute="lastname" operator="ne" value="Cannon"/>',
      ['Maria Campbell', 'Nancy Anderson', 'Sven Mortensen'],
    ],
    ['neq', '<condition attribute="lastname" operator="neq" value="Cannon"/>', ['Maria Campbell', 'Nancy Anderson', 'Sven Mortensen']],
    ['gt', '<condition attribute="fullname" operator="gt" value="Paul Cannon"/>', ['René Valdes', 'Sven Mortensen']],
    ['ge', '<condition attribute="fullname" operator="ge" value="Paul Cannon"/>', ['Paul Cannon', 'René Valdes', 'Sven Mortensen']],
    ['lt', '<condition attribute="fullname" operator="lt" value="Nancy Anderson"/>', ['Maria Campbell']],
    ['le', '<condition attribute="fullname" operator="le" value="Nancy Anderson"/>', ['Maria Campbell', 'Nancy Anderson']],
    ['like', '<condition attribute="fullname" operator="like" value="%an%n"/>', ['Nancy Anderson', 'Paul Cannon']],
    ['like with _ and [ ]', '<condition attribute="fullname" operator="like" value="[mn]a_%"/>', ['Maria Campbell', 'Nancy Anderson']],
    ['not-like', '<condition attribute="fullname" operator="not-like" value="%a%"/>', ['Sven Mortensen']],
    ['begins-with', '<condition attribute="fullname" operator="begins-with" value="p"/>', ['Paul Cannon']],
    [
      'not-begin-with',
      '<condition attribute="fullname" operator="not-begin-with" value="p"/>',
      ['Maria Campbell', 'Nancy Anderson', 'René Valdes', 'Sven Mortensen'],
    ],
    ['ends-with', '<condition attribute="fullname" operator="ends-with" value="SON"/>', ['Nancy Anderson']],
    ['not-end-with', '<condition attribute="fullname" operator="not-end-with" value="n"/>', ['Maria Campbell', 'René Valdes']],
    [
      'in',
      '<condition attribute="lastname" operator="in"><value>Cannon</value><value>campbell</value></condition>',
      ['Maria Campbell', 'Paul Cannon'],
    ],
    [
      'not-in',
      '<condition attribute="lastname" operator="not-in"><value>Cannon</value><value>campbell</value></condition>',
      ['Nancy Anderson', 'Sven Mortensen'],
    ],
    ['null', '<condition attribute="lastname" operator="null"/>', ['René Valdes']],
    [
      'not-null',
      '<condition attribute="parentcustomerid" operator="not-null"/>',
      ['Maria Campbell', 'Nancy Anderson', 'Paul Cannon', 'Sven Mortensen'],
    ],
    [
      'between',
      '<condition attribute="createdon" operator="between"><value>2026-02-01</value><value>2026-02-28T08:00:00Z</value></condition>',
      ['Nancy Anderson', 'Paul Cannon'],
    ],
    [
      'not-between',
      '<condition attribute="createdon" operator="not-between"><value>2026-02-01</value><value>2026-02-28T08:00:00Z</value></condition>',
      ['Maria Campbell', 'René Valdes', 'Sven Mortensen'],
    ],
    ['on', '<condition attribute="createdon" operator="on" value="2026-02-28"/>', ['Nancy Anderson']],
    ['on-or-before', '<condition attribute="createdon" operator="on-or-before" value="2026-01-15"/>', ['René Valdes', 'Sven Mortensen']],
    ['on-or-after', '<condition attribute="createdon" operator="on-or-after" value="2026-02-28"/>', ['Maria Campbell', 'Nancy Anderson']],
    ['today', '<condition attribute="createdon" operator="today"/>', ['Maria Campbell']],
    ['yesterday', '<condition attribute="createdon" operator="yesterday"/>', ['Nancy Anderson']],
    [
      'last-x-days',
      '<condition attribute="createdon" operator="last-x-days" value="20"/>',
      ['Maria Campbell', 'Nancy Anderson', 'Paul Cannon'],
    ],
    ['last-seven-days', '<condition attribute="createdon" operator="last-seven-days"/>', ['Maria Campbell', 'Nancy Anderson']],
    ['next-x-days', '<condition attribute="createdon" operator="next-x-days" value="3"/>', []],
    ['olderthan-x-days', '<condition attribute="createdon" operator="olderthan-x-days" value="30"/>', ['René Valdes', 'Sven Mortensen']],
    ['olderthan-x-months', '<condition attribute="createdon" operator="olderthan-x-months" value="2"/>', ['Sven Mortensen']],
    ['this-month', '<condition attribute="createdon" operator="this-month"/>', ['Maria Campbell']],
    ['last-month', '<condition attribute="createdon" operator="last-month"/>', ['Nancy Anderson', 'Paul Cannon']],
    [
      'this-year',
      '<condition attribute="createdon" operator="this-year"/>',
      ['Maria Campbell', 'Nancy Anderson', 'Paul Cannon', 'René Valdes'],
    ],
    ['last-year', '<condition attribute="createdon" operator="last-year"/>', ['Sven Mortensen']],
  ];

  it.each(cases)('%s', async (_name, condition, expected) => {
    const { org } = arrange();
    expect(await names(org, contactsWhere(condition))).toEqual(expected);
  });

  it('not-like excludes every match', async () => {
    const { org } = arrange();
    expect(await names(org, contactsWhere('<condition attribute="fullname" operator="not-like" value="%e%"/>'))).toEqual(['Paul Cannon']);
  });

  it('eq-userid and ne-userid compare with the signed-in user', async () => {
    const org = seededOrg();
    const mine = await fetchXml(
      org,
      'msdyn_ocliveworkitems',
      '<fetch><entity name="msdyn_ocliveworkitem"><attribute name="msdyn_activeagentid"/><filter><condition attribute="msdyn_activeagentid" operator="eq-userid"/></filter></entity></fetch>',
    );
    expect(mine.body.value.length).toBeGreaterThan(0);
    expect(new Set(mine.body.value.map((row: Record<string, unknown>) => row._msdyn_activeagentid_value))).toEqual(
      new Set([org.currentUserId]),
    );
    const others = await fetchXml(
      org,
      'msdyn_ocliveworkitems',
      '<fetch><entity name="msdyn_ocliveworkitem"><attribute name="msdyn_activeagentid"/><filter><condition attribute="msdyn_activeagentid" operator="ne-userid"/></filter></entity></fetch>',
    );
    expect(others.body.value.some((row: Record<string, unknown>) => row._msdyn_activeagentid_value === org.currentUserId)).toBe(false);
    expect(others.body.value.every((row: Record<string, unknown>) => typeof row._msdyn_activeagentid_value === 'string')).toBe(true);
  });

  it('eq-businessid and ne-businessid compare with the business unit WhoAmI answers', async () => {
    const seeded = seededOrg();
    const who = await getJson(seeded, 'WhoAmI');
    const { org } = arrange();
    org.store.create('contact', { contactid: who.body.BusinessUnitId, fullname: 'Same id as the business unit' });
    expect(await names(org, contactsWhere('<condition attribute="contactid" operator="eq-businessid"/>'))).toEqual([
      'Same id as the business unit',
    ]);
    expect(await names(org, contactsWhere('<condition attribute="contactid" operator="ne-businessid"/>'))).toHaveLength(5);
  });

  it('combines and/or filters, nested', async () => {
    const { org } = arrange();
    const xml = contactsWhere(
      '<filter type="or"><condition attribute="lastname" operator="eq" value="Cannon"/><filter type="and"><condition attribute="lastname" operator="null"/><condition attribute="fullname" operator="like" value="R%"/></filter></filter>',
    );
    expect(await names(org, xml)).toEqual(['Paul Cannon', 'René Valdes']);
  });

  it('implements every operator it lists, and answers 501 for the rest of Dataverse’s', async () => {
    const { org } = arrange();
    expect(Object.keys(fetchXmlOperators)).toEqual(expect.arrayContaining(cases.map(([name]) => name.split(' ')[0]!)));
    for (const operator of notImplementedOperators) {
      const answer = await fetchXml(org, 'contacts', contactsWhere(`<condition attribute="createdon" operator="${operator}" value="1"/>`));
      expect([answer.status, errorOf(answer).message]).toEqual([
        501,
        `The emulator does not implement the condition operator '${operator}' in FetchXML.`,
      ]);
    }
  });
});

describe('FetchXML › link-entity', () => {
  const linked = (type: string, extra = '') =>
    `<fetch><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid" link-type="${type}" alias="a"><attribute name="name"/><attribute name="telephone1"/>${extra}</link-entity></entity></fetch>`;

  it('joins inner, its columns as alias.column with their annotations', async () => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', linked('inner'));
    expect(answer.body.value.map((row: Record<string, unknown>) => [row.fullname, row['a.name']])).toEqual([
      ['Maria Campbell', 'Fabrikam'],
      ['Nancy Anderson', 'Fabrikam'],
      ['Paul Cannon', 'Contoso'],
      ['Sven Mortensen', 'Contoso'],
    ]);
    expect(answer.body.value[0]).toMatchObject({ 'a.telephone1': '555-0100', 'a.name@OData.Community.Display.V1.AttributeName': 'name' });
  });

  it('joins outer, keeping rows without a match', async () => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', linked('outer'));
    expect(answer.body.value.map((row: Record<string, unknown>) => row['a.name'] ?? null)).toEqual([
      'Fabrikam',
      'Fabrikam',
      'Contoso',
      null,
      'Contoso',
    ]);
  });

  it('filters inside the link, and after an outer join with entityname', async () => {
    const { org } = arrange();
    expect(await names(org, linked('inner', '<filter><condition attribute="name" operator="eq" value="Contoso"/></filter>'))).toEqual([
      'Paul Cannon',
      'Sven Mortensen',
    ]);
    const missing = linked('outer').replace(
      '</entity>',
      '<filter><condition entityname="a" attribute="accountid" operator="null"/></filter></entity>',
    );
    expect(await names(org, missing)).toEqual(['René Valdes']);
  });

  it('gives one row per linked row (one-to-many), and nests links', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'accounts',
      '<fetch><entity name="account"><attribute name="name"/><order attribute="name"/><link-entity name="contact" from="parentcustomerid" to="accountid" alias="c"><attribute name="fullname"/><order attribute="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="again"><attribute name="telephone1"/></link-entity></link-entity></entity></fetch>',
    );
    expect(answer.body.value.map((row: Record<string, unknown>) => `${row.name}/${row['c.fullname']}/${row['again.telephone1']}`)).toEqual([
      'Contoso/Paul Cannon/555-0200',
      'Contoso/Sven Mortensen/555-0200',
      'Fabrikam/Maria Campbell/555-0100',
      'Fabrikam/Nancy Anderson/555-0100',
    ]);
  });

  it('semi-joins with link-type exists', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'accounts',
      '<fetch><entity name="account"><attribute name="name"/><order attribute="name"/><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="exists"/></entity></fetch>',
    );
    expect(answer.body.value.map((row: Record<string, unknown>) => row.name)).toEqual(['Contoso', 'Fabrikam']);
  });

  it('names a link without an alias after its table', async () => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', linked('inner').replace(' alias="a"', ''));
    expect(answer.body.value[0]['account1.name']).toBe('Fabrikam');
  });

  it('refuses more than 15 link-entities with Dataverse’s code', async () => {
    const { org } = arrange();
    const links = Array.from(
      { length: 16 },
      (_, i) => `<link-entity name="account" from="accountid" to="parentcustomerid" alias="l${i}"/>`,
    ).join('');
    const answer = await fetchXml(org, 'contacts', `<fetch><entity name="contact">${links}</entity></fetch>`);
    expect([answer.status, errorOf(answer).code]).toEqual([400, '0x8004430d']);
  });
});

describe('FetchXML › paging', () => {
  const page = (n: number, cookie?: string) =>
    `<fetch count="2" page="${n}"${cookie === undefined ? '' : ` paging-cookie="${cookie.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"`}><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/></entity></fetch>`;

  it('pages with count and page, following the cookie as the docs describe, to the last page', async () => {
    const { org, nancy } = arrange();
    const seen: unknown[] = [];
    let cookie: string | undefined;
    for (let n = 1; n <= 3; n++) {
      const answer = await fetchXml(org, 'contacts', page(n, cookie));
      expect(answer.status).toBe(200);
      seen.push(...answer.body.value.map((row: Record<string, unknown>) => row.fullname));
      const annotation = answer.body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] as string | undefined;
      if (n < 3) {
        expect(answer.body['@Microsoft.Dynamics.CRM.morerecords']).toBe(true);
        expect(annotation).toMatch(new RegExp(`^<cookie pagenumber="${n + 1}" pagingcookie=".+" istracking="False" />$`));
        cookie = decodeURIComponent(decodeURIComponent(/pagingcookie="([^"]*)"/.exec(annotation!)![1]!));
        expect(cookie.startsWith(`<cookie page="${n}">`)).toBe(true);
        if (n === 1) expect(cookie).toContain(`<contactid last="{${nancy.toUpperCase()}}"`);
      } else {
        expect(annotation).toBeUndefined();
        expect(answer.body['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
      }
    }
    expect(seen).toEqual(['Maria Campbell', 'Nancy Anderson', 'Paul Cannon', 'René Valdes', 'Sven Mortensen']);
  });

  it('cuts the result with top, without paging annotations', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch top="2"><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/></entity></fetch>',
    );
    expect(answer.body.value).toHaveLength(2);
    expect(answer.body['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
  });

  it('counts all matching records with returntotalrecordcount', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch count="2" returntotalrecordcount="true"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
    );
    expect([answer.body['@odata.count'], answer.body['@Microsoft.Dynamics.CRM.totalrecordcount'], answer.body.value.length]).toEqual([
      5, 5, 2,
    ]);
  });

  it('answers distinct rows without the primary key', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch distinct="true"><entity name="contact"><attribute name="parentcustomerid"/><order attribute="parentcustomerid"/></entity></fetch>',
    );
    expect(answer.body.value).toHaveLength(3);
    expect(answer.body.value.every((row: Record<string, unknown>) => !('contactid' in row))).toBe(true);
  });
});

describe('FetchXML › aggregates', () => {
  it('counts, sums, averages and takes min and max, with formatted values', async () => {
    const org = seededOrg();
    const answer = await fetchXml(
      org,
      'msdyn_ocliveworkitems',
      `<fetch aggregate="true"><entity name="msdyn_ocliveworkitem">
        <attribute name="activityid" alias="n" aggregate="count"/>
        <attribute name="msdyn_activeagentid" alias="agents" aggregate="countcolumn" distinct="true"/>
        <attribute name="msdyn_transfercount" alias="total" aggregate="sum"/>
        <attribute name="msdyn_transfercount" alias="mean" aggregate="avg"/>
        <attribute name="createdon" alias="first" aggregate="min"/>
        <attribute name="createdon" alias="last" aggregate="max"/>
      </entity></fetch>`,
    );
    expect(answer.status).toBe(200);
    const rows = org.store.list('msdyn_ocliveworkitem');
    const transfers = rows.map((row) => row.msdyn_transfercount).filter((value): value is number => typeof value === 'number');
    const row = answer.body.value[0];
    expect(row).toMatchObject({
      n: rows.length,
      'n@OData.Community.Display.V1.FormattedValue': String(rows.length),
      agents: new Set(rows.map((r) => r._msdyn_activeagentid_value).filter(Boolean)).size,
      total: transfers.reduce((a, b) => a + b, 0),
      mean: transfers.reduce((a, b) => a + b, 0) / transfers.length,
      'total@OData.Community.Display.V1.AttributeName': 'msdyn_transfercount',
    });
    expect(row.first < row.last).toBe(true);
    expect(answer.body.value[0]).not.toHaveProperty('@odata.etag');
  });

  it('groups by a choice and a lookup, labelled, ordered by an alias', async () => {
    const org = seededOrg();
    const answer = await fetchXml(
      org,
      'msdyn_ocliveworkitems',
      `<fetch aggregate="true"><entity name="msdyn_ocliveworkitem"><attribute name="statuscode" alias="status" groupby="true"/><attribute name="activityid" alias="n" aggregate="count"/><order alias="n" descending="true"/></entity></fetch>`,
    );
    const expected = new Map<number, number>();
    for (const row of org.store.list('msdyn_ocliveworkitem'))
      expected.set(row.statuscode as number, (expected.get(row.statuscode as number) ?? 0) + 1);
    const got = answer.body.value as { status: number; n: number; 'status@OData.Community.Display.V1.FormattedValue': string }[];
    expect(new Map(got.map((row) => [row.status, row.n]))).toEqual(expected);
    expect(got.map((row) => row.n)).toEqual([...got.map((row) => row.n)].sort((a, b) => b - a));
    expect(got.find((row) => row.status === ConversationStatus.WrapUp)?.['status@OData.Community.Display.V1.FormattedValue']).toBe(
      'Wrap-up',
    );
  });

  it('groups by a date part (dategrouping)', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch aggregate="true"><entity name="contact"><attribute name="createdon" alias="month" groupby="true" dategrouping="month"/><attribute name="contactid" alias="n" aggregate="count"/><order alias="month"/></entity></fetch>',
    );
    expect(answer.body.value.map((row: Record<string, unknown>) => [row.month, row.n])).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
      [12, 1],
    ]);
  });

  it('groups by a linked column, named by its alias', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="a"><attribute name="name" alias="account" groupby="true"/></link-entity><order alias="account"/></entity></fetch>',
    );
    expect(answer.body.value.map((row: Record<string, unknown>) => [row.account, row.n])).toEqual([
      ['Contoso', 2],
      ['Fabrikam', 2],
    ]);
  });

  it('needs an alias on every attribute of an aggregate query', async () => {
    const { org } = arrange();
    const answer = await fetchXml(
      org,
      'contacts',
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" aggregate="count"/></entity></fetch>',
    );
    expect(answer.status).toBe(400);
  });
});

describe('FetchXML › the same questions in OData and FetchXML', () => {
  const questions: [string, string, string][] = [
    ['waiting conversations by subject', 'statuscode eq 3', '<condition attribute="statuscode" operator="eq" value="3"/>'],
    [
      'high priority, not outbound',
      'prioritycode eq 2 and msdyn_isoutbound eq false',
      '<condition attribute="prioritycode" operator="eq" value="2"/><condition attribute="msdyn_isoutbound" operator="eq" value="0"/>',
    ],
    [
      'closed or resolved',
      'statuscode eq 4 or statuscode eq 6',
      '<filter type="or"><condition attribute="statuscode" operator="eq" value="4"/><condition attribute="statuscode" operator="eq" value="6"/></filter>',
    ],
    ['subject starts with a letter range', "startswith(subject,'C')", '<condition attribute="subject" operator="begins-with" value="C"/>'],
    ['not assigned', '_msdyn_activeagentid_value eq null', '<condition attribute="msdyn_activeagentid" operator="null"/>'],
    [
      'created before a date',
      'createdon lt 2026-02-20T00:00:00Z',
      '<condition attribute="createdon" operator="lt" value="2026-02-20T00:00:00Z"/>',
    ],
  ];

  it.each(questions)('%s', async (_name, filter, conditions) => {
    const org = seededOrg();
    const odata = await getJson(
      org,
      `msdyn_ocliveworkitems${query({ $select: 'subject', $filter: filter, $orderby: 'createdon desc,activityid' })}`,
    );
    const fetch = await fetchXml(
      org,
      'msdyn_ocliveworkitems',
      `<fetch><entity name="msdyn_ocliveworkitem"><attribute name="subject"/><order attribute="createdon" descending="true"/><order attribute="activityid"/><filter>${conditions}</filter></entity></fetch>`,
    );
    const ids = (answer: { body: { value: { activityid: string }[] } }) => answer.body.value.map((row) => row.activityid);
    expect(ids(odata).length).toBeGreaterThan(0);
    expect(ids(fetch)).toEqual(ids(odata));
  });
});

describe('FetchXML › malformed and unsupported', () => {
  const malformed = [
    '<fetch><entity name="contact"></fetch>',
    '<fetch><entity name="contact"/></fetch><fetch/>',
    'not xml',
    '<fetch><entity name="contact" name="x"/></fetch>',
    '<!DOCTYPE fetch [<!ENTITY x "y">]><fetch/>',
    '<fetch><entity name="contact"><attribute nam="fullname"/></entity></fetch>',
    '<fetch><entity name="contact"><frobnicate/></entity></fetch>',
    '<query><entity name="contact"/></query>',
    '<fetch><entity name="contact"><filter type="xor"/></entity></fetch>',
  ];

  it.each(malformed)('%s is 400 Invalid XML (0x80040201)', async (xml) => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', xml);
    expect([answer.status, errorOf(answer).code]).toEqual([400, '0x80040201']);
    expect(errorOf(answer).message).toMatch(/^Invalid XML\./);
  });

  it('an unknown attribute is 400 QueryBuilderNoAttribute, in Dataverse’s words', async () => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', '<fetch><entity name="contact"><attribute name="nosuch"/></entity></fetch>');
    expect([answer.status, errorOf(answer).code]).toEqual([400, '0x80041103']);
    expect(errorOf(answer).message).toContain("'contact' entity doesn't contain attribute with Name = 'nosuch'");
  });

  it('an entity that is not the entity set’s is 400', async () => {
    const { org } = arrange();
    expect((await fetchXml(org, 'accounts', '<fetch><entity name="contact"/></fetch>')).status).toBe(400);
  });

  const unsupported: [string, string][] = [
    [
      'link-type any',
      '<fetch><entity name="contact"><link-entity name="account" from="accountid" to="parentcustomerid" link-type="any"/></entity></fetch>',
    ],
    ['datasource', '<fetch datasource="retained"><entity name="contact"/></fetch>'],
    [
      'valueof',
      '<fetch><entity name="contact"><filter><condition attribute="firstname" operator="eq" valueof="lastname"/></filter></entity></fetch>',
    ],
    [
      'fiscal dategrouping',
      '<fetch aggregate="true"><entity name="contact"><attribute name="createdon" alias="p" groupby="true" dategrouping="fiscal-period"/></entity></fetch>',
    ],
    ['rowaggregate', '<fetch><entity name="contact"><attribute name="contactid" alias="c" rowaggregate="CountChildren"/></entity></fetch>'],
    ['a link without from and to', '<fetch><entity name="contact"><link-entity name="account"/></entity></fetch>'],
  ];

  it.each(unsupported)('%s is 501 naming it', async (_name, xml) => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', xml);
    expect([answer.status, errorOf(answer).code]).toEqual([501, '0x8006088b']);
    expect(errorOf(answer).message).toMatch(/^The emulator does not implement .+ in FetchXML\.$/);
  });

  it('another query option beside fetchXml is 400', async () => {
    const { org } = arrange();
    const answer = await getJson(org, `contacts${query({ fetchXml: '<fetch><entity name="contact"/></fetch>', $top: '1' })}`);
    expect(answer.status).toBe(400);
  });
});

describe('FetchXML › reading the XML', () => {
  it('decodes entities and character references, reads CDATA, skips comments and the declaration', async () => {
    const { org } = arrange();
    org.store.create('account', { name: 'Smith & Sons <"Ltd">' });
    const xml = `<?xml version="1.0"?><!-- a comment --><fetch><entity name="account"><attribute name="name"/><filter type="or">
      <condition attribute="name" operator="eq" value="Smith &amp; Sons &lt;&quot;Ltd&quot;&gt;"/>
      <condition attribute="name" operator="in"><value><![CDATA[Fabrikam]]></value><value>Lit&#119;are</value></condition>
    </filter><order attribute="name"/></entity></fetch>`;
    const answer = await fetchXml(org, 'accounts', xml);
    expect(answer.body.value.map((row: Record<string, unknown>) => row.name)).toEqual(['Fabrikam', 'Litware', 'Smith & Sons <"Ltd">']);
  });

  it('refuses top over 5000, and top with count', async () => {
    const { org } = arrange();
    expect((await fetchXml(org, 'contacts', '<fetch top="5001"><entity name="contact"/></fetch>')).status).toBe(400);
    expect((await fetchXml(org, 'contacts', '<fetch top="2" count="2"><entity name="contact"/></fetch>')).status).toBe(400);
  });
});

describe('FetchXML › more on links and cookies', () => {
  it('annotates a linked lookup under alias.column with its name and table', async () => {
    const { org, fabrikam } = arrange();
    const answer = await fetchXml(
      org,
      'accounts',
      '<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="name" operator="eq" value="Fabrikam"/></filter><link-entity name="contact" from="parentcustomerid" to="accountid" alias="c"><attribute name="parentcustomerid"/><order attribute="fullname"/></link-entity></entity></fetch>',
    );
    expect(answer.body.value[0]).toMatchObject({
      'c.parentcustomerid': fabrikam,
      'c.parentcustomerid@OData.Community.Display.V1.FormattedValue': 'Fabrikam',
      'c.parentcustomerid@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
      'c.parentcustomerid@OData.Community.Display.V1.AttributeName': 'parentcustomerid',
    });
  });

  it('names a lookup order column in the cookie by its logical name, and gives no cookie for an order on a link', async () => {
    const { org } = arrange();
    const byLookup = await fetchXml(
      org,
      'contacts',
      '<fetch count="1"><entity name="contact"><attribute name="fullname"/><order attribute="parentcustomerid"/></entity></fetch>',
    );
    const cookie = decodeURIComponent(
      decodeURIComponent(/pagingcookie="([^"]*)"/.exec(byLookup.body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'])![1]!),
    );
    expect(cookie).toMatch(
      /^<cookie page="1"><parentcustomerid last="[^"]*" first="[^"]*" \/><contactid last="\{[0-9A-F-]{36}\}" first="\{[0-9A-F-]{36}\}" \/><\/cookie>$/,
    );
    const byLink = await fetchXml(
      org,
      'contacts',
      '<fetch count="1"><entity name="contact"><attribute name="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="a"><order attribute="name"/></link-entity></entity></fetch>',
    );
    expect(byLink.body['@Microsoft.Dynamics.CRM.morerecords']).toBe(true);
    expect(byLink.body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie']).toBeUndefined();
  });

  it('answers paging annotations only when the Prefer header asks for them', async () => {
    const { org } = arrange();
    const answer = await fetchXml(org, 'contacts', '<fetch count="1"><entity name="contact"/></fetch>', '');
    expect(Object.keys(answer.body).filter((key) => key.startsWith('@Microsoft'))).toEqual([]);
  });
});
