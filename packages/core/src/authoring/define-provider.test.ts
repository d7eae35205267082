import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { generateImage, submitImage, waitForTask } from '../index.js';
import { defineProvider, leaksSecret, type ModelSpec } from '../provider.js';
import { captureImageGateError as failure, createSimulatedClock, encodePng, toBase64 } from '@imagegate/testing/fakes';

const BASE = 'https://api.acme.test';
const KEY = 'sk-acme-define-0123456789';
const png = encodePng(8, 8);

const MODELS: ModelSpec<'acme-1' | 'acme-async'>[] = [
  {
    id: 'acme-1',
    name: 'Acme 1',
    operations: ['generate'],
    sizes: { kind: 'pixels', presets: ['64x64'] },
    maxImagesPerCall: 1,
    maxImages: 2,
    options: {},
    async: false,
    output: { delivery: 'bytes' },
  },
  {
    id: 'acme-async',
    name: 'Acme async',
    operations: ['generate'],
    sizes: { kind: 'pixels', presets: ['64x64'] },
    maxImagesPerCall: 1,
    maxImages: 1,
    options: {},
    async: true,
    polling: { initialDelayMs: 1000, intervalMs: 1000 },
    output: { delivery: 'url' },
  },
];

let optionParses = 0;
const acme = defineProvider({
  id: 'acme',
  name: 'Acme',
  docsUrl: 'https://docs.acme.test',
  models: MODELS,
  credentials: { baseUrl: BASE, auth: { schemes: ['bearer', 'bare'] }, keyHint: 'sk-…' },
  keyCheck: { method: 'GET', path: '/v1/models' },
  settings: z.strictObject({ region: z.enum(['eu', 'us']).default('eu') }),
  providerOptions: z.strictObject({ style: z.string().default('plain') }).transform((o) => {
    optionParses++;
    return o;
  }),
  async submit(request, ctx) {
    const answer = await ctx.http.json(
      ctx,
      {
        method: 'POST',
        url: '/v1/images',
        json: { prompt: request.prompt, style: ctx.options.style, region: ctx.settings.region },
        kind: 'billable',
        model: request.model,
      },
      {
        schema: z.object({ id: z.string().optional(), image: z.instanceof(Uint8Array).optional() }),
        binaryFields: ['image'],
      },
    );
    if (answer.id)
      return {
        type: 'task',
        task: { version: 1, provider: ctx.provider.id, taskId: answer.id, model: request.model, createdAt: ctx.now() },
      };
    return { type: 'images', images: answer.image ? [{ data: answer.image }] : [] };
  },
  async getTask(task, ctx) {
    const answer = await ctx.http.json(
      ctx,
      { method: 'GET', url: `/v1/images/${task.taskId}`, kind: 'idempotent', taskId: task.taskId },
      { schema: z.object({ done: z.boolean(), url: z.url().optional() }), what: 'the poll' },
    );
    return answer.done ? { state: 'succeeded', images: [{ url: answer.url! }] } : { state: 'running' };
  },
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('defineProvider', () => {
  it('derives the provider: key as Bearer, options and settings parsed once, defaults applied', async () => {
    optionParses = 0;
    nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}` } })
      .post('/v1/images', { prompt: 'a cat', style: 'plain', region: 'eu' })
      .reply(200, { image: toBase64(png) });
    const provider = acme.create({ apiKey: KEY });
    const { images } = await generateImage({ provider, model: 'acme-1', prompt: 'a cat' });
    expect(images[0]!.mimeType).toBe('image/png');
    expect(optionParses).toBe(1);
    expect(provider).toMatchObject({ id: 'acme', name: 'Acme', baseUrl: BASE });
  });

  it(
    'normalises a pasted …/v1 base URL, lets a header of any case replace the default, ' + 'and takes the bare scheme',
    async () => {
      nock('https://proxy.test', { reqheaders: { authorization: 'proxy-token' } })
        .post('/acme/v1/images')
        .reply(200, { image: toBase64(png) });
      await generateImage({
        provider: acme.create({
          apiKey: KEY,
          baseUrl: 'https://proxy.test/acme/v1/',
          headers: { Authorization: 'proxy-token' },
        }),
        model: 'acme-1',
        prompt: 'a cat',
      });
      nock(BASE, { reqheaders: { authorization: KEY } })
        .post('/v1/images')
        .reply(200, { image: toBase64(png) });
      await generateImage({
        provider: acme.create({ apiKey: KEY, authScheme: 'bare' }),
        model: 'acme-1',
        prompt: 'a cat',
      });
    },
  );

  it('refuses a missing key, bad settings and bad options before any request, naming them', async () => {
    expect(
      await failure(generateImage({ provider: acme.create({ apiKey: ' ' }), model: 'acme-1', prompt: 'a cat' })),
    ).toMatchObject({ code: 'INVALID_REQUEST', field: 'apiKey', provider: 'acme' });
    expect(() => acme.create({ apiKey: KEY, baseUrl: 'ftp://x' })).toThrow(/"baseUrl" must be an http\(s\) URL/);
    expect(() => acme.create({ apiKey: KEY, baseUrl: 'https://x.test/v1?key=1' })).toThrow(/without query or fragment/);
    expect(() => acme.create({ apiKey: KEY, baseUrl: 42 as never })).toThrow(/"baseUrl" must be an http\(s\) URL/);
    expect(() => acme.create({ apiKey: KEY, authScheme: 'basic' as never })).toThrow(
      /"authScheme" must be one of bearer, bare/,
    );
    expect(() => acme.create({ apiKey: KEY, region: 'mars' } as never)).toThrow(
      '"region": Invalid option: expected one of "eu"|"us" (Acme settings).',
    );
    const error = await failure(
      generateImage({
        provider: acme.create({ apiKey: KEY }),
        model: 'acme-1',
        prompt: 'a cat',
        providerOptions: { colour: 'red' },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'providerOptions', provider: 'acme' });
    expect(error.message).toBe('"providerOptions": Unrecognized key: "colour".');
  });

  it(
    'reads answers with their schema: a wrong field is BAD_RESPONSE naming it, ' + 'with the status and the task',
    async () => {
      nock(BASE).post('/v1/images').reply(200, { id: 'p1' }).get('/v1/images/p1').reply(200, { done: 'yes' });
      const clock = createSimulatedClock();
      const error = await failure(
        generateImage({
          provider: acme.create({ apiKey: KEY }),
          model: 'acme-async',
          prompt: 'a cat',
          sleep: clock.sleep,
          now: clock.now,
        }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, field: 'done', task: { taskId: 'p1' } });
      expect(error.message).toBe(
        'acme answered the poll with an unexpected body: "done": Invalid input: expected boolean, received string.',
      );
      expect(leaksSecret(JSON.stringify(error) + error.stack, KEY)).toBe(false);
    },
  );

  it('takes zod/mini schemas as well: options, settings and answers', async () => {
    const mini = defineProvider({
      id: 'mini',
      name: 'Mini',
      docsUrl: 'https://docs.acme.test',
      models: [MODELS[0]!],
      credentials: { baseUrl: BASE, auth: { schemes: ['bearer'] } },
      settings: zm.strictObject({ region: zm._default(zm.enum(['eu', 'us']), 'us') }),
      providerOptions: zm.strictObject({ steps: zm._default(zm.number().check(zm.int(), zm.minimum(1)), 4) }),
      async submit(request, ctx) {
        const answer = await ctx.http.json(
          ctx,
          {
            method: 'POST',
            url: '/v1/images',
            json: { steps: ctx.options.steps, region: ctx.settings.region },
            kind: 'billable',
            model: request.model,
          },
          { schema: zm.object({ image: zm.instanceof(Uint8Array) }), binaryFields: ['image'] },
        );
        return { type: 'images', images: [{ data: answer.image }] };
      },
    });
    nock(BASE)
      .post('/v1/images', { steps: 4, region: 'us' })
      .reply(200, { image: toBase64(png) });
    const { images } = await generateImage({ provider: mini.create({ apiKey: KEY }), model: 'acme-1', prompt: 'a' });
    expect(images).toHaveLength(1);
    const error = await failure(
      generateImage({
        provider: mini.create({ apiKey: KEY }),
        model: 'acme-1',
        prompt: 'a',
        providerOptions: { steps: 0 },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'providerOptions.steps', provider: 'mini' });
    expect(error.message).toMatch(/^"providerOptions.steps": /);
  });

  it('refuses a schema it would have to await, as the provider bug it is', async () => {
    const awaited = defineProvider({
      id: 'awaited',
      name: 'Awaited',
      docsUrl: 'https://docs.acme.test',
      models: [MODELS[0]!],
      credentials: { baseUrl: BASE, auth: { schemes: ['bearer'] } },
      providerOptions: z.object({}).refine(async () => true),
      submit: async () => ({ type: 'images', images: [] }),
    });
    const error = await failure(
      generateImage({ provider: awaited.create({ apiKey: KEY }), model: 'acme-1', prompt: 'a' }),
    );
    // A typed error naming the field, never a TypeError out of generateImage.
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'providerOptions' });
    expect(error.message).toMatch(/asynchronous checks or transforms, which ImageGate cannot run \(a provider bug\)/);
  });

  it('checks the key for polls of a stored task too', async () => {
    const { tasks } = await (async () => {
      nock(BASE).post('/v1/images').reply(200, { id: 'p2' });
      return submitImage({ provider: acme.create({ apiKey: KEY }), model: 'acme-async', prompt: 'a cat' });
    })();
    const error = await failure(waitForTask({ provider: acme.create({ apiKey: '' }), task: tasks[0]! }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'apiKey', task: { taskId: 'p2' } });
  });

  it('refuses a definition that cannot work, naming every problem', () => {
    expect(() =>
      defineProvider({
        id: 'Bad Id',
        name: 'Bad',
        docsUrl: 'https://docs.bad.test',
        models: MODELS,
        credentials: { baseUrl: 'api.bad.test', auth: { schemes: [] } },
        keyCheck: { method: 'GET', path: 'v1/models' },
        submit: async () => ({ type: 'images', images: [] }),
      }),
    ).toThrow(
      new RegExp(
        'id must be .*; credentials.baseUrl must be an http\\(s\\) URL; credentials.auth.schemes lists no scheme; ' +
          'keyCheck.path must start with \\/; acme-async is async but there is no getTask\\.',
      ),
    );
  });
});
