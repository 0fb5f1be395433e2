import { describe, expect, it } from 'vitest';
import { Channel, ConversationStatus } from '../../../src/index.js';
import type { OrgEmulator } from '../../../src/testing/index.js';
import { allAnnotations, type Answer, api, emptyOrg, errorOf, getJson, query, seededOrg, send } from '../support.js';

const conversations = 'msdyn_ocliveworkitems';
const queueNav = 'msdyn_cdsqueueid_msdyn_ocliveworkitem';
const sessionsNav = 'msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid';
const contactNav = 'msdyn_customer_msdyn_ocliveworkitem_contact';
const accountNav = 'msdyn_customer_msdyn_ocliveworkitem_account';

/**
 * An empty org with three conversations whose every value the tests know:
 * Alpha (Waiting, live chat + SMS, Normal, Billing queue, a contact, four sessions),
 * Bravo (Active, SMS, High, VIP queue, an account, one session), Charlie (Waiting, voice call, High).
 */
function arrange() {
  const org = emptyOrg();
  const { store } = org;
  const billing = store.create('queue', { name: 'Billing' });
  const vip = store.create('queue', { name: 'VIP' });
  const fabrikam = store.create('account', { name: 'Fabrikam' });
  const maria = store.create('contact', { fullname: 'Maria Campbell', parentcustomerid: fabrikam });
  const alpha = store.create('msdyn_ocliveworkitem', {
    subject: 'Alpha',
    statuscode: ConversationStatus.Waiting,
    msdyn_channel: `${Channel.LiveChat},${Channel.Sms}`,
    prioritycode: 1,
    msdyn_isoutbound: false,
    msdyn_cdsqueueid: billing,
    msdyn_customer: { table: 'contact', id: maria },
  });
  const bravo = store.create('msdyn_ocliveworkitem', {
    subject: 'Bravo',
    statuscode: ConversationStatus.Active,
    msdyn_channel: String(Channel.Sms),
    prioritycode: 2,
    msdyn_isoutbound: true,
    msdyn_cdsqueueid: vip,
    msdyn_customer: { table: 'account', id: fabrikam },
  });
  const charlie = store.create('msdyn_ocliveworkitem', {
    subject: 'Charlie',
    statuscode: ConversationStatus.Waiting,
    msdyn_channel: String(Channel.VoiceCall),
    prioritycode: 2,
  });
  const sessions = [
    ['S-a', 1],
    ['S-b', 2],
    ['S-c', 2],
    ['S-d', 2],
  ].map(([subject, statuscode]) => store.create('msdyn_ocsession', { subject, statuscode, msdyn_liveworkitemid: alpha }));
  store.create('msdyn_ocsession', { subject: 'S-e', statuscode: 2, msdyn_liveworkitemid: bravo });
  return { org, billing, vip, fabrikam, maria, alpha, bravo, charlie, sessions };
}

/** `GET <set>?<options>`, expecting 200, and returns `value`. */
async function list(
  org: OrgEmulator,
  set: string,
  options: Record<string, string>,
  headers?: HeadersInit,
): Promise<Record<string, unknown>[]> {
  const answer = await getJson(org, set + query(options), headers);
  expect(answer.status).toBe(200);
  return answer.body.value;
}

const subjects = (rows: Record<string, unknown>[]) => rows.map((row) => row.subject);

describe('$select', () => {
  it('returns only the selected properties, the primary key and the etag', async () => {
    const { org } = arrange();
    const [row] = await list(org, conversations, { $select: 'subject', $top: '1' });
    expect(Object.keys(row!).sort()).toEqual(['@odata.etag', 'activityid', 'subject']);
  });

  it('names the selected properties in @odata.context', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $select: 'subject,statuscode' }));
    expect(answer.body['@odata.context']).toBe(api('$metadata#msdyn_ocliveworkitems(subject,statuscode)'));
  });

  it('rejects an unknown property with 400 and the message Dataverse gives', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $select: 'subject,nosuchcolumn' }));
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({
      code: '0x80060888',
      message: "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
    });
  });

  it("rejects a lookup's logical name", async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $select: 'msdyn_cdsqueueid' }));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain("'msdyn_cdsqueueid'");
  });

  it('selects a lookup as _<column>_value', async () => {
    const { org, alpha, billing } = arrange();
    const answer = await getJson(org, `${conversations}(${alpha})${query({ $select: '_msdyn_cdsqueueid_value' })}`);
    expect(answer.status).toBe(200);
    expect(answer.body._msdyn_cdsqueueid_value).toBe(billing);
  });

  it('returns every column when there is no $select', async () => {
    const { org } = arrange();
    const [row] = await list(org, conversations, { $top: '1' });
    expect(row).toHaveProperty('msdyn_transfercount', null);
    expect(row).toHaveProperty('_msdyn_activeagentid_value', null);
  });
});

