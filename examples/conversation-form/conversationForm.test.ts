// @vitest-environment jsdom
// The conversation form script, tested with the SDK's fakes: installFakeXrm (Xrm.WebApi on the
// org emulator) and installFakeOmnichannel (Microsoft.Omnichannel on the same org). Under jsdom,
// as docs/testing.md sets up a project's form-script tests: the kit must work there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InstalledFakeOmnichannel, type InstalledFakeXrm, installFakeOmnichannel, installFakeXrm } from '../../src/testing/index.js';
import { arrangeOrg } from './arrange.js';
import { onLoad, summaryTabId } from './conversationForm.js';

describe('conversation form › OnLoad', () => {
  let arranged: ReturnType<typeof arrangeOrg>;
  let omnichannel: InstalledFakeOmnichannel;
  let xrm: InstalledFakeXrm;
  const notifications: string[] = [];
  /** An execution context whose form is the conversation's (what the product passes the handler). */
  const executionContext = (id: string) => ({
    getFormContext: () => ({
      data: { entity: { getId: () => (id ? `{${id.toUpperCase()}}` : '') } },
      ui: { setFormNotification: (text: string) => void notifications.push(text) },
    }),
  });

  beforeEach(() => {
    arranged = arrangeOrg();
    notifications.length = 0;
    omnichannel = installFakeOmnichannel({ emulator: arranged.org, focusedConversationId: arranged.conversationId });
    xrm = installFakeXrm({ emulator: arranged.org, omnichannel });
  });
  afterEach(() => {
    xrm.uninstall();
    omnichannel.uninstall();
  });

  it('links the newest open case, notifies, and refreshes the summary tab', async () => {
    const { org, conversationId, newestCaseId } = arranged;
    expect(await onLoad(executionContext(conversationId))).toEqual({ conversationId, caseId: newestCaseId, linked: true });
    expect(org.store.get('msdyn_ocliveworkitem', conversationId)?._msdyn_issueid_value).toBe(newestCaseId);
    expect(notifications).toEqual(['Case "Delivery is late" linked to the conversation.']);
    expect(xrm.recorded.refreshedTabs).toEqual([{ tabId: summaryTabId, sessionId: omnichannel.workspace.focused.id }]);
    expect(xrm.recorded.progress).toEqual(['Loading the conversation…', null]);
  });

  it('reads through Xrm.WebApi with FetchXML, then links with one PATCH', async () => {
    const { org, conversationId } = arranged;
    org.requests.length = 0;
    await onLoad(executionContext(conversationId));
    const calls = org.requests.map(
      (r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).searchParams.has('fetchXml') ? '?fetchXml' : ''}`,
    );
    expect(calls.slice(0, 2)).toEqual(['GET /api/data/v9.2/msdyn_ocliveworkitems?fetchXml', 'GET /api/data/v9.2/incidents?fetchXml']);
    expect(calls.filter((call) => call.startsWith('PATCH'))).toEqual([`PATCH /api/data/v9.2/msdyn_ocliveworkitems(${conversationId})`]);
  });

  it('leaves a conversation that has a case as it is', async () => {
    const { org, conversationId, olderCaseId } = arranged;
    org.store.update('msdyn_ocliveworkitem', conversationId, { msdyn_issueid: olderCaseId });
    expect(await onLoad(executionContext(conversationId))).toEqual({ conversationId, caseId: olderCaseId, linked: false });
    expect(xrm.recorded.refreshedTabs).toEqual([]);
  });

  it('says so when the customer has no open case', async () => {
    const { org, conversationId, customerId } = arranged;
    for (const incident of org.store.list('incident').filter((row) => row._customerid_value === customerId))
      org.store.delete('incident', incident.incidentid as string);
    expect(await onLoad(executionContext(conversationId))).toEqual({ conversationId, caseId: null, linked: false });
    expect(notifications).toEqual(['No open case for Maria Campbell.']);
  });

  it('uses the focused conversation when the form has no id yet', async () => {
    const { conversationId, newestCaseId } = arranged;
    const result = await onLoad(executionContext(''));
    expect(xrm.recorded.alerts).toEqual([]);
    expect(result).toMatchObject({ conversationId, caseId: newestCaseId });
  });

  it('shows an alert with the Web API’s message when the org is throttling', async () => {
    const { org, conversationId } = arranged;
    org.faults.add({ kind: 'throttle', retryAfter: 1 });
    expect(await onLoad(executionContext(conversationId))).toBeUndefined();
    expect(xrm.recorded.alerts).toEqual([
      { strings: { title: 'Could not link a case', text: expect.stringMatching(/limit/i) }, options: undefined },
    ]);
    expect(xrm.recorded.progress.at(-1)).toBeNull();
  });
});
