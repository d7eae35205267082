import { generateImage, waitForTask, type ProgressEvent } from '@imagegate/core';
import { createFetchTransport } from '@imagegate/core/provider';
import { createSimulatedClock, recordingTransport } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { failure, provider, useNock } from './helpers.js';
import { BASE, CDN, GENERATIONS, PNG_32, pollPath, scriptTaskLifecycle, taskCompleted, taskCreated, taskState, toApisError } from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const poll = pollPath;

describe('polling on a simulated clock (core engine, manifest hints)', () => {
  it('polls first after 2 s, every 3 s within the typical 30 s, then growing by 1.25 up to 6 s, and stops at the deadline with TIMEOUT carrying the task', async () => {
    const clock = createSimulatedClock();
    const start = clock.now();
    const pollTimes: number[] = [];
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_slow'));
    nock(BASE)
      .get(poll('task_slow'))
      .reply(() => (pollTimes.push(clock.now() - start), [200, taskState('task_slow', 'in_progress', 40)]))
      .persist();

    const error = await failure(generateImage({ provider: provider(), model: MODEL, prompt: 'a slow cat', timeoutMs: 60_000, sleep: clock.sleep, now: clock.now }));

    // 2 s, then 3 s flat until the task passes its typical 30 s, then ×1.25 up to 6 s.
    // The poll at 32 s is the first past the typical window; the wait after it starts to grow.
    expect(clock.sleeps).toEqual([2000, ...Array(11).fill(3000), 3750, 4688, 5859, 6000, 4703]);
    expect(pollTimes.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => 2000 + 3000 * i));
    expect(Math.max(...clock.sleeps)).toBe(6000);
    // The last wait is cut to the deadline, where one last poll runs before giving up.
    expect(pollTimes.at(-1)).toBe(60_000);
    expect(clock.now() - start).toBe(60_000);
    expect(pollTimes.length).toBe(17);
    expect(error.code).toBe('TIMEOUT');
    expect(error.task).toMatchObject({ version: 1, provider: 'toapis', taskId: 'task_slow', model: MODEL });
    expect(JSON.parse(JSON.stringify(error.toJSON())).task.taskId).toBe('task_slow');
  });

  it('reports progress, and with linear progress polls just after the expected finish', async () => {
    const clock = createSimulatedClock();
    const start = clock.now();
    const finishAt = 20_000;
    const pollTimes: number[] = [];
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_lin'));
    nock(BASE)
      .get(poll('task_lin'))
      .reply(() => {
        const t = clock.now() - start;
        pollTimes.push(t);
        return [200, t >= finishAt ? taskCompleted('task_lin') : taskState('task_lin', 'in_progress', Math.floor((t / finishAt) * 100))];
      })
      .persist();
    nock(CDN).get('/generated/task_lin.png').reply(200, Buffer.from(PNG_32));
    const events: ProgressEvent[] = [];

    const { images } = await generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', sleep: clock.sleep, now: clock.now, onProgress: (e) => events.push(e) });

    expect(images[0]!.mimeType).toBe('image/png');
    const detectedAt = pollTimes.at(-1)!;
    expect(detectedAt).toBeGreaterThanOrEqual(finishAt);
    expect(detectedAt - finishAt).toBeLessThan(3000); // a fixed 3 s loop would detect at 21 s
    expect(pollTimes.length).toBeLessThanOrEqual(7); // a fixed 3 s loop needs 7 polls
    expect(events[0]).toMatchObject({ state: 'submitted', attempt: 0, taskId: 'task_lin' });
    expect(events.filter((e) => e.state === 'running').map((e) => e.progress)).toEqual(pollTimes.slice(0, -1).map((t) => Math.floor((t / finishAt) * 100)));
    expect(events.at(-1)).toMatchObject({ state: 'succeeded', progress: 100 });
    nock.cleanAll(); // the persisted poll
  });

  it('queued → in_progress with progress ×2 → completed, every state reported', async () => {
    const clock = createSimulatedClock();
    scriptTaskLifecycle('task_k');
    const events: ProgressEvent[] = [];
    await generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', sleep: clock.sleep, now: clock.now, onProgress: (e) => events.push(e) });
    expect(events.map((e) => [e.state, e.progress, e.attempt])).toEqual([
      ['submitted', undefined, 0],
      ['queued', 0, 1],
      ['running', 30, 2],
      ['running', 65, 3],
      ['succeeded', 100, 4],
    ]);
  });

  it('a 404 mid-way is TASK_FAILED "not found or has expired", with the task', async () => {
    const clock = createSimulatedClock();
    nock(BASE)
      .post(GENERATIONS)
      .reply(200, taskCreated('task_lost'))
      .get(poll('task_lost'))
      .reply(200, taskState('task_lost', 'in_progress', 20))
      .get(poll('task_lost'))
      .reply(404, toApisError(404, 'Task not found', 'not_found_error'));
    const error = await failure(generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', sleep: clock.sleep, now: clock.now }));
    expect(error).toMatchObject({ code: 'TASK_FAILED', taskId: 'task_lost', status: 404, retryable: false });
    expect(error.message).toMatch(/not found or has expired/);
  });

  it('waitForTask resumes a timed-out task from its JSON', async () => {
    const clock = createSimulatedClock();
    nock(BASE).get(poll('task_resume')).reply(200, taskCompleted('task_resume'));
    nock(CDN).get('/generated/task_resume.png').reply(200, Buffer.from(PNG_32));
    const stored = JSON.stringify({ version: 1, provider: 'toapis', taskId: 'task_resume', model: MODEL, createdAt: clock.now() });
    const { images } = await waitForTask({ provider: provider(), task: JSON.parse(stored), sleep: clock.sleep, now: clock.now });
    expect(images).toHaveLength(1);
  });
});

