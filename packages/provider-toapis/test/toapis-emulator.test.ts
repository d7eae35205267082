import { generateImage, getTaskStatus, submitImage, waitForTask, type ProgressEvent } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { createSimulatedClock, encodePng, encodeSolidJpeg } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToApis, TOAPIS_MODELS, TOAPIS_RESOLUTIONS } from '../src/index.js';
import { startToApisEmulator, type ToApisEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-toapis-emulator-5e7f';
/** A first poll as soon as core allows (250 ms), without jitter; ToAPIs' 5 s floor still holds between polls. */
const poll = { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250, jitterMs: 0 };
/**
 * The emulator and core share a simulated clock: core's waits (5 s at least
 * between ToAPIs polls) pass at once, and the emulator's tasks age with them.
 */
const clock = createSimulatedClock(Date.now());
const timing = { poll, sleep: clock.sleep, now: clock.now };
let emu: ToApisEmulator;
beforeAll(async () => {
  emu = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 1600, queueMs: 400, now: clock.now });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = (apiKey = KEY) => createToApis({ baseUrl: emu.url, apiKey });

describe('ToAPIs emulator: tasks', () => {
  it('runs a task queued → in_progress with rising progress → completed, with a result PNG it serves', async () => {
    const long = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 30_000, queueMs: 6000, now: clock.now });
    const events: ProgressEvent[] = [];
    const started = clock.now();
    const result = await generateImage({
      provider: createToApis({ baseUrl: long.url, apiKey: KEY }),
      model: 'nano-banana',
      prompt: 'a lighthouse at dusk',
      size: '16:9',
      sleep: clock.sleep,
      now: clock.now,
      onProgress: (e) => events.push(e),
    }).finally(() => long.close());
    expect(clock.now() - started).toBeGreaterThanOrEqual(30_000);

    const image = result.images[0]!;
    expect(sniffImage(image.data)).toEqual({ mimeType: 'image/png', width: 1792, height: 1024 });
    expect(image.url).toMatch(new RegExp(`^${long.url}/files/task_img_[0-9a-f]{16}\\.png$`));
    expect(image.expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const states = events.map((e) => e.state);
    expect(states[0]).toBe('submitted');
    expect(states).toContain('queued');
    expect(states.at(-1)).toBe('succeeded');
    const running = events.filter((e) => e.state === 'running').map((e) => e.progress!);
    expect(running.length).toBeGreaterThanOrEqual(3);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    expect(running[0]).toBeLessThan(running.at(-1)!);

    // Submit, polls, then core's download of the result (without the key).
    const paths = long.requests.map((r) => `${r.method} ${r.path.replace(/task_img_\w+/, 'ID')}`);
    expect(paths[0]).toBe('POST /v1/images/generations');
    expect(paths.at(-1)).toBe('GET /files/ID.png');
    expect(long.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(long.requests[0]).toMatchObject({ model: 'nano-banana', prompt: 'a lighthouse at dusk', status: 200 });
    expect(long.requests[0]!.headers.authorization).toBe('Bearer ***');
    expect(JSON.stringify(long.requests)).not.toContain(KEY);
  });

  it(
    'a 12 s task is polled at ToAPIs’ cadence: at 5, 10 and ' +
      '15 s without jitter, never sooner than 5 s apart with it',
    async () => {
      const twelve = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 12_000, now: clock.now });
      try {
        const run = async (jitterMs?: number) => {
          twelve.reset();
          const started = clock.now();
          const at: number[] = [];
          await generateImage({
            provider: createToApis({ baseUrl: twelve.url, apiKey: KEY }),
            model: 'gemini-3-pro-image-preview',
            prompt: 'a lighthouse',
            sleep: clock.sleep,
            now: clock.now,
            ...(jitterMs === undefined ? {} : { poll: { jitterMs } }),
            onProgress: (e) => void (e.state !== 'submitted' && at.push(clock.now() - started)),
          });
          expect(twelve.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/')).length).toBe(at.length);
          return at;
        };
        // Queued for 1 s, then linear progress to 12 s: at 10 s it predicts
        // the end in about 2 s, but the next poll waits the 5 s floor.
        expect(await run(0)).toEqual([5000, 10_000, 15_000]);
        for (let i = 0; i < 5; i++) {
          const at = await run();
          expect(at).toHaveLength(3);
          at.forEach((t, j) => {
            const gap = t - (j === 0 ? 0 : at[j - 1]!);
            expect(gap).toBeGreaterThanOrEqual(5000);
            expect(gap).toBeLessThanOrEqual(6000);
          });
        }
      } finally {
        await twelve.close();
      }
    },
  );

  it('makes every size of the table, and taskDurationMs 0 completes at the first poll', async () => {
    const instant = await startToApisEmulator({ taskDurationMs: 0 });
    try {
      for (const [ratio, size] of Object.entries(TOAPIS_RESOLUTIONS)) {
        const { images } = await generateImage({
          provider: createToApis({ baseUrl: instant.url, apiKey: 'k' }),
          model: 'gemini-2.5-flash-image-preview',
          prompt: ratio,
          size: ratio,
          ...timing,
        });
        const [width, height] = size.split('x').map(Number);
        expect(sniffImage(images[0]!.data)).toEqual({ mimeType: 'image/png', width, height });
      }
      // one poll each
      expect(instant.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/')).length).toBe(7);
    } finally {
      await instant.close();
    }
  });

  it(
    'a submitted task can be polled and waited for later ' + '(submitImage → getTaskStatus → waitForTask)',
    async () => {
      const { tasks } = await submitImage({ provider: provider(), model: 'nano-banana', prompt: 'later' });
      const handle = JSON.parse(JSON.stringify(tasks[0]));
      const first = await getTaskStatus({ provider: provider(), task: handle });
      expect(first).toMatchObject({ state: 'queued', progress: 0 });
      const { images } = await waitForTask({ provider: provider(), task: handle, ...timing });
      expect(sniffImage(images[0]!.data as Uint8Array)).toEqual({ mimeType: 'image/png', width: 1024, height: 1024 });
    },
  );

  it('an unknown task id is 404 task_not_found → TASK_FAILED', async () => {
    const error = await failure(
      getTaskStatus({
        provider: provider(),
        task: {
          version: 1,
          provider: 'toapis',
          taskId: 'task_img_missing',
          model: 'nano-banana',
          pollUrl: '',
          createdAt: Date.now(),
        },
      }),
    );
    expect(error).toMatchObject({ code: 'TASK_FAILED', status: 404, vendorCode: 'task_not_found' });
  });

  it('checks the submit as ToAPIs does: n a number, URLs only in image_urls', async () => {
    const submit = (body: unknown) =>
      fetch(`${emu.url}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const quoted = await submit({ model: 'nano-banana', prompt: 'x', n: '1' });
    expect(quoted.status).toBe(400);
    expect(await quoted.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: expect.stringMatching(/n must be a number/),
        type: 'invalid_request_error',
      },
    });
    const base64 = await submit({ model: 'nano-banana', prompt: 'x', image_urls: ['iVBORw0KGgo='] });
    expect(base64.status).toBe(400);
    const missing = await submit({ model: 'nano-banana', prompt: 'x', image_urls: [`${emu.url}/files/nothing.png`] });
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/could not be fetched/);
  });
});

describe('ToAPIs emulator: uploads', () => {
  it(
    "uploads exactly the image's bytes when they are a view into " +
      'a larger buffer (a Node Buffer from its pool, a subarray)',
    async () => {
      const png = encodePng(24, 24, { color: [9, 9, 9] });
      const pooled = Buffer.from(Buffer.from(png).toString('base64'), 'base64'); // small: lives in Node's shared pool
      const big = new Uint8Array(png.byteLength + 5000);
      big.set(png, 1000);
      const view = big.subarray(1000, 1000 + png.byteLength);
      for (const data of [pooled, view]) {
        emu.reset();
        await generateImage({
          provider: provider(),
          model: 'nano-banana',
          prompt: 'x',
          images: [{ data, mimeType: 'image/png' }],
          ...timing,
        });
        const upload = emu.requests.find((r) => r.path === '/v1/uploads/images')!;
        expect((upload.body as { file: { size: number } }).file.size).toBe(png.byteLength);
      }
    },
  );

  it('uploads image bytes (field "file") and uses the URLs it serves as image_urls, in order', async () => {
    const png = encodePng(48, 32, { color: [1, 200, 3] });
    const jpeg = encodeSolidJpeg(40, 40, [200, 1, 3]);
    const result = await generateImage({
      provider: provider(),
      model: 'nano-banana',
      prompt: 'combine',
      images: [
        { data: png, mimeType: 'image/png' },
        { url: 'https://example.com/scene.jpg' },
        { data: jpeg, mimeType: 'image/jpeg' },
      ],
      ...timing,
    });
    expect(result.images).toHaveLength(1);

    const uploads = emu.requests.filter((r) => r.path === '/v1/uploads/images');
    expect(uploads.map((r) => [r.status, (r.body as { file: { type: string; size: number } }).file])).toEqual([
      [200, { fileName: 'images-0.png', type: 'image/png', size: png.byteLength }],
      [200, { fileName: 'images-2.jpg', type: 'image/jpeg', size: jpeg.byteLength }],
    ]);
    // The submit carried the uploaded files' URLs, on the emulator, in the order of the images.
    const submit = emu.requests.find((r) => r.method === 'POST' && r.path === '/v1/images/generations')!;
    const imageUrls = (submit.body as { image_urls: string[] }).image_urls;
    expect(imageUrls).toEqual([
      expect.stringMatching(new RegExp(`^${emu.url}/files/file_\\w+\\.png$`)),
      'https://example.com/scene.jpg',
      expect.stringMatching(/\.jpg$/),
    ]);

    // The stored files are served back byte for byte, without a key.
    for (const [url, sent] of [
      [imageUrls[0]!, png],
      [imageUrls[2]!, jpeg],
    ] as const) {
      const served = await fetch(url);
      expect(served.headers.get('content-type')).toBe(sent === png ? 'image/png' : 'image/jpeg');
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(sent);
    }
  });

  it('refuses a file that is not an image, a missing field, and one over the limit, with {success:false}', async () => {
    const small = await startToApisEmulator({ maxUploadBytes: 200 });
    try {
      const post = (form: FormData) =>
        fetch(`${small.url}/v1/uploads/images`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
      const text = new FormData();
      text.append('file', new Blob(['hello']), 'a.txt');
      const empty = new FormData();
      empty.append('purpose', 'edit');
      const big = new FormData();
      big.append('file', new Blob([encodePng(64, 64, { noise: true }) as Uint8Array<ArrayBuffer>]), 'big.png');
      const answers = await Promise.all(
        [text, empty, big].map(async (form) => {
          const response = await post(form);
          return [response.status, await response.json()];
        }),
      );
      expect(answers).toEqual([
        [400, { success: false, message: expect.stringMatching(/Unsupported file type/) }],
        [400, { success: false, message: expect.stringMatching(/"file" field is required/) }],
        [400, { success: false, message: expect.stringMatching(/File too large/) }],
      ]);
      // Through the provider: the refusal names the input.
      const error = await failure(
        generateImage({
          provider: createToApis({ baseUrl: small.url, apiKey: 'k' }),
          model: 'nano-banana',
          prompt: 'x',
          images: [{ data: encodePng(64, 64, { noise: true }), mimeType: 'image/png' }],
        }),
      );
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[0]', status: 400 });
    } finally {
      await small.close();
    }
  });
});

describe('ToAPIs emulator: key and GET /v1/models', () => {
  it('takes only "Bearer <key>": a wrong key is 401 unauthorized → AUTHENTICATION', async () => {
    const error = await failure(generateImage({ provider: provider('sk-wrong'), model: 'nano-banana', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
    const bare = await fetch(`${emu.url}/v1/models`, { headers: { authorization: KEY } });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({
      error: { code: 'unauthorized', message: 'Invalid API key', type: 'authentication_error' },
    });
  });

  it('lists the models for a good key', async () => {
    const response = await fetch(`${emu.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { object: string; data: Array<{ id: string }> };
    expect(list).toMatchObject({ object: 'list' });
    expect(list.data.map((m) => m.id)).toEqual(TOAPIS_MODELS.map((m) => m.id));
    expect(list.data).toHaveLength(17);
  });
});
