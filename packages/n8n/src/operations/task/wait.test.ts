import { useNock } from '@imagegate/testing';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CDN, png, run, taskBody, TOAPIS, toapisImage } from '../../../test/run-node.js';

useNock();

describe('Task → Wait for Completion', () => {
  it('with waiting off outputs the task handle, and Task → Wait for Completion collects it', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_2', 'queued'));
    const submitted = await run({ parameters: { ...toapisImage, waitForCompletion: false } });
    expect(submitted.out[0]!.json).toMatchObject({
      status: 'submitted',
      taskId: 'task_2',
      task: { version: 1, provider: 'toapis', taskId: 'task_2' },
    });

    nock(TOAPIS)
      .get('/v1/images/generations/task_2')
      .reply(200, taskBody('task_2', 'completed', { result: { data: [{ url: `${CDN}/task_2.png` }] } }));
    nock(CDN).get('/task_2.png').reply(200, Buffer.from(png));
    const collected = await run({
      items: submitted.out,
      parameters: {
        provider: 'toapis',
        resource: 'task',
        operation: 'wait',
        task: '={{ $json.task }}',
        options: { pollIntervalSeconds: 0.05 },
      },
      itemParameters: [{ task: submitted.out[0]!.json.task }],
    });
    expect(collected.out[0]!.json).toMatchObject({ taskId: 'task_2', mimeType: 'image/png' });
  });

  it(
    "without Continue On Fail, Max Wait is a NodeApiError in the panel's words, " +
      'with no HTTP code (there was none); the task id it names resumes the task',
    async () => {
      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody('task_7', 'queued'))
        .get('/v1/images/generations/task_7')
        .reply(200, taskBody('task_7', 'in_progress'))
        .persist();
      const error = (await run({
        parameters: { ...toapisImage, options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.2 } },
      }).catch((e: unknown) => e)) as NodeApiError;
      expect(error).toBeInstanceOf(NodeApiError);
      expect(error.message).toBe('The task did not finish within Max Wait (1 s)');
      expect(error.httpCode).toBeNull();
      nock.cleanAll();
      nock(TOAPIS)
        .get('/v1/images/generations/task_7')
        .reply(200, taskBody('task_7', 'completed', { result: { data: [{ url: `${CDN}/task_7.png` }] } }));
      nock(CDN).get('/task_7.png').reply(200, Buffer.from(png));
      const { out } = await run({
        parameters: {
          provider: 'toapis',
          resource: 'task',
          operation: 'wait',
          task: 'task_7',
          options: { pollIntervalSeconds: 0.05 },
        },
      });
      expect(out[0]!.json).toMatchObject({ taskId: 'task_7', mimeType: 'image/png' });
    },
  );

  it('refuses a Task that is neither a task handle nor a task id, before any request', async () => {
    const error = (await run({
      parameters: { provider: 'toapis', resource: 'task', operation: 'wait', task: '{"taskId": 7}' },
    }).catch((e: unknown) => e)) as NodeOperationError;
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('The Task parameter is neither a task handle nor a task id');
    expect(error.description).toMatch(
      /^Set Task to the "task" field a Generate or Edit step returned with Wait for Completion off/,
    );
  });
});
