/**
 * A believable contact centre for the emulator: agents, queues, workstreams, customers, cases
 * and ~40 conversations in every status with their sessions, participants, skills, sentiment,
 * bot sessions, transcripts and attachments. Deterministic for a given seed: every id and every
 * choice comes from the {@link SeededRandom}, every date is relative to `now` (all in the past).
 */
import { BotSessionOutcome, BotSessionOutcomeReason } from '../../schema/botSession.js';
import { CharacteristicSource, CharacteristicStatus } from '../../schema/characteristics.js';
import { ConversationStatus, StatusChangeReason, WorkDistributionMode } from '../../schema/conversation.js';
import { IncidentStatus } from '../../schema/core.js';
import { ActiveStatus, Channel } from '../../schema/options.js';
import { BotEngagementMode, SessionClosureReason, SessionLegacyState, SessionStatus } from '../../schema/session.js';
import { ParticipantMode } from '../../schema/sessionParticipant.js';
import type { SeededRandom } from './random.js';
import type { OrgStore } from './store.js';
import { encodeBase64Bytes, encodeTranscript, type TranscriptMessage, type TranscriptSender } from './transcriptFormat.js';

/** A seeded record: its id and display name. */
export interface SeedRef {
  id: string;
  name: string;
}

/** A seeded conversation: its id, status reason (`ConversationStatus`) and channel (`Channel`). */
export interface SeedConversation {
  id: string;
  status: number;
  channel: number;
}

/** The well-known ids of a seeded org, for tests and the demo. */
export interface SeedData {
  /** Agents (`systemuser`); the first is the signed-in user. */
  agents: SeedRef[];
  /** The agent the SDK runs as ("the current user"): `agents[0]`. */
  signedInAgentId: string;
  /** The supervisor (`systemuser`), who monitors one conversation. */
  supervisorId: string;
  /** Queues (`queue`): Billing, Technical support, VIP. */
  queues: SeedRef[];
  /** Workstreams (`msdyn_liveworkstream`), one per channel. */
  workstreams: Array<SeedRef & { channel: number }>;
  accounts: SeedRef[];
  /** Contacts, each with its parent account. */
  contacts: Array<SeedRef & { accountId: string }>;
  /** Cases (`incident`); `name` is the title. */
  incidents: SeedRef[];
  /** The Copilot Studio bot (`bot`) that fronts live chat. */
  botId: string;
  /** Conversations (`msdyn_ocliveworkitem`) in creation order. */
  conversations: SeedConversation[];
  /** The signed-in agent's first Waiting conversation. */
  waitingConversationId: string;
  /** The signed-in agent's first Active conversation (bot-escalated, monitored by the supervisor). */
  activeConversationId: string;
  /** The signed-in agent's Wrap-up conversation (has a transcript and a screenshot attachment). */
  wrapUpConversationId: string;
  /** The signed-in agent's first Closed conversation. */
  closedConversationId: string;
  /** A closed conversation with two sessions: transferred between two agents. */
  transferredConversationId: string;
  /** A closed conversation with a transcript and a file attachment (= `closedConversationId`). */
  conversationWithTranscriptId: string;
  /** Its `msdyn_transcript` row. */
  transcriptId: string;
  /** Its attachment note (`annotation` on the conversation) holding `invoice-1042.pdf`. */
  attachmentNoteId: string;
}

