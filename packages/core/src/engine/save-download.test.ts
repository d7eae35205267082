/**
 * `saveImage`: result downloads streamed to the caller's storage instead of
 * held in memory, against a real local server (the hostile test vendor).
 */
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, createSimulatedClock, encodePng } from '@imagegate/testing/fakes';
import { generateImage, waitForTask, type ImageDownload, type TaskHandle } from '../index.js';
import { hostileProvider, json, startHostileServer, type HostileServer } from '../../test-support/hostile-server.js';

let vendor: HostileServer;
beforeAll(async () => {
  vendor = await startHostileServer();
});
afterEach(() => vendor.reset());
afterAll(() => vendor.close());

const clocked = () => {
  const clock = createSimulatedClock();
  return { sleep: clock.sleep, now: clock.now };
};
// 1.2 MB: several chunks on the wire.
const big = encodePng(640, 640, { noise: true, seed: 3 });

/** A task vendor whose result file is answered by `file`. */
function vendorWithFile(file: (res: Parameters<typeof json>[0]) => void, id = 'task-s1'): void {
  vendor.handle((req, res) => {
    if (req.method === 'POST') return json(res, 200, { id });
    if (req.url!.startsWith('/files/')) return file(res);
    json(res, 200, { status: 'done', urls: [`${vendor.url}/files/${id}.png`] });
  });
}

/** A saveImage that keeps the chunks it was given, as a store would write them. */
function collector() {
  const calls: Array<Omit<ImageDownload, 'chunks'> & { chunks: number; bytes: Buffer }> = [];
  const save = async (image: ImageDownload) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of image.chunks) parts.push(chunk);
    const { chunks: _ignored, ...rest } = image;
    calls.push({ ...rest, chunks: parts.length, bytes: Buffer.concat(parts) });
    return { file: `stored-${calls.length}` };
  };
  return { calls, save };
}

describe('saveImage', () => {
  it('hands each downloaded image over as chunks, typed and sized, and returns what it stored', async () => {
    vendorWithFile((res) =>
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(big.byteLength) }).end(big),
    );
    const { calls, save } = collector();
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      saveImage: save,
      ...clocked(),
    });
    const image = result.images[0]!;
    expect(image).toMatchObject({
      stored: { file: 'stored-1' },
      mimeType: 'image/png',
      width: 640,
      height: 640,
      byteLength: big.byteLength,
      url: `${vendor.url}/files/task-s1.png`,
    });
    expect(image.data).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.bytes.equals(Buffer.from(big))).toBe(true);
    expect(calls[0]!.chunks).toBeGreaterThan(1);
    expect(calls[0]).toMatchObject({
      mimeType: 'image/png',
      width: 640,
      height: 640,
      byteLength: big.byteLength,
      taskId: 'task-s1',
    });
  });

  it('refuses a download that is not an image before calling saveImage, with the task', async () => {
    vendorWithFile((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'.padEnd(4000, 'x')));
    const { calls, save } = collector();
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        saveImage: save,
        ...clocked(),
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', task: { taskId: 'task-s1' } });
    expect(error.message).toMatch(/not a PNG, JPEG, WebP or GIF/);
    expect(calls).toHaveLength(0);
  });

  it('a download that breaks off while saved is a NETWORK error with the task, and the task resumes', async () => {
    vendorWithFile((res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(big.byteLength) });
      res.write(big.subarray(0, 300_000), () => res.destroy());
    });
    const { save } = collector();
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        saveImage: save,
        ...clocked(),
      }),
    );
    expect(error).toMatchObject({ code: 'NETWORK', task: { taskId: 'task-s1' } });
    vendorWithFile((res) => res.writeHead(200, { 'content-type': 'image/png' }).end(big));
    const again = collector();
    const resumed = await waitForTask({
      provider: hostileProvider(vendor.url),
      task: JSON.parse(JSON.stringify(error.task)) as TaskHandle,
      saveImage: again.save,
      ...clocked(),
    });
    expect(resumed.images[0]).toMatchObject({ stored: { file: 'stored-1' }, byteLength: big.byteLength });
  });

  it('fetches a download that broke off again, and saves it whole the second time', async () => {
    let served = 0;
    vendorWithFile((res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(big.byteLength) });
      if (served++ === 0) res.write(big.subarray(0, 300_000), () => res.destroy());
      else res.end(big);
    });
    const { calls, save } = collector();
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      saveImage: save,
      ...clocked(),
    });
    expect(result.images[0]).toMatchObject({ stored: { file: 'stored-1' }, byteLength: big.byteLength });
    expect(calls[0]!.bytes.equals(Buffer.from(big))).toBe(true);
    expect(served).toBe(2);
    expect(result.warnings.join()).toMatch(/broke off .*fetched again/);
  });

  it('stops a download past maxDownloadBytes, declared or not', async () => {
    for (const headers of [{ 'content-length': String(big.byteLength) }, {}]) {
      vendorWithFile((res) => res.writeHead(200, { 'content-type': 'image/png', ...headers }).end(big));
      const { save } = collector();
      const error = await failure(
        generateImage({
          provider: hostileProvider(vendor.url),
          model: 'h-async',
          prompt: 'a cat',
          saveImage: save,
          maxDownloadBytes: 500_000,
          ...clocked(),
        }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', task: { taskId: 'task-s1' } });
      expect(error.message).toMatch(/larger than allowed/);
    }
  });

  it('a saveImage that fails is a STORAGE error with the task', async () => {
    vendorWithFile((res) => res.writeHead(200, { 'content-type': 'image/png' }).end(big));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        saveImage: async () => {
          throw new Error('disk full');
        },
        ...clocked(),
      }),
    );
    expect(error).toMatchObject({ code: 'STORAGE', task: { taskId: 'task-s1' }, retryable: false });
    expect(error.message).toMatch(/could not be kept.*disk full/);
  });

  it('is checked like every option: not a function is INVALID_REQUEST naming it, before any request', async () => {
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        saveImage: 'disk' as never,
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'saveImage' });
    expect(vendor.requests).toHaveLength(0);
  });
});
