import { ImageGateError, submitImage } from '@imagegate/core';
import { checkManifest, type HttpRequest } from '@imagegate/core/provider';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createToApis, TOAPIS_BASE_URL, TOAPIS_MODELS } from '../src/index.js';
import { toApisProviderOptionsSchema } from '../src/toapis-options.js';
import { provider, useNock } from './helpers.js';
import { GENERATIONS, KEY, taskCreated } from './vendor-answers.js';

useNock();

describe('createToApis', () => {
  it('is a v1 ImageProvider named ToAPIs with a complete manifest', () => {
    const p = provider();
    expect([p.specificationVersion, p.id, p.name]).toEqual(['v1', 'toapis', 'ToAPIs']);
    expect(checkManifest(p)).toEqual([]);
    expect(typeof p.submit).toBe('function');
    expect(typeof p.getTask).toBe('function');
    expect(p.providerOptionsSchema).toBe(toApisProviderOptionsSchema);
    expect(TOAPIS_BASE_URL).toBe('https://toapis.com');
  });

  it('exposes the transport it was given, so core downloads through it too', () => {
    const transport = async () => ({ status: 200, headers: {}, body: new Uint8Array() });
    expect(provider({ transport }).transport).toBe(transport);
  });

  it('lists every model once, aliases beside their model, with the shared task limits and polling hints', () => {
    expect(TOAPIS_MODELS.map((m) => m.id)).toEqual([
      'gemini-2.5-flash-image-preview',
      'gemini-3-pro-image-preview',
      'gemini-3-pro-image-preview-4k',
      'gemini-3.1-flash-image-preview',
      'gemini-3-pro-image-preview-official',
      'gemini-3.1-flash-image-preview-official',
      'gemini-2.5-flash-image-official',
      'gpt-4o-image',
      'gpt-image-2',
      'gpt-image-2-official',
      'doubao-seedream-4-0',
      'doubao-seedream-4-5',
      'doubao-seedream-5-0',
      'flux-kontext-pro',
      'flux-kontext-max',
      'flux-2-flex',
      'flux-2-pro',
    ]);
    for (const model of TOAPIS_MODELS) {
      expect(model).toMatchObject({
        operations: ['generate', 'edit'],
        async: true,
        cancel: false,
        // Every model's page is on docs.toapis.com, except the 4K Gemini id that only a model-guide page documents.
        docsUrl:
          model.id === 'gemini-3-pro-image-preview-4k'
            ? 'https://toapis.com/ru/model-guide/gemini-3-pro-image-preview-4k'
            : expect.stringMatching(/^https:\/\/docs\.toapis\.com\/docs\/en\/api-reference\/images\//),
        inputImages: { maxBytes: 10 * 1024 * 1024, acceptsUrls: true },
        // tasks/image-status and rate-limits/async-tasks (2026-08-20): 5 s first, then 5–10 s with jitter.
        polling: {
          initialDelayMs: 5000,
          intervalMs: 5000,
          minIntervalMs: 5000,
          maxIntervalMs: 10_000,
          jitterMs: 1000,
          typicalDurationMs: { min: 5000, max: 30_000 },
        },
        output: { delivery: 'url' },
      });
    }
    // Nano Banana is one model with its alias, no longer a second entry.
    expect(TOAPIS_MODELS[0]).toMatchObject({
      id: 'gemini-2.5-flash-image-preview',
      aliases: ['nano-banana'],
      maxImagesPerCall: 1,
      maxImages: 4,
      maxPromptLength: 1000,
      defaultSize: '1:1',
      // The Gemini pages list .jpeg, .jpg, .png, .webp: no GIF.
      inputImages: { max: 14, mimeTypes: ['image/jpeg', 'image/png', 'image/webp'] },
    });
    expect(TOAPIS_MODELS[0]!.sizes).toEqual({
      kind: 'aspect-ratio',
      values: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'],
      resolutions: {
        '1:1': '1024x1024',
        '16:9': '1792x1024',
        '9:16': '1024x1792',
        '4:3': '1365x1024',
        '3:4': '1024x1365',
        '3:2': '1536x1024',
        '2:3': '1024x1536',
      },
    });
    expect(TOAPIS_MODELS[0]!.resolution).toBeUndefined();
  });

  it('registers the key for redaction as soon as it is created', () => {
    const key = `sk-fresh-${Date.now().toString(36)}-secret`;
    createToApis({ apiKey: key });
    expect(new ImageGateError('PROVIDER_ERROR', `echo ${key}`).message).toBe('echo [REDACTED]');
  });

  it('normalises the base URL (trailing slash, /v1) and merges extra headers', async () => {
    const seen: HttpRequest[] = [];
    const transport = async (request: HttpRequest) => {
      seen.push(request);
      return { status: 200, headers: {}, body: new TextEncoder().encode(JSON.stringify(taskCreated('t1'))) };
    };
    const p = createToApis({
      apiKey: KEY,
      baseUrl: 'https://proxy.example/toapis/v1/',
      headers: { 'X-Trace': 'abc' },
      transport,
    });
    const { tasks } = await submitImage({ provider: p, model: 'nano-banana', prompt: 'a cat' });
    expect(seen[0]!.url).toBe(`https://proxy.example/toapis${GENERATIONS}`);
    expect(seen[0]!.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-trace': 'abc' });
    expect(tasks[0]).toMatchObject({ taskId: 't1' });
    expect(tasks[0]!.pollUrl).toBeUndefined(); // polls are built from the base URL, so the handle carries none
  });

  it('lets an explicit Authorization header replace the key (e.g. a proxy credential)', async () => {
    const seen: HttpRequest[] = [];
    const transport = async (request: HttpRequest) => {
      seen.push(request);
      return { status: 200, headers: {}, body: new TextEncoder().encode(JSON.stringify(taskCreated('t1'))) };
    };
    const p = createToApis({ apiKey: '', headers: { Authorization: 'Bearer proxy-token-123456' }, transport });
    await submitImage({ provider: p, model: 'nano-banana', prompt: 'a cat' });
    expect(seen[0]!.headers.authorization).toBe('Bearer proxy-token-123456');
  });

  it('describes unlisted ids with the limits of their family, and refuses other ids', () => {
    const p = provider();
    const limits = (id: string) => {
      const { id: _id, name: _name, description: _description, ...rest } = p.describeModel!(id)!;
      return rest;
    };
    const listed = (id: string) => {
      const {
        id: _id,
        name: _name,
        description: _description,
        aliases: _aliases,
        docsUrl: _docsUrl,
        // A listed model's price is its own: an unlisted id is not priced by its family's.
        price: _price,
        ...rest
      } = TOAPIS_MODELS.find((m) => m.id === id)!;
      return rest;
    };
    expect(p.describeModel?.('gemini-3.1-flash-image-preview-vip')).toMatchObject({
      id: 'gemini-3.1-flash-image-preview-vip',
      description: expect.stringContaining("gemini-3-pro-image-preview's limits"),
    });
    expect(limits('gemini-3.1-flash-image-preview-vip')).toEqual(listed('gemini-3-pro-image-preview'));
    expect(limits('doubao-seedream-4-0-250828')).toEqual(listed('doubao-seedream-4-5'));
    expect(limits('flux-kontext-dev')).toEqual(listed('flux-kontext-pro'));
    // auto is documented per id (the VIP page refuses it): an unlisted id gets its family's ratios without it.
    const { sizes: vipSizes, ...vip } = limits('gpt-image-2-vip');
    const { sizes: gptSizes, ...gpt } = listed('gpt-image-2');
    expect(vip).toEqual(gpt);
    expect(vipSizes).toEqual({
      kind: 'aspect-ratio',
      values: (gptSizes.kind === 'aspect-ratio' ? gptSizes.values : []).filter((v) => v !== 'auto'),
    });
    expect(limits('gemini-2.5-flash-image')).toEqual(listed('gemini-2.5-flash-image-preview'));
    expect(p.describeModel?.('gemini-2.5-flash-image')).not.toHaveProperty('aliases');
    expect(p.describeModel?.('no-such-model-xyz')).toBeUndefined();
    expect(p.describeModel?.('gpt-4o')).toBeUndefined();
    expect(p.describeModel?.('flux image; rm -rf')).toBeUndefined();
  });

  it('sends nothing while being created', () => {
    createToApis({
      apiKey: KEY,
      transport: async () => {
        throw new Error('no request expected');
      },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('toApisProviderOptionsSchema', () => {
  it('accepts metadata and uploadPurpose, refuses unknown keys', () => {
    expect(toApisProviderOptionsSchema.parse({ metadata: { resolution: '1K' }, uploadPurpose: 'reference' })).toEqual({
      metadata: { resolution: '1K' },
      uploadPurpose: 'reference',
    });
    expect(toApisProviderOptionsSchema.safeParse({ size: '1:1' }).success).toBe(false);
    expect(toApisProviderOptionsSchema.safeParse({ metadata: [] }).success).toBe(false);
  });
});
