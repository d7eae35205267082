import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { abortableSleep } from '#platform/sleep';
import { createFetchTransport, createHttpClient, type ProviderCallContext } from '../provider.js';
import { type RetryEvent } from '../index.js';
import { createSimulatedClock, encodePng, toBase64 } from '@imagegate/testing';

const BASE = 'https://vendor.test';
const KEY = 'sk-http-client-secret-42';

function context(
  retries: RetryEvent[] = [],
  signal = new AbortController().signal,
): ProviderCallContext & { sleeps: number[] } {
  const clock = createSimulatedClock();
  return {
    signal,
    sleep: clock.sleep,
    now: clock.now,
    maxRetries: 2,
    warn: () => undefined,
    onRetry: (e) => retries.push(e),
    sleeps: clock.sleeps,
  };
}

const client = () =>
  createHttpClient({
    provider: 'vendor',
    baseUrl: BASE,
    headers: { authorization: `Bearer ${KEY}` },
    transport: createFetchTransport(),
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('createHttpClient over the fetch transport (intercepted by nock)', () => {
  it('sends JSON with the credentials and parses base64 fields to bytes', async () => {
    const png = encodePng(4, 4);
    nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } })
      .post('/v1/x', { prompt: 'a cat' })
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const answer = await client().json<{ data: Array<{ b64_json: Uint8Array }> }>(
      context(),
      { method: 'POST', url: '/v1/x', json: { prompt: 'a cat' }, kind: 'billable' },
      { binaryFields: ['b64_json'] },
    );
    expect(Buffer.from(answer.data[0]!.b64_json).equals(Buffer.from(png))).toBe(true);
  });

  it('retries a billable 429 after Retry-After and succeeds', async () => {
    nock(BASE)
      .post('/v1/x')
      .reply(429, { error: { message: 'rate' } }, { 'retry-after': '2' })
      .post('/v1/x')
      .reply(200, { ok: true });
    const retries: RetryEvent[] = [];
    const ctx = context(retries);
    await expect(client().json(ctx, { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' })).resolves.toEqual({
      ok: true,
    });
    expect(ctx.sleeps).toEqual([2000]);
    expect(retries).toMatchObject([{ attempt: 1, delayMs: 2000, reason: 'HTTP 429' }]);
  });

  it('never resubmits a billable call after a 5xx, and says why', async () => {
    nock(BASE).post('/v1/x').reply(502, '<html>Bad gateway</html>');
    const error = await failure(client().send(context(), { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.status).toBe(502);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/not resubmitted/);
  });

  it('retries idempotent calls on 5xx with backoff, then gives up with the last error', async () => {
    nock(BASE)
      .get('/t/1')
      .times(3)
      .reply(503, { error: { message: 'busy' } });
    const ctx = context();
    const error = await failure(client().send(ctx, { method: 'GET', url: '/t/1', kind: 'idempotent' }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.vendorMessage).toBe('busy');
    expect(ctx.sleeps).toHaveLength(2);
  });

  it('does not wait out a Retry-After longer than the cap', async () => {
    nock(BASE).get('/t/1').reply(429, {}, { 'retry-after': '3600' });
    const error = await failure(client().send(context(), { method: 'GET', url: '/t/1', kind: 'idempotent' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(3_600_000);
  });

  it('maps status codes and vendor bodies into typed errors without the key', async () => {
    nock(BASE)
      .post('/v1/x')
      .reply(401, { error: { message: `Invalid signature for ${KEY}`, type: '401' } });
    const error = await failure(client().send(context(), { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' }));
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401, vendorCode: '401', retryable: false });
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain(KEY);
  });

  it('turns an unreadable 200 into BAD_RESPONSE with the status', async () => {
    nock(BASE).post('/v1/x').reply(200, '{"data":[{"b64_json":"iVBOR');
    const error = await failure(
      client().json(
        context(),
        { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' },
        { binaryFields: ['b64_json'] },
      ),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('aborts a slow answer at once when the signal fires', async () => {
    nock(BASE).post('/v1/x').delay(5000).reply(200, {});
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(
      client().send(
        { ...context(), signal: controller.signal, sleep: abortableSleep },
        { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' },
      ),
    );
    expect(error.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the fetch transport against a real local server', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server = createServer((req, res) => {
      if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n');
        setTimeout(() => res.end('data: two\n\n'), 30);
        return;
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(2048, 1));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads bodies and refuses ones over the size cap', async () => {
    const transport = createFetchTransport();
    const ok = await transport({ method: 'GET', url: `${url}/ok`, headers: {} });
    expect(new TextDecoder().decode(ok.body)).toBe('{"ok":true}');
    await expect(transport({ method: 'GET', url: `${url}/big`, headers: {}, maxResponseBytes: 1000 })).rejects.toThrow(
      /larger than 1000 bytes/,
    );
  });

  it('hands body chunks to onChunk as they arrive, and still returns the whole body', async () => {
    const chunks: string[] = [];
    const response = await createFetchTransport()({
      method: 'GET',
      url: `${url}/sse`,
      headers: {},
      onChunk: (c) => chunks.push(new TextDecoder().decode(c)),
    });
    expect(chunks).toEqual(['data: one\n\n', 'data: two\n\n']);
    expect(new TextDecoder().decode(response.body)).toBe('data: one\n\ndata: two\n\n');
  });

  it('retries an idempotent call when the connection is refused, and reports NETWORK at the end', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = createHttpClient({
      provider: 'vendor',
      baseUrl: `http://127.0.0.1:${port}`,
      transport: createFetchTransport(),
    });
    const ctx = context();
    const error = await failure(c.send(ctx, { method: 'POST', url: '/v1/x', json: {}, kind: 'billable' }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(ctx.sleeps).toHaveLength(2); // refused connections are safe to retry, even billable
  });
});
