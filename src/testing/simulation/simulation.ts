import { Channel, ConversationStatus, LiveConversationStatus, SentimentLabel, StatusChangeReason } from '../../index.js';
import type { OrgEmulator } from '../emulator/emulator.js';
import { type SeededRandom, seededRandom } from '../emulator/random.js';
import { answers, leftLine, nudges, openingLines } from './lines.js';

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** Seed of the simulation's choices: the same seed and steps give the same contact centre. @default 1 */
  seed?: number;
  /** The agent who receives the new conversations. @default the seed's signed-in agent */
  agentId?: string;
  /** Chance that a new conversation arrives at a step. @default 0.3 */
  arrivalRate?: number;
  /** Most open conversations (offered or active) the agent gets at once. @default 5 */
  maxOpen?: number;
  /** Chance that an active conversation's customer leaves at a step. @default 0.03 */
  leaveRate?: number;
}

/** What happened at a step, in order. */
export type SimulationEvent =
  | { type: 'arrived'; conversationId: string; title: string }
  | { type: 'message'; conversationId: string; text: string }
  | { type: 'sentiment'; conversationId: string; label: number }
  | { type: 'left'; conversationId: string };

/** A contact centre that lives on its own: customers arrive, write, change mood and leave. */
export interface Simulation {
  /** Advances one step and returns what happened. Deterministic for a seed. */
  step(): SimulationEvent[];
  /** Steps every `intervalMs` until {@link Simulation.stop} (the demo's mode). */
  start(intervalMs: number): void;
  /** Stops stepping on a timer. */
  stop(): void;
  /** Every event so far, oldest first (the newest 1000). */
  readonly events: readonly SimulationEvent[];
}

const conversationTable = 'msdyn_ocliveworkitem';
const liveTable = 'msdyn_liveconversation';
/** Sentiment labels from worst to best. */
const moods = [7, 8, 9, 10, 11, 12, 13];
const eventLimit = 1000;

/**
 * Makes an emulated org's contact centre live, for a demo or a test of a customization:
 * new conversations assigned to the agent arrive (status Open, to be accepted), customers of
 * the agent's Active conversations answer the agent's messages and nudge when kept waiting,
 * their sentiment (`msdyn_liveconversation.msdyn_customersentimentlabel`) moves, and some leave
 * (the conversation goes to Wrap-up). Messages go through `org.messages`, records through
 * `org.store`, so the SDK sees it all as it would in an org. Drive it with `step()` in tests.
 * The ongoing conversation (`msdyn_liveconversation`) of a conversation has the same id: the
 * tables' relation is UNCONFIRMED, and one id keeps them joined.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const simulation = createSimulation(org, { seed: 3 });
 * simulation.step(); // [{ type: 'arrived', conversationId, title }] or more
 * ```
 */
