import { describe, expect, it } from 'vitest';
import { ConversationState, ConversationStatus } from '../../../src/index.js';
import { createOrgEmulator } from '../../../src/testing/index.js';
import { api, call, emptyOrg, entityIdOf, errorOf, getJson, query, seededOrg } from '../support.js';

const conversations = 'msdyn_ocliveworkitems';
const queueNav = 'msdyn_cdsqueueid_msdyn_ocliveworkitem';
const agentNav = 'msdyn_activeagentid_msdyn_ocliveworkitem';
const transcriptsNav = 'msdyn_msdyn_ocliveworkitem_msdyn_transcript';
const missingId = '00000000-0000-4000-8000-000000000000';

/** JSON text of an array nested `depth` levels deep, built without recursion. */
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** An empty org with a queue, an account, an agent, a conversation in the queue and a loose transcript. */
function arrange() {
  const org = emptyOrg();
  const { store } = org;
  const queue = store.create('queue', { name: 'Billing' });
  const otherQueue = store.create('queue', { name: 'VIP' });
  const account = store.create('account', { name: 'Fabrikam', telephone1: '+1 425 555 0100' });
  const agent = store.create('systemuser', { fullname: 'Megan Bowen' });
  const conversation = store.create('msdyn_ocliveworkitem', { subject: 'Refund', msdyn_cdsqueueid: queue, msdyn_activeagentid: agent });
  const transcript = store.create('msdyn_transcript', { msdyn_name: 'Transcript: Refund' });
  return { org, store, queue, otherQueue, account, agent, conversation, transcript };
}

