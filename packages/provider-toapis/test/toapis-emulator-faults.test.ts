import { generateImage, type RetryEvent } from '@imagegate/core';
import { createSimulatedClock, encodePng } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToApis } from '../src/index.js';
import { startToApisEmulator, TOAPIS_LIMITER_UNAVAILABLE_BODY, type ToApisEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

useNock();

const KEY = 'sk-toapis-faults-0c3d';
const poll = { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250, jitterMs: 0 };
/** Core and the emulator share a simulated clock, so ToAPIs' 5 s between polls pass at once. */
const clock = createSimulatedClock(Date.now());
let emu: ToApisEmulator;
beforeAll(async () => {
  emu = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 400, queueMs: 100, now: clock.now });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const generate = (prompt: string, extra: Record<string, unknown> = {}) =>
  generateImage({
    provider: createToApis({ baseUrl: emu.url, apiKey: KEY }),
    model: 'nano-banana',
    prompt,
    poll,
    sleep: clock.sleep,
    now: clock.now,
    ...extra,
  });

describe('ToAPIs emulator: fault markers in the prompt', () => {
  it(
    '[fault:429-once]: 429 with Retry-After 1 on the ' + 'first submit only; core waits and the retry succeeds',
    async () => {
      const retries: RetryEvent[] = [];
      const { images } = await generate('a cat [fault:429-once]', { onRetry: (e: RetryEvent) => retries.push(e) });
      expect(images).toHaveLength(1);
      expect(retries.map((r) => r.delayMs)).toEqual([1000]);
      const submits = emu.requests.filter((r) => r.method === 'POST');
      expect(submits.map((r) => [r.status, r.fault])).toEqual([
        [429, '429-once'],
        [200, undefined],
      ]);
    },
  );

  it.each([
    ['[fault:401]', 'AUTHENTICATION', 401, 'unauthorized'],
    ['[fault:402]', 'INSUFFICIENT_QUOTA', 402, 'insufficient_quota'],
    ['[fault:403]', 'PERMISSION', 403, 'forbidden'],
    ['[fault:500]', 'PROVIDER_ERROR', 500, 'internal_error'],
    ['[fault:content-policy]', 'CONTENT_POLICY', 422, 'content_policy_violation'],
  ] as const)('%s → %s (HTTP %i, %s)', async (marker, code, status, vendorCode) => {
    const error = await failure(generate(`a cat ${marker}`));
    expect(error).toMatchObject({ code, status, vendorCode, provider: 'toapis' });
    // The submit is billable: never resubmitted after a 5xx, and a 4xx is final.
    expect(emu.requests).toHaveLength(1);
  });

  it(
    '[fault:limiter-unavailable-once]: 503 rate_limit_unavailable on ' +
      'the first submit; core retries it like a 429 and one task is made',
    async () => {
      const retries: RetryEvent[] = [];
      const { images, tasks } = await generate('a cat [fault:limiter-unavailable-once]', {
        onRetry: (e: RetryEvent) => retries.push(e),
      });
      expect(images).toHaveLength(1);
      expect(tasks).toHaveLength(1);
      expect(retries).toHaveLength(1);
      expect(retries[0]).toMatchObject({ method: 'POST', reason: 'HTTP 503' });
      const submits = emu.requests.filter((r) => r.method === 'POST');
      expect(submits.map((r) => [r.status, r.fault])).toEqual([
        [503, 'limiter-unavailable-once'],
        [200, undefined],
      ]);
    },
  );

  it(
    '[fault:limiter-unavailable] every time: RATE_LIMITED once ' +
      'retries run out, retryable, not maybeBilled (no task was made)',
    async () => {
      const error = await failure(generate('a cat [fault:limiter-unavailable]', { maxRetries: 2 }));
      expect(error).toMatchObject({
        code: 'RATE_LIMITED',
        status: 503,
        vendorCode: 'rate_limit_unavailable',
        retryable: true,
      });
      expect(error.maybeBilled).toBeFalsy();
      expect(emu.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 503, 503]);
    },
  );

  it('[fault:503] (internal_error): PROVIDER_ERROR, maybeBilled, the submit not resubmitted', async () => {
    const error = await failure(generate('a cat [fault:503]'));
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      status: 503,
      vendorCode: 'internal_error',
      retryable: false,
      maybeBilled: true,
    });
    expect(emu.requests).toHaveLength(1);
  });

  it('[fault:task-fails]: the task runs, then reports failed (generation_failed) → TASK_FAILED', async () => {
    const error = await failure(generate('doomed [fault:task-fails]'));
    expect(error).toMatchObject({
      code: 'TASK_FAILED',
      vendorCode: 'generation_failed',
      taskId: expect.stringMatching(/^task_img_/),
    });
    expect(emu.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('[fault:task-content-policy]: a task failed with content_policy_violation → CONTENT_POLICY', async () => {
    const error = await failure(generate('refused [fault:task-content-policy]'));
    expect(error).toMatchObject({ code: 'CONTENT_POLICY', vendorCode: 'content_policy_violation' });
  });

  it(
    '[fault:task-never-finishes]: progress stalls below 100 and ' +
      'the caller’s deadline ends it with TIMEOUT and the task',
    async () => {
      const progress: number[] = [];
      const error = await failure(
        generate('forever [fault:task-never-finishes]', {
          timeoutMs: 1200,
          onProgress: (e: { progress?: number }) => e.progress !== undefined && progress.push(e.progress),
        }),
      );
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(error.task?.taskId).toMatch(/^task_img_/);
      expect(Math.max(...progress)).toBe(95);
    },
  );

  it('[fault:slow-<ms>] delays the submit; [fault:truncated] cuts its JSON → BAD_RESPONSE', async () => {
    const started = Date.now();
    expect((await generate('slow [fault:slow-300]')).images).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await failure(generate('cut [fault:truncated]'))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('an unknown marker is refused (400 invalid_request)', async () => {
    expect(await failure(generate('oops [fault:tasks-fail]'))).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
  });
});

describe('ToAPIs emulator: scripted faults', () => {
  it('a scripted task outcome applies to the next submit', async () => {
    emu.script({ task: 'fails', path: '/v1/images/generations', method: 'POST' });
    expect(await failure(generate('x'))).toMatchObject({ code: 'TASK_FAILED' });
    expect((await generate('x')).images).toHaveLength(1);
  });

  it(
    'a scripted 503 rate_limit_unavailable body ' +
      '(TOAPIS_LIMITER_UNAVAILABLE_BODY) on the submit is retried; polls go on',
    async () => {
      emu.script({
        status: 503,
        body: TOAPIS_LIMITER_UNAVAILABLE_BODY,
        method: 'POST',
        path: '/v1/images/generations',
        times: 2,
      });
      const { images } = await generate('x');
      expect(images).toHaveLength(1);
      expect(emu.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 503, 200]);
    },
  );

  it('a 500 on a poll is retried (polls are idempotent) and the task still completes', async () => {
    emu.script({ status: 500, method: 'GET', path: /^\/v1\/images\/generations\//, times: 1 });
    const retries: RetryEvent[] = [];
    const { images } = await generate('x', { onRetry: (e: RetryEvent) => retries.push(e) });
    expect(images).toHaveLength(1);
    expect(retries).toHaveLength(1);
    expect(emu.requests.find((r) => r.fault === 'scripted')).toMatchObject({ method: 'GET', status: 500 });
  });

  it('a 402 on the upload fails the request naming the input, before any submit', async () => {
    emu.script({ status: 402, path: '/v1/uploads/images' });
    const error = await failure(generate('x', { images: [{ data: encodePng(16, 16), mimeType: 'image/png' }] }));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_QUOTA', field: 'images[0]', status: 402 });
    expect(emu.requests.some((r) => r.path === '/v1/images/generations')).toBe(false);
  });

  it('a failing result download: 404 on /files → TASK_FAILED (the URL may have expired)', async () => {
    emu.script({ status: 404, path: /^\/files\//, times: Infinity });
    expect(await failure(generate('x'))).toMatchObject({ code: 'TASK_FAILED', status: 404 });
  });
});
