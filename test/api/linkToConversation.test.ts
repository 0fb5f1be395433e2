// linkToConversation and unlinkFromConversation against the emulator: what each writes, and
// that every refusal writes nothing.
import { describe, expect, it } from 'vitest';
import type { OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

const conversationTable = 'msdyn_ocliveworkitem';
const missing = '00000000-0000-4000-8000-00000000dead';

/** An open conversation of the signed-in agent with no customer and no case. */
function bareConversation(org: OrgEmulator): string {
  return org.store.create(conversationTable, { subject: 'Bare chat', msdyn_activeagentid: org.seedData!.signedInAgentId, statuscode: 2 });
}

const linked = (org: OrgEmulator, id: string) => {
  const row = org.store.get(conversationTable, id)!;
  return {
    customer: row._msdyn_customer_value ?? null,
    customerTable: row['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] ?? null,
    case: row._msdyn_issueid_value ?? null,
  };
};

describe('linkToConversation', () => {
  it('makes a contact the customer with one PATCH binding its navigation property', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const contact = org.seedData!.contacts[0]!.id;
    const result = await clientOf(org).linkToConversation('contact', contact, conversation);
    expect(result).toEqual({ conversationId: conversation, entityLogicalName: 'contact', recordId: contact });
    expect(linked(org, conversation)).toEqual({ customer: contact, customerTable: 'contact', case: null });
    expect(writes(org)).toEqual([`PATCH /api/data/v9.2/msdyn_ocliveworkitems(${conversation})`]);
  });

  it('makes an account the customer, replacing a linked contact, and says what it replaced', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    const contact = org.seedData!.contacts[0]!.id;
    const account = org.seedData!.accounts[0]!.id;
    await client.linkToConversation('contact', contact, conversation);
    const result = await client.linkToConversation('account', account, conversation);
    expect(result.replaced).toEqual({ entityLogicalName: 'contact', recordId: contact });
    expect(linked(org, conversation)).toEqual({ customer: account, customerTable: 'account', case: null });
  });

  it('makes an incident the case, leaving the customer', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    await client.linkToConversation('contact', org.seedData!.contacts[0]!.id, conversation);
    await client.linkToConversation('incident', org.seedData!.incidents[1]!.id, conversation);
    expect(linked(org, conversation)).toMatchObject({ customer: org.seedData!.contacts[0]!.id, case: org.seedData!.incidents[1]!.id });
  });

  it('defaults to the focused conversation', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    await client.openConversation(conversation);
    await client.linkToConversation('incident', org.seedData!.incidents[0]!.id);
    expect(linked(org, conversation).case).toBe(org.seedData!.incidents[0]!.id);
  });

  it('rejects another table with InvalidInput before any request', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).linkToConversation('opportunity', missing, bareConversation(org)));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'entityLogicalName']);
    expect(org.requests).toHaveLength(0);
  });

  it('rejects a closed conversation with InvalidState and writes nothing', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).linkToConversation('contact', org.seedData!.contacts[0]!.id, org.seedData!.closedConversationId));
    expect(error.code).toBe('InvalidState');
    expect(writes(org)).toEqual([]);
  });

  it('rejects a record that does not exist with NotFound naming it, and writes nothing', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const error = await caught(clientOf(org).linkToConversation('incident', missing, conversation));
    expect(error.code).toBe('NotFound');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('incident');
    expect(writes(org)).toEqual([]);
    expect(linked(org, conversation).case).toBeNull();
  });

  it('rejects a conversation that does not exist with NotFound', async () => {
    const org = seeded();
    expect((await caught(clientOf(org).linkToConversation('contact', org.seedData!.contacts[0]!.id, missing))).code).toBe('NotFound');
    expect(writes(org)).toEqual([]);
  });

  it('with Home focused and no conversation given, rejects InvalidState before any request', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).linkToConversation('contact', org.seedData!.contacts[0]!.id));
    expect(error.code).toBe('InvalidState');
    expect(org.requests).toHaveLength(0);
  });

  it('sends the PATCH once when the service fails it, never repeating the write', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    org.faults.add({ fault: { kind: 'unavailable' }, method: 'PATCH' });
    const error = await caught(clientOf(org).linkToConversation('contact', org.seedData!.contacts[0]!.id, conversation));
    expect(error.code).toBe('ServerError');
    expect(writes(org)).toHaveLength(1);
  });
});

describe('unlinkFromConversation', () => {
  it('clears the customer when the record is the one linked', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    const contact = org.seedData!.contacts[0]!.id;
    await client.linkToConversation('contact', contact, conversation);
    await client.linkToConversation('incident', org.seedData!.incidents[0]!.id, conversation);
    await client.unlinkFromConversation('contact', contact, conversation);
    expect(linked(org, conversation)).toEqual({ customer: null, customerTable: null, case: org.seedData!.incidents[0]!.id });
  });

  it('clears the case when the incident is the one linked', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    const incident = org.seedData!.incidents[0]!.id;
    await client.linkToConversation('incident', incident, conversation);
    await client.unlinkFromConversation('incident', incident, conversation);
    expect(linked(org, conversation).case).toBeNull();
  });

  it('rejects InvalidState and writes nothing when another record is linked', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    await client.linkToConversation('contact', org.seedData!.contacts[0]!.id, conversation);
    const before = writes(org).length;
    const error = await caught(client.unlinkFromConversation('contact', org.seedData!.contacts[1]!.id, conversation));
    expect(error.code).toBe('InvalidState');
    expect(writes(org)).toHaveLength(before);
    expect(linked(org, conversation).customer).toBe(org.seedData!.contacts[0]!.id);
  });

  it('rejects InvalidState when the id matches but the table does not (an account id given as contact)', async () => {
    const org = seeded();
    const conversation = bareConversation(org);
    const client = clientOf(org);
    const account = org.seedData!.accounts[0]!.id;
    await client.linkToConversation('account', account, conversation);
    expect((await caught(client.unlinkFromConversation('contact', account, conversation))).code).toBe('InvalidState');
  });

  it('rejects InvalidState when nothing is linked', async () => {
    const org = seeded();
    const error = await caught(clientOf(org).unlinkFromConversation('incident', org.seedData!.incidents[0]!.id, bareConversation(org)));
    expect(error.code).toBe('InvalidState');
    expect(writes(org)).toEqual([]);
  });
});
