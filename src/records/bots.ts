/*
 * How the bots did: one server-side aggregate of `msdyn_botsession` grouped by outcome, outcome
 * reason, CSAT score and engagement, counted by Dataverse; every figure of the summary is a sum
 * over those groups, so the CSAT average is exact and nothing but the groups crosses the wire.
 */
import { guid } from '../odata/literals.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { aggregateRows, amount } from './apply.js';
import { formatted, lookupValue } from './filters.js';
import { type DateInput, objectInput, rangeInput } from './input.js';

/** What `botSessionSummary` summarises. */
export interface BotSessionSummaryInput {
  /** Bot sessions started (`msdyn_startedon`, UTC) at or after this instant… */
  from: DateInput;
  /** … and before this one. */
  to: DateInput;
  /** Only this bot's sessions. @default every bot */
  botId?: string;
}

/** Sessions of one outcome reason. */
export interface BotOutcomeReasonCount {
  /** `BotSessionOutcomeReason` value. */
  reason: number | undefined;
  /** Its label (`agentTransferRequestedByUser`, …). */
  label: string | undefined;
  /** Sessions. */
  sessions: number;
}

/** Sessions of one outcome, by reason. */
export interface BotOutcomeCount {
  /** `BotSessionOutcome` value: none, resolved, escalated, abandoned. */
  outcome: number | undefined;
  /** Its label. */
  label: string | undefined;
  /** Sessions. */
  sessions: number;
  /** The same sessions by outcome reason. */
  reasons: BotOutcomeReasonCount[];
}

/** A summary of bot sessions. */
export interface BotSessionSummary {
  /** Bot sessions in the range. */
  sessions: number;
  /** By outcome, most frequent first, each by reason. */
  outcomes: BotOutcomeCount[];
  /** Customer satisfaction. */
  csat: {
    /** Sessions the customer rated. */
    rated: number;
    /** The average score (1–5) of the rated sessions; undefined when none was rated. */
    average: number | undefined;
    /** Rated sessions per score, 1 to 5 (a score outside 1–5 is counted under its own key). */
    distribution: Record<number, number>;
  };
  /** Sessions the customer engaged in (`msdyn_isengaged`), and their share of all. */
  engaged: { sessions: number; share: number | undefined };
  /** Sessions the bot escalated to an agent (outcome escalated). */
  escalatedToAgent: number;
}

/** `BotSessionOutcome.Escalated`. */
const escalated = 419550002;

/** One group of the aggregate. */
interface Group {
  msdyn_outcome?: number;
  msdyn_outcomereason?: number;
  msdyn_csatscore?: number;
  msdyn_isengaged?: boolean;
  sessions: number;
}

/**
 * Summarises the bot sessions started in `[from, to)`:
 * `GET msdyn_botsessions?$apply=filter(…)/groupby((msdyn_outcome,msdyn_outcomereason,msdyn_csatscore,msdyn_isengaged),aggregate($count as sessions))`,
 * one request (two more each time Dataverse refuses a window of over 50,000 sessions and it is halved).
 * @internal
 */
export function botSessionSummary(
  context: ApiContext,
  input: BotSessionSummaryInput,
  options: CallOptions | undefined,
): Promise<BotSessionSummary> {
  return withCall('records.botSessionSummary', options, async (call) => {
    const given = objectInput(input, 'input', ['from', 'to', 'botId']);
    const range = rangeInput({ from: given.from, to: given.to }, 'input', ['from', 'to']);
    const filter = given.botId === undefined ? [] : [`${lookupValue('msdyn_botid')} eq ${guid(given.botId, 'input.botId')}`];
    const groups = await aggregateRows<Group>(
      context,
      call,
      {
        set: 'msdyn_botsessions',
        filter,
        groupBy: ['msdyn_outcome', 'msdyn_outcomereason', 'msdyn_csatscore', 'msdyn_isengaged'],
        aggregates: [['sessions', 'count']],
      },
      'msdyn_startedon',
      { from: range.from!.getTime(), to: range.to!.getTime() },
    );
    return summarise(groups);
  });
}

/** The summary as sums over the groups (a window split in halves gives equal keys twice: they add up). */
function summarise(groups: readonly Group[]): BotSessionSummary {
  const outcomes = new Map<number | undefined, BotOutcomeCount>();
  const distribution: Record<number, number> = {};
  let sessions = 0;
  let engaged = 0;
  for (const group of groups) {
    const count = amount(group, 'sessions');
    sessions += count;
    if (group.msdyn_isengaged === true) engaged += count;
    if (typeof group.msdyn_csatscore === 'number') distribution[group.msdyn_csatscore] = (distribution[group.msdyn_csatscore] ?? 0) + count;
    let outcome = outcomes.get(group.msdyn_outcome);
    if (!outcome)
      outcomes.set(
        group.msdyn_outcome,
        (outcome = { outcome: group.msdyn_outcome, label: formatted(group, 'msdyn_outcome'), sessions: 0, reasons: [] }),
      );
    outcome.sessions += count;
    let reason = outcome.reasons.find((item) => item.reason === group.msdyn_outcomereason);
    if (!reason)
      outcome.reasons.push((reason = { reason: group.msdyn_outcomereason, label: formatted(group, 'msdyn_outcomereason'), sessions: 0 }));
    reason.sessions += count;
  }
  const rated = Object.values(distribution).reduce((sum, count) => sum + count, 0);
  const points = Object.entries(distribution).reduce((sum, [score, count]) => sum + Number(score) * count, 0);
  const sorted = [...outcomes.values()].sort((a, b) => b.sessions - a.sessions || (a.outcome ?? 0) - (b.outcome ?? 0));
  for (const outcome of sorted) outcome.reasons.sort((a, b) => b.sessions - a.sessions || (a.reason ?? 0) - (b.reason ?? 0));
  return {
    sessions,
    outcomes: sorted,
    csat: { rated, average: rated ? points / rated : undefined, distribution },
    engaged: { sessions: engaged, share: sessions ? engaged / sessions : undefined },
    escalatedToAgent: outcomes.get(escalated)?.sessions ?? 0,
  };
}
