/**
 * Functions that create records in the store: people, reference data, customers and cases, and
 * the parts of a conversation (sessions, participants, bot session, skills, sentiment). Each
 * draws its ids and choices from the context's random source, so their call order is the seed.
 */
import {
  ActiveStatus,
  BotEngagementMode,
  BotSessionOutcome,
  BotSessionOutcomeReason,
  CharacteristicSource,
  CharacteristicStatus,
  IncidentStatus,
  ParticipantMode,
  SessionLegacyState,
  SessionStatus,
} from '../../../index.js';
import type { SeedContext, Customer, Person } from './context.js';
import { BOT_NAME, BOT_TOPICS, type BotOutcome } from './data.js';
import type { Timeline } from './plan.js';
import { DAY, MINUTE, SECOND, iso, stamps } from './time.js';
import type { SeedRef } from './types.js';

/** An agent or supervisor (`systemuser`) with a contoso.com address. */
export function createAgent(ctx: Pick<SeedContext, 'store' | 'random'>, fullname: string, created: number): Person {
  const [firstname = '', lastname = ''] = fullname.split(' ');
  const id = ctx.random.uuid();
  const aad = ctx.random.uuid();
  const email = `${firstname}.${lastname}@contoso.com`.toLowerCase();
  ctx.store.create('systemuser', {
    systemuserid: id,
    fullname,
    firstname,
    lastname,
    domainname: email,
    internalemailaddress: email,
    azureactivedirectoryobjectid: aad,
    isdisabled: false,
    ...stamps(created),
  });
  return { id, name: fullname, aad };
}

/** A record whose primary name column is `name` (or `msdyn_name` for workstreams). */
export function createNamedRecord(
  ctx: Pick<SeedContext, 'store' | 'random'>,
  table: string,
  key: string,
  name: string,
  created: number,
  extra = {},
): SeedRef {
  const id = ctx.random.uuid();
  const nameColumn = table === 'msdyn_liveworkstream' ? 'msdyn_name' : 'name';
  ctx.store.create(table, { [key]: id, [nameColumn]: name, ...extra, ...stamps(created) });
  return { id, name };
}

/** A contact of `account`, created 20–50 days ago. */
export function createContact(ctx: SeedContext, fullname: string, account: SeedRef): SeedRef & { accountId: string } {
  const [firstname = '', lastname = ''] = fullname.split(' ');
  const id = ctx.random.uuid();
  ctx.store.create('contact', {
    contactid: id,
    fullname,
    firstname,
    lastname,
    parentcustomerid: account.id,
    emailaddress1: `${firstname}.${lastname}@${account.name.replace(/ /g, '')}.com`.toLowerCase(),
    telephone1: `+1 206 555 0${ctx.random.int(100, 199)}`,
    ...stamps(ctx.now - ctx.random.int(20, 50) * DAY),
  });
  return { id, name: fullname, accountId: account.id };
}

