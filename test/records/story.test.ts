import { describe, expect, it } from 'vitest';
import { BotSessionOutcome } from '../../src/index.js';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const records = recordsOf(org);
const agentName = (id: string) => data.agents.find((agent) => agent.id === id)?.name;
const conversationsWithBots = () => {
  const sessions = org.store.list('msdyn_ocsession');
  return org.store
    .list('msdyn_botsession')
    .map((bot) => sessions.find((s) => s.activityid === bot._msdyn_sessionid_value)!._msdyn_liveworkitemid_value as string);
};

describe('getConversationStory', () => {
  it('reads the whole story in two requests', async () => {
    const fresh = seeded();
    await recordsOf(fresh).getConversationStory(data.transferredConversationId);
    expect(sent(fresh).map((request) => request.split('?')[0])).toEqual([
      `GET msdyn_ocliveworkitems(${data.transferredConversationId})`,
      'GET msdyn_ocsessions',
    ]);
  });

  it('shows a transfer: two sessions in order, the second begun by a transfer from the first agent', async () => {
    const story = await records.getConversationStory(data.transferredConversationId);
    expect(story.sessions).toHaveLength(2);
    const [first, second] = story.sessions;
    expect(first!.createdOn! < second!.createdOn!).toBe(true);
    expect(first!.closureReasonLabel).toBe('AgentTransfered');
    expect(second!.transferredFrom).toEqual({ sessionId: first!.id, agentId: data.agents[1]!.id, agentName: data.agents[1]!.name });
    expect(second!.participants[0]).toMatchObject({
      role: 'primary',
      byTransfer: true,
      agentId: data.agents[2]!.id,
      agentName: data.agents[2]!.name,
    });
    expect(first!.transferredFrom).toBeUndefined();
  });

  it('shows a consult as a second participant in consult role, with join and leave times', async () => {
    const consulted = org.store
      .list('msdyn_sessionparticipant')
      .find((participant) => participant.msdyn_mode === 192350003 && participant.msdyn_lefton !== null)!;
    const session = org.store.get('msdyn_ocsession', consulted._msdyn_omnichannelsession_value as string)!;
    const story = await records.getConversationStory(session._msdyn_liveworkitemid_value as string);
    const participants = story.sessions.flatMap((s) => s.participants);
    expect(participants.map((participant) => participant.role)).toEqual(['primary', 'consult']);
    const consult = participants[1]!;
    expect(consult).toMatchObject({ agentName: agentName(consult.agentId!), assignReason: 'AgentConsult', byTransfer: false });
    expect(consult.joinedOn! < consult.leftOn!).toBe(true);
    expect(consult.addedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the supervisor who monitored, still in the open conversation', async () => {
    const story = await records.getConversationStory(data.activeConversationId);
    const monitor = story.sessions[0]!.participants.find((participant) => participant.role === 'monitor')!;
    expect(monitor.agentId).toBe(data.supervisorId);
    expect(monitor.leftOn).toBeUndefined();
  });

  it('lists the skills with their required ratings, and the sessions they applied to', async () => {
    const story = await records.getConversationStory(data.transferredConversationId);
    expect(story.skills.length).toBeGreaterThan(0);
    for (const skill of story.skills) {
      expect(['English', 'Billing', 'Spanish', 'Premium']).toContain(skill.name);
      expect(['Intermediate', 'Advanced', 'Expert']).toContain(skill.rating);
      expect(skill.source).toBe('Rule Based');
    }
    expect(story.sessions[1]!.skillIds.sort()).toEqual(story.skills.map((skill) => skill.id).sort());
  });

  it('lists the bot sessions with their outcomes, under their session and together', async () => {
    const story = await records.getConversationStory(data.activeConversationId);
    expect(story.botSessions).toHaveLength(1);
    expect(story.botSessions[0]).toMatchObject({
      outcome: BotSessionOutcome.Escalated,
      outcomeLabel: 'escalated',
      botName: 'Contoso virtual agent',
      engaged: true,
    });
    expect(story.sessions[0]!.botSessions).toEqual(story.botSessions);
  });

  it('orders the bot sessions of a hand-over between two bots', async () => {
    const handedOver = conversationsWithBots().find((id, index, all) => all.indexOf(id) !== index)!;
    const story = await records.getConversationStory(handedOver);
    expect(story.botSessions.map((bot) => bot.botId).sort()).toEqual([data.botId, data.billingBotId].sort());
    expect(story.botSessions[0]!.startedOn! <= story.botSessions[1]!.startedOn!).toBe(true);
  });

  it('gives the sentiment analyses and the conversation’s own columns', async () => {
    const withSentiment = org.store.list('msdyn_ocliveworkitemsentiment')[0]!;
    const id = withSentiment._msdyn_ocliveworkitemid_value as string;
    const story = await records.getConversationStory(id);
    expect(story.sentiment).toEqual([
      expect.objectContaining({
        zone: withSentiment.msdyn_sentimentzone,
        pulse: withSentiment.msdyn_sentimentpulse,
        language: withSentiment.msdyn_predictedlanguage,
      }),
    ]);
    expect(story.conversation.activityid).toBe(id);
    expect(Object.keys(story.conversation).some((key) => key.startsWith('msdyn_msdyn_'))).toBe(false);
  });

  it('gives the linked customer and case', async () => {
    const row = org.store
      .list('msdyn_ocliveworkitem')
      .find((c) => c._msdyn_issueid_value && c['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'contact')!;
    const story = await records.getConversationStory(row.activityid as string);
    const contact = org.store.get('contact', row._msdyn_customer_value as string)!;
    const incident = org.store.get('incident', row._msdyn_issueid_value as string)!;
    expect(story.customer).toEqual({
      table: 'contact',
      id: contact.contactid,
      name: contact.fullname,
      email: contact.emailaddress1,
      phone: contact.telephone1,
    });
    expect(story.case).toMatchObject({
      id: incident.incidentid,
      title: incident.title,
      ticketNumber: incident.ticketnumber,
      status: incident.statuscode,
    });
  });

  it('gives an account customer and no case when that is what is linked', async () => {
    const row = org.store
      .list('msdyn_ocliveworkitem')
      .find((c) => !c._msdyn_issueid_value && c['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'account')!;
    const story = await records.getConversationStory(row.activityid as string);
    expect(story.customer).toMatchObject({ table: 'account', id: row._msdyn_customer_value });
    expect(story.case).toBeUndefined();
  });

  it('tells a scheduled callback by its empty sessions', async () => {
    const scheduled = data.conversations.find((c) => c.status === 7)!;
    expect((await records.getConversationStory(scheduled.id)).sessions).toEqual([]);
  });

  it('rejects NotFound for a conversation that does not exist', async () => {
    expect((await caught(records.getConversationStory('00000000-0000-4000-8000-00000000dead'))).code).toBe('NotFound');
  });
});
