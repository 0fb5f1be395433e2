/** The seeded contact centre: builds the plan's records in a fixed order and returns their ids. */
import { ConversationStatus } from '../../../index.js';
import type { SeededRandom } from '../random.js';
import type { Store } from '../store.js';
import { createAgent, createContact, createIncident, createNamedRecord } from './builders.js';
import type { SeedContext, Customer } from './context.js';
import { createConversation } from './conversation.js';
import { type Planned, enrichSeed } from './enrichment.js';
import {
  ACCOUNT_NAMES,
  AGENT_NAMES,
  BOT_NAME,
  CASE_TITLES,
  CONTACT_NAMES,
  QUEUE_NAMES,
  SKILLS,
  SUPERVISOR_NAME,
  WORKSTREAMS,
} from './data.js';
import { planConversations, pickCustomer } from './plan.js';
import { DAY, MINUTE } from './time.js';
import type { SeedConversation, SeedData } from './types.js';

/**
 * Fills `store` with a contact centre (agents, queues, workstreams, customers, cases and 40
 * conversations in every status with their sessions, participants, skills, sentiment, bot
 * sessions, transcripts and attachments, and the ongoing conversations) and returns the ids
 * tests and the demo need.
 * Deterministic for a given seed: every id and every choice comes from `random`, every date is
 * relative to `now` (all in the past).
 */
export function seedContactCentre(store: Store, random: SeededRandom, now: Date): SeedData {
  const setup = now.getTime() - 60 * DAY;
  const base = { store, random, now: now.getTime() };
  const agents = AGENT_NAMES.map((name, i) => createAgent(base, name, setup + i * MINUTE));
  const supervisor = createAgent(base, SUPERVISOR_NAME, setup);
  const queues = QUEUE_NAMES.map((name) => createNamedRecord(base, 'queue', 'queueid', name, setup));
  const workstreams = WORKSTREAMS.map((w) => ({
    ...createNamedRecord(base, 'msdyn_liveworkstream', 'msdyn_liveworkstreamid', w.name, setup, {
      msdyn_streamsource: w.channel,
      msdyn_workdistributionmode: w.mode,
    }),
    channel: w.channel,
  }));
  const skills = SKILLS.map((name) => createNamedRecord(base, 'characteristic', 'characteristicid', name, setup));
  const botId = createNamedRecord(base, 'bot', 'botid', BOT_NAME, setup).id;
  const skillIds = Object.fromEntries(skills.map((s) => [s.name, s.id]));
  const ctx: SeedContext = { ...base, agents, supervisor, queues, botId, skills: skillIds, dynamicsBotId: random.uuid() };

  const accounts = ACCOUNT_NAMES.map((name) =>
    createNamedRecord(ctx, 'account', 'accountid', name, ctx.now - random.int(30, 59) * DAY, {
      emailaddress1: `info@${name.replace(/ /g, '').toLowerCase()}.com`,
      telephone1: `+1 425 555 0${random.int(100, 199)}`,
    }),
  );
  const contacts = CONTACT_NAMES.map((name, i) => createContact(ctx, name, accounts[i % accounts.length]!));
  const caseCustomers: Customer[] = [
    ...contacts.slice(0, 4).map((c) => ({ ref: { table: 'contact' as const, id: c.id }, name: c.name })),
    { ref: { table: 'account', id: accounts[0]!.id }, name: accounts[0]!.name },
  ];
  const incidents = CASE_TITLES.map((title, i) => createIncident(ctx, title, i, caseCustomers[i]!));

  const conversations: SeedConversation[] = [];
  const byRole: Record<string, string[]> = {};
  const extras: Record<string, { transcriptId?: string; fileNoteId?: string }> = {};
  const planned: Planned[] = [];
  for (const slot of planConversations(random)) {
    const customer = pickCustomer(ctx, accounts, contacts, caseCustomers);
    const result = createConversation(ctx, slot, customer, workstreams);
    conversations.push({ id: result.id, status: slot.status, channel: result.channel });
    extras[result.id] = result;
    planned.push({ ...result, slot });
    const role = slot.transferFrom !== undefined ? 'transferred' : slot.agent === 0 ? `mine-${slot.status}` : 'other';
    (byRole[role] ??= []).push(result.id);
  }
  const mine = (status: number) => byRole[`mine-${status}`]![0]!;
  const closedConversationId = mine(ConversationStatus.Closed);
  // Last: it draws from the random source after everything above, so their ids stay as they were.
  const enriched = enrichSeed(ctx, planned);
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
    ...enriched,
  };
}
