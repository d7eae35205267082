import { getTaskStatus } from '@imagegate/core';
import type { IDataObject } from 'n8n-workflow';
import { readTask } from '../../fields/task-parameter.js';
import type { NodeOperation } from '../operation.js';

/** Task → Get Status: poll a submitted task once and say where it stands (its image URLs once it succeeded). */
export const getStatus: NodeOperation = {
  resource: 'task',
  value: 'getStatus',
  name: 'Get Status',
  action: 'Get the status of a task',
  description: 'Poll a submitted task once',
  shows: ['task'],
  async execute(fns, shared, i) {
    const task = readTask(fns, i, shared.provider.id);
    const status = await getTaskStatus({ provider: shared.provider, task, ...shared.run });
    const json: IDataObject = {
      state: status.state,
      provider: task.provider,
      model: task.model,
      taskId: task.taskId,
      task: task as unknown as IDataObject,
    };
    if ('progress' in status && status.progress !== undefined) json.progress = status.progress;
    if (status.state === 'succeeded') json.urls = status.images.flatMap((img) => (img.url ? [img.url] : []));
    if (status.state === 'failed') Object.assign(json, { error: status.error.message, code: status.error.code });
    if (status.nextCheckMs !== undefined) json.nextCheckSeconds = Math.ceil(status.nextCheckMs / 1000);
    return [{ json, pairedItem: { item: i } }];
  },
};