const AGENT_NAMES = ['Megan Bowen', 'Alex Wilber', 'Diego Siciliani', 'Isaiah Langer', 'Lynne Robbins'];
const SUPERVISOR_NAME = 'Nestor Wilke';
const QUEUE_NAMES = ['Billing', 'Technical support', 'VIP'];
const VIP = 2;
const WORKSTREAMS = [
  { name: 'Live chat', channel: Channel.LiveChat, mode: WorkDistributionMode.Push },
  { name: 'SMS', channel: Channel.Sms, mode: WorkDistributionMode.Push },
  { name: 'Microsoft Teams', channel: Channel.MicrosoftTeams, mode: WorkDistributionMode.Pick },
  { name: 'Voice', channel: Channel.VoiceCall, mode: WorkDistributionMode.Push },
];
/** Channels of conversations not pinned by the plan; live chat is the busiest. */
const CHANNEL_MIX = [Channel.LiveChat, Channel.LiveChat, Channel.LiveChat, Channel.Sms, Channel.MicrosoftTeams, Channel.VoiceCall];
const ACCOUNT_NAMES = ['Fabrikam', 'Adventure Works', 'Northwind Traders', 'Tailspin Toys', 'Woodgrove Bank', 'Litware'];
const CONTACT_NAMES = [
  'Maria Campbell', 'Yvonne McKay', 'Susanna Stubberod', 'Nancy Anderson', 'Sidney Higa',
  'Scott Konersmann', 'Robert Lyon', 'Paul Cannon', 'Rene Valdes', 'Thomas Andersen',
];
const CASE_TITLES = ['Refund for duplicate charge', 'Portal sign-in fails', 'Router keeps rebooting', 'Upgrade to premium plan', 'Missing delivery'];
const SKILLS = ['English', 'Billing', 'Spanish', 'Premium'] as const;
/** What customers contact us about: subject, queue index, the customer's two lines, the agent's answer. */
const TOPICS = [
  { subject: 'Invoice shows a double charge', queue: 0, ask: 'Hi, I was charged twice this month.', detail: 'Invoice 1042 has the same line twice.', answer: 'I have refunded the duplicate charge; it shows in 3–5 days.' },
  { subject: 'Update payment method', queue: 0, ask: 'How do I change my credit card?', detail: 'The old card expires next week.', answer: 'I sent you a secure link to update the card.' },
  { subject: 'Cannot sign in to the portal', queue: 1, ask: 'The portal says my password is wrong.', detail: 'I reset it twice already.', answer: 'Your account was locked; I unlocked it, please try again.' },
  { subject: 'Router keeps rebooting', queue: 1, ask: 'My router restarts every few minutes.', detail: 'The light blinks orange before it restarts.', answer: 'A firmware update fixes this; I pushed it to your device.' },
  { subject: 'App crashes on start', queue: 1, ask: 'The mobile app closes right after it opens.', detail: 'It started after the last update.', answer: 'Please reinstall version 4.2.1; the fix is in there.' },
  { subject: 'Upgrade to premium plan', queue: VIP, ask: 'I would like to upgrade our plan.', detail: 'We need 20 more seats.', answer: 'Done: 20 seats added, pro-rated on the next invoice.' },
  { subject: 'Where is my order?', queue: 0, ask: 'My order has not arrived yet.', detail: 'Order number 55-1873.', answer: 'It is out for delivery and arrives today.' },
];
const FILES = {
  invoice: { name: 'invoice-1042.pdf', fileType: 'pdf', mimetype: 'application/pdf', header: [], text: '%PDF-1.4\n% fake invoice 1042\n%%EOF\n' },
  screenshot: { name: 'screenshot.png', fileType: 'png', mimetype: 'image/png', header: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], text: 'fake screenshot' },
} as const;
const BOT_NAME = 'Contoso virtual agent';
const BOT_TOPICS = { resolved: 'Order status', escalated: 'Talk to an agent', abandoned: 'Billing question' } as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const stamps = (created: number, modified = created) => ({ createdon: iso(created), modifiedon: iso(modified) });

type BotOutcome = keyof typeof BOT_TOPICS;
interface Person extends SeedRef {
  aad: string;
}
interface Ctx {
  store: OrgStore;
  random: SeededRandom;
  now: number;
  agents: Person[];
  supervisor: Person;
  queues: SeedRef[];
  botId: string;
  /** Characteristic (skill) ids by name. */
  skills: Record<string, string>;
  /** Application id of `DynamicsBot`, the sender of system messages. */
  dynamicsBotId: string;
}
/** What the plan says about one conversation. */
interface Slot {
  status: number;
  /** Index of the agent who handled it; `null` when no agent did. */
  agent: number | null;
  channel?: number;
  bot?: BotOutcome;
  transferFrom?: number;
  consult?: boolean;
  monitor?: boolean;
  file?: keyof typeof FILES;
}
/** Customer side of a conversation. */
interface Customer {
  ref?: { table: 'account' | 'contact'; id: string };
  name: string;
  incidentId?: string;
}

