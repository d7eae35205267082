import { isTaskHandle, type TaskHandle } from '@imagegate/core';
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { LABELS } from '../shared/labels.js';

/** The Task parameter, shown for every operation of the resources whose operations act on a task. */
export function taskParameter(resources: string[]): INodeProperties {
  return {
    displayName: LABELS.task,
    name: 'task',
    type: 'json',
    default: '={{ $json.task }}',
    required: true,
    displayOptions: { show: { resource: resources } },
    description:
      'The task handle a Generate or Edit step returned with Wait for Completion off (its "task" field), ' +
      'or a task id alone (as an error message names it)',
  };
}

/**
 * The Task parameter: the handle a Generate or Edit step returned (an object
 * or its JSON), or the task id alone, as error messages show it (the
 * provider is the node's; the model is then unknown, so the vendor's default
 * polling applies).
 */
export function readTask(fns: IExecuteFunctions, i: number, provider: string): TaskHandle {
  let value = fns.getNodeParameter('task', i) as unknown;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[\w.:~-]{1,200}$/.test(text) && !/^(true|false|null|\d+)$/.test(text))
      return { version: 1, provider, taskId: text, model: '', createdAt: Date.now() };
    try {
      value = JSON.parse(text);
    } catch {
      // reported below
    }
  }
  if (!isTaskHandle(value)) {
    throw new NodeOperationError(fns.getNode(), `The ${LABELS.task} parameter is neither a task handle nor a task id`, {
      itemIndex: i,
      description:
        `Set ${LABELS.task} to the "task" field a Generate or Edit step returned with ` +
        `${LABELS.waitForCompletion} off (e.g. {{ $json.task }}), ` +
        'or to a task id such as the one an error message names.',
    });
  }
  return value;
}
