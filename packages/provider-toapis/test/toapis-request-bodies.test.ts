import { generateImage, submitImage } from '@imagegate/core';
import { createSimulatedClock, encodePng, JPEG_16, recordingTransport } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bodyBytes, failure, multipartParts, provider, useNock } from './helpers.js';
import {
  BASE,
  CDN,
  GENERATIONS,
  GIF_1,
  PNG_32,
  pollPath,
  taskCompleted,
  taskCreated,
  UPLOADS,
  uploaded,
} from './vendor-answers.js';

useNock();

/** Intercept one submit and keep its raw JSON body. */
function captureSubmit(id = 'task_body', model?: string) {
  const seen = { raw: '', body: {} as Record<string, unknown> };
  nock(BASE)
    .post(GENERATIONS)
    .reply(200, (_uri, body) => {
      seen.raw = typeof body === 'string' ? body : JSON.stringify(body);
      seen.body = JSON.parse(seen.raw);
      return taskCreated(id, model);
    });
  return seen;
}

/** Submit and return the body ToAPIs received. */
async function bodyOf(request: Record<string, unknown> & { model: string }) {
  const seen = captureSubmit();
  await submitImage({ provider: provider(), prompt: 'a lighthouse', ...request });
  return seen;
}

/** A transport that fails the test if anything is sent. */
function nothingSent() {
  return recordingTransport(async () => {
    throw new Error('no request may be sent');
  });
}

