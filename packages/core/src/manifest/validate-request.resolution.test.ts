import { describe, expect, it } from 'vitest';
import { checkManifest, outputPixels } from '../provider.js';
import { ImageGateError, type ModelSpec } from '../index.js';
import { validateRequest } from './validate-request.js';

/** A Gemini 3 Pro-like model: aspect ratios and 1K/2K/4K tiers. */
const tiered: ModelSpec = {
  id: 'tiered',
  name: 'Tiered',
  operations: ['generate'],
  sizes: { kind: 'aspect-ratio', values: ['1:1', '16:9'] },
  defaultSize: '1:1',
  resolution: {
    values: ['1K', '2K', '4K'],
    default: '1K',
    pixels: { '1K': { '1:1': '1024x1024', '16:9': '1376x768' }, '2K': { '1:1': '2048x2048', '16:9': '2752x1536' } },
  },
  maxImagesPerCall: 1,
  maxImages: 1,
  options: {},
  async: false,
  output: { delivery: 'bytes' },
};
const untiered: ModelSpec = {
  ...tiered,
  id: 'untiered',
  resolution: undefined,
  sizes: { kind: 'aspect-ratio', values: ['1:1'], resolutions: { '1:1': '1024x1024' } },
};

function failure(model: ModelSpec, resolution: unknown): ImageGateError {
  try {
    validateRequest({ model: model.id, prompt: 'a cat', resolution: resolution as string }, model, {
      provider: 'test',
    });
  } catch (error) {
    if (ImageGateError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('resolution tiers', () => {
  it('keeps a listed tier and fills in the default when none is set', () => {
    expect(
      validateRequest({ model: 'tiered', prompt: 'a', resolution: '4K' }, tiered, { provider: 'test' }).resolution,
    ).toBe('4K');
    expect(validateRequest({ model: 'tiered', prompt: 'a' }, tiered, { provider: 'test' }).resolution).toBe('1K');
    expect(validateRequest({ model: 'untiered', prompt: 'a' }, untiered, { provider: 'test' })).not.toHaveProperty(
      'resolution',
    );
  });

  it.each([
    ['8K', /"resolution" must be one of 1K, 2K, 4K for tiered; got "8K"/],
    ['2k', /one of 1K, 2K, 4K .* got "2k"/],
    [2, /one of 1K, 2K, 4K .* got 2\./],
    [null, /got null/],
  ])('refuses %j naming the field and the tiers', (value, message) => {
    const error = failure(tiered, value);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'resolution', model: 'tiered', retryable: false });
    expect(error.message).toMatch(message);
  });

  it('refuses a tier for a model that takes none', () => {
    const error = failure(untiered, '2K');
    expect(error).toMatchObject({ code: 'UNSUPPORTED', field: 'resolution' });
    expect(error.message).toBe('untiered takes no "resolution"; its size is set by "size" alone.');
  });

  it('derives the output pixels from the manifest', () => {
    expect(outputPixels(tiered, { size: '16:9', resolution: '2K' })).toBe('2752x1536');
    expect(outputPixels(tiered)).toBe('1024x1024');
    expect(outputPixels(tiered, { size: '16:9', resolution: '4K' })).toBeUndefined();
    expect(outputPixels(untiered)).toBe('1024x1024');
    expect(outputPixels({ sizes: { kind: 'pixels', presets: ['1024x1536'], auto: true } }, { size: '1024x1536' })).toBe(
      '1024x1536',
    );
    expect(outputPixels({ sizes: { kind: 'pixels', presets: [], auto: true } }, { size: 'auto' })).toBeUndefined();
  });

  it('checkManifest finds a default that is not a tier, unknown tiers and sizes, and bad pixels', () => {
    const broken: ModelSpec = {
      ...tiered,
      resolution: {
        values: ['1K'],
        default: '2K',
        pixels: { '4K': { '1:1': '4096x4096' }, '1K': { '3:2': '1x1', '1:1': 'big' } },
      },
    };
    const provider = { id: 'p', name: 'P', models: [broken] };
    expect(checkManifest(provider)).toEqual([
      'tiered: resolution.default "2K" is not among 1K',
      'tiered: resolution.pixels lists "4K", which is not a tier',
      'tiered: resolution.pixels.1K lists "3:2", which is not among its sizes',
      'tiered: resolution.pixels.1K.1:1 "big" is not WxH',
    ]);
    expect(checkManifest({ id: 'p', name: 'P', models: [tiered] })).toEqual([]);
  });
});

describe('resolution tiers offered at some sizes only', () => {
  const partial: ModelSpec = {
    ...tiered,
    id: 'partial',
    sizes: { kind: 'aspect-ratio', values: ['1:1', '16:9', '9:16'] },
    resolution: { values: ['1K', '4K'], default: '1K', pixels: { '4K': { '16:9': '3840x2160', '9:16': '2160x3840' } } },
  };
  const check = (request: { size?: string; resolution?: string }) =>
    validateRequest({ model: 'partial', prompt: 'a', ...request }, partial, { provider: 'test' });

  it('accepts a listed size at that tier, and any size at a tier without a table', () => {
    expect(check({ size: '16:9', resolution: '4K' }).resolution).toBe('4K');
    expect(check({ size: '1:1', resolution: '1K' }).resolution).toBe('1K');
  });

  it('refuses a size the tier does not list, naming the sizes it does, also for the default size', () => {
    expect(() => check({ size: '1:1', resolution: '4K' })).toThrow(
      /"resolution" 4K is offered only at sizes 16:9, 9:16 for partial; "size" is 1:1\./,
    );
    expect(() => check({ resolution: '4K' })).toThrow(/"size" is 1:1/);
  });
});

describe('aliases', () => {
  it('resolveModel finds a model by an alias, and checkManifest refuses an alias that is another id', async () => {
    const { resolveModel } = await import('./resolve-model.js');
    const aliased: ModelSpec = { ...tiered, aliases: ['banana'] };
    expect(resolveModel({ models: [aliased] }, 'banana')!.id).toBe('tiered');
    expect(
      checkManifest({ id: 'p', name: 'P', models: [aliased, { ...untiered, aliases: ['tiered', 'banana'] }] }),
    ).toEqual([
      'untiered: alias "tiered" is the id of another model',
      'untiered: alias "banana" is already an alias of tiered',
    ]);
  });
});
