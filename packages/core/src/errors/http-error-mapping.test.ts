/**
 * Reading a vendor's error: a key echoed anywhere in it never leaks, and a
 * huge body is read in bounded time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { leaksSecret } from '../provider.js';
import { generateImage } from '../index.js';
import { HOSTILE_KEY, hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

describe('vendor text stays text; secrets stay secret', () => {
  it('never leaks a key the vendor echoes across the cut of its error text, nor any 12 characters of it', async () => {
    for (const at of [150, 185, 195, 205]) {
      vendor.handle((_req, res) =>
        res.writeHead(500, { 'content-type': 'text/html' }).end(`${'x'.repeat(at)} ${HOSTILE_KEY} trailing`),
      );
      const error = await failure(
        generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
      );
      const everything = [error.message, error.vendorMessage ?? '', error.stack ?? '', JSON.stringify(error)].join(
        '\n',
      );
      expect(leaksSecret(everything, HOSTILE_KEY), `key echoed at ${at}`).toBe(false);
      vendor.reset();
    }
  });
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it('a huge error body full of would-be URLs is read in bounded time', async () => {
    vendor.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('a.'.repeat(500_000)));
    const started = Date.now();
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(Date.now() - started).toBeLessThan(1000);
    vendor.handle((_req, res) => json(res, 500, { error: { message: `${'b://'.repeat(300_000)}x` } }));
    const json500 = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(json500.vendorMessage!.length).toBeLessThanOrEqual(2001);
  });
});
