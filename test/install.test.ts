// OmnichannelSDK.install(): the script-tag drop-in that defines Microsoft.Omnichannel where the
// page has none, and never replaces the product's own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOmnichannel, install, isOmnichannelError, type MicrosoftOmnichannel } from '../src/index.js';
import { seeded, orgUrl } from './support/client.js';

const page = globalThis as { Microsoft?: Record<string, unknown> };

afterEach(() => {
  delete page.Microsoft;
});

/** The options of a client that talks to an emulated org in-process. */
function optionsFor(org: ReturnType<typeof seeded>) {
  return {
    orgUrl,
    agentId: org.seedData!.signedInAgentId,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => org.handle(new Request(input, init)),
  };
}

describe('install', () => {
  it('defines Microsoft.Omnichannel with the six methods when the page has none, and returns the client', async () => {
    const org = seeded();
    const client = install(optionsFor(org));
    const api = page.Microsoft!.Omnichannel as MicrosoftOmnichannel;
    expect(Object.keys(api).sort()).toEqual([
      'getConversationId',
      'getConversations',
      'linkToConversation',
      'openConversation',
      'sendMessageToConversation',
      'unlinkFromConversation',
    ]);
    await api.openConversation(org.seedData!.activeConversationId);
    expect(client.workspace.focused.conversationId).toBe(org.seedData!.activeConversationId);
    await expect(api.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
  });

  it('given a client, installs that one: the global acts on the sessions the page shows', async () => {
    const org = seeded();
    const desk = createOmnichannel({ ...optionsFor(org), host: 'builtin' });
    expect(install(desk)).toBe(desk);
    await desk.openConversation(org.seedData!.activeConversationId);
    const api = page.Microsoft!.Omnichannel as MicrosoftOmnichannel;
    await expect(api.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
    await api.sendMessageToConversation('Linked.');
    expect(desk.workspace.focused.draft).toBe('Linked.');
    // The full client stays the full client.
    expect(typeof install(desk).records.getConversation).toBe('function');
  });

  it('keeps the other members of an existing Microsoft namespace', () => {
    const apm = { getFocusedSession: vi.fn() };
    page.Microsoft = { Apm: apm };
    install(optionsFor(seeded()));
    expect(page.Microsoft.Apm).toBe(apm);
    expect(page.Microsoft.Omnichannel).toBeDefined();
  });

  it('never overwrites the product’s Microsoft.Omnichannel, and the client it returns delegates to it', async () => {
    const org = seeded();
    const product = { getConversationId: vi.fn(async () => org.seedData!.activeConversationId) };
    page.Microsoft = { Omnichannel: product };
    const client = install(optionsFor(org));
    expect(page.Microsoft.Omnichannel).toBe(product);
    await expect(client.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
    expect(product.getConversationId).toHaveBeenCalledTimes(1);
  });

  it('a second install replaces its own definition rather than delegating to it', async () => {
    const org = seeded();
    install(optionsFor(org));
    const second = install(optionsFor(org));
    const api = page.Microsoft!.Omnichannel as MicrosoftOmnichannel;
    await api.openConversation(org.seedData!.activeConversationId);
    expect(second.workspace.focused.conversationId).toBe(org.seedData!.activeConversationId);
  });

  it('rejects through the facade with OmnichannelError, as the product rejects', async () => {
    install(optionsFor(seeded()));
    const api = page.Microsoft!.Omnichannel as MicrosoftOmnichannel;
    const error = await api.linkToConversation('opportunity', '2b330c52-6844-4d36-8e05-03c78c9681dc').catch((e: unknown) => e);
    expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
  });

  it('throws InvalidInput for bad options and defines nothing', () => {
    expect(() => install({ orgurl: 'x' } as never)).toThrow(/orgurl/);
    expect(page.Microsoft).toBeUndefined();
  });
});
