import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { generateImage, waitForTask, type ProgressEvent } from '../index.js';
import { createFakeProvider, createSimulatedClock, FAKE_MODELS } from '@imagegate/testing';

describe('generateImage', () => {
  it('fans n out over maxImagesPerCall and merges images and usage', async () => {
    const provider = createFakeProvider();
    const {
      images,
      usage,
      provider: id,
      model,
    } = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat', n: 6 });
    expect(images).toHaveLength(6);
    expect(images.every((i) => i.mimeType === 'image/png' && i.width === 64 && i.height === 64)).toBe(true);
    const sent = provider.vendor.requests.map((r) => JSON.parse(String(r.body)).n);
    expect(sent.sort()).toEqual([2, 4]);
    expect(usage).toEqual({ inputTokens: 20, outputTokens: 600, images: 6, size: '1024x1024', pixels: '1024x1024' });
    expect([id, model]).toEqual(['fake', 'fake-sync']);
  });

  it('keeps the images that succeeded when one fanned-out call fails, with a warning', async () => {
    const provider = createFakeProvider({
      script: { submit: [{ status: 500, json: { error: { message: 'boom' } } }] },
    });
    const result = await generateImage({ provider, model: 'fake-sync', prompt: 'a cat', n: 8, concurrency: 1 });
    expect(result.images).toHaveLength(4);
    expect(result.warnings.join()).toMatch(/1 of 2 vendor calls failed \(PROVIDER_ERROR/);
  });

  it('waits for async tasks with the simulated clock, reporting progress, and downloads URL results', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 3 });
    const clock = createSimulatedClock();
    const events: ProgressEvent[] = [];
    const result = await generateImage({
      provider,
      model: 'fake-async',
      prompt: 'a cat',
      sleep: clock.sleep,
      now: clock.now,
      onProgress: (e) => events.push(e),
    });
    expect(result.images[0]).toMatchObject({
      mimeType: 'image/png',
      url: expect.stringMatching(/^https:\/\/fake\.imagegate\.test\/files\//),
    });
    expect(result.tasks).toHaveLength(1);
    expect(events.map((e) => e.state)).toEqual(['submitted', 'running', 'running', 'running', 'succeeded']);
    expect(events[1]!.progress).toBe(25);
    // The submit reports the handle itself, before any poll, so a host can record it.
    expect(events[0]!.task).toEqual(result.tasks[0]);
    expect(clock.sleeps[0]).toBe(1000); // the model's initialDelayMs
  });

  it('returns URLs without downloading when download is false', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 0 });
    const clock = createSimulatedClock();
    const result = await generateImage({
      provider,
      model: 'fake-async',
      prompt: 'a cat',
      download: false,
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(result.images[0]).toEqual({ url: expect.stringContaining('/files/') });
    expect(provider.vendor.requests.some((r) => r.url.includes('/files/'))).toBe(false);
  });

  it('stops at the deadline with TIMEOUT carrying the task, which waitForTask can resume', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 40 });
    const clock = createSimulatedClock();
    const error = await failure(
      generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        timeoutMs: 30_000,
        sleep: clock.sleep,
        now: clock.now,
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.task).toMatchObject({ version: 1, provider: 'fake', model: 'fake-async' });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000);
    const handle = JSON.parse(JSON.stringify(error.task));
    const resumed = await waitForTask({ provider, task: handle, sleep: clock.sleep, now: clock.now });
    expect(resumed.images).toHaveLength(1);
  });

  it('aborts at once while sleeping between polls', async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(
      generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        signal: controller.signal,
        poll: { initialDelayMs: 10, intervalMs: 10_000 },
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('warns on deprecated models and validates before any request', async () => {
    const provider = createFakeProvider();
    const deprecated = {
      ...provider,
      models: [{ ...FAKE_MODELS[0]!, deprecated: { message: 'retired on 2025-10-31.', replacement: 'fake-2' } }],
    };
    const result = await generateImage({ provider: deprecated, model: 'fake-sync', prompt: 'a cat' });
    expect(result.warnings).toContain('fake-sync is deprecated: retired on 2025-10-31. Use fake-2.');
    const before = provider.vendor.requests.length;
    const error = await failure(generateImage({ provider, model: 'nope', prompt: 'a cat' }));
    expect(error.message).toBe('Unknown model "nope" for Fake. Accepted: fake-sync, fake-async.');
    expect(provider.vendor.requests.length).toBe(before);
  });
});

describe('models not in the manifest', () => {
  it('runs a model the provider describes on request, and refuses one it does not', async () => {
    const fake = createFakeProvider();
    const provider = {
      ...fake,
      describeModel: (id: string) => (id.startsWith('fake-sync-') ? { ...FAKE_MODELS[0]!, id } : undefined),
    };
    const result = await generateImage({ provider, model: 'fake-sync-next', prompt: 'a cat' });
    expect(result.model).toBe('fake-sync-next');
    expect(JSON.parse(String(fake.vendor.requests[0]!.body)).model).toBe('fake-sync-next');
    expect((await failure(generateImage({ provider, model: 'other', prompt: 'a cat' }))).field).toBe('model');
  });
});

describe('the real-clock deadline', () => {
  it('cuts a submit that hangs with TIMEOUT', async () => {
    const provider = createFakeProvider({ script: { submit: [{ hang: true }] } });
    const started = Date.now();
    const error = await failure(generateImage({ provider, model: 'fake-sync', prompt: 'a cat', timeoutMs: 100 }));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
