/**
 * What the contact centre consists of: which conversations exist, in which status and with
 * whom, which customer each is with, and when things happened. Decisions only; the builders
 * write the records.
 */
import { Channel, ConversationStatus } from '../../../index.js';
import type { SeededRandom } from '../random.js';
import type { SeedContext, Customer } from './context.js';
import { AGENT_NAMES, type BotOutcome, CHANNEL_MIX, type FileKind } from './data.js';
import { MINUTE, SECOND } from './time.js';
import type { SeedRef } from './types.js';

/** What the plan says about one conversation. */
export interface Slot {
  status: number;
  /** Index of the agent who handled it; `null` when no agent did. */
  agent: number | null;
  channel?: number;
  bot?: BotOutcome;
  transferFrom?: number;
  consult?: boolean;
  monitor?: boolean;
  file?: FileKind;
}

/**
 * The ~40 conversations: first the signed-in agent's desk and the cases tests rely on (every
 * status, channel, bot outcome, a transfer, consult and monitor), then a random mix.
 */
export function planConversations(random: SeededRandom): Slot[] {
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

/** Mostly known contacts, some accounts, some anonymous visitors; known customers may bring their case. */
export function pickCustomer(ctx: SeedContext, accounts: SeedRef[], contacts: SeedRef[], withCases: Customer[]): Customer {
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
export function isEnded(status: number): boolean {
  return status === ConversationStatus.Closed || status === ConversationStatus.Resolved;
}

/** When things happened, in epoch ms, consistent with the conversation's status. */
export function planTimeline(ctx: SeedContext, slot: Slot) {
  const S = ConversationStatus;
  const { random, now } = ctx;
  const ages: Record<number, [number, number]> = {
    [S.Open]: [2, 25],
    [S.Waiting]: [20, 180],
    [S.Active]: [12, 50],
    [S.WrapUp]: [15, 60],
    [S.Scheduled]: [3 * 60, 3 * 24 * 60],
  };
  const [lo, hi] = ages[slot.status] ?? (slot.agent === 0 ? [60, 8 * 60] : [60, 30 * 24 * 60]);
  const created = now - random.int(lo, hi) * MINUTE - random.int(0, 59) * SECOND;
  const botEnd = slot.bot ? created + random.int(60, 240) * SECOND : undefined;
  const assigned = slot.agent === null ? undefined : (botEnd ?? created) + random.int(10, 180) * SECOND;
  const finished = slot.status === S.WrapUp || isEnded(slot.status);
  const end = !finished ? undefined : assigned === undefined ? botEnd : Math.min(assigned + random.int(4, 35) * MINUTE, now - 2 * MINUTE);
  const closed = !isEnded(slot.status) ? undefined : end! + (assigned === undefined ? 0 : random.int(30, 180) * SECOND);
  const transferAt = slot.transferFrom === undefined ? undefined : Math.round((assigned! + end!) / 2);
  // A scheduled callback has not changed since it was booked.
  const untouched = slot.status === S.Scheduled ? created : undefined;
  const last = closed ?? end ?? untouched ?? Math.max(assigned ?? created, now - random.int(1, 5) * MINUTE);
  return { created, botEnd, assigned, end, closed, transferAt, last };
}
/** When things happened in one conversation: see {@link planTimeline}. */
export type Timeline = ReturnType<typeof planTimeline>;
