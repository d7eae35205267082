/**
 * The HTTP client against a hostile vendor: a billable answer cut off mid-
 * body, and a provider's own path with a dot segment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { createFetchTransport, createHttpClient, type ProviderCallContext } from '../provider.js';
import { generateImage } from '../index.js';
import { HOSTILE_KEY, hostileProvider, type HostileServer, submitCount } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const submits = () => submitCount(vendor);

describe('a paid task is never dropped', () => {
  it('a 200 to a billable submit cut off mid-body is not retryable, and says the job may be billed', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"data":[{"b64_json":"iVBOR');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/broke off .* not resubmitted: the vendor may have accepted the job/);
    expect(submits()).toBe(1);
  });
});

describe('vendor text stays text; secrets stay secret', () => {
  it("refuses a provider's own path with a dot segment before sending it with the key", async () => {
    const client = createHttpClient({
      provider: 'hostile',
      baseUrl: `${vendor.url}/v1/images`,
      headers: { authorization: `Bearer ${HOSTILE_KEY}` },
      transport: createFetchTransport(),
    });
    const ctx: ProviderCallContext = {
      signal: new AbortController().signal,
      sleep: async () => undefined,
      now: Date.now,
      maxRetries: 0,
      warn: () => undefined,
    };
    for (const path of ['/tasks/..', '/tasks/%2E', '/tasks/./x']) {
      expect(await failure(client.send(ctx, { method: 'GET', url: path, kind: 'idempotent' }))).toMatchObject({
        code: 'BAD_RESPONSE',
      });
    }
    expect(vendor.requests).toHaveLength(0);
  });
});
