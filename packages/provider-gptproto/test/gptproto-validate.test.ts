import { generateImage, type ImageGateErrorCode } from '@imagegate/core';
import { encodePng } from '@imagegate/testing/fakes';
import { describe, expect, it } from 'vitest';
import { createGptProto } from '../src/index.js';
import { JPEG_16, KEY, PNG_32, PNG_64 } from './vendor-answers.js';
import { failure, provider, useNock, type Req } from './helpers.js';

// Every rule fails before any request: nock has no interceptor and the
// network is off, so a request would show up as an unmatched call (counted)
// or a NETWORK error instead of the expected code and field.
const net = useNock();

const png = (data = PNG_32) => ({ data, mimeType: 'image/png' });
const MB = 1024 * 1024;

type Case = [title: string, request: Req & Record<string, unknown>, field: string, code?: ImageGateErrorCode];

const cases: Case[] = [
  // prompt, model
  ['empty prompt', { model: 'gpt-image-1', prompt: '  ' }, 'prompt'],
  ['prompt over 32,000 characters on gpt-image', { model: 'gpt-image-1', prompt: 'x'.repeat(32_001) }, 'prompt'],
  ['unknown model', { model: 'dall-e-3' }, 'model'],
  // sizes
  ['Gemini size in pixels instead of a ratio', { model: 'gemini-2.5-flash-image', size: '1024x1024' }, 'size'],
  ['Gemini ratio not in the list', { model: 'gemini-2.5-flash-image', size: '7:3' }, 'size'],
  ['gpt-image-1 size that is not a preset', { model: 'gpt-image-1', size: '2048x2048' }, 'size'],
  ['gpt-image-2 side not a multiple of 16', { model: 'gpt-image-2', size: '1000x1000' }, 'size'],
  ['gpt-image-2 edge over 3840', { model: 'gpt-image-2', size: '4096x1024' }, 'size'],
  ['gpt-image-2 aspect ratio over 3:1', { model: 'gpt-image-2', size: '3200x1024' }, 'size'],
  ['gpt-image-2 under 655,360 pixels', { model: 'gpt-image-2', size: '768x768' }, 'size'],
  ['gpt-image-2 over 8,294,400 pixels', { model: 'gpt-image-2', size: '3840x2176' }, 'size'],
  // n
  ['n = 0', { model: 'gpt-image-1', n: 0 }, 'n'],
  ['n = 11 on gpt-image', { model: 'gpt-image-1', n: 11 }, 'n'],
  ['n not whole', { model: 'gpt-image-1', n: 1.5 }, 'n'],
  ['n = 5 on Gemini', { model: 'gemini-2.5-flash-image', n: 5 }, 'n'],
  // options
  ['unknown quality', { model: 'gpt-image-1', quality: 'ultra' }, 'quality'],
  ['quality on Gemini', { model: 'gemini-2.5-flash-image', quality: 'high' }, 'quality', 'UNSUPPORTED'],
  [
    'transparent background on gpt-image-2',
    { model: 'gpt-image-2', background: 'transparent', outputFormat: 'png' },
    'background',
  ],
  [
    'transparent background with jpeg',
    { model: 'gpt-image-1', background: 'transparent', outputFormat: 'jpeg' },
    'background',
  ],
  [
    'transparent background without an output format',
    { model: 'gpt-image-1', background: 'transparent' },
    'background',
  ],
  ['unknown moderation', { model: 'gpt-image-1', moderation: 'high' }, 'moderation'],
  ['unknown output format', { model: 'gpt-image-1', outputFormat: 'gif' }, 'outputFormat'],
  [
    'output compression over 100',
    { model: 'gpt-image-1', outputFormat: 'jpeg', outputCompression: 101 },
    'outputCompression',
  ],
  [
    'output compression with png',
    { model: 'gpt-image-1', outputFormat: 'png', outputCompression: 50 },
    'outputCompression',
  ],
  ['output compression without an output format', { model: 'gpt-image-1', outputCompression: 50 }, 'outputCompression'],
  ['seed (not a GPTProto parameter)', { model: 'gpt-image-1', seed: 1 }, 'seed', 'UNSUPPORTED'],
  // input images
  ['4 images on Gemini', { model: 'gemini-2.5-flash-image', images: [png(), png(), png(), png()] }, 'images'],
  ['17 images on gpt-image', { model: 'gpt-image-1', images: Array.from({ length: 17 }, () => png()) }, 'images'],
  [
    'image over 7 MB on Gemini',
    { model: 'gemini-2.5-flash-image', images: [{ data: new Uint8Array(7 * MB + 1), mimeType: 'image/png' }] },
    'images[0]',
  ],
  [
    'GIF input on Gemini',
    {
      model: 'gemini-2.5-flash-image',
      images: [{ data: new TextEncoder().encode('GIF89a\x20\x00\x20\x00'), mimeType: 'image/gif' }],
    },
    'images[0]',
  ],
  [
    'text labelled as a PNG',
    { model: 'gpt-image-2', images: [{ data: new TextEncoder().encode('not an image'), mimeType: 'image/png' }] },
    'images[0]',
  ],
  [
    'URL input (bytes only)',
    { model: 'gpt-image-1', images: [{ url: 'https://example.com/cat.png' }] },
    'images[0]',
    'UNSUPPORTED',
  ],
  // mask
  ['mask on Gemini', { model: 'gemini-2.5-flash-image', images: [png()], mask: png() }, 'mask', 'UNSUPPORTED'],
  ['mask without images', { model: 'gpt-image-1', mask: png() }, 'mask'],
  ['JPEG mask', { model: 'gpt-image-1', images: [png()], mask: { data: JPEG_16, mimeType: 'image/jpeg' } }, 'mask'],
  ['mask of another size than images[0]', { model: 'gpt-image-1', images: [png(PNG_64)], mask: png(PNG_32) }, 'mask'],
  [
    'mask over 4 MB',
    { model: 'gpt-image-1', images: [png()], mask: { data: new Uint8Array(4 * MB + 1), mimeType: 'image/png' } },
    'mask',
  ],
  // provider options
  ['unknown provider option', { model: 'gpt-image-1', providerOptions: { steam: true } }, 'providerOptions'],
  [
    'partialImages = 4',
    { model: 'gpt-image-1', providerOptions: { stream: true, partialImages: 4 } },
    'providerOptions.partialImages',
  ],
  [
    'partialImages without stream',
    { model: 'gpt-image-1', providerOptions: { partialImages: 2 } },
    'providerOptions.stream',
  ],
  [
    'onPartialImage that is not a function',
    { model: 'gpt-image-1', providerOptions: { stream: true, onPartialImage: 'log' } },
    'providerOptions.onPartialImage',
  ],
  ['empty user', { model: 'gpt-image-1', providerOptions: { user: '' } }, 'providerOptions.user'],
  [
    'unknown inputFidelity',
    { model: 'gpt-image-1', providerOptions: { inputFidelity: 'max' } },
    'providerOptions.inputFidelity',
  ],
  [
    'stream on Gemini',
    { model: 'gemini-2.5-flash-image', providerOptions: { stream: true } },
    'providerOptions.stream',
    'UNSUPPORTED',
  ],
  [
    'responseModalities on gpt-image',
    { model: 'gpt-image-1', providerOptions: { responseModalities: ['IMAGE'] } },
    'providerOptions.responseModalities',
    'UNSUPPORTED',
  ],
  [
    'responseModalities without IMAGE',
    { model: 'gemini-2.5-flash-image', images: [png()], providerOptions: { responseModalities: ['TEXT'] } },
    'providerOptions.responseModalities',
  ],
];

