import { useNock } from '@imagegate/testing';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { executeFunctions, type ExecuteSetup } from '../../../test/execute-functions.js';
import { CDN, credentials, decoded, node, png, taskBody, TOAPIS, TOAPIS_KEY } from '../../../test/run-node.js';

const nocks = useNock();

describe('Task → Check Once', () => {
  it(
    'Task → Check Once routes each task: finished ones to Done with their images, ' +
      'pending ones to Pending with when to look again',
    async () => {
      const handle = (id: string, createdAt: number) =>
        JSON.stringify({
          version: 1,
          provider: 'toapis',
          taskId: id,
          model: 'gemini-2.5-flash-image-preview',
          createdAt,
        });
      nock(TOAPIS)
        .get('/v1/images/generations/task_p')
        .reply(200, taskBody('task_p', 'in_progress', { progress: 10 }))
        // Polled once: the finished task is collected from what that check saw.
        .get('/v1/images/generations/task_d')
        .reply(200, taskBody('task_d', 'completed', { result: { data: [{ url: `${CDN}/task_d.png` }] } }));
      nock(CDN).get('/task_d.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
      // Submitted two minutes ago (ToAPIs' typical task takes 5–30 s): checked again by its age, at the model's cap.
      const fns = executeFunctions(node, {
        credentials,
        items: [{ json: {} }, { json: {} }],
        parameters: { provider: 'toapis', resource: 'task', operation: 'checkOnce' },
        itemParameters: [
          { task: handle('task_p', Date.now() - 120_000) },
          { task: handle('task_d', Date.now() - 120_000) },
        ],
      });
      const [done, pending] = await node.execute.call(fns);
      expect(pending).toHaveLength(1);
      expect(pending![0]!.json).toMatchObject({
        done: false,
        state: 'running',
        progress: 10,
        taskId: 'task_p',
        task: { taskId: 'task_p' },
      });
      // ToAPIs' guidance for a task 2 minutes old: its 10 s cap, plus up to 1 s of jitter.
      expect(pending![0]!.json.nextCheckSeconds).toBeGreaterThanOrEqual(10);
      expect(pending![0]!.json.nextCheckSeconds).toBeLessThanOrEqual(11);
      expect(pending![0]!.pairedItem).toEqual({ item: 0 });
      expect(done).toHaveLength(1);
      expect(done![0]!.json).toMatchObject({ done: true, taskId: 'task_d', mimeType: 'image/png' });
      expect(decoded(done![0]!).equals(Buffer.from(png))).toBe(true);
    },
  );

  describe('Task → Check Once when the check itself fails', () => {
    const handle = (id: string, ageMs = 120_000) => ({
      version: 1,
      provider: 'toapis',
      taskId: id,
      model: 'gemini-2.5-flash-image-preview',
      createdAt: Date.now() - ageMs,
    });
    const poll = (id: string) => nock(TOAPIS).get(`/v1/images/generations/${id}`);
    /**
     * Check Once on these tasks with timers on a fake clock that runs fast
     * (100 ms per turn of the event loop), so the node's own retries
     * (Retry-After, backoff) take no real time. Fast, not jumping from timer
     * to timer: the run's 10-minute deadline must not fire while a request
     * is under way.
     */
    const checkOnce = async (tasks: object[], setup: Partial<ExecuteSetup> = {}) => {
      const fns = executeFunctions(node, {
        credentials,
        items: tasks.map(() => ({ json: {} })),
        parameters: { provider: 'toapis', resource: 'task', operation: 'checkOnce' },
        itemParameters: tasks.map((task) => ({ task: JSON.stringify(task) })),
        ...setup,
      });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        let settled = false;
        const running = node.execute.call(fns).finally(() => (settled = true));
        running.catch(() => undefined);
        while (!settled) {
          vi.advanceTimersByTime(100);
          await new Promise((resolve) => setImmediate(resolve));
        }
        const [done, pending] = await running;
        return { done: done!, pending: pending!, fns };
      } finally {
        vi.useRealTimers();
      }
    };
    const requestsBy = (fns: { record: { requests: Array<{ method?: string }> } }, method: string) =>
      fns.record.requests.filter((r) => (r.method ?? 'GET') === method).length;

    it(
      'a rate-limited poll goes to Pending at once (no retries holding the worker), ' +
        'to look again after Retry-After; nothing is submitted',
      async () => {
        poll('task_429').reply(
          429,
          { error: { message: 'Too Many Requests', type: 'rate_limit_exceeded' } },
          { 'retry-after': '7' },
        );
        const { done, pending, fns } = await checkOnce([handle('task_429')]);
        expect(done).toEqual([]);
        expect(pending).toHaveLength(1);
        expect(pending[0]!.json).toMatchObject({
          done: false,
          nextCheckSeconds: 7,
          provider: 'toapis',
          model: 'gemini-2.5-flash-image-preview',
          taskId: 'task_429',
          task: { version: 1, provider: 'toapis', taskId: 'task_429' },
          checkFailed: { code: 'RATE_LIMITED', message: 'ToAPIs is limiting the request rate' },
        });
        // What the check did not see is not made up.
        expect(pending[0]!.json.state).toBeUndefined();
        expect(pending[0]!.pairedItem).toEqual({ item: 0 });
        // One poll, no submit.
        expect(requestsBy(fns, 'GET')).toBe(1);
        expect(requestsBy(fns, 'POST')).toBe(0);
        expect(nocks.unmatched()).toBe(0);
        expect(JSON.stringify(pending[0]!.json)).not.toContain(TOAPIS_KEY);
      },
    );

    it("a poll answering 503 goes to Pending with a backoff that grows with the task's age", async () => {
      poll('task_young').reply(503, { error: { message: 'upstream overloaded', type: 'internal_error' } });
      poll('task_old').reply(503, { error: { message: 'upstream overloaded', type: 'internal_error' } });
      const { done, pending } = await checkOnce([handle('task_young', 10_000), handle('task_old', 120_000)]);
      expect(done).toEqual([]);
      expect(pending.map((p) => p.json.taskId)).toEqual(['task_young', 'task_old']);
      for (const item of pending)
        expect(item.json).toMatchObject({
          done: false,
          checkFailed: { code: 'PROVIDER_ERROR', message: 'ToAPIs failed (HTTP 503)' },
        });
      // ToAPIs' schedule (every 5–10 s, up to 1 s of jitter) by age: 10 s old → 5 s, 2 min old → its 10 s cap.
      const [young, old] = pending.map((p) => p.json.nextCheckSeconds as number);
      expect([young! >= 5 && young! <= 6, old! >= 10 && old! <= 11]).toEqual([true, true]);
      expect(pending.every((p) => (p.json.nextCheckSeconds as number) >= 1)).toBe(true);
    });

    it('a network error (ECONNRESET) goes to Pending', async () => {
      poll('task_reset').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      const { done, pending, fns } = await checkOnce([handle('task_reset')]);
      expect(done).toEqual([]);
      expect(pending[0]!.json).toMatchObject({
        done: false,
        taskId: 'task_reset',
        checkFailed: { code: 'NETWORK', message: 'Could not reach ToAPIs' },
      });
      expect(pending[0]!.json.nextCheckSeconds).toBeGreaterThanOrEqual(5);
      expect(requestsBy(fns, 'GET')).toBe(1);
    });

    it('a refused key (401) still fails the execution, or is an error item on Done with Continue On Fail', async () => {
      const refused = () =>
        poll('task_401').reply(401, { error: { message: 'Invalid API key', type: 'authentication_error' } });
      refused();
      const error = await checkOnce([handle('task_401')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).message).toBe('ToAPIs refused the API key');

      refused();
      const { done, pending } = await checkOnce([handle('task_401')], { continueOnFail: true });
      expect(pending).toEqual([]);
      expect(done).toHaveLength(1);
      expect(done[0]!.json).toMatchObject({
        code: 'AUTHENTICATION',
        status: 401,
        error: 'ToAPIs refused the API key',
        taskId: 'task_401',
      });
      expect(done[0]!.json.checkFailed).toBeUndefined();
    });

    it('a stopped execution still stops, even when its check failed for a passing reason', async () => {
      const controller = new AbortController();
      poll('task_stop').reply(() => {
        controller.abort();
        return [503, { error: { message: 'upstream overloaded' } }];
      });
      const error = await checkOnce([handle('task_stop')], { signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeOperationError);
      expect((error as Error).message).toMatch(/aborted/);
    });
  });

  it('has two outputs, Done and Pending, for Check Once only', () => {
    const outputs = node.description.outputs as string;
    expect(outputs).toMatch(
      new RegExp(
        '"checkOnce" \\? \\[\\{ type: "main", displayName: "Done" \\}, ' +
          '\\{ type: "main", displayName: "Pending" \\}\\] : \\["main"\\]',
      ),
    );
  });
});
