// What both suites of the example share: an org where the focused conversation's customer has
// cases, and the checks of what the script did.
import { createOrgEmulator, type OrgEmulator } from '../../src/testing/index.js';

/** The seeded org, its active (focused) conversation given a contact with two active cases and a resolved one. */
export function arrangeOrg(): { org: OrgEmulator; conversationId: string; customerId: string; newestCaseId: string; olderCaseId: string } {
  const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  const conversationId = org.seedData!.activeConversationId;
  const customerId = org.store.create('contact', { fullname: 'Maria Campbell' });
  org.store.update('msdyn_ocliveworkitem', conversationId, { msdyn_customer: { table: 'contact', id: customerId }, msdyn_issueid: null });
  const customer = { table: 'contact', id: customerId };
  const olderCaseId = org.store.create('incident', { title: 'Refund request', customerid: customer, createdon: '2026-02-01T09:00:00Z' });
  const newestCaseId = org.store.create('incident', { title: 'Delivery is late', customerid: customer, createdon: '2026-02-27T09:00:00Z' });
  org.store.create('incident', { title: 'Old question', customerid: customer, statuscode: 5, createdon: '2026-02-28T09:00:00Z' });
  return { org, conversationId, customerId, newestCaseId, olderCaseId };
}
