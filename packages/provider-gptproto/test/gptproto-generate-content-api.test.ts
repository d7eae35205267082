import { generateImage } from '@imagegate/core';
import { toBase64 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, geminiContentAnswer, JPEG_16, KEY, PNG_32, PNG_64, WEBP_16 } from './vendor-answers.js';
import { failure, provider, useNock } from './helpers.js';

const PATH = '/v1beta/models/gemini-2.5-flash-image:generateContent';
const PROMPT = 'Using the provided image of my cat, please add a small, knitted wizard hat on its head.';
useNock();

function edit(extra: Record<string, unknown> = {}) {
  return generateImage({
    provider: provider(),
    model: 'gemini-2.5-flash-image',
    prompt: PROMPT,
    images: [{ data: PNG_32, mimeType: 'image/png' }],
    ...extra,
  });
}

describe('POST /v1beta/models/{model}:generateContent (Gemini edits)', () => {
  it(
    'sends the prompt and each image as inline_data, ' +
      'TEXT+IMAGE modalities, no imageConfig without a size (document 001)',
    async () => {
      nock(BASE, { reqheaders: { authorization: KEY, 'content-type': 'application/json' } })
        .post(PATH, {
          contents: [
            {
              parts: [
                { text: PROMPT },
                { inline_data: { mime_type: 'image/png', data: toBase64(PNG_32) } },
                { inline_data: { mime_type: 'image/jpeg', data: toBase64(JPEG_16) } },
                { inline_data: { mime_type: 'image/webp', data: toBase64(WEBP_16) } },
              ],
            },
          ],
          generationConfig: { responseModalities: ['TEXT', 'IMAGE'] },
        })
        .reply(200, geminiContentAnswer());
      const result = await generateImage({
        provider: provider(),
        model: 'gemini-2.5-flash-image',
        prompt: PROMPT,
        images: [
          { data: PNG_32, mimeType: 'image/png' },
          { data: JPEG_16, mimeType: 'image/jpeg' },
          { data: WEBP_16, mimeType: 'image/webp' },
        ],
      });
      expect(result.images[0]!.data).toEqual(PNG_64);
      expect(result.images[0]!.mimeType).toBe('image/png');
      expect(result.usage).toEqual({
        inputTokens: 1302,
        outputTokens: 1290,
        totalTokens: 2592,
        images: 1,
        size: '1:1',
        pixels: '1024x1024',
      });
    },
  );

  it('sends imageConfig.aspectRatio for a size and image-only modalities when asked', async () => {
    nock(BASE)
      .post(PATH, {
        contents: [{ parts: [{ text: PROMPT }, { inline_data: { mime_type: 'image/png', data: toBase64(PNG_32) } }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '21:9' } },
      })
      .reply(200, geminiContentAnswer());
    await edit({ size: '21:9', providerOptions: { responseModalities: ['IMAGE'] } });
  });

  it('puts the model id in the path (the preview model still works, with a warning)', async () => {
    nock(BASE).post('/v1beta/models/gemini-2.5-flash-image-preview:generateContent').reply(200, geminiContentAnswer());
    const result = await generateImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image-preview',
      prompt: 'x',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
    });
    expect(result.warnings[0]).toMatch(/deprecated/);
  });

  it('reads every inlineData and inline_data part, skips thoughts, and keeps the text as revisedPrompt', async () => {
    nock(BASE)
      .post(PATH)
      .reply(
        200,
        geminiContentAnswer([
          { text: 'thinking…', thought: true },
          { text: 'Here is your cat with a wizard hat.' },
          { inlineData: { mimeType: 'image/png', data: toBase64(PNG_64) } },
          { inline_data: { mime_type: 'image/jpeg', data: toBase64(JPEG_16) } },
        ]),
      );
    const { images } = await edit();
    expect(images.map((i) => i.mimeType)).toEqual(['image/png', 'image/jpeg']);
    expect(images.map((i) => i.revisedPrompt)).toEqual([
      'Here is your cat with a wizard hat.',
      'Here is your cat with a wizard hat.',
    ]);
  });
});

describe('Gemini answers without an image', () => {
  it('promptFeedback.blockReason SAFETY is CONTENT_POLICY', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, {
        promptFeedback: { blockReason: 'SAFETY' },
        usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 },
      });
    const error = await failure(edit());
    expect(error).toMatchObject({ code: 'CONTENT_POLICY', status: 200, vendorCode: 'SAFETY', retryable: false });
  });

  for (const reason of [
    'IMAGE_SAFETY',
    'PROHIBITED_CONTENT',
    'IMAGE_PROHIBITED_CONTENT',
    'BLOCKLIST',
    'SPII',
    'RECITATION',
  ]) {
    it(`finishReason ${reason} is CONTENT_POLICY`, async () => {
      nock(BASE).post(PATH).reply(200, geminiContentAnswer([], reason));
      expect(await failure(edit())).toMatchObject({ code: 'CONTENT_POLICY', vendorCode: reason });
    });
  }

  it('NO_IMAGE is BAD_RESPONSE naming the reason and quoting the text', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, geminiContentAnswer([{ text: 'I can only describe images.' }], 'NO_IMAGE'));
    const error = await failure(edit());
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, vendorCode: 'NO_IMAGE' });
    expect(error.message).toMatch(/NO_IMAGE.*I can only describe images/);
  });

  it('text only with STOP is BAD_RESPONSE naming STOP', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, geminiContentAnswer([{ text: 'Sure! What hat colour?' }]));
    const error = await failure(edit());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/finish reason STOP/);
  });

  it('inline data that is not an image is BAD_RESPONSE naming the part', async () => {
    nock(BASE)
      .post(PATH)
      .reply(
        200,
        geminiContentAnswer([
          { inlineData: { mimeType: 'image/png', data: Buffer.from('not an image').toString('base64') } },
        ]),
      );
    const error = await failure(edit());
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    expect(error.message).toMatch(/candidates\[0\]\.content\.parts\[0\]\.inlineData\.data/);
  });

  it('a truncated answer is BAD_RESPONSE with the status', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, '{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo');
    expect(await failure(edit())).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });
});
