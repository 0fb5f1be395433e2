// docs/testing.md › Testing a form script: the guide's blocks, run here as written, and the
// excerpts it quotes from examples/conversation-form, checked against the example.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrgEmulator, installFakeOmnichannel, installFakeXrm, type InstalledFakeOmnichannel, type InstalledFakeXrm } from '../../src/testing/index.js';
import { XrmMockGenerator } from 'xrm-mock';
import { onLoad, summaryTabId } from '../../examples/conversation-form/conversationForm.js';
import { codeBlocks, normalise, readGuide } from './support.js';

describe('docs/testing.md › Testing a form script', () => {
  // conversationForm.test.ts

  const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  const conversationId = org.seedData!.activeConversationId;
  let omnichannel: InstalledFakeOmnichannel;
  let xrm: InstalledFakeXrm;
  const notifications: string[] = [];
  /** The execution context Dynamics 365 passes to OnLoad, for the conversation's form. */
  const executionContext = {
    getFormContext: () => ({
      data: { entity: { getId: () => `{${conversationId.toUpperCase()}}` } },
      ui: { setFormNotification: (text: string) => void notifications.push(text) },
    }),
  };

  beforeEach(() => {
    omnichannel = installFakeOmnichannel({ emulator: org, focusedConversationId: conversationId });
    xrm = installFakeXrm({ emulator: org, omnichannel });
  });
  afterEach(() => {
    xrm.uninstall();
    omnichannel.uninstall();
  });

  it('links the customer’s newest active case and refreshes the summary tab', async () => {
    const customer = { table: 'contact', id: org.store.create('contact', { fullname: 'Maria Campbell' }) };
    org.store.update('msdyn_ocliveworkitem', conversationId, { msdyn_customer: customer, msdyn_issueid: null });
    const caseId = org.store.create('incident', { title: 'Delivery is late', customerid: customer });

    await onLoad(executionContext);

    expect(org.store.get('msdyn_ocliveworkitem', conversationId)?._msdyn_issueid_value).toBe(caseId);
    expect(notifications).toEqual(['Case "Delivery is late" linked to the conversation.']);
    expect(xrm.recorded.refreshedTabs.map((tab) => tab.tabId)).toEqual([summaryTabId]);
  });
});

describe('docs/testing.md › Testing a form script › on top of xrm-mock', () => {
  const org = createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
  const conversationId = org.seedData!.activeConversationId;
  let omnichannel: InstalledFakeOmnichannel;
  let xrm: InstalledFakeXrm;

  beforeEach(() => {
    // Not in the guide: a customer with an active case, and no case linked yet.
    const customer = { table: 'contact', id: org.store.create('contact', { fullname: 'Maria Campbell' }) };
    org.store.update('msdyn_ocliveworkitem', conversationId, { msdyn_customer: customer, msdyn_issueid: null });
    org.store.create('incident', { title: 'Delivery is late', customerid: customer });
  });
  afterEach(() => {
    xrm.uninstall();
    omnichannel.uninstall();
    delete (globalThis as { Xrm?: unknown }).Xrm;
  });

  beforeEach(() => {
    XrmMockGenerator.initialise({ entity: { entityName: 'msdyn_ocliveworkitem', id: `{${conversationId.toUpperCase()}}` } });
    omnichannel = installFakeOmnichannel({ emulator: org, focusedConversationId: conversationId });
    xrm = installFakeXrm({ emulator: org, omnichannel });
  });

  it('links the case from the form xrm-mock made', async () => {
    await onLoad(XrmMockGenerator.getEventContext());
    expect(xrm.recorded.refreshedTabs).toHaveLength(1);
  });
});

describe('docs/testing.md › Testing a form script › the excerpts', () => {
  it('every ```js block of the section is in examples/conversation-form/conversationForm.js, as written', () => {
    const guide = readGuide('docs/testing.md');
    const section = guide.slice(guide.indexOf('## Testing a form script'), guide.indexOf('## A loopback server'));
    const script = normalise(readGuide('examples/conversation-form/conversationForm.js'));
    const blocks = codeBlocks(section, 'js');
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(script).toContain(normalise(block));
  });
});
