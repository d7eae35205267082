import { describe, expect, it } from 'vitest';
import { nextCheckDelay, PollSchedule, type CheckMoment } from './poll-schedule.js';

describe('PollSchedule', () => {
  it('starts at the hint and grows geometrically to the cap', () => {
    const s = new PollSchedule({ initialDelayMs: 2000, intervalMs: 3000, maxIntervalMs: 6000 }, { factor: 1.5 });
    expect(s.initialDelay()).toBe(2000);
    expect([0, 1, 2, 3].map(() => s.nextDelay(0))).toEqual([3000, 4500, 6000, 6000]);
  });

  it('lets options override the hints', () => {
    const s = new PollSchedule(
      { initialDelayMs: 2000, intervalMs: 3000 },
      { initialDelayMs: 10, intervalMs: 700, factor: 1 },
    );
    expect(s.initialDelay()).toBe(10);
    expect(s.nextDelay(0)).toBe(700);
  });

  it('never schedules polls closer than 250 ms, whoever asks for less', () => {
    const s = new PollSchedule({ initialDelayMs: 0, intervalMs: 1 }, { intervalMs: 0, maxIntervalMs: 0, factor: 1 });
    expect(s.initialDelay()).toBe(0);
    expect([s.nextDelay(0), s.nextDelay(1), s.nextDelay(2, undefined, 0), s.nextDelay(3, 99.9)]).toEqual([
      250, 250, 250, 250,
    ]);
  });

  it('honours a server retry hint', () => {
    const s = new PollSchedule({ initialDelayMs: 1000, intervalMs: 3000 });
    expect(s.nextDelay(0, undefined, 7000)).toBe(7000);
  });

  it('backs off after failed polls, honouring a longer Retry-After up to 60 s', () => {
    const s = new PollSchedule({ initialDelayMs: 1000, intervalMs: 2000 }, { factor: 1 });
    expect([s.afterFailure(), s.afterFailure(), s.afterFailure(5000), s.afterFailure()]).toEqual([
      2000, 4000, 8000, 16000,
    ]);
    expect(s.afterFailure(3_600_000)).toBe(60_000);
    s.nextDelay(0); // a poll that worked resets the backoff
    expect(s.afterFailure(10)).toBe(2000);
  });

  it('polls just after the completion that progress predicts, never later than the schedule', () => {
    const s = new PollSchedule({ initialDelayMs: 2000, intervalMs: 3000, maxIntervalMs: 9000 }, { factor: 1 });
    expect(s.nextDelay(2000, 20)).toBe(3000); // first progress sample: no rate yet
    // 20 % → 40 % in 2 s: 60 % left ≈ 6 s (+10 %), capped by the 3 s schedule
    expect(s.nextDelay(4000, 40)).toBe(3000);
    // 20 % → 95 % in 6 s: 5 % left ≈ 0.4 s (+10 %)
    expect(s.nextDelay(8000, 95)).toBe(Math.round((5 / 75) * 6000 * 1.1));
  });

  it('keeps the interval flat within the typical duration, then grows', () => {
    const s = new PollSchedule(
      { initialDelayMs: 2000, intervalMs: 3000, maxIntervalMs: 6000, typicalDurationMs: { min: 5000, max: 30_000 } },
      { factor: 2 },
      0,
    );
    expect([5000, 8000, 29_000].map((t) => s.nextDelay(t))).toEqual([3000, 3000, 3000]);
    expect([30_000, 33_000, 39_000].map((t) => s.nextDelay(t))).toEqual([3000, 6000, 6000]);
  });
});

