import { generateImage, getTaskStatus, waitForTask, type ProgressEvent } from '@imagegate/core';
import { nextCheckDelay } from '@imagegate/core/provider';
import { createFetchTransport } from '@imagegate/core/provider';
import { createSimulatedClock, recordingTransport } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { TOAPIS_MODELS } from '../src/index.js';
import { failure, provider, useNock } from './helpers.js';
import {
  BASE,
  CDN,
  GENERATIONS,
  PNG_32,
  pollPath,
  scriptTaskLifecycle,
  taskCompleted,
  taskCreated,
  taskState,
  toApisError,
} from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const poll = pollPath;

describe('polling on a simulated clock (core engine, manifest hints)', () => {
  it(
    'follows ToAPIs’ cadence: first poll after 5 s, every 5 s within the typical 30 s, then ' +
      'growing by 1.25 up to 10 s, and stops at the deadline with TIMEOUT carrying the task',
    async () => {
      const clock = createSimulatedClock();
      const start = clock.now();
      const pollTimes: number[] = [];
      nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_slow'));
      nock(BASE)
        .get(poll('task_slow'))
        .reply(() => (pollTimes.push(clock.now() - start), [200, taskState('task_slow', 'in_progress', 40)]))
        .persist();

      // Jitter off, so the schedule is exact.
      const error = await failure(
        generateImage({
          provider: provider(),
          model: MODEL,
          prompt: 'a slow cat',
          timeoutMs: 90_000,
          poll: { jitterMs: 0 },
          sleep: clock.sleep,
          now: clock.now,
        }),
      );

      // 5 s, then 5 s flat until the task passes its typical 30 s, then ×1.25 up to 10 s.
      // The poll at 30 s is the first past the typical window; the interval grows from the wait after the next.
      expect(clock.sleeps).toEqual([5000, ...Array(6).fill(5000), 6250, 7813, 9766, 10_000, 10_000, 10_000, 1171]);
      expect(pollTimes.slice(0, 7)).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000]);
      expect(Math.min(...clock.sleeps.slice(0, -1))).toBe(5000);
      expect(Math.max(...clock.sleeps)).toBe(10_000);
      // The poll at 88.8 s was the last: the deadline is closer than
      // ToAPIs' 5 s floor, so the wait ends there with no poll after it.
      expect(pollTimes.at(-1)).toBe(88_829);
      expect(clock.now() - start).toBe(90_000);
      expect(pollTimes.length).toBe(13);
      expect(error.code).toBe('TIMEOUT');
      expect(error.task).toMatchObject({ version: 1, provider: 'toapis', taskId: 'task_slow', model: MODEL });
      expect(JSON.parse(JSON.stringify(error.toJSON())).task.taskId).toBe('task_slow');
    },
  );

  it(
    'adds up to 1 s of random jitter to every wait (the ' + 'vendor asks for jitter), never polling sooner than 5 s',
    async () => {
      const clock = createSimulatedClock();
      nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_jitter'));
      nock(BASE)
        .get(poll('task_jitter'))
        .reply(200, taskState('task_jitter', 'in_progress', 40))
        .persist();

      await failure(
        generateImage({
          provider: provider(),
          model: MODEL,
          prompt: 'a jittery cat',
          timeoutMs: 30_000,
          sleep: clock.sleep,
          now: clock.now,
        }),
      );

      const waits = clock.sleeps.slice(0, -1); // the last one is cut to the deadline
      expect(waits.length).toBeGreaterThanOrEqual(4);
      for (const wait of waits) {
        expect(wait).toBeGreaterThanOrEqual(5000);
        expect(wait).toBeLessThanOrEqual(6000);
      }
      nock.cleanAll();
    },
  );

  /** A task that finishes `finishAt` ms after its submit, reporting linear progress; returns the poll times. */
  function linearTask(id: string, clock: ReturnType<typeof createSimulatedClock>, finishAt: number): number[] {
    const start = clock.now();
    const pollTimes: number[] = [];
    nock(BASE).post(GENERATIONS).reply(200, taskCreated(id));
    nock(BASE)
      .get(poll(id))
      .reply(() => {
        const t = clock.now() - start;
        pollTimes.push(t);
        return [
          200,
          t >= finishAt ? taskCompleted(id) : taskState(id, 'in_progress', Math.floor((t / finishAt) * 100)),
        ];
      })
      .persist();
    nock(CDN).get(`/generated/${id}.png`).reply(200, Buffer.from(PNG_32));
    return pollTimes;
  }

  it(
    'a 12 s task with progress: polled at 5, 10 and 15 s, never ' +
      'sooner than 5 s apart, though progress says it is nearly done',
    async () => {
      const clock = createSimulatedClock();
      const pollTimes = linearTask('task_12s', clock, 12_000);
      const { images } = await generateImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        poll: { jitterMs: 0 },
        sleep: clock.sleep,
        now: clock.now,
      });
      expect(images).toHaveLength(1);
      // At 10 s progress (83 %) predicts the end in about 2 s; the vendor's 5 s floor holds the next poll to 15 s.
      expect(pollTimes).toEqual([5000, 10_000, 15_000]);
      nock.cleanAll();
    },
  );

  it(
    'with the vendor’s jitter, every poll of a task with progress is still ' +
      'at least 5 s after the last (and at most 6 s within the typical window)',
    async () => {
      for (const finishAt of [6000, 12_000, 23_000]) {
        const clock = createSimulatedClock();
        const pollTimes = linearTask(`task_j${finishAt}`, clock, finishAt);
        await generateImage({
          provider: provider(),
          model: MODEL,
          prompt: 'a cat',
          sleep: clock.sleep,
          now: clock.now,
        });
        const gaps = pollTimes.map((t, i) => t - (i === 0 ? 0 : pollTimes[i - 1]!));
        expect(gaps[0]).toBeGreaterThanOrEqual(5000);
        for (const gap of gaps) {
          expect(gap, `${finishAt}: ${pollTimes.join(', ')}`).toBeGreaterThanOrEqual(5000);
          expect(gap).toBeLessThanOrEqual(6000);
        }
        expect(pollTimes.at(-1)).toBeGreaterThanOrEqual(finishAt);
        nock.cleanAll();
      }
    },
  );

  it(
    'reports progress, and with linear progress detects ' + 'a 20 s task at the first poll after it (5 s apart)',
    async () => {
      const clock = createSimulatedClock();
      const finishAt = 20_000;
      const pollTimes = linearTask('task_lin', clock, finishAt);
      const events: ProgressEvent[] = [];

      const { images } = await generateImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        poll: { jitterMs: 0 },
        sleep: clock.sleep,
        now: clock.now,
        onProgress: (e) => events.push(e),
      });

      expect(images[0]!.mimeType).toBe('image/png');
      expect(pollTimes).toEqual([5000, 10_000, 15_000, 20_000]);
      expect(events[0]).toMatchObject({ state: 'submitted', attempt: 0, taskId: 'task_lin' });
      expect(events.filter((e) => e.state === 'running').map((e) => e.progress)).toEqual(
        pollTimes.slice(0, -1).map((t) => Math.floor((t / finishAt) * 100)),
      );
      expect(events.at(-1)).toMatchObject({ state: 'succeeded', progress: 100 });
      nock.cleanAll(); // the persisted poll
    },
  );

  it(
    "a task given by its id alone (no model, as n8n's Task field " +
      "allows) keeps ToAPIs' cadence: no check sooner than 5 s",
    async () => {
      nock(BASE)
        .get(poll('task_id_only'))
        .reply(200, taskState('task_id_only', 'in_progress', 95));
      const check = await getTaskStatus({
        provider: provider(),
        task: { version: 1, provider: 'toapis', taskId: 'task_id_only', model: '', createdAt: Date.now() - 10_000 },
      });
      expect(check.nextCheckMs).toBeGreaterThanOrEqual(5000);
    },
  );

  it(
    'getTaskStatus says when to check again (nextCheckMs, as n8n’s Check Once ' +
      'uses it): never under 5 s, even when progress says the task is nearly done',
    async () => {
      const clock = createSimulatedClock();
      const createdAt = clock.now();
      clock.advance(10_000);
      nock(BASE)
        .get(poll('task_check'))
        .reply(200, taskState('task_check', 'in_progress', 90))
        .get(poll('task_young'))
        .reply(200, taskState('task_young', 'queued'));
      const handle = (taskId: string, at = createdAt) => ({
        version: 1 as const,
        provider: 'toapis',
        taskId,
        model: MODEL,
        createdAt: at,
      });
      const check = await getTaskStatus({
        provider: provider(),
        task: handle('task_check'),
        now: clock.now,
        sleep: clock.sleep,
      });
      // 90 % after 10 s predicts the end in about 1.2 s: the floor makes it 5 s, plus up to 1 s of jitter.
      expect(check.nextCheckMs).toBeGreaterThanOrEqual(5000);
      expect(check.nextCheckMs).toBeLessThanOrEqual(6000);
      // Just submitted: the first check waits for the earliest typical finish (5 s).
      const young = await getTaskStatus({
        provider: provider(),
        task: handle('task_young', clock.now()),
        now: clock.now,
        sleep: clock.sleep,
      });
      expect(young.nextCheckMs).toBeGreaterThanOrEqual(5000);
      expect(young.nextCheckMs).toBeLessThanOrEqual(6000);
      // The same rule without jitter, from the manifest: exactly
      // 5 s; a task two minutes old is checked at the 10 s cap.
      const hints = TOAPIS_MODELS[0]!.polling;
      expect(nextCheckDelay(hints, { createdAt, now: createdAt + 10_000, progress: 90 }, () => 0)).toBe(5000);
      expect(nextCheckDelay(hints, { createdAt, now: createdAt + 120_000 }, () => 0)).toBe(10_000);
      expect(nextCheckDelay(hints, { createdAt, now: createdAt + 120_000 }, () => 0.999)).toBe(10_999);
    },
  );

  it('queued → in_progress with progress ×2 → completed, every state reported', async () => {
    const clock = createSimulatedClock();
    scriptTaskLifecycle('task_k');
    const events: ProgressEvent[] = [];
    await generateImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      sleep: clock.sleep,
      now: clock.now,
      onProgress: (e) => events.push(e),
    });
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
    const error = await failure(
      generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', sleep: clock.sleep, now: clock.now }),
    );
    expect(error).toMatchObject({ code: 'TASK_FAILED', taskId: 'task_lost', status: 404, retryable: false });
    expect(error.message).toMatch(/not found or has expired/);
  });

  it('waitForTask resumes a timed-out task from its JSON', async () => {
    const clock = createSimulatedClock();
    nock(BASE).get(poll('task_resume')).reply(200, taskCompleted('task_resume'));
    nock(CDN).get('/generated/task_resume.png').reply(200, Buffer.from(PNG_32));
    const stored = JSON.stringify({
      version: 1,
      provider: 'toapis',
      taskId: 'task_resume',
      model: MODEL,
      createdAt: clock.now(),
    });
    const { images } = await waitForTask({
      provider: provider(),
      task: JSON.parse(stored),
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(images).toHaveLength(1);
  });
});