describe('request bodies: one wire rule per family', () => {
  it(
    'gemini-3-pro-image-preview at 2K: the ratio as size, ' + 'the tier in metadata.resolution as written, n 1',
    async () => {
      const { body, raw } = await bodyOf({ model: 'gemini-3-pro-image-preview', size: '16:9', resolution: '2K' });
      expect(body).toStrictEqual({
        model: 'gemini-3-pro-image-preview',
        prompt: 'a lighthouse',
        size: '16:9',
        n: 1,
        metadata: { resolution: '2K' },
      });
      expect(raw).toContain('"n":1');
    },
  );

  it('fills in the model’s default tier when none is asked (1K for Gemini 3 Pro, 2K for Seedream)', async () => {
    expect((await bodyOf({ model: 'gemini-3-pro-image-preview' })).body).toStrictEqual({
      model: 'gemini-3-pro-image-preview',
      prompt: 'a lighthouse',
      size: '1:1',
      n: 1,
      metadata: { resolution: '1K' },
    });
    expect((await bodyOf({ model: 'doubao-seedream-5-0', size: '21:9' })).body).toStrictEqual({
      model: 'doubao-seedream-5-0',
      prompt: 'a lighthouse',
      size: '21:9',
      n: 1,
      metadata: { resolution: '2K' },
    });
  });

  it('the alias nano-banana-pro is sent as named, with its model’s rule, and the task keeps the name', async () => {
    const seen = captureSubmit('task_alias', 'nano-banana-pro');
    const { tasks } = await submitImage({
      provider: provider(),
      model: 'nano-banana-pro',
      prompt: 'a lighthouse',
      size: '21:9',
      resolution: '4K',
    });
    expect(seen.body).toStrictEqual({
      model: 'nano-banana-pro',
      prompt: 'a lighthouse',
      size: '21:9',
      n: 1,
      metadata: { resolution: '4K' },
    });
    expect(tasks[0]).toMatchObject({ model: 'nano-banana-pro', taskId: 'task_alias' });
  });

  it(
    'gpt-image-2 at 4K: a top-level resolution in lower case, quality, ' +
      'output_format, output_compression, n as asked, URL results',
    async () => {
      const { body, raw } = await bodyOf({
        model: 'gpt-image-2',
        size: '16:9',
        resolution: '4K',
        quality: 'high',
        outputFormat: 'jpeg',
        outputCompression: 90,
        n: 3,
      });
      expect(body).toStrictEqual({
        model: 'gpt-image-2',
        prompt: 'a lighthouse',
        size: '16:9',
        n: 3,
        resolution: '4k',
        quality: 'high',
        output_format: 'jpeg',
        output_compression: 90,
        response_format: 'url',
      });
      expect(raw).toContain('"n":3');
    },
  );

  it('gpt-image-2-official: the same rule without response_format (its examples send none)', async () => {
    const { body } = await bodyOf({ model: 'gpt-image-2-official', size: '9:21', resolution: '4K', quality: 'medium' });
    expect(body).toStrictEqual({
      model: 'gpt-image-2-official',
      prompt: 'a lighthouse',
      size: '9:21',
      n: 1,
      resolution: '4k',
      quality: 'medium',
    });
  });

  it(
    'official Gemini channels: outputFormat as ' +
      'metadata.imageOutputOptions.mimeType, merged with the caller’s metadata',
    async () => {
      const { body } = await bodyOf({
        model: 'nano-banana-2-official',
        size: '8:1',
        resolution: '2K',
        outputFormat: 'webp',
        providerOptions: { metadata: { temperature: 1, imageOutputOptions: { compressionQuality: 80 } } },
      });
      expect(body).toStrictEqual({
        model: 'nano-banana-2-official',
        prompt: 'a lighthouse',
        size: '8:1',
        n: 1,
        metadata: {
          resolution: '2K',
          temperature: 1,
          imageOutputOptions: { mimeType: 'image/webp', compressionQuality: 80 },
        },
      });
      // Gemini 2.5 official has no tiers: no resolution at all.
      expect(
        (await bodyOf({ model: 'gemini-2.5-flash-image-official', outputFormat: 'jpeg' })).body.metadata,
      ).toStrictEqual({ imageOutputOptions: { mimeType: 'image/jpeg' } });
    },
  );

  it('the caller’s metadata may override what the rule put there', async () => {
    const { body } = await bodyOf({
      model: 'doubao-seedream-4-5',
      resolution: '4K',
      providerOptions: { metadata: { watermark: false, resolution: '2K', sequential_image_generation: 'disabled' } },
    });
    expect(body.metadata).toStrictEqual({
      resolution: '2K',
      watermark: false,
      sequential_image_generation: 'disabled',
    });
  });

  it(
    'Flux Kontext: outputFormat jpeg → metadata.response_format ' +
      '"jpg", png → "png"; an edit defaults to match_input_image',
    async () => {
      const jpeg = await bodyOf({
        model: 'flux-kontext-max',
        outputFormat: 'jpeg',
        images: [{ url: 'https://example.com/photo.jpg' }],
        providerOptions: { metadata: { prompt_upsampling: true } },
      });
      expect(jpeg.body).toStrictEqual({
        model: 'flux-kontext-max',
        prompt: 'a lighthouse',
        size: 'match_input_image',
        n: 1,
        image_urls: ['https://example.com/photo.jpg'],
        metadata: { response_format: 'jpg', prompt_upsampling: true },
      });
      const png = await bodyOf({ model: 'flux-kontext-pro', size: '21:9', outputFormat: 'png' });
      expect(png.body).toStrictEqual({
        model: 'flux-kontext-pro',
        prompt: 'a lighthouse',
        size: '21:9',
        n: 1,
        metadata: { response_format: 'png' },
      });
    },
  );

  it('Flux 2: the tier in metadata.resolution; gpt-4o-image: no tier, n as asked', async () => {
    expect((await bodyOf({ model: 'flux-2-pro', size: '3:2', resolution: '2K' })).body).toStrictEqual({
      model: 'flux-2-pro',
      prompt: 'a lighthouse',
      size: '3:2',
      n: 1,
      metadata: { resolution: '2K' },
    });
    expect((await bodyOf({ model: 'gpt-4o-image', size: '2:3', n: 4 })).body).toStrictEqual({
      model: 'gpt-4o-image',
      prompt: 'a lighthouse',
      size: '2:3',
      n: 4,
    });
  });

  it('an unlisted id of a known family is written by that family’s rule', async () => {
    expect((await bodyOf({ model: 'gpt-image-2-vip', size: '2:1', resolution: '2K' })).body).toMatchObject({
      model: 'gpt-image-2-vip',
      resolution: '2k',
      n: 1,
    });
    expect((await bodyOf({ model: 'gemini-3.1-flash-image-preview-vip', resolution: '4K' })).body).toMatchObject({
      model: 'gemini-3.1-flash-image-preview-vip',
      metadata: { resolution: '4K' },
    });
  });
});

