/**
 * The default transport against a real local server: bounded memory, sockets
 * pinned to public addresses, bounded sockets.
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { createFetchTransport, createHttpClient, type ProviderCallContext } from '../provider.js';
import { json, startHostileServer, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const png = encodePng(8, 8);

// nock's pass-through replaces the default transport's undici Agent and reads
// bodies whole, so these two run with interception switched off.
describe('the default transport, not intercepted', () => {
  beforeAll(() => nock.restore());
  afterAll(() => nock.activate());

  it('a declared Content-Length does not reserve memory before the bytes arrive', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(99 * 1024 * 1024) });
      res.write('{"data":[');
    });
    const transport = createFetchTransport();
    const controller = new AbortController();
    const before = process.memoryUsage().arrayBuffers;
    const calls = Array.from({ length: 20 }, () =>
      transport({ method: 'GET', url: `${vendor.url}/big`, headers: {}, signal: controller.signal }).catch(
        () => undefined,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const held = process.memoryUsage().arrayBuffers - before;
    controller.abort();
    await Promise.all(calls);
    // 20 × 99 MB would be ~2 GB; the reservation is capped at 4 MiB per answer.
    expect(held).toBeLessThan(20 * 4 * 1024 * 1024 + 16 * 1024 * 1024);
  });

  it(
    'pins downloads to public addresses at connect time: ' + 'a name that resolves to loopback is never contacted',
    async () => {
      vendor.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
      const transport = createFetchTransport();
      const byName = `http://localhost:${new URL(vendor.url).port}/a.png`;
      expect((await transport({ method: 'GET', url: byName, headers: {} })).status).toBe(200);
      const refused = (await transport({ method: 'GET', url: byName, headers: {}, privateAddresses: 'deny' }).catch(
        (error: unknown) => error,
      )) as Error;
      expect((refused.cause as { code?: string }).code).toBe('IMAGEGATE_PRIVATE_ADDRESS');
      const client = createHttpClient({ provider: 'hostile', baseUrl: '', transport });
      const ctx: ProviderCallContext = {
        signal: new AbortController().signal,
        sleep: async () => undefined,
        now: Date.now,
        maxRetries: 2,
        warn: () => undefined,
      };
      const error = await failure(
        client.send(ctx, { method: 'GET', url: byName, kind: 'idempotent', anonymous: true, privateAddresses: 'deny' }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
      expect(error.message).toMatch(/resolves only to loopback, private or link-local addresses; it was not contacted/);
      expect(vendor.requests).toHaveLength(1);
    },
  );

  it('opens a bounded number of sockets to one origin however many calls run at once', async () => {
    // A server of its own: sockets of earlier tests must not count.
    const origin = await startHostileServer();
    try {
      origin.handle((_req, res) => setTimeout(() => json(res, 200, { ok: true }), 50));
      const transport = createFetchTransport({ maxConnectionsPerOrigin: 8 });
      await Promise.all(
        Array.from({ length: 200 }, () => transport({ method: 'GET', url: `${origin.url}/x`, headers: {} })),
      );
      expect(origin.requests).toHaveLength(200);
      expect(origin.maxOpenConnections).toBeLessThanOrEqual(8);
      origin.reset();
      const byDefault = createFetchTransport();
      await Promise.all(
        Array.from({ length: 100 }, () => byDefault({ method: 'GET', url: `${origin.url}/y`, headers: {} })),
      );
      expect(origin.maxOpenConnections).toBeLessThanOrEqual(32);
      expect(origin.maxOpenConnections).toBeGreaterThan(8);
    } finally {
      await origin.close();
    }
  });
});
