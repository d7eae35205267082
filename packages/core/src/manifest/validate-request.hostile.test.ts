/**
 * Request validation, end to end: a wrong request is refused before any
 * request, and images are sent as what their bytes are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, JPEG_16, PNG_16, toBase64 } from '@imagegate/testing/fakes';
import { generateImage, submitImage } from '../index.js';
import { hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const png = encodePng(8, 8);

describe('no hot loops, no unbounded work', () => {
  it.each([
    [{ n: Number.NaN }, 'n'],
    [{ n: '2' }, 'n'],
    [{ images: 'https://x.test/a.png' }, 'images'],
    [{ images: { data: PNG_16, mimeType: 'image/png' } }, 'images'],
    [{ images: [42] }, 'images[0]'],
    [{ mask: [] }, 'mask'],
  ] as Array<[Record<string, unknown>, string]>)('refuses %o naming %s, before any request', async (bad, field) => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    for (const call of [generateImage, submitImage]) {
      const error = await failure(
        call({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', ...bad } as never),
      );
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
      expect(error.message).toContain(`"${field}"`);
    }
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('inputs are what they say', () => {
  it('sends the type the bytes have, and refuses bytes that are no image before any request', async () => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'edit',
      images: [
        { data: PNG_16, mimeType: 'image/jpeg' },
        { data: JPEG_16, mimeType: 'image/png' },
      ],
    });
    expect(JSON.parse(vendor.requests[0]!.body.toString()).images).toEqual([
      { type: 'image/png', bytes: PNG_16.byteLength },
      { type: 'image/jpeg', bytes: JPEG_16.byteLength },
    ]);
    vendor.reset();
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'edit',
        images: [{ data: new TextEncoder().encode('hello'), mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[0]' });
    expect(error.message).toMatch(/is not a PNG, JPEG, WebP or GIF image/);
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it.each([['a sparse images array', { images: [, { data: PNG_16, mimeType: 'image/png' }] }, 'images[0]']] as Array<
    [string, Record<string, unknown>, string]
  >)('refuses %s naming %s', async (_title, bad, field) => {
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', ...bad } as never),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
    expect(vendor.requests).toHaveLength(0);
  });
});
