/**
 * The run options every engine call checks before any request: no hot loops,
 * no unbounded work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage, getTaskStatus, submitImage, waitForTask, type TaskHandle } from '../index.js';
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
    [{ poll: { intervalMs: Number.NaN } }, 'poll.intervalMs'],
    [{ poll: { intervalMs: -5 } }, 'poll.intervalMs'],
    [{ poll: { initialDelayMs: Number.POSITIVE_INFINITY } }, 'poll.initialDelayMs'],
    [{ poll: { maxIntervalMs: '1000' } }, 'poll.maxIntervalMs'],
    [{ poll: { factor: 0.5 } }, 'poll.factor'],
    [{ poll: 5 }, 'poll'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: 2 ** 40 }, 'timeoutMs'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ concurrency: Number.NaN }, 'concurrency'],
    [{ concurrency: 0 }, 'concurrency'],
    [{ maxDownloadBytes: Number.NaN }, 'maxDownloadBytes'],
    [{ maxDownloadBytes: 0 }, 'maxDownloadBytes'],
    [{ signal: 'stop' }, 'signal'],
    [{ onProgress: true }, 'onProgress'],
    [{ download: 'no' }, 'download'],
    [{ provider: undefined }, 'provider'],
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

  it('refuses bad numbers at waitForTask and getTaskStatus too, and a missing options object', async () => {
    const task: TaskHandle = { version: 1, provider: 'hostile', taskId: 't', model: 'h-async', createdAt: 0 };
    expect(
      await failure(waitForTask({ provider: hostileProvider(vendor.url), task, poll: { intervalMs: 0 / 0 } })),
    ).toMatchObject({ code: 'INVALID_REQUEST', field: 'poll.intervalMs' });
    expect(await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task, timeoutMs: -1 }))).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'timeoutMs',
    });
    expect(await failure(generateImage(undefined as never))).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'options',
    });
    expect(vendor.requests).toHaveLength(0);
  });
});
