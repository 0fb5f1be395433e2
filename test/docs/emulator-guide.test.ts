// docs/emulator.md, checked against the emulator: its examples answer as the page says, and
// what it lists as 400, 404 or 501 is answered so.
import { describe, expect, it } from 'vitest';
import { Channel, ConversationStatus } from '../../src/index.js';
import { createOrgEmulator, type OrgEmulator } from '../../src/testing/index.js';
import { codeBlocks, docsTests, expectBlocksTested, normalise, readGuide } from './support.js';

const page = readGuide('docs/emulator.md');
const base = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const now = new Date('2026-03-01T12:00:00Z');

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function send(org: OrgEmulator, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('Content-Type', 'application/json');
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const response = await org.handle(new Request(base + path, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text ($count, $value) or empty
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A `$filter` query string, encoded. */
const filter = (expression: string) => `msdyn_ocliveworkitems?$filter=${encodeURIComponent(expression)}`;

describe('docs/emulator.md › the page', () => {
  it('starts with a title and links only to its sibling guides', () => {
    expect(page.startsWith('# The org emulator\n')).toBe(true);
    const links = [...page.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((match) => match[1]);
    expect(links.every((link) => link === 'testing.md')).toBe(true);
  });

  it('names, beside its rule, the requests it accepts although Dataverse refuses them', () => {
    const rule = normalise(page.slice(page.indexOf('The rule it follows'), page.indexOf('## Entry point')));
    expect(rule).toContain('It does not check everything Dataverse checks.');
    expect(rule).toContain('`1 eq 1`');
    expect(rule).toContain('[Known differences](#known-differences-from-dataverse)');
    expect(page).toContain('\n## Known differences from Dataverse\n');
  });

  it('lists every OData function the emulator refuses', () => {
    for (const name of ['tolower', 'toupper', 'substring', 'matchesPattern', 'fractionalseconds', 'totaloffsetminutes', 'geo.intersects']) {
      expect(page).toContain(`\`${name}\``);
    }
  });
});

describe('docs/emulator.md › Entry point', () => {
  it('org.handle answers a Request with a Response', async () => {
    const org = createOrgEmulator({ now });

    const response = await org.handle(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems?$top=1'));

    expect(response.status).toBe(200);
    expect(((await response.json()) as { value: unknown[] }).value).toHaveLength(1);
    expect(org.requests).toHaveLength(1);
  });

  it('every ```ts block of the page is in this file, as written', () => {
    expectBlocksTested('docs/emulator.md', codeBlocks(page, 'ts'), docsTests());
  });
});

describe('docs/emulator.md › 501 Not Implemented', () => {
  const org = createOrgEmulator({ now });
  const cases: [string, string][] = [
    ['an $apply transformation other than filter, groupby and aggregate', `msdyn_ocliveworkitems?$apply=${encodeURIComponent('topcount(1,msdyn_transfercount)')}`],
    ['$search', 'msdyn_ocliveworkitems?$search=refund'],
    ['$compute', 'msdyn_ocliveworkitems?$compute=x'],
    ['$levels', 'msdyn_ocliveworkitems?$levels=2'],
    ['fetchXml on a navigation property', `msdyn_ocliveworkitems(${org.seedData!.closedConversationId})/msdyn_msdyn_ocliveworkitem_msdyn_transcript?fetchXml=${encodeURIComponent('<fetch/>')}`],
    ['savedQuery', 'msdyn_ocliveworkitems?savedQuery=00000000-0000-0000-0000-000000000001'],
    ['userQuery', 'msdyn_ocliveworkitems?userQuery=00000000-0000-0000-0000-000000000001'],
    ['$metadata', '$metadata'],
    ['a lambda operator', filter('msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid/any(s: s/subject eq \'x\')')],
    ['a navigation path', filter("msdyn_activeagentid_msdyn_ocliveworkitem/fullname eq 'Megan Bowen'")],
    ['an arithmetic operator', filter('msdyn_transfercount add 1 eq 2')],
    ['the has operator', filter('prioritycode has 1')],
    ['the in operator', filter('prioritycode in (1,2)')],
    ['another CRM query function', filter("Microsoft.Dynamics.CRM.Between(PropertyName='prioritycode',PropertyValues=['1','2'])")],
    ['another OData function', filter("tolower(subject) eq 'a'")],
    ['eq on a multi-select choice column', filter("msdyn_channel eq '192360000'")],
    ['a nested $expand', `msdyn_ocliveworkitems?$expand=${encodeURIComponent('msdyn_msdyn_ocliveworkitem_msdyn_transcript($expand=msdyn_liveworkitemidid)')}`],
    ['an alternate key', "msdyn_ocliveworkitems(msdyn_ocliveworkitemid='x')"],
  ];

  it.each(cases)('%s is 501 with code 0x8006088b', async (_name, path) => {
    const answer = await send(org, 'GET', path);
    expect([answer.status, answer.body.error?.code]).toEqual([501, '0x8006088b']);
  });

  it('a deep insert is 501', async () => {
    const answer = await send(org, 'POST', 'msdyn_ocliveworkitems', {
      body: { subject: 'x', msdyn_activeagentid_msdyn_ocliveworkitem: { fullname: 'New agent' } },
    });
    expect(answer.status).toBe(501);
  });

  it('addressing one member of a collection navigation is 501', async () => {
    const id = org.seedData!.closedConversationId;
    const answer = await send(org, 'GET', `msdyn_ocliveworkitems(${id})/msdyn_msdyn_ocliveworkitem_msdyn_transcript(${org.seedData!.transcriptId})`);
    expect(answer.status).toBe(501);
  });
});

describe('docs/emulator.md › 400 and 404 as in Dataverse', () => {
  const org = createOrgEmulator({ now });
  const cases: [string, string][] = [
    ['$skip', 'msdyn_ocliveworkitems?$skip=1'],
    ['an unknown $ option', 'msdyn_ocliveworkitems?$format=json'],
    ['an unknown property in $select', 'msdyn_ocliveworkitems?$select=contoso_nosuchcolumn'],
    ["a lookup's logical name in $select", 'msdyn_ocliveworkitems?$select=msdyn_activeagentid'],
    ["a lookup's logical name in $filter", filter('msdyn_activeagentid eq 2b330c52-6844-4d36-8e05-03c78c9681dc')],
    ['a type mismatch', filter("statuscode eq '3'")],
    ['a GUID column against a string', filter("_msdyn_activeagentid_value eq 'text'")],
    ['and on a value that is not boolean', filter('statuscode and true')],
    ['a string function on a number column', filter("contains(statuscode,'3')")],
    ['an unknown function', filter('foo(subject)')],
    ['an alias with no value', filter('statuscode eq @s')],
    ['$top=0', 'msdyn_ocliveworkitems?$top=0'],
    ['$count=yes', 'msdyn_ocliveworkitems?$count=yes'],
    ['a $skiptoken the emulator did not issue', 'msdyn_ocliveworkitems?$skiptoken=abc'],
    ['$filter inside a single-valued $expand', `msdyn_ocliveworkitems?$expand=${encodeURIComponent("msdyn_activeagentid_msdyn_ocliveworkitem($filter=fullname eq 'x')")}`],
    ['a key that is not a GUID', 'msdyn_ocliveworkitems(42)'],
    ['an option given twice', 'msdyn_ocliveworkitems?$top=1&$top=2'],
    ['an option given twice on a single record, even one it ignores', `msdyn_ocliveworkitems(${org.seedData!.waitingConversationId})?$top=1&$top=2`],
    ['an option given twice inside $expand', `msdyn_ocliveworkitems?$expand=${encodeURIComponent('msdyn_msdyn_ocliveworkitem_msdyn_transcript($top=1;$top=2)')}`],
  ];

  it.each(cases)('%s is 400', async (_name, path) => {
    expect((await send(org, 'GET', path)).status).toBe(400);
  });

  it('an option given twice is 400 with the message the page quotes', async () => {
    const answer = await send(org, 'GET', `${filter('statuscode eq 3')}&$filter=${encodeURIComponent('statuscode eq 2')}`);
    expect([answer.status, answer.body.error.message]).toEqual([400, "Query option '$filter' was specified more than once, but it must be specified at most once."]);
    expect(normalise(page)).toContain(`"${answer.body.error.message}"`);
  });

  it.each(['toString', 'constructor', '__proto__'])('a write of %s, which every JavaScript object has, is 400 0x80048d19', async (name) => {
    const answer = await send(org, 'POST', 'accounts', { body: `{"${name}":"x"}` });
    expect([answer.status, answer.body.error.code]).toEqual([400, '0x80048d19']);
  });

  it('a PUT of a property without value is 400 and changes nothing; { "value": null } clears', async () => {
    const empty = createOrgEmulator({ data: 'empty', now });
    const account = empty.store.create('account', { name: 'Fabrikam', telephone1: '+1 425 555 0100' });
    expect((await send(empty, 'PUT', `accounts(${account})/telephone1`, { body: {} })).status).toBe(400);
    expect(empty.store.get('account', account)!.telephone1).toBe('+1 425 555 0100');
    expect((await send(empty, 'PUT', `accounts(${account})/telephone1`, { body: { value: null } })).status).toBe(204);
    expect(empty.store.get('account', account)!.telephone1).toBeNull();
  });

  it('an unknown entity set or segment is 404 0x8006088a, CCaaS_* messages included', async () => {
    for (const path of ['contoso_widgets', 'CCaaS_GetConversation']) {
      const answer = await send(org, 'GET', path);
      expect([answer.status, answer.body.error.code]).toEqual([404, '0x8006088a']);
    }
  });

  it('a method a route does not accept is 405 0x80060887', async () => {
    const answer = await send(org, 'PUT', 'msdyn_ocliveworkitems');
    expect([answer.status, answer.body.error.code]).toEqual([405, '0x80060887']);
  });
});

describe('docs/emulator.md › supported queries', () => {
  const org = createOrgEmulator({ now });
  const agentId = org.seedData!.signedInAgentId;

  it('the single-valued $expand example returns the related record with its selected column', async () => {
    const path = `msdyn_ocliveworkitems(${org.seedData!.waitingConversationId})?$expand=msdyn_activeagentid_msdyn_ocliveworkitem($select=fullname)`;
    const answer = await send(org, 'GET', path);
    expect(answer.status).toBe(200);
    expect(answer.body.msdyn_activeagentid_msdyn_ocliveworkitem).toMatchObject({ systemuserid: agentId, fullname: 'Megan Bowen' });
  });

  it('the collection $expand example returns the sessions, with $select and $top applied', async () => {
    const path = `msdyn_ocliveworkitems(${org.seedData!.transferredConversationId})?$expand=msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid($select=subject;$top=5)`;
    const answer = await send(org, 'GET', path);
    const sessions = answer.body.msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid as Record<string, unknown>[];
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(sessions[0]!).sort()).toEqual(['@odata.etag', 'activityid', 'subject']);
  });

  it('contains, ContainValues, In (by logical name) and aliases filter as described', async () => {
    const liveChat = await send(org, 'GET', filter(`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['${Channel.LiveChat}'])`));
    expect(liveChat.body.value.length).toBeGreaterThan(0);
    expect(liveChat.body.value.every((row: { msdyn_channel: string }) => row.msdyn_channel.split(',').includes(String(Channel.LiveChat)))).toBe(true);

    const mine = await send(org, 'GET', filter(`Microsoft.Dynamics.CRM.In(PropertyName='msdyn_activeagentid',PropertyValues=['${agentId}'])`));
    expect(mine.body.value.length).toBe(org.seedData!.conversations.filter((c) => org.store.get('msdyn_ocliveworkitem', c.id)!._msdyn_activeagentid_value === agentId).length);

    const waiting = await send(org, 'GET', `${filter('statuscode eq @s')}&@s=3`);
    expect(waiting.body.value.every((row: { statuscode: number }) => row.statuscode === ConversationStatus.Waiting)).toBe(true);

    const title = String(org.store.get('msdyn_ocliveworkitem', org.seedData!.waitingConversationId)!.msdyn_title);
    const byText = await send(org, 'GET', filter(`contains(msdyn_title,'${title.slice(2, 8).toUpperCase().replace(/'/g, "''")}')`));
    expect(byText.body.value.map((row: { activityid: string }) => row.activityid)).toContain(org.seedData!.waitingConversationId);
  });

  it('null semantics: ne and not(eq) exclude nulls, eq null finds them', async () => {
    const empty = createOrgEmulator({ data: 'empty', now });
    const titled = empty.store.create('msdyn_ocliveworkitem', { msdyn_title: 'a' });
    const untitled = empty.store.create('msdyn_ocliveworkitem', {});
    const ids = async (expression: string) => (await send(empty, 'GET', filter(expression))).body.value.map((row: { activityid: string }) => row.activityid);

    expect(await ids("msdyn_title ne 'x'")).toEqual([titled]);
    expect(await ids("not (msdyn_title eq 'x')")).toEqual([titled]);
    expect(await ids('msdyn_title eq null')).toEqual([untitled]);
    expect(await ids("msdyn_title eq 'A'")).toEqual([titled]);
  });

  it('pages by odata.maxpagesize, and echoes Preference-Applied', async () => {
    const prefer = { Prefer: 'odata.include-annotations="*",odata.maxpagesize=5' };
    const first = await send(org, 'GET', 'msdyn_ocliveworkitems?$select=subject', { headers: prefer });
    expect(first.body.value).toHaveLength(5);
    expect(first.body['@odata.nextLink']).toMatch(/^https:\/\/contoso\.crm\.dynamics\.com\/api\/data\/v9\.2\/msdyn_ocliveworkitems\?\$select=subject&\$skiptoken=%3Ccookie/);
    expect(first.headers.get('preference-applied')).toBe('odata.include-annotations="*",odata.maxpagesize=5');

    const second = await org.handle(new Request(first.body['@odata.nextLink'], { headers: prefer }));
    const page2 = (await second.json()) as { value: { activityid: string }[] };
    expect(page2.value).toHaveLength(5);
    expect(page2.value[0]!.activityid).not.toBe(first.body.value[0].activityid);

  });

  it('$top without a page size returns the first N and no nextLink', async () => {
    const top = await send(org, 'GET', 'msdyn_ocliveworkitems?$top=7');
    expect(top.body.value).toHaveLength(7);
    expect(top.body['@odata.nextLink']).toBeUndefined();
  });

  it('$top is ignored when a page size is asked for', async () => {
    const top = await send(org, 'GET', 'msdyn_ocliveworkitems?$top=7', { headers: { Prefer: 'odata.maxpagesize=5' } });
    expect(top.body.value).toHaveLength(5);
    expect(top.body['@odata.nextLink']).toContain('$top=7&$skiptoken=');
  });

  it('a page size over 5000 is ignored: pages of 5000, and no page size in Preference-Applied', async () => {
    const answer = await send(org, 'GET', 'msdyn_ocliveworkitems?$select=subject', { headers: { Prefer: 'odata.include-annotations="*",odata.maxpagesize=9000' } });
    expect(answer.body.value.length).toBe(org.store.list('msdyn_ocliveworkitem').length);
    expect(answer.headers.get('preference-applied')).toBe('odata.include-annotations="*"');
  });

  it('$count and /$count stop at 5000 and count what $filter matches', async () => {
    const counted = await send(org, 'GET', `${filter('statuscode eq 3')}&$count=true`);
    expect(counted.body['@odata.count']).toBe(counted.body.value.length);
    const plain = await send(org, 'GET', `msdyn_ocliveworkitems/$count?$filter=${encodeURIComponent('statuscode eq 3')}`);
    expect(plain.body).toBe(counted.body.value.length);
  });
});

describe('docs/emulator.md › writes and known differences', () => {
  it('a status reason alone moves the state; read-only columns are ignored; required columns are not enforced', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    const created = await send(org, 'POST', 'msdyn_ocliveworkitems', {
      body: { msdyn_title: 'no subject', createdon: '2020-01-01T00:00:00Z' },
      headers: { Prefer: 'return=representation' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subject: null, createdon: '2026-03-01T12:00:00Z', statecode: 0, statuscode: 1 });

    const patched = await send(org, 'PATCH', `msdyn_ocliveworkitems(${created.body.activityid})`, { body: { statuscode: ConversationStatus.Closed } });
    expect(patched.status).toBe(204);
    expect(org.store.get('msdyn_ocliveworkitem', created.body.activityid)).toMatchObject({ statecode: 1, statuscode: 4 });
  });

  it('no cascade: a deleted record leaves the lookups that point at it, and the navigation answers 204', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    const agent = org.store.create('systemuser', { fullname: 'Gone' });
    const conversation = org.store.create('msdyn_ocliveworkitem', { msdyn_activeagentid: agent });

    expect((await send(org, 'DELETE', `systemusers(${agent})`)).status).toBe(204);

    const read = await send(org, 'GET', `msdyn_ocliveworkitems(${conversation})?$select=_msdyn_activeagentid_value`, { headers: { Prefer: 'odata.include-annotations="*"' } });
    expect(read.body._msdyn_activeagentid_value).toBe(agent);
    expect(read.body['_msdyn_activeagentid_value@OData.Community.Display.V1.FormattedValue']).toBeUndefined();
    expect((await send(org, 'GET', `msdyn_ocliveworkitems(${conversation})/msdyn_activeagentid_msdyn_ocliveworkitem`)).status).toBe(204);
  });

  it('choice columns sort by value, lookups by GUID', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    // Labels sort Low < Normal < High alphabetically as High, Low, Normal; values are 0, 1, 2.
    for (const priority of [2, 0, 1]) org.store.create('msdyn_ocliveworkitem', { prioritycode: priority });
    const sorted = await send(org, 'GET', 'msdyn_ocliveworkitems?$select=prioritycode&$orderby=prioritycode');
    expect(sorted.body.value.map((row: { prioritycode: number }) => row.prioritycode)).toEqual([0, 1, 2]);

    const zed = org.store.create('systemuser', { systemuserid: '00000000-0000-0000-0000-000000000001', fullname: 'Zed' });
    const amy = org.store.create('systemuser', { systemuserid: 'ffffffff-0000-0000-0000-000000000001', fullname: 'Amy' });
    org.store.create('msdyn_ocliveworkitem', { msdyn_activeagentid: amy });
    org.store.create('msdyn_ocliveworkitem', { msdyn_activeagentid: zed });
    const byAgent = await send(org, 'GET', `${filter('_msdyn_activeagentid_value ne null')}&$orderby=_msdyn_activeagentid_value`);
    expect(byAgent.body.value.map((row: { _msdyn_activeagentid_value: string }) => row._msdyn_activeagentid_value)).toEqual([zed, amy]);
  });

  it('a $filter without a column on its left is evaluated, not refused as Dataverse refuses it', async () => {
    const org = createOrgEmulator({ now });
    const ids = async (expression: string) => (await send(org, 'GET', filter(expression))).body.value.map((row: { activityid: string }) => row.activityid);
    expect(await ids('1 eq 1')).toHaveLength(org.seedData!.conversations.length);
    expect(await ids("'a' eq 'a'")).toHaveLength(org.seedData!.conversations.length);
    expect(await ids('true')).toHaveLength(org.seedData!.conversations.length);
    expect(await ids('3 eq statuscode')).toEqual(await ids('statuscode eq 3'));
  });

  it('WhoAmI answers the current user, and 401 in an empty org', async () => {
    const seeded = createOrgEmulator({ now });
    expect((await send(seeded, 'GET', 'WhoAmI()')).body.UserId).toBe(seeded.seedData!.signedInAgentId);
    expect((await send(createOrgEmulator({ data: 'empty' }), 'GET', 'WhoAmI')).status).toBe(401);
  });

  it('the $batch envelope is 200 and a change set is atomic', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    const body = [
      '--batch_1',
      'Content-Type: multipart/mixed; boundary=changeset_1',
      '',
      '--changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      `POST ${base}systemusers HTTP/1.1`,
      'Content-Type: application/json',
      '',
      '{"fullname":"Kept only if the change set succeeds"}',
      '--changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 2',
      '',
      `POST ${base}systemusers HTTP/1.1`,
      'Content-Type: application/json',
      '',
      '{"contoso_nosuchcolumn":1}',
      '--changeset_1--',
      '--batch_1--',
      '',
    ].join('\r\n');

    const answer = await send(org, 'POST', '$batch', { body, headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' } });

    expect(answer.status).toBe(200);
    expect(answer.body).toContain('HTTP/1.1 400');
    expect(answer.headers.get('x-ms-service-request-id')).toBeNull();
    expect(org.store.list('systemuser')).toHaveLength(0);
    expect(org.requests).toHaveLength(1);
  });

  it('a $batch resolves "$1" as a whole @odata.bind or @odata.id value, and stores it as written anywhere else', async () => {
    const org = createOrgEmulator({ data: 'empty', now });
    const conversation = org.store.create('msdyn_ocliveworkitem', { subject: 'Refund' });
    const part = (id: number, line: string, json: unknown) =>
      ['--changeset_1', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${id}`, '', line, 'Content-Type: application/json', '', JSON.stringify(json)];
    const body = [
      '--batch_1',
      'Content-Type: multipart/mixed; boundary=changeset_1',
      '',
      ...part(1, `POST ${base}accounts HTTP/1.1`, { name: '$1' }),
      ...part(2, `POST ${base}msdyn_transcripts HTTP/1.1`, { msdyn_name: '$1' }),
      ...part(3, `POST ${base}msdyn_ocliveworkitems(${conversation})/msdyn_msdyn_ocliveworkitem_msdyn_transcript/$ref HTTP/1.1`, { '@odata.id': '$2' }),
      ...part(4, `PATCH ${base}msdyn_ocliveworkitems(${conversation}) HTTP/1.1`, { 'msdyn_customer_msdyn_ocliveworkitem_account@odata.bind': '$1' }),
      '--changeset_1--',
      '--batch_1--',
      '',
    ].join('\r\n');

    const answer = await send(org, 'POST', '$batch', { body, headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' } });

    expect(answer.status).toBe(200);
    const [account] = org.store.list('account');
    const [transcript] = org.store.list('msdyn_transcript');
    expect([account!.name, transcript!.msdyn_name]).toEqual(['$1', '$1']);
    expect(transcript!._msdyn_liveworkitemidid_value).toBe(conversation);
    expect(org.store.get('msdyn_ocliveworkitem', conversation)!._msdyn_customer_value).toBe(account!.accountid);
  });

  it('injected faults carry an x-ms-service-request-id like normal answers; raw faults only what they were given', async () => {
    const org = createOrgEmulator({ now });
    org.faults.add({ kind: 'throttle', retryAfter: 0 });
    org.faults.add({ kind: 'raw', status: 200, body: '' });
    const faulted = await send(org, 'GET', 'msdyn_ocliveworkitems?$top=1');
    const raw = await send(org, 'GET', 'msdyn_ocliveworkitems?$top=1');
    const normal = await send(org, 'GET', 'msdyn_ocliveworkitems?$top=1');
    expect(faulted.headers.get('x-ms-service-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(raw.headers.get('x-ms-service-request-id')).toBeNull();
    expect(normal.headers.get('x-ms-service-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(normal.headers.get('odata-version')).toBe('4.0');
  });
});

describe('docs/emulator.md › Seed data', () => {
  const org = createOrgEmulator({ now });
  const rows = org.store.list('msdyn_ocliveworkitem');

  it('seeds 40 conversations with every status reason the page names', () => {
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => row.statuscode))).toEqual(new Set(Object.values(ConversationStatus)));
  });

  it('closes Resolved conversations, in state Resolved, as Closed ones are closed', () => {
    const resolved = rows.filter((row) => row.statuscode === ConversationStatus.Resolved);
    expect(resolved.map((row) => [row.statecode, row.msdyn_closedon !== null])).toEqual(resolved.map(() => [2, true]));
  });

  it('leaves Scheduled callbacks unstarted: no agent, no session, no initiated, started or closed date', () => {
    const scheduled = rows.filter((row) => row.statuscode === ConversationStatus.Scheduled);
    expect(scheduled.length).toBeGreaterThan(0);
    const sessions = org.store.list('msdyn_ocsession');
    for (const row of scheduled) {
      expect([row.statecode, row._msdyn_activeagentid_value ?? null, row.msdyn_initiatedon, row.msdyn_startedon, row.msdyn_closedon]).toEqual([3, null, null, null, null]);
      expect(sessions.filter((session) => session._msdyn_liveworkitemid_value === row.activityid)).toHaveLength(0);
    }
  });

  it("keeps Resolved and Scheduled off the signed-in agent's desk", () => {
    const desk = new Set(rows.filter((row) => row._msdyn_activeagentid_value === org.seedData!.signedInAgentId).map((row) => row.statuscode));
    expect(desk).toEqual(new Set([ConversationStatus.Waiting, ConversationStatus.Active, ConversationStatus.WrapUp, ConversationStatus.Closed]));
  });
});
