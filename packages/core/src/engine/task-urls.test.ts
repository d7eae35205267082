/**
 * A vendor whose submit answers the URL to poll, on a regional host, with
 * results on a CDN of a third host: the handle carries the vendor's poll and
 * cancel URLs, the key goes only to the hosts the definition lists, and a
 * handle forged in workflow data cannot send it anywhere else.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { captureImageGateError as failure, createSimulatedClock } from '@imagegate/testing/fakes';
import { cancelTask, generateImage, getTaskStatus, waitForTask, type TaskHandle } from '../index.js';
import { defineProvider, type ModelSpec } from '../provider.js';

const API = 'https://api.flux.example';
const REGION = 'https://eu-2.flux.example';
const CDN = 'https://delivery.cdn-other.example';
const KEY = 'flux-task-urls-secret-5523';

const MODEL: ModelSpec<'flux-pro'> = {
  id: 'flux-pro',
  name: 'Flux Pro',
  operations: ['generate'],
  sizes: { kind: 'pixels', presets: ['1024x1024'] },
  maxImagesPerCall: 1,
  maxImages: 1,
  options: {},
  async: true,
  cancel: true,
  polling: { initialDelayMs: 500, intervalMs: 500 },
  output: { delivery: 'url' },
};

const flux = defineProvider({
  id: 'flux',
  name: 'Flux',
  docsUrl: 'https://docs.flux.example',
  models: [MODEL],
  credentials: { baseUrl: API, auth: { header: 'x-key', schemes: ['bare'] }, keyHosts: ['*.flux.example'] },
  async submit(request, ctx) {
    const answer = await ctx.http.json(
      ctx,
      { method: 'POST', url: '/v1/flux-pro', json: { prompt: request.prompt }, kind: 'billable' },
      { schema: z.object({ id: z.string(), polling_url: z.string() }) },
    );
    const task: TaskHandle = {
      version: 1,
      provider: 'flux',
      taskId: answer.id,
      model: request.model,
      createdAt: ctx.now(),
      pollUrl: answer.polling_url,
    };
    return { type: 'task', task };
  },
  async getTask(task, ctx) {
    const answer = await ctx.http.json(
      ctx,
      { method: 'GET', url: task.pollUrl || `/v1/get_result?id=${task.taskId}`, kind: 'idempotent' },
      { schema: z.object({ status: z.string(), result: z.object({ sample: z.string() }).optional() }) },
    );
    return answer.status === 'Ready' && answer.result
      ? { state: 'succeeded', images: [{ url: answer.result.sample }] }
      : { state: 'running' };
  },
  async cancelTask(task, ctx) {
    await ctx.http.send(ctx, {
      method: 'POST',
      url: task.cancelUrl || `/v1/cancel/${task.taskId}`,
      kind: 'idempotent',
    });
  },
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

const handle = (change: Partial<TaskHandle>): TaskHandle => ({
  version: 1,
  provider: 'flux',
  taskId: 't-1',
  model: 'flux-pro',
  createdAt: Date.now(),
  ...change,
});

describe('a handle with the vendor poll URL', () => {
  it('polls the regional host the submit named, with the key, and downloads from the CDN without it', async () => {
    nock(API, { reqheaders: { 'x-key': KEY } })
      .post('/v1/flux-pro')
      .reply(200, { id: 't-1', polling_url: `${REGION}/v1/get_result?id=t-1` });
    nock(REGION, { reqheaders: { 'x-key': KEY } })
      .get('/v1/get_result')
      .query({ id: 't-1' })
      .reply(200, { status: 'Pending' })
      .get('/v1/get_result')
      .query({ id: 't-1' })
      .reply(200, { status: 'Ready', result: { sample: `${CDN}/r/t-1.png` } });
    const clock = createSimulatedClock();
    const result = await generateImage({
      provider: flux.create({ apiKey: KEY }),
      model: 'flux-pro',
      prompt: 'a fox',
      download: false,
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(result.tasks[0]).toMatchObject({ taskId: 't-1', pollUrl: `${REGION}/v1/get_result?id=t-1` });
    expect(result.images[0]).toMatchObject({ url: `${CDN}/r/t-1.png` });
  });

  it.each([
    ['pollUrl', `${CDN}/v1/get_result?id=t-1`],
    ['pollUrl', 'http://eu-2.flux.example/v1/get_result?id=t-1'],
    ['pollUrl', 'https://eu-2.flux.example.attacker.example/v1/get_result'],
    ['cancelUrl', 'https://attacker.example/cancel'],
  ] as const)('refuses a forged %s (%s) on every entry, before any request', async (field, url) => {
    const seen: string[] = [];
    const provider = flux.create({
      apiKey: KEY,
      transport: async (request) => {
        seen.push(request.url);
        throw new Error('nothing is to be sent');
      },
    });
    const task = handle({ [field]: url });
    for (const call of [
      () => getTaskStatus({ provider, task }),
      () => waitForTask({ provider, task }),
      () => cancelTask({ provider, task }),
    ]) {
      const error = await failure(call());
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: `task.${field}`, retryable: false });
      expect(error.message).toMatch(/where Flux's key may not go \(only api\.flux\.example, \*\.flux\.example\)/);
    }
    expect(seen).toEqual([]);
  });

  it('keeps a paid job whose submit named a foreign poll URL, without that URL, and polls nothing', async () => {
    nock(API)
      .post('/v1/flux-pro')
      .reply(200, { id: 't-9', polling_url: 'https://collector.attacker.example/v1/get_result?id=t-9' });
    const error = await failure(
      generateImage({ provider: flux.create({ apiKey: KEY }), model: 'flux-pro', prompt: 'a fox', download: false }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', maybeBilled: true, retryable: false, taskId: 't-9' });
    expect(error.message).toMatch(/a pollUrl that points at collector\.attacker\.example, where Flux's key may not go/);
    expect(error.task).toEqual({
      version: 1,
      provider: 'flux',
      taskId: 't-9',
      model: 'flux-pro',
      createdAt: expect.any(Number),
    });
  });

  it('refuses a handle whose poll URL holds the key, naming the field and never the key', async () => {
    const provider = flux.create({ apiKey: KEY });
    const error = await failure(getTaskStatus({ provider, task: handle({ pollUrl: `${REGION}/r?key=${KEY}` }) }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.pollUrl' });
    expect(error.message).toMatch(/contains the API key/);
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
  });

  it('does not download a result whose URL carries the key to another host', async () => {
    nock(REGION, { reqheaders: { 'x-key': KEY } })
      .get('/v1/get_result')
      .query({ id: 't-1' })
      .reply(200, { status: 'Ready', result: { sample: `${CDN}/r/t-1.png?token=${KEY}` } });
    const error = await failure(
      waitForTask({
        provider: flux.create({ apiKey: KEY }),
        task: handle({ pollUrl: `${REGION}/v1/get_result?id=t-1` }),
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', taskId: 't-1' });
    expect(error.message).toMatch(/with the API key in its URL; it was not downloaded/);
  });

  it('refuses a poll URL that is no http(s) URL, naming the field', async () => {
    const provider = flux.create({ apiKey: KEY });
    const error = await failure(getTaskStatus({ provider, task: handle({ pollUrl: 'javascript:alert(1)' }) }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.pollUrl' });
  });

  it('cancels at the vendor cancel URL on a listed host', async () => {
    nock(REGION, { reqheaders: { 'x-key': KEY } })
      .post('/v1/cancel/t-1')
      .reply(200, {});
    await cancelTask({
      provider: flux.create({ apiKey: KEY }),
      task: handle({ cancelUrl: `${REGION}/v1/cancel/t-1` }),
    });
  });

  it('refuses a definition whose keyHosts are no host patterns', () => {
    expect(() =>
      defineProvider({ ...flux.definition, credentials: { ...flux.definition.credentials, keyHosts: ['*.example'] } }),
    ).toThrow(/credentials\.keyHosts "\*\.example": a wildcard needs a name of at least two labels/);
  });
});
