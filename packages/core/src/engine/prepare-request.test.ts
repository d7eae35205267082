/**
 * What is sent is what was validated: request fields are normalised once,
 * then validated, and the same value goes on the wire.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage } from '../index.js';
import { hostileProvider } from '../../test-support/hostile-server.js';
import { json, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const png = encodePng(8, 8);

describe('a request is normalised once', () => {
  it('a size and a model with surrounding spaces are validated and sent trimmed', async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: ' h-sync ',
      prompt: 'a cat',
      size: '1024x1024 ',
    });
    expect(result.model).toBe('h-sync');
    expect(JSON.parse(vendor.requests[0]!.body.toString())).toMatchObject({ size: '1024x1024' });
  });

  it('a size that is wrong inside is still refused, naming it, before any request', async () => {
    const { vendor } = servers;
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', size: '1024 x1024' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'size' });
    expect(vendor.requests).toHaveLength(0);
  });
});