/** Fills `store` with a contact centre and returns the ids tests and the demo need. */
export function seedContactCentre(store: OrgStore, random: SeededRandom, now: Date): SeedData {
  const setup = now.getTime() - 60 * DAY;
  const base = { store, random, now: now.getTime() };
  const agents = AGENT_NAMES.map((name, i) => agent(base, name, setup + i * MINUTE));
  const supervisor = agent(base, SUPERVISOR_NAME, setup);
  const queues = QUEUE_NAMES.map((name) => named(base, 'queue', 'queueid', name, setup));
  const workstreams = WORKSTREAMS.map((w) => ({
    ...named(base, 'msdyn_liveworkstream', 'msdyn_liveworkstreamid', w.name, setup, { msdyn_streamsource: w.channel, msdyn_workdistributionmode: w.mode }),
    channel: w.channel,
  }));
  const skills = SKILLS.map((name) => named(base, 'characteristic', 'characteristicid', name, setup));
  const botId = named(base, 'bot', 'botid', BOT_NAME, setup).id;
  const skillIds = Object.fromEntries(skills.map((s) => [s.name, s.id]));
  const ctx: Ctx = { ...base, agents, supervisor, queues, botId, skills: skillIds, dynamicsBotId: random.uuid() };

  const accounts = ACCOUNT_NAMES.map((name) =>
    named(ctx, 'account', 'accountid', name, ctx.now - random.int(30, 59) * DAY, {
      emailaddress1: `info@${name.replace(/ /g, '').toLowerCase()}.com`,
      telephone1: `+1 425 555 0${random.int(100, 199)}`,
    }),
  );
  const contacts = CONTACT_NAMES.map((name, i) => contact(ctx, name, accounts[i % accounts.length]!));
  const caseCustomers: Customer[] = [
    ...contacts.slice(0, 4).map((c) => ({ ref: { table: 'contact' as const, id: c.id }, name: c.name })),
    { ref: { table: 'account', id: accounts[0]!.id }, name: accounts[0]!.name },
  ];
  const incidents = CASE_TITLES.map((title, i) => incident(ctx, title, i, caseCustomers[i]!));

  const conversations: SeedConversation[] = [];
  const byRole: Record<string, string[]> = {};
  const extras: Record<string, { transcriptId?: string; fileNoteId?: string }> = {};
  for (const slot of conversationPlan(random)) {
    const customer = pickCustomer(ctx, accounts, contacts, caseCustomers);
    const result = conversation(ctx, slot, customer, workstreams);
    conversations.push({ id: result.id, status: slot.status, channel: result.channel });
    extras[result.id] = result;
    const role = slot.transferFrom !== undefined ? 'transferred' : slot.agent === 0 ? `mine-${slot.status}` : 'other';
    (byRole[role] ??= []).push(result.id);
  }
  const mine = (status: number) => byRole[`mine-${status}`]![0]!;
  const closedConversationId = mine(ConversationStatus.Closed);
  return {
    agents: agents.map(({ id, name }) => ({ id, name })),
    signedInAgentId: agents[0]!.id,
    supervisorId: supervisor.id,
    queues,
    workstreams,
    accounts,
    contacts,
    incidents,
    botId,
    conversations,
    waitingConversationId: mine(ConversationStatus.Waiting),
    activeConversationId: mine(ConversationStatus.Active),
    wrapUpConversationId: mine(ConversationStatus.WrapUp),
    closedConversationId,
    transferredConversationId: byRole.transferred![0]!,
    conversationWithTranscriptId: closedConversationId,
    transcriptId: extras[closedConversationId]!.transcriptId!,
    attachmentNoteId: extras[closedConversationId]!.fileNoteId!,
  };
}

/**
 * The ~40 conversations: first the signed-in agent's desk and the cases tests rely on (every
 * status, channel, bot outcome, a transfer, consult and monitor), then a random mix.
 */
function conversationPlan(random: SeededRandom): Slot[] {
  const S = ConversationStatus;
  const slots: Slot[] = [
    { status: S.Waiting, agent: 0, channel: Channel.LiveChat },
    { status: S.Waiting, agent: 0, channel: Channel.Sms },
    { status: S.Active, agent: 0, channel: Channel.LiveChat, bot: 'escalated', monitor: true },
    { status: S.Active, agent: 0, channel: Channel.MicrosoftTeams, consult: true },
    { status: S.WrapUp, agent: 0, channel: Channel.LiveChat, file: 'screenshot' },
    { status: S.Closed, agent: 0, channel: Channel.LiveChat, file: 'invoice', consult: true },
    { status: S.Closed, agent: 0, channel: Channel.VoiceCall },
    { status: S.Closed, agent: 0, channel: Channel.Sms },
    { status: S.Closed, agent: 2, channel: Channel.LiveChat, transferFrom: 1 },
    { status: S.Closed, agent: null, channel: Channel.LiveChat, bot: 'resolved' },
    { status: S.Closed, agent: null, channel: Channel.LiveChat, bot: 'resolved' },
    { status: S.Closed, agent: null, channel: Channel.LiveChat, bot: 'abandoned' },
    // Rare on a desk, so never the signed-in agent's: chats other agents resolved, and
    // callbacks booked for later that nobody has started.
    { status: S.Resolved, agent: 3, channel: Channel.LiveChat },
    { status: S.Resolved, agent: 4, channel: Channel.Sms },
    { status: S.Scheduled, agent: null, channel: Channel.VoiceCall },
    { status: S.Scheduled, agent: null, channel: Channel.VoiceCall },
    ...Array.from({ length: 4 }, (): Slot => ({ status: S.Open, agent: null })),
  ];
  const mix = [S.Closed, S.Closed, S.Closed, S.Closed, S.Active, S.Waiting, S.WrapUp];
  while (slots.length < 40) {
    const channel = random.pick(CHANNEL_MIX);
    slots.push({
      status: random.pick(mix),
      agent: random.int(1, AGENT_NAMES.length - 1),
      channel,
      consult: random.next() < 0.12,
      ...(channel === Channel.LiveChat && random.next() < 0.3 ? { bot: 'escalated' as const } : {}),
    });
  }
  return slots;
}

function agent(ctx: Pick<Ctx, 'store' | 'random'>, fullname: string, created: number): Person {
  const [firstname = '', lastname = ''] = fullname.split(' ');
  const id = ctx.random.uuid();
  const aad = ctx.random.uuid();
  const email = `${firstname}.${lastname}@contoso.com`.toLowerCase();
  ctx.store.create('systemuser', {
    systemuserid: id, fullname, firstname, lastname, domainname: email, internalemailaddress: email,
    azureactivedirectoryobjectid: aad, isdisabled: false, ...stamps(created),
  });
  return { id, name: fullname, aad };
}