describe('$filter', () => {
  it('returns only the rows the expression matches', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $filter: `statuscode eq ${ConversationStatus.Waiting}` });
    expect(subjects(rows).sort()).toEqual(['Alpha', 'Charlie']);
  });

  it('filters a lookup by its _<column>_value', async () => {
    const { org, vip } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $filter: `_msdyn_cdsqueueid_value eq ${vip}` });
    expect(subjects(rows)).toEqual(['Bravo']);
  });

  it('runs ContainValues on the multi-select msdyn_channel through @p aliases', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, {
      $select: 'subject',
      $filter: 'Microsoft.Dynamics.CRM.ContainValues(PropertyName=@p1,PropertyValues=@p2)',
      '@p1': "'msdyn_channel'",
      '@p2': `['${Channel.Sms}']`,
    });
    expect(subjects(rows).sort()).toEqual(['Alpha', 'Bravo']);
  });

  it('answers 400 for a filter on an unknown property', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $filter: "nosuch eq 'x'" }));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('0x80060888');
  });
});

describe('$orderby', () => {
  it('sorts ascending by default', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $orderby: 'subject' });
    expect(subjects(rows)).toEqual(['Alpha', 'Bravo', 'Charlie']);
  });

  it('sorts descending with desc', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $orderby: 'subject desc' });
    expect(subjects(rows)).toEqual(['Charlie', 'Bravo', 'Alpha']);
  });

  it('breaks ties with the next key, each key in its own direction', async () => {
    const { org } = arrange();
    const highFirst = await list(org, conversations, { $select: 'subject', $orderby: 'prioritycode desc,subject asc' });
    const lowFirst = await list(org, conversations, { $select: 'subject', $orderby: 'prioritycode asc,subject desc' });
    expect(subjects(highFirst)).toEqual(['Bravo', 'Charlie', 'Alpha']);
    expect(subjects(lowFirst)).toEqual(['Alpha', 'Charlie', 'Bravo']);
  });

  it('answers 400 for a direction other than asc or desc', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $orderby: 'subject sideways' }));
    expect(answer.status).toBe(400);
  });

  it('sorts dates and times by instant, empty dates first ascending and last descending', async () => {
    const org = emptyOrg();
    const closed = { Early: '2026-01-05T09:30:00Z', Late: '2026-02-01T00:00:00+05:00', Open: null, Middle: '2026-01-31T20:00:00Z' };
    for (const [subject, msdyn_closedon] of Object.entries(closed)) org.store.create('msdyn_ocliveworkitem', { subject, msdyn_closedon });
    const ascending = await list(org, conversations, { $select: 'subject', $orderby: 'msdyn_closedon' });
    const descending = await list(org, conversations, { $select: 'subject', $orderby: 'msdyn_closedon desc' });
    expect(subjects(ascending)).toEqual(['Open', 'Early', 'Late', 'Middle']);
    expect(subjects(descending)).toEqual(['Middle', 'Late', 'Early', 'Open']);
  });

  it('sorts stored dates of every century by instant, the first century and leap days included', async () => {
    const org = emptyOrg();
    const closed = {
      Ancient: '0050-06-01T00:00:00Z',
      Victorian: '1899-12-31T23:59:59Z',
      Y2K: '2000-01-01T00:00:00Z',
      LeapDay: '2024-02-29T12:00:00Z',
      DayAfter: '2024-03-01T00:00:00Z',
      SameSecondLater: '2024-03-01T00:00:01Z',
      FarFuture: '9999-12-31T23:59:59Z',
    };
    for (const [subject, msdyn_closedon] of Object.entries(closed)) org.store.create('msdyn_ocliveworkitem', { subject, msdyn_closedon });
    const descending = await list(org, conversations, { $select: 'subject', $orderby: 'msdyn_closedon desc' });
    const byParse = Object.entries(closed)
      .sort(([, a], [, b]) => Date.parse(b) - Date.parse(a))
      .map(([subject]) => subject);
    expect(subjects(descending)).toEqual(byParse);
    expect(subjects(descending).at(-1)).toBe('Ancient');
  });

  it('sorts many dates, pre-1970, equal and empty ones among them, as Date.parse orders them, ties in creation order', async () => {
    const org = emptyOrg();
    const days = ['1753-01-01', '1901-07-04', '1969-12-31', '1970-01-01', '2026-03-01', '2199-12-31'];
    const created: { subject: string; closed: string | null }[] = [];
    for (let index = 0; index < 120; index++) {
      // A fixed walk over the days and a few times of day, so that many values repeat.
      const day = days[(index * 7) % days.length]!;
      const closed = index % 11 === 0 ? null : `${day}T${String((index * 5) % 24).padStart(2, '0')}:00:0${index % 3}Z`;
      const subject = `Row ${index}`;
      org.store.create('msdyn_ocliveworkitem', { subject, msdyn_closedon: closed });
      created.push({ subject, closed });
    }
    const instant = (closed: string | null) => (closed === null ? -Infinity : Date.parse(closed));
    for (const descending of [false, true]) {
      const rows = await list(org, conversations, {
        $select: 'subject',
        $orderby: `msdyn_closedon${descending ? ' desc' : ''}`,
        $top: '200',
      });
      // Array.prototype.sort is stable: equal instants stay in creation order.
      const expected = [...created].sort((a, b) => (descending ? -1 : 1) * (instant(a.closed) - instant(b.closed)) || 0);
      expect(subjects(rows)).toEqual(expected.map((row) => row.subject));
    }
  });

  it('sorts dates without a time by day', async () => {
    const org = emptyOrg();
    for (const [subject, day] of [
      ['March', '2026-03-01'],
      ['January', '2026-01-15'],
      ['February', '2026-02-01'],
    ]) {
      org.store.create('msdyn_ocsession', { subject, msdyn_queueassignedon: day });
    }
    const rows = await list(org, 'msdyn_ocsessions', { $select: 'subject', $orderby: 'msdyn_queueassignedon' });
    expect(subjects(rows)).toEqual(['January', 'February', 'March']);
  });

  it('keeps records with equal keys in the order they were created', async () => {
    const org = emptyOrg();
    for (const subject of ['First', 'Second', 'Third', 'Fourth']) org.store.create('msdyn_ocliveworkitem', { subject, prioritycode: 1 });
    const ascending = await list(org, conversations, { $select: 'subject', $orderby: 'createdon' });
    const descending = await list(org, conversations, { $select: 'subject', $orderby: 'prioritycode desc' });
    expect(subjects(ascending)).toEqual(['First', 'Second', 'Third', 'Fourth']);
    expect(subjects(descending)).toEqual(['First', 'Second', 'Third', 'Fourth']);
  });
});

