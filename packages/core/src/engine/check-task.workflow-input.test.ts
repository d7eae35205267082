/**
 * A handle or a status handed back from workflow data (often from
 * `{{ $json }}`, possibly from an untrusted webhook) is input: every field is
 * checked before anything is sent, and every delay the engine computes from
 * it stays finite and within its documented bounds.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { cancelTask, getTaskStatus, waitForTask, type TaskHandle } from '../index.js';
import { nextCheckDelay } from '../provider.js';
import { MAX_HINT_MS, MIN_POLL_DELAY_MS, PollSchedule } from './poll-schedule.js';
import { hostileProvider } from '../../test-support/hostile-server.js';
import { clocked, json, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const good: TaskHandle = { version: 1, provider: 'hostile', taskId: 't-1', model: 'h-async', createdAt: Date.now() };

describe('a handle from workflow data is checked field by field', () => {
  it.each([
    ['createdAt', { createdAt: Number.NaN }],
    ['createdAt', { createdAt: Number.POSITIVE_INFINITY }],
    ['createdAt', { createdAt: 1e300 }],
    ['createdAt', { createdAt: '2026-12-07' }],
    ['version', { version: 2 }],
    ['provider', { provider: '' }],
    ['taskId', { taskId: '' }],
    ['model', { model: 42 }],
  ])('refuses task.%s = %o before any request, on every entry', async (field, change) => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { status: 'running' }));
    const task = { ...good, ...change } as unknown as TaskHandle;
    const provider = hostileProvider(vendor.url);
    for (const call of [
      () => getTaskStatus({ provider, task }),
      () => waitForTask({ provider, task }),
      () => cancelTask({ provider, task }),
    ]) {
      const error = await failure(call());
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: `task.${field}`, retryable: false });
      expect(error.message).toMatch(new RegExp(`"task.${field}"`));
    }
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('a status from workflow data is checked field by field', () => {
  it.each([
    ['status.state', { state: 'done' }],
    ['status.progress', { state: 'running', progress: Number.NaN }],
    ['status.progress', { state: 'running', progress: '50' }],
    ['status.retryAfterMs', { state: 'running', retryAfterMs: -1 }],
    ['status.retryAfterMs', { state: 'queued', retryAfterMs: Number.POSITIVE_INFINITY }],
    ['status.taskId', { state: 'running', taskId: 7 }],
    ['status.images', { state: 'succeeded' }],
  ])('refuses %s in %o before any request', async (field, status) => {
    const { vendor } = servers;
    const error = await failure(
      waitForTask({ provider: hostileProvider(vendor.url), task: good, status: status as never }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
    expect(vendor.requests).toHaveLength(0);
  });

  it('clamps a progress of 1e308 from a vendor to 100, and one of -5 to 0', async () => {
    const { vendor } = servers;
    for (const [sent, shown] of [
      [1e308, 100],
      [-5, 0],
    ] as const) {
      vendor.handle((_req, res) => json(res, 200, { status: 'running', progress: sent }));
      const status = await getTaskStatus({ provider: hostileProvider(vendor.url), task: good });
      expect(status).toMatchObject({ state: 'running', progress: shown });
      expect(Number.isFinite(status.nextCheckMs)).toBe(true);
    }
  });
});

describe('every delay is finite and within its bounds', () => {
  it('caps a vendor hint of 10^12 ms at 60 s, in getTaskStatus and in the poll schedule', async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { status: 'running', retry_after_ms: 1e12 }));
    const status = await getTaskStatus({ provider: hostileProvider(vendor.url), task: good });
    expect(status.nextCheckMs).toBe(MAX_HINT_MS);
    expect(MAX_HINT_MS).toBe(60_000);
    const { clock, ...time } = clocked();
    const error = await failure(
      waitForTask({
        provider: hostileProvider(vendor.url),
        task: { ...good, createdAt: time.now() },
        timeoutMs: 200_000,
        ...time,
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(MAX_HINT_MS);
  });

  it('nextCheckDelay refuses a non-finite now or createdAt, naming it, and caps hints', () => {
    for (const [field, moment] of [
      ['now', { createdAt: 0, now: Number.NaN }],
      ['createdAt', { createdAt: Number.NaN, now: 0 }],
      ['now', { createdAt: 0, now: Number.POSITIVE_INFINITY }],
    ] as const) {
      let thrown: unknown;
      try {
        nextCheckDelay(undefined, moment);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'INVALID_REQUEST', field });
    }
    expect(nextCheckDelay(undefined, { createdAt: 0, now: 1000, retryAfterMs: 1e12 })).toBe(MAX_HINT_MS);
    expect(nextCheckDelay(undefined, { createdAt: 0, now: 1000, retryAfterMs: 0 })).toBe(MIN_POLL_DELAY_MS);
  });

  it('the poll schedule answers whole milliseconds for intervals of 500, 750 and 1,250 ms', () => {
    for (const intervalMs of [500, 750, 1250]) {
      const schedule = new PollSchedule({ initialDelayMs: 0, intervalMs }, { factor: 1.25 }, 0);
      let now = 0;
      for (let i = 0; i < 30; i++) {
        const delay = schedule.nextDelay(now, i % 3 === 0 ? (i * 3) % 100 : undefined);
        expect(Number.isInteger(delay), `${delay}`).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(MIN_POLL_DELAY_MS);
        now += delay;
      }
      expect(Number.isInteger(schedule.afterFailure(1234.5))).toBe(true);
    }
  });
});

describe('what review found: values that throw when read, and image entries', () => {
  const throwing = () => {
    const handle = { ...good };
    Object.defineProperty(handle, 'createdAt', {
      get: () => {
        throw new RangeError('trap');
      },
      enumerable: true,
    });
    return handle as TaskHandle;
  };
  const proxy = new Proxy(
    {},
    {
      get: () => {
        throw new TypeError('proxy boom');
      },
      has: () => {
        throw new TypeError('proxy boom');
      },
    },
  );

  it(
    'a handle, a status or a moment whose fields throw is INVALID_REQUEST, never the thrown error, ' +
      'and nothing is sent',
    async () => {
      const { vendor } = servers;
      const provider = hostileProvider(vendor.url);
      for (const call of [
        () => getTaskStatus({ provider, task: throwing() }),
        () => waitForTask({ provider, task: proxy as never }),
        () => waitForTask({ provider, task: good, status: proxy as never }),
        () => cancelTask({ provider, task: throwing() }),
        () => getTaskStatus(proxy as never),
      ]) {
        const error = await failure(call());
        expect(error.code).toBe('INVALID_REQUEST');
      }
      let thrown: unknown;
      try {
        nextCheckDelay(undefined, proxy as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(vendor.requests).toHaveLength(0);
    },
  );

  it('a succeeded status handed back names a bad image entry', async () => {
    const { vendor } = servers;
    for (const images of [[42], [null], [{ data: 'b64' }], [{ url: 5 }]]) {
      const error = await failure(
        waitForTask({
          provider: hostileProvider(vendor.url),
          task: good,
          status: { state: 'succeeded', images } as never,
        }),
      );
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'status.images.0' });
    }
    expect(vendor.requests).toHaveLength(0);
  });
});