describe('invalid requests fail before any request, naming the field', () => {
  for (const [title, request, field, code = 'INVALID_REQUEST'] of cases) {
    it(title, async () => {
      const error = await failure(generateImage({ provider: provider(), prompt: 'a cat', maxRetries: 0, ...request }));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
      expect(error.message.length).toBeGreaterThan(20);
      expect(error.message).not.toContain(KEY);
      expect(net.unmatched()).toBe(0);
    });
  }

  it('a missing API key fails before any request, naming apiKey', async () => {
    const error = await failure(
      generateImage({ provider: createGptProto({ apiKey: ' ' }), model: 'gpt-image-1', prompt: 'x' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'apiKey' });
    expect(net.unmatched()).toBe(0);
  });

  it('messages say what is accepted', async () => {
    const size = await failure(
      generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'x', size: '3200x1024' }),
    );
    expect(size.message).toMatch(/aspect ratio must be at most 3:1/);
    const gemini = await failure(
      generateImage({ provider: provider(), model: 'gemini-2.5-flash-image', prompt: 'x', size: '2:1' }),
    );
    expect(gemini.message).toMatch(/1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9/);
    const mask = await failure(
      generateImage({
        provider: provider(),
        model: 'gpt-image-1',
        prompt: 'x',
        images: [png(encodePng(48, 48))],
        mask: png(PNG_32),
      }),
    );
    expect(mask.message).toMatch(/32x32 but images\[0\] is 48x48/);
  });

  it('provider options are refused in words that say what is accepted, not "Invalid input"', async () => {
    const refused = async (providerOptions: Record<string, unknown>) =>
      (await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x', providerOptions })))
        .message;
    expect(await refused({ stream: true, partialImages: 4 })).toBe(
      '"providerOptions.partialImages": Too big: expected number to be <=3.',
    );
    expect(await refused({ inputFidelity: 'mid' })).toBe(
      '"providerOptions.inputFidelity": Invalid option: expected one of "high"|"low".',
    );
    expect(await refused({ steam: true })).toBe('"providerOptions": Unrecognized key: "steam".');
    expect(net.unmatched()).toBe(0);
  });
});
