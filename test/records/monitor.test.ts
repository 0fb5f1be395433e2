import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientContext } from '../../src/client.js';
import { SentimentLabel, type SentimentAlert, type SentimentReading } from '../../src/index.js';
import { pollSentiment } from '../../src/records/sentimentPoller.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { clientOf } from '../support/client.js';
import { recordsOf, seeded } from './support.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const interval = 5000;
/** Lets the timers run for `ms` and every request they start settle. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const polls = (org: OrgEmulator) => org.requests.filter((request) => request.url.includes('msdyn_liveconversations')).length;
const setLabel = (org: OrgEmulator, id: string, label: number) =>
  org.store.update('msdyn_liveconversation', id, { msdyn_customersentimentlabel: label });

/** Starts a monitor on `org`; returns its alerts, errors, promise and stop. */
function monitor(org: OrgEmulator, threshold: number = SentimentLabel.Negative, extra: object = {}) {
  const alerts: SentimentAlert[] = [];
  const errors: [string, number][] = [];
  const controller = new AbortController();
  const done = recordsOf(org, { retry: { maxRetries: 0 } }).monitorLiveConversations({
    threshold,
    intervalMs: interval,
    onAlert: (alert) => alerts.push(alert),
    onError: (error, retryInMs) => errors.push([error.code, retryInMs]),
    signal: controller.signal,
    ...extra,
  });
  return { alerts, errors, done, stop: () => controller.abort() };
}

describe('monitorLiveConversations', () => {
  it('polls at once, then once per interval, one request each', async () => {
    const org = seeded();
    const { stop, done } = monitor(org);
    await elapse(0);
    expect(polls(org)).toBe(1);
    await elapse(interval);
    expect(polls(org)).toBe(2);
    await elapse(3 * interval);
    expect(polls(org)).toBe(5);
    expect(org.requests).toHaveLength(5);
    stop();
    await done;
  });

  it('alerts for every ongoing conversation at or below the threshold', async () => {
    const org = seeded();
    const { alerts, stop } = monitor(org, SentimentLabel.Negative);
    await elapse(0);
    const expected = org.store
      .list('msdyn_liveconversation')
      .filter((row) => (row.msdyn_customersentimentlabel as number) >= 7 && (row.msdyn_customersentimentlabel as number) <= 8)
      .map((row) => row.msdyn_liveconversationid);
    expect(alerts.map((alert) => alert.conversationId).sort()).toEqual(expected.sort());
    expect(alerts.map((alert) => alert.conversationId)).toContain(org.seedData!.veryNegativeConversationId);
    const alert = alerts.find((a) => a.conversationId === org.seedData!.veryNegativeConversationId)!;
    expect(alert).toMatchObject({ label: SentimentLabel.VeryNegative, labelName: 'Very negative', previousLabel: undefined });
    expect(alert.agentName).toBeTruthy();
    stop();
  });

  it('alerts once per crossing, and again only after the sentiment recovered', async () => {
    const org = seeded();
    const id = org.seedData!.veryNegativeConversationId;
    const { alerts, stop } = monitor(org, SentimentLabel.Negative, { conversationIds: [id] });
    await elapse(0);
    await elapse(interval);
    expect(alerts).toHaveLength(1);
    setLabel(org, id, SentimentLabel.Negative);
    await elapse(interval);
    expect(alerts).toHaveLength(1);
    setLabel(org, id, SentimentLabel.SlightlyPositive);
    await elapse(interval);
    setLabel(org, id, SentimentLabel.Negative);
    await elapse(interval);
    expect(alerts.map((alert) => [alert.label, alert.previousLabel])).toEqual([
      [SentimentLabel.VeryNegative, undefined],
      [SentimentLabel.Negative, SentimentLabel.SlightlyPositive],
    ]);
    stop();
  });

  it('counts no sentiment (N/A) as neither a crossing nor a recovery', async () => {
    const org = seeded();
    const id = org.seedData!.veryNegativeConversationId;
    const { alerts, stop } = monitor(org, SentimentLabel.Negative, { conversationIds: [id] });
    await elapse(0);
    setLabel(org, id, SentimentLabel.NotApplicable);
    await elapse(interval);
    setLabel(org, id, SentimentLabel.VeryNegative);
    await elapse(interval);
    expect(alerts).toHaveLength(1);
    stop();
  });

  it('forgets a conversation that ended, and alerts afresh if it comes back', async () => {
    const org = seeded();
    const id = org.seedData!.veryNegativeConversationId;
    const { alerts, stop } = monitor(org, SentimentLabel.Negative, { conversationIds: [id] });
    await elapse(0);
    org.store.update('msdyn_liveconversation', id, { statuscode: 4 });
    await elapse(interval);
    org.store.update('msdyn_liveconversation', id, { statuscode: 2 });
    await elapse(interval);
    expect(alerts).toHaveLength(2);
    stop();
  });

  it('backs off while throttled, doubling the wait, and returns to the interval', async () => {
    const org = seeded();
    org.faults.add({ fault: { kind: 'throttle', retryAfter: 1 }, times: 2 });
    const { errors, stop } = monitor(org);
    await elapse(0);
    expect(errors).toEqual([['Throttled', 2 * interval]]);
    await elapse(2 * interval);
    expect(errors).toEqual([
      ['Throttled', 2 * interval],
      ['Throttled', 4 * interval],
    ]);
    await elapse(4 * interval - 1);
    expect(polls(org)).toBe(2);
    await elapse(1);
    expect(polls(org)).toBe(3);
    await elapse(interval);
    expect(polls(org)).toBe(4);
    stop();
  });

  it('waits at least as long as the service’s Retry-After', async () => {
    const org = seeded();
    org.faults.add({ kind: 'throttle', retryAfter: 120 });
    const { errors, stop } = monitor(org);
    await elapse(0);
    expect(errors).toEqual([['Throttled', 120_000]]);
    await elapse(119_999);
    expect(polls(org)).toBe(1);
    stop();
  });

  it('never starts a poll while one is running', async () => {
    const org = seeded();
    org.faults.add({ kind: 'delay', ms: 3 * interval });
    const { stop } = monitor(org);
    await elapse(3 * interval - 1);
    expect(org.requests).toHaveLength(1);
    await elapse(1);
    await elapse(interval - 1);
    expect(org.requests).toHaveLength(1);
    await elapse(1);
    expect(org.requests).toHaveLength(2);
    stop();
  });

  it('resolves when aborted, even mid-poll, and sends nothing more', async () => {
    const org = seeded();
    org.faults.add({ kind: 'delay', ms: interval });
    const { done, stop } = monitor(org);
    await elapse(100);
    stop();
    await expect(done).resolves.toBeUndefined();
    await elapse(10 * interval);
    expect(org.requests).toHaveLength(1);
  });

  it('rejects on a failure waiting will not cure', async () => {
    const org = seeded();
    org.faults.add({ kind: 'status', status: 403, message: 'No privilege' });
    const { done } = monitor(org);
    const error = await caught(done);
    expect(error.code).toBe('Forbidden');
  });

  it('rejects bad input before any request', async () => {
    const org = seeded();
    const records = recordsOf(org);
    const onAlert = () => {};
    expect((await caught(records.monitorLiveConversations({ threshold: 5, intervalMs: interval, onAlert }))).field).toBe('input.threshold');
    expect((await caught(records.monitorLiveConversations({ threshold: 8, intervalMs: 10, onAlert }))).field).toBe('intervalMs');
    expect((await caught(records.monitorLiveConversations({ threshold: 8, intervalMs: interval } as never))).field).toBe('input.onAlert');
    expect(
      (await caught(records.monitorLiveConversations({ threshold: 8, intervalMs: interval, onAlert, conversationIds: ['x'] }))).field,
    ).toBe('conversationIds');
    expect(org.requests).toHaveLength(0);
  });
});

