/**
 * Inline images with `saveImage`: a JSON answer's base64 is decoded straight
 * into the caller's storage as it arrives, against a real local server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { createFetchTransport, type HttpTransport } from '../provider.js';
import { generateImage, type ImageDownload, type StoredImage } from '../index.js';
import { hostileProvider, json, startHostileServer, type HostileServer } from '../../test-support/hostile-server.js';

let vendor: HostileServer;
beforeAll(async () => {
  vendor = await startHostileServer();
});
afterEach(() => vendor.reset());
afterAll(() => vendor.close());

// 1.2 MB of noise: several decode blocks and several chunks on the wire.
const big = Buffer.from(encodePng(640, 640, { noise: true, seed: 3 }));
const small = Buffer.from(encodePng(4, 4));
const answer = (...images: Uint8Array[]) =>
  JSON.stringify({ data: images.map((image) => ({ b64_json: Buffer.from(image).toString('base64') })) });

/** A saveImage that keeps what it was given, chunk by chunk, as a store would write it. */
function collector(options: { delayMs?: number } = {}) {
  const calls: Array<Omit<ImageDownload, 'chunks'> & { chunks: number; bytes: Buffer }> = [];
  const save = async (image: ImageDownload) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of image.chunks) {
      parts.push(Buffer.from(chunk));
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
    const { chunks: _ignored, ...rest } = image;
    calls.push({ ...rest, chunks: parts.length, bytes: Buffer.concat(parts) });
    return { file: `stored-${calls.length}` };
  };
  return { calls, save };
}

/** Write a body in small pieces, flushed apart, as a slow network would. */
function inPieces(res: Parameters<typeof json>[0], body: string, size = 64 * 1024): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let at = 0;
  const next = () => {
    if (at >= body.length) return res.end();
    res.write(body.slice(at, (at += size)));
    setTimeout(next, 1);
  };
  next();
}

describe('inline images with saveImage', () => {
  it('decodes each image straight into saveImage, typed and sized, and returns what it stored', async () => {
    vendor.handle((_req, res) => inPieces(res, answer(big, small)));
    const { calls, save } = collector();
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      n: 2,
      saveImage: save,
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.bytes.equals(big)).toBe(true);
    expect(calls[0]!.chunks).toBeGreaterThan(1);
    expect(calls[0]).toMatchObject({ mimeType: 'image/png', width: 640, height: 640 });
    expect(calls[0]!.url).toBeUndefined();
    expect(calls[1]!.bytes.equals(small)).toBe(true);
    const images = result.images as StoredImage[];
    expect(images.map((image) => [image.stored, image.byteLength, image.width, image.data])).toEqual([
      [{ file: 'stored-1' }, big.byteLength, 640, undefined],
      [{ file: 'stored-2' }, small.byteLength, 4, undefined],
    ]);
    expect(vendor.requests).toHaveLength(1);
  });

  it('keeps up with a slow saveImage without losing a byte', async () => {
    vendor.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(answer(big)));
    const { calls, save } = collector({ delayMs: 5 });
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'x',
      saveImage: save,
    });
    expect(calls[0]!.bytes.equals(big)).toBe(true);
    expect((result.images[0] as StoredImage).byteLength).toBe(big.byteLength);
  });

  it(
    'an answer cut off inside an image: saveImage sees the failure, ' +
      'the call is BAD_RESPONSE, paid, not sent again',
    async () => {
      const body = answer(big);
      vendor.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.write(body.slice(0, 600_000));
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const seen: unknown[] = [];
      const error = await failure(
        generateImage({
          provider: hostileProvider(vendor.url),
          model: 'h-sync',
          prompt: 'x',
          saveImage: async (image) => {
            try {
              for await (const _chunk of image.chunks) void _chunk;
            } catch (broken) {
              seen.push(broken);
              throw broken;
            }
            return 'complete';
          },
        }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false, maybeBilled: true });
      expect(error.message).toMatch(/broke off/);
      expect(seen).toHaveLength(1);
      expect(vendor.requests).toHaveLength(1);
    },
  );

  it('base64 that is not an image never reaches saveImage', async () => {
    vendor.handle((_req, res) =>
      json(res, 200, { data: [{ b64_json: Buffer.from('<html>no</html>').toString('base64') }] }),
    );
    const { calls, save } = collector();
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'x', saveImage: save }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
    expect(error.message).toMatch(/not a PNG, JPEG, WebP or GIF/);
    expect(calls).toHaveLength(0);
  });

  it('a saveImage that fails is STORAGE, and says the paid image is lost', async () => {
    vendor.handle((_req, res) => json(res, 200, JSON.parse(answer(big)) as object));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'x',
        saveImage: async () => {
          throw new Error('disk full');
        },
      }),
    );
    expect(error, error.message).toMatchObject({ code: 'STORAGE', retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/inline image could not be kept.*disk full/);
  });

  it('hands bytes back as before without saveImage, or from a transport that cannot stream', async () => {
    vendor.handle((_req, res) => json(res, 200, JSON.parse(answer(small)) as object));
    const plain = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'x' });
    expect(Buffer.from(plain.images[0]!.data!).equals(small)).toBe(true);

    const inner = createFetchTransport();
    const whole: HttpTransport = (request) => inner({ ...request, stream: undefined });
    const { calls, save } = collector();
    const result = await generateImage({
      provider: hostileProvider(vendor.url, { transport: whole }),
      model: 'h-sync',
      prompt: 'x',
      saveImage: save,
    });
    expect(Buffer.from(result.images[0]!.data!).equals(small)).toBe(true);
    expect(calls).toHaveLength(0);
  });
});
