import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { cancelTask, generateImage, submitImage, waitForTask } from '../index.js';
import { checkManifest } from '../provider.js';
import { createFakeProvider, createSimulatedClock } from '@imagegate/testing';

const cancels = (provider: ReturnType<typeof createFakeProvider>) =>
  provider.vendor.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/cancel'));
const polls = (provider: ReturnType<typeof createFakeProvider>) =>
  provider.vendor.requests.filter((r) => r.method === 'GET' && r.url.includes('/v1/tasks/'));

/** Abort a real-time wait once the vendor has been polled twice. */
function abortAfterTwoPolls(provider: ReturnType<typeof createFakeProvider>): AbortSignal {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (polls(provider).length >= 2) {
      clearInterval(timer);
      controller.abort();
    }
  }, 5);
  return controller.signal;
}

describe('cancelTask', () => {
  it('asks the vendor to stop the task; a later wait sees it canceled', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 50 });
    const { tasks } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
    await cancelTask({ provider, task: JSON.parse(JSON.stringify(tasks[0])) });
    expect(cancels(provider).map((r) => new URL(r.url).pathname)).toEqual([`/v1/tasks/${tasks[0]!.taskId}/cancel`]);
    const clock = createSimulatedClock();
    const error = await failure(waitForTask({ provider, task: tasks[0]!, sleep: clock.sleep, now: clock.now }));
    expect(error).toMatchObject({ code: 'TASK_FAILED', vendorCode: 'canceled', task: { taskId: tasks[0]!.taskId } });
  });

  it('is UNSUPPORTED, before any request, for a model that declares no cancel', async () => {
    const provider = createFakeProvider({ mode: 'async' });
    const task = { version: 1 as const, provider: 'fake', taskId: 'task_9', model: 'fake-sync', createdAt: 0 };
    const error = await failure(cancelTask({ provider, task }));
    expect(error).toMatchObject({ code: 'UNSUPPORTED', field: 'task', task });
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it('a manifest that declares cancel needs cancelTask and an async model', () => {
    const provider = createFakeProvider();
    const { cancelTask: _cancel, ...withoutCancel } = provider;
    expect(checkManifest(withoutCancel)).toEqual(['fake-async: declares cancel but the provider has no cancelTask']);
    const syncWithCancel = { ...provider, models: provider.models.map((m) => ({ ...m, cancel: true })) };
    expect(checkManifest(syncWithCancel)).toEqual([
      'fake-sync: declares cancel but is not async (there is no task to cancel)',
    ]);
  });
});

describe('cancel on abort', () => {
  it('generateImage: the caller aborts while waiting, and the task is canceled at the vendor', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1000 });
    const signal = abortAfterTwoPolls(provider);
    const error = await failure(
      generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        signal,
        poll: { initialDelayMs: 0, intervalMs: 250 },
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(error.task).toMatchObject({ provider: 'fake' });
    expect(error.message).toMatch(/Task task_1 was canceled at Fake\./);
    expect(cancels(provider)).toHaveLength(1);
  });

  it('waitForTask: the same, and with cancelOnAbort false the task is left running', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1000 });
    const { tasks } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
    const kept = await failure(
      waitForTask({
        provider,
        task: tasks[0]!,
        signal: abortAfterTwoPolls(provider),
        cancelOnAbort: false,
        poll: { intervalMs: 250 },
      }),
    );
    expect(kept.code).toBe('ABORTED');
    expect(cancels(provider)).toHaveLength(0);
    const canceled = await failure(
      waitForTask({ provider, task: tasks[0]!, signal: AbortSignal.timeout(600), poll: { intervalMs: 250 } }),
    );
    // AbortSignal.timeout is the caller's own signal here: an abort, not the deadline.
    expect(canceled.code).toBe('ABORTED');
    expect(cancels(provider)).toHaveLength(1);
  });

  it('at the deadline (TIMEOUT) the task is not canceled: it stays resumable', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1000 });
    const error = await failure(
      generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        timeoutMs: 700,
        poll: { initialDelayMs: 0, intervalMs: 250 },
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(cancels(provider)).toHaveLength(0);
  });

  it('says so when the vendor refuses the cancel, keeping the task on the error', async () => {
    const vendor = createFakeProvider({ mode: 'async', pollsUntilDone: 1000 }).vendor;
    const refusing = createFakeProvider({
      transport: async (request) =>
        request.url.endsWith('/cancel')
          ? { status: 409, headers: {}, body: new TextEncoder().encode('{"error":{"message":"too late to cancel"}}') }
          : vendor.transport(request),
    });
    const { tasks } = await submitImage({ provider: refusing, model: 'fake-async', prompt: 'a cat' });
    const error = await failure(
      waitForTask({ provider: refusing, task: tasks[0]!, signal: AbortSignal.timeout(400), poll: { intervalMs: 250 } }),
    );
    expect(error.code).toBe('ABORTED');
    expect(error.task).toMatchObject({ taskId: tasks[0]!.taskId });
    expect(error.message).toMatch(/Canceling task task_1 at Fake failed \(.*too late to cancel.*\); it may still run/);
  });
});