describe('POST <set>', () => {
  it('creates the record and answers 204 with its URL in OData-EntityId', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', 'accounts', { body: { name: 'Contoso' } });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('OData-EntityId')).toMatch(
      /^https:\/\/contoso\.crm\.dynamics\.com\/api\/data\/v9\.2\/accounts\([0-9a-f-]{36}\)$/,
    );
    expect(store.get('account', entityIdOf(answer))).toMatchObject({ name: 'Contoso' });
  });

  it('answers 201 with the record, as $select shapes it, when Prefer: return=representation', async () => {
    const { org } = arrange();
    const answer = await call(org, 'POST', `accounts${query({ $select: 'name' })}`, {
      body: { name: 'Contoso', telephone1: '+1 425 555 0199' },
      headers: { Prefer: 'return=representation' },
    });
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body).sort()).toEqual(['@odata.context', '@odata.etag', 'accountid', 'name']);
    expect(answer.body.accountid).toBe(entityIdOf(answer));
  });

  it('uses a primary key given in the body', async () => {
    const { org, store } = arrange();
    const id = '2b330c52-6844-4d36-8e05-03c78c9681dc';
    const answer = await call(org, 'POST', 'accounts', { body: { accountid: id, name: 'Contoso' } });
    expect(entityIdOf(answer)).toBe(id);
    expect(store.get('account', id)).toBeDefined();
  });

  it('defaults statecode and statuscode to the first state and its first status', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'New chat' } });
    expect(store.get('msdyn_ocliveworkitem', entityIdOf(answer))).toMatchObject({
      statecode: ConversationState.Open,
      statuscode: ConversationStatus.Open,
    });
  });

  it('stamps createdon and modifiedon from the emulator clock, to the second', async () => {
    const org = createOrgEmulator({ data: 'empty', now: new Date('2026-03-01T12:00:00.250Z') });
    const id = entityIdOf(await call(org, 'POST', 'accounts', { body: { name: 'Contoso' } }));
    expect(org.store.get('account', id)).toMatchObject({ createdon: '2026-03-01T12:00:00Z', modifiedon: '2026-03-01T12:00:00Z' });
  });

  it('stores a written date and time in UTC, to the second', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'Dated', msdyn_closedon: '2026-02-01T10:30:15.678+02:00' } });
    expect(store.get('msdyn_ocliveworkitem', entityIdOf(answer))!.msdyn_closedon).toBe('2026-02-01T08:30:15Z');
  });

  it('sets a state alone with its default status', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', 'incidents', { body: { title: 'Broken', statecode: 1 } });
    expect(store.get('incident', entityIdOf(answer))).toMatchObject({ statecode: 1, statuscode: 5 });
  });

  it.each([
    ['relative', (id: string) => `queues(${id})`],
    ['relative to the service root', (id: string) => `/queues(${id})`],
    ['root-relative', (id: string) => `/api/data/v9.2/queues(${id})`],
    ['absolute', (id: string) => api(`queues(${id})`)],
  ])('sets a lookup with a %s @odata.bind', async (_form, reference) => {
    const { org, store, queue } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'Bound', [`${queueNav}@odata.bind`]: reference(queue) } });
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_ocliveworkitem', entityIdOf(answer))).toMatchObject({
      _msdyn_cdsqueueid_value: queue,
      '_msdyn_cdsqueueid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'queue',
    });
  });

  it('answers 404 when @odata.bind names a record that does not exist', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', conversations, {
      body: { subject: 'Bound', [`${queueNav}@odata.bind`]: `queues(${missingId})` },
    });
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('0x80040217');
    expect(store.list('msdyn_ocliveworkitem')).toHaveLength(1);
  });

  it('answers 400 when @odata.bind names a record of the wrong table', async () => {
    const { org, account } = arrange();
    const answer = await call(org, 'POST', conversations, {
      body: { subject: 'Bound', [`${queueNav}@odata.bind`]: `accounts(${account})` },
    });
    expect(answer.status).toBe(400);
  });

  it('answers 400 for @odata.bind on a navigation property the table does not have', async () => {
    const { org, queue } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'Bound', 'nosuch_nav@odata.bind': `queues(${queue})` } });
    expect(answer.status).toBe(400);
  });

  it('answers 400 for a property the table does not have', async () => {
    const { org } = arrange();
    const answer = await call(org, 'POST', 'accounts', { body: { name: 'Contoso', nosuchcolumn: 1 } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain("'nosuchcolumn'");
  });

  it.each([
    ['accounts', 'toString'],
    ['accounts', '__proto__'],
    ['msdyn_ocliveworkitems', 'constructor'],
    ['msdyn_ocliveworkitems', 'hasOwnProperty'],
  ])('answers 400 for a name only the prototype has (%s: %s), as for any unknown property', async (set, name) => {
    const { org } = arrange();
    const answer = await call(org, 'POST', set, { body: `{"${name}":"x"}` });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toMatch(new RegExp(`^The property '${name}' does not exist on type 'Microsoft\\.Dynamics\\.CRM\\.`));
  });

  it('answers 400 for a lookup written as _<column>_value', async () => {
    const { org, queue } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'Bound', _msdyn_cdsqueueid_value: queue } });
    expect(answer.status).toBe(400);
  });

  it.each([
    ['a string for an integer', { msdyn_transfercount: '3' }],
    ['an option outside the choice', { prioritycode: 99 }],
    ['a status reason outside the choice', { statuscode: 99 }],
    ['a date that is not ISO 8601', { msdyn_closedon: 'yesterday' }],
    ['a number for a string', { subject: 42 }],
    ['a string for a boolean', { msdyn_isoutbound: 'false' }],
    ['a multi-select value outside the choice', { msdyn_channel: '1,2' }],
  ])('answers 400 for %s', async (_case, values) => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', conversations, { body: { subject: 'Typed', ...values } });
    expect(answer.status).toBe(400);
    expect(store.list('msdyn_ocliveworkitem')).toHaveLength(1);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { org } = arrange();
    expect((await call(org, 'POST', 'accounts', { body: '{name:' })).status).toBe(400);
  });

  it('answers 501 for a deep insert through a navigation property', async () => {
    const { org } = arrange();
    expect((await call(org, 'POST', conversations, { body: { subject: 'Deep', [queueNav]: { name: 'New queue' } } })).status).toBe(501);
  });

  it('answers 400, not 500, for a body nested deeper than 100 levels', async () => {
    const { org } = arrange();
    const answer = await call(org, 'POST', 'accounts', { body: `{"name":${nestedArray(100_000)}}` });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({ code: '0x80048d19', message: 'The request body nests deeper than 100 levels.' });
  });

  it('reads a body nested exactly 100 levels deep, and answers for its values', async () => {
    const { org } = arrange();
    const answer = await call(org, 'POST', 'accounts', { body: `{"name":${nestedArray(99)}}` });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toMatch(/^Cannot convert \[\[\[.*… to a string for account\.name\.$/);
  });

  it('counts no brackets inside strings toward the depth of a body', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'POST', 'accounts', { body: { name: `${'['.repeat(150)}"{` } });
    expect(answer.status).toBe(204);
    expect(store.get('account', entityIdOf(answer))!.name).toBe(`${'['.repeat(150)}"{`);
  });
});