/** A record whose primary name column is `name` (or `msdyn_name` for workstreams). */
function named(ctx: Pick<Ctx, 'store' | 'random'>, table: string, key: string, name: string, created: number, extra = {}): SeedRef {
  const id = ctx.random.uuid();
  const nameColumn = table === 'msdyn_liveworkstream' ? 'msdyn_name' : 'name';
  ctx.store.create(table, { [key]: id, [nameColumn]: name, ...extra, ...stamps(created) });
  return { id, name };
}

function contact(ctx: Ctx, fullname: string, account: SeedRef): SeedRef & { accountId: string } {
  const [firstname = '', lastname = ''] = fullname.split(' ');
  const id = ctx.random.uuid();
  ctx.store.create('contact', {
    contactid: id, fullname, firstname, lastname, parentcustomerid: account.id,
    emailaddress1: `${firstname}.${lastname}@${account.name.replace(/ /g, '')}.com`.toLowerCase(),
    telephone1: `+1 206 555 0${ctx.random.int(100, 199)}`,
    ...stamps(ctx.now - ctx.random.int(20, 50) * DAY),
  });
  return { id, name: fullname, accountId: account.id };
}

function incident(ctx: Ctx, title: string, index: number, customer: Customer): SeedRef {
  const id = ctx.random.uuid();
  const created = ctx.now - ctx.random.int(1, 28) * DAY;
  const suffix = Array.from({ length: 6 }, () => ctx.random.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('');
  ctx.store.create('incident', {
    incidentid: id, title, ticketnumber: `CAS-0${1040 + index}-${suffix}`, customerid: customer.ref,
    statuscode: ctx.random.pick([IncidentStatus.InProgress, IncidentStatus.WaitingForDetails, IncidentStatus.ProblemSolved]),
    ...stamps(created, created + ctx.random.int(1, 20) * MINUTE),
  });
  customer.incidentId = id;
  return { id, name: title };
}

/** Mostly known contacts, some accounts, some anonymous visitors; known customers may bring their case. */
function pickCustomer(ctx: Ctx, accounts: SeedRef[], contacts: SeedRef[], withCases: Customer[]): Customer {
  const roll = ctx.random.next();
  if (roll < 0.2) return withCases[ctx.random.int(0, withCases.length - 1)]!;
  if (roll < 0.7) {
    const c = ctx.random.pick(contacts);
    return { ref: { table: 'contact', id: c.id }, name: c.name };
  }
  if (roll < 0.85) {
    const a = ctx.random.pick(accounts);
    return { ref: { table: 'account', id: a.id }, name: a.name };
  }
  return { name: `Visitor ${ctx.random.int(1000, 9999)}` };
}

/** Over: Closed, or Resolved (a state of its own). Both have a close date and completed sessions. */
function ended(status: number): boolean {
  return status === ConversationStatus.Closed || status === ConversationStatus.Resolved;
}

/** When things happened, in epoch ms, consistent with the conversation's status. */
function timeline(ctx: Ctx, slot: Slot) {
  const S = ConversationStatus;
  const { random, now } = ctx;
  const ages: Record<number, [number, number]> = {
    [S.Open]: [2, 25], [S.Waiting]: [20, 180], [S.Active]: [12, 50], [S.WrapUp]: [15, 60], [S.Scheduled]: [3 * 60, 3 * 24 * 60],
  };
  const [lo, hi] = ages[slot.status] ?? (slot.agent === 0 ? [60, 8 * 60] : [60, 30 * 24 * 60]);
  const created = now - random.int(lo, hi) * MINUTE - random.int(0, 59) * SECOND;
  const botEnd = slot.bot ? created + random.int(60, 240) * SECOND : undefined;
  const assigned = slot.agent === null ? undefined : (botEnd ?? created) + random.int(10, 180) * SECOND;
  const finished = slot.status === S.WrapUp || ended(slot.status);
  const end = !finished ? undefined : assigned === undefined ? botEnd : Math.min(assigned + random.int(4, 35) * MINUTE, now - 2 * MINUTE);
  const closed = !ended(slot.status) ? undefined : end! + (assigned === undefined ? 0 : random.int(30, 180) * SECOND);
  const transferAt = slot.transferFrom === undefined ? undefined : Math.round((assigned! + end!) / 2);
  // A scheduled callback has not changed since it was booked.
  const untouched = slot.status === S.Scheduled ? created : undefined;
  const last = closed ?? end ?? untouched ?? Math.max(assigned ?? created, now - random.int(1, 5) * MINUTE);
  return { created, botEnd, assigned, end, closed, transferAt, last };
}
type Timeline = ReturnType<typeof timeline>;

/** A conversation with its sessions, skills, sentiment, bot session and transcript. */
function conversation(ctx: Ctx, slot: Slot, customer: Customer, workstreams: Array<SeedRef & { channel: number }>) {
  const { store, random } = ctx;
  const S = ConversationStatus;
  const id = random.uuid();
  const topic = slot.bot === 'resolved' ? TOPICS[6]! : random.pick(TOPICS);
  const channel = slot.channel ?? random.pick(CHANNEL_MIX);
  const queue = ctx.queues[customer.ref?.table === 'account' && random.next() < 0.5 ? VIP : topic.queue]!;
  const agentIndex = slot.agent;
  const spanish = random.next() < 0.1;
  const t = timeline(ctx, slot);
  const hasAgent = agentIndex !== null;
  const sentiment = hasAgent && slot.status !== S.Open ? random.pick([7, 8, 9, 10, 10, 11, 11, 12, 12, 13]) : 0;
  const scheduled = slot.status === S.Scheduled;
  const reason = {
    // No reason fits a callback booked for later; the schema's choices are all about live work.
    [S.Scheduled]: null,
    [S.Resolved]: StatusChangeReason.ConversationEndedByAgent,
    [S.Open]: StatusChangeReason.AwaitingAgentAssignment,
    [S.Active]: StatusChangeReason.InConversation,
    [S.Waiting]: StatusChangeReason.AwaitingCustomerResponse,
    [S.WrapUp]: StatusChangeReason.AgentMovedToWrapUp,
    [S.Closed]: slot.bot === 'resolved' ? StatusChangeReason.ConversationEndedByBot
      : slot.bot === 'abandoned' ? StatusChangeReason.CustomerDisconnectedOrLeftOpenConversation
      : StatusChangeReason.ConversationEndedByAgent,
  }[slot.status];
  store.create('msdyn_ocliveworkitem', {
    activityid: id, msdyn_ocliveworkitemid: id, subject: topic.subject, msdyn_title: `${customer.name}: ${topic.subject}`,
    msdyn_channel: String(channel), statuscode: slot.status, msdyn_statuschangereason: reason,
    prioritycode: queue.name === 'VIP' ? 2 : 1,
    msdyn_activeagentid: hasAgent ? ctx.agents[agentIndex]!.id : null,
    msdyn_activeagentassignedon: t.assigned === undefined ? null : iso(t.transferAt ?? t.assigned),
    msdyn_isagentaccepted: hasAgent, msdyn_isabandoned: slot.bot === 'abandoned', msdyn_isoutbound: false,
    msdyn_liveworkstreamid: workstreams.find((w) => w.channel === channel)!.id,
    msdyn_workstreamworkdistributionmode: WORKSTREAMS.find((w) => w.channel === channel)!.mode,
    msdyn_cdsqueueid: queue.id, msdyn_customer: customer.ref ?? null,
    msdyn_issueid: customer.incidentId && random.next() < 0.7 ? customer.incidentId : null,
    msdyn_customerlocale: spanish ? 'es-MX' : 'en-US', msdyn_customersentimentlabel: sentiment,
    // A scheduled callback is booked, not yet initiated or started, and has waited for nobody.
    msdyn_createdon: iso(t.created), msdyn_initiatedon: scheduled ? null : iso(t.created), msdyn_startedon: scheduled ? null : iso(t.created),
    msdyn_firstwaitstartedon: scheduled ? null : iso(t.botEnd ?? t.created), msdyn_closedon: t.closed === undefined ? null : iso(t.closed),
    msdyn_wrapupinitiatedon: hasAgent && t.end !== undefined ? iso(t.end) : null,
    msdyn_modifiedon: iso(t.last), msdyn_statusupdatedon: iso(t.last),
    msdyn_transfercount: slot.transferFrom === undefined ? 0 : 1, msdyn_escalationcount: 0,
    msdyn_conversationfirstwaittimeinseconds: t.assigned === undefined ? null : Math.round((t.assigned - (t.botEnd ?? t.created)) / SECOND),
    msdyn_conversationhandletimeinseconds: t.closed !== undefined && t.assigned !== undefined ? Math.round((t.closed - t.assigned) / SECOND) : null,
    ...stamps(t.created, t.last),
  });

  // Sessions: none for a callback nobody has started yet.
  if (!scheduled) {
    const conv = { id, channel, queueId: queue.id, subject: topic.subject, closed: ended(slot.status) };
    const { sessionIds, activeParticipantId } = conversationSessions(ctx, slot, conv, t);
    store.update('msdyn_ocliveworkitem', id, {
      msdyn_lastsessionid: sessionIds[sessionIds.length - 1],
      msdyn_activesessionparticipantid: conv.closed ? null : activeParticipantId,
      modifiedon: iso(t.last),
    });
    if (slot.bot) botSession(ctx, sessionIds[0]!, slot.bot, t);
  }

  // Skills: the queue's skill, language, premium for VIP.
  if (random.next() < 0.6 || !ended(slot.status)) {
    const names = [spanish ? 'Spanish' : 'English', ...(queue.name === 'Billing' ? ['Billing'] : []), ...(queue.name === 'VIP' ? ['Premium'] : [])];
    for (const name of names) skill(ctx, id, name, t.created);
  }
  if (hasAgent && slot.status !== S.Open && random.next() < 0.6) conversationSentiment(ctx, id, sentiment, spanish, t);

  // Transcripts: every finished conversation, some active ones.
  const finished = ended(slot.status) || slot.status === S.WrapUp;
  if (!finished && !(slot.status === S.Active && random.next() < 0.5)) return { id, channel };
  const fileNoteId = slot.file ? fileNote(ctx, id, slot.file, t.assigned! + MINUTE) : undefined;
  const messages = transcriptMessages(ctx, { slot, topic, customer, t, channel, conversationId: id, fileNoteId });
  const transcriptId = transcript(ctx, id, topic.subject, messages, t.end ?? t.last);
  return { id, channel, transcriptId, fileNoteId };
}

/**
 * The sessions of a conversation that has started: the transferred conversation has two, one
 * per agent; every other conversation one. Returns their ids, oldest first, and the primary
 * participant of the last.
 */
function conversationSessions(ctx: Ctx, slot: Slot, conv: Parameters<typeof session>[1] & { closed: boolean }, t: Timeline) {
  const primaries = slot.transferFrom === undefined ? [slot.agent] : [slot.transferFrom, slot.agent];
  const sessionIds: string[] = [];
  let activeParticipantId: string | null = null;
  primaries.forEach((index, i) => {
    const transferred = i === 0 && primaries.length > 1;
    const from = i === 0 ? t.created : t.transferAt!;
    const to = transferred ? t.transferAt : t.closed;
    const s = session(ctx, conv, from, to, closureReason(slot, transferred, ctx.random), index === null ? undefined : {
      agent: ctx.agents[index]!, joined: i === 0 ? t.assigned! : t.transferAt!, transfer: i > 0,
      consult: slot.consult ? ctx.agents[(index + 1) % ctx.agents.length] : undefined,
      monitor: slot.monitor ? ctx.supervisor : undefined,
    }, i === 0 && slot.bot !== undefined);
    sessionIds.push(s.id);
    activeParticipantId = s.primaryParticipantId ?? null;
  });
  return { sessionIds, activeParticipantId };
}

function closureReason(slot: Slot, transferred: boolean, random: SeededRandom): number | null {
  if (transferred) return SessionClosureReason.AgentTransferred;
  if (!ended(slot.status)) return null;
  if (slot.bot === 'resolved') return SessionClosureReason.BotEndConversation;
  if (slot.bot === 'abandoned') return SessionClosureReason.CustomerDisconnect;
  return random.pick([SessionClosureReason.AgentEndConversation, SessionClosureReason.CustomerEndConversation]);
}

interface Engagement {
  agent: Person;
  joined: number;
  transfer: boolean;
  consult?: Person | undefined;
  monitor?: Person | undefined;
}

/** A session of a conversation and its participants: the primary agent, maybe a consultant and a monitor. */
function session(
  ctx: Ctx,
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
    activityid: id, msdyn_sessionid: id, subject: `${engagement?.agent.name ?? 'Queue'}: ${conv.subject}`,
    msdyn_liveworkitemid: conv.id, msdyn_channel: conv.channel, msdyn_cdsqueueid: conv.queueId,
    statuscode: to === undefined ? SessionStatus.Open : SessionStatus.Completed,
    msdyn_state: to !== undefined ? SessionLegacyState.Closed : engagement ? SessionLegacyState.Active : SessionLegacyState.New,
    msdyn_closurereason: closure, msdyn_botengagementmode: withBot ? BotEngagementMode.PreConversation : BotEngagementMode.Default,
    msdyn_sessioncreatedon: iso(from), msdyn_sessionclosedon: to === undefined ? null : iso(to), msdyn_queueassignedon: iso(from),
    msdyn_agentassignedon: engagement ? iso(engagement.joined) : null,
    msdyn_agentacceptedon: engagement ? iso(engagement.joined + ctx.random.int(2, 15) * SECOND) : null,
    ...stamps(from, lastChange),
  });
  if (!engagement) return { id };
  const { agent, joined } = engagement;
  const primaryParticipantId = participant(ctx, id, agent, ParticipantMode.Primary, joined, to, engagement.transfer ? 'AgentTransfer' : undefined);
  if (engagement.consult) {
    const start = joined + ctx.random.int(1, 3) * MINUTE;
    const end = Math.min(start + ctx.random.int(2, 5) * MINUTE, to ?? ctx.now - MINUTE);
    participant(ctx, id, engagement.consult, ParticipantMode.Consult, Math.min(start, end - SECOND), end, 'AgentConsult');
  }
  if (engagement.monitor) participant(ctx, id, engagement.monitor, ParticipantMode.Monitor, joined + MINUTE, to, 'AgentMonitor');
  return { id, primaryParticipantId };
}