describe('$top and $count', () => {
  it('$top returns the first n rows', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $orderby: 'subject', $top: '2' });
    expect(subjects(rows)).toEqual(['Alpha', 'Bravo']);
  });

  it('$top=0 is a 400', async () => {
    const { org } = arrange();
    expect((await getJson(org, conversations + query({ $top: '0' }))).status).toBe(400);
  });

  it('$count=true adds @odata.count: the number of matching rows', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $filter: 'statuscode eq 3', $count: 'true' }));
    expect(answer.body['@odata.count']).toBe(2);
  });

  it('has no @odata.count without $count=true', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations);
    expect(answer.body).not.toHaveProperty('@odata.count');
  });

  it('<set>/$count answers the number of matching rows as plain text', async () => {
    const { org } = arrange();
    const all = await getJson(org, `${conversations}/$count`);
    const waiting = await getJson(org, `${conversations}/$count${query({ $filter: 'statuscode eq 3' })}`);
    expect(all.headers.get('content-type')).toMatch(/^text\/plain/);
    expect([all.body, waiting.body]).toEqual(['3', '2']);
  });
});

describe('$expand', () => {
  it('expands a single-valued navigation property with its own $select', async () => {
    const { org, alpha, billing } = arrange();
    const answer = await getJson(org, `${conversations}(${alpha})${query({ $select: 'subject', $expand: `${queueNav}($select=name)` })}`);
    expect(answer.body[queueNav]).toEqual({ '@odata.etag': expect.stringMatching(/^W\/"\d+"$/), name: 'Billing', queueid: billing });
  });

  it('expands a polymorphic customer only through the navigation property of its target (contact)', async () => {
    const { org, alpha, maria } = arrange();
    const answer = await getJson(
      org,
      `${conversations}(${alpha})${query({ $select: 'subject', $expand: `${contactNav}($select=fullname),${accountNav}($select=name)` })}`,
    );
    expect(answer.body[contactNav]).toMatchObject({ contactid: maria, fullname: 'Maria Campbell' });
    expect(answer.body[accountNav]).toBeNull();
  });

  it('expands a polymorphic customer only through the navigation property of its target (account)', async () => {
    const { org, bravo, fabrikam } = arrange();
    const answer = await getJson(
      org,
      `${conversations}(${bravo})${query({ $select: 'subject', $expand: `${contactNav}($select=fullname),${accountNav}($select=name)` })}`,
    );
    expect(answer.body[accountNav]).toMatchObject({ accountid: fabrikam, name: 'Fabrikam' });
    expect(answer.body[contactNav]).toBeNull();
  });

  it('expands an empty lookup as null', async () => {
    const { org, charlie } = arrange();
    const answer = await getJson(org, `${conversations}(${charlie})${query({ $expand: `${queueNav}($select=name)` })}`);
    expect(answer.body[queueNav]).toBeNull();
  });

  it('expands a collection with a nested $filter, $orderby and $top', async () => {
    const { org, alpha } = arrange();
    const answer = await getJson(
      org,
      `${conversations}(${alpha})${query({ $select: 'subject', $expand: `${sessionsNav}($select=subject;$filter=statuscode eq 2;$orderby=subject desc;$top=2)` })}`,
    );
    expect(subjects(answer.body[sessionsNav])).toEqual(['S-d', 'S-c']);
  });

  it('expands a collection to only the children of each parent', async () => {
    const { org } = arrange();
    const rows = await list(org, conversations, { $select: 'subject', $orderby: 'subject', $expand: `${sessionsNav}($select=subject)` });
    expect(rows.map((row) => subjects(row[sessionsNav] as Record<string, unknown>[]).sort())).toEqual([
      ['S-a', 'S-b', 'S-c', 'S-d'],
      ['S-e'],
      [],
    ]);
  });

  it('answers 400 for an unknown navigation property', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $expand: 'nosuch_navigation' }));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain("'nosuch_navigation'");
  });

  it('answers 400 for a name only the prototype has', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $expand: 'constructor' }));
    expect([answer.status, errorOf(answer).message]).toEqual([
      400,
      "Could not find a property named 'constructor' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
    ]);
  });

  it('answers 400 for an option given twice inside it', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $expand: `${sessionsNav}($select=subject;$select=statuscode)` }));
    expect([answer.status, errorOf(answer).message]).toEqual([
      400,
      "Query option '$select' was specified more than once, but it must be specified at most once.",
    ]);
  });

  it('answers 501 for a nested $expand', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $expand: `${sessionsNav}($expand=msdyn_cdsqueueid_msdyn_ocsession)` }));
    expect(answer.status).toBe(501);
  });

  it('answers 400 for $filter inside a single-valued expansion', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations + query({ $expand: `${queueNav}($filter=name eq 'VIP')` }));
    expect(answer.status).toBe(400);
  });
});