describe('Flux Kontext: the page’s defaults for an unset size', () => {
  it('text-to-image sends 16:9 ("Without reference image: 16:9"), an edit match_input_image', async () => {
    for (const model of ['flux-kontext-pro', 'flux-kontext-max']) {
      expect((await bodyOf({ model })).body).toStrictEqual({ model, prompt: 'a lighthouse', size: '16:9', n: 1 });
      expect((await bodyOf({ model, images: [{ url: 'https://example.com/photo.jpg' }] })).body).toMatchObject({
        size: 'match_input_image',
        image_urls: ['https://example.com/photo.jpg'],
      });
    }
    // A size asked is sent as asked, for either operation.
    expect((await bodyOf({ model: 'flux-kontext-pro', size: '1:1' })).body.size).toBe('1:1');
    expect(
      (await bodyOf({ model: 'flux-kontext-pro', size: '3:2', images: [{ url: 'https://example.com/photo.jpg' }] }))
        .body.size,
    ).toBe('3:2');
  });
});

describe('output_compression: ImageGate’s meaning (OpenAI’s: 100 keeps the most) on each channel’s scale', () => {
  it(
    'gpt-image-2 (edits page: ' +
      '"JPEG compression level, range 0–100", ' +
      'OpenAI’s wording) ' +
      'gets the value as asked',
    async () => {
      for (const value of [0, 35, 90, 100]) {
        expect(
          (await bodyOf({ model: 'gpt-image-2', outputFormat: 'jpeg', outputCompression: value })).body
            .output_compression,
        ).toBe(value);
      }
    },
  );

  it(
    'gpt-image-2-official gets it as asked too (its text reads ' +
      'the scale the other way, its own example and OpenAI do not)',
    async () => {
      const sent = async (value: number) =>
        (await bodyOf({ model: 'gpt-image-2-official', outputFormat: 'jpeg', outputCompression: value })).body
          .output_compression;
      expect([await sent(100), await sent(90), await sent(35), await sent(0)]).toEqual([100, 90, 35, 0]);
    },
  );
});

