import type { ProgressEvent } from '@imagegate/core';
import type { IExecuteFunctions } from 'n8n-workflow';
import { howToCollect, type FailureContext } from './describe-failure.js';

/**
 * Writes each task the vendor took to n8n's log the moment its answer is
 * read. n8n keeps no run data of a node until the node ends: if the process
 * dies while the node waits (a worker killed in queue mode), the node's
 * output never exists, and this line is where the paid-for task can still be
 * found and collected by its id.
 */
export function logSubmittedTask(
  fns: IExecuteFunctions,
  itemIndex: number,
  collect: Pick<FailureContext, 'providerName' | 'choosesProvider'>,
): (event: ProgressEvent) => void {
  return (event) => {
    const task = event.task;
    if (event.state !== 'submitted' || !task) return;
    const executionId = fns.getExecutionId();
    const node = fns.getNode().name;
    fns.logger.info(
      `ImageGate: ${task.provider} task ${task.taskId} submitted ` +
        `(model ${task.model}, item ${itemIndex}, node "${node}", execution ${executionId}). ` +
        `If this execution is lost, ${howToCollect(task.taskId, `"${node}"`, collect)}.`,
      {
        executionId,
        workflowId: fns.getWorkflow().id,
        node,
        itemIndex,
        provider: task.provider,
        model: task.model,
        taskId: task.taskId,
        createdAt: task.createdAt,
      },
    );
  };
}
