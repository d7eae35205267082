import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { createFakeProvider, FAKE_MODELS, type FakeProviderOptions } from '@imagegate/testing';
import { estimateCost, generateImage, submitImage, waitForTask } from '../index.js';
import type { Price } from '../spec/price.js';

const SOURCE = 'https://vendor.example/pricing';
const BY_SIZE: Price = {
  per: 'image',
  by: 'size',
  amounts: { '512x512': 0.01, '1024x1024': 0.04 },
  currency: 'USD',
  source: SOURCE,
  asOf: '2026-09-25',
};
const PER_TOKEN: Price = {
  per: 'million-tokens',
  input: 5,
  output: 40,
  currency: 'USD',
  source: SOURCE,
  asOf: '2026-09-25',
};

/** The fake provider with prices in its manifest. */
function pricedProvider(prices: { sync?: Price; async?: Price }, options: FakeProviderOptions = {}) {
  const provider = createFakeProvider(options);
  const models = FAKE_MODELS.map((m) => {
    const price = m.id === 'fake-sync' ? prices.sync : prices.async;
    return price ? { ...m, price } : m;
  });
  return Object.assign(provider, { models });
}

describe('estimateCost', () => {
  it('prices every image a request asks for, fan-out included, sending nothing', () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    const estimate = estimateCost({ provider, model: 'fake-sync', prompt: 'a cat', n: 6, size: '512x512' });
    expect(estimate).toEqual({
      amount: 0.06,
      currency: 'USD',
      basis: 'price-table',
      asOf: '2026-09-25',
      source: SOURCE,
    });
    // Unset size: the model's default size is what the vendor makes, so it is what is priced.
    expect(estimateCost({ provider, model: 'fake-sync', prompt: 'a cat' })?.amount).toBe(0.04);
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it('gives no figure where the price is not known beforehand', () => {
    const provider = pricedProvider({ sync: BY_SIZE, async: PER_TOKEN });
    // A size the page lists no price for, a per-token price, and a model without any price.
    expect(estimateCost({ provider, model: 'fake-sync', prompt: 'a cat', size: '256x256' })).toBeUndefined();
    expect(estimateCost({ provider, model: 'fake-async', prompt: 'a cat' })).toBeUndefined();
    expect(estimateCost({ provider: createFakeProvider(), model: 'fake-sync', prompt: 'a cat' })).toBeUndefined();
  });

  it("takes the caller's prices over the manifest's, by id or alias, dated the day of the call when undated", () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    const estimate = estimateCost({
      provider,
      model: 'fake-sync',
      prompt: 'a cat',
      n: 3,
      prices: { 'fake-sync': { per: 'image', amount: 0.015, currency: 'USD' } },
      now: () => Date.parse('2026-12-07T10:00:00Z'),
    });
    expect(estimate).toEqual({ amount: 0.045, currency: 'USD', basis: 'override', asOf: '2026-12-07' });
  });

  it('validates the request and the prices as the call would, naming the field', async () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    const bad = [
      [{ size: '999x999' }, 'size'],
      [{ prices: { 'fake-sync': { per: 'image', amount: -1, currency: 'USD' } } }, 'prices.fake-sync.amount'],
      [{ prices: { 'fake-sync': { per: 'image', amount: 1, currency: 'dollars' } } }, 'prices.fake-sync.currency'],
      [{ prices: { 'fake-sync': { per: 'image', by: 'tier', amounts: {}, currency: 'USD' } } }, 'prices.fake-sync.by'],
      [{ prices: { 'fake-sync': { per: 'month', currency: 'USD' } } }, 'prices.fake-sync.per'],
      [
        { prices: { 'fake-sync': { per: 'image', amount: 1, currency: 'USD', asOf: '2026-02-30' } } },
        'prices.fake-sync.asOf',
      ],
      [{ prices: 'cheap' }, 'prices'],
      [{ maxCost: -0.01 }, 'maxCost'],
      [{ maxCost: '1' }, 'maxCost'],
      [{ maxCost: Number.NaN }, 'maxCost'],
    ] as const;
    for (const [extra, field] of bad) {
      const error = await failure(
        Promise.resolve().then(() =>
          estimateCost({ provider, model: 'fake-sync', prompt: 'a cat', ...(extra as object) }),
        ),
      );
      expect([error.code, error.field]).toEqual(['INVALID_REQUEST', field]);
    }
    // A price object that throws when read is a problem with that price, not a TypeError.
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    const error = await failure(
      Promise.resolve().then(() =>
        estimateCost({ provider, model: 'fake-sync', prompt: 'a cat', prices: { 'fake-sync': hostile as Price } }),
      ),
    );
    expect([error.code, error.field]).toEqual(['INVALID_REQUEST', 'prices.fake-sync']);
  });
});