/** A case of `customer`, who from then on brings it to their conversations. */
export function createIncident(ctx: SeedContext, title: string, index: number, customer: Customer): SeedRef {
  const id = ctx.random.uuid();
  const created = ctx.now - ctx.random.int(1, 28) * DAY;
  const suffix = Array.from({ length: 6 }, () => ctx.random.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('');
  ctx.store.create('incident', {
    incidentid: id,
    title,
    ticketnumber: `CAS-0${1040 + index}-${suffix}`,
    customerid: customer.ref,
    statuscode: ctx.random.pick([IncidentStatus.InProgress, IncidentStatus.WaitingForDetails, IncidentStatus.ProblemSolved]),
    ...stamps(created, created + ctx.random.int(1, 20) * MINUTE),
  });
  customer.incidentId = id;
  return { id, name: title };
}

/** Who takes part in a session, and when the primary agent joined. */
export interface Engagement {
  agent: Person;
  joined: number;
  transfer: boolean;
  consult?: Person | undefined;
  monitor?: Person | undefined;
}

/** A session of a conversation and its participants: the primary agent, maybe a consultant and a monitor. */
export function createSession(
  ctx: SeedContext,
  conv: { id: string; channel: number; queueId: string; subject: string },
  from: number,
  to: number | undefined,
  closure: number | null,
  engagement: Engagement | undefined,
  withBot: boolean,
) {
  const id = ctx.random.uuid();
  const lastChange = to ?? engagement?.joined ?? from;
  ctx.store.create('msdyn_ocsession', {
    activityid: id,
    msdyn_sessionid: id,
    subject: `${engagement?.agent.name ?? 'Queue'}: ${conv.subject}`,
    msdyn_liveworkitemid: conv.id,
    msdyn_channel: conv.channel,
    msdyn_cdsqueueid: conv.queueId,
    statuscode: to === undefined ? SessionStatus.Open : SessionStatus.Completed,
    msdyn_state: to !== undefined ? SessionLegacyState.Closed : engagement ? SessionLegacyState.Active : SessionLegacyState.New,
    msdyn_closurereason: closure,
    msdyn_botengagementmode: withBot ? BotEngagementMode.PreConversation : BotEngagementMode.Default,
    msdyn_sessioncreatedon: iso(from),
    msdyn_sessionclosedon: to === undefined ? null : iso(to),
    msdyn_queueassignedon: iso(from),
    msdyn_agentassignedon: engagement ? iso(engagement.joined) : null,
    msdyn_agentacceptedon: engagement ? iso(engagement.joined + ctx.random.int(2, 15) * SECOND) : null,
    ...stamps(from, lastChange),
  });
  if (!engagement) return { id };
  const { agent, joined } = engagement;
  const primaryParticipantId = createParticipant(
    ctx,
    id,
    agent,
    ParticipantMode.Primary,
    joined,
    to,
    engagement.transfer ? 'AgentTransfer' : undefined,
  );
  if (engagement.consult) {
    const start = joined + ctx.random.int(1, 3) * MINUTE;
    const end = Math.min(start + ctx.random.int(2, 5) * MINUTE, to ?? ctx.now - MINUTE);
    createParticipant(ctx, id, engagement.consult, ParticipantMode.Consult, Math.min(start, end - SECOND), end, 'AgentConsult');
  }
  if (engagement.monitor) createParticipant(ctx, id, engagement.monitor, ParticipantMode.Monitor, joined + MINUTE, to, 'AgentMonitor');
  return { id, primaryParticipantId };
}

/** A participant of a session: an agent in a mode (primary, consult, monitor), who left unless `left` is undefined. */
export function createParticipant(
  ctx: SeedContext,
  sessionId: string,
  agent: Person,
  mode: number,
  joined: number,
  left: number | undefined,
  assignReason?: string,
): string {
  const id = ctx.random.uuid();
  ctx.store.create('msdyn_sessionparticipant', {
    msdyn_sessionparticipantid: id,
    msdyn_name: agent.name,
    msdyn_omnichannelsession: sessionId,
    msdyn_agentid: agent.id,
    msdyn_activedirectoryuserid: agent.aad,
    msdyn_mode: mode,
    msdyn_assignreason: assignReason ?? null,
    msdyn_addedon: iso(joined),
    msdyn_joinedon: iso(joined),
    msdyn_lefton: left === undefined ? null : iso(left),
    statuscode: left === undefined ? ActiveStatus.Active : ActiveStatus.Inactive,
    ...stamps(joined, left ?? joined),
  });
  return id;
}

/** The bot's part of a conversation: how it ended and why. */
export function createBotSession(ctx: SeedContext, sessionId: string, outcome: BotOutcome, t: Timeline): void {
  const { random } = ctx;
  const reason = {
    resolved: BotSessionOutcomeReason.Resolved,
    escalated: random.pick([BotSessionOutcomeReason.AgentTransferRequestedByUser, BotSessionOutcomeReason.AgentTransferConfiguredByAuthor]),
    abandoned: BotSessionOutcomeReason.UserExit,
  }[outcome];
  const outcomeValue = {
    resolved: BotSessionOutcome.Resolved,
    escalated: BotSessionOutcome.Escalated,
    abandoned: BotSessionOutcome.Abandoned,
  }[outcome];
  ctx.store.create('msdyn_botsession', {
    msdyn_botsessionid: random.uuid(),
    msdyn_name: `${BOT_NAME}: ${BOT_TOPICS[outcome]}`,
    msdyn_botid: ctx.botId,
    msdyn_sessionid: sessionId,
    msdyn_sourcesessionid: random.uuid().replace(/-/g, ''),
    msdyn_outcome: outcomeValue,
    msdyn_outcomereason: reason,
    msdyn_isengaged: true,
    msdyn_topicname: BOT_TOPICS[outcome],
    msdyn_csatscore: outcome === 'resolved' ? random.int(3, 5) : null,
    msdyn_startedon: iso(t.created),
    msdyn_endedon: iso(t.botEnd!),
    ...stamps(t.created, t.botEnd!),
  });
}

/** A skill the conversation requires, added by routing rules when it arrived. */
export function addSkill(ctx: SeedContext, conversationId: string, name: string, at: number): void {
  ctx.store.create('msdyn_ocliveworkitemcharacteristic', {
    msdyn_ocliveworkitemcharacteristicid: ctx.random.uuid(),
    msdyn_name: name,
    msdyn_ocliveworkitemid: conversationId,
    msdyn_characteristic: ctx.skills[name]!,
    msdyn_characteristicsource: CharacteristicSource.RuleBased,
    msdyn_status: CharacteristicStatus.Active,
    msdyn_createdon: iso(at),
    ...stamps(at),
  });
}

/** The sentiment analysis of a conversation, in the zone its label falls in. */
export function createSentiment(ctx: SeedContext, conversationId: string, label: number, spanish: boolean, t: Timeline): void {
  const zone = label >= 11 ? 'Positive' : label === 10 ? 'Neutral' : 'Negative';
  ctx.store.create('msdyn_ocliveworkitemsentiment', {
    msdyn_ocliveworkitemsentimentid: ctx.random.uuid(),
    msdyn_name: `Sentiment ${zone}`,
    msdyn_ocliveworkitemid: conversationId,
    msdyn_sentimentzone: zone,
    msdyn_sentimentpulse: (label - 7) * 16 + ctx.random.int(0, 4),
    msdyn_sentimenttransition: ctx.random.int(-40, 40),
    msdyn_sentimentmodelversion: '1.0',
    msdyn_predictedlanguage: spanish ? 'es-MX' : 'en-US',
    ...stamps(t.assigned!, t.last),
  });
}
