/**
 * waitForTask and the poll loop against a hostile vendor: a paid task is never
 * dropped, whatever the polls answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { generateImage, getTaskStatus, waitForTask, type TaskHandle } from '../index.js';
import {
  hostileProvider,
  json,
  type HostileServer,
  pollCount,
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
const polls = () => pollCount(vendor);
const submits = () => submitCount(vendor);

describe('a paid task is never dropped', () => {
  it('keeps polling through 429s with a far Retry-After until the deadline, then TIMEOUT with the task', async () => {
    taskVendor((_req, res) => json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '3600' }));
    const { clock, ...time } = clocked();
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        timeoutMs: 600_000,
        ...time,
      }),
    );
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
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      ...clocked(),
    });
    expect(result.images).toHaveLength(1);
    expect(submits()).toBe(1);
  });
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it(
    'getTaskStatus and waitForTask with an already-aborted signal reject with ABORTED, ' + 'no unhandled rejection',
    async () => {
      taskVendor((_req, res) => json(res, 200, { status: 'running' }));
      const task: TaskHandle = { version: 1, provider: 'hostile', taskId: 'task-a', model: 'h-async', createdAt: 0 };
      const controller = new AbortController();
      controller.abort();
      expect(
        (await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task, signal: controller.signal }))).code,
      ).toBe('ABORTED');
      expect(
        (await failure(waitForTask({ provider: hostileProvider(vendor.url), task, signal: controller.signal }))).code,
      ).toBe('ABORTED');
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
  );

  it.each([
    ['a result URL that is not a string', { status: 'done', urls: [42] }, 'BAD_RESPONSE'],
    ['a file: result URL', { status: 'done', urls: ['file:///etc/passwd'] }, 'BAD_RESPONSE'],
    ['a failed task without an error', { status: 'failed' }, 'TASK_FAILED'],
  ] as const)('turns %s into a typed error with the task', async (_title, poll, code) => {
    taskVendor((_req, res) => json(res, 200, poll), 'task-odd');
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }),
    );
    expect(error).toMatchObject({ code, retryable: false, task: { taskId: 'task-odd' } });
    expect(error.message).not.toMatch(/Unexpected provider failure|is not a function/);
  });
});
