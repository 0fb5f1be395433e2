// The host seam: where the product's Microsoft.Omnichannel is reachable, the UI-bound methods
// delegate to it with the SDK's correlation id, telemetry, timeout and one error type.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryEvent } from '../../src/index.js';
import { facadeBrand } from '../../src/http/host.js';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

const global = globalThis as { Microsoft?: unknown };

/** A fake product namespace on this window; its methods are spies. */
function installHost(focused: string) {
  const host = {
    getConversations: vi.fn(async () => []),
    getConversationId: vi.fn(async () => focused),
    openConversation: vi.fn(async () => ({ sessionId: 'session-id-1' })),
    linkToConversation: vi.fn(async () => undefined),
    unlinkFromConversation: vi.fn(async () => undefined),
    sendMessageToConversation: vi.fn(async () => undefined),
  };
  global.Microsoft = { Omnichannel: host };
  return host;
}

afterEach(() => {
  delete global.Microsoft;
});

describe('with the product’s Microsoft.Omnichannel reachable (host: auto)', () => {
  it('getConversationId asks the host', async () => {
    const org = seeded();
    const host = installHost(org.seedData!.activeConversationId);
    const client = clientOf(org, { host: 'auto' });
    await expect(client.getConversationId()).resolves.toBe(org.seedData!.activeConversationId);
    expect(host.getConversationId).toHaveBeenCalledTimes(1);
    expect(org.requests).toHaveLength(0);
  });

  it('openConversation and sendMessageToConversation delegate with the arguments given', async () => {
    const org = seeded();
    const id = org.seedData!.activeConversationId;
    const host = installHost(id);
    const client = clientOf(org, { host: 'auto' });
    await expect(client.openConversation(id)).resolves.toBeUndefined();
    await client.sendMessageToConversation('Hello', false, id);
    expect(host.openConversation).toHaveBeenCalledWith(id, undefined, undefined);
    expect(host.sendMessageToConversation).toHaveBeenCalledWith('Hello', false, id);
    expect(client.workspace.sessions).toHaveLength(1);
    expect(org.requests).toHaveLength(0);
  });

  it('linkToConversation writes through the Web API to the host’s focused conversation', async () => {
    const org = seeded();
    const conversation = org.store.create('msdyn_ocliveworkitem', { subject: 'Focused in the product' });
    installHost(conversation);
    await clientOf(org, { host: 'auto' }).linkToConversation('incident', org.seedData!.incidents[0]!.id);
    expect(org.store.get('msdyn_ocliveworkitem', conversation)!._msdyn_issueid_value).toBe(org.seedData!.incidents[0]!.id);
    expect(writes(org)).toHaveLength(1);
  });

  it('reports a host call in telemetry with the call’s correlation id', async () => {
    const org = seeded();
    installHost(org.seedData!.activeConversationId);
    const events: TelemetryEvent[] = [];
    await clientOf(org, { host: 'auto', onTelemetry: (event) => events.push(event) }).getConversationId({ correlationId: 'focus-1' });
    expect(events.map((event) => [event.type, event.method, event.url, event.correlationId])).toEqual([
      ['request', 'HOST', 'Microsoft.Omnichannel.getConversationId', 'focus-1'],
      ['response', 'HOST', 'Microsoft.Omnichannel.getConversationId', 'focus-1'],
    ]);
  });

  it('turns a host rejection into HostError carrying the host’s error', async () => {
    const org = seeded();
    const host = installHost(org.seedData!.activeConversationId);
    const hostError = { errorCode: 404, message: 'No focused session' };
    host.getConversationId.mockRejectedValueOnce(hostError);
    const error = await caught(clientOf(org, { host: 'auto' }).getConversationId({ correlationId: 'c-1' }));
    expect([error.code, error.correlationId, error.cause]).toEqual(['HostError', 'c-1', hostError]);
    expect(error.message).toContain('No focused session');
  });

  it('bounds a host that never answers by timeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const org = seeded();
      const host = installHost(org.seedData!.activeConversationId);
      host.getConversationId.mockReturnValueOnce(new Promise(() => undefined));
      const pending = caught(clientOf(org, { host: 'auto', timeoutMs: 5000 }).getConversationId());
      await vi.advanceTimersByTimeAsync(5000);
      expect((await pending).code).toBe('Timeout');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops waiting for the host when the caller aborts', async () => {
    const org = seeded();
    const host = installHost(org.seedData!.activeConversationId);
    host.openConversation.mockReturnValueOnce(new Promise(() => undefined));
    const controller = new AbortController();
    const pending = caught(clientOf(org, { host: 'auto' }).openConversation(org.seedData!.activeConversationId, undefined, undefined, { signal: controller.signal }));
    controller.abort();
    expect((await pending).code).toBe('Aborted');
  });

  it('rejects a host id that is not a GUID with InvalidInput', async () => {
    const org = seeded();
    installHost('not-a-guid');
    expect((await caught(clientOf(org, { host: 'auto' }).getConversationId())).code).toBe('InvalidInput');
  });
});

describe('without the host', () => {
  it('host: builtin ignores a reachable host and uses the built-in workspace', async () => {
    const org = seeded();
    const host = installHost(org.seedData!.activeConversationId);
    const error = await caught(clientOf(org, { host: 'builtin' }).getConversationId());
    expect(error.code).toBe('InvalidState');
    expect(host.getConversationId).not.toHaveBeenCalled();
  });

  it('never takes the SDK’s own installed facade for the host', async () => {
    const org = seeded();
    const facade = { getConversationId: vi.fn(async () => org.seedData!.activeConversationId), [facadeBrand]: true };
    global.Microsoft = { Omnichannel: facade };
    expect((await caught(clientOf(org, { host: 'auto' }).getConversationId())).code).toBe('InvalidState');
    expect(facade.getConversationId).not.toHaveBeenCalled();
  });

  it('rejects an unknown host mode with InvalidInput', () => {
    expect(() => clientOf(seeded(), { host: 'product' as never })).toThrow(/host/);
  });
});