function participant(ctx: Ctx, sessionId: string, agent: Person, mode: number, joined: number, left: number | undefined, assignReason?: string): string {
  const id = ctx.random.uuid();
  ctx.store.create('msdyn_sessionparticipant', {
    msdyn_sessionparticipantid: id, msdyn_name: agent.name, msdyn_omnichannelsession: sessionId, msdyn_agentid: agent.id,
    msdyn_activedirectoryuserid: agent.aad, msdyn_mode: mode, msdyn_assignreason: assignReason ?? null,
    msdyn_addedon: iso(joined), msdyn_joinedon: iso(joined), msdyn_lefton: left === undefined ? null : iso(left),
    statuscode: left === undefined ? ActiveStatus.Active : ActiveStatus.Inactive,
    ...stamps(joined, left ?? joined),
  });
  return id;
}

function botSession(ctx: Ctx, sessionId: string, outcome: BotOutcome, t: Timeline): void {
  const { random } = ctx;
  const reason = {
    resolved: BotSessionOutcomeReason.Resolved,
    escalated: random.pick([BotSessionOutcomeReason.AgentTransferRequestedByUser, BotSessionOutcomeReason.AgentTransferConfiguredByAuthor]),
    abandoned: BotSessionOutcomeReason.UserExit,
  }[outcome];
  const outcomeValue = { resolved: BotSessionOutcome.Resolved, escalated: BotSessionOutcome.Escalated, abandoned: BotSessionOutcome.Abandoned }[outcome];
  ctx.store.create('msdyn_botsession', {
    msdyn_botsessionid: random.uuid(), msdyn_name: `${BOT_NAME}: ${BOT_TOPICS[outcome]}`, msdyn_botid: ctx.botId,
    msdyn_sessionid: sessionId, msdyn_sourcesessionid: random.uuid().replace(/-/g, ''),
    msdyn_outcome: outcomeValue, msdyn_outcomereason: reason, msdyn_isengaged: true,
    msdyn_topicname: BOT_TOPICS[outcome], msdyn_csatscore: outcome === 'resolved' ? random.int(3, 5) : null,
    msdyn_startedon: iso(t.created), msdyn_endedon: iso(t.botEnd!),
    ...stamps(t.created, t.botEnd!),
  });
}

