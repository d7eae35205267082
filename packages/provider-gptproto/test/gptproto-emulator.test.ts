import { generateImage, type GeneratedImage } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { encodePng, encodeSolidJpeg } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createGptProto,
  gptProto,
  type GptProtoPartialImageEvent,
  type GptProtoProviderSettings,
} from '../src/index.js';
import { imagesAnswerSchema } from '../src/gptproto-images-answer.js';
import { startGptProtoEmulator, type GptProtoEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-emulator-test-4d2a9c';
let emu: GptProtoEmulator;
beforeAll(async () => {
  emu = await startGptProtoEmulator({ apiKey: KEY, streamIntervalMs: 5 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = (settings: Partial<GptProtoProviderSettings> = {}) =>
  createGptProto({ baseUrl: emu.url, apiKey: KEY, ...settings });

/** The image's real header, read again from its bytes. */
function header(image: GeneratedImage) {
  return sniffImage(image.data);
}

describe('GPTProto emulator: POST /v1/images/generations (gpt-image)', () => {
  it('answers n real PNGs of the requested size, with usage, and logs the request without the key', async () => {
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-2',
      prompt: 'a lighthouse at dawn',
      size: '1536x1024',
      outputFormat: 'png',
      n: 2,
    });
    expect(result.images).toHaveLength(2);
    for (const image of result.images)
      expect(header(image)).toEqual({ mimeType: 'image/png', width: 1536, height: 1024 });
    expect(result.images[0]!.data).not.toEqual(result.images[1]!.data); // each image has its own colour
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/images/generations',
      status: 200,
      model: 'gpt-image-2',
      prompt: 'a lighthouse at dawn',
    });
    expect(emu.requests[0]!.headers.authorization).toBe('***'); // bare key, masked
    expect(JSON.stringify(emu.requests)).not.toContain(KEY);
  });

  it.each([
    ['jpeg', 'image/jpeg', '1024x1536', 1024, 1536],
    ['webp', 'image/webp', '1536x1024', 1536, 1024],
    ['png', 'image/png', 'auto', 1024, 1024],
  ] as const)('output_format %s → %s, size %s', async (outputFormat, mimeType, size, width, height) => {
    const { images } = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'a fox',
      size,
      outputFormat,
    });
    expect(header(images[0]!)).toEqual({ mimeType, width, height });
    expect(images[0]).toMatchObject({ mimeType, width, height });
  });

  it('refuses what GPTProto refuses, with its error body (a size gpt-image-1 does not take)', async () => {
    const response = await fetch(`${emu.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x', size: '2048x2048' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: expect.stringContaining('2048x2048'), type: '400' } });
  });
});

describe('GPTProto emulator: the -plus and VIP channels', () => {
  const raw = (body: unknown) =>
    fetch(`${emu.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it(
    '-plus answers as its pages show: b64_json a data URI, ' + 'created, no usage; the provider reads it as a real PNG',
    async () => {
      const response = await raw({ model: 'gpt-image-2-plus', prompt: 'a lighthouse', size: '1672x941' });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { data: Array<{ b64_json: string }>; created: number; usage?: unknown };
      expect(Object.keys(answer).sort()).toEqual(['created', 'data']);
      expect(answer.data[0]!.b64_json).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);

      const { images, usage } = await generateImage({
        provider: provider(),
        model: 'gpt-image-2-plus',
        prompt: 'a lighthouse',
        size: '941x1672',
      });
      expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 941, height: 1672 });
      // No token counts: only what core knows of the request and the images delivered.
      expect(usage).toEqual({ images: 1, size: '941x1672', pixels: '941x1672' });
      // No size (auto): the newer page's default, 1254x1254.
      const auto = await generateImage({ provider: provider(), model: 'gpt-image-1.5-plus', prompt: 'a lighthouse' });
      expect(header(auto.images[0]!)).toEqual({ mimeType: 'image/png', width: 1254, height: 1254 });
    },
  );

  it(
    '-plus edits take image[] and size; ' +
      'the emulator refuses what the -plus pages do not list (quality, n), as a 400',
    async () => {
      const { images } = await generateImage({
        provider: provider(),
        model: 'gpt-image-1.5-plus',
        prompt: 'a hat',
        images: [{ data: encodePng(64, 64), mimeType: 'image/png' }],
        size: '1536x1024',
      });
      expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 1536, height: 1024 });
      expect(emu.requests.at(-1)).toMatchObject({ path: '/v1/images/edits', status: 200, model: 'gpt-image-1.5-plus' });
      for (const extra of [{ quality: 'high' }, { n: 1 }, { size: '1024x1024' }])
        expect((await raw({ model: 'gpt-image-2-plus', prompt: 'x', ...extra })).status, JSON.stringify(extra)).toBe(
          400,
        );
    },
  );

  it('the VIP channels answer with the gpt-image parameters (n, sizes, formats), bare base64 and usage', async () => {
    const vip = await generateImage({
      provider: provider(),
      model: 'gpt-4o-image-vip',
      prompt: 'a fox',
      n: 2,
      size: '1024x1536',
      outputFormat: 'jpeg',
    });
    expect(vip.images.map((i) => header(i))).toEqual(
      [0, 1].map(() => ({ mimeType: 'image/jpeg', width: 1024, height: 1536 })),
    );
    expect(vip.usage?.outputTokens).toBeGreaterThan(0);
    const one = await generateImage({
      provider: provider(),
      model: 'gpt-image-1-vip',
      prompt: 'a fox',
      background: 'transparent',
      outputFormat: 'png',
      images: [{ data: encodePng(64, 64), mimeType: 'image/png' }],
    });
    expect(header(one.images[0]!)).toEqual({ mimeType: 'image/png', width: 64, height: 64 });
  });
});

