// client.actions: Dataverse actions and functions by name (bound and unbound, names and literals
// checked, actions never repeated but on 429), and the typed Contact Center messages, against the
// emulator.
import { describe, expect, it } from 'vitest';
import { buildActionRequest, buildFunctionRequest } from '../../src/api/actions.js';
import { createOrgEmulator } from '../../src/testing/index.js';
import { caught, thrown } from '../support/caught.js';
import { clientFor, seededOrg } from '../retention/support.js';

const available = 'f523f628-c07a-e811-8162-000d3aa11f50';
const busy = 'efdeb843-c07a-e811-8162-000d3aa11f50';
const taskLike = '6f1b9c1e-0000-4000-8000-000000000001';
const paths = (org: ReturnType<typeof seededOrg>) => org.requests.map((request) => `${request.method} ${decodeURIComponent(new URL(request.url).pathname + new URL(request.url).search).replace('/api/data/v9.2/', '')}`);

describe('building action and function requests', () => {
  it('sends an action’s parameters as its JSON body, unbound or bound to a conversation', () => {
    expect(buildActionRequest('CCaaS_CancelDeliveryTask', { ApiVersion: '1.0' })).toEqual({ method: 'POST', url: 'CCaaS_CancelDeliveryTask', body: { ApiVersion: '1.0' }, headers: {} });
    expect(buildActionRequest('CCaaS_AcceptConversation', {}, { conversationId: '{2B330C52-6844-4D36-8E05-03C78C9681DC}', callerId: '2b330c52-6844-4d36-8e05-03c78c9681dd' })).toEqual({
      method: 'POST',
      url: 'msdyn_ocliveworkitems(2b330c52-6844-4d36-8e05-03c78c9681dc)/Microsoft.Dynamics.CRM.CCaaS_AcceptConversation',
      body: {},
      headers: { MSCRMCallerID: '2b330c52-6844-4d36-8e05-03c78c9681dd' },
    });
  });

  it('writes a function’s parameters as safe literals in parameter aliases', () => {
    const request = buildFunctionRequest('CCaaS_GetClientLWIContext', {
      Id: '2B330C52-6844-4D36-8E05-03C78C9681DC',
      Name: "O'Brien & co",
      Count: 3,
      Flag: true,
      Nothing: null,
      At: new Date('2026-03-01T00:00:00Z'),
      Values: ['a', 1],
    });
    expect(request.url).toBe(
      'CCaaS_GetClientLWIContext(Id=@p1,Name=@p2,Count=@p3,Flag=@p4,Nothing=@p5,At=@p6,Values=@p7)?' +
        `@p1=2b330c52-6844-4d36-8e05-03c78c9681dc&@p2=${encodeURIComponent("'O''Brien & co'")}&@p3=3&@p4=true&@p5=null&@p6=2026-03-01T00%3A00%3A00.000Z&@p7=${encodeURIComponent("['a',1]")}`,
    );
    expect(buildFunctionRequest('WhoAmI', undefined).url).toBe('WhoAmI()');
  });

  it.each([
    [() => buildActionRequest('CCaaS_X(1)', {}), 'name'],
    [() => buildActionRequest('../accounts', {}), 'name'],
    [() => buildFunctionRequest('CCaaS_X', { 'a=1,b': 1 }), 'parameters.a=1,b'],
    [() => buildFunctionRequest('CCaaS_X', { A: Number.NaN }), 'parameters.A'],
    [() => buildFunctionRequest('CCaaS_X', { A: {} as never }), 'parameters.A'],
    [() => buildActionRequest('CCaaS_X', {}, { conversationId: 'not-a-guid' }), 'options.conversationId'],
    [() => buildActionRequest('CCaaS_X', [] as never), 'parameters'],
  ])('refuses bad input as InvalidInput naming the field (%#)', (build, field) => {
    const error = thrown(build);
    expect([error.code, error.field]).toEqual(['InvalidInput', field]);
  });
});