describe('paging with Prefer: odata.maxpagesize', () => {
  const pageSize = 7;
  const prefer = { Prefer: `odata.maxpagesize=${pageSize}` };
  const options = { $select: 'subject', $orderby: 'createdon desc' };

  /** Follows nextLink verbatim from the first page to the last, collecting the pages. */
  async function allPages(org: OrgEmulator) {
    const pages: { ids: string[]; nextLink: string | undefined; applied: string | null }[] = [];
    let url: string | undefined = api(conversations + query(options));
    while (url !== undefined) {
      const answer: Answer = await getJson(org, url, prefer);
      expect(answer.status).toBe(200);
      const nextLink: string | undefined = answer.body['@odata.nextLink'];
      pages.push({
        ids: answer.body.value.map((row: { activityid: string }) => row.activityid),
        nextLink,
        applied: answer.headers.get('Preference-Applied'),
      });
      url = nextLink;
      if (pages.length > 100) throw new Error('paging does not end');
    }
    return pages;
  }

  it('answers at most maxpagesize rows with an @odata.nextLink', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query(options), prefer);
    expect(answer.body.value).toHaveLength(pageSize);
    expect(new URL(answer.body['@odata.nextLink']).searchParams.get('$skiptoken')).toBeTruthy();
  });

  it('echoes the page size in Preference-Applied', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query(options), prefer);
    expect(answer.headers.get('Preference-Applied')).toBe(`odata.maxpagesize=${pageSize}`);
  });

  it('answers the next page when the nextLink is followed verbatim', async () => {
    const org = seededOrg();
    const expected = (await list(org, conversations, options)).map((row) => row.activityid);
    const [, second] = await allPages(org);
    expect(second!.ids).toEqual(expected.slice(pageSize, 2 * pageSize));
  });

  it('partitions the whole result into pages without overlap or gap', async () => {
    const org = seededOrg();
    const expected = (await list(org, conversations, options)).map((row) => row.activityid);
    const pages = await allPages(org);
    expect(pages.flatMap((page) => page.ids)).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(expected.length / pageSize));
  });

  it('gives the last page no nextLink', async () => {
    const org = seededOrg();
    const pages = await allPages(org);
    expect(pages.slice(0, -1).every((page) => page.nextLink !== undefined)).toBe(true);
    expect(pages.at(-1)!.nextLink).toBeUndefined();
  });

  it('ignores $top when a page size is asked for, as the reference documents for Dataverse', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query({ ...options, $top: String(pageSize + 3) }), prefer);
    expect(answer.body.value).toHaveLength(pageSize);
    expect(answer.body).toHaveProperty('@odata.nextLink');
  });

  it('returns the first $top records, unpaged, without a page size', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query({ ...options, $top: '3' }));
    expect(answer.body.value).toHaveLength(3);
    expect(answer.body).not.toHaveProperty('@odata.nextLink');
  });

  it('ignores a page size over 5000 and says nothing of it in Preference-Applied', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query(options), { Prefer: 'odata.maxpagesize=5001' });
    expect(answer.body).not.toHaveProperty('@odata.nextLink');
    expect(answer.headers.get('Preference-Applied')).toBeNull();
  });

  it('has no nextLink and no Preference-Applied without the preference', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query(options));
    expect(answer.body).not.toHaveProperty('@odata.nextLink');
    expect(answer.headers.get('Preference-Applied')).toBeNull();
  });

  it('answers 400 for a $skiptoken it did not issue', async () => {
    const org = seededOrg();
    const answer = await getJson(org, conversations + query({ $skiptoken: 'page2' }), prefer);
    expect(answer.status).toBe(400);
  });
});

