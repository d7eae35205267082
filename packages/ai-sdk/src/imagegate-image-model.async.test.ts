import { generateImage } from 'ai';
import { ImageGateError } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { toApis } from '@imagegate/provider-toapis';
import { startToApisEmulator, type ToApisEmulator } from '@imagegate/provider-toapis/testing';
import { useNock } from '@imagegate/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imagegate } from './index.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-ai-sdk-toapis-2c7d9e41';
let emu: ToApisEmulator;
beforeAll(async () => {
  emu = await startToApisEmulator({ apiKey: KEY, taskDurationMs: 400 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** ToAPIs through the AI SDK, polling every 50 ms instead of the vendor's 5 s (a caller's timings replace it). */
const model = (id: string) =>
  imagegate(toApis.create({ apiKey: KEY, baseUrl: emu.url }), {
    poll: { initialDelayMs: 50, intervalMs: 50 },
  }).imageModel(id);

const submits = () => emu.requests.filter((r) => r.method === 'POST' && r.path.includes('/images/generations'));

describe('an asynchronous ImageGate model (ToAPIs tasks) through the AI SDK', () => {
  it('waits for the task inside doGenerate and hands back the finished image with its task', async () => {
    const result = await generateImage({
      model: model('gpt-image-2'),
      prompt: 'A lighthouse at dawn',
      aspectRatio: '16:9',
      providerOptions: { imagegate: { resolution: '2K' } },
    });
    expect(result.images).toHaveLength(1);
    expect(sniffImage(result.images[0]!.uint8Array)).toMatchObject({ mimeType: 'image/png' });
    const image = result.providerMetadata.imagegate!.images[0] as Record<string, unknown>;
    expect(image).toMatchObject({ provider: 'toapis', model: 'gpt-image-2', resolution: '2K' });
    expect(image.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(image.task).toMatchObject({ provider: 'toapis', taskId: image.taskId });
    expect(submits()).toHaveLength(1);
    expect(submits()[0]!.body).toMatchObject({ size: '16:9', resolution: '2k' }); // as ToAPIs spells it
    // Polled until the task finished.
    const polls = emu.requests.filter((r) => r.method === 'GET' && r.path.includes(String(image.taskId)));
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  it('an abort while the task runs ends the wait, keeps the task on the error and sends nothing more', async () => {
    const controller = new AbortController();
    const call = generateImage({
      model: model('gpt-image-2'),
      prompt: 'a fox [fault:task-never-finishes]',
      abortSignal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    controller.abort();
    const error = await call.then(
      () => {
        throw new Error('expected the abort to end the call');
      },
      (e: unknown) => e,
    );
    // The task never finishes: the call ended on the abort, not at the 10-minute deadline, and nothing followed it.
    expect(Date.now() - started).toBeLessThan(5000);
    const seen = emu.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(emu.requests).toHaveLength(seen);
    expect(ImageGateError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ABORTED', task: { provider: 'toapis', model: 'gpt-image-2' } });
    expect(submits()).toHaveLength(1);
  });
});
