// The live workspace against the emulator and its simulated contact centre, on fake timers:
// one request per source per interval, backoff when throttled, no overlap, stop on abort,
// accept and reject writing exactly once (or not at all), persistent chat close versus end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationStatus, SentimentLabel } from '../../src/index.js';
import { createSimulation, type OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const polls = (org: OrgEmulator, path: string) =>
  org.requests.filter((request) => request.method === 'GET' && new URL(request.url).pathname.endsWith(path)).length;

/** An Open conversation offered to the signed-in agent, as routing leaves it. */
function offer(org: OrgEmulator, title = 'Offered chat'): string {
  const simulation = createSimulation(org, { arrivalRate: 1, seed: 11 });
  const arrived = simulation.step().find((event) => event.type === 'arrived');
  if (!arrived) throw new Error('no arrival');
  org.store.update('msdyn_ocliveworkitem', arrived.conversationId, { msdyn_title: title });
  return arrived.conversationId;
}

describe('incoming work', () => {
  it('raises a notification for a conversation offered to the agent, once', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = offer(org);
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(client.workspace.notifications.map((item) => item.conversationId)).toEqual([id]);
    live.stop();
  });

  it('sends one request per interval, however many sessions are open', async () => {
    const org = seeded();
    const client = clientOf(org);
    for (const id of [org.seedData!.activeConversationId, org.seedData!.waitingConversationId]) await client.openConversation(id);
    org.requests.length = 0;
    const live = client.live.start({ intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5000);
    live.stop();
    expect(polls(org, '/msdyn_ocliveworkitems')).toBe(6);
    expect(polls(org, '/msdyn_liveconversations')).toBe(6);
  });

  it('backs off when throttled: the next poll waits for Retry-After, not the interval', async () => {
    const org = seeded();
    const client = clientOf(org, { retry: { maxRetries: 0 } });
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 10 }, times: 1, url: 'msdyn_ocliveworkitems' });
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(9000);
    expect(polls(org, '/msdyn_ocliveworkitems')).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(polls(org, '/msdyn_ocliveworkitems')).toBe(2);
    live.stop();
  });

  it('never overlaps: a slow poll delays the next one', async () => {
    const org = seeded();
    const client = clientOf(org);
    org.faults.add({ fault: { kind: 'delay', ms: 5000 }, times: 1, url: 'msdyn_ocliveworkitems' });
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(polls(org, '/msdyn_ocliveworkitems')).toBe(1);
    await vi.advanceTimersByTimeAsync(2100);
    expect(polls(org, '/msdyn_ocliveworkitems')).toBe(2);
    live.stop();
  });

  it('stops on abort: no request after it', async () => {
    const org = seeded();
    const client = clientOf(org);
    const controller = new AbortController();
    client.live.start({ intervalMs: 1000, sentiment: false, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    const sent = org.requests.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(org.requests.length).toBe(sent);
  });
});

describe('accepting and rejecting', () => {
  it('accepting makes the conversation Active with one write, opens and focuses its session', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = offer(org);
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    const [notification] = client.workspace.notifications;
    org.requests.length = 0;
    const session = await client.workspace.accept(notification!.id);
    live.stop();
    expect(org.store.get('msdyn_ocliveworkitem', id)!.statuscode).toBe(ConversationStatus.Active);
    expect(writes(org)).toEqual([`PATCH /api/data/v9.2/msdyn_ocliveworkitems(${id})`]);
    expect(client.workspace.focused.id).toBe(session.id);
  });

  it('rejecting writes nothing and leaves the conversation for routing', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = offer(org);
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    org.requests.length = 0;
    await client.workspace.reject(client.workspace.notifications[0]!.id);
    live.stop();
    expect(writes(org)).toEqual([]);
    expect(org.store.get('msdyn_ocliveworkitem', id)!.statuscode).toBe(ConversationStatus.Open);
  });

  it('refuses to accept a conversation reassigned since it was offered, writing nothing', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = offer(org);
    const live = client.live.start({ intervalMs: 1000, sentiment: false });
    await vi.advanceTimersByTimeAsync(0);
    org.store.update('msdyn_ocliveworkitem', id, { msdyn_activeagentid: org.seedData!.agents[1]!.id });
    org.requests.length = 0;
    const error = await caught(client.workspace.accept(client.workspace.notifications[0]!.id));
    live.stop();
    expect(error.code).toBe('InvalidState');
    expect(writes(org)).toEqual([]);
    expect(client.workspace.sessionOf(id)).toBeUndefined();
  });
});