describe('size auto, where a page documents it', () => {
  const ref = { url: 'https://example.com/photo.jpg' };
  it('Seedream 4.0 with references: size "auto" (match the reference’s ratio)', async () => {
    expect((await bodyOf({ model: 'doubao-seedream-4-0', size: 'auto', images: [ref] })).body).toStrictEqual({
      model: 'doubao-seedream-4-0',
      prompt: 'a lighthouse',
      size: 'auto',
      n: 1,
      image_urls: [ref.url],
      metadata: { resolution: '2K' },
    });
  });

  it('gpt-image-2 edits (the edits page), and gpt-image-2-official for both operations', async () => {
    expect((await bodyOf({ model: 'gpt-image-2', size: 'auto', images: [ref], resolution: '2K' })).body).toMatchObject({
      size: 'auto',
      resolution: '2k',
      image_urls: [ref.url],
    });
    expect((await bodyOf({ model: 'gpt-image-2-official', size: 'auto' })).body).toStrictEqual({
      model: 'gpt-image-2-official',
      prompt: 'a lighthouse',
      size: 'auto',
      n: 1,
      resolution: '1k',
    });
    expect((await bodyOf({ model: 'gpt-image-2-official', size: 'auto', images: [ref] })).body).toMatchObject({
      size: 'auto',
      image_urls: [ref.url],
    });
  });

  const refused: Array<[string, Record<string, unknown> & { model: string }, string, string]> = [
    [
      'Seedream 4.0 auto without references ("requires image_urls")',
      { model: 'doubao-seedream-4-0', size: 'auto' },
      'size',
      '"size" auto is documented for doubao-seedream-4-0 only with reference images (edits), so it needs "images"',
    ],
    [
      'gpt-image-2 auto for text-to-image (its generation page lists 13 ratios)',
      { model: 'gpt-image-2', size: 'auto' },
      'size',
      'needs "images"',
    ],
    [
      'Seedream 4.5 auto (its page does not list it)',
      { model: 'doubao-seedream-4-5', size: 'auto', images: [ref] },
      'size',
      '"size" must be one of',
    ],
    [
      'gpt-image-2-vip auto (an unlisted id; its page refuses auto)',
      { model: 'gpt-image-2-vip', size: 'auto', images: [ref] },
      'size',
      '"size" must be one of',
    ],
    [
      'gpt-image-2-official auto at 4K (the server could pick a ratio 4K is not made at)',
      { model: 'gpt-image-2-official', size: 'auto', resolution: '4K' },
      'resolution',
      'only at sizes 16:9, 9:16, 2:1, 1:2, 21:9, 9:21; "size" is auto',
    ],
  ];
  for (const [title, request, field, says] of refused) {
    it(`refuses ${title} before any request`, async () => {
      const recorder = nothingSent();
      const error = await failure(
        submitImage({ provider: provider({ transport: recorder.transport }), prompt: 'a cat', ...request }),
      );
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
      expect(error.message).toContain(says);
      expect(recorder.requests).toHaveLength(0);
    });
  }
});

describe('gpt-image-2 edits at 4K: only 16:9, 9:16, 2:1, 1:2, 21:9, 9:21 (edits page)', () => {
  const image = { data: PNG_32, mimeType: 'image/png' };
  it.each([
    ['1:1', { size: '1:1' }],
    ['the default size (1:1)', {}],
    ['4:3', { size: '4:3' }],
    ['auto', { size: 'auto' }],
  ] as const)(
    'refuses a 4K edit at %s before any upload or submit, naming resolution and the ratios accepted',
    async (_title, size) => {
      const recorder = nothingSent();
      const error = await failure(
        generateImage({
          provider: provider({ transport: recorder.transport }),
          model: 'gpt-image-2',
          prompt: 'a cat',
          images: [image],
          resolution: '4K',
          ...size,
        }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_REQUEST',
        field: 'resolution',
        model: 'gpt-image-2',
        provider: 'toapis',
      });
      expect(error.message).toContain(
        '"resolution" 4K edits are made by gpt-image-2 only at sizes 16:9, 9:16, 2:1, 1:2, 21:9, 9:21',
      );
      expect(error.message).toContain('or another tier (1K, 2K)');
      expect(recorder.requests).toHaveLength(0);
    },
  );

  it(
    'a 4K edit at 21:9 uploads and submits; 4K text-to-image ' + 'at 1:1 stays allowed (the generation page lists it)',
    async () => {
      nock(BASE)
        .post(UPLOADS)
        .reply(200, uploaded(`${CDN}/uploads/images-0.png`));
      const seen = captureSubmit('task_4k_edit', 'gpt-image-2');
      await submitImage({
        provider: provider(),
        model: 'gpt-image-2',
        prompt: 'widen',
        images: [image],
        size: '21:9',
        resolution: '4K',
      });
      expect(seen.body).toMatchObject({ size: '21:9', resolution: '4k', image_urls: [`${CDN}/uploads/images-0.png`] });
      expect((await bodyOf({ model: 'gpt-image-2', size: '1:1', resolution: '4K' })).body).toMatchObject({
        size: '1:1',
        resolution: '4k',
      });
      expect(
        (
          await bodyOf({
            model: 'gpt-image-2',
            size: '1:1',
            resolution: '2K',
            images: [{ url: 'https://example.com/a.png' }],
          })
        ).body,
      ).toMatchObject({ size: '1:1', resolution: '2k' });
    },
  );
});