describe('later pages', () => {
  const prefer = { Prefer: 'odata.maxpagesize=3' };

  /** An empty org with accounts A0 … A8, and the first page of them by name. */
  async function firstPage(options: Record<string, string> = {}) {
    const org = emptyOrg();
    const ids = Array.from({ length: 9 }, (_, index) => org.store.create('account', { name: `A${index}` }));
    const answer = await getJson(org, `accounts${query({ $select: 'name', $orderby: 'name', ...options })}`, prefer);
    return { org, ids, first: answer.body.value.map((row: { name: string }) => row.name), next: answer.body['@odata.nextLink'] as string };
  }

  const names = async (org: OrgEmulator, url: string) =>
    (await getJson(org, url, prefer)).body.value.map((row: { name: string }) => row.name);

  it('come from the same result as the first page while nothing is written', async () => {
    const { org, first, next } = await firstPage();
    expect([...first, ...(await names(org, next))]).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5']);
  });

  it('reflect a record created after the first page', async () => {
    const { org, next } = await firstPage();
    await send(org, 'POST', 'accounts', { body: { name: 'A00' } });
    expect(await names(org, next)).toEqual(['A2', 'A3', 'A4']);
  });

  it('reflect a record updated after the first page', async () => {
    const { org, ids, next } = await firstPage();
    await send(org, 'PATCH', `accounts(${ids[8]})`, { body: { name: 'A' } });
    expect(await names(org, next)).toEqual(['A2', 'A3', 'A4']);
  });

  it('reflect a record deleted after the first page', async () => {
    const { org, ids, next } = await firstPage();
    org.store.delete('account', ids[0]!);
    expect(await names(org, next)).toEqual(['A4', 'A5', 'A6']);
  });

  it('of two queries on one table do not mix, however they interleave', async () => {
    const { org, next: byName } = await firstPage();
    const reversed = (await getJson(org, `accounts${query({ $select: 'name', $orderby: 'name desc' })}`, prefer)).body['@odata.nextLink'];
    const filtered = (await getJson(org, `accounts${query({ $select: 'name', $orderby: 'name', $filter: "name ne 'A1'" })}`, prefer)).body[
      '@odata.nextLink'
    ];
    expect(await names(org, byName)).toEqual(['A3', 'A4', 'A5']);
    expect(await names(org, reversed)).toEqual(['A5', 'A4', 'A3']);
    expect(await names(org, filtered)).toEqual(['A4', 'A5', 'A6']);
  });

  it('of the children of two parents do not mix', async () => {
    const { org, alpha, bravo } = arrange();
    for (let index = 0; index < 4; index++) org.store.create('msdyn_ocsession', { subject: `B-${index}`, msdyn_liveworkitemid: bravo });
    const pageOf = async (parent: string) => {
      const url = `${conversations}(${parent})/${sessionsNav}${query({ $select: 'subject', $orderby: 'subject' })}`;
      const next = (await getJson(org, url, prefer)).body['@odata.nextLink'];
      return (await getJson(org, next, prefer)).body.value.map((row: { subject: string }) => row.subject);
    };
    expect(await pageOf(alpha)).toEqual(['S-d']);
    expect(await pageOf(bravo)).toEqual(['B-3', 'S-e']);
  });
});