describe('abort with real time', () => {
  it('stops polling at once: rejects within a small bound, no request after the abort', async () => {
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_abort'));
    nock(BASE).get(poll('task_abort')).reply(200, taskState('task_abort', 'in_progress', 10)).persist();
    const recorder = recordingTransport(createFetchTransport());
    const controller = new AbortController();
    let requestsAtAbort = -1;
    let abortedAt = 0;
    setTimeout(() => {
      requestsAtAbort = recorder.requests.length;
      abortedAt = Date.now();
      controller.abort();
    }, 700);

    const error = await failure(
      generateImage({
        provider: provider({ transport: recorder.transport }),
        model: MODEL,
        prompt: 'a cat',
        signal: controller.signal,
        poll: { initialDelayMs: 20, intervalMs: 250, factor: 1 },
      }),
    );
    const rejectedAfter = Date.now() - abortedAt;
    expect(error.code).toBe('ABORTED');
    expect(error.task).toMatchObject({ taskId: 'task_abort' });
    expect(rejectedAfter).toBeLessThan(100);
    expect(requestsAtAbort).toBeGreaterThan(3); // the submit and several polls
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(recorder.requests.length).toBe(requestsAtAbort);
    // A poll in flight at the abort was cancelled through its signal.
    expect(recorder.requests.filter((r) => r.outcome !== 'response').every((r) => r.request.signal?.aborted)).toBe(true);
    nock.cleanAll();
  });

  it('an abort during the first 2 s wait rejects at once without any poll', async () => {
    let polls = 0;
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_early'));
    const interceptor = nock(BASE)
      .get(poll('task_early'))
      .reply(() => (polls++, [200, taskState('task_early', 'queued')]));
    const started = Date.now();
    const error = await failure(generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', signal: AbortSignal.timeout(100) }));
    expect(error.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(600);
    expect(polls).toBe(0);
    expect(interceptor.isDone()).toBe(false);
    nock.cleanAll();
  });
});