describe('GPTProto emulator: Gemini', () => {
  it('generates through /v1/images/generations with size as an aspect ratio (16:9 → 1344x768)', async () => {
    const { images } = await generateImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image',
      prompt: 'a banana',
      size: '16:9',
    });
    expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 1344, height: 768 });
  });

  it(
    'edits through generateContent: inline images in, ' +
      'an inlineData PNG in the input shape out, text as revisedPrompt',
    async () => {
      const input = encodePng(1536, 1024, { color: [10, 120, 40] });
      const result = await generateImage({
        provider: provider(),
        model: 'gemini-2.5-flash-image',
        prompt: 'add a hat',
        images: [{ data: input, mimeType: 'image/png' }],
      });
      // 3:2 from the table
      expect(header(result.images[0]!)).toEqual({ mimeType: 'image/png', width: 1248, height: 832 });
      expect(result.images[0]!.revisedPrompt).toContain('add a hat');
      expect(result.usage?.inputTokens).toBeGreaterThan(1290);
      expect(emu.requests[0]).toMatchObject({
        path: '/v1beta/models/gemini-2.5-flash-image:generateContent',
        model: 'gemini-2.5-flash-image',
        prompt: 'add a hat',
      });
    },
  );

  it('takes imageConfig.aspectRatio and responseModalities IMAGE only', async () => {
    const input = encodeSolidJpeg(640, 640, [200, 200, 10]);
    const result = await generateImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image',
      prompt: 'make it wide',
      images: [{ data: input, mimeType: 'image/jpeg' }],
      size: '9:16',
      providerOptions: { responseModalities: ['IMAGE'] },
    });
    expect(header(result.images[0]!)).toEqual({ mimeType: 'image/png', width: 768, height: 1344 });
    expect(result.images[0]!.revisedPrompt).toBeUndefined();
  });
});