describe('a query option given twice', () => {
  it.each([
    ['$select', 'subject', 'statuscode'],
    ['$filter', "subject eq 'Alpha'", "subject eq 'Bravo'"],
    ['$orderby', 'subject', 'prioritycode'],
    ['$top', '1', '2'],
    ['$expand', queueNav, sessionsNav],
    ['$count', 'true', 'false'],
  ])('is 400 for %s, with the message Dataverse gives', async (name, first, second) => {
    const { org } = arrange();
    const answer = await getJson(org, `${conversations}?${name}=${encodeURIComponent(first)}&${name}=${encodeURIComponent(second)}`);
    expect([answer.status, errorOf(answer)]).toEqual([
      400,
      { code: '0x80060888', message: `Query option '${name}' was specified more than once, but it must be specified at most once.` },
    ]);
  });

  it('is 400 on a single record too', async () => {
    const { org, alpha } = arrange();
    expect((await getJson(org, `${conversations}(${alpha})?$select=subject&$select=statuscode`)).status).toBe(400);
  });

  it('is 400 on a single record even for an option a single record ignores', async () => {
    const { org, alpha } = arrange();
    expect(
      (
        await getJson(
          org,
          `${conversations}(${alpha})?$filter=${encodeURIComponent("subject eq 'a'")}&$filter=${encodeURIComponent("subject eq 'b'")}`,
        )
      ).status,
    ).toBe(400);
  });

  it('is 400 for <set>/$count', async () => {
    const { org } = arrange();
    expect((await getJson(org, `${conversations}/$count?$filter=statuscode eq 3&$filter=statuscode eq 2`)).status).toBe(400);
  });
});

