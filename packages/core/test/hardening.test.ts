/**
 * A hostile vendor and a careless caller, at the HTTP layer: a real local
 * server (and nock for public host names) answers; core's client, transport
 * and engine run for real.
 */
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../src/http/private-address.js';
import { captureImageGateError as failure, createSimulatedClock, encodePng, JPEG_16, PNG_16, toBase64 } from '@imagegate/testing/fakes';
import { createFetchTransport, createHttpClient, leaksSecret, parseJsonBody, registerSecret, type ProviderCallContext } from '../src/authoring.js';
import { generateImage, getTaskStatus, ImageGateError, submitImage, waitForTask, type TaskHandle } from '../src/index.js';
import { HOSTILE_KEY, hostileProvider, json, startHostileServer, type HostileServer } from './hostile-server.js';

let vendor: HostileServer;
let elsewhere: HostileServer;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  vendor = await startHostileServer();
  elsewhere = await startHostileServer();
});
afterEach(() => {
  vendor.reset();
  elsewhere.reset();
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(async () => {
  await vendor.close();
  await elsewhere.close();
  nock.enableNetConnect();
});

const png = encodePng(8, 8);
const clocked = () => {
  const clock = createSimulatedClock();
  return { clock, sleep: clock.sleep, now: clock.now };
};
/** Answers a submit with a task, and each poll with `poll`. */
function taskVendor(poll: Parameters<HostileServer['handle']>[0], id = 'task-1'): void {
  vendor.handle((req, res) => (req.method === 'POST' ? json(res, 200, { id }) : poll(req, res)));
}
const polls = () => vendor.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/tasks/')).length;
const submits = () => vendor.requests.filter((r) => r.method === 'POST').length;

describe('a paid task is never dropped', () => {
  it('keeps polling through 429s with a far Retry-After until the deadline, then TIMEOUT with the task', async () => {
    taskVendor((_req, res) => json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '3600' }));
    const { clock, ...time } = clocked();
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', timeoutMs: 600_000, ...time }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.task).toMatchObject({ provider: 'hostile', taskId: 'task-1' });
    expect(error.message).toMatch(/The last poll failed: .*RATE_LIMITED/);
    // Backing off (at most 60 s apart, as the vendor asked for longer), not hammering, not giving up early.
    expect(polls()).toBeGreaterThanOrEqual(10);
    expect(polls()).toBeLessThanOrEqual(15);
    expect(Math.max(...clock.sleeps)).toBe(60_000);
    expect(submits()).toBe(1);
  });

  it('rides out 429s, 5xx and resets on polls and collects the image, with one submit', async () => {
    let poll = 0;
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: 'task-2' });
      if (req.url!.startsWith('/files/')) return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      poll++;
      if (poll <= 3) return json(res, 429, { error: { message: 'rate' } });
      if (poll <= 6) return json(res, 503, { error: { message: 'busy' } });
      if (poll <= 9) return void req.socket.destroy();
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
    });
    const result = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() });
    expect(result.images).toHaveLength(1);
    expect(submits()).toBe(1);
  });

  it.each([
    ['a bad body on a poll', (req: { method?: string }, res: Parameters<typeof json>[0]) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'), 'BAD_RESPONSE'],
    ['a 401 on a poll', (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 401, { error: { message: 'key revoked' } }), 'AUTHENTICATION'],
    ['a download that is no image', (req: { url?: string }, res: Parameters<typeof json>[0]) => (req.url!.startsWith('/files/') ? res.writeHead(200).end('not an image') : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/x.png`] })), 'BAD_RESPONSE'],
    ['a download that is gone', (req: { url?: string }, res: Parameters<typeof json>[0]) => (req.url!.startsWith('/files/') ? json(res, 404, {}) : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/x.png`] })), 'TASK_FAILED'],
  ] as const)('every error after the submit carries the task handle: %s', async (_title, poll, code) => {
    taskVendor(poll as Parameters<HostileServer['handle']>[0], 'task-3');
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }));
    expect(error.code).toBe(code);
    expect(error.task).toMatchObject({ taskId: 'task-3' });
    // The handle resumes: the same vendor, now healthy, delivers.
    vendor.handle((req, res) => (req.url!.startsWith('/files/') ? res.writeHead(200).end(png) : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/y.png`] })));
    const resumed = await waitForTask({ provider: hostileProvider(vendor.url), task: JSON.parse(JSON.stringify(error.task)) as TaskHandle, ...clocked() });
    expect(resumed.images[0]!.mimeType).toBe('image/png');
  });

  it('when every fanned-out task fails after its submit, the error names all the tasks', async () => {
    let next = 0;
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: `task-n${++next}` });
      if (req.url!.startsWith('/files/')) return json(res, 410, {});
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files${req.url}.png`] });
    });
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', n: 2, ...clocked() }));
    expect(error.code).toBe('TASK_FAILED');
    expect(error.tasks?.map((t) => t.taskId).sort()).toEqual(['task-n1', 'task-n2']);
  });

  it('a 200 to a billable submit cut off mid-body is not retryable, and says the job may be billed', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"data":[{"b64_json":"iVBOR');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/broke off .* not resubmitted: the vendor may have accepted the job/);
    expect(submits()).toBe(1);
  });

  it.each([
    ['headers never sent', (_req: unknown, _res: unknown) => undefined],
    ['a body that trickles forever', (_req: unknown, res: Parameters<typeof json>[0]) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 30);
    }],
  ] as const)('the deadline during a billable submit (%s) is TIMEOUT saying the job may still run', async (_title, answer) => {
    vendor.handle(answer as Parameters<HostileServer['handle']>[0]);
    const started = Date.now();
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', timeoutMs: 400 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'TIMEOUT', maybeBilled: true, retryable: false });
    expect(error.message).toMatch(/not resubmitted.*may still be running/);
    expect(submits()).toBe(1);
  });
});

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
    [{ n: Number.NaN }, 'n'],
    [{ n: '2' }, 'n'],
    [{ signal: 'stop' }, 'signal'],
    [{ onProgress: true }, 'onProgress'],
    [{ download: 'no' }, 'download'],
    [{ images: 'https://x.test/a.png' }, 'images'],
    [{ images: { data: PNG_16, mimeType: 'image/png' } }, 'images'],
    [{ images: [42] }, 'images[0]'],
    [{ mask: [] }, 'mask'],
    [{ provider: undefined }, 'provider'],
  ] as Array<[Record<string, unknown>, string]>)('refuses %o naming %s, before any request', async (bad, field) => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    for (const call of [generateImage, submitImage]) {
      const error = await failure(call({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', ...bad } as never));
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
      expect(error.message).toContain(`"${field}"`);
    }
    expect(vendor.requests).toHaveLength(0);
  });

  it('refuses bad numbers at waitForTask and getTaskStatus too, and a missing options object', async () => {
    const task: TaskHandle = { version: 1, provider: 'hostile', taskId: 't', model: 'h-async', createdAt: 0 };
    expect(await failure(waitForTask({ provider: hostileProvider(vendor.url), task, poll: { intervalMs: 0 / 0 } }))).toMatchObject({ code: 'INVALID_REQUEST', field: 'poll.intervalMs' });
    expect(await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task, timeoutMs: -1 }))).toMatchObject({ code: 'INVALID_REQUEST', field: 'timeoutMs' });
    expect(await failure(generateImage(undefined as never))).toMatchObject({ code: 'INVALID_REQUEST', field: 'options' });
    expect(vendor.requests).toHaveLength(0);
  });

  it('keeps at least 250 ms between polls when asked for 0 (and when the vendor says retry now)', async () => {
    taskVendor((_req, res) => json(res, 200, { status: 'running', retry_after_ms: 0 }));
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', timeoutMs: 1200, poll: { initialDelayMs: 0, intervalMs: 0, maxIntervalMs: 0 } }));
    expect(error.code).toBe('TIMEOUT');
    expect(polls()).toBeGreaterThanOrEqual(3);
    expect(polls()).toBeLessThanOrEqual(6);
  });

  it('downloads only the images asked for when a task lists 1,000 URLs, and keeps the rest as URLs', async () => {
    const urls = Array.from({ length: 1000 }, (_, i) => `${vendor.url}/files/${i}.png`);
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: 'task-many' });
      if (req.url!.startsWith('/files/')) return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      json(res, 200, { status: 'done', urls });
    });
    const result = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() });
    expect(result.images).toHaveLength(1);
    expect(result.extraImages).toHaveLength(999);
    expect(result.extraImages![998]).toEqual({ url: urls[999] });
    expect(result.warnings.join()).toMatch(/answered 1000 images where 1 were asked; the other 999 were not downloaded/);
    expect(vendor.requests.filter((r) => r.url.startsWith('/files/'))).toHaveLength(1);
    // waitForTask takes at most the model's per-call maximum.
    vendor.reset();
    const resumed = await waitForTask({ provider: hostileProvider(vendor.url), task: result.tasks[0]!, ...clocked() });
    expect(resumed.images).toHaveLength(1);
  });

});

