import { describe, expect, it } from 'vitest';
import { ImageGateError, type ImageRequest, type ModelSpec } from '../index.js';
import { validateRequest } from './validate-request.js';
import { PNG_16 } from '@imagegate/testing';

const model: ModelSpec = {
  id: 'gpt-image-2',
  name: 'GPT Image 2',
  operations: ['generate', 'edit'],
  sizes: {
    kind: 'pixels',
    presets: ['1024x1024', '1536x1024'],
    auto: true,
    custom: { multipleOf: 16, maxEdge: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxAspectRatio: 3 },
  },
  maxImagesPerCall: 10,
  maxImages: 10,
  inputImages: { max: 2, maxBytes: 1000, mimeTypes: ['image/png', 'image/webp'], acceptsUrls: false, mask: true },
  maxPromptLength: 20,
  options: {
    quality: ['low', 'high'],
    outputFormat: ['png', 'jpeg', 'webp'],
    outputCompression: { min: 0, max: 100, formats: ['jpeg', 'webp'] },
  },
  async: false,
  output: { delivery: 'bytes' },
};

function failure(request: Partial<ImageRequest>): ImageGateError {
  try {
    validateRequest({ model: model.id, prompt: 'a cat', ...request }, model, { provider: 'Test' });
  } catch (error) {
    if (ImageGateError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateRequest', () => {
  it('accepts a request within every limit', () => {
    expect(() =>
      validateRequest({ model: model.id, prompt: 'a cat', size: '2048x1152', n: 3, quality: 'high' }, model, {
        provider: 'T',
      }),
    ).not.toThrow();
    expect(() =>
      validateRequest({ model: model.id, prompt: 'a cat', size: 'auto' }, model, { provider: 'T' }),
    ).not.toThrow();
  });

  it.each([
    [{ prompt: '' }, 'prompt', /non-empty/],
    [{ prompt: 'x'.repeat(21) }, 'prompt', /21 characters; gpt-image-2 accepts at most 20/],
    [{ n: 0 }, 'n', /from 1 to 10/],
    [{ n: 11 }, 'n', /from 1 to 10/],
    [{ n: 1.5 }, 'n', /whole number/],
    [{ size: '16:9' }, 'size', /auto, 1024x1024, 1536x1024, or any WxH/],
    [{ size: '1000x1000' }, 'size', /multiples of 16/],
    [{ size: '4096x1024' }, 'size', /longest side must be at most 3840/],
    [{ size: '512x512' }, 'size', /between 655,360 and 8,294,400/],
    [{ size: '3840x1024' }, 'size', /aspect ratio must be at most 3:1/],
    [{ quality: 'ultra' }, 'quality', /one of low, high .* got "ultra"/],
    [{ background: 'transparent' }, 'background', /does not take "background"/],
    [{ outputCompression: 101 }, 'outputCompression', /from 0 to 100/],
    [{ outputFormat: 'png', outputCompression: 50 }, 'outputCompression', /only to output formats jpeg, webp/],
    [
      { images: [1, 2, 3].map(() => ({ data: PNG_16, mimeType: 'image/png' })) },
      'images',
      /at most 2 input images; got 3/,
    ],
    [
      { images: [{ data: new Uint8Array([...PNG_16, ...new Uint8Array(1000)]), mimeType: 'image/png' }] },
      'images[0]',
      /at most 1000 bytes per image/,
    ],
    [
      { images: [{ data: new TextEncoder().encode('GIF89a\x10\x00\x10\x00'), mimeType: 'image/png' }] },
      'images[0]',
      /is image\/gif \(labelled image\/png\); gpt-image-2 accepts image\/png, image\/webp/,
    ],
    [
      { images: [{ data: new TextEncoder().encode('just text'), mimeType: 'image/png' }] },
      'images[0]',
      /"images\[0\]\.data" is not a PNG, JPEG, WebP or GIF image/,
    ],
    [{ images: 'https://x.test/a.png' as never }, 'images', /must be an array .* got a string/],
    [{ images: { data: PNG_16 } as never }, 'images', /must be an array .* got an object/],
    [{ images: [null as never] }, 'images[0]', /must be \{ data, mimeType \} or \{ url \}; got null/],
    [
      { images: [{ data: PNG_16, mimeType: 'image/png' }], mask: 'mask.png' as never },
      'mask',
      /must be \{ data, mimeType \} or \{ url \}; got a string/,
    ],
    [{ images: [{ url: 'https://x.test/a.png' }] }, 'images[0]', /as bytes, not URLs/],
  ] as Array<[Partial<ImageRequest>, string, RegExp]>)('rejects %o naming %s', (request, field, message) => {
    const error = failure(request);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(['INVALID_REQUEST', 'UNSUPPORTED']).toContain(error.code);
  });

  it('sends input images as the type their bytes have, whatever the label', () => {
    const sent = validateRequest(
      { model: model.id, prompt: 'a cat', images: [{ data: PNG_16, mimeType: 'image/webp' }] },
      model,
      { provider: 'T' },
    );
    expect(sent.images![0]).toMatchObject({ mimeType: 'image/png', data: PNG_16 });
  });

  it('rejects an edit on a generate-only model as UNSUPPORTED', () => {
    const error = (() => {
      try {
        validateRequest(
          { model: 'g', prompt: 'a', images: [{ data: PNG_16, mimeType: 'image/png' }] },
          { ...model, id: 'g', operations: ['generate'] },
          { provider: 'T' },
        );
      } catch (e) {
        return e as ImageGateError;
      }
    })();
    expect(error?.code).toBe('UNSUPPORTED');
    expect(error?.message).toMatch(/does not support edits/);
  });
});

describe('masks', () => {
  const png = { data: PNG_16, mimeType: 'image/png' };
  it('are refused for a model that declares none, and need images', () => {
    const noMask: ModelSpec = { ...model, inputImages: { ...model.inputImages!, mask: undefined } };
    expect(() =>
      validateRequest({ model: model.id, prompt: 'a', images: [png], mask: png }, noMask, { provider: 'T' }),
    ).toThrow(/gpt-image-2 takes no mask; describe the area to change in the prompt\./);
    expect(() => validateRequest({ model: model.id, prompt: 'a', mask: png }, model, { provider: 'T' })).toThrow(
      /"mask" needs "images"/,
    );
    expect(
      validateRequest({ model: model.id, prompt: 'a', images: [png], mask: png }, model, { provider: 'T' }).mask,
    ).toEqual(png);
  });
});

describe('URL-only input images', () => {
  it('refuses bytes naming the field and saying to pass a URL, and takes URLs', () => {
    const urlsOnly: ModelSpec = {
      ...model,
      inputImages: { ...model.inputImages!, acceptsUrls: true, acceptsBytes: false },
    };
    const bytes = { data: PNG_16, mimeType: 'image/png' };
    expect(() =>
      validateRequest({ model: model.id, prompt: 'a', images: [{ url: 'https://x.test/a.png' }, bytes] }, urlsOnly, {
        provider: 'T',
      }),
    ).toThrow(/gpt-image-2 takes input images as URLs only \(\{ url \}\), not bytes \("images\[1\]"\)/);
    expect(
      validateRequest({ model: model.id, prompt: 'a', images: [{ url: 'https://x.test/a.png' }] }, urlsOnly, {
        provider: 'T',
      }).images,
    ).toHaveLength(1);
  });
});

describe('custom sizes by side: a minimum side and a step', () => {
  const flux: ModelSpec = {
    ...model,
    id: 'flux-pro',
    sizes: { kind: 'pixels', presets: ['1024x768'], custom: { multipleOf: 32, minEdge: 256, maxEdge: 1440 } },
  };
  const check = (size: string) => () =>
    validateRequest({ model: flux.id, prompt: 'a cat', size }, flux, { provider: 'Flux' });

  it.each(['256x256', '1440x1440', '256x1440', '1024x800'])('accepts %s', (size) => expect(check(size)).not.toThrow());

  it.each([
    ['224x512', /224x512 is not accepted: the shortest side must be at least 256 px/],
    ['1472x512', /the longest side must be at most 1440 px/],
    ['1000x512', /both sides must be multiples of 32 px/],
    ['16:9', /one of 1024x768, or any WxH with sides multiple of 32 and each side 256–1440 px/],
  ])('refuses %s before any request, naming the size and the rule', (size, message) => {
    let error: unknown;
    try {
      check(size)();
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'size' });
    expect((error as Error).message).toMatch(message);
  });

  it('is checked as a manifest: limits whole and in order', async () => {
    const { checkManifest } = await import('./check-manifest.js');
    const broken = {
      ...flux,
      sizes: { kind: 'pixels' as const, presets: [], custom: { multipleOf: 0, minEdge: 2000, maxEdge: 1440 } },
    };
    expect(checkManifest({ models: [broken] } as never).join('\n')).toMatch(
      /sizes\.custom\.multipleOf must be a whole number ≥ 1[\s\S]*sizes\.custom\.minEdge is above maxEdge/,
    );
  });
});
