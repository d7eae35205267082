/**
 * No paid job is lost: whatever a submit answers, every job the vendor took
 * is kept, and every error after it carries its handle and is not retryable.
 * A real local server answers; core's client, transport and engine run for real.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage, getTaskStatus, submitImage, waitForTask, type TaskHandle } from '../index.js';
import { hostileProvider } from '../../test-support/hostile-server.js';
import { clocked, json, seen, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const png = encodePng(8, 8);
const task = (taskId: string, model = 'h-async'): TaskHandle => ({
  version: 1,
  provider: 'hostile',
  taskId,
  model,
  createdAt: 0,
});

describe('a job answered at once keeps its handle', () => {
  it('a download that fails after a finished-at-submit job carries the job, and is not retryable', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) => {
      if (req.method === 'POST')
        return json(res, 200, { id: 'pred-sync', data: [{ url: `${vendor.url}/files/a.png` }] });
      req.socket.destroy(); // every download resets
    });
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', ...clocked() }),
    );
    expect(error).toMatchObject({
      code: 'NETWORK',
      retryable: false,
      taskId: 'pred-sync',
      task: { provider: 'hostile', taskId: 'pred-sync' },
    });
    expect(seen(vendor, 'POST', '/v1/images')).toBe(1);
    // The handle collects the job: a poll finds it finished.
    vendor.handle((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200, { 'content-type': 'image/png' }).end(png)
        : json(res, 200, { id: 'pred-sync', status: 'done', urls: [`${vendor.url}/files/a.png`] }),
    );
    const collected = await waitForTask({ provider: hostileProvider(vendor.url), task: error.task!, ...clocked() });
    expect(collected.images).toHaveLength(1);
  });

  it("is reported as submitted with its handle, and listed among the result's tasks", async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { id: 'pred-now', data: [{ b64_json: toBase64(png) }] }));
    const events: Array<{ state: string; taskId?: string }> = [];
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      onProgress: (e) => events.push({ state: e.state, taskId: e.taskId }),
    });
    expect(result.images).toHaveLength(1);
    expect(result.tasks.map((t) => t.taskId)).toEqual(['pred-now']);
    expect(events).toEqual([{ state: 'submitted', taskId: 'pred-now' }]);
  });

  it('submitImage hands back a job whose images could not be collected as a task to wait for', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.method === 'POST'
        ? json(res, 200, { id: 'pred-later', data: [{ url: `${vendor.url}/files/a.png` }] })
        : res.writeHead(503).end(),
    );
    const result = await submitImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      ...clocked(),
    });
    expect(result.images).toEqual([]);
    expect(result.tasks.map((t) => t.taskId)).toEqual(['pred-later']);
    expect(result.warnings.join(' ')).toMatch(/Submitted 0 of 1 calls/);
  });

  it('an error code beside an id in a 200 answer still names the job: maybeBilled, not retryable', async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { code: 400, id: 'pred-err' }));
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      retryable: false,
      maybeBilled: true,
      taskId: 'pred-err',
      task: { taskId: 'pred-err' },
    });
    const submitted = await failure(
      submitImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(submitted).toMatchObject({ maybeBilled: true, task: { taskId: 'pred-err' } });
  });
});

describe('a poll answers for its own task only', () => {
  it('refuses the status of another task (BAD_RESPONSE with this task), on every path', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.method === 'POST'
        ? json(res, 200, { id: 'mine' })
        : json(res, 200, { id: 'theirs', status: 'done', urls: [`${vendor.url}/files/theirs.png`] }),
    );
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false, taskId: 'mine' });
    expect(error.message).toMatch(/the status of another task \(theirs\)/);
    expect(seen(vendor, 'GET', '/files/')).toBe(0);
    expect(await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task: task('mine') }))).toMatchObject({
      code: 'BAD_RESPONSE',
      taskId: 'mine',
    });
    expect(
      await failure(waitForTask({ provider: hostileProvider(vendor.url), task: task('mine'), ...clocked() })),
    ).toMatchObject({ code: 'BAD_RESPONSE', taskId: 'mine' });
  });

  it('takes a status that names its own task', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200, { 'content-type': 'image/png' }).end(png)
        : json(res, 200, { id: 'mine', status: 'done', urls: [`${vendor.url}/files/a.png`] }),
    );
    expect((await waitForTask({ provider: hostileProvider(vendor.url), task: task('mine') })).images).toHaveLength(1);
  });
});

describe('succeeded without images is refused alike on every path', () => {
  it('waitForTask, getTaskStatus and a status handed back all refuse it as BAD_RESPONSE with the task', async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { status: 'done', urls: [] }));
    const provider = hostileProvider(vendor.url);
    for (const error of [
      await failure(waitForTask({ provider, task: task('t-empty'), ...clocked() })),
      await failure(getTaskStatus({ provider, task: task('t-empty') })),
      await failure(waitForTask({ provider, task: task('t-empty'), status: { state: 'succeeded', images: [] } })),
      await failure(generateImage({ provider, model: 'h-sync', prompt: 'a cat' })),
    ]) {
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
      expect(error.message).toMatch(/answered without any image/);
    }
  });
});

describe('an abort after the task finished cancels nothing', () => {
  it(
    "aborting while a finished task's images download sends no cancel " + 'and does not call the task canceled',
    async () => {
      const { vendor } = servers;
      vendor.handle((req, res) => {
        if (req.url!.startsWith('/files/'))
          return void res
            .writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.byteLength * 4) })
            .write(png.subarray(0, 20)); // stalls
        if (req.url!.endsWith('/cancel')) return json(res, 200, {});
        json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const error = await failure(
        waitForTask({
          provider: hostileProvider(vendor.url),
          task: task('done-1', 'h-cancel'),
          signal: controller.signal,
        }),
      );
      expect(error.code).toBe('ABORTED');
      expect(error.message).not.toMatch(/cancel/i);
      expect(seen(vendor, 'POST', '/v1/tasks/')).toBe(0);
    },
  );

  it('aborting a task still running does cancel it', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) =>
      req.url!.endsWith('/cancel') ? json(res, 200, {}) : json(res, 200, { status: 'running' }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await failure(
      waitForTask({
        provider: hostileProvider(vendor.url),
        task: task('run-1', 'h-cancel'),
        signal: controller.signal,
      }),
    );
    expect(error.message).toMatch(/was canceled at Hostile/);
    expect(seen(vendor, 'POST', '/v1/tasks/run-1/cancel')).toBe(1);
  });
});

describe('what review found: paid jobs stay not retryable, whatever ends the call', () => {
  it('images answered at once, then a download the deadline cuts: TIMEOUT, not retryable, maybeBilled', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { data: [{ url: `${vendor.url}/files/a.png` }] });
      // stalls
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' }).write(png.subarray(0, 10));
    });
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat', timeoutMs: 800 }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, maybeBilled: true });
  });

  it(
    'a fan-out whose first call was refused and whose second was paid: ' +
      'the error names the paid task and is not retryable',
    async () => {
      const { vendor } = servers;
      let submits = 0;
      vendor.handle((req, res) => {
        if (req.method === 'POST')
          return ++submits === 1
            ? json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '999' })
            : json(res, 200, { id: 'fan-2' });
        if (req.url!.startsWith('/files/')) return res.writeHead(404).end();
        json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
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
      expect(error.retryable).toBe(false);
      expect(error.tasks?.map((t) => t.taskId)).toEqual(['fan-2']);
    },
  );

  it(
    'no poll comes less than 250 ms after the one before, the last included: ' +
      'a deadline closer than that ends the wait',
    async () => {
      const { vendor } = servers;
      vendor.handle((_req, res) => json(res, 200, { status: 'running' }));
      const { clock, ...time } = clocked();
      const error = await failure(
        waitForTask({
          provider: hostileProvider(vendor.url),
          task: task('t-floor'),
          timeoutMs: 1000,
          poll: { intervalMs: 300, factor: 1 },
          ...time,
        }),
      );
      expect(error.code).toBe('TIMEOUT');
      // Polls at 0, 300, 600 and 900 ms; the 100 ms left to the deadline are waited out with no poll after them.
      expect(clock.sleeps).toEqual([300, 300, 300, 100]);
      expect(seen(vendor, 'GET', '/v1/tasks/')).toBe(4);
    },
  );

  it('a task found finished early does not stretch a short deadline: the download is cut at timeoutMs', async () => {
    const { vendor } = servers;
    vendor.handle((req, res) => {
      if (req.url!.startsWith('/files/'))
        return void res
          .writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' })
          .write(png.subarray(0, 10));
      json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] });
    });
    const started = Date.now();
    const error = await failure(
      waitForTask({ provider: hostileProvider(vendor.url), task: task('t-short'), timeoutMs: 1500 }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
