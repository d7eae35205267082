import { describe, expect, it } from 'vitest';
import { FAKE_MODELS } from '@imagegate/testing';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Price } from '../spec/price.js';
import { checkManifest } from './check-manifest.js';
import { describePrice, formatMoney } from './describe-price.js';
import { costOfUsage, priceFor } from './price-of.js';

const model = (price: unknown): ModelSpec => ({ ...FAKE_MODELS[0]!, aliases: ['fake-alias'], price: price as Price });
const dated = { currency: 'USD', source: 'https://vendor.example/pricing', asOf: '2026-09-25' };

describe('prices in a manifest', () => {
  it('must be well formed, sourced, dated, and priced by values the model takes', () => {
    const problems = (price: unknown) =>
      checkManifest({ id: 'p', name: 'P', models: [model(price)] }).map((p) => p.replace('fake-sync: ', ''));
    expect(problems({ per: 'image', amount: 0.04, ...dated })).toEqual([]);
    expect(problems({ per: 'image', amount: 0.04, currency: 'USD' })).toEqual([
      'price.source must name the pricing page it was read from',
      'price.asOf must give the day it was read (YYYY-MM-DD)',
    ]);
    expect(problems({ per: 'image', by: 'quality', amounts: { low: 0.01, ultra: 0.2 }, ...dated })).toEqual([
      'price.amounts lists quality "ultra", which the model does not take',
    ]);
    expect(problems({ per: 'image', by: 'size', amounts: { '999x999': 1 }, ...dated })).toEqual([
      'price.amounts lists size "999x999", which the model does not take',
    ]);
    expect(problems({ per: 'million-tokens', input: 5, ...dated })).toEqual([
      'price.output: it must be a number, 0 or more',
    ]);
  });
});

describe('priceFor and costOfUsage', () => {
  it("finds the caller's price by the model's id or alias before the manifest's", () => {
    const own = { per: 'image', amount: 1, currency: 'EUR' } as const;
    expect(priceFor(model({ per: 'image', amount: 0.04, ...dated }), { 'fake-alias': own })).toEqual({
      price: own,
      basis: 'override',
    });
    expect(priceFor(model(undefined))).toBeUndefined();
  });

  it('reports no cost when the usage lacks what the rule needs', () => {
    const perToken = model({ per: 'million-tokens', input: 5, output: 40, ...dated });
    expect(costOfUsage(perToken, { inputTokens: 10, images: 1 }, undefined, '2026-12-07')).toBeUndefined();
    const byQuality = model({ per: 'image', by: 'quality', amounts: { high: 0.2 }, ...dated });
    expect(costOfUsage(byQuality, { images: 2, quality: 'low' }, undefined, '2026-12-07')).toBeUndefined();
    expect(costOfUsage(byQuality, { images: 2, quality: 'high' }, undefined, '2026-12-07')?.amount).toBe(0.4);
  });
});

describe('describePrice', () => {
  it('says a price in a few words, as vendors write money', () => {
    expect(describePrice({ per: 'image', amount: 0.04, ...dated })).toBe('$0.04 per image');
    expect(describePrice({ per: 'image', by: 'resolution', amounts: { '1K': 0.0804, '4K': 0.144 }, ...dated })).toBe(
      '$0.0804 per image at 1K, $0.144 at 4K',
    );
    expect(describePrice({ per: 'million-tokens', input: 6.4, output: 24, ...dated })).toBe(
      '$6.40 in / $24.00 out per 1M tokens',
    );
    expect(formatMoney(0.5, 'EUR')).toBe('0.50 EUR');
    expect(formatMoney(0.0047552, 'USD')).toBe('$0.0047552');
    expect(formatMoney(3e-7, 'USD')).toBe('$0.0000003');
    expect(formatMoney(12, 'USD')).toBe('$12.00');
  });
});
