import { estimateCost, generateImage, type GenerateImageOptions } from '@imagegate/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToApis, TOAPIS_MODELS } from '../src/index.js';
import { describeToApisModel } from '../src/toapis-models.js';
import { startToApisEmulator, type ToApisEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-toapis-prices-3c7e';
const poll = { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250, jitterMs: 0 };
let emu: ToApisEmulator;
beforeAll(async () => {
  // Tasks complete at the first poll: these tests are about what they cost, not timing.
  emu = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

type Request = Omit<GenerateImageOptions, 'provider' | 'prompt' | 'model'>;
const options = (request: Request & { model: string }): GenerateImageOptions => ({
  provider: createToApis({ baseUrl: emu.url, apiKey: KEY }),
  prompt: 'a lighthouse at dusk',
  poll,
  ...request,
});
const guide = (path: string) => `https://toapis.com/${path}`;

describe('ToAPIs prices', () => {
  it('gives every priced model a toapis.com page, a date and the list-price warning; the others none', () => {
    const priced = TOAPIS_MODELS.filter((m) => m.price);
    expect(priced.map((m) => m.id)).toEqual([
      'gemini-3-pro-image-preview',
      'gemini-3.1-flash-image-preview',
      'gpt-image-2',
      'flux-kontext-max',
    ]);
    for (const { id, price } of priced) {
      expect(price!.source, id).toMatch(/^https:\/\/toapis\.com\/[a-z-]+\/model-guide\/[\w.-]+$/);
      expect(price!.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(price!.currency, id).toBe('USD');
      expect(price!.note, id).toContain('bills by account pricing');
    }
    // A model run "by ID" is not priced by the listed model whose limits it borrows.
    expect(describeToApisModel('gpt-image-2-vip')?.price).toBeUndefined();
  });

  // The estimate before the call, the cost on its result after, and the page's figure agree.
  it.each<[string, Request, number, string, string]>([
    ['gpt-image-2', { resolution: '2K', n: 2 }, 0.04, '2026-12-07', 'ja/model-guide/gpt-image-2'],
    ['flux-kontext-max', {}, 0.04, '2026-05-02', 'en/model-guide/flux-kontext-max'],
    ['gemini-3-pro-image-preview', { resolution: '2K' }, 0.05, '2026-05-02', 'ko/model-guide/nano-banana-pro'],
    ['nano-banana-pro', {}, 0.05, '2026-05-02', 'ko/model-guide/nano-banana-pro'],
    ['gemini-3.1-flash-image-preview', { resolution: '2K' }, 0.03, '2026-12-07', 'ru/model-guide/nano_banana_2'],
  ])('%s %j: estimated and charged at $%s', async (model, request, amount, asOf, path) => {
    const expected = { amount, currency: 'USD', basis: 'price-table', asOf, source: guide(path) };
    expect(estimateCost(options({ model, ...request }))).toEqual(expected);
    const result = await generateImage(options({ model, ...request, maxCost: amount }));
    expect(result.images).toHaveLength(request.n ?? 1);
    expect(result.cost).toEqual(expected);
  });

  it('prices the tiers the pages list, and no other', () => {
    const tiers = (model: string, values: string[]) =>
      values.map((resolution) => estimateCost(options({ model, resolution }))?.amount);
    expect(tiers('gpt-image-2', ['1K', '2K', '4K'])).toEqual([0.015, 0.02, 0.025]);
    expect(tiers('gemini-3.1-flash-image-preview', ['0.5K', '1K', '2K', '4K'])).toEqual([undefined, 0.025, 0.03, 0.04]);
    // The nano-banana-pro page gives no 4K figure.
    expect(tiers('gemini-3-pro-image-preview', ['1K', '2K', '4K'])).toEqual([0.05, 0.05, undefined]);
  });

  it('refuses maxCost where no page gives the price, sending nothing; a caller price makes it checkable', async () => {
    const refused = await failure(
      generateImage(options({ model: 'gemini-3-pro-image-preview', resolution: '4K', maxCost: 1 })),
    );
    expect([refused.code, refused.field]).toEqual(['INVALID_REQUEST', 'maxCost']);
    expect(refused.message).toContain('lists no resolution "4K"');
    expect(emu.requests).toHaveLength(0);
    const prices = { 'nano-banana-pro': { per: 'image', amount: 0.045, currency: 'USD' } } as const;
    const result = await generateImage(options({ model: 'gemini-3-pro-image-preview', prices, maxCost: 0.05 }));
    expect(result.cost).toMatchObject({ amount: 0.045, basis: 'override' });
  });
});
