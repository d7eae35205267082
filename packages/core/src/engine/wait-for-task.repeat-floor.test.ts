/**
 * The 250 ms floor holds for every request the engine or the HTTP client
 * repeats, and the promised last poll at the deadline happens with the real
 * clock. A real local server answers.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { generateImage, type RetryEvent } from '../index.js';
import { hostileProvider } from '../../test-support/hostile-server.js';
import { json, seen, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const png = encodePng(8, 8);

describe('no request is repeated sooner than 250 ms', () => {
  it.each([
    ['Retry-After: 0', { 'retry-after': '0' }],
    ['a Retry-After date in the past', { 'retry-after': 'Thu, 01 Jan 2015 00:00:00 GMT' }],
    ['retry-after-ms: 2', { 'retry-after-ms': '2' }],
    ['no Retry-After (jitter)', {}],
  ])('429 with %s: the client waits at least 250 ms each time (real clock)', async (_name, headers) => {
    const { vendor } = servers;
    const times: number[] = [];
    vendor.handle((_req, res) => {
      times.push(performance.now());
      json(res, 429, { error: { message: 'slow down' } }, headers as Record<string, string>);
    });
    const retries: RetryEvent[] = [];
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        maxRetries: 2,
        onRetry: (e) => retries.push(e),
      }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(times).toHaveLength(3);
    for (const event of retries) expect(event.delayMs).toBeGreaterThanOrEqual(250);
    // The timer may fire a millisecond early against performance.now().
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(245);
  });
});

describe('one last poll at the deadline, on the real clock', () => {
  it('collects a task that finished just before the deadline, though the vendor hinted past it', async () => {
    const { vendor } = servers;
    const started = performance.now();
    vendor.handle((req, res) => {
      if (req.url!.startsWith('/files/')) return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.method === 'POST') return json(res, 200, { id: 'late' });
      // Running (with a hint far past the deadline) until 1.0 s in, done after.
      if (performance.now() - started < 1000) return json(res, 200, { status: 'running', retry_after_ms: 5000 });
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
    });
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      timeoutMs: 1500,
      poll: { initialDelayMs: 300 },
    });
    expect(result.images).toHaveLength(1);
    expect(seen(vendor, 'GET', '/v1/tasks/')).toBe(2);
  });

  it('polls once, at the deadline, when the first poll would come after it', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) => {
      if (req.url!.startsWith('/files/')) return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.method === 'POST') return json(res, 200, { id: 'soon' });
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
    });
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      timeoutMs: 400,
      poll: { initialDelayMs: 5000 },
    });
    expect(result.images).toHaveLength(1);
    expect(seen(vendor, 'GET', '/v1/tasks/')).toBe(1);
  });

  it('still ends in TIMEOUT with the task when the last poll finds it running', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.method === 'POST'
        ? json(res, 200, { id: 'slow' })
        : json(res, 200, { status: 'running', retry_after_ms: 5000 }),
    );
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        timeoutMs: 800,
        poll: { initialDelayMs: 200 },
      }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, task: { taskId: 'slow' } });
    expect(seen(vendor, 'GET', '/v1/tasks/')).toBe(2);
  });
});
