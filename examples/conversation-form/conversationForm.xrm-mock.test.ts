// @vitest-environment jsdom
// The same suite on top of xrm-mock's generated Xrm: xrm-mock fakes the form (attributes, ui),
// installFakeXrm adds a working Xrm.WebApi and context, installFakeOmnichannel the Omnichannel API.
// Under jsdom, as docs/testing.md sets up a project's form-script tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XrmMockGenerator } from 'xrm-mock';
import { type InstalledFakeOmnichannel, type InstalledFakeXrm, installFakeOmnichannel, installFakeXrm } from '../../src/testing/index.js';
import { arrangeOrg } from './arrange.js';
import { onLoad, summaryTabId } from './conversationForm.js';

describe('conversation form on xrm-mock › OnLoad', () => {
  let arranged: ReturnType<typeof arrangeOrg>;
  let omnichannel: InstalledFakeOmnichannel;
  let xrm: InstalledFakeXrm;

  beforeEach(() => {
    arranged = arrangeOrg();
    XrmMockGenerator.initialise({ entity: { entityName: 'msdyn_ocliveworkitem', id: `{${arranged.conversationId.toUpperCase()}}` } });
    XrmMockGenerator.Attribute.createString('subject', 'Chat with Maria');
    omnichannel = installFakeOmnichannel({ emulator: arranged.org, focusedConversationId: arranged.conversationId });
    xrm = installFakeXrm({ emulator: arranged.org, omnichannel });
  });
  afterEach(() => {
    xrm.uninstall();
    omnichannel.uninstall();
    delete (globalThis as { Xrm?: unknown }).Xrm;
  });

  it('links the newest open case and refreshes the summary tab', async () => {
    const { org, conversationId, newestCaseId } = arranged;
    const result = await onLoad(XrmMockGenerator.getEventContext());
    expect(result).toEqual({ conversationId, caseId: newestCaseId, linked: true });
    expect(org.store.get('msdyn_ocliveworkitem', conversationId)?._msdyn_issueid_value).toBe(newestCaseId);
    expect(xrm.recorded.refreshedTabs.map((tab) => tab.tabId)).toEqual([summaryTabId]);
  });

  it('keeps xrm-mock’s form fakes: Xrm.Page reads the form xrm-mock made', async () => {
    const global = globalThis as unknown as { Xrm: { Page: { getAttribute(name: string): { getValue(): unknown } } } };
    expect(global.Xrm.Page.getAttribute('subject').getValue()).toBe('Chat with Maria');
    await onLoad(XrmMockGenerator.getEventContext());
    expect(global.Xrm.Page.getAttribute('subject').getValue()).toBe('Chat with Maria');
  });

  it('shows the notification through xrm-mock’s form UI', async () => {
    const { org, conversationId, olderCaseId } = arranged;
    org.store.update('msdyn_ocliveworkitem', conversationId, { msdyn_issueid: olderCaseId });
    expect(await onLoad(XrmMockGenerator.getEventContext())).toEqual({ conversationId, caseId: olderCaseId, linked: false });
  });

  it('puts xrm-mock’s Xrm back on uninstall', () => {
    const generated = XrmMockGenerator.initialise();
    const fake = installFakeXrm({ emulator: arranged.org });
    expect((globalThis as { Xrm?: unknown }).Xrm).not.toBe(generated);
    fake.uninstall();
    expect((globalThis as { Xrm?: unknown }).Xrm).toBe(generated);
  });
});