export function createSimulation(org: OrgEmulator, options: SimulationOptions = {}): Simulation {
  const random = seededRandom(options.seed ?? 1);
  const agentId = options.agentId ?? org.seedData?.signedInAgentId;
  if (!agentId) throw new RangeError('createSimulation needs an agentId: the org has no seed data');
  const arrivalRate = options.arrivalRate ?? 0.3;
  const maxOpen = options.maxOpen ?? 5;
  const leaveRate = options.leaveRate ?? 0.03;
  const events: SimulationEvent[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  let arrivals = 0;

  const record = (happened: SimulationEvent[]) => {
    events.push(...happened);
    if (events.length > eventLimit) events.splice(0, events.length - eventLimit);
    return happened;
  };

  const step = (): SimulationEvent[] => {
    const happened: SimulationEvent[] = [];
    const mine = org.store.list(conversationTable).filter((row) => row._msdyn_activeagentid_value === agentId && row.statecode === 0);
    const offered = mine.filter((row) => row.statuscode === ConversationStatus.Open);
    const active = mine.filter((row) => row.statuscode === ConversationStatus.Active);
    if (offered.length + active.length < maxOpen && random.next() < arrivalRate) happened.push(arrive(org, random, agentId, ++arrivals));
    for (const row of active) happened.push(...live(org, random, String(row.activityid), leaveRate));
    return record(happened);
  };

  return {
    step,
    start(intervalMs) {
      if (!(intervalMs > 0)) throw new RangeError('intervalMs must be a positive number of milliseconds');
      this.stop();
      timer = setInterval(step, intervalMs);
      // A demo server must still exit when everything else is done.
      (timer as { unref?: () => void }).unref?.();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    events,
  };
}

/** A new conversation offered to the agent, with its ongoing conversation and first message. */
function arrive(org: OrgEmulator, random: SeededRandom, agentId: string, arrival: number): SimulationEvent {
  const seed = org.seedData;
  // Every third customer is signed in (a known contact); the rest are visitors.
  const contact = seed && arrival % 3 === 0 ? random.pick(seed.contacts) : undefined;
  const workstream = seed?.workstreams.find((item) => item.channel === Channel.LiveChat);
  const title = contact?.name ?? `Web chat ${arrival}`;
  const id = org.store.create(conversationTable, {
    subject: title,
    msdyn_title: title,
    msdyn_channel: String(Channel.LiveChat),
    statuscode: ConversationStatus.Open,
    msdyn_statuschangereason: StatusChangeReason.AwaitingAgentAcceptance,
    msdyn_activeagentid: agentId,
    ...(contact ? { msdyn_customer: { table: 'contact', id: contact.id } } : {}),
    ...(workstream ? { msdyn_liveworkstreamid: workstream.id } : {}),
  });
  org.store.update(conversationTable, id, { msdyn_ocliveworkitemid: id });
  org.store.create(liveTable, {
    msdyn_liveconversationid: id,
    msdyn_subject: title,
    msdyn_customersentimentlabel: SentimentLabel.Neutral,
    msdyn_activeagentid: agentId,
    statuscode: LiveConversationStatus.Open,
  });
  org.messages.post({
    conversationId: id,
    text: random.pick(openingLines),
    from: 'customer',
    ...(contact ? { sender: contact.name } : {}),
  });
  return { type: 'arrived', conversationId: id, title };
}

/** One step of an active conversation: an answer or a nudge, a change of mood, maybe leaving. */
function live(org: OrgEmulator, random: SeededRandom, id: string, leaveRate: number): SimulationEvent[] {
  const happened: SimulationEvent[] = [];
  if (random.next() < leaveRate) {
    org.messages.post({ conversationId: id, text: leftLine, from: 'system' });
    org.store.update(conversationTable, id, {
      statuscode: ConversationStatus.WrapUp,
      msdyn_statuschangereason: StatusChangeReason.CustomerDisconnectedOrLeftActiveConversation,
    });
    if (org.store.get(liveTable, id)) org.store.update(liveTable, id, { statuscode: LiveConversationStatus.WrapUp });
    return [{ type: 'left', conversationId: id }];
  }
  const thread = org.messages.after(0, id);
  const last = thread.at(-1);
  const agentSpokeLast = last?.from === 'agent';
  // The customer answers the agent at once; kept waiting, they nudge now and then.
  if (agentSpokeLast || random.next() < 0.15) {
    const text = agentSpokeLast ? random.pick(answers) : random.pick(nudges);
    org.messages.post({ conversationId: id, text, from: 'customer' });
    happened.push({ type: 'message', conversationId: id, text });
  }
  const ongoing = org.store.get(liveTable, id);
  if (ongoing && random.next() < 0.4) {
    const current = moods.indexOf(Number(ongoing.msdyn_customersentimentlabel));
    // Answered customers drift up; waiting ones drift down.
    const drift = agentSpokeLast ? random.int(0, 1) : -random.int(0, 1);
    const label = moods[Math.min(moods.length - 1, Math.max(0, (current < 0 ? 3 : current) + drift))]!;
    if (label !== ongoing.msdyn_customersentimentlabel) {
      org.store.update(liveTable, id, { msdyn_customersentimentlabel: label });
      happened.push({ type: 'sentiment', conversationId: id, label });
    }
  }
  return happened;
}