describe('PATCH <set>(<id>)', () => {
  it('updates the given columns and leaves the others', async () => {
    const { org, store, account } = arrange();
    const answer = await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Fabrikam Inc.' } });
    expect(answer.status).toBe(204);
    expect(store.get('account', account)).toMatchObject({ name: 'Fabrikam Inc.', telephone1: '+1 425 555 0100' });
  });

  it('answers 200 with the record when Prefer: return=representation', async () => {
    const { org, account } = arrange();
    const answer = await call(org, 'PATCH', `accounts(${account})${query({ $select: 'name' })}`, {
      body: { name: 'Fabrikam Inc.' },
      headers: { Prefer: 'return=representation' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accountid: account, name: 'Fabrikam Inc.' });
  });

  it('clears a lookup with "<nav>@odata.bind": null', async () => {
    const { org, store, conversation } = arrange();
    await call(org, 'PATCH', `${conversations}(${conversation})`, { body: { [`${queueNav}@odata.bind`]: null } });
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_cdsqueueid_value).toBeNull();
  });

  it('clears a lookup with "<nav>": null', async () => {
    const { org, store, conversation } = arrange();
    const answer = await call(org, 'PATCH', `${conversations}(${conversation})`, { body: { [agentNav]: null } });
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_activeagentid_value).toBeNull();
  });

  it('creates the record when it does not exist (upsert)', async () => {
    const { org, store } = arrange();
    const id = '2b330c52-6844-4d36-8e05-03c78c9681dc';
    const answer = await call(org, 'PATCH', `accounts(${id})`, { body: { name: 'Upserted' } });
    expect(answer.status).toBe(204);
    expect(store.get('account', id)).toMatchObject({ accountid: id, name: 'Upserted' });
  });

  it('answers 404 for If-Match: * when the record does not exist', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'PATCH', `accounts(${missingId})`, { body: { name: 'Nope' }, headers: { 'If-Match': '*' } });
    expect(answer.status).toBe(404);
    expect(store.get('account', missingId)).toBeUndefined();
  });

  it('updates when If-Match carries the current etag', async () => {
    const { org, store, account } = arrange();
    const etag = (await getJson(org, `accounts(${account})`)).body['@odata.etag'];
    const answer = await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Matched' }, headers: { 'If-Match': etag } });
    expect(answer.status).toBe(204);
    expect(store.get('account', account)!.name).toBe('Matched');
  });

  it('answers 412 and changes nothing when If-Match carries another etag', async () => {
    const { org, store, account } = arrange();
    const etag = (await getJson(org, `accounts(${account})`)).body['@odata.etag'];
    await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Changed meanwhile' } });
    const answer = await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Stale' }, headers: { 'If-Match': etag } });
    expect(answer.status).toBe(412);
    expect(store.get('account', account)!.name).toBe('Changed meanwhile');
  });

  it('answers 412 for If-None-Match: * when the record exists', async () => {
    const { org, store, account } = arrange();
    const answer = await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Create only' }, headers: { 'If-None-Match': '*' } });
    expect(answer.status).toBe(412);
    expect(store.get('account', account)!.name).toBe('Fabrikam');
  });

  it('creates for If-None-Match: * when the record does not exist', async () => {
    const { org, store } = arrange();
    const answer = await call(org, 'PATCH', `accounts(${missingId})`, { body: { name: 'Create only' }, headers: { 'If-None-Match': '*' } });
    expect(answer.status).toBe(204);
    expect(store.get('account', missingId)!.name).toBe('Create only');
  });

  it('moves statecode with a statuscode given alone (Closed → state Closed)', async () => {
    const { org, store, conversation } = arrange();
    await call(org, 'PATCH', `${conversations}(${conversation})`, { body: { statuscode: ConversationStatus.Closed } });
    expect(store.get('msdyn_ocliveworkitem', conversation)).toMatchObject({
      statecode: ConversationState.Closed,
      statuscode: ConversationStatus.Closed,
    });
  });

  it('answers 400 for a statecode and statuscode that do not belong together', async () => {
    const { org, store, conversation } = arrange();
    const answer = await call(org, 'PATCH', `${conversations}(${conversation})`, {
      body: { statecode: ConversationState.Open, statuscode: ConversationStatus.Closed },
    });
    expect(answer.status).toBe(400);
    expect(store.get('msdyn_ocliveworkitem', conversation)).toMatchObject({
      statecode: ConversationState.Open,
      statuscode: ConversationStatus.Open,
    });
  });

  it('answers 400 for a change of the primary key', async () => {
    const { org, account } = arrange();
    expect((await call(org, 'PATCH', `accounts(${account})`, { body: { accountid: missingId } })).status).toBe(400);
  });
});

