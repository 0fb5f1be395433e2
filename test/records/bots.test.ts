import { describe, expect, it } from 'vitest';
import { BotSessionOutcome, BotSessionOutcomeReason } from '../../src/index.js';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const records = recordsOf(org);
const everything = { from: '2026-01-01', to: '2026-03-02' };
const sessions = org.store.list('msdyn_botsession');

describe('botSessionSummary', () => {
  it('counts by outcome and by reason within each, in one server-side aggregate', async () => {
    const fresh = seeded();
    const summary = await recordsOf(fresh).botSessionSummary(everything);
    expect(summary.sessions).toBe(sessions.length);
    for (const outcome of summary.outcomes) {
      expect(outcome.sessions).toBe(sessions.filter((s) => s.msdyn_outcome === outcome.outcome).length);
      expect(outcome.reasons.reduce((sum, reason) => sum + reason.sessions, 0)).toBe(outcome.sessions);
    }
    expect(new Set(summary.outcomes.map((outcome) => outcome.label))).toEqual(new Set(['none', 'resolved', 'escalated', 'abandoned']));
    expect(sent(fresh)).toEqual([
      `GET msdyn_botsessions?$apply=filter(msdyn_startedon ge 2026-01-01T00:00:00.000Z and msdyn_startedon lt 2026-03-02T00:00:00.000Z)/groupby((msdyn_outcome,msdyn_outcomereason,msdyn_csatscore,msdyn_isengaged),aggregate($count as sessions))`,
    ]);
  });

  it('names each reason', async () => {
    const summary = await records.botSessionSummary(everything);
    const escalated = summary.outcomes.find((outcome) => outcome.outcome === BotSessionOutcome.Escalated)!;
    expect(escalated.reasons.map((reason) => reason.label).sort()).toEqual([
      'agentTransferConfiguredByAuthor',
      'agentTransferRequestedByUser',
    ]);
    expect(
      escalated.reasons.find((reason) => reason.reason === BotSessionOutcomeReason.AgentTransferRequestedByUser)!.sessions,
    ).toBeGreaterThan(0);
  });

  it('gives the CSAT distribution and its exact average', async () => {
    const summary = await records.botSessionSummary(everything);
    const scores = sessions.map((s) => s.msdyn_csatscore).filter((score): score is number => typeof score === 'number');
    expect(summary.csat.rated).toBe(scores.length);
    expect(summary.csat.average).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
    for (const score of [1, 2, 3, 4, 5]) expect(summary.csat.distribution[score] ?? 0).toBe(scores.filter((s) => s === score).length);
  });

  it('gives the engaged share and the escalations to agents', async () => {
    const summary = await records.botSessionSummary(everything);
    const engaged = sessions.filter((s) => s.msdyn_isengaged === true).length;
    expect(summary.engaged).toEqual({ sessions: engaged, share: engaged / sessions.length });
    expect(summary.escalatedToAgent).toBe(sessions.filter((s) => s.msdyn_outcome === BotSessionOutcome.Escalated).length);
  });

  it('summarises one bot', async () => {
    const summary = await records.botSessionSummary({ ...everything, botId: data.billingBotId });
    expect(summary.sessions).toBe(2);
    expect(summary.outcomes.map((outcome) => [outcome.label, outcome.sessions]).sort()).toEqual([
      ['escalated', 1],
      ['resolved', 1],
    ]);
    expect(summary.csat).toEqual({ rated: 2, average: 3.5, distribution: { 2: 1, 5: 1 } });
  });

  it('keeps to the range of start times', async () => {
    const summary = await records.botSessionSummary({ from: '2020-01-01', to: '2020-02-01' });
    expect(summary).toEqual({
      sessions: 0,
      outcomes: [],
      csat: { rated: 0, average: undefined, distribution: {} },
      engaged: { sessions: 0, share: undefined },
      escalatedToAgent: 0,
    });
  });

  it('adds up the halves of a range Dataverse refuses to aggregate whole', async () => {
    const fresh = seeded();
    fresh.faults.add({
      fault: { kind: 'status', status: 400, code: '0x8004e023', message: 'AggregateQueryRecordLimit exceeded.' },
      url: '$apply',
    });
    expect(await recordsOf(fresh).botSessionSummary(everything)).toEqual(await records.botSessionSummary(everything));
    expect(fresh.requests).toHaveLength(3);
  });

  it('requires both ends of the range, and sends nothing without them', async () => {
    const fresh = seeded();
    expect((await caught(recordsOf(fresh).botSessionSummary({ from: '2026-01-01' } as never))).field).toBe('input.to');
    expect((await caught(recordsOf(fresh).botSessionSummary({ ...everything, botId: 'bot' }))).field).toBe('input.botId');
    expect(fresh.requests).toHaveLength(0);
  });
});
