// Inside the product the workspace is fed by Microsoft.Apm's session events, published on
// BroadcastChannel topics (Node has BroadcastChannel): a fake Apm publishes them as the product
// would, and the workspace follows without knowing which side feeds it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApmLike, ApmSession } from '../../src/workspace/sources/host.js';
import { thrown } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

/** A Microsoft.Apm with sessions the test adds, publishing events on topic channels. */
function fakeApm(prefix: string) {
  const sessions = new Map<string, ApmSession>([['home', { sessionId: 'home', isDefault: true }]]);
  const publishers: BroadcastChannel[] = [];
  const topic = (event: string) => `${prefix}:${event}`;
  const publish = (event: string, data: unknown) => {
    const channel = new BroadcastChannel(topic(event));
    publishers.push(channel);
    channel.postMessage(data);
  };
  const apm: ApmLike = { getEventPublisherTopic: topic, getSession: (id) => sessions.get(id) };
  return {
    apm,
    addConversationSession(sessionId: string, conversationId: string, title: string) {
      sessions.set(sessionId, { sessionId, title, getContext: async () => ({ parameters: { LiveWorkItemId: conversationId } }) });
    },
    switchTo: (newSessionId: string, previousSessionId = 'home') => publish('ON_SESSION_SWITCH', { previousSessionId, newSessionId }),
    close: (sessionId: string) => publish('ON_SESSION_CLOSED', { sessionId }),
    dispose: () => publishers.forEach((channel) => channel.close()),
  };
}

/** Waits until `condition` holds (BroadcastChannel delivers on a later turn of the event loop). */
async function until(condition: () => boolean) {
  for (let turn = 0; turn < 200 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function start(prefix: string) {
  const org = seeded();
  const client = clientOf(org);
  const host = fakeApm(prefix);
  const live = client.live.start({ host: host.apm, sentiment: false });
  cleanups.push(() => live.stop(), host.dispose);
  return { org, client, host, live };
}

describe('following the product through Microsoft.Apm', () => {
  it('mirrors a switch to a conversation session: opened once, focused, titled as the product titles it', async () => {
    const { org, client, host } = start('switch');
    const conversationId = org.seedData!.activeConversationId;
    host.addConversationSession('apm-1', conversationId, 'Maria Campbell');
    host.switchTo('apm-1');
    await until(() => client.workspace.focused.conversationId === conversationId);
    expect(client.workspace.focused.title).toBe('Maria Campbell');

    host.switchTo('home', 'apm-1');
    await until(() => client.workspace.focused.kind === 'home');
    host.switchTo('apm-1');
    await until(() => client.workspace.focused.conversationId === conversationId);
    expect(client.workspace.sessions.filter((session) => session.conversationId === conversationId)).toHaveLength(1);
  });

  it('drops a session the product closed without a confirmation or a write of its own', async () => {
    const org = seeded();
    const client = clientOf(org, {
      workspace: { persistentChatWorkstreams: [], confirmClose: () => Promise.reject(new Error('must not be asked')) },
    });
    const host = fakeApm('close');
    const live = client.live.start({ host: host.apm, sentiment: false });
    cleanups.push(() => live.stop(), host.dispose);
    host.addConversationSession('apm-2', org.seedData!.activeConversationId, 'Chat');
    host.switchTo('apm-2');
    await until(() => client.workspace.sessions.length === 2);
    org.requests.length = 0;

    host.close('apm-2');
    await until(() => client.workspace.sessions.length === 1);
    expect(client.workspace.focused.kind).toBe('home');
    expect(writes(org)).toEqual([]);
  });

  it('ignores sessions whose context names no conversation, and events it cannot read', async () => {
    const { client, host } = start('other');
    host.switchTo('no-such-session');
    host.close('never-mirrored');
    host.switchTo('home');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.workspace.sessions.map((session) => session.kind)).toEqual(['home']);
  });

  it('stops following when stopped', async () => {
    const { org, client, host, live } = start('stop');
    live.stop();
    host.addConversationSession('apm-3', org.seedData!.activeConversationId, 'Chat');
    host.switchTo('apm-3');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.workspace.sessions).toHaveLength(1);
  });

  it('host: true without Microsoft.Apm on the page is InvalidState; an unknown option is InvalidInput', () => {
    const client = clientOf(seeded());
    expect(thrown(() => client.live.start({ host: true })).code).toBe('InvalidState');
    const error = thrown(() => client.live.start({ hots: true } as never));
    expect(error.code).toBe('InvalidInput');
    expect(error.message).toContain('options.hots');
  });

  it('a start refused for a missing host leaves no hook behind: closing a persistent chat then writes nothing', async () => {
    const org = seeded();
    const conversationId = org.seedData!.activeConversationId;
    const workstream = String(org.store.get('msdyn_ocliveworkitem', conversationId)!._msdyn_liveworkstreamid_value);
    const client = clientOf(org, { workspace: { persistentChatWorkstreams: [workstream] } });
    expect(thrown(() => client.live.start({ host: true })).code).toBe('InvalidState');
    const session = await client.openConversation(conversationId);
    expect(session!.persistent).toBe(true);
    org.requests.length = 0;
    await client.workspace.close(session!.id);
    expect(writes(org)).toEqual([]);
  });

  it('offers no incoming work of its own while following the host (the product offers it)', async () => {
    const { org, client } = start('incoming');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(org.requests.filter((request) => request.url.includes('msdyn_ocliveworkitems'))).toEqual([]);
    expect(client.workspace.notifications).toEqual([]);
  });
});
