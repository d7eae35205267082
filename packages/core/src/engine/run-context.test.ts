/**
 * One run's shared state: a deadline does not rewrite an earlier error, a
 * caller's callback cannot cost a task, a TIMEOUT with a task is resumed, not
 * retried.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { generateImage } from '../index.js';
import { hostileProvider, json, type HostileServer, serveTask } from '../../test-support/hostile-server.js';
import { clocked, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const png = encodePng(8, 8);
const taskVendor = (poll: Parameters<HostileServer['handle']>[0], id?: string) => serveTask(vendor, poll, id);

describe('a careless caller, a hostile vendor: what review found', () => {
  it('an early vendor error stays what it is when the deadline passes later', async () => {
    let posts = 0;
    vendor.handle((_req, res) => (++posts === 1 ? json(res, 401, { error: { message: 'bad key' } }) : undefined));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        n: 8,
        concurrency: 2,
        timeoutMs: 400,
      }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
  });

  it('a throwing onProgress does not cost the task: it becomes a warning', async () => {
    taskVendor((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200).end(png)
        : json(res, 200, { status: 'done', urls: [`${vendor.url}/files/a.png`] }),
    );
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

  it('a TIMEOUT that carries a task is not retryable: resume it instead of paying again', async () => {
    taskVendor((_req, res) => json(res, 200, { status: 'running' }));
    const error = await failure(
      generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-async',
        prompt: 'a cat',
        timeoutMs: 60_000,
        ...clocked(),
      }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, task: { taskId: 'task-1' } });
  });
});
