import { generateImage } from '@imagegate/core';
import { outputPixels, sniffImage } from '@imagegate/core/provider';
import { encodePng } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToApis, TOAPIS_MODELS } from '../src/index.js';
import { startToApisEmulator, type ToApisEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';
import { GIF_1 } from './vendor-answers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-toapis-models-9a1b';
const poll = { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250, jitterMs: 0 };
let emu: ToApisEmulator;
beforeAll(async () => {
  // Tasks complete at the first poll: these tests are about bodies and images, not timing.
  emu = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = () => createToApis({ baseUrl: emu.url, apiKey: KEY });
const generate = (request: Record<string, unknown> & { model: string }) =>
  generateImage({ provider: provider(), prompt: 'a lighthouse', poll, ...request });
const sizeOf = (data: Uint8Array) => {
  const info = sniffImage(data)!;
  return `${info.width}x${info.height}`;
};
const submitted = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');

/** POST a raw body to the emulator, as a client other than ours would. */
async function rawSubmit(body: Record<string, unknown>): Promise<{ status: number; message: string }> {
  const response = await fetch(`${emu.url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'x', ...body }),
  });
  const answer = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: answer.error?.message ?? '' };
}

describe('ToAPIs emulator: images of the resolution asked', () => {
  it('gemini-3-pro 16:9 at 2K is exactly 2752x1536 (Google’s table), sent as metadata.resolution', async () => {
    const { images } = await generate({ model: 'gemini-3-pro-image-preview', size: '16:9', resolution: '2K' });
    expect(sniffImage(images[0]!.data)).toEqual({ mimeType: 'image/jpeg', width: 2752, height: 1536 });
    expect(submitted()[0]!.body).toMatchObject({ size: '16:9', metadata: { resolution: '2K' } });
  });

  it(
    'gpt-image-2 at 4K is its table’s size for the ratio (16:9 ' +
      '→ 3840x2160, 1:1 → 2880x2880), sent as resolution "4k"',
    async () => {
      for (const size of ['16:9', '1:1']) {
        const { images } = await generate({
          model: 'gpt-image-2',
          size,
          resolution: '4K',
          quality: 'high',
          outputFormat: 'jpeg',
          outputCompression: 90,
        });
        const model = TOAPIS_MODELS.find((m) => m.id === 'gpt-image-2')!;
        expect(sizeOf(images[0]!.data)).toBe(outputPixels(model, { size, resolution: '4K' }));
      }
      expect(submitted().map((r) => (r.body as { resolution: string }).resolution)).toEqual(['4k', '4k']);
      expect(
        sizeOf((await generate({ model: 'gpt-image-2-official', size: '21:9', resolution: '4K' })).images[0]!.data),
      ).toBe('3840x1648');
    },
  );

  it(
    'tiers without a table are approximated: the tier’s edge as ' +
      'the geometric mean, the ratio kept, sides multiples of 16',
    async () => {
      const cases: Array<[Record<string, unknown> & { model: string }, string]> = [
        [{ model: 'gemini-3.1-flash-image-preview', size: '1:4', resolution: '0.5K' }, '256x1024'],
        [{ model: 'gemini-3.1-flash-image-preview', size: '8:1', resolution: '1K' }, '2896x368'],
        [{ model: 'doubao-seedream-4-5' }, '2048x2048'],
        [{ model: 'doubao-seedream-5-0', size: '16:9', resolution: '3K' }, '4096x2304'],
        [{ model: 'gpt-4o-image', size: '3:2' }, '1248x832'],
      ];
      for (const [request, pixels] of cases)
        expect(sizeOf((await generate(request)).images[0]!.data), JSON.stringify(request)).toBe(pixels);
    },
  );

  it('Flux 2 at 2K follows its table; Flux Kontext’s match_input_image keeps the input’s size', async () => {
    expect(sizeOf((await generate({ model: 'flux-2-flex', size: '9:16', resolution: '2K' })).images[0]!.data)).toBe(
      '2048x3640',
    );
    const photo = encodePng(48, 32, { color: [10, 120, 200] });
    const { images } = await generate({
      model: 'flux-kontext-pro',
      images: [{ data: photo, mimeType: 'image/png' }],
      outputFormat: 'jpeg',
    });
    expect(sizeOf(images[0]!.data)).toBe('48x32');
    expect(submitted()[1]!.body).toMatchObject({ size: 'match_input_image', metadata: { response_format: 'jpg' } });
  });

  it('Flux Kontext text-to-image without a size: the page’s 16:9 default is sent and made', async () => {
    const { images } = await generate({ model: 'flux-kontext-max' });
    expect(sizeOf(images[0]!.data)).toBe('1360x768');
    expect(submitted()[0]!.body).toMatchObject({ size: '16:9' });
    // A raw body without size gets the same default from the emulator.
    expect((await rawSubmit({ model: 'flux-kontext-pro' })).status).toBe(200);
  });

  it('gemini-3-pro-image-preview-4k makes 4K without a tier asked (Google’s 4K table)', async () => {
    const { images } = await generate({ model: 'gemini-3-pro-image-preview-4k', size: '16:9' });
    expect(sizeOf(images[0]!.data)).toBe('5504x3072');
    expect(submitted()[0]!.body).toMatchObject({ size: '16:9', metadata: { resolution: '4K' } });
  });

  it(
    'size auto: Seedream 4.0 with a reference (its shape at the ' +
      'tier), gpt-image-2 edits, gpt-image-2-official text-to-image',
    async () => {
      const wide = encodePng(64, 32, { color: [10, 120, 200] });
      const seedream = await generate({
        model: 'doubao-seedream-4-0',
        size: 'auto',
        images: [{ data: wide, mimeType: 'image/png' }],
      });
      expect(sizeOf(seedream.images[0]!.data)).toBe('2896x1456');
      const edit = await generate({
        model: 'gpt-image-2',
        size: 'auto',
        images: [{ data: wide, mimeType: 'image/png' }],
      });
      expect(sizeOf(edit.images[0]!.data)).toBe('1456x720');
      const official = await generate({ model: 'gpt-image-2-official', size: 'auto', resolution: '2K' });
      expect(sizeOf(official.images[0]!.data)).toBe('2048x2048');
      expect(submitted().map((r) => (r.body as { size: string }).size)).toEqual(['auto', 'auto', 'auto']);
    },
  );

  it('multi-image models make n images in one task: gpt-image-2 n=3, gpt-4o-image n=4', async () => {
    const three = await generate({ model: 'gpt-image-2', n: 3, size: '3:2' });
    expect(three.tasks).toHaveLength(1);
    expect(three.images.map((i) => sizeOf(i.data))).toEqual(['1536x1024', '1536x1024', '1536x1024']);
    expect(new Set(three.images.map((i) => i.url)).size).toBe(3);
    const four = await generate({ model: 'gpt-4o-image', n: 4 });
    expect(four.tasks).toHaveLength(1);
    expect(four.images).toHaveLength(4);
    expect(submitted().map((r) => (r.body as { n: number }).n)).toEqual([3, 4]);
  });

  it('one-per-task models fan n out into tasks of n 1', async () => {
    const { images, tasks } = await generate({ model: 'doubao-seedream-4-0', n: 2, resolution: '1K' });
    expect([images.length, tasks.length]).toEqual([2, 2]);
    expect(submitted().map((r) => (r.body as { n: number }).n)).toEqual([1, 1]);
  });

  it('a mask is uploaded to the emulator and accepted as mask_url by a model with masks', async () => {
    const photo = encodePng(64, 64, { color: [200, 200, 200] });
    const mask = encodePng(64, 64, { color: [0, 0, 0] });
    const { images } = await generate({
      model: 'gpt-image-2',
      images: [{ data: photo, mimeType: 'image/png' }],
      mask: { data: mask, mimeType: 'image/png' },
    });
    expect(images).toHaveLength(1);
    const body = submitted()[0]!.body as { image_urls: string[]; mask_url: string };
    expect(body.mask_url).toMatch(new RegExp(`^${emu.url}/files/file_\\w+\\.png$`));
    expect(body.image_urls).toHaveLength(1);
    expect(body.mask_url).not.toBe(body.image_urls[0]);
  });

  it(
    'answers every model and alias of the manifest at every tier ' +
      '(the provider’s bodies pass the emulator’s checks)',
    async () => {
      const names = TOAPIS_MODELS.flatMap((m) => [m.id, ...(m.aliases ?? [])]);
      expect(names).toHaveLength(23);
      const runs = TOAPIS_MODELS.flatMap((model) =>
        [model.id, ...(model.aliases ?? [])].flatMap((name) =>
          (model.resolution?.values ?? [undefined]).map((resolution) => {
            // A tier with a table is offered only at the ratios it lists: pick one of those.
            const size =
              resolution && model.resolution?.pixels?.[resolution]
                ? Object.keys(model.resolution.pixels[resolution]!).at(-1)
                : model.defaultSize;
            return { model, name, size, resolution };
          }),
        ),
      );
      expect(runs).toHaveLength(50);
      // Concurrently: each run waits at least core's shortest poll delay.
      await Promise.all(
        runs.map(async ({ model, name, size, resolution }) => {
          const { images } = await generate({ model: name, size, ...(resolution ? { resolution } : {}) });
          const expected = outputPixels(model, { size, resolution });
          if (expected) expect(sizeOf(images[0]!.data), `${name} ${size} ${resolution}`).toBe(expected);
          else expect(images[0]!.data.byteLength).toBeGreaterThan(0);
        }),
      );
      expect(submitted().every((r) => r.status === 200)).toBe(true);
    },
  );
});

describe('ToAPIs emulator: checks bodies as ToAPIs does, per model', () => {
  it.each([
    [
      'a tier at the top level for Gemini',
      { model: 'gemini-3-pro-image-preview', resolution: '2K' },
      'resolution belongs in metadata.resolution',
    ],
    [
      'a tier in metadata for gpt-image-2',
      { model: 'gpt-image-2', metadata: { resolution: '2K' } },
      'resolution belongs in the top-level resolution',
    ],
    ['an upper-case tier for gpt-image-2', { model: 'gpt-image-2', resolution: '4K' }, 'must be one of 1k, 2k, 4k'],
    [
      'a lower-case tier for Gemini',
      { model: 'gemini-3-pro-image-preview', metadata: { resolution: '2k' } },
      'must be one of 1K, 2K, 4K',
    ],
    [
      '4k at 1:1 on gpt-image-2-official',
      { model: 'gpt-image-2-official', size: '1:1', resolution: '4k' },
      'not supported for size 1:1',
    ],
    ['a tier on gpt-4o-image', { model: 'gpt-4o-image', resolution: '1k' }, 'resolution is not a parameter'],
    ['n 3 on gpt-4o-image', { model: 'gpt-4o-image', n: 3 }, 'one of 1, 2, 4'],
    ['n 2 on Gemini', { model: 'nano-banana', n: 2 }, '1 (fixed)'],
    ['n 11 on gpt-image-2', { model: 'gpt-image-2', n: 11 }, 'one of 1, 2, 3'],
    ['a ratio of another model', { model: 'gemini-3-pro-image-preview', size: '1:8' }, 'size must be one of'],
    [
      'mask_url on Gemini',
      {
        model: 'gemini-3-pro-image-preview',
        image_urls: ['https://example.com/a.png'],
        mask_url: 'https://example.com/m.png',
      },
      'mask_url is not a parameter',
    ],
    [
      'mask_url that is no URL',
      { model: 'gpt-4o-image', image_urls: ['https://example.com/a.png'], mask_url: 'iVBORw0KGgo=' },
      'mask_url has an invalid value',
    ],
    [
      'mask_url without image_urls',
      { model: 'gpt-image-2', mask_url: 'https://example.com/m.png' },
      'needs image_urls',
    ],
    [
      '6 references on gpt-4o-image',
      { model: 'gpt-4o-image', image_urls: Array.from({ length: 6 }, (_, i) => `https://example.com/${i}.png`) },
      'at most 5',
    ],
    ['quality on Seedream', { model: 'doubao-seedream-4-5', quality: 'high' }, 'quality is not a parameter'],
    [
      'response_format jpeg on Flux Kontext',
      { model: 'flux-kontext-max', metadata: { response_format: 'jpeg' } },
      'must be one of png, jpg',
    ],
    [
      'match_input_image without a reference',
      { model: 'flux-kontext-pro', size: 'match_input_image' },
      'needs image_urls',
    ],
    ['a 1001-character prompt on gpt-4o-image', { model: 'gpt-4o-image', prompt: 'x'.repeat(1001) }, 'at most 1000'],
    [
      'a 4k gpt-image-2 edit at 1:1 (edits page: 4K only at six ratios)',
      { model: 'gpt-image-2', size: '1:1', resolution: '4k', image_urls: ['https://example.com/a.png'] },
      'edits are only supported for size 16:9 / 9:16 / 2:1 / 1:2 / 21:9 / 9:21',
    ],
    [
      'a 4k gpt-image-2 edit at auto',
      { model: 'gpt-image-2', size: 'auto', resolution: '4k', image_urls: ['https://example.com/a.png'] },
      'edits are only supported',
    ],
    ['auto on gpt-image-2 without image_urls', { model: 'gpt-image-2', size: 'auto' }, 'size auto needs image_urls'],
    [
      'auto on Seedream 4.0 without image_urls',
      { model: 'doubao-seedream-4-0', size: 'auto' },
      'size auto needs image_urls',
    ],
    [
      'auto on Seedream 4.5',
      { model: 'doubao-seedream-4-5', size: 'auto', image_urls: ['https://example.com/a.png'] },
      'size must be one of',
    ],
    [
      'auto at 4k on gpt-image-2-official',
      { model: 'gpt-image-2-official', size: 'auto', resolution: '4k' },
      'not supported for size auto',
    ],
    [
      'a 1K tier on gemini-3-pro-image-preview-4k',
      { model: 'gemini-3-pro-image-preview-4k', metadata: { resolution: '1K' } },
      'must be one of 4K',
    ],
    [
      '2:3 on gemini-3-pro-image-preview-4k',
      { model: 'gemini-3-pro-image-preview-4k', size: '2:3' },
      'size must be one of 1:1, 16:9, 9:16, 4:3, 3:4, 21:9',
    ],
  ])('refuses %s (400)', async (_title, body, says) => {
    const answer = await rawSubmit(body);
    expect(answer.status).toBe(400);
    expect(answer.message).toContain(says);
  });

  it('accepts what the docs show: 16 references on gpt-image-2, a long prompt on Gemini 3 Pro, an alias', async () => {
    expect(
      (
        await rawSubmit({
          model: 'gpt-image-2',
          image_urls: Array.from({ length: 16 }, (_, i) => `https://example.com/${i}.png`),
          resolution: '2k',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await rawSubmit({
          model: 'gemini-3-pro-image-preview',
          prompt: 'x'.repeat(5000),
          metadata: { resolution: '4K', orientation: 'landscape' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await rawSubmit({
          model: 'nano-banana-2-lite-official',
          size: '4:1',
          metadata: { resolution: '1K', imageOutputOptions: { mimeType: 'image/webp' } },
        })
      ).status,
    ).toBe(200);
  });

  it('accepts a 4k gpt-image-2 edit at 21:9, 4k text-to-image at 1:1, and auto on the official channel', async () => {
    expect(
      (
        await rawSubmit({
          model: 'gpt-image-2',
          size: '21:9',
          resolution: '4k',
          image_urls: ['https://example.com/a.png'],
        })
      ).status,
    ).toBe(200);
    expect((await rawSubmit({ model: 'gpt-image-2', size: '1:1', resolution: '4k' })).status).toBe(200);
    expect((await rawSubmit({ model: 'gpt-image-2-official', size: 'auto', resolution: '2k' })).status).toBe(200);
  });

  it(
    'refuses a GIF reference it holds on a Gemini model ' + '(the pages list .jpeg .jpg .png .webp); Flux takes it',
    async () => {
      const form = new FormData();
      form.append('file', new Blob([GIF_1 as Uint8Array<ArrayBuffer>]), 'ref.gif');
      const upload = (await (
        await fetch(`${emu.url}/v1/uploads/images`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}` },
          body: form,
        })
      ).json()) as { data: { url: string } };
      const gemini = await rawSubmit({ model: 'nano-banana-pro', image_urls: [upload.data.url] });
      expect(gemini).toEqual({
        status: 400,
        message: expect.stringContaining(
          'image_urls[0] is image/gif; gemini-3-pro-image-preview takes .jpeg, .png, .webp',
        ),
      });
      expect((await rawSubmit({ model: 'flux-kontext-pro', image_urls: [upload.data.url] })).status).toBe(200);
    },
  );

  it('the provider refuses what the emulator would, before sending (n 3 on gpt-4o-image)', async () => {
    const error = await failure(generate({ model: 'gpt-4o-image', n: 3 }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'n' });
    expect(emu.requests).toHaveLength(0);
  });
});

describe('ToAPIs emulator: result files given by the caller', () => {
  it(
    "serves resultFile's bytes for every result (a photo-sized " +
      'PNG for memory measurements), as the task and index ask',
    async () => {
      const photo = encodePng(96, 54, { noise: 0.5, seed: 2 });
      const seen: Array<{ model: string; index: number }> = [];
      const custom = await startToApisEmulator({
        apiKey: KEY,
        taskDurationMs: 0,
        resultFile: (task, index) => {
          seen.push({ model: task.model, index });
          return { bytes: photo, mimeType: 'image/png' };
        },
      });
      try {
        const result = await generateImage({
          provider: createToApis({ baseUrl: custom.url, apiKey: KEY }),
          model: 'gpt-image-2',
          prompt: 'a lighthouse',
          n: 2,
          poll,
        });
        expect(result.images.map((image) => Buffer.from(image.data).equals(Buffer.from(photo)))).toEqual([true, true]);
        expect(seen).toEqual([
          { model: 'gpt-image-2', index: 0 },
          { model: 'gpt-image-2', index: 1 },
        ]);
      } finally {
        await custom.close();
      }
    },
  );
});
