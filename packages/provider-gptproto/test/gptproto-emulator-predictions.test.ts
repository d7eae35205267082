import { generateImage, submitImage, waitForTask, type GeneratedImage } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { encodePng } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGptProto } from '../src/index.js';
import { startGptProtoEmulator, type GptProtoEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-emulator-v3-8c1e44';
let emu: GptProtoEmulator;
beforeAll(async () => {
  emu = await startGptProtoEmulator({ apiKey: KEY, taskDurationMs: 400 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = () => createGptProto({ baseUrl: emu.url, apiKey: KEY });
// The model's hints add up to 1 s of jitter; off here, so the 400 ms predictions are polled on time.
const poll = { initialDelayMs: 100, intervalMs: 100, jitterMs: 0 };
const header = (image: GeneratedImage) => sniffImage(image.data);

describe('GPTProto emulator: the v3 predictions', () => {
  it(
    "Nano Banana Pro at 2K, 16:9: pending → in_progress → completed (the SDK's statuses), " +
      'a real 2752×1536 PNG downloaded from its result URL',
    async () => {
      const states: string[] = [];
      const { images, tasks } = await generateImage({
        provider: provider(),
        model: 'gemini-3-pro-image-preview',
        prompt: 'a lighthouse at dusk',
        size: '16:9',
        resolution: '2K',
        poll,
        onProgress: (e) => states.push(e.state),
      });
      expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 2752, height: 1536 });
      expect(images[0]!.url).toMatch(new RegExp(`^${emu.url}/files/pred_`));
      expect(tasks[0]).toMatchObject({ provider: 'gptproto', model: 'gemini-3-pro-image-preview' });
      expect(states[0]).toBe('submitted');
      expect(states.at(-1)).toBe('succeeded');
      expect(states).toContain('running');
      expect(emu.requests.map((r) => `${r.method} ${r.path.replace(/pred_\w+/, 'ID')}`)).toEqual([
        'POST /api/v3/google/gemini-3-pro-image-preview/text-to-image',
        ...new Array(emu.requests.length - 2).fill('GET /api/v3/predictions/ID/result'),
        'GET /files/ID.png',
      ]);
      expect(JSON.stringify(emu.requests)).not.toContain(KEY);
    },
  );

  it('synchronous mode answers the finished image in the submit: no task, no poll', async () => {
    const { images, tasks } = await submitImage({
      provider: provider(),
      model: 'gemini-3.1-flash-image-preview',
      prompt: 'a kite',
      size: '1:8',
      resolution: '1K',
      outputFormat: 'jpeg',
      providerOptions: { syncMode: true },
    });
    expect(tasks).toEqual([]);
    expect(header(images[0]!)).toEqual({ mimeType: 'image/jpeg', width: 368, height: 2896 });
    expect(emu.requests.filter((r) => r.path.includes('/predictions/'))).toEqual([]);
  });

  it('Seedream makes the W*H asked for; an edit sends its reference URLs to image-edit', async () => {
    const { images } = await generateImage({
      provider: provider(),
      model: 'seedream-4-5-251128',
      prompt: 'a fox',
      size: '2560x1440',
      poll,
    });
    expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 2560, height: 1440 });
    emu.reset();
    await generateImage({
      provider: provider(),
      model: 'doubao-seedream-4-0-250828',
      prompt: 'the fox in snow',
      images: [{ url: 'https://example.com/fox.png' }],
      poll,
    });
    expect(emu.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v3/bytedance/doubao-seedream-4-0-250828/image-edit',
      status: 200,
    });
  });

  it('Gemini 3 edits from bytes through generateContent at the tier asked: 4K 16:9 is 5504×3072', async () => {
    const { images, tasks } = await generateImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'add a boat',
      size: '16:9',
      resolution: '4K',
      images: [{ data: encodePng(64, 36), mimeType: 'image/png' }],
    });
    expect(tasks).toEqual([]);
    expect(header(images[0]!)).toMatchObject({ width: 5504, height: 3072 });
    expect(emu.requests[0]!.path).toBe('/v1beta/models/gemini-3-pro-image-preview:generateContent');
  });

  it(
    'a failing prediction is TASK_FAILED with its task, ' +
      'which can be resumed with waitForTask and fails the same way',
    async () => {
      const error = await failure(
        generateImage({
          provider: provider(),
          model: 'gemini-3-pro-image-preview',
          prompt: 'x [fault:task-fails]',
          poll,
        }),
      );
      expect(error).toMatchObject({ code: 'TASK_FAILED', task: expect.objectContaining({ provider: 'gptproto' }) });
      expect(error.message).toMatch(/upstream returned status 500/);
      const again = await failure(waitForTask({ provider: provider(), task: error.task!, poll }));
      expect(again.code).toBe('TASK_FAILED');
      const refused = await failure(
        generateImage({
          provider: provider(),
          model: 'gemini-3-pro-image-preview',
          prompt: 'x [fault:task-content-policy]',
          poll,
        }),
      );
      expect(refused.code).toBe('CONTENT_POLICY');
    },
  );

  it('refuses what GPTProto refuses: a tier the model lacks, a model on the wrong vendor path', async () => {
    const raw = (path: string, body: unknown) =>
      fetch(`${emu.url}${path}`, {
        method: 'POST',
        headers: { authorization: KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await raw('/api/v3/google/gemini-3-pro-image-preview/text-to-image', { prompt: 'x', size: '8K' })).status,
    ).toBe(400);
    expect((await raw('/api/v3/bytedance/gemini-3-pro-image-preview/text-to-image', { prompt: 'x' })).status).toBe(404);
    expect(
      (await raw('/api/v3/bytedance/seedream-5-0-260128/text-to-image', { prompt: 'x', size: '1024*1024' })).status,
    ).toBe(400);
  });
});