describe('DELETE <set>(<id>)', () => {
  it('answers 204, after which the record is 404', async () => {
    const { org, account } = arrange();
    expect((await call(org, 'DELETE', `accounts(${account})`)).status).toBe(204);
    expect((await getJson(org, `accounts(${account})`)).status).toBe(404);
  });

  it('answers 404 for a record that does not exist', async () => {
    const { org } = arrange();
    expect((await call(org, 'DELETE', `accounts(${missingId})`)).status).toBe(404);
  });

  it('deletes when If-Match carries the current etag', async () => {
    const { org, store, account } = arrange();
    const etag = (await getJson(org, `accounts(${account})`)).body['@odata.etag'];
    expect((await call(org, 'DELETE', `accounts(${account})`, { headers: { 'If-Match': etag } })).status).toBe(204);
    expect(store.get('account', account)).toBeUndefined();
  });

  it('answers 412 and keeps the record when If-Match carries another etag', async () => {
    const { org, store, account } = arrange();
    const etag = (await getJson(org, `accounts(${account})`)).body['@odata.etag'];
    await call(org, 'PATCH', `accounts(${account})`, { body: { name: 'Changed meanwhile' } });
    expect((await call(org, 'DELETE', `accounts(${account})`, { headers: { 'If-Match': etag } })).status).toBe(412);
    expect(store.get('account', account)).toBeDefined();
  });
});

describe('single-valued navigation: <set>(<id>)/<nav>', () => {
  it('GET answers the related record', async () => {
    const { org, conversation, queue } = arrange();
    const answer = await getJson(org, `${conversations}(${conversation})/${queueNav}${query({ $select: 'name' })}`);
    expect(answer.body).toMatchObject({ queueid: queue, name: 'Billing' });
  });

  it('PUT …/$ref sets the lookup', async () => {
    const { org, store, conversation, otherQueue } = arrange();
    const answer = await call(org, 'PUT', `${conversations}(${conversation})/${queueNav}/$ref`, {
      body: { '@odata.id': api(`queues(${otherQueue})`) },
    });
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_cdsqueueid_value).toBe(otherQueue);
  });

  it('PUT …/$ref to a record of the wrong table is 400', async () => {
    const { org, conversation, account } = arrange();
    const answer = await call(org, 'PUT', `${conversations}(${conversation})/${queueNav}/$ref`, {
      body: { '@odata.id': api(`accounts(${account})`) },
    });
    expect(answer.status).toBe(400);
  });

  it('DELETE …/$ref clears the lookup', async () => {
    const { org, store, conversation } = arrange();
    const answer = await call(org, 'DELETE', `${conversations}(${conversation})/${queueNav}/$ref`);
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_cdsqueueid_value).toBeNull();
  });
});