describe('sentiment', () => {
  it('feeds the ongoing conversation’s sentiment to the open session, raising the alert when unfocused', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = offer(org);
    org.store.update('msdyn_ocliveworkitem', id, { statuscode: ConversationStatus.Active });
    await client.openConversation(id);
    client.workspace.focus('home');
    org.store.update('msdyn_liveconversation', id, { msdyn_customersentimentlabel: SentimentLabel.VeryNegative });
    const live = client.live.start({ intervalMs: 1000, incoming: false });
    await vi.advanceTimersByTimeAsync(0);
    live.stop();
    expect(client.workspace.sessionOf(id)).toMatchObject({ sentiment: SentimentLabel.VeryNegative, alert: true });
  });

  it('sends no request while no conversation session is open', async () => {
    const org = seeded();
    const client = clientOf(org);
    const live = client.live.start({ intervalMs: 1000, incoming: false });
    await vi.advanceTimersByTimeAsync(5000);
    live.stop();
    expect(polls(org, '/msdyn_liveconversations')).toBe(0);
  });
});

describe('persistent chat', () => {
  async function persistentSession(org: OrgEmulator) {
    const { activeConversationId } = org.seedData!;
    const workstream = org.store.get('msdyn_ocliveworkitem', activeConversationId)!._msdyn_liveworkstreamid_value as string;
    const client = clientOf(org, { workspace: { persistentChatWorkstreams: [workstream] } });
    const live = client.live.start({ intervalMs: 60_000, incoming: false, sentiment: false });
    const session = (await client.openConversation(activeConversationId))!;
    org.requests.length = 0;
    return { client, live, session, id: activeConversationId };
  }

  it('closing moves the conversation to Waiting with one write', async () => {
    const org = seeded();
    const { client, live, session, id } = await persistentSession(org);
    await expect(client.workspace.close(session.id)).resolves.toBe(true);
    live.stop();
    expect(org.store.get('msdyn_ocliveworkitem', id)).toMatchObject({ statecode: 0, statuscode: ConversationStatus.Waiting });
    expect(writes(org)).toHaveLength(1);
  });

  it('ending closes the conversation with one write', async () => {
    const org = seeded();
    const { client, live, session, id } = await persistentSession(org);
    await client.workspace.end(session.id);
    live.stop();
    expect(org.store.get('msdyn_ocliveworkitem', id)).toMatchObject({ statecode: 1, statuscode: ConversationStatus.Closed });
    expect(writes(org)).toHaveLength(1);
  });

  it('refuses to close another agent’s conversation: Forbidden, nothing written, the session stays', async () => {
    const org = seeded();
    const { client, live, session, id } = await persistentSession(org);
    org.store.update('msdyn_ocliveworkitem', id, { msdyn_activeagentid: org.seedData!.agents[1]!.id });
    org.requests.length = 0;
    const error = await caught(client.workspace.close(session.id));
    live.stop();
    expect(error.code).toBe('Forbidden');
    expect(writes(org)).toEqual([]);
    expect(client.workspace.sessionOf(id)).toBeDefined();
  });

  it('closing a session that is not a persistent chat writes nothing', async () => {
    const org = seeded();
    const client = clientOf(org);
    const live = client.live.start({ intervalMs: 60_000, incoming: false, sentiment: false });
    const session = (await client.openConversation(org.seedData!.activeConversationId))!;
    org.requests.length = 0;
    await client.workspace.close(session.id);
    live.stop();
    expect(org.requests).toHaveLength(0);
  });
});
