/**
 * Task ids that would leave the endpoint are refused, from a submit and from a
 * stored handle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { generateImage, getTaskStatus, waitForTask, type TaskHandle } from '../index.js';
import { hostileProvider, json, type HostileServer, pollCount, serveTask } from '../../test-support/hostile-server.js';
import { clocked, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const taskVendor = (poll: Parameters<HostileServer['handle']>[0], id?: string) => serveTask(vendor, poll, id);
const polls = () => pollCount(vendor);

describe('vendor text stays text; secrets stay secret', () => {
  it.each(['.', '..', '%2e%2e'])(
    'refuses the task id "%s" from a submit, and from a stored handle, without polling',
    async (id) => {
      taskVendor((_req, res) => json(res, 200, { status: 'done', urls: [] }), id);
      const error = await failure(
        generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', maybeBilled: true });
      expect(error.message).toMatch(/task id that cannot be polled/);
      expect(polls()).toBe(0);
      const stored: TaskHandle = { version: 1, provider: 'hostile', taskId: id, model: 'h-async', createdAt: 0 };
      expect(
        await failure(waitForTask({ provider: hostileProvider(vendor.url), task: stored, ...clocked() })),
      ).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.taskId' });
      expect(await failure(getTaskStatus({ provider: hostileProvider(vendor.url), task: stored }))).toMatchObject({
        code: 'INVALID_REQUEST',
        field: 'task.taskId',
      });
      expect(vendor.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    },
  );
});