describe('maxCost', () => {
  it('refuses a call estimated above it before any request, naming maxCost, the estimate and the model', async () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    for (const call of [generateImage, submitImage]) {
      const error = await failure(call({ provider, model: 'fake-sync', prompt: 'a cat', n: 3, maxCost: 0.1 }));
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.field).toBe('maxCost');
      expect(error.model).toBe('fake-sync');
      expect(error.message).toContain('"maxCost" is 0.1');
      expect(error.message).toContain('3 images of fake-sync is estimated at 0.12 USD');
      expect(error.message).toContain('Nothing was sent');
    }
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it('refuses when no estimate can be made: a limit that cannot be checked is not a limit', async () => {
    const provider = pricedProvider({ async: PER_TOKEN });
    const error = await failure(generateImage({ provider, model: 'fake-async', prompt: 'a cat', maxCost: 10 }));
    expect(error.field).toBe('maxCost');
    expect(error.message).toContain('priced per token');
    const none = await failure(generateImage({ provider, model: 'fake-sync', prompt: 'a cat', maxCost: 10 }));
    expect(none.message).toContain('no price is known for fake-sync');
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it('lets a call at or under the limit through', async () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    const result = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat', n: 2, maxCost: 0.08 });
    expect(result.images).toHaveLength(2);
    expect(result.cost?.amount).toBe(0.08);
  });
});

describe('cost and usage on results', () => {
  it('prices the images made by the price table, with the tier, size and count in usage', async () => {
    const provider = pricedProvider({ sync: BY_SIZE });
    const result = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat', n: 6, size: '512x512' });
    expect(result.usage).toEqual({
      inputTokens: 20,
      outputTokens: 600,
      images: 6,
      size: '512x512',
      pixels: '512x512',
    });
    expect(result.cost).toEqual({
      amount: 0.06,
      currency: 'USD',
      basis: 'price-table',
      asOf: '2026-09-25',
      source: SOURCE,
    });
  });

  it('prices tokens by a per-token rule, from the tokens the vendor reported', async () => {
    const provider = pricedProvider({ sync: PER_TOKEN });
    const result = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat', n: 2 });
    // The fake vendor reports 10 input and 100 output tokens per image: (10 × 5 + 200 × 40) / 1e6.
    expect(result.usage).toMatchObject({ inputTokens: 10, outputTokens: 200 });
    expect(result.cost?.amount).toBe(0.00805);
  });

  it("takes a charge the vendor's answer states over any price", async () => {
    const provider = pricedProvider({ sync: BY_SIZE }, { chargePerImage: { amount: 0.033, currency: 'USD' } });
    const result = await generateImage({
      provider,
      model: 'fake-sync',
      prompt: 'a cat',
      n: 6,
      now: () => Date.parse('2026-12-07T10:00:00Z'),
    });
    expect(result.usage?.charge).toEqual({ amount: 0.198, currency: 'USD' });
    expect(result.cost).toEqual({ amount: 0.198, currency: 'USD', basis: 'vendor', asOf: '2026-12-07' });
  });

  it('carries no cost where nothing is known', async () => {
    const provider = createFakeProvider();
    const result = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat' });
    expect(result.usage).toMatchObject({ images: 1, size: '1024x1024' });
    expect(result).not.toHaveProperty('cost');
  });

  it('prices a task collected by its handle from the images it made', async () => {
    const flat: Price = { per: 'image', amount: 0.05, currency: 'USD', source: SOURCE, asOf: '2026-05-02' };
    const provider = pricedProvider({ async: flat }, { mode: 'async', pollsUntilDone: 0 });
    const { tasks, usage } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
    expect(usage).toBeUndefined();
    const result = await waitForTask({ provider, task: tasks[0]!, poll: { initialDelayMs: 0, intervalMs: 1 } });
    expect(result.usage?.images).toBe(1);
    expect(result.cost).toMatchObject({ amount: 0.05, basis: 'price-table', asOf: '2026-05-02' });
  });

  it('prices a task collected later by the tier or size its handle keeps from the submit', async () => {
    const provider = pricedProvider({ async: BY_SIZE }, { mode: 'async', pollsUntilDone: 0 });
    const { tasks } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat', size: '512x512' });
    expect(tasks[0]!.request).toEqual({ size: '512x512' });
    // As a workflow stores it: plain JSON, collected in another process.
    const task = JSON.parse(JSON.stringify(tasks[0]));
    const result = await waitForTask({ provider, task, poll: { initialDelayMs: 0, intervalMs: 1 } });
    expect(result.usage).toMatchObject({ images: 1, size: '512x512' });
    expect(result.cost).toMatchObject({ amount: 0.01, basis: 'price-table' });
  });

  it("checks a handed-back handle's request fields, and prices nothing by a value that is not a price", async () => {
    const provider = pricedProvider({ async: BY_SIZE }, { mode: 'async', pollsUntilDone: 0 });
    const { tasks } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat' });
    const bad = { ...tasks[0]!, request: { size: 512 } } as unknown as (typeof tasks)[0];
    const error = await failure(waitForTask({ provider, task: bad! }));
    expect([error.code, error.field]).toEqual(['INVALID_REQUEST', 'task.request.size']);
    const odd = { ...tasks[0]!, request: { size: '__proto__' } };
    const result = await waitForTask({ provider, task: odd, poll: { initialDelayMs: 0, intervalMs: 1 } });
    expect(result.usage?.size).toBe('__proto__');
    expect(result).not.toHaveProperty('cost');
  });
});