describe('query options Dataverse or the emulator does not support', () => {
  it('answers 400 for $skip, which Dataverse does not have', async () => {
    const { org } = arrange();
    expect((await getJson(org, conversations + query({ $skip: '1' }))).status).toBe(400);
  });

  it('answers 501 for an $apply transformation it does not emulate (see apply.test.ts)', async () => {
    const { org } = arrange();
    expect((await getJson(org, conversations + query({ $apply: 'topcount(1,msdyn_transfercount)' }))).status).toBe(501);
  });

  it('answers fetchXml on an entity set (see fetchXml.test.ts), and 501 on a navigation property', async () => {
    const { org, alpha } = arrange();
    const answer = await getJson(
      org,
      conversations +
        query({
          fetchXml: '<fetch><entity name="msdyn_ocliveworkitem"><attribute name="subject"/><order attribute="subject"/></entity></fetch>',
        }),
    );
    expect(answer.body.value.map((row: { subject: string }) => row.subject)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const nested = await getJson(org, `${conversations}(${alpha})/${sessionsNav}${query({ fetchXml: '<fetch/>' })}`);
    expect(nested.status).toBe(501);
  });

  it('answers 400 for an unknown $ option', async () => {
    const { org } = arrange();
    expect((await getJson(org, conversations + query({ $frobnicate: '1' }))).status).toBe(400);
  });

  it('answers 404 for an unknown entity set', async () => {
    const { org } = arrange();
    const answer = await getJson(org, 'msdyn_nosuchthings');
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toEqual({ code: '0x8006088a', message: "Resource not found for the segment 'msdyn_nosuchthings'." });
  });
});

describe('GET <set>(<id>)', () => {
  it('answers the record with its $select and $expand', async () => {
    const { org, bravo } = arrange();
    const answer = await getJson(
      org,
      `${conversations}(${bravo})${query({ $select: 'subject,statuscode', $expand: `${queueNav}($select=name)` })}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ activityid: bravo, subject: 'Bravo', statuscode: 2, [queueNav]: { name: 'VIP' } });
    expect(answer.body['@odata.context']).toBe(api('$metadata#msdyn_ocliveworkitems(subject,statuscode)/$entity'));
  });

  it('accepts a key in braces and upper case', async () => {
    const { org, bravo } = arrange();
    const answer = await getJson(org, `${conversations}({${bravo.toUpperCase()}})`);
    expect(answer.body.activityid).toBe(bravo);
  });

  it('answers 404 with code 0x80040217 for a missing record', async () => {
    const { org } = arrange();
    const answer = await getJson(org, `${conversations}(00000000-0000-4000-8000-000000000000)`);
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('0x80040217');
  });

  it('answers 400 for a key that is not a GUID', async () => {
    const { org } = arrange();
    expect((await getJson(org, `${conversations}(12345)`)).status).toBe(400);
  });

  it('answers 400, not a crash, for a path with broken percent-encoding', async () => {
    const { org } = arrange();
    const answer = await getJson(org, `${conversations}(%zz)`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('%zz');
  });

  it('answers 501 for an alternate key', async () => {
    const { org } = arrange();
    expect((await getJson(org, "contacts(emailaddress1='maria@fabrikam.com')")).status).toBe(501);
  });

  it('answers 304 when If-None-Match carries the current etag', async () => {
    const { org, bravo } = arrange();
    const first = await getJson(org, `${conversations}(${bravo})`);
    const again = await getJson(org, `${conversations}(${bravo})`, { 'If-None-Match': first.body['@odata.etag'] });
    expect(again.status).toBe(304);
  });
});

describe('annotations', () => {
  const formatted = 'OData.Community.Display.V1.FormattedValue';
  const logicalName = 'Microsoft.Dynamics.CRM.lookuplogicalname';
  const navigation = 'Microsoft.Dynamics.CRM.associatednavigationproperty';
  const select = { $select: 'statuscode,prioritycode,msdyn_channel,msdyn_isoutbound,_msdyn_cdsqueueid_value' };

  async function alphaWith(prefer?: string) {
    const { org, alpha } = arrange();
    return (await getJson(org, `${conversations}(${alpha})${query(select)}`, prefer ? { Prefer: prefer } : undefined)).body as Record<
      string,
      unknown
    >;
  }

  const annotationKeys = (record: Record<string, unknown>) =>
    Object.keys(record).filter((key) => key.includes('@') && !key.startsWith('@'));

  it('are absent unless Prefer: odata.include-annotations asks for them', async () => {
    expect(annotationKeys(await alphaWith())).toEqual([]);
  });

  it('format a status reason', async () => {
    expect((await alphaWith(allAnnotations))[`statuscode@${formatted}`]).toBe('Waiting');
  });

  it('format a choice', async () => {
    expect((await alphaWith(allAnnotations))[`prioritycode@${formatted}`]).toBe('Normal');
  });

  it('format a multi-select choice as its labels joined by "; "', async () => {
    expect((await alphaWith(allAnnotations))[`msdyn_channel@${formatted}`]).toBe('Live chat; SMS');
  });

  it('format a boolean as Yes or No', async () => {
    expect((await alphaWith(allAnnotations))[`msdyn_isoutbound@${formatted}`]).toBe('No');
  });

  it("give a lookup its target's primary name, logical name and navigation property", async () => {
    const record = await alphaWith(allAnnotations);
    expect(record).toMatchObject({
      [`_msdyn_cdsqueueid_value@${formatted}`]: 'Billing',
      [`_msdyn_cdsqueueid_value@${logicalName}`]: 'queue',
      [`_msdyn_cdsqueueid_value@${navigation}`]: queueNav,
    });
  });

  it('include only the formatted values when only FormattedValue is asked for', async () => {
    const record = await alphaWith(`odata.include-annotations="${formatted}"`);
    const keys = annotationKeys(record);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.endsWith(`@${formatted}`))).toBe(true);
  });

  it.each([
    ['2026-03-01T00:05:00Z', '3/1/2026 12:05 AM'],
    ['2026-03-01T12:00:00Z', '3/1/2026 12:00 PM'],
    ['2026-12-31T23:59:59Z', '12/31/2026 11:59 PM'],
    ['2026-07-04T09:30:00+02:00', '7/4/2026 7:30 AM'],
  ])('format the date and time %s as en-US in UTC: %s', async (closedon, text) => {
    const org = emptyOrg();
    const id = org.store.create('msdyn_ocliveworkitem', { subject: 'Closed', msdyn_closedon: closedon });
    const record = (await getJson(org, `${conversations}(${id})?$select=msdyn_closedon`, { Prefer: allAnnotations })).body;
    expect(record[`msdyn_closedon@${formatted}`]).toBe(text);
  });

  it('format a date without a time as en-US', async () => {
    const org = emptyOrg();
    const id = org.store.create('msdyn_ocsession', { subject: 'Queued', msdyn_queueassignedon: '2026-02-09' });
    const record = (await getJson(org, `msdyn_ocsessions(${id})?$select=msdyn_queueassignedon`, { Prefer: allAnnotations })).body;
    expect(record[`msdyn_queueassignedon@${formatted}`]).toBe('2/9/2026');
  });

  it('format any date and time as Intl does for en-US in UTC', async () => {
    const intl = new Intl.DateTimeFormat('en-US', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    const org = emptyOrg();
    const instants = Array.from({ length: 200 }, (_, index) =>
      new Date(Date.UTC(2000, 0, 1) + index * 7_919_999_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    for (const closedon of instants) org.store.create('msdyn_ocliveworkitem', { subject: closedon, msdyn_closedon: closedon });
    const rows = await list(org, conversations, { $select: 'subject,msdyn_closedon' }, { Prefer: allAnnotations });
    // Some ICU versions put a narrow no-break space before AM/PM; Dataverse writes a space.
    const expected = instants.map((instant) => intl.format(new Date(instant)).replace(',', '').replace('\u202f', ' '));
    expect(rows.map((row) => row[`msdyn_closedon@${formatted}`])).toEqual(expected);
  });

  it('are echoed in Preference-Applied', async () => {
    const { org } = arrange();
    const answer = await getJson(org, conversations, { Prefer: allAnnotations });
    expect(answer.headers.get('Preference-Applied')).toBe(allAnnotations);
  });
});