describe('GPTProto emulator: what the newest v3 pages and the SDK show', () => {
  const raw = (path: string, body: unknown) =>
    fetch(`${emu.url}${path}`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const statusOf = async (id: string) =>
    (
      (await (
        await fetch(`${emu.url}/api/v3/predictions/${id}/result`, { headers: { authorization: KEY } })
      ).json()) as { data: { status: string } }
    ).data.status;

  it("answers the SDK's statuses: pending, then in_progress, then completed", async () => {
    const submitted = (await (
      await raw('/api/v3/bytedance/seedream-4-0-250828/text-to-image', { prompt: 'x', size: '1024*1024' })
    ).json()) as { data: { id: string; status: string } };
    expect(submitted.data.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await statusOf(submitted.data.id)).toBe('in_progress');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(submitted.data.id)).toBe('completed');
  });

  it(
    '[fault:task-cancelled] ends "cancelled": TASK_FAILED, canceled; ' +
      '[fault:task-expires] ends "expired": TASK_FAILED saying it expired',
    async () => {
      const canceled = await failure(
        generateImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'x [fault:task-cancelled]', poll }),
      );
      expect(canceled).toMatchObject({
        code: 'TASK_FAILED',
        vendorCode: 'canceled',
        task: expect.objectContaining({ provider: 'gptproto' }),
      });
      const expired = await failure(
        generateImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'x [fault:task-expires]', poll }),
      );
      expect(expired).toMatchObject({
        code: 'TASK_FAILED',
        vendorCode: 'expired',
        task: expect.objectContaining({ provider: 'gptproto' }),
      });
      expect(expired.message).toMatch(/expired before it completed/);
    },
  );

  it(
    'the HD channel under its new id: no size sent (the emulator refuses one, ' +
      'as the pages send none); the old id is an alias sent under the new one',
    async () => {
      const { images, tasks } = await generateImage({
        provider: provider(),
        model: 'gemini-2.5-flash-image-preview-hd',
        prompt: 'a hat',
        size: '16:9',
        poll,
      });
      expect(header(images[0]!)).toEqual({ mimeType: 'image/png', width: 1344, height: 768 });
      expect(tasks[0]).toMatchObject({ model: 'gemini-2.5-flash-image-preview-hd' });
      expect(emu.requests[0]).toMatchObject({
        method: 'POST',
        path: '/api/v3/google/gemini-2.5-flash-image-hd/text-to-image',
        status: 200,
      });
      expect(
        (await raw('/api/v3/google/gemini-2.5-flash-image-hd/text-to-image', { prompt: 'x', size: '1K' })).status,
      ).toBe(400);
    },
  );

  it(
    'Seedream 5.0: text-to-image, and text-to-imgae as an older page spells it; ' +
      'a 404 to the first is retried once with the second',
    async () => {
      const big = { prompt: 'x', size: '2048*2048' };
      expect((await raw('/api/v3/bytedance/seedream-5-0-260128/text-to-image', big)).status).toBe(200);
      expect((await raw('/api/v3/bytedance/seedream-5-0-260128/text-to-imgae', big)).status).toBe(200);
      expect((await raw('/api/v3/bytedance/seedream-4-5-251128/text-to-imgae', big)).status).toBe(404);
      emu.reset();
      // As if the live service knew only the older spelling.
      emu.script({ status: 404, message: 'Invalid URL', path: /\/text-to-image$/ });
      const { images, warnings } = await generateImage({
        provider: provider(),
        model: 'seedream-5-0-260128',
        prompt: 'a fox',
        poll,
      });
      expect(header(images[0]!)).toMatchObject({ width: 2048, height: 2048 });
      expect(warnings.join(' ')).toMatch(/text-to-imgae/);
      expect(emu.requests.slice(0, 2).map((r) => `${r.path} ${r.status}`)).toEqual([
        '/api/v3/bytedance/seedream-5-0-260128/text-to-image 404',
        '/api/v3/bytedance/seedream-5-0-260128/text-to-imgae 200',
      ]);
    },
  );
});

describe('GPTProto emulator: Flux Kontext', () => {
  it('answers n result URLs that core downloads', async () => {
    const { images } = await generateImage({
      provider: provider(),
      model: 'flux-kontext-pro',
      prompt: 'a red hat',
      size: '16:9',
      n: 2,
    });
    expect(images.map((i) => header(i)?.width)).toEqual([1360, 1360]);
    expect(images.every((i) => i.url?.startsWith(`${emu.url}/files/flux-`))).toBe(true);
  });
});