describe('executeAction and executeFunction', () => {
  it('calls an action and resolves its body', async () => {
    const org = seededOrg();
    const agent = org.seedData!.agents[1]!.id;
    const body = await clientFor(org).actions.executeAction('CCaaS_ModifyAgentPresence', { ApiVersion: '1.0', AgentId: agent, PresenceId: busy });
    expect(body).toMatchObject({ '@odata.context': expect.stringContaining('CCaaS_ModifyAgentPresenceResponse') });
    expect(paths(org)).toEqual(['POST CCaaS_ModifyAgentPresence']);
  });

  it('never repeats an action on 503, and repeats it on 429', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    org.faults.add({ fault: { kind: 'unavailable' }, url: 'CCaaS_' });
    expect((await caught(client.actions.executeAction('CCaaS_CancelDeliveryTask', { ApiVersion: '1.0', DeliveryTaskId: taskLike }))).code).toBe('ServerError');
    expect(org.requests).toHaveLength(1);
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 0 }, url: 'CCaaS_' });
    expect((await caught(client.actions.executeAction('CCaaS_CancelDeliveryTask', { ApiVersion: '1.0', DeliveryTaskId: taskLike }))).code).toBe('NotFound');
    expect(org.requests).toHaveLength(3);
  });

  it('answers 501 for a CCaaS message of the conversation table Microsoft does not document, bound or not', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    const bound = await caught(client.actions.executeAction('CCaaS_AcceptConversation', {}, { conversationId: org.seedData!.waitingConversationId }));
    const unbound = await caught(client.actions.executeFunction('CCaaS_GetAgentsForConsultAndTransfer', { ConversationId: org.seedData!.waitingConversationId }));
    expect([bound.status, unbound.status]).toEqual([501, 501]);
    expect(paths(org)[0]).toBe(`POST msdyn_ocliveworkitems(${org.seedData!.waitingConversationId})/Microsoft.Dynamics.CRM.CCaaS_AcceptConversation`);
  });

  it('sends a function whose URL is over 32 KB as a GET inside $batch', async () => {
    const org = seededOrg();
    const { DeliveryTaskId } = await clientFor(org).actions.createProactiveDelivery({
      engagementConfigId: taskLike,
      contacts: [{ uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' }],
    });
    org.requests.length = 0;
    const padding = 'x'.repeat(20_000); // two aliases of 20,000 quoted characters: about 40 KB of URL
    // The emulator reads DeliveryTaskId and answers; the other parameters make no difference to it.
    const body = await clientFor(org).actions.executeFunction('CCaaS_GetDeliveryTasks', { DeliveryTaskId: DeliveryTaskId!, A: padding, B: padding });
    expect(body).toMatchObject({ value: [{ deliveryTaskId: DeliveryTaskId }] });
    expect(paths(org)).toEqual(['POST $batch']);
  });

  it('refuses a function whose URL is over 64 KB, too long even inside $batch, before any request', async () => {
    const org = seededOrg();
    const padding = 'x'.repeat(40_000);
    const error = await caught(clientFor(org).actions.executeFunction('CCaaS_GetDeliveryTasks', { DeliveryTaskId: taskLike, A: padding, B: padding }));
    expect([error.code, error.field]).toEqual(['InvalidInput', 'parameters']);
    expect(error.message).toContain('over 65536, the longest Dataverse takes even as a GET inside $batch');
    expect(org.requests).toHaveLength(0);
  });
});

