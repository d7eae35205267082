/**
 * generateImage against a hostile vendor: every paid task stays named, an
 * abort or a deadline never submits (or bills) again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage, waitForTask, type TaskHandle } from '../index.js';
import {
  hostileProvider,
  json,
  type HostileServer,
  serveTask,
  submitCount,
} from '../../test-support/hostile-server.js';
import { clocked, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const png = encodePng(8, 8);
const taskVendor = (poll: Parameters<HostileServer['handle']>[0], id?: string) => serveTask(vendor, poll, id);
const submits = () => submitCount(vendor);

describe('a paid task is never dropped', () => {
  it.each([
    [
      'a bad body on a poll',
      (req: { method?: string }, res: Parameters<typeof json>[0]) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'),
      'BAD_RESPONSE',
    ],
    [
      'a 401 on a poll',
      (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 401, { error: { message: 'key revoked' } }),
      'AUTHENTICATION',
    ],
    [
      'a download that is no image',
      (req: { url?: string }, res: Parameters<typeof json>[0]) =>
        req.url!.startsWith('/files/')
          ? res.writeHead(200).end('not an image')
          : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/x.png`] }),
      'BAD_RESPONSE',
    ],
    [
      'a download that is gone',
      (req: { url?: string }, res: Parameters<typeof json>[0]) =>
        req.url!.startsWith('/files/')
          ? json(res, 404, {})
          : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/x.png`] }),
      'TASK_FAILED',
    ],
  ] as const)('every error after the submit carries the task handle: %s', async (_title, poll, code) => {
    taskVendor(poll as Parameters<HostileServer['handle']>[0], 'task-3');
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }),
    );
    expect(error.code).toBe(code);
    expect(error.task).toMatchObject({ taskId: 'task-3' });
    // The handle resumes: the same vendor, now healthy, delivers.
    vendor.handle((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200).end(png)
        : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/y.png`] }),
    );
    const resumed = await waitForTask({
      provider: hostileProvider(vendor.url),
      task: JSON.parse(JSON.stringify(error.task)) as TaskHandle,
      ...clocked(),
    });
    expect(resumed.images[0]!.mimeType).toBe('image/png');
  });

  it('when every fanned-out task fails after its submit, the error names all the tasks', async () => {
    let next = 0;
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: `task-n${++next}` });
      if (req.url!.startsWith('/files/')) return json(res, 410, {});
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files${req.url}.png`] });
    });
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', n: 2, ...clocked() }),
    );
    expect(error.code).toBe('TASK_FAILED');
    expect(error.tasks?.map((t) => t.taskId).sort()).toEqual(['task-n1', 'task-n2']);
  });

  it.each([
    ['headers never sent', (_req: unknown, _res: unknown) => undefined],
    [
      'a body that trickles forever',
      (_req: unknown, res: Parameters<typeof json>[0]) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 30);
      },
    ],
  ] as const)(
    'the deadline during a billable submit (%s) is TIMEOUT saying the job may still run',
    async (_title, answer) => {
      vendor.handle(answer as Parameters<HostileServer['handle']>[0]);
      const started = Date.now();
      const error = await failure(
        generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', timeoutMs: 400 }),
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).toMatchObject({ code: 'TIMEOUT', maybeBilled: true, retryable: false });
      expect(error.message).toMatch(/not resubmitted.*may still be running/);
      expect(submits()).toBe(1);
    },
  );
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it('an already-aborted signal rejects with ABORTED, sends nothing, and leaves no unhandled rejection', async () => {
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png) }] }));
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        n: 8,
        concurrency: 1,
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(error.maybeBilled).toBeUndefined();
    expect(vendor.requests).toHaveLength(0);
  });

  it('an abort of a fanned-out call leaves no unhandled rejection and sends no more submits', async () => {
    vendor.handle(() => undefined); // every submit hangs
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        n: 8,
        concurrency: 1,
        signal: controller.signal,
      }),
    );
    expect(error).toMatchObject({ code: 'ABORTED', maybeBilled: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(submits()).toBe(1);
  });

  it('sends no billable submit after the deadline', async () => {
    vendor.handle((_req, res) => setTimeout(() => json(res, 200, { data: [{ b64_json: toBase64(png) }] }), 700));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        n: 8,
        concurrency: 1,
        timeoutMs: 400,
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(submits()).toBe(1);
  });

  it('names every task when one call fails at submit and another after it', async () => {
    let posts = 0;
    vendor.handle((req, res) => {
      if (req.method === 'POST')
        return ++posts === 1
          ? json(res, 200, { id: 'task-kept' })
          : json(res, 401, { error: { message: 'key revoked' } });
      json(res, 403, { error: { message: 'forbidden' } });
    });
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        n: 2,
        concurrency: 1,
        ...clocked(),
      }),
    );
    expect(error.tasks?.map((t) => t.taskId)).toEqual(['task-kept']);
  });
});