function skill(ctx: Ctx, conversationId: string, name: string, at: number): void {
  ctx.store.create('msdyn_ocliveworkitemcharacteristic', {
    msdyn_ocliveworkitemcharacteristicid: ctx.random.uuid(), msdyn_name: name, msdyn_ocliveworkitemid: conversationId,
    msdyn_characteristic: ctx.skills[name]!, msdyn_characteristicsource: CharacteristicSource.RuleBased,
    msdyn_status: CharacteristicStatus.Active, msdyn_createdon: iso(at), ...stamps(at),
  });
}

function conversationSentiment(ctx: Ctx, conversationId: string, label: number, spanish: boolean, t: Timeline): void {
  const zone = label >= 11 ? 'Positive' : label === 10 ? 'Neutral' : 'Negative';
  ctx.store.create('msdyn_ocliveworkitemsentiment', {
    msdyn_ocliveworkitemsentimentid: ctx.random.uuid(), msdyn_name: `Sentiment ${zone}`, msdyn_ocliveworkitemid: conversationId,
    msdyn_sentimentzone: zone, msdyn_sentimentpulse: (label - 7) * 16 + ctx.random.int(0, 4),
    msdyn_sentimenttransition: ctx.random.int(-40, 40), msdyn_sentimentmodelversion: '1.0',
    msdyn_predictedlanguage: spanish ? 'es-MX' : 'en-US', ...stamps(t.assigned!, t.last),
  });
}

