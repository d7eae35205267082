import { generateImage } from '@imagegate/core';
import { toBase64 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  BASE,
  geminiImagesAnswer,
  gptImageAnswer,
  gptImagePlusAnswer,
  JPEG_16,
  KEY,
  PNG_32,
  PNG_64,
  WEBP_16,
} from './vendor-answers.js';
import { failure, provider, useNock } from './helpers.js';

const PATH = '/v1/images/generations';
useNock();

describe('POST /v1/images/generations with gpt-image models', () => {
  it('sends the bare key, JSON content type and every parameter in snake_case; returns images and usage', async () => {
    const body = {
      model: 'gpt-image-1',
      prompt: 'a cat',
      n: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      moderation: 'low',
      output_format: 'webp',
      output_compression: 80,
      user: 'user-42',
    };
    nock(BASE, {
      reqheaders: { authorization: KEY, 'content-type': 'application/json', accept: 'application/json' },
      badheaders: ['x-api-key'],
    })
      .post(PATH, body)
      .reply(200, gptImageAnswer([PNG_64, WEBP_16]));
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'a cat',
      n: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      moderation: 'low',
      outputFormat: 'webp',
      outputCompression: 80,
      providerOptions: { user: 'user-42' },
    });
    expect(result.images.map((i) => i.mimeType)).toEqual(['image/png', 'image/webp']);
    expect(result.images[0]!.data).toEqual(PNG_64);
    expect(result.images[0]).toMatchObject({ width: 64, height: 64 });
    expect(result.usage).toEqual({
      inputTokens: 8,
      outputTokens: 196,
      totalTokens: 204,
      images: 2,
      size: '1536x1024',
      pixels: '1536x1024',
      quality: 'high',
    });
    expect(result.provider).toBe('gptproto');
  });

  it('keeps the images that are usable when another item of the answer is not (they are paid for)', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, { data: [{ b64_json: toBase64(PNG_32), revised_prompt: 5 }, {}, { b64_json: 'bm90IGFuIGltYWdl' }] });
    const { images } = await generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'a cat', n: 3 });
    expect(images.map((i) => i.mimeType)).toEqual(['image/png']);
    nock(BASE)
      .post(PATH)
      .reply(200, { data: [{}] });
    const error = await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'a cat' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, field: 'data.0' });
  });

  it('sends only what the caller set (the vendor applies its defaults)', async () => {
    nock(BASE).post(PATH, { model: 'gpt-image-1-mini', prompt: 'a dog', n: 1 }).reply(200, gptImageAnswer());
    const { images } = await generateImage({ provider: provider(), model: 'gpt-image-1-mini', prompt: 'a dog' });
    expect(images).toHaveLength(1);
  });

  it('sends a custom gpt-image-2 size and warns when it is above 2560×1440 (experimental)', async () => {
    nock(BASE)
      .post(PATH, { model: 'gpt-image-2', prompt: 'a city', n: 1, size: '3072x1728' })
      .reply(200, gptImageAnswer());
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-2',
      prompt: 'a city',
      size: '3072x1728',
    });
    expect(result.warnings.join(' ')).toMatch(/experimental/);
    nock(BASE)
      .post(PATH, { model: 'gpt-image-2', prompt: 'a city', n: 1, size: '1280x720' })
      .reply(200, gptImageAnswer());
    const small = await generateImage({
      provider: provider(),
      model: 'gpt-image-2',
      prompt: 'a city',
      size: '1280x720',
    });
    expect(small.warnings).toEqual([]);
  });

  it('sends "Bearer <key>" with authScheme bearer, and extra headers', async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}`, 'x-trace': 'abc' } })
      .post(PATH)
      .reply(200, gptImageAnswer());
    await generateImage({
      provider: provider({ authScheme: 'bearer', headers: { 'X-Trace': 'abc' } }),
      model: 'gpt-image-1',
      prompt: 'x',
    });
  });

  it('uses a custom base URL (a trailing /v1 is dropped)', async () => {
    nock('http://proxy.example:8080', { reqheaders: { authorization: KEY } })
      .post('/gp/v1/images/generations')
      .reply(200, gptImageAnswer());
    await generateImage({
      provider: provider({ baseUrl: 'http://proxy.example:8080/gp/v1/' }),
      model: 'gpt-image-1',
      prompt: 'x',
    });
  });

  it('keeps revised_prompt and accepts url items (downloaded by core)', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, {
        created: 1,
        data: [
          { b64_json: toBase64(PNG_64), revised_prompt: 'a fluffy cat' },
          { url: 'https://cdn.gptproto.com/i/1.jpg' },
        ],
      });
    nock('https://cdn.gptproto.com').get('/i/1.jpg').reply(200, Buffer.from(JPEG_16), { 'content-type': 'image/jpeg' });
    const { images } = await generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'a cat', n: 2 });
    expect(images[0]!.revisedPrompt).toBe('a fluffy cat');
    expect(images[1]).toMatchObject({ mimeType: 'image/jpeg', url: 'https://cdn.gptproto.com/i/1.jpg' });
  });
});

describe('POST /v1/images/generations with Gemini models', () => {
  it('sends model, prompt and size as an aspect ratio (document 000), nothing else', async () => {
    nock(BASE, { reqheaders: { authorization: KEY } })
      .post(PATH, { model: 'gemini-2.5-flash-image', prompt: 'a nano banana dish', size: '16:9' })
      .reply(200, geminiImagesAnswer());
    const result = await generateImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image',
      prompt: 'a nano banana dish',
      size: '16:9',
    });
    expect(result.images[0]!.data).toEqual(PNG_64);
    expect(result.usage).toEqual({
      inputTokens: 535,
      outputTokens: 1291,
      totalTokens: 1826,
      images: 1,
      size: '16:9',
      pixels: '1344x768',
    });
    expect(result.warnings).toEqual([]);
  });

  it('fans n out into one call per image', async () => {
    nock(BASE)
      .post(PATH, { model: 'gemini-2.5-flash-image', prompt: 'x' })
      .twice()
      .reply(200, geminiImagesAnswer(PNG_32));
    const result = await generateImage({ provider: provider(), model: 'gemini-2.5-flash-image', prompt: 'x', n: 2 });
    expect(result.images).toHaveLength(2);
    expect(result.usage?.totalTokens).toBe(2 * 1826);
  });

  it('still runs gemini-2.5-flash-image-preview, with a deprecation warning naming the replacement', async () => {
    nock(BASE)
      .post(PATH, { model: 'gemini-2.5-flash-image-preview', prompt: 'x', size: '1:1' })
      .reply(200, geminiImagesAnswer());
    const result = await generateImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image-preview',
      prompt: 'x',
      size: '1:1',
    });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/deprecated.*2025-10-31.*Use gemini-2\.5-flash-image\./);
  });
});

describe('options that do not apply to the operation', () => {
  it(
    'are not sent, with a warning (inputFidelity on a generation, ' + 'responseModalities on a Gemini generation)',
    async () => {
      nock(BASE).post(PATH, { model: 'gpt-image-1', prompt: 'x', n: 1 }).reply(200, gptImageAnswer());
      const gpt = await generateImage({
        provider: provider(),
        model: 'gpt-image-1',
        prompt: 'x',
        providerOptions: { inputFidelity: 'high' },
      });
      expect(gpt.warnings).toEqual(['providerOptions.inputFidelity applies to edits only; it was not sent.']);
      nock(BASE).post(PATH, { model: 'gemini-2.5-flash-image', prompt: 'x' }).reply(200, geminiImagesAnswer());
      const gemini = await generateImage({
        provider: provider(),
        model: 'gemini-2.5-flash-image',
        prompt: 'x',
        providerOptions: { responseModalities: ['IMAGE'] },
      });
      expect(gemini.warnings).toEqual([
        'providerOptions.responseModalities applies to Gemini edits only; it was not sent.',
      ]);
    },
  );
});

describe('answers that cannot be used', () => {
  it('base64 that is not an image is BAD_RESPONSE with the status', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, { created: 1, data: [{ b64_json: Buffer.from('<html>oops</html>').toString('base64') }] });
    const error = await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false });
    expect(error.message).toMatch(/data\[0\]\.b64_json.*not? .*image/);
  });

  it('a truncated body is BAD_RESPONSE with the status, and an HTML body too', async () => {
    nock(BASE).post(PATH).reply(200, '{"created":1,"data":[{"b64_json":"iVBORw0K');
    expect(await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x' }))).toMatchObject({
      code: 'BAD_RESPONSE',
      status: 200,
    });
    nock(BASE).post(PATH).reply(200, '<html>gateway</html>');
    expect(await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x' }))).toMatchObject({
      code: 'BAD_RESPONSE',
      status: 200,
    });
  });

  it('an empty data array is BAD_RESPONSE', async () => {
    nock(BASE).post(PATH).reply(200, { created: 1, data: [] });
    const error = await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('an error object inside a 200 answer is mapped by its type (the status as a string)', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, { error: { message: 'Invalid signature', type: '401' } });
    const error = await failure(generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 200, vendorMessage: 'Invalid signature' });
  });
});

describe('b64_json as a data URI (the -plus pages answer "data:image/png;base64,<BASE64_DATA>")', () => {
  it('a gpt-image answer whose b64_json is a data URI yields the image, also with the slash escaped', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, { created: 1, data: [{ b64_json: `data:image/png;base64,${toBase64(PNG_64)}` }] });
    const { images } = await generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'a cat' });
    expect(images[0]!.data).toEqual(PNG_64);
    expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 64, height: 64 });
    // JSON may write the slash as \/ (the raw body, not re-encoded by nock).
    nock(BASE)
      .post(PATH)
      .reply(200, `{"data":[{"b64_json":"data:image\\/webp;base64,${toBase64(WEBP_16)}"}],"created":1}`, {
        'content-type': 'application/json',
      });
    const escaped = await generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'a cat' });
    expect(escaped.images[0]).toMatchObject({ mimeType: 'image/webp', data: WEBP_16 });
  });
});

describe('the -plus channels (gpt-image-2-plus, gpt-image-1.5-plus)', () => {
  it('send model, prompt and size only (no n), and read the data-URI answer without usage', async () => {
    nock(BASE, { reqheaders: { authorization: KEY } })
      .post(PATH, { model: 'gpt-image-2-plus', prompt: 'a cat', size: '1672x941' })
      .reply(200, gptImagePlusAnswer(PNG_32));
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-2-plus',
      prompt: 'a cat',
      size: '1672x941',
    });
    expect(result.images[0]).toMatchObject({ mimeType: 'image/png', width: 32, data: PNG_32 });
    // No token counts: only what core knows of the request and the images delivered.
    expect(result.usage).toEqual({ images: 1, size: '1672x941', pixels: '1672x941' });
  });

  it(
    'send no size for auto or none (the default is auto on one page version, ' +
      '1254x1254 on a newer one), and fan n out one call each',
    async () => {
      nock(BASE).post(PATH, { model: 'gpt-image-1.5-plus', prompt: 'x' }).times(3).reply(200, gptImagePlusAnswer());
      expect(
        (await generateImage({ provider: provider(), model: 'gpt-image-1.5-plus', prompt: 'x', size: 'auto' })).images,
      ).toHaveLength(1);
      expect(
        (await generateImage({ provider: provider(), model: 'gpt-image-1.5-plus', prompt: 'x', n: 2 })).images,
      ).toHaveLength(2);
      nock(BASE)
        .post(PATH, { model: 'gpt-image-1.5-plus', prompt: 'x', size: '1254x1254' })
        .reply(200, gptImagePlusAnswer());
      await generateImage({ provider: provider(), model: 'gpt-image-1.5-plus', prompt: 'x', size: '1254x1254' });
    },
  );

  it(
    'refuse, before any request, what their pages do not document: ' +
      'quality, background, format, other sizes, streaming, a mask',
    async () => {
      const plus = { provider: provider(), model: 'gpt-image-2-plus', prompt: 'x' } as const;
      expect(await failure(generateImage({ ...plus, quality: 'high' }))).toMatchObject({ field: 'quality' });
      expect(await failure(generateImage({ ...plus, background: 'opaque' }))).toMatchObject({ field: 'background' });
      expect(await failure(generateImage({ ...plus, outputFormat: 'png' }))).toMatchObject({ field: 'outputFormat' });
      expect(await failure(generateImage({ ...plus, size: '1024x1024' }))).toMatchObject({
        code: 'INVALID_REQUEST',
        field: 'size',
      });
      const stream = await failure(generateImage({ ...plus, providerOptions: { stream: true } }));
      expect(stream).toMatchObject({ code: 'UNSUPPORTED', field: 'providerOptions.stream' });
      expect(stream.message).toMatch(/-plus pages document only model, prompt, size and images/);
      expect(await failure(generateImage({ ...plus, providerOptions: { user: 'u-1' } }))).toMatchObject({
        code: 'UNSUPPORTED',
        field: 'providerOptions.user',
      });
      const mask = await failure(
        generateImage({
          ...plus,
          images: [{ data: PNG_64, mimeType: 'image/png' }],
          mask: { data: PNG_64, mimeType: 'image/png' },
        }),
      );
      expect(mask).toMatchObject({ field: 'mask' });
      // Not one request was sent (nock would have refused it as unmatched, with another error).
    },
  );

  it('an unlisted -plus id runs "by ID" with the -plus rules, not gpt-image-1\'s', async () => {
    nock(BASE)
      .post(PATH, { model: 'gpt-image-3-plus', prompt: 'x', size: '941x1672' })
      .reply(200, gptImagePlusAnswer());
    const { images } = await generateImage({
      provider: provider(),
      model: 'gpt-image-3-plus',
      prompt: 'x',
      size: '941x1672',
    });
    expect(images).toHaveLength(1);
    expect(
      await failure(generateImage({ provider: provider(), model: 'gpt-image-3-plus', prompt: 'x', quality: 'low' })),
    ).toMatchObject({ field: 'quality' });
  });
});

describe('gpt-4o-image and the VIP channels', () => {
  it(
    'gpt-4o-image is sent as gpt-4o-image (its newest page), ' + 'the VIP channels with the gpt-image parameters',
    async () => {
      nock(BASE)
        .post(PATH, { model: 'gpt-4o-image', prompt: 'a cat', n: 1, size: '1024x1024' })
        .reply(200, gptImageAnswer())
        .post(PATH, { model: 'gpt-4o-image-vip', prompt: 'a cat', n: 2, size: '1536x1024', quality: 'high' })
        .reply(200, gptImageAnswer([PNG_64, PNG_32]))
        .post(PATH, {
          model: 'gpt-image-1-vip',
          prompt: 'a cat',
          n: 1,
          background: 'transparent',
          output_format: 'png',
        })
        .reply(200, gptImageAnswer());
      expect(
        (await generateImage({ provider: provider(), model: 'gpt-4o-image', prompt: 'a cat', size: '1024x1024' }))
          .images,
      ).toHaveLength(1);
      const vip = await generateImage({
        provider: provider(),
        model: 'gpt-4o-image-vip',
        prompt: 'a cat',
        n: 2,
        size: '1536x1024',
        quality: 'high',
      });
      expect(vip.usage).toEqual({
        inputTokens: 8,
        outputTokens: 196,
        totalTokens: 204,
        images: 2,
        size: '1536x1024',
        pixels: '1536x1024',
        quality: 'high',
      });
      expect(
        (
          await generateImage({
            provider: provider(),
            model: 'gpt-image-1-vip',
            prompt: 'a cat',
            background: 'transparent',
            outputFormat: 'png',
          })
        ).images,
      ).toHaveLength(1);
      // gpt-4o-image-vip: transparent is gpt-image-1's alone, says the page.
      expect(
        await failure(
          generateImage({
            provider: provider(),
            model: 'gpt-4o-image-vip',
            prompt: 'x',
            background: 'transparent',
            outputFormat: 'png',
          }),
        ),
      ).toMatchObject({ field: 'background' });
    },
  );
});
