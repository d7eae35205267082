/**
 * Redirects: an API call stays on the vendor's origin; within it, a 307 keeps
 * method and body.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage } from '../index.js';
import { HOSTILE_KEY, hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
let elsewhere: HostileServer;
beforeAll(() => {
  ({ vendor, elsewhere } = servers);
});

const png = encodePng(8, 8);

describe('answers come from the vendor, and downloads stay where they belong', () => {
  it.each([302, 307])('does not follow a %i on an API call to another origin', async (status) => {
    vendor.handle((_req, res) => res.writeHead(status, { location: `${elsewhere.url}/v1/images` }).end());
    elsewhere.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a secret prompt' }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status, retryable: false });
    expect(error.message).toMatch(/redirect to another origin .* not followed/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows a redirect within the vendor origin, keeping method and body on a 307', async () => {
    vendor.handle((req, res) =>
      req.url === '/v1/images'
        ? res.writeHead(307, { location: '/v2/images' }).end()
        : json(res, 200, { data: [{ b64_json: toBase64(png) }] }),
    );
    const result = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' });
    expect(result.images).toHaveLength(1);
    expect(vendor.requests.map((r) => [r.method, r.url, JSON.parse(r.body.toString() || '{}').prompt])).toEqual([
      ['POST', '/v1/images', 'a cat'],
      ['POST', '/v2/images', 'a cat'],
    ]);
    expect(vendor.requests[1]!.headers.authorization).toBe(`Bearer ${HOSTILE_KEY}`);
  });
});
