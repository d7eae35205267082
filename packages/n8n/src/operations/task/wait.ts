import { waitForTask, type TaskCheck, type TaskHandle } from '@imagegate/core';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readOutputOptions, readWaitOptions } from '../../fields/options-collection.js';
import { readTask } from '../../fields/task-parameter.js';
import { keepImages } from '../../shared/keep-images.js';
import { LABELS } from '../../shared/labels.js';
import type { RunShared } from '../../shared/run-shared.js';
import { toOutputItems } from '../../shared/to-output.js';
import type { NodeOperation } from '../operation.js';

/** Task → Wait for Completion: poll a submitted task until it finishes, then output its images. */
export const wait: NodeOperation = {
  resource: 'task',
  value: 'wait',
  name: LABELS.waitOperation,
  action: 'Wait for a task to complete',
  description: 'Poll a submitted task until it finishes, then return its images',
  shows: ['task', 'options'],
  execute: async (fns, shared, i) => collectTask(fns, shared, i, readTask(fns, i, shared.provider.id)),
};

/**
 * A task's images (or its failure, with the task), waiting as long as Max
 * Wait allows; `seen` is a status already read (Check Once's), so a finished
 * task is not polled again.
 */
export async function collectTask(
  fns: IExecuteFunctions,
  shared: RunShared,
  i: number,
  task: TaskHandle,
  seen?: TaskCheck,
): Promise<INodeExecutionData[]> {
  const output = readOutputOptions(fns, i);
  const result = await waitForTask({
    provider: shared.provider,
    task,
    status: seen,
    ...keepImages(fns, shared, output, task.model || shared.provider.id),
    ...shared.run,
    ...readWaitOptions(fns, i),
  });
  return toOutputItems(shared.store, { ...result, durationMs: result.timings.totalMs }, output, i);
}