describe('nextCheckDelay: when to check again, from one check alone', () => {
  const hints = {
    initialDelayMs: 2000,
    intervalMs: 3000,
    maxIntervalMs: 60_000,
    typicalDurationMs: { min: 10_000, max: 30_000 },
  };
  const at = (elapsedMs: number, extra: Partial<CheckMoment> = {}): CheckMoment => ({
    createdAt: 1_000_000,
    now: 1_000_000 + elapsedMs,
    ...extra,
  });

  it(
    "waits for the earliest typical finish, then backs off with the task's age, " + 'between the interval and the cap',
    () => {
      expect(nextCheckDelay(hints, at(2000))).toBe(8000);
      expect(nextCheckDelay(hints, at(12_000))).toBe(3000);
      expect(nextCheckDelay(hints, at(40_000))).toBe(10_000);
      expect(nextCheckDelay(hints, at(180_000))).toBe(45_000);
      expect(nextCheckDelay(hints, at(3_600_000))).toBe(60_000);
    },
  );

  it('with progress, checks just after the extrapolated finish (never later than the age-based schedule)', () => {
    // 40 % after 20 s: about 33 s left, but the age-based schedule looks sooner (5 s); 95 % after 2 min: 7 s left.
    expect(nextCheckDelay(hints, at(20_000, { progress: 40 }))).toBe(5000);
    expect(nextCheckDelay(hints, at(120_000, { progress: 50 }))).toBe(30_000);
    expect(nextCheckDelay(hints, at(120_000, { progress: 95 }))).toBe(6947);
  });

  it("follows the vendor's hint, and never goes under 250 ms whatever it is told", () => {
    expect(nextCheckDelay(hints, at(5000, { retryAfterMs: 12_000, progress: 90 }))).toBe(12_000);
    expect(nextCheckDelay(hints, at(5000, { retryAfterMs: 0 }))).toBe(250);
    expect(nextCheckDelay({ initialDelayMs: 0, intervalMs: 0 }, at(0, { progress: 99.9 }))).toBe(250);
    expect(nextCheckDelay(undefined, at(0))).toBe(2000);
  });
});

describe('a vendor floor between polls and random jitter (minIntervalMs, jitterMs)', () => {
  // ToAPIs' current guidance: wait about 5 s, then poll every 5–10 s with random jitter.
  const hints = {
    initialDelayMs: 5000,
    intervalMs: 5000,
    minIntervalMs: 5000,
    maxIntervalMs: 10_000,
    jitterMs: 1000,
    typicalDurationMs: { min: 5000, max: 30_000 },
  };

  it('adds up to jitterMs to every scheduled wait, in whole ms, and never polls sooner than the floor', () => {
    const low = new PollSchedule(hints, {}, 0, () => 0);
    const high = new PollSchedule(hints, {}, 0, () => 0.999);
    expect(low.initialDelay()).toBe(5000);
    expect(high.initialDelay()).toBe(5999);
    // A progress estimate of 1 s left still waits the vendor's 5 s.
    low.nextDelay(1000, 10);
    expect(low.nextDelay(2000, 90)).toBe(5000);
    expect(high.nextDelay(2000)).toBe(5999);
    // A retry hint under the floor waits the floor; one over it is honoured as given.
    expect(low.nextDelay(3000, undefined, 1000)).toBe(5000);
    expect(low.nextDelay(3000, undefined, 7000)).toBe(7000);
  });

  it('grows toward the cap after the typical duration, jitter on top', () => {
    const s = new PollSchedule(hints, {}, 0, () => 0.5);
    const delays = [31_000, 37_000, 44_000, 53_000, 64_000].map((t) => s.nextDelay(t));
    expect(delays).toEqual([5500, 6750, 8313, 10_266, 10_500]);
  });

  it('a caller can turn the jitter off (poll.jitterMs: 0)', () => {
    expect(new PollSchedule(hints, { jitterMs: 0 }, 0, () => 0.9).initialDelay()).toBe(5000);
  });

  it('nextCheckDelay keeps the same floor and jitter', () => {
    const at = (elapsedMs: number, extra: Partial<CheckMoment> = {}): CheckMoment => ({
      createdAt: 0,
      now: elapsedMs,
      ...extra,
    });
    expect(nextCheckDelay(hints, at(20_000, { progress: 95 }), () => 0)).toBe(5000);
    expect(nextCheckDelay(hints, at(20_000), () => 0.5)).toBe(5500);
    expect(nextCheckDelay(hints, at(20_000, { retryAfterMs: 2000 }), () => 0.5)).toBe(5000);
  });
});

describe("a caller's own poll timings", () => {
  it("replace the vendor's floor and jitter, never the 250 ms floor", () => {
    const hints = { initialDelayMs: 5000, intervalMs: 5000, minIntervalMs: 5000, jitterMs: 1000 };
    const s = new PollSchedule(hints, { initialDelayMs: 100, intervalMs: 100 }, 0, () => 0.9);
    expect(s.initialDelay()).toBe(100);
    expect(s.nextDelay(100)).toBe(250);
    expect(new PollSchedule(hints, { intervalMs: 2000, jitterMs: 500 }, 0, () => 0.5).nextDelay(100)).toBe(2250);
  });
});
