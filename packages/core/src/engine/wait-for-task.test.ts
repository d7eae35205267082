import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { getTaskStatus, submitImage, waitForTask } from '../index.js';
import { createFakeProvider, createFakeVendor, createSimulatedClock } from '@imagegate/testing';

describe('submitImage, getTaskStatus and waitForTask', () => {
  it('submits without waiting, polls once, then waits for completion', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 2 });
    const clock = createSimulatedClock();
    const submitted = await submitImage({ provider, model: 'fake-async', prompt: 'a cat', n: 2 });
    expect(submitted.tasks).toHaveLength(2);
    expect(submitted.images).toEqual([]);
    // Checked 40 s after the submit: still running, so it says when to look again (the model's 8 s cap, by the
    // task's age).
    const status = await getTaskStatus({
      provider,
      task: submitted.tasks[0]!,
      now: () => submitted.tasks[0]!.createdAt + 40_000,
    });
    expect(status).toEqual({ state: 'running', progress: 33, nextCheckMs: 8000 });
    const done = await waitForTask({ provider, task: submitted.tasks[0]!, sleep: clock.sleep, now: clock.now });
    expect(done.images[0]!.mimeType).toBe('image/png');
  });

  it('collects a finished task from the status a check just saw, without polling it again', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 0 });
    const submitted = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
    const task = submitted.tasks[0]!;
    const status = await getTaskStatus({ provider, task });
    expect(status.state).toBe('succeeded');
    const polls = () =>
      provider.vendor.requests.filter((r) => r.method === 'GET' && r.url.includes('/v1/tasks/')).length;
    expect(polls()).toBe(1);
    const done = await waitForTask({ provider, task, status });
    expect(done.images[0]!.mimeType).toBe('image/png');
    expect(polls()).toBe(1); // the result was downloaded, the task not polled again
    // A status still under way is polled as usual.
    const running = await waitForTask({
      provider,
      task,
      status: { state: 'running', progress: 50 },
      poll: { initialDelayMs: 0, intervalMs: 250 },
    });
    expect(running.images).toHaveLength(1);
    expect(polls()).toBe(2);
  });

  it('refuses a status that is not one, naming the field, before any request', async () => {
    const provider = createFakeProvider({ mode: 'async' });
    const task = { version: 1 as const, provider: provider.id, taskId: 't', model: 'fake-async', createdAt: 0 };
    for (const status of ['succeeded', { state: 'done' }, { state: 'succeeded' }, null]) {
      const error = await failure(waitForTask({ provider, task, status: status as never }));
      expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(error.field).toMatch(/^status/);
      expect(error.message).toMatch(/"status" must be a task status/);
    }
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it('returns images straight away for synchronous models', async () => {
    const submitted = await submitImage({ provider: createFakeProvider(), model: 'fake-sync', prompt: 'a cat' });
    expect(submitted.tasks).toEqual([]);
    expect(submitted.images).toHaveLength(1);
  });

  it('refuses a handle of another provider or a malformed one before any request', async () => {
    const provider = createFakeProvider({ mode: 'async' });
    const foreign = { version: 1 as const, provider: 'toapis', taskId: 't', model: 'm', createdAt: 0 };
    expect((await failure(waitForTask({ provider, task: foreign }))).message).toMatch(/belongs to provider "toapis"/);
    expect((await failure(getTaskStatus({ provider, task: { taskId: 'x' } as never }))).field).toBe('task.version');
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it.each([500, 750, 1250])(
    'waits whole milliseconds that never add up past the deadline (every %i ms, a clock with fractions)',
    async (intervalMs) => {
      // A clock near 1.7e12 that also moves by fractions of a ms (each answer takes 0.37 ms).
      const clock = createSimulatedClock(1_700_000_000_000.3);
      const vendor = createFakeVendor({ mode: 'async', pollsUntilDone: Number.MAX_SAFE_INTEGER });
      const provider = createFakeProvider({
        mode: 'async',
        transport: async (request) => {
          clock.advance(0.37);
          return vendor.transport(request);
        },
      });
      const submitted = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
      const error = await failure(
        waitForTask({
          provider,
          task: submitted.tasks[0]!,
          timeoutMs: 120_000,
          poll: { initialDelayMs: 0, intervalMs, factor: 1.25, jitterMs: 0 },
          sleep: clock.sleep,
          now: clock.now,
        }),
      );
      expect(error).toMatchObject({ code: 'TIMEOUT', task: submitted.tasks[0] });
      expect(clock.sleeps.filter((ms) => !Number.isInteger(ms))).toEqual([]);
      expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
      expect(clock.sleeps.length).toBeGreaterThan(10);
    },
  );
});
