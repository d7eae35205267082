import type { SleepFunction } from '@imagegate/core';

/** A clock whose sleeps return at once and move time forward. */
export interface SimulatedClock {
  now: () => number;
  sleep: SleepFunction;
  /** Every sleep asked for, in ms, in order. */
  sleeps: number[];
  /** Move time forward without a sleep (a slow answer, say). */
  advance(ms: number): void;
}

/**
 * Simulated time for tests and benchmarks: `sleep(ms)` advances `now()` by
 * `ms` and resolves on the next microtask (still rejecting when the signal has
 * fired), so hours of polling run in milliseconds.
 */
export function createSimulatedClock(start = 1_700_000_000_000): SimulatedClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleeps,
    advance(ms) {
      time += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += Math.max(0, ms);
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
  };
}
