import { estimateCost, generateImage, type GenerateImageOptions } from '@imagegate/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGptProto, GPTPROTO_MODELS } from '../src/index.js';
import { describeGptProtoModel } from '../src/gptproto-models.js';
import { startGptProtoEmulator, type GptProtoEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-emulator-prices-5d2f71';
let emu: GptProtoEmulator;
beforeAll(async () => {
  emu = await startGptProtoEmulator({ apiKey: KEY, taskDurationMs: 50 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = () => createGptProto({ baseUrl: emu.url, apiKey: KEY });
const poll = { initialDelayMs: 20, intervalMs: 20, jitterMs: 0 };
type Request = Omit<GenerateImageOptions, 'provider' | 'prompt' | 'model'>;
const options = (request: Request & { model: string }): GenerateImageOptions => ({
  provider: provider(),
  prompt: 'a lighthouse at dusk',
  poll,
  ...request,
});
const page = (path: string) => `https://gptproto.com/model/${path}`;

describe('GPTProto prices', () => {
  it('gives every priced model a gptproto.com page and a date; the others none', () => {
    const priced = GPTPROTO_MODELS.filter((m) => m.price);
    expect(priced.map((m) => m.id)).toEqual([
      'gpt-image-1',
      'gpt-image-1-mini',
      'gpt-image-1.5',
      'gpt-image-2',
      'gemini-2.5-flash-image',
      'gemini-3-pro-image-preview',
      'gemini-3.1-flash-image-preview',
      'gemini-2.5-flash-image-hd',
      'seedream-4-0-250828',
      'seedream-4-5-251128',
      'seedream-5-0-260128',
      'flux-kontext-pro',
      'flux-kontext-max',
    ]);
    for (const { id, price } of priced) {
      expect(price!.source, id).toMatch(/^https:\/\/gptproto\.com\/model\/[\w-]+\/[\w.-]+$/);
      expect(price!.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(price!.currency, id).toBe('USD');
      expect(price!.note, id).toContain("GPTProto's published rate");
    }
    // A model run "by ID" is not priced by the listed model whose limits it borrows.
    expect(describeGptProtoModel('gpt-image-3')?.price).toBeUndefined();
    expect(describeGptProtoModel('seedream-6-0-270101')?.price).toBeUndefined();
  });

  // The estimate before the call, the cost on its result after, and the page's figure agree.
  it.each<[string, Request, number, string]>([
    ['gemini-2.5-flash-image', { n: 2 }, 0.0468, 'google/gemini-2.5-flash-image'],
    ['gemini-2.5-flash-image-hd', {}, 0.03, 'google/gemini-2.5-flash-image-hd'],
    ['gemini-3-pro-image-preview', { resolution: '2K', size: '16:9' }, 0.0804, 'google/gemini-3-pro-image-preview'],
    ['gemini-3.1-flash-image-preview', {}, 0.0402, 'google/gemini-3.1-flash-image-preview'],
    ['seedream-4-0-250828', { size: '1024x1024' }, 0.0255, 'bytedance/seedream-4-0-250828'],
    ['seedream-4-5-251128', {}, 0.034, 'bytedance/seedream-4-5-251128'],
    ['seedream-5-0-260128', {}, 0.02975, 'bytedance/seedream-5-0-260128'],
    ['flux-kontext-pro', { n: 2 }, 0.064, 'flux/flux-kontext-pro'],
    ['flux-kontext-max', {}, 0.064, 'flux/flux-kontext-max'],
  ])('%s %j: estimated and charged at $%s', async (model, request, amount, path) => {
    const expected = { amount, currency: 'USD', basis: 'price-table', asOf: '2026-09-25', source: page(path) };
    expect(estimateCost(options({ model, ...request }))).toEqual(expected);
    const result = await generateImage(options({ model, ...request, maxCost: amount }));
    expect(result.images).toHaveLength(request.n ?? 1);
    expect(result.cost).toEqual(expected);
  });

  it('prices every tier its pages list', () => {
    const tiers = (model: string) =>
      ['1K', '2K', '4K'].map((resolution) => estimateCost(options({ model, resolution }))?.amount);
    expect(tiers('gemini-3-pro-image-preview')).toEqual([0.0804, 0.0804, 0.144]);
    expect(tiers('gemini-3.1-flash-image-preview')).toEqual([0.0402, 0.0606, 0.0906]);
  });

  // Per million tokens (input, output), as each page states them.
  it.each<[string, number, number]>([
    ['gpt-image-1', 7, 28],
    ['gpt-image-1-mini', 1.75, 5.6],
    ['gpt-image-1.5', 5.6, 22.4],
    ['gpt-image-2', 6.4, 24],
  ])(
    '%s: no estimate before the call; the cost is the tokens the answer reported × $%s in / $%s out per 1M',
    async (model, input, output) => {
      expect(estimateCost(options({ model }))).toBeUndefined();
      const result = await generateImage(options({ model, n: 2, size: '1024x1024', quality: 'low' }));
      const { inputTokens, outputTokens } = result.usage!;
      // The emulator's count, as OpenAI publishes it: 272 output tokens per low-quality 1024×1024 image.
      expect(outputTokens).toBe(2 * 272);
      const amount = Math.round((inputTokens! * input + outputTokens! * output) * 1e3) / 1e9;
      expect(result.cost).toEqual({
        amount,
        currency: 'USD',
        basis: 'price-table',
        asOf: '2026-09-25',
        source: page(`openai/${model}`),
      });
      // maxCost cannot be checked before a per-token call: refused, nothing sent.
      emu.reset();
      const refused = await failure(generateImage(options({ model, maxCost: 1 })));
      expect([refused.code, refused.field]).toEqual(['INVALID_REQUEST', 'maxCost']);
      expect(refused.message).toContain('priced per token');
      expect(emu.requests).toHaveLength(0);
    },
  );

  it("takes the caller's per-image price over the page's per-token rates, so maxCost applies", async () => {
    const prices = { 'gpt-image-2': { per: 'image', amount: 0.05, currency: 'USD' } } as const;
    const result = await generateImage(options({ model: 'gpt-image-2', n: 2, prices, maxCost: 0.1 }));
    expect(result.cost).toMatchObject({ amount: 0.1, basis: 'override' });
  });
});