describe('polymorphic lookups through $ref', () => {
  const accountNav = 'msdyn_customer_msdyn_ocliveworkitem_account';
  const contactNav = 'msdyn_customer_msdyn_ocliveworkitem_contact';

  it('DELETE …/$ref through the navigation property of the current target clears the customer', async () => {
    const { org, store, conversation, account } = arrange();
    store.update('msdyn_ocliveworkitem', conversation, { msdyn_customer: { table: 'account', id: account } });
    expect((await call(org, 'DELETE', `${conversations}(${conversation})/${accountNav}/$ref`)).status).toBe(204);
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_customer_value).toBeNull();
  });

  it('DELETE …/$ref through another target’s navigation property is 404 and keeps the customer', async () => {
    const { org, store, conversation, account } = arrange();
    store.update('msdyn_ocliveworkitem', conversation, { msdyn_customer: { table: 'account', id: account } });
    expect((await call(org, 'DELETE', `${conversations}(${conversation})/${contactNav}/$ref`)).status).toBe(404);
    expect(store.get('msdyn_ocliveworkitem', conversation)!._msdyn_customer_value).toBe(account);
  });
});

describe('collection-valued navigation: <set>(<id>)/<collection>', () => {
  it('POST …/$ref associates a child', async () => {
    const { org, store, conversation, transcript } = arrange();
    const answer = await call(org, 'POST', `${conversations}(${conversation})/${transcriptsNav}/$ref`, {
      body: { '@odata.id': api(`msdyn_transcripts(${transcript})`) },
    });
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_transcript', transcript)!._msdyn_liveworkitemidid_value).toBe(conversation);
  });

  it('GET lists the children', async () => {
    const { org, store, conversation, transcript } = arrange();
    store.create('msdyn_transcript', { msdyn_name: 'Unrelated' });
    await call(org, 'POST', `${conversations}(${conversation})/${transcriptsNav}/$ref`, {
      body: { '@odata.id': api(`msdyn_transcripts(${transcript})`) },
    });
    const answer = await getJson(org, `${conversations}(${conversation})/${transcriptsNav}${query({ $select: 'msdyn_name' })}`);
    expect(answer.body.value.map((row: { msdyn_transcriptid: string }) => row.msdyn_transcriptid)).toEqual([transcript]);
  });

  it('DELETE …/<collection>(<child>)/$ref disassociates the child', async () => {
    const { org, store, conversation } = arrange();
    const child = store.create('msdyn_transcript', { msdyn_name: 'Child', msdyn_liveworkitemidid: conversation });
    const answer = await call(org, 'DELETE', `${conversations}(${conversation})/${transcriptsNav}(${child})/$ref`);
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_transcript', child)!._msdyn_liveworkitemidid_value).toBeNull();
  });

  it('DELETE …/$ref?$id=<url> disassociates the child', async () => {
    const { org, store, conversation } = arrange();
    const child = store.create('msdyn_transcript', { msdyn_name: 'Child', msdyn_liveworkitemidid: conversation });
    const answer = await call(
      org,
      'DELETE',
      `${conversations}(${conversation})/${transcriptsNav}/$ref${query({ $id: api(`msdyn_transcripts(${child})`) })}`,
    );
    expect(answer.status).toBe(204);
    expect(store.get('msdyn_transcript', child)!._msdyn_liveworkitemidid_value).toBeNull();
  });

  it('DELETE …/$ref of a record that is not a child is 404', async () => {
    const { org, conversation, transcript } = arrange();
    expect((await call(org, 'DELETE', `${conversations}(${conversation})/${transcriptsNav}(${transcript})/$ref`)).status).toBe(404);
  });
});