describe('GPTProto emulator: POST /v1/images/edits', () => {
  it('reads every image[] and the mask; answers in the first input size, or the size asked for', async () => {
    const first = encodePng(1024, 1536, { color: [90, 10, 10] });
    const second = encodeSolidJpeg(300, 200, [1, 2, 3]);
    const mask = encodePng(1024, 1536, { color: [0, 0, 0] });
    const same = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'merge them',
      images: [
        { data: first, mimeType: 'image/png' },
        { data: second, mimeType: 'image/jpeg' },
      ],
      mask: { data: mask, mimeType: 'image/png' },
    });
    expect(header(same.images[0]!)).toEqual({ mimeType: 'image/png', width: 1024, height: 1536 });
    expect(emu.requests[0]!.headers['content-type']).toMatch(/^multipart\/form-data/);

    const sized = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'square',
      images: [{ data: first, mimeType: 'image/png' }],
      size: '1024x1024',
      outputFormat: 'webp',
    });
    expect(header(sized.images[0]!)).toEqual({ mimeType: 'image/webp', width: 1024, height: 1024 });
  });

  it('refuses a mask of another size, as the vendor does', async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'x');
    form.append('image[]', new Blob([encodePng(64, 64) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'a.png');
    form.append('mask', new Blob([encodePng(32, 32) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'mask.png');
    const response = await fetch(`${emu.url}/v1/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/mask.*32x32.*64x64/);
  });
});

describe('GPTProto emulator: streaming', () => {
  it('streams partial_images partial events, then the completed image (generations)', async () => {
    const partials: GptProtoPartialImageEvent[] = [];
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'a fox in the snow',
      size: '1536x1024',
      providerOptions: {
        stream: true,
        partialImages: 3,
        onPartialImage: (e: GptProtoPartialImageEvent) => partials.push(e),
      },
    });
    expect(partials.map((p) => [p.index, p.type, p.width, p.height])).toEqual(
      [0, 1, 2].map((i) => [i, 'image_generation.partial_image', 1536, 1024]),
    );
    // Each stage is a different image (shaded towards the final colour).
    expect(
      new Set([...partials.map((p) => p.data), result.images[0]!.data].map((d) => Buffer.from(d).toString('base64')))
        .size,
    ).toBe(4);
    expect(header(result.images[0]!)).toEqual({ mimeType: 'image/png', width: 1536, height: 1024 });
    expect(result.usage?.outputTokens).toBeGreaterThan(300);
  });

  it('streams image_edit events for edits', async () => {
    const types: string[] = [];
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'edit me',
      images: [{ data: encodePng(64, 64), mimeType: 'image/png' }],
      outputFormat: 'jpeg',
      providerOptions: {
        stream: true,
        partialImages: 1,
        onPartialImage: (e: GptProtoPartialImageEvent) => types.push(e.type),
      },
    });
    expect(types).toEqual(['image_edit.partial_image']);
    expect(header(result.images[0]!)).toEqual({ mimeType: 'image/jpeg', width: 64, height: 64 });
  });
});

describe('GPTProto emulator: key and GET /v1/models', () => {
  it('accepts the key bare or as Bearer, and answers 401 with GPTProto body to a wrong key', async () => {
    const bearer = await generateImage({
      provider: provider({ authScheme: 'bearer' }),
      model: 'gpt-image-1-mini',
      prompt: 'x',
    });
    expect(bearer.images).toHaveLength(1);
    expect(emu.requests[0]!.headers.authorization).toBe('Bearer ***');

    const error = await failure(
      generateImage({ provider: provider({ apiKey: 'sk-wrong' }), model: 'gpt-image-1', prompt: 'x' }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401, vendorMessage: 'Invalid signature' });
  });

  it('lists the models for a good key (bare or Bearer), 401 for a bad or missing one', async () => {
    for (const authorization of [KEY, `Bearer ${KEY}`]) {
      const response = await fetch(`${emu.url}/v1/models`, { headers: { authorization } });
      expect(response.status).toBe(200);
      const list = (await response.json()) as { object: string; data: Array<{ id: string; object: string }> };
      expect(list.object).toBe('list');
      expect(list.data.map((m) => m.id)).toEqual(expect.arrayContaining(['gpt-image-2', 'gemini-2.5-flash-image']));
    }
    for (const headers of [{ authorization: 'sk-nope' }, {} as Record<string, string>]) {
      const response = await fetch(`${emu.url}/v1/models`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { message: 'Invalid signature', type: '401' } });
    }
  });

  it(
    "is the definition's key check (GET /v1/models, " + 'the authentication page\'s "Testing Authentication")',
    async () => {
      expect(gptProto.definition.keyCheck).toEqual({ method: 'GET', path: '/v1/models' });
      await gptProto.checkKey({ baseUrl: emu.url, apiKey: KEY, authScheme: 'bare' });
      expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v1/models 200']);
      expect(
        await failure(gptProto.checkKey({ baseUrl: emu.url, apiKey: 'sk-wrong-key-000', authScheme: 'bare' })),
      ).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
    },
  );

  it('accepts any non-empty key when started without apiKey', async () => {
    const open = await startGptProtoEmulator();
    try {
      const { images } = await generateImage({
        provider: createGptProto({ baseUrl: open.url, apiKey: 'anything' }),
        model: 'gpt-image-1',
        prompt: 'x',
      });
      expect(images).toHaveLength(1);
      expect((await fetch(`${open.url}/v1/models`)).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('answers 404 with GPTProto body to an unknown path', async () => {
    const response = await fetch(`${emu.url}/v1/chat/nothing`, { method: 'POST', headers: { authorization: KEY } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/chat/nothing)', type: '404' } });
  });
});

describe('GPTProto emulator: renderImage', () => {
  it('answers the image the option renders, told the size asked, on the images API and generateContent', async () => {
    const asked: string[] = [];
    const noise = encodePng(64, 48, { noise: true, seed: 3 });
    const own = await startGptProtoEmulator({
      apiKey: KEY,
      renderImage: ({ width, height, format, prompt }) => {
        asked.push(`${width}x${height} ${format} ${prompt}`);
        return noise;
      },
    });
    try {
      const p = createGptProto({ baseUrl: own.url, apiKey: KEY });
      const images = await generateImage({ provider: p, model: 'gpt-image-2', prompt: 'noise', size: '1024x1536' });
      const gemini = await generateImage({ provider: p, model: 'gemini-2.5-flash-image', prompt: 'noise 2' });
      expect(images.images[0]!.data).toEqual(noise);
      expect(gemini.images[0]!.data).toEqual(noise);
      expect(asked).toEqual(['1024x1536 png noise', expect.stringMatching(/^\d+x\d+ png noise 2$/)]);
    } finally {
      await own.close();
    }
  });
});

describe('GPTProto emulator: usage, as the answers the pages show carry it', () => {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${emu.url}${path}`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown> & { usage?: Record<string, unknown> };
  };

  it(
    'Seedream on /v1/images/generations: usage { generated_images, output_tokens, total_tokens } (apifox ' +
      '358670635e0), read as the images made',
    async () => {
      const answer = await post('/v1/images/generations', {
        model: 'seedream-4-0-250828',
        prompt: 'a lighthouse',
        size: '1024x1024',
      });
      expect(answer.data).toEqual([
        { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//), size: '1024x1024' },
      ]);
      // ByteDance counts width × height / 256 tokens per image.
      expect(answer.usage).toEqual({ generated_images: 1, output_tokens: 4096, total_tokens: 4096 });
      expect(imagesAnswerSchema.parse(answer).usage).toEqual({ images: 1, outputTokens: 4096, totalTokens: 4096 });
    },
  );

  it('gpt-image and Gemini answers carry token counts in the shapes of documents 003, 000 and 001', async () => {
    const gpt = await post('/v1/images/generations', { model: 'gpt-image-2', prompt: 'a fox', size: '1024x1024' });
    expect(Object.keys(gpt.usage!).sort()).toEqual([
      'input_tokens',
      'input_tokens_details',
      'output_tokens',
      'output_tokens_details',
      'total_tokens',
    ]);
    const gemini = await post('/v1/images/generations', { model: 'gemini-2.5-flash-image', prompt: 'a fox' });
    expect(Object.keys(gemini.usage!).sort()).toEqual([
      'input_tokens',
      'input_tokens_details',
      'output_tokens',
      'total_tokens',
    ]);
    const content = await post('/v1beta/models/gemini-2.5-flash-image:generateContent', {
      contents: [{ parts: [{ text: 'a fox' }] }],
    });
    expect(Object.keys(content.usageMetadata as object).sort()).toEqual([
      'candidatesTokenCount',
      'promptTokenCount',
      'promptTokensDetails',
      'thoughtsTokenCount',
      'totalTokenCount',
    ]);
  });
});
