/**
 * The poll schedule against a vendor that says "retry now": never a hot loop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { generateImage } from '../index.js';
import { hostileProvider, json, type HostileServer, pollCount, serveTask } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const taskVendor = (poll: Parameters<HostileServer['handle']>[0], id?: string) => serveTask(vendor, poll, id);
const polls = () => pollCount(vendor);

describe('no hot loops, no unbounded work', () => {
  it('keeps at least 250 ms between polls when asked for 0 (and when the vendor says retry now)', async () => {
    taskVendor((_req, res) => json(res, 200, { status: 'running', retry_after_ms: 0 }));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        timeoutMs: 1200,
        poll: { initialDelayMs: 0, intervalMs: 0, maxIntervalMs: 0 },
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(polls()).toBeGreaterThanOrEqual(3);
    expect(polls()).toBeLessThanOrEqual(6);
  });
});
