import { InvalidArgumentError, type ImageModelV4CallOptions } from '@ai-sdk/provider';
import { createFakeProvider } from '@imagegate/testing';
import { describe, expect, it } from 'vitest';
import { imagegate } from './index.js';

/** Options as a caller of doGenerate (the AI SDK or anyone) might hand them, values of any type. */
const call = (overrides: Record<string, unknown>) =>
  ({ prompt: 'a cat', n: 1, providerOptions: {}, ...overrides }) as unknown as ImageModelV4CallOptions;

describe('doGenerate with values of the wrong type: an InvalidArgumentError naming them, never a TypeError', () => {
  it.each([
    [{ size: 42 }, 'size'],
    [{ aspectRatio: { w: 16 } }, 'aspectRatio'],
    [{ n: 'two' }, 'n'],
    [{ n: 0 }, 'n'],
    [{ prompt: undefined }, 'prompt'],
    [{ prompt: 7 }, 'prompt'],
    [{ files: 'photo.png' }, 'files'],
    [{ files: [{ type: 'file', mediaType: 'image/png', data: 5 }] }, 'files[0]'],
    [{ files: [null] }, 'files[0]'],
    [{ files: [{ type: 'file', mediaType: 'image/png', data: 'bm90IGFuIGltYWdl' }] }, 'files[0]'],
    [{ mask: 'yes' }, 'mask'],
    [{ seed: 'x' }, 'seed'],
    [{ headers: { 'x-a': 7 } }, 'headers.x-a'],
    [{ providerOptions: { imagegate: 'high' } }, 'providerOptions.imagegate'],
    [{ providerOptions: { imagegate: { quality: ['low'] } } }, 'providerOptions.imagegate.quality'],
    [{ abortSignal: 'stop' }, 'abortSignal'],
  ])('%j → %s', async (overrides, argument) => {
    const fake = createFakeProvider();
    const model = imagegate(fake).imageModel('fake-sync');
    const error = await Promise.resolve(model.doGenerate(call(overrides))).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(fake.vendor.requests).toHaveLength(0);
  });

  it('no options at all', async () => {
    const model = imagegate(createFakeProvider()).imageModel('fake-sync');
    const error = await Promise.resolve(model.doGenerate(undefined as never)).catch((e: unknown) => e);
    expect(error).toMatchObject({ argument: 'options' });
  });
});
