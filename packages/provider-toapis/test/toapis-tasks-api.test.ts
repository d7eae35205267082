import { getTaskStatus, waitForTask, type ImageGateError, type TaskHandle } from '@imagegate/core';
import { createSimulatedClock } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { expectNoKey, failure, provider, useNock } from './helpers.js';
import {
  BASE,
  CDN,
  CREATED_AT,
  GENERATIONS,
  KEY,
  PNG_32,
  taskCompleted,
  taskFailed,
  taskState,
  toApisError,
} from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const handle = (taskId = 'task_01KA040M0HP1GJWBJYZMKX1XS1', extra: Partial<TaskHandle> = {}): TaskHandle => ({
  version: 1,
  provider: 'toapis',
  taskId,
  model: MODEL,
  pollUrl: `${BASE}${GENERATIONS}/${taskId}`,
  createdAt: 1_750_000_000_000,
  ...extra,
});
const quick = { sleep: async () => undefined };
// The provider's reading of each answer; core's own nextCheckMs (tested in core) is left aside.
const status = async (task: TaskHandle = handle()) => {
  const { nextCheckMs: _ignored, ...read } = await getTaskStatus({ provider: provider(), task, ...quick });
  return read;
};

describe('getTask: GET /v1/images/generations/{id}', () => {
  it('sends a bare GET with the bearer key to the task path', async () => {
    let seen: { method?: string; headers?: Record<string, unknown>; body?: unknown } = {};
    nock(BASE)
      .get(`${GENERATIONS}/task_01KA040M0HP1GJWBJYZMKX1XS1`)
      .reply(function (_uri, body) {
        seen = { method: this.req.method, headers: this.req.headers, body };
        return [200, taskState('task_01KA040M0HP1GJWBJYZMKX1XS1', 'queued')];
      });
    await status();
    expect(seen.method).toBe('GET');
    expect(seen.headers).toMatchObject({ authorization: `Bearer ${KEY}`, accept: 'application/json' });
    expect(seen.headers!['content-type']).toBeUndefined();
    expect(seen.body).toBe('');
  });

  it('builds the URL from the base URL and the id (encoded), which keeps the key with ToAPIs', async () => {
    nock(BASE).get(`${GENERATIONS}/task%2Fodd%20id`).reply(200, taskState('task/odd id', 'queued'));
    const result = await status(handle('task/odd id'));
    expect(result.state).toBe('queued');
  });

  it('refuses a handle whose pollUrl points elsewhere (forged in workflow data), before any request', async () => {
    const error = await failure(status(handle('t1', { pollUrl: 'https://attacker.example/collect' })));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.pollUrl' });
    expect(error.message).toMatch(/points at attacker\.example, where ToAPIs's key may not go \(only toapis\.com\)/);
  });

  it.each([
    ['queued', 0, { state: 'queued', progress: 0 }],
    ['submitted', 0, { state: 'queued', progress: 0 }],
    ['pending', 0, { state: 'queued', progress: 0 }],
    ['in_progress', 55, { state: 'running', progress: 55 }],
  ] as const)('%s → %o', async (vendorStatus, progress, expected) => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, taskState('t1', vendorStatus, progress));
    // The answer names its task, so core can refuse another task's status.
    expect(await status(handle('t1'))).toStrictEqual({ ...expected, taskId: 't1' });
  });

  it('reads progress given as a string, and leaves it out when absent', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, { id: 't1', status: 'in_progress', progress: '40' })
      .get(`${GENERATIONS}/t1`)
      .reply(200, { id: 't1', status: 'in_progress' });
    expect(await status(handle('t1'))).toStrictEqual({ state: 'running', progress: 40, taskId: 't1' });
    expect(await status(handle('t1'))).toStrictEqual({ state: 'running', taskId: 't1' });
  });

  it(
    "a poll answered with another task's status is refused " + '(BAD_RESPONSE with this task), its images untouched',
    async () => {
      nock(BASE)
        .get(`${GENERATIONS}/t1`)
        .reply(200, taskCompleted('t2', [`${CDN}/theirs.jpg`]));
      const error = await failure(waitForTask({ provider: provider(), task: handle('t1'), ...quick }));
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', taskId: 't1', task: { taskId: 't1' } });
      expect(error.message).toMatch(/another task \(t2\)/);
    },
  );

  it('completed → the result.data URLs, with expires_at in ms', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, taskCompleted('t1', [`${CDN}/a.jpg`, `${CDN}/b.jpg`]));
    expect(await status(handle('t1'))).toStrictEqual({
      state: 'succeeded',
      images: [
        { url: `${CDN}/a.jpg`, expiresAt: (CREATED_AT + 86_400) * 1000 },
        { url: `${CDN}/b.jpg`, expiresAt: (CREATED_AT + 86_400) * 1000 },
      ],
      taskId: 't1',
    });
  });

  it('completed with only a top-level url → that URL; with both, result.data wins', async () => {
    const { result: _result, ...bare } = taskCompleted('t1');
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, { ...bare, url: `${CDN}/top.png` })
      .get(`${GENERATIONS}/t1`)
      .reply(200, { ...taskCompleted('t1', [`${CDN}/data.png`]), url: `${CDN}/top.png` });
    expect(await status(handle('t1'))).toMatchObject({ state: 'succeeded', images: [{ url: `${CDN}/top.png` }] });
    expect(await status(handle('t1'))).toMatchObject({ state: 'succeeded', images: [{ url: `${CDN}/data.png` }] });
  });

  it('failed → TASK_FAILED with the vendor message and code, the task id, not retryable', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, taskFailed('t1', 'call upstream API failed: upstream returned status 500'));
    const result = await status(handle('t1'));
    expect(result.state).toBe('failed');
    const error = (result as { error: ImageGateError }).error;
    expect(error).toMatchObject({
      code: 'TASK_FAILED',
      taskId: 't1',
      model: MODEL,
      provider: 'toapis',
      vendorCode: 'generation_failed',
      vendorMessage: 'call upstream API failed: upstream returned status 500',
      retryable: false,
    });
    expect(error.message).toBe('toapis task t1 failed: call upstream API failed: upstream returned status 500.');
  });

  it('failed with the older fail_reason → TASK_FAILED with that reason', async () => {
    nock(BASE).get(`${GENERATIONS}/t1`).reply(200, { id: 't1', status: 'failed', fail_reason: 'upstream timeout' });
    const result = await status(handle('t1'));
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'TASK_FAILED', vendorMessage: 'upstream timeout' },
    });
  });

  it('failed for content policy → CONTENT_POLICY', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, taskFailed('t1', 'The prompt was blocked by the safety system', 'content_policy_violation'));
    const result = await status(handle('t1'));
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'CONTENT_POLICY', vendorCode: 'content_policy_violation', taskId: 't1' },
    });
  });

  it('an unknown status is BAD_RESPONSE naming it (never an endless wait)', async () => {
    nock(BASE).get(`${GENERATIONS}/t1`).reply(200, { id: 't1', status: 'cancelled' });
    const error = await failure(status(handle('t1')));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', taskId: 't1' });
    expect(error.message).toMatch(/unknown status "cancelled"/);
    // What the vendor said beside it is quoted.
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(200, { id: 't1', status: 'paused', error: { message: 'queue paused by operator' } });
    expect((await failure(status(handle('t1')))).message).toMatch(
      /unknown status "paused".*saying "queue paused by operator"/,
    );
  });

  it('an answer without a status is BAD_RESPONSE', async () => {
    nock(BASE).get(`${GENERATIONS}/t1`).reply(200, { id: 't1' });
    expect((await failure(status(handle('t1')))).code).toBe('BAD_RESPONSE');
  });

  it('HTTP 404 → TASK_FAILED "not found or has expired", not retried', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t_gone`)
      .reply(404, toApisError(404, 'Task not found', 'not_found_error'));
    const error = await failure(status(handle('t_gone')));
    expect(error).toMatchObject({
      code: 'TASK_FAILED',
      status: 404,
      taskId: 't_gone',
      vendorMessage: 'Task not found',
      vendorCode: 'not_found_error',
      retryable: false,
    });
    expect(error.message).toMatch(/task t_gone was not found or has expired/);
  });

  it('a 5xx on a poll is retried (polls are idempotent)', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(500, toApisError('internal_error', 'Internal server error'))
      .get(`${GENERATIONS}/t1`)
      .reply(200, taskState('t1', 'in_progress', 10));
    expect(await status(handle('t1'))).toStrictEqual({ state: 'running', progress: 10, taskId: 't1' });
  });

  it('a 401 on a poll is AUTHENTICATION without the key', async () => {
    nock(BASE)
      .get(`${GENERATIONS}/t1`)
      .reply(401, toApisError(401, `Invalid token ${KEY}`, 'authentication_error'));
    const error = await failure(status(handle('t1')));
    expect(error.code).toBe('AUTHENTICATION');
    expectNoKey(error);
  });

  it('waitForTask downloads the result and keeps its URL and expiry on the image', async () => {
    nock(BASE).get(`${GENERATIONS}/t1`).reply(200, taskCompleted('t1'));
    nock(CDN).get('/generated/t1.png').reply(200, Buffer.from(PNG_32), { 'content-type': 'application/octet-stream' });
    const clock = createSimulatedClock();
    const { images, tasks } = await waitForTask({
      provider: provider(),
      task: handle('t1'),
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({
      mimeType: 'image/png',
      width: 32,
      height: 32,
      url: `${CDN}/generated/t1.png`,
      expiresAt: (CREATED_AT + 86_400) * 1000,
    });
    expect(Buffer.compare(Buffer.from(images[0]!.data), Buffer.from(PNG_32))).toBe(0);
    expect(tasks[0]!.taskId).toBe('t1');
  });
});
