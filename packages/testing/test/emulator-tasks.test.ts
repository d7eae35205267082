import { cancelTask, generateImage, submitImage, waitForTask, type ModelSpec } from '@imagegate/core';
import { defineProvider } from '@imagegate/core/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  cancelEmulatedTask,
  encodePng,
  listen,
  taskPhase,
  type RunningServer,
  type TaskTimeline,
} from '../src/fakes.js';
import { captureImageGateError as failure } from '../src/index.js';

// A predictions-style vendor emulated with the kit: submit, poll, cancel, a PNG result.
const tasks = new Map<string, TaskTimeline>();
let server: RunningServer;
beforeAll(async () => {
  server = await listen(
    async (exchange) => {
      if (exchange.path.endsWith('.png')) return exchange.replyBytes(200, 'image/png', Buffer.from(encodePng(16, 16)));
      const [, id, action] = /^\/v1\/p(?:\/([^/]+))?(?:\/(cancel))?$/.exec(exchange.path) ?? [];
      if (exchange.method === 'POST' && !id) {
        const task: TaskTimeline = { createdAt: Date.now(), queueMs: 100, durationMs: 1200 };
        const newId = `p${tasks.size + 1}`;
        tasks.set(newId, task);
        return exchange.replyJson(201, { id: newId });
      }
      const task = id ? tasks.get(id) : undefined;
      if (!task) return exchange.replyJson(404, { error: 'not found' });
      if (action === 'cancel') return exchange.replyJson(cancelEmulatedTask(task, Date.now()) ? 200 : 409, {});
      const phase = taskPhase(task, Date.now());
      return exchange.replyJson(
        200,
        phase.state === 'done' ? { state: 'done', url: `${server.url}/v1/p/${id}.png` } : phase,
      );
    },
    () => undefined,
    (status, message) => ({ error: `${status} ${message}` }),
  );
});
afterAll(() => server.close());

const MODEL: ModelSpec = {
  id: 'p-1',
  name: 'P 1',
  operations: ['generate'],
  sizes: { kind: 'pixels', presets: ['16x16'] },
  maxImagesPerCall: 1,
  maxImages: 1,
  options: {},
  async: true,
  cancel: true,
  polling: { initialDelayMs: 250, intervalMs: 250 },
  output: { delivery: 'url' },
};
const poll = z.object({
  state: z.enum(['queued', 'running', 'done', 'canceled']),
  progress: z.number().optional(),
  url: z.string().optional(),
});
const predictions = defineProvider({
  id: 'predictions',
  name: 'Predictions',
  docsUrl: 'https://docs.predictions.test',
  models: [MODEL],
  credentials: { baseUrl: 'https://api.predictions.test', auth: { schemes: ['bearer'] } },
  async submit(request, ctx) {
    const { id } = await ctx.http.json(
      ctx,
      { method: 'POST', url: '/v1/p', json: { prompt: request.prompt }, kind: 'billable' },
      { schema: z.object({ id: z.string() }) },
    );
    return {
      type: 'task',
      task: { version: 1, provider: ctx.provider.id, taskId: id, model: request.model, createdAt: ctx.now() },
    };
  },
  async getTask(task, ctx) {
    const answer = await ctx.http.json(
      ctx,
      { method: 'GET', url: `/v1/p/${task.taskId}`, kind: 'idempotent', taskId: task.taskId },
      { schema: poll },
    );
    if (answer.state === 'done') return { state: 'succeeded', images: [{ url: answer.url! }] };
    if (answer.state === 'canceled') return { state: 'canceled' };
    return { state: answer.state, progress: answer.progress };
  },
  async cancelTask(task, ctx) {
    await ctx.http.send(ctx, {
      method: 'POST',
      url: `/v1/p/${task.taskId}/cancel`,
      kind: 'idempotent',
      taskId: task.taskId,
    });
  },
});
const provider = () => predictions.create({ apiKey: 'sk-predictions-test', baseUrl: server.url });

describe('the emulator kit runs task life cycles, cancel included', () => {
  it('queued → running with rising progress → done, with a real image', async () => {
    const progress: number[] = [];
    const { images } = await generateImage({
      provider: provider(),
      model: 'p-1',
      prompt: 'a cat',
      onProgress: (e) => e.state === 'running' && progress.push(e.progress!),
    });
    expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 16, height: 16 });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it(
    'an abort cancels the task at the emulator; cancelTask ' + 'cancels a stored one; a finished one is not canceled',
    async () => {
      const aborted = await failure(
        generateImage({ provider: provider(), model: 'p-1', prompt: 'a cat', signal: AbortSignal.timeout(400) }),
      );
      expect(aborted.message).toMatch(/was canceled at Predictions/);
      expect(taskPhase(tasks.get(aborted.task!.taskId)!, Date.now()).state).toBe('canceled');

      const {
        tasks: [stored],
      } = await submitImage({ provider: provider(), model: 'p-1', prompt: 'a dog' });
      await cancelTask({ provider: provider(), task: stored! });
      expect(await failure(waitForTask({ provider: provider(), task: stored! }))).toMatchObject({
        code: 'TASK_FAILED',
        vendorCode: 'canceled',
      });

      const finished: TaskTimeline = { createdAt: 0, queueMs: 0, durationMs: 1 };
      expect(cancelEmulatedTask(finished, Date.now())).toBe(false);
      expect(taskPhase(finished, Date.now()).state).toBe('done');
    },
  );
});
