import { useNock } from '@imagegate/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CDN, run, taskBody, TOAPIS } from '../../../test/run-node.js';

useNock();

describe('Task → Get Status', () => {
  it('Task → Get Status polls once', async () => {
    nock(TOAPIS)
      .get('/v1/images/generations/task_3')
      .reply(200, taskBody('task_3', 'in_progress', { progress: 55 }));
    const task = {
      version: 1,
      provider: 'toapis',
      taskId: 'task_3',
      model: 'gemini-2.5-flash-image-preview',
      createdAt: 1,
    };
    const { out } = await run({
      parameters: { provider: 'toapis', resource: 'task', operation: 'getStatus', task: JSON.stringify(task) },
    });
    expect(out[0]!.json).toMatchObject({ state: 'running', progress: 55, taskId: 'task_3' });
  });

  it(
    'of a finished task: its image URLs, nothing downloaded; ' + 'of a failed one: what the vendor said and the code',
    async () => {
      nock(TOAPIS)
        .get('/v1/images/generations/task_s')
        .reply(200, taskBody('task_s', 'completed', { result: { data: [{ url: `${CDN}/task_s.png` }] } }))
        .get('/v1/images/generations/task_f')
        .reply(
          200,
          taskBody('task_f', 'failed', {
            error: { code: 'generation_failed', message: 'the model could not draw it' },
          }),
        );
      const done = await run({
        parameters: { provider: 'toapis', resource: 'task', operation: 'getStatus', task: 'task_s' },
      });
      expect(done.out).toEqual([
        {
          json: expect.objectContaining({ state: 'succeeded', taskId: 'task_s', urls: [`${CDN}/task_s.png`] }),
          pairedItem: { item: 0 },
        },
      ]);
      expect(done.out[0]!.binary).toBeUndefined();
      expect(done.fns.record.requests.map((r) => r.url)).toEqual([`${TOAPIS}/v1/images/generations/task_s`]);
      const failed = await run({
        parameters: { provider: 'toapis', resource: 'task', operation: 'getStatus', task: 'task_f' },
      });
      expect(failed.out[0]!.json).toMatchObject({
        state: 'failed',
        taskId: 'task_f',
        code: 'TASK_FAILED',
        error: expect.stringMatching(/the model could not draw it/),
      });
    },
  );
});
