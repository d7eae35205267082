import { generateImage } from '@imagegate/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { __FACTORY__ } from '../src/index.js';
import { start__NAME__Emulator, type __NAME__Emulator } from '../src/testing/index.js';

// The emulator that demos and n8n workflows use, against the provider over real HTTP.
const KEY = 'sk-emulator-0123456789';
let emulator: __NAME__Emulator;
beforeAll(async () => {
  emulator = await start__NAME__Emulator({ apiKey: KEY, taskDurationMs: 300 });
});
afterAll(() => emulator.close());

it('runs a prediction end to end: submit, polls through processing, the PNG downloaded', async () => {
  const provider = __FACTORY__({ apiKey: KEY, baseUrl: emulator.url });
  const { images, tasks } = await generateImage({
    provider,
    model: '__ID__-image-1',
    prompt: 'a lighthouse',
    poll: { initialDelayMs: 100, intervalMs: 100 },
  });
  expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 64, height: 64 });
  expect(tasks).toHaveLength(1);
  expect(
    emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/predictions/${tasks[0]!.taskId}`).length,
  ).toBeGreaterThan(0);
});

it('refuses another key with 401, as the vendor does', async () => {
  const provider = __FACTORY__({ apiKey: 'sk-wrong-0123456789', baseUrl: emulator.url });
  await expect(generateImage({ provider, model: '__ID__-image-1', prompt: 'a lighthouse' })).rejects.toMatchObject({
    code: 'AUTHENTICATION',
  });
});
