import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversationStatus, createOmnichannel } from '../../src/index.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { caught } from '../support/caught.js';
import { orgUrl, seededOrg } from './support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The signed-in agent's conversations with this status, straight from the store. */
function expectedIds(org: OrgEmulator, status: number): string[] {
  const agentId = org.seedData!.signedInAgentId;
  return org.store
    .list('msdyn_ocliveworkitem')
    .filter((row) => row._msdyn_activeagentid_value === agentId && row.statuscode === status)
    .map((row) => row.activityid as string)
    .sort();
}

function client(org: OrgEmulator, url: string) {
  return createOmnichannel({ orgUrl: url, agentId: org.seedData!.signedInAgentId, retry: { maxRetries: 0 } });
}

const ids = (records: { activityid?: string | null }[]) => records.map((record) => record.activityid).sort();

describe('omnichannelHandlers(org)', () => {
  it("answers the SDK's getConversations from the emulated org", async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org));
    const waiting = await client(org, orgUrl).getConversations({ status: [ConversationStatus.Waiting] });
    expect(ids(waiting)).toEqual(expectedIds(org, ConversationStatus.Waiting));
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('answers requests to any org URL', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org));
    const closed = await client(org, 'https://fabrikam.crm4.dynamics.com/').getConversations({ status: [ConversationStatus.Closed] });
    expect(ids(closed)).toEqual(expectedIds(org, ConversationStatus.Closed));
    expect(org.requests[0]!.url).toMatch(/^https:\/\/fabrikam\.crm4\.dynamics\.com\/api\/data\/v9\.2\/msdyn_ocliveworkitems\?/);
  });

  it('lets the SDK see a network fault as NetworkError', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org));
    org.faults.add({ kind: 'network' });
    const error = await caught(client(org, orgUrl).getConversations({}));
    expect(error.code).toBe('NetworkError');
  });

  it('lets the SDK see a throttle fault as a 429 it retries after Retry-After', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org));
    org.faults.add({ kind: 'throttle', retryAfter: 0 });
    const sdk = createOmnichannel({ orgUrl, agentId: org.seedData!.signedInAgentId, retry: { maxRetries: 1 } });
    const active = await sdk.getConversations({ status: [ConversationStatus.Active] });
    expect(ids(active)).toEqual(expectedIds(org, ConversationStatus.Active));
    expect(org.requests).toHaveLength(2);
  });
});

describe('omnichannelHandlers(org, orgUrl)', () => {
  it('answers requests to that org', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org, `${orgUrl}/`));
    const waiting = await client(org, orgUrl).getConversations({ status: [ConversationStatus.Waiting] });
    expect(ids(waiting)).toEqual(expectedIds(org, ConversationStatus.Waiting));
  });

  it('leaves requests to another origin unhandled: MSW reports them and fetch rejects', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org, orgUrl));
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(fetch('https://fabrikam.crm4.dynamics.com/api/data/v9.2/WhoAmI')).rejects.toThrow();
    expect(report).toHaveBeenCalledWith(expect.stringContaining('without a matching request handler'));
    expect(org.requests).toHaveLength(0);
  });

  it('leaves SDK requests to another origin unhandled: the SDK sees NetworkError', async () => {
    const org = seededOrg();
    server.use(...omnichannelHandlers(org, orgUrl));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await caught(client(org, 'https://fabrikam.crm4.dynamics.com').getConversations({}));
    expect(error.code).toBe('NetworkError');
    expect(org.requests).toHaveLength(0);
  });
});