describe('single property: <set>(<id>)/<property>', () => {
  it('GET answers { value }', async () => {
    const { org, account } = arrange();
    const answer = await getJson(org, `accounts(${account})/name`);
    expect(answer.body).toMatchObject({ value: 'Fabrikam' });
  });

  it('GET …/$value answers the raw value as text', async () => {
    const { org, account } = arrange();
    const answer = await getJson(org, `accounts(${account})/name/$value`);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(answer.body).toBe('Fabrikam');
  });

  it('GET of a null property answers 204', async () => {
    const { org, account } = arrange();
    expect((await getJson(org, `accounts(${account})/emailaddress1`)).status).toBe(204);
  });

  it('PUT sets the property', async () => {
    const { org, store, account } = arrange();
    const answer = await call(org, 'PUT', `accounts(${account})/telephone1`, { body: { value: '+1 425 555 0111' } });
    expect(answer.status).toBe(204);
    expect(store.get('account', account)!.telephone1).toBe('+1 425 555 0111');
  });

  it('PUT validates the value like a PATCH', async () => {
    const { org, conversation } = arrange();
    expect((await call(org, 'PUT', `${conversations}(${conversation})/msdyn_transfercount`, { body: { value: 'two' } })).status).toBe(400);
  });

  it('PUT without a value is 400 and leaves the property', async () => {
    const { org, store, account } = arrange();
    const answer = await call(org, 'PUT', `accounts(${account})/telephone1`, { body: {} });
    expect(answer.status).toBe(400);
    expect(store.get('account', account)!.telephone1).toBe('+1 425 555 0100');
  });

  it('PUT with a null value clears the property', async () => {
    const { org, store, account } = arrange();
    expect((await call(org, 'PUT', `accounts(${account})/telephone1`, { body: { value: null } })).status).toBe(204);
    expect(store.get('account', account)!.telephone1).toBeNull();
  });

  it('DELETE clears the property', async () => {
    const { org, store, account } = arrange();
    const answer = await call(org, 'DELETE', `accounts(${account})/telephone1`);
    expect(answer.status).toBe(204);
    expect(store.get('account', account)!.telephone1).toBeNull();
  });

  it('PUT of a value nested deeper than 100 levels is 400, not 500', async () => {
    const { org, account } = arrange();
    const answer = await call(org, 'PUT', `accounts(${account})/name`, {
      body: `{"value":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    });
    expect(answer.status).toBe(400);
  });

  it('GET of an unknown property is 400', async () => {
    const { org, account } = arrange();
    expect((await getJson(org, `accounts(${account})/nosuchcolumn`)).status).toBe(400);
  });

  it('GET of a name only the prototype has is 400, not a navigation property', async () => {
    const { org, conversation } = arrange();
    const answer = await getJson(org, `${conversations}(${conversation})/constructor`);
    expect([answer.status, errorOf(answer).message]).toEqual([
      400,
      "Could not find a property named 'constructor' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
    ]);
  });
});

describe('the store', () => {
  it('refuses a name only the prototype has, as an unknown column', () => {
    const { store } = arrange();
    expect(() => store.create('account', { name: 'Contoso', toString: 'x' })).toThrow("The property 'toString' does not exist");
  });

  it('refuses a deeply nested value with a 400 that quotes it shortly, not a stack overflow', () => {
    const { store } = arrange();
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(() => store.create('account', { name: deep })).toThrow(
      expect.objectContaining({ status: 400, message: 'Cannot convert an array to a string for account.name.' }),
    );
  });
});

describe('WhoAmI', () => {
  it("answers the seed's signed-in agent as UserId", async () => {
    const org = seededOrg();
    const answer = await getJson(org, 'WhoAmI');
    expect(answer.status).toBe(200);
    expect(answer.body.UserId).toBe(org.seedData!.signedInAgentId);
  });

  it('answers the currentUserId a test sets, also as WhoAmI()', async () => {
    const { org, agent } = arrange();
    org.currentUserId = agent;
    expect((await getJson(org, 'WhoAmI()')).body.UserId).toBe(agent);
  });

  it('answers 401 in an empty org with no current user', async () => {
    const { org } = arrange();
    expect((await getJson(org, 'WhoAmI')).status).toBe(401);
  });
});

describe('methods', () => {
  it.each([
    ['PUT', 'accounts'],
    ['DELETE', 'accounts'],
    ['POST', 'accounts(ACCOUNT)'],
    ['PUT', 'accounts(ACCOUNT)'],
    ['POST', 'WhoAmI'],
  ])('answers 405 for %s %s', async (method, path) => {
    const { org, account } = arrange();
    const answer = await call(org, method, path.replace('ACCOUNT', account), method === 'DELETE' ? {} : { body: {} });
    expect(answer.status).toBe(405);
  });

  it.each(['PROPFIND', 'MKCOL', 'PURGE'])(
    "answers 501 with Dataverse's error body for %s, which the Web API does not have",
    async (method) => {
      const { org } = arrange();
      const answer = await call(org, method, 'accounts');
      expect(answer.status).toBe(501);
      expect(errorOf(answer)).toEqual({ code: '0x8006088b', message: `The HTTP method ${method} is not supported by the Web API.` });
    },
  );
});
