import { InvalidArgumentError } from '@ai-sdk/provider';
import { createFakeProvider, FAKE_MODELS } from '@imagegate/testing';
import { generateImage } from 'ai';
import { describe, expect, it } from 'vitest';
import { imagegate } from './index.js';

/** The fake provider with a per-image price on its synchronous model. */
function priced() {
  const provider = createFakeProvider();
  const price = {
    per: 'image',
    amount: 0.04,
    currency: 'USD',
    source: 'https://vendor.example/pricing',
    asOf: '2026-09-25',
  } as const;
  return Object.assign(provider, { models: FAKE_MODELS.map((m) => (m.id === 'fake-sync' ? { ...m, price } : m)) });
}

describe('cost through the AI SDK', () => {
  it("gives each call's usage and cost in providerMetadata.imagegate, by the caller's prices when given", async () => {
    const provider = priced();
    const result = await generateImage({
      model: imagegate(provider, { prices: { 'fake-sync': { per: 'image', amount: 0.03, currency: 'USD' } } }).image(
        'fake-sync',
      ),
      prompt: 'a lighthouse',
      n: 2,
    });
    expect(result.images).toHaveLength(2);
    const metadata = result.calls[0]!.providerMetadata?.imagegate as Record<string, unknown>;
    expect(metadata.cost).toMatchObject({ amount: 0.06, currency: 'USD', basis: 'override' });
    expect(metadata.usage).toMatchObject({ images: 2, size: '1024x1024', inputTokens: 10, outputTokens: 200 });
  });

  it('refuses a call over maxCost before any request, naming the setting', async () => {
    const provider = priced();
    const error = await generateImage({
      model: imagegate(provider, { maxCost: 0.05 }).image('fake-sync'),
      prompt: 'a lighthouse',
      n: 2,
    }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('imagegate() settings.maxCost');
    expect((error as Error).message).toContain('estimated at 0.08 USD');
    expect(provider.vendor.requests).toHaveLength(0);
  });
});
