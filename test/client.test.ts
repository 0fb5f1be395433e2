import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type OmnichannelOptions, type XrmLike, createOmnichannel } from '../src/index.js';
import { caught, thrown } from './support/caught.js';
import { conversationsUrl, orgUrl, requests, server, useMsw } from './support/msw.js';

useMsw();

const agentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';
const global = globalThis as { Xrm?: XrmLike };

afterEach(() => {
  delete global.Xrm;
});

describe('createOmnichannel options', () => {
  it('requires orgUrl outside Dynamics 365, with InvalidInput naming orgUrl', () => {
    const error = thrown(() => createOmnichannel());
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('orgUrl');
    expect(error.message).toContain('orgUrl');
  });

  it('builds the Web API root from orgUrl with version 9.2 by default', () => {
    const client = createOmnichannel({ orgUrl });
    expect(client.orgUrl).toBe(orgUrl);
    expect(client.webApiUrl).toBe(`${orgUrl}/api/data/v9.2/`);
  });

  it('trims trailing slashes from orgUrl', () => {
    const client = createOmnichannel({ orgUrl: `${orgUrl}//` });
    expect(client.orgUrl).toBe(orgUrl);
    expect(client.webApiUrl).toBe(`${orgUrl}/api/data/v9.2/`);
  });

  it('keeps the path of an on-premises org and sends requests under it', async () => {
    const onPrem = 'https://crm.contoso.local/contoso';
    server.use(http.get(`${onPrem}/api/data/v9.2/msdyn_ocliveworkitems`, () => HttpResponse.json({ value: [] })));
    const client = createOmnichannel({ orgUrl: `${onPrem}/` });
    expect(client.orgUrl).toBe(onPrem);
    await client.getConversations({ agentId });
    expect(new URL(requests[0]!.url).pathname).toBe('/contoso/api/data/v9.2/msdyn_ocliveworkitems');
  });

  it('uses a custom apiVersion in the request path', async () => {
    server.use(http.get(`${orgUrl}/api/data/v9.1/msdyn_ocliveworkitems`, () => HttpResponse.json({ value: [] })));
    const client = createOmnichannel({ orgUrl, apiVersion: '9.1' });
    expect(client.webApiUrl).toBe(`${orgUrl}/api/data/v9.1/`);
    await client.getConversations({ agentId });
    expect(requests).toHaveLength(1);
  });

  it('sends requests through the fetch option', async () => {
    server.use(http.get(conversationsUrl, () => HttpResponse.json({ value: [] })));
    const fetchSpy = vi.fn<typeof fetch>((input, init) => globalThis.fetch(input, init));
    await createOmnichannel({ orgUrl, fetch: fetchSpy }).getConversations({ agentId });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toMatch(/^https:\/\/contoso\.crm\.dynamics\.com\/api\/data\/v9\.2\/msdyn_ocliveworkitems\?/);
  });

  it('normalises the agentId option', () => {
    expect(createOmnichannel({ orgUrl, agentId: `{${agentId.toUpperCase()}}` }).agentId).toBe(agentId);
  });

  it.each<[string, OmnichannelOptions, string]>([
    ['an orgUrl that is not a URL', { orgUrl: 'contoso' }, 'orgUrl'],
    ['an orgUrl that is not http(s)', { orgUrl: 'ftp://contoso.crm.dynamics.com' }, 'orgUrl'],
    ['an orgUrl with a query', { orgUrl: `${orgUrl}/?x=1` }, 'orgUrl'],
    ['an orgUrl with a fragment', { orgUrl: `${orgUrl}/#main` }, 'orgUrl'],
    ['an apiVersion without a minor version', { orgUrl, apiVersion: '9' }, 'apiVersion'],
    ['an apiVersion with a v', { orgUrl, apiVersion: 'v9.2' }, 'apiVersion'],
    ['an apiVersion with a path', { orgUrl, apiVersion: '9.2/../x' }, 'apiVersion'],
    ['a numeric apiVersion', { orgUrl, apiVersion: 9.2 as never }, 'apiVersion'],
    ['a timeoutMs of 0', { orgUrl, timeoutMs: 0 }, 'timeoutMs'],
    ['a negative timeoutMs', { orgUrl, timeoutMs: -1 }, 'timeoutMs'],
    ['a NaN timeoutMs', { orgUrl, timeoutMs: Number.NaN }, 'timeoutMs'],
    ['an infinite timeoutMs', { orgUrl, timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
    ['a string timeoutMs', { orgUrl, timeoutMs: '100' as never }, 'timeoutMs'],
    ['a timeoutMs over 2^31−1 ms, which would overflow setTimeout and fire at once', { orgUrl, timeoutMs: 2 ** 31 }, 'timeoutMs'],
    ['a retry.baseDelayMs over 2^31−1 ms', { orgUrl, retry: { baseDelayMs: 2 ** 31 } }, 'retry.baseDelayMs'],
    ['a retry.maxDelayMs over 2^31−1 ms', { orgUrl, retry: { maxDelayMs: 2 ** 31 } }, 'retry.maxDelayMs'],
    ['a retry.maxRetryAfterMs over 2^31−1 ms', { orgUrl, retry: { maxRetryAfterMs: 10 ** 15 } }, 'retry.maxRetryAfterMs'],
    ['a fetch that is not a function', { orgUrl, fetch: 'fetch' as never }, 'fetch'],
    ['a getAccessToken that is not a function', { orgUrl, getAccessToken: 'token' as never }, 'getAccessToken'],
    ['an onTelemetry that is not a function', { orgUrl, onTelemetry: {} as never }, 'onTelemetry'],
    ['a malformed agentId', { orgUrl, agentId: 'me' }, 'agentId'],
    ['a negative retry.maxRetries', { orgUrl, retry: { maxRetries: -1 } }, 'retry.maxRetries'],
  ])('rejects %s with InvalidInput naming %s', (_name, options, field) => {
    const error = thrown(() => createOmnichannel(options));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('accepts a timeoutMs and retry delays of exactly 2^31−1 ms, the longest setTimeout holds', () => {
    const longest = 2 ** 31 - 1;
    const retry = { baseDelayMs: longest, maxDelayMs: longest, maxRetryAfterMs: longest };
    expect(() => createOmnichannel({ orgUrl, timeoutMs: longest, retry })).not.toThrow();
  });

  it('rejects options that are not an object', () => {
    expect(thrown(() => createOmnichannel(null as never)).field).toBe('options');
  });
});

describe('createOmnichannel inside Dynamics 365', () => {
  function installXrm(clientUrl: string, userId?: string) {
    const getGlobalContext = vi.fn(() => ({ getClientUrl: () => clientUrl, userSettings: { userId } }));
    global.Xrm = { Utility: { getGlobalContext } };
    return getGlobalContext;
  }

  it('reads orgUrl from Xrm getClientUrl()', () => {
    installXrm(`${orgUrl}/`);
    const client = createOmnichannel();
    expect(client.orgUrl).toBe(orgUrl);
    expect(client.webApiUrl).toBe(`${orgUrl}/api/data/v9.2/`);
  });

  it('reads agentId from Xrm userSettings.userId, braces stripped and lower-cased', () => {
    installXrm(orgUrl, `{${agentId.toUpperCase()}}`);
    expect(createOmnichannel().agentId).toBe(agentId);
  });

  it("queries the signed-in user's conversations with the session cookie, without Authorization", async () => {
    installXrm(orgUrl, `{${agentId.toUpperCase()}}`);
    server.use(http.get(conversationsUrl, () => HttpResponse.json({ value: [] })));
    await createOmnichannel().getConversations({});
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).searchParams.get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('lets the options override what Xrm says', () => {
    installXrm('https://other.crm.dynamics.com', '{11111111-2222-4333-8444-555555555555}');
    const client = createOmnichannel({ orgUrl, agentId });
    expect(client.orgUrl).toBe(orgUrl);
    expect(client.agentId).toBe(agentId);
  });

  it('does not take the Xrm user as the agent of another org named in the options', () => {
    installXrm('https://other.crm.dynamics.com', `{${agentId}}`);
    expect(createOmnichannel({ orgUrl }).agentId).toBeUndefined();
  });

  it('takes the Xrm user when the options name Xrm’s own org', () => {
    installXrm(`${orgUrl}/`, `{${agentId}}`);
    expect(createOmnichannel({ orgUrl }).agentId).toBe(agentId);
  });

  it('leaves agentId unknown when Xrm has no user, so getConversations asks for one', async () => {
    installXrm(orgUrl);
    const client = createOmnichannel();
    expect(client.agentId).toBeUndefined();
    const error = await caught(client.getConversations({}));
    expect(error.field).toBe('input.agentId');
    expect(requests).toHaveLength(0);
  });

  it('ignores an Xrm without getGlobalContext', () => {
    (globalThis as { Xrm?: unknown }).Xrm = { Utility: {} };
    expect(thrown(() => createOmnichannel()).field).toBe('orgUrl');
  });
});