describe('typed Contact Center messages', () => {
  it('reads and changes an agent’s presence (MSCRMCallerID)', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    const agent = org.seedData!.agents[2]!;
    expect(await client.actions.getPresence(agent.id)).toMatchObject({ AgentId: agent.id, AgentName: agent.name, PresenceId: available, CurrentPresenceStatusInfo: 'Available' });
    await client.actions.modifyPresence({ agentId: agent.id, presenceId: busy });
    expect(await client.actions.getPresence(agent.id)).toMatchObject({ PresenceId: busy, CurrentPresenceStatusInfo: 'Busy' });
    // Without an agent, the client's signed-in agent.
    expect((await client.actions.getPresence()).AgentId).toBe(org.seedData!.signedInAgentId);
  });

  it('refuses an unknown presence (400) and an agent that does not exist (404)', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    expect((await caught(client.actions.modifyPresence({ agentId: org.seedData!.agents[0]!.id, presenceId: taskLike }))).status).toBe(400);
    expect((await caught(client.actions.getPresence(taskLike))).status).toBe(404);
  });

  it('gives a waiting conversation’s queue, position and wait', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    const open = org.seedData!.conversations.find((conversation) => conversation.status === 1)!;
    const availability = await client.actions.getAvailabilityForConversation({ conversationId: open.id, context: { plan: { value: 'gold', isDisplayable: true }, tries: { value: 2 } } });
    expect(availability).toMatchObject({ QueueId: org.store.get('msdyn_ocliveworkitem', open.id)!._msdyn_cdsqueueid_value, IsQueueAvailable: true, PositionInQueue: expect.any(Number) });
    expect(availability.PositionInQueue).toBeGreaterThanOrEqual(1);
    const before = await client.actions.getAvailabilityBeforeConversation({ workstreamId: org.seedData!.workstreams[0]!.id, channelContext: { msdyn_browser: 'Edge' } });
    expect(before.QueueId).toEqual(expect.any(String));
  });

  it('sends the custom context as the JSON string the samples send', async () => {
    const org = seededOrg();
    let sent: any;
    const client = clientFor(org, {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST') sent = await request.clone().json();
        return org.handle(request);
      },
    });
    await client.actions.getAvailabilityForConversation({ conversationId: org.seedData!.waitingConversationId, context: { plan: { value: 'gold' }, tries: { value: 2, isDisplayable: true } } });
    expect(sent).toEqual({
      ApiVersion: '1.0',
      ConversationId: org.seedData!.waitingConversationId,
      CustomContextItems: JSON.stringify({ plan: { value: 'gold', isDisplayable: false, datatype: '192350000' }, tries: { value: 2, isDisplayable: true, datatype: '192350001' } }),
    });
  });

  it('creates a proactive delivery, reads its task and cancels it', async () => {
    const org = seededOrg();
    const client = clientFor(org);
    const delivery = await client.actions.createProactiveDelivery({
      engagementConfigId: taskLike,
      requestId: 'req-1',
      contacts: [
        { uniqueIdentifier: 'c1', firstName: 'Maria', lastName: 'Campbell', mobilePhoneNumber: '+15550100' },
        { uniqueIdentifier: 'c2', firstName: 'Yvonne', lastName: 'McKay', mobilePhoneNumber: '+15550101' },
      ],
      windows: [{ start: new Date('2026-03-01T13:00:00Z'), end: new Date('2026-03-01T17:00:00Z') }],
    });
    expect(delivery).toMatchObject({ DeliveryId: expect.any(String), DeliveryTaskId: expect.any(String) });
    const [task] = await client.actions.getDeliveryTasks(delivery.DeliveryTaskId!);
    expect(task).toMatchObject({ deliveryTaskId: delivery.DeliveryTaskId, status: 'Pending', contactIds: ['c1', 'c2'] });
    await client.actions.cancelDeliveryTask(delivery.DeliveryTaskId!);
    const [cancelled] = await client.actions.getDeliveryTasks(delivery.DeliveryTaskId!);
    expect(cancelled!.status).toBe('Cancelled');
    expect(cancelled!.deliveries!.map((d) => d.status)).toEqual(['Cancelled', 'Cancelled']);
    expect(paths(org).filter((path) => path.startsWith('GET'))[0]).toBe(`GET CCaaS_GetDeliveryTasks(DeliveryTaskId=@p1)?@p1=${delivery.DeliveryTaskId}`);
  });

  it.each([
    [{ contacts: [] }, 'input.contacts'],
    [{ contacts: Array.from({ length: 6 }, () => ({ uniqueIdentifier: 'c', firstName: 'a', lastName: 'b', mobilePhoneNumber: '1' })) }, 'input.contacts'],
    [{ contacts: [{ uniqueIdentifier: 'c', firstName: 'a', lastName: 'b' }] }, 'input.contacts[0].mobilePhoneNumber'],
    [{ engagementConfigId: 'x', contacts: [{ uniqueIdentifier: 'c', firstName: 'a', lastName: 'b', mobilePhoneNumber: '1' }] }, 'input.engagementConfigId'],
  ])('refuses a proactive delivery with bad input before any request (%#)', async (input, field) => {
    const org = createOrgEmulator({ data: 'empty' });
    const error = await caught(clientFor(org).actions.createProactiveDelivery({ engagementConfigId: taskLike, ...input } as never));
    expect([error.code, error.field, org.requests.length]).toEqual(['InvalidInput', field, 0]);
  });
});
