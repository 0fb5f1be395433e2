// Pick, as the product's dashboard offers it for Open work items: assign to the signed-in agent
// and make Active in one PATCH, then open the session; refusals write nothing.
import { describe, expect, it } from 'vitest';
import { ConversationStatus } from '../../src/index.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf, seeded, writes } from '../support/client.js';

/** A conversation waiting in a queue: open, status Open, no agent. */
function queued(org: OrgEmulator): string {
  const id = org.seedData!.activeConversationId;
  org.store.update('msdyn_ocliveworkitem', id, { statuscode: ConversationStatus.Open, msdyn_activeagentid: null });
  org.requests.length = 0;
  return id;
}

describe('live.pick', () => {
  it('assigns a queued conversation to the agent and makes it Active in one write, then focuses its session', async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = queued(org);
    const session = await client.live.pick(id, { correlationId: 'pick-1' });

    const row = org.store.get('msdyn_ocliveworkitem', id)!;
    expect(row._msdyn_activeagentid_value).toBe(org.seedData!.signedInAgentId);
    expect(row.statuscode).toBe(ConversationStatus.Active);
    expect(writes(org)).toEqual([`PATCH /api/data/v9.2/msdyn_ocliveworkitems(${id})`]);
    expect(client.workspace.focused.id).toBe(session!.id);
    expect(new Set(org.requests.map((request) => request.correlationId))).toEqual(new Set(['pick-1']));
  });

  it("opens the agent's own active conversation without a write", async () => {
    const org = seeded();
    const client = clientOf(org);
    const id = org.seedData!.activeConversationId;
    await client.live.pick(id);
    expect(writes(org)).toEqual([]);
    expect(client.workspace.focused.conversationId).toBe(id);
  });

  it("refuses another agent's conversation and a closed one, writing nothing", async () => {
    const org = seeded();
    const client = clientOf(org);
    const other = org.store
      .list('msdyn_ocliveworkitem')
      .find(
        (row) => row.statecode === 0 && row._msdyn_activeagentid_value && row._msdyn_activeagentid_value !== org.seedData!.signedInAgentId,
      );
    const closed = org.store.list('msdyn_ocliveworkitem').find((row) => row.statecode === 1);
    expect(other && closed).toBeTruthy();
    expect((await caught(client.live.pick(other!.activityid as string))).code).toBe('InvalidState');
    expect((await caught(client.live.pick(closed!.activityid as string))).code).toBe('InvalidState');
    expect(writes(org)).toEqual([]);
    expect(client.workspace.sessions).toHaveLength(1);
  });

  it('rejects a malformed id before any request', async () => {
    const org = seeded();
    const client = clientOf(org);
    const error = await caught(client.live.pick('not-a-guid'));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'conversationId']);
    expect(org.requests).toEqual([]);
  });
});