describe('abort with real time', () => {
  it('stops polling at once: rejects within a small bound, no request after the abort', async () => {
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_abort'));
    nock(BASE)
      .get(poll('task_abort'))
      .reply(200, taskState('task_abort', 'in_progress', 10))
      .persist();
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
        poll: { initialDelayMs: 20, intervalMs: 250, factor: 1, jitterMs: 0 },
      }),
    );
    const rejectedAfter = Date.now() - abortedAt;
    expect(error.code).toBe('ABORTED');
    expect(error.task).toMatchObject({ taskId: 'task_abort' });
    expect(rejectedAfter).toBeLessThan(100);
    // The caller's own timings replace ToAPIs' floor: it was polling every 250 ms when the abort came.
    expect(requestsAtAbort).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(recorder.requests.length).toBe(requestsAtAbort);
    // A poll in flight at the abort was cancelled through its signal.
    expect(recorder.requests.filter((r) => r.outcome !== 'response').every((r) => r.request.signal?.aborted)).toBe(
      true,
    );
    nock.cleanAll();
  });

  it('an abort during the first 5 s wait rejects at once without any poll', async () => {
    let polls = 0;
    nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_early'));
    const interceptor = nock(BASE)
      .get(poll('task_early'))
      .reply(() => (polls++, [200, taskState('task_early', 'queued')]));
    const started = Date.now();
    const error = await failure(
      generateImage({ provider: provider(), model: MODEL, prompt: 'a cat', signal: AbortSignal.timeout(100) }),
    );
    expect(error.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(600);
    expect(polls).toBe(0);
    expect(interceptor.isDone()).toBe(false);
    nock.cleanAll();
  });
});