/** A file the customer sent: a note on the conversation holding the (fake) bytes as Base64. */
function fileNote(ctx: Ctx, conversationId: string, kind: keyof typeof FILES, at: number): string {
  const file = FILES[kind];
  const bytes = new Uint8Array([...file.header, ...new TextEncoder().encode(file.text)]);
  const id = ctx.random.uuid();
  ctx.store.create('annotation', {
    annotationid: id, subject: file.name, objectid: { table: 'msdyn_ocliveworkitem', id: conversationId },
    objecttypecode: 'msdyn_ocliveworkitem', isdocument: true, filename: file.name, mimetype: file.mimetype,
    filesize: bytes.length, documentbody: encodeBase64Bytes(bytes), ...stamps(at),
  });
  return id;
}

/** The transcript row and its note: Base64 of the JSON message array. */
function transcript(ctx: Ctx, conversationId: string, subject: string, messages: TranscriptMessage[], at: number): string {
  const id = ctx.random.uuid();
  ctx.store.create('msdyn_transcript', { msdyn_transcriptid: id, msdyn_name: `Transcript: ${subject}`.slice(0, 100), msdyn_liveworkitemidid: conversationId, ...stamps(at) });
  const json = JSON.stringify(messages);
  ctx.store.create('annotation', {
    annotationid: ctx.random.uuid(), subject: 'Conversation transcript', objectid: { table: 'msdyn_transcript', id },
    objecttypecode: 'msdyn_transcript', isdocument: true,
    // The filename and mimetype of real transcript notes are UNCONFIRMED (reference §4).
    filename: 'transcript.json', mimetype: 'application/json',
    filesize: new TextEncoder().encode(json).length, documentbody: encodeTranscript(messages), ...stamps(at),
  });
  return id;
}

