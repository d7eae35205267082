/**
 * A streamed save lets go of its connection, whatever `saveImage` does, and
 * one download spends one retry budget. A real local server streams; the
 * default transport runs with a small socket pool, so a leaked socket shows
 * as a call that never gets one.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { createFetchTransport } from '../provider.js';
import { generateImage, type ImageDownload } from '../index.js';
import { hostileProvider } from '../../test-support/hostile-server.js';
import { clocked, json, seen, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const png = encodePng(64, 64);

/** Settles with the promise, or fails the test after `ms` (a call stuck on a leaked socket). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

describe('a streamed save always lets go of its connection', () => {
  const sinks: Array<[string, (image: ImageDownload) => Promise<unknown>]> = [
    ['returns without reading', async () => 'ignored'],
    ['reads one chunk, then returns', async (image) => (await image.chunks[Symbol.asyncIterator]().next(), 'partial')],
    ['throws', async () => Promise.reject(new Error('disk full'))],
    [
      'starts a read it never awaits, then returns',
      async (image) => (
        void image.chunks[Symbol.asyncIterator]()
          .next()
          .catch(() => undefined),
        'dangling'
      ),
    ],
  ];

  it.each(sinks)(
    'a sink that %s: six saves over a pool of two sockets, then an API call, all finish',
    async (_name, save) => {
      const { vendor } = servers;
      vendor.handle((req, res) => {
        if (!req.url!.startsWith('/files/')) return json(res, 200, { data: [{ url: `${vendor.url}/files/big.png` }] });
        // A large image whose body stalls after its head: nothing would ever end it but the client.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) });
        res.write(png);
      });
      const provider = hostileProvider(vendor.url, { transport: createFetchTransport({ maxConnectionsPerOrigin: 2 }) });
      for (let i = 0; i < 6; i++) {
        await within(
          generateImage({ provider, model: 'h-sync', prompt: 'a cat', saveImage: save, maxRetries: 0 }).catch(
            (e: unknown) => e,
          ),
          5000,
          `save ${i + 1}`,
        );
      }
      const after = await within(
        generateImage({ provider, model: 'h-sync', prompt: 'a cat', download: false }),
        5000,
        'the API call after the saves',
      );
      expect(after.images).toHaveLength(1);
      expect(seen(vendor, 'GET', '/files/')).toBe(6);
    },
  );

  it('a sink that reads everything gets every byte, and the socket is reused', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200, { 'content-type': 'image/png' }).end(png)
        : json(res, 200, { data: [{ url: `${vendor.url}/files/a.png` }] }),
    );
    const provider = hostileProvider(vendor.url, { transport: createFetchTransport({ maxConnectionsPerOrigin: 1 }) });
    let bytes = 0;
    const result = await generateImage({
      provider,
      model: 'h-sync',
      prompt: 'a cat',
      saveImage: async (image) => {
        for await (const chunk of image.chunks) bytes += chunk.byteLength;
        return 'kept';
      },
    });
    expect(result.images[0]).toMatchObject({ stored: 'kept', byteLength: png.byteLength });
    expect(bytes).toBe(png.byteLength);
  });
});

describe('a read after saveImage settled', () => {
  it('fails loudly (STORAGE) instead of ending as if the image were whole', async () => {
    const { vendor } = servers;
    const big = encodePng(512, 512);
    vendor.handle((req, res) => {
      if (!req.url!.startsWith('/files/')) return json(res, 200, { data: [{ url: `${vendor.url}/files/big.png` }] });
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(big.byteLength + 1_000_000) });
      res.write(big);
    });
    let late: Promise<unknown> | undefined;
    await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      maxRetries: 0,
      saveImage: async (image) => {
        // A writer that goes on reading after it said it was done.
        late = (async () => {
          for await (const _chunk of image.chunks) await new Promise((resolve) => setTimeout(resolve, 5));
        })().catch((error: unknown) => error);
        return 'returned early';
      },
    });
    expect(await late).toMatchObject({ code: 'STORAGE' });
  });
});

describe('one retry budget per download', () => {
  it.each([0, 2, 10])(
    'a download whose connection resets before its headers is sent maxRetries + 1 times (maxRetries %i), ' +
      'at least 250 ms apart',
    async (maxRetries) => {
      const { vendor } = servers;
      vendor.handle((req, res) =>
        req.url!.startsWith('/files/')
          ? req.socket.destroy()
          : json(res, 200, { data: [{ url: `${vendor.url}/files/a.png` }] }),
      );
      const { clock, ...time } = clocked();
      const error = await failure(
        generateImage({
          provider: hostileProvider(vendor.url),
          model: 'h-sync',
          prompt: 'a cat',
          saveImage: async () => 'never',
          maxRetries,
          ...time,
        }),
      );
      expect(error).toMatchObject({ code: 'NETWORK', retryable: false });
      expect(seen(vendor, 'GET', '/files/')).toBe(maxRetries + 1);
      expect(clock.sleeps).toHaveLength(maxRetries);
      for (const ms of clock.sleeps) expect(ms).toBeGreaterThanOrEqual(250);
    },
  );

  it('a body that breaks off midway is fetched again within the same budget', async () => {
    const { vendor } = servers;
    let downloads = 0;
    vendor.handle((req, res) => {
      if (!req.url!.startsWith('/files/')) return json(res, 200, { data: [{ url: `${vendor.url}/files/a.png` }] });
      if (++downloads < 3) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.byteLength) });
        res.write(png.subarray(0, 100));
        return void setTimeout(() => req.socket.destroy(), 20);
      }
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      maxRetries: 2,
      ...clocked(),
      saveImage: async (image) => {
        let n = 0;
        for await (const chunk of image.chunks) n += chunk.byteLength;
        return n;
      },
    });
    expect(result.images[0]).toMatchObject({ stored: png.byteLength });
    expect(downloads).toBe(3);
  });
});
