// The simulated contact centre: deterministic for a seed, driven step by step.
import { describe, expect, it, vi } from 'vitest';
import { ConversationStatus } from '../../src/index.js';
import { createSimulation, type OrgEmulator } from '../../src/testing/index.js';
import { seededOrg } from './support.js';

/** Steps until an event of a kind happens (at most `limit` steps), returning it. */
function until(simulation: ReturnType<typeof createSimulation>, type: string, limit = 200) {
  for (let i = 0; i < limit; i++) {
    const found = simulation.step().find((event) => event.type === type);
    if (found) return found;
  }
  throw new Error(`no ${type} in ${limit} steps`);
}

const accept = (org: OrgEmulator, id: string) => org.store.update('msdyn_ocliveworkitem', id, { statuscode: ConversationStatus.Active });

describe('createSimulation', () => {
  it('offers new conversations to the agent: Open, assigned, with an ongoing conversation and a first customer message', () => {
    const org = seededOrg();
    const simulation = createSimulation(org, { arrivalRate: 1 });
    const arrived = until(simulation, 'arrived') as { conversationId: string; title: string };
    const row = org.store.get('msdyn_ocliveworkitem', arrived.conversationId)!;
    expect(row).toMatchObject({
      statuscode: ConversationStatus.Open,
      _msdyn_activeagentid_value: org.seedData!.signedInAgentId,
      msdyn_title: arrived.title,
    });
    expect(org.store.get('msdyn_liveconversation', arrived.conversationId)).toBeDefined();
    expect(org.messages.after(0, arrived.conversationId)).toEqual([expect.objectContaining({ from: 'customer' })]);
  });

  it('is deterministic for a seed: the same steps give the same events', () => {
    const run = () => {
      const org = seededOrg();
      const simulation = createSimulation(org, { seed: 7, arrivalRate: 0.5 });
      for (let i = 0; i < 30; i++) {
        for (const event of simulation.step()) if (event.type === 'arrived') accept(org, event.conversationId);
      }
      return simulation.events.map((event) => ({ ...event, conversationId: undefined }));
    };
    expect(run()).toEqual(run());
    expect(run().length).toBeGreaterThan(5);
  });

  it('has the customer of an active conversation answer the agent at the next step', () => {
    const org = seededOrg();
    const simulation = createSimulation(org, { arrivalRate: 1, leaveRate: 0 });
    const { conversationId } = until(simulation, 'arrived') as { conversationId: string };
    accept(org, conversationId);
    org.messages.post({ conversationId, text: 'How can I help?', from: 'agent' });
    const events = simulation.step().filter((event) => event.conversationId === conversationId);
    expect(events).toContainEqual(expect.objectContaining({ type: 'message' }));
    expect(org.messages.after(0, conversationId).at(-1)!.from).toBe('customer');
  });

  it('moves the sentiment of active conversations and lets some customers leave to wrap-up', () => {
    const org = seededOrg();
    const simulation = createSimulation(org, { arrivalRate: 1, leaveRate: 0.2, maxOpen: 3 });
    for (let i = 0; i < 60; i++) for (const event of simulation.step()) if (event.type === 'arrived') accept(org, event.conversationId);
    const left = simulation.events.find((event) => event.type === 'left')!;
    expect(left).toBeDefined();
    expect(org.store.get('msdyn_ocliveworkitem', left.conversationId)!.statuscode).toBe(ConversationStatus.WrapUp);
    expect(simulation.events.some((event) => event.type === 'sentiment')).toBe(true);
  });

  it('never offers more than maxOpen conversations at once', () => {
    const org = seededOrg();
    const simulation = createSimulation(org, { arrivalRate: 1, maxOpen: 2 });
    for (let i = 0; i < 20; i++) simulation.step();
    expect(simulation.events.filter((event) => event.type === 'arrived').length).toBeLessThanOrEqual(2);
  });

  it('steps on a timer between start and stop', () => {
    vi.useFakeTimers();
    try {
      const org = seededOrg();
      const simulation = createSimulation(org, { arrivalRate: 1 });
      simulation.start(1000);
      vi.advanceTimersByTime(3000);
      simulation.stop();
      vi.advanceTimersByTime(5000);
      expect(simulation.events.filter((event) => event.type === 'arrived').length).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