/** The conversation as its participants saw it, spread evenly between its start and its end. */
function transcriptMessages(
  ctx: Ctx,
  c: { slot: Slot; topic: (typeof TOPICS)[number]; customer: Customer; t: Timeline; channel: number; conversationId: string; fileNoteId: string | undefined },
): TranscriptMessage[] {
  const { slot, topic, t } = c;
  const known = c.customer.ref?.table === 'contact';
  const customer: TranscriptSender = { user: { displayName: known ? c.customer.name : 'Customer', id: `8:acs:${c.conversationId}` } };
  const greetingName = known ? ` ${c.customer.name.split(' ')[0]}` : '';
  const bot: TranscriptSender = { application: { displayName: BOT_NAME, id: `28:${ctx.botId}` } };
  const system: TranscriptSender = { application: { displayName: 'DynamicsBot', id: `28:${ctx.dynamicsBotId}` } };
  const user = (p: Person): TranscriptSender => ({ user: { displayName: p.name, id: `8:orgid:${p.aad}` } });
  // Customer-message tags are UNCONFIRMED; `ChannelId-lcw` is what live chat clients send.
  const customerTags = c.channel === Channel.LiveChat ? 'ChannelId-lcw' : '';
  type Draft = [from: TranscriptSender | null, content: string, tags: string, extra?: Partial<TranscriptMessage>];
  const drafts: Draft[] = [[customer, topic.ask, customerTags]];
  const join = (name: string, mri: string): Draft[] => [
    [null, `<addmember><eventtime>{time}</eventtime><initiator>${mri}</initiator><target>${mri}</target></addmember>`, '', { isControlMessage: true }],
    [system, `${name} joined the conversation.`, 'system'],
  ];
  const agentJoins = (p: Person) => join(p.name, `8:orgid:${p.aad}`);
  const botLine = { resolved: topic.answer, escalated: 'I can connect you with an agent. One moment please.', abandoned: 'Could you tell me your account number?' };
  if (slot.bot) drafts.push(...join(BOT_NAME, bot.application!.id), [bot, botLine[slot.bot], 'public']);
  if (slot.bot === 'resolved') drafts.push([customer, 'Great, thanks!', customerTags], [system, 'The conversation has ended.', 'system']);
  if (slot.bot === 'abandoned') drafts.push([system, 'The customer left the conversation.', 'system']);
  const first = slot.transferFrom ?? slot.agent;
  if (first !== null) {
    const agent = ctx.agents[first]!;
    drafts.push(...agentJoins(agent), [user(agent), `Hi${greetingName}, this is ${agent.name.split(' ')[0]}. Let me look into that.`, 'public'], [customer, topic.detail, customerTags]);
    if (c.fileNoteId) {
      const file = FILES[slot.file!];
      drafts.push([customer, '', customerTags, { attachments: [{ id: ctx.random.uuid(), index: 0, name: file.name, fileType: file.fileType, annotationid: c.fileNoteId }] }]);
    }
    // The internal note: to the consulted colleague when there is one, otherwise for the record.
    const colleague = slot.consult ? ctx.agents[(first + 1) % ctx.agents.length] : undefined;
    if (colleague) drafts.push(...agentJoins(colleague), [user(agent), `@${colleague.name} can you double-check this before I confirm?`, 'private']);
    else drafts.push([user(agent), 'Internal note: customer identity verified.', 'private']);
    const last = slot.agent === null ? agent : ctx.agents[slot.agent]!;
    if (last !== agent) drafts.push([system, `The conversation was transferred to ${last.name}.`, 'system'], ...agentJoins(last));
    drafts.push([user(last), topic.answer, 'public'], [customer, 'Thank you!', customerTags]);
    if (ended(slot.status) || slot.status === ConversationStatus.WrapUp) drafts.push([user(last), 'You are welcome. Have a great day!', 'public']);
  }
  const start = t.created;
  const end = t.end ?? t.last;
  return drafts.map(([from, content, tags, extra], i) => {
    const at = Math.round(start + ((end - start) * (i + 1)) / (drafts.length + 1));
    const created = iso(at);
    return {
      id: String(at), content: content.replace('{time}', String(at)), contentType: 'text',
      createdDateTime: created.replace('Z', '+00:00'), created,
      modified: null, modifiedDateTime: null, deleted: null, important: null, culture: null, likes: [],
      attachments: [], from, isControlMessage: from === null, tags: tags.startsWith('public') ? `public,messageId-${at}` : tags,
      deliveryMode: tags === 'private' || from === null ? 'unbridged' : 'bridged',
      ...extra,
    };
  });
}