describe('Gemini reference types: .jpeg, .jpg, .png, .webp (no GIF)', () => {
  it.each([
    'nano-banana',
    'gemini-3-pro-image-preview',
    'gemini-3.1-flash-image-preview',
    'nano-banana-pro-official',
    'gemini-2.5-flash-image-official',
    'gemini-3-pro-image-preview-4k',
  ])('%s refuses a GIF reference before uploading it', async (model) => {
    const recorder = nothingSent();
    const error = await failure(
      submitImage({
        provider: provider({ transport: recorder.transport }),
        model,
        prompt: 'a cat',
        images: [
          { data: PNG_32, mimeType: 'image/png' },
          { data: GIF_1, mimeType: 'image/gif' },
        ],
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[1]' });
    expect(error.message).toContain('image/jpeg, image/png, image/webp');
    expect(recorder.requests).toHaveLength(0);
  });

  it(
    'a model whose page lists no types (Flux Kontext) still ' + 'takes what the upload endpoint stores, GIF included',
    async () => {
      nock(BASE)
        .post(UPLOADS)
        .reply(200, uploaded(`${CDN}/uploads/images-0.gif`, 'image/gif'));
      const seen = captureSubmit('task_gif', 'flux-kontext-pro');
      await submitImage({
        provider: provider(),
        model: 'flux-kontext-pro',
        prompt: 'a cat',
        images: [{ data: GIF_1, mimeType: 'image/gif' }],
      });
      expect(seen.body).toMatchObject({ image_urls: [`${CDN}/uploads/images-0.gif`] });
    },
  );
});

describe('gemini-3-pro-image-preview-4k (documented by a model-guide page only)', () => {
  it(
    'sends 4K when no tier is asked ' +
      '(not Gemini 3 Pro’s 1K), ' +
      'in metadata.resolution ' +
      'like every Gemini preview id',
    async () => {
      expect((await bodyOf({ model: 'gemini-3-pro-image-preview-4k' })).body).toStrictEqual({
        model: 'gemini-3-pro-image-preview-4k',
        prompt: 'a lighthouse',
        size: '1:1',
        n: 1,
        metadata: { resolution: '4K' },
      });
      expect(
        (
          await bodyOf({
            model: 'gemini-3-pro-image-preview-4k',
            size: '21:9',
            images: [{ url: 'https://example.com/a.png' }],
          })
        ).body,
      ).toMatchObject({ size: '21:9', metadata: { resolution: '4K' } });
    },
  );

  it.each([
    ['a 2K tier', { resolution: '2K' }, 'resolution', 'one of 4K'],
    ['2:3 (not one of its six ratios)', { size: '2:3' }, 'size', '1:1, 16:9, 9:16, 4:3, 3:4, 21:9'],
    [
      '15 references',
      { images: Array.from({ length: 15 }, () => ({ url: 'https://example.com/a.png' })) },
      'images',
      'at most 14',
    ],
  ] as const)('refuses %s before any request', async (_title, extra, field, says) => {
    const recorder = nothingSent();
    const error = await failure(
      submitImage({
        provider: provider({ transport: recorder.transport }),
        model: 'gemini-3-pro-image-preview-4k',
        prompt: 'a cat',
        ...extra,
      }),
    );
    expect(error.field).toBe(field);
    expect(error.message).toContain(says);
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('several images per task', () => {
  it('gpt-4o-image n=2: one task with n 2, both result URLs downloaded', async () => {
    const seen = captureSubmit('task_two', 'gpt-4o-image');
    nock(BASE)
      .get(pollPath('task_two'))
      .reply(200, taskCompleted('task_two', [`${CDN}/generated/two-1.png`, `${CDN}/generated/two-2.png`]));
    const second = encodePng(24, 24, { color: [10, 200, 10] });
    nock(CDN)
      .get('/generated/two-1.png')
      .reply(200, Buffer.from(PNG_32), { 'content-type': 'image/png' })
      .get('/generated/two-2.png')
      .reply(200, Buffer.from(second), { 'content-type': 'image/png' });
    const clock = createSimulatedClock();
    const { images, tasks } = await generateImage({
      provider: provider(),
      model: 'gpt-4o-image',
      prompt: 'two castles',
      n: 2,
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(seen.body).toMatchObject({ model: 'gpt-4o-image', n: 2 });
    expect(tasks).toHaveLength(1);
    expect(images.map((i) => [i.url, i.width, i.height])).toEqual([
      [`${CDN}/generated/two-1.png`, 32, 32],
      [`${CDN}/generated/two-2.png`, 24, 24],
    ]);
  });

  it('gpt-4o-image n=3 is refused before any request, naming n and the values accepted', async () => {
    const recorder = nothingSent();
    const error = await failure(
      generateImage({
        provider: provider({ transport: recorder.transport }),
        model: 'gpt-4o-image',
        prompt: 'three castles',
        n: 3,
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'n', model: 'gpt-4o-image' });
    expect(error.message).toContain('"n" must be one of 1, 2, 4');
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('masks', () => {
  it('mask bytes are uploaded like references and sent as mask_url, the images as image_urls', async () => {
    const uploadedNames: string[] = [];
    nock(BASE)
      .post(UPLOADS)
      .times(2)
      .reply(200, (_uri, body) => {
        const file = multipartParts(bodyBytes(body)).find((p) => p.name === 'file')!;
        uploadedNames.push(file.filename!);
        return uploaded(`${CDN}/uploads/${file.filename}`);
      });
    const seen = captureSubmit('task_mask', 'gpt-image-2');
    const mask = encodePng(32, 32, { color: [0, 0, 0] });
    await submitImage({
      provider: provider(),
      model: 'gpt-image-2',
      prompt: 'replace the background',
      images: [{ data: JPEG_16, mimeType: 'image/jpeg' }],
      mask: { data: mask, mimeType: 'image/png' },
      quality: 'medium',
    });
    expect(uploadedNames.sort()).toEqual(['images-0.jpg', 'mask.png']);
    expect(seen.body).toStrictEqual({
      model: 'gpt-image-2',
      prompt: 'replace the background',
      size: '1:1',
      n: 1,
      image_urls: [`${CDN}/uploads/images-0.jpg`],
      mask_url: `${CDN}/uploads/mask.png`,
      resolution: '1k',
      quality: 'medium',
      response_format: 'url',
    });
  });

  it('a mask URL passes through to gpt-4o-image as mask_url', async () => {
    const { body } = await bodyOf({
      model: 'gpt-4o-image',
      images: [{ url: 'https://example.com/castle.jpg' }],
      mask: { url: 'https://example.com/mask.png' },
    });
    expect(body).toStrictEqual({
      model: 'gpt-4o-image',
      prompt: 'a lighthouse',
      size: '1:1',
      n: 1,
      image_urls: ['https://example.com/castle.jpg'],
      mask_url: 'https://example.com/mask.png',
    });
  });

  it('a failed mask upload names "mask", and nothing is submitted', async () => {
    nock(BASE).post(UPLOADS).reply(200, { success: false, message: 'unsupported file type' });
    const error = await failure(
      submitImage({
        provider: provider(),
        model: 'gpt-image-2',
        prompt: 'x',
        images: [{ url: 'https://example.com/a.png' }],
        mask: { data: PNG_32, mimeType: 'image/png' },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'mask' });
    expect(error.message).toMatch(/^mask: upload failed/);
  });
});

describe('invalid requests fail before any request, naming the field', () => {
  const image = { data: PNG_32, mimeType: 'image/png' };
  const cases: Array<[string, Record<string, unknown> & { model: string }, string, string]> = [
    [
      'a tier the model lacks (Seedream 5.0 has 2K and 3K)',
      { model: 'doubao-seedream-5-0', resolution: '4K' },
      'resolution',
      '"resolution" must be one of 2K, 3K',
    ],
    [
      'a lower-case tier (core takes 1K/2K/4K; the provider writes the case)',
      { model: 'gpt-image-2', resolution: '4k' },
      'resolution',
      'one of 1K, 2K, 4K',
    ],
    [
      '4K on gpt-image-2-official at 1:1',
      { model: 'gpt-image-2-official', size: '1:1', resolution: '4K' },
      'resolution',
      'offered only at sizes 16:9, 9:16, 2:1, 1:2, 21:9, 9:21',
    ],
    ['0.5K on Gemini 3 Pro', { model: 'nano-banana-pro', resolution: '0.5K' }, 'resolution', 'one of 1K, 2K, 4K'],
    [
      'a tier on a model without tiers',
      { model: 'gpt-4o-image', resolution: '2K' },
      'resolution',
      'takes no "resolution"',
    ],
    ['1:4 on Gemini 3 Pro (a 3.1 Flash ratio)', { model: 'gemini-3-pro-image-preview', size: '1:4' }, 'size', '21:9'],
    [
      'match_input_image without an image',
      { model: 'flux-kontext-pro', size: 'match_input_image' },
      'size',
      'needs "images"',
    ],
    ['two references on Flux Kontext', { model: 'flux-kontext-pro', images: [image, image] }, 'images', 'at most 1'],
    [
      'four references on Gemini 2.5 official',
      { model: 'gemini-2.5-flash-image-official', images: [image, image, image, image] },
      'images',
      'at most 3',
    ],
    ['a mask on Gemini', { model: 'nano-banana', images: [image], mask: image }, 'mask', 'takes no mask'],
    [
      'a JPEG mask',
      { model: 'gpt-4o-image', images: [image], mask: { data: JPEG_16, mimeType: 'image/jpeg' } },
      'mask',
      'must be a PNG',
    ],
    [
      'a 5 MB mask on gpt-4o-image (4 MB at most)',
      {
        model: 'gpt-4o-image',
        images: [image],
        mask: { data: padded(PNG_32, 5 * 1024 * 1024), mimeType: 'image/png' },
      },
      'mask',
      'at most 4 MB',
    ],
    ['a mask without images', { model: 'gpt-image-2', mask: image }, 'mask', 'needs "images"'],
    ['n 11 on gpt-image-2', { model: 'gpt-image-2', n: 11 }, 'n', '1 to 10'],
    ['webp from gpt-image-2', { model: 'gpt-image-2', outputFormat: 'webp' }, 'outputFormat', 'png, jpeg'],
    [
      'compression without jpeg output',
      { model: 'gpt-image-2', outputCompression: 80 },
      'outputCompression',
      "set outputFormat: 'jpeg'",
    ],
    [
      'quality on Gemini 2.5 (only an older page had it)',
      { model: 'gemini-2.5-flash-image-preview', quality: 'hd' },
      'quality',
      'does not take',
    ],
  ];
  for (const [title, request, field, says] of cases) {
    it(title, async () => {
      const recorder = nothingSent();
      const error = await failure(
        submitImage({ provider: provider({ transport: recorder.transport }), prompt: 'a cat', ...request }),
      );
      expect(['INVALID_REQUEST', 'UNSUPPORTED']).toContain(error.code);
      expect(error.field).toBe(field);
      expect(error.message).toContain(says);
      expect(recorder.requests).toHaveLength(0);
    });
  }
});

/** A real image header followed by zeros: an image of `size` bytes as far as type checks go. */
function padded(image: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(image);
  return out;
}