describe('pollSentiment', () => {
  function start(org: OrgEmulator, options: Partial<Parameters<typeof pollSentiment>[1]>) {
    const controller = new AbortController();
    const done = pollSentiment(clientContext(clientOf(org)), { intervalMs: interval, signal: controller.signal, ...options });
    return { done, stop: () => controller.abort() };
  }

  it('reports a conversation when first seen and whenever its label changes', async () => {
    const org = seeded();
    const id = org.seedData!.liveConversationIds[0]!;
    const changes: [number, number | undefined][] = [];
    const { stop } = start(org, {
      conversationIds: () => [id],
      onChange: (reading: SentimentReading, previous) => changes.push([reading.label, previous]),
    });
    await elapse(0);
    await elapse(interval);
    setLabel(org, id, SentimentLabel.Positive);
    await elapse(interval);
    const first = org.store.get('msdyn_liveconversation', id)!;
    expect(changes[0]![1]).toBeUndefined();
    expect(changes).toHaveLength(2);
    expect(changes[1]).toEqual([SentimentLabel.Positive, changes[0]![0]]);
    expect(first.msdyn_customersentimentlabel).toBe(SentimentLabel.Positive);
    stop();
  });

  it('asks for the ids to watch before each poll, and sends nothing while there are none', async () => {
    const org = seeded();
    let watched: string[] = [];
    const { stop } = start(org, { conversationIds: () => watched, onReadings: () => {} });
    await elapse(2 * interval);
    expect(org.requests).toHaveLength(0);
    watched = org.seedData!.liveConversationIds.slice(0, 2);
    await elapse(interval);
    expect(org.requests).toHaveLength(1);
    expect(decodeURIComponent(org.requests[0]!.url)).toContain(`PropertyValues=['${watched[0]}','${watched[1]}']`);
    stop();
  });

  it('reads every ongoing conversation in one request when not told which', async () => {
    const org = seeded();
    let readings: readonly SentimentReading[] = [];
    const { stop } = start(org, { onReadings: (r) => (readings = r) });
    await elapse(0);
    expect(readings.map((r) => r.conversationId).sort()).toEqual([...org.seedData!.liveConversationIds].sort());
    expect(org.requests).toHaveLength(1);
    stop();
  });

  it('uses the timers it is given', async () => {
    vi.useRealTimers();
    const org = seeded();
    const scheduled: number[] = [];
    const timers = { setTimeout: (_: () => void, ms: number) => scheduled.push(ms), clearTimeout: () => {} };
    const { stop, done } = start(org, { timers, onReadings: () => {} });
    await vi.waitFor(() => expect(scheduled).toEqual([interval]));
    stop();
    await done;
  });
});

describe('pollSentiment correlation ids', () => {
  it('gives each poll its own correlation id unless the caller gave one', async () => {
    const org = seeded();
    const controller = new AbortController();
    const done = pollSentiment(clientContext(clientOf(org)), { intervalMs: 1000, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(2500);
    controller.abort();
    await done;
    const ids = org.requests.filter((request) => request.url.includes('msdyn_liveconversations')).map((request) => request.correlationId);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