describe('inputs are what they say', () => {
  it('sends the type the bytes have, and refuses bytes that are no image before any request', async () => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'edit', images: [{ data: PNG_16, mimeType: 'image/jpeg' }, { data: JPEG_16, mimeType: 'image/png' }] });
    expect(JSON.parse(vendor.requests[0]!.body.toString()).images).toEqual([
      { type: 'image/png', bytes: PNG_16.byteLength },
      { type: 'image/jpeg', bytes: JPEG_16.byteLength },
    ]);
    vendor.reset();
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'edit', images: [{ data: new TextEncoder().encode('hello'), mimeType: 'image/png' }] }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[0]' });
    expect(error.message).toMatch(/is not a PNG, JPEG, WebP or GIF image/);
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('answers come from the vendor, and downloads stay where they belong', () => {
  it.each([302, 307])('does not follow a %i on an API call to another origin', async (status) => {
    vendor.handle((_req, res) => res.writeHead(status, { location: `${elsewhere.url}/v1/images` }).end());
    elsewhere.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a secret prompt' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status, retryable: false });
    expect(error.message).toMatch(/redirect to another origin .* not followed/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows a redirect within the vendor origin, keeping method and body on a 307', async () => {
    vendor.handle((req, res) => (req.url === '/v1/images' ? res.writeHead(307, { location: '/v2/images' }).end() : json(res, 200, { data: [{ b64_json: toBase64(png) }] })));
    const result = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' });
    expect(result.images).toHaveLength(1);
    expect(vendor.requests.map((r) => [r.method, r.url, JSON.parse(r.body.toString() || '{}').prompt])).toEqual([
      ['POST', '/v1/images', 'a cat'],
      ['POST', '/v2/images', 'a cat'],
    ]);
    expect(vendor.requests[1]!.headers.authorization).toBe(`Bearer ${HOSTILE_KEY}`);
  });

  it('refuses result URLs on loopback or private addresses when the vendor is public, also after a CDN redirect', async () => {
    const task = { id: 'task-ssrf' };
    elsewhere.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    nock('https://api.vendor.test').post('/v1/images').times(2).reply(200, task);
    nock('https://api.vendor.test').get('/v1/tasks/task-ssrf').reply(200, { status: 'done', urls: [`${elsewhere.url}/internal.png`] });
    nock('https://api.vendor.test').get('/v1/tasks/task-ssrf').reply(200, { status: 'done', urls: ['https://cdn.vendor.test/a.png'] });
    nock('https://cdn.vendor.test').get('/a.png').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data' });
    for (const expected of [/127\.0\.0\.1/, /169\.254\.169\.254/]) {
      const error = await failure(generateImage({ provider: hostileProvider('https://api.vendor.test'), model: 'h-async', prompt: 'a cat', ...clocked() }));
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', task: { taskId: 'task-ssrf' } });
      expect(error.message).toMatch(expected);
      expect(error.message).toMatch(/loopback, private or link-local .* not downloaded/);
    }
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('downloads from private addresses when the vendor itself lives there, or when the caller opts in', async () => {
    elsewhere.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    taskVendor((_req, res) => json(res, 200, { status: 'done', urls: [`${elsewhere.url}/a.png`] }));
    expect((await generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() })).images).toHaveLength(1);
    nock('https://api.vendor.test').post('/v1/images').reply(200, { id: 'task-ok' }).get('/v1/tasks/task-ok').reply(200, { status: 'done', urls: [`${elsewhere.url}/b.png`] });
    const optedIn = await generateImage({ provider: hostileProvider('https://api.vendor.test'), model: 'h-async', prompt: 'a cat', allowPrivateNetworkDownloads: true, ...clocked() });
    expect(optedIn.images).toHaveLength(1);
    expect(elsewhere.requests.map((r) => r.url)).toEqual(['/a.png', '/b.png']);
  });

  it('tells private and link-local addresses from public ones', () => {
    const blocked = ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '198.18.0.1', '192.0.0.8', '224.0.0.1', '255.255.255.255'];
    const blocked6 = ['::1', '::', 'fd00::1', 'fe80::1', 'fec0::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]', '::7f00:1', '64:ff9b::a9fe:a9fe', '2002:c0a8:101::1'];
    for (const ip of [...blocked, ...blocked6]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', 'cdn.vendor.test']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

});

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
    const calls = Array.from({ length: 20 }, () => transport({ method: 'GET', url: `${vendor.url}/big`, headers: {}, signal: controller.signal }).catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const held = process.memoryUsage().arrayBuffers - before;
    controller.abort();
    await Promise.all(calls);
    // 20 × 99 MB would be ~2 GB; the reservation is capped at 4 MiB per answer.
    expect(held).toBeLessThan(20 * 4 * 1024 * 1024 + 16 * 1024 * 1024);
  });

  it('pins downloads to public addresses at connect time: a name that resolves to loopback is never contacted', async () => {
    vendor.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const transport = createFetchTransport();
    const byName = `http://localhost:${new URL(vendor.url).port}/a.png`;
    expect((await transport({ method: 'GET', url: byName, headers: {} })).status).toBe(200);
    const refused = (await transport({ method: 'GET', url: byName, headers: {}, privateAddresses: 'deny' }).catch((error: unknown) => error)) as Error;
    expect((refused.cause as { code?: string }).code).toBe('IMAGEGATE_PRIVATE_ADDRESS');
    const client = createHttpClient({ provider: 'hostile', baseUrl: '', transport });
    const ctx: ProviderCallContext = { signal: new AbortController().signal, sleep: async () => undefined, now: Date.now, maxRetries: 2, warn: () => undefined };
    const error = await failure(client.send(ctx, { method: 'GET', url: byName, kind: 'idempotent', anonymous: true, privateAddresses: 'deny' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
    expect(error.message).toMatch(/resolves only to loopback, private or link-local addresses; it was not contacted/);
    expect(vendor.requests).toHaveLength(1);
  });

  it('opens a bounded number of sockets to one origin however many calls run at once', async () => {
    // A server of its own: sockets of earlier tests must not count.
    const origin = await startHostileServer();
    try {
      origin.handle((_req, res) => setTimeout(() => json(res, 200, { ok: true }), 50));
      const transport = createFetchTransport({ maxConnectionsPerOrigin: 8 });
      await Promise.all(Array.from({ length: 200 }, () => transport({ method: 'GET', url: `${origin.url}/x`, headers: {} })));
      expect(origin.requests).toHaveLength(200);
      expect(origin.maxOpenConnections).toBeLessThanOrEqual(8);
      origin.reset();
      const byDefault = createFetchTransport();
      await Promise.all(Array.from({ length: 100 }, () => byDefault({ method: 'GET', url: `${origin.url}/y`, headers: {} })));
      expect(origin.maxOpenConnections).toBeLessThanOrEqual(32);
      expect(origin.maxOpenConnections).toBeGreaterThan(8);
    } finally {
      await origin.close();
    }
  });
});

describe('vendor text stays text; secrets stay secret', () => {
  it("keeps a revised prompt that spells the parser's placeholder", async () => {
    const sneaky = '$imagegate-binary:0';
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png), revised_prompt: sneaky }] }));
    const { images } = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' });
    expect(images[0]!.revisedPrompt).toBe(sneaky);
    const parsed = parseJsonBody<{ a: string; b: Uint8Array }>(new TextEncoder().encode(`{"a":"${sneaky}","b":"${toBase64(png)}"}`), { binaryFields: ['b'] });
    expect(parsed.a).toBe(sneaky);
  });

  it('never leaks a key the vendor echoes across the cut of its error text, nor any 12 characters of it', async () => {
    for (const at of [150, 185, 195, 205]) {
      vendor.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end(`${'x'.repeat(at)} ${HOSTILE_KEY} trailing`));
      const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }));
      const everything = [error.message, error.vendorMessage ?? '', error.stack ?? '', JSON.stringify(error)].join('\n');
      expect(leaksSecret(everything, HOSTILE_KEY), `key echoed at ${at}`).toBe(false);
      vendor.reset();
    }
  });

  it('strips credentials from URLs in every message', async () => {
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: 'task-creds' });
      json(res, 200, { status: 'done', urls: [`http://admin:hunter2-password@127.0.0.1:${new URL(vendor.url).port}/files/a.png`] });
    });
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }));
    expect(error.task).toMatchObject({ taskId: 'task-creds' });
    const label = new ImageGateError('BAD_RESPONSE', 'returned https://user:pa55@cdn.vendor.test/a.png as 9 bytes, and https://u:p@ss@h.test/', { vendorMessage: 'see ftp://u:p@x.test/' });
    const everything = [error.message, error.stack, JSON.stringify(error), label.message, label.vendorMessage].join('\n');
    expect(everything).not.toMatch(/admin|hunter2|pa55|u:p@|ss@/);
    expect(label.message).toBe('returned https://cdn.vendor.test/a.png as 9 bytes, and https://h.test/');
  });

  it.each(['.', '..', '%2e%2e'])('refuses the task id "%s" from a submit, and from a stored handle, without polling', async (id) => {
    taskVendor((_req, res) => json(res, 200, { status: 'done', urls: [] }), id);
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', maybeBilled: true });
    expect(error.message).toMatch(/task id that cannot be polled/);
    expect(polls()).toBe(0);
    const stored: TaskHandle = { version: 1, provider: 'hostile', taskId: id, model: 'h-async', createdAt: 0 };
    expect(await failure(waitForTask({ provider: hostileProvider(vendor.url), task: stored, ...clocked() }))).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.taskId' });
    expect(await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task: stored }))).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.taskId' });
    expect(vendor.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it("refuses a provider's own path with a dot segment before sending it with the key", async () => {
    const client = createHttpClient({ provider: 'hostile', baseUrl: `${vendor.url}/v1/images`, headers: { authorization: `Bearer ${HOSTILE_KEY}` }, transport: createFetchTransport() });
    const ctx: ProviderCallContext = { signal: new AbortController().signal, sleep: async () => undefined, now: Date.now, maxRetries: 0, warn: () => undefined };
    for (const path of ['/tasks/..', '/tasks/%2E', '/tasks/./x']) {
      expect(await failure(client.send(ctx, { method: 'GET', url: path, kind: 'idempotent' }))).toMatchObject({ code: 'BAD_RESPONSE' });
    }
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('redaction', () => {
  it('treats any 12-character run of a registered key as the key', () => {
    const key = `sk-${randomBytes(16).toString('hex')}`;
    registerSecret(key);
    const message = new ImageGateError('PROVIDER_ERROR', `key was ${key.slice(0, 20)}… (truncated), or ${key.slice(-14)}`).message;
    expect(leaksSecret(message, key)).toBe(false);
    expect(message).toBe('key was [REDACTED]… (truncated), or [REDACTED]');
  });
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it('an already-aborted signal rejects with ABORTED, sends nothing, and leaves no unhandled rejection', async () => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    const controller = new AbortController();
    controller.abort();
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', n: 8, concurrency: 1, signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(error.maybeBilled).toBeUndefined();
    expect(vendor.requests).toHaveLength(0);
  });

  it('getTaskStatus and waitForTask with an already-aborted signal reject with ABORTED, no unhandled rejection', async () => {
    taskVendor((_req, res) => json(res, 200, { status: 'running' }));
    const task: TaskHandle = { version: 1, provider: 'hostile', taskId: 'task-a', model: 'h-async', createdAt: 0 };
    const controller = new AbortController();
    controller.abort();
    expect((await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task, signal: controller.signal }))).code).toBe('ABORTED');
    expect((await failure(waitForTask({ provider: hostileProvider(vendor.url), task, signal: controller.signal }))).code).toBe('ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('an abort of a fanned-out call leaves no unhandled rejection and sends no more submits', async () => {
    vendor.handle(() => undefined); // every submit hangs
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', n: 8, concurrency: 1, signal: controller.signal }));
    expect(error).toMatchObject({ code: 'ABORTED', maybeBilled: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(submits()).toBe(1);
  });

  it('sends no billable submit after the deadline', async () => {
    vendor.handle((_req, res) => setTimeout(() => json(res, 200, { data: [{ b64_json: toBase64(png) }] }), 700));
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', n: 8, concurrency: 1, timeoutMs: 400 }));
    expect(error.code).toBe('TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(submits()).toBe(1);
  });

  it('an early vendor error stays what it is when the deadline passes later', async () => {
    let posts = 0;
    vendor.handle((_req, res) => (++posts === 1 ? json(res, 401, { error: { message: 'bad key' } }) : undefined));
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', n: 8, concurrency: 2, timeoutMs: 400 }));
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
  });

  it('names every task when one call fails at submit and another after it', async () => {
    let posts = 0;
    vendor.handle((req, res) => {
      if (req.method === 'POST') return ++posts === 1 ? json(res, 200, { id: 'task-kept' }) : json(res, 401, { error: { message: 'key revoked' } });
      json(res, 403, { error: { message: 'forbidden' } });
    });
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', n: 2, concurrency: 1, ...clocked() }));
    expect(error.tasks?.map((t) => t.taskId)).toEqual(['task-kept']);
  });

  it('submitImage keeps what it submitted when a later submit fails', async () => {
    let posts = 0;
    vendor.handle((_req, res) => (++posts === 1 ? json(res, 200, { id: 'task-first' }) : json(res, 500, { error: { message: 'boom' } })));
    const result = await submitImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', n: 3 });
    expect(result.tasks.map((t) => t.taskId)).toEqual(['task-first']);
    expect(result.warnings.join()).toMatch(/Submitted 1 of 3 calls; the next failed \(PROVIDER_ERROR/);
    expect(submits()).toBe(2);
  });

  it('a throwing onProgress does not cost the task: it becomes a warning', async () => {
    taskVendor((req, res) => (req.url!.startsWith('/files/') ? res.writeHead(200).end(png) : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] })));
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      onProgress: () => {
        throw new Error('ui bug');
      },
      ...clocked(),
    });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContain('onProgress threw and was ignored: ui bug');
  });

  it('a huge error body full of would-be URLs is read in bounded time', async () => {
    vendor.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('a.'.repeat(500_000)));
    const started = Date.now();
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(Date.now() - started).toBeLessThan(1000);
    vendor.handle((_req, res) => json(res, 500, { error: { message: `${'b://'.repeat(300_000)}x` } }));
    const json500 = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }));
    expect(json500.vendorMessage!.length).toBeLessThanOrEqual(2001);
  });

  it.each([
    ['a sparse images array', { images: [, { data: PNG_16, mimeType: 'image/png' }] }, 'images[0]'],
  ] as Array<[string, Record<string, unknown>, string]>)('refuses %s naming %s', async (_title, bad, field) => {
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', ...bad } as never));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
    expect(vendor.requests).toHaveLength(0);
  });

  it.each([
    ['a result URL that is not a string', { status: 'done', urls: [42] }, 'BAD_RESPONSE'],
    ['a file: result URL', { status: 'done', urls: ['file:///etc/passwd'] }, 'BAD_RESPONSE'],
    ['a failed task without an error', { status: 'failed' }, 'TASK_FAILED'],
  ] as const)('turns %s into a typed error with the task', async (_title, poll, code) => {
    taskVendor((_req, res) => json(res, 200, poll), 'task-odd');
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }));
    expect(error).toMatchObject({ code, retryable: false, task: { taskId: 'task-odd' } });
    expect(error.message).not.toMatch(/Unexpected provider failure|is not a function/);
  });

  it('a TIMEOUT that carries a task is not retryable: resume it instead of paying again', async () => {
    taskVendor((_req, res) => json(res, 200, { status: 'running' }));
    const error = await failure(generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', timeoutMs: 60_000, ...clocked() }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, task: { taskId: 'task-1' } });
  });
});
