import type { ProgressEvent } from '@imagegate/core';
import type { IExecuteFunctions } from 'n8n-workflow';
import { howToCollect } from './describe-failure.js';

/**
 * Writes each task the vendor took to n8n's log the moment it exists. n8n
 * keeps nothing a node writes while it runs: if the process dies while the
 * node waits (a worker killed in queue mode), the execution ends with no run
 * data, and this line is where the paid-for task can still be found and
 * collected by its id.
 */
export function logSubmittedTask(fns: IExecuteFunctions, itemIndex: number): (event: ProgressEvent) => void {
  return (event) => {
    const task = event.task;
    if (event.state !== 'submitted' || !task) return;
    const executionId = fns.getExecutionId();
    const node = fns.getNode().name;
    fns.logger.info(
      `ImageGate: ${task.provider} task ${task.taskId} submitted (model ${task.model}, item ${itemIndex}, node "${node}", execution ${executionId}). ` +
        `If this execution is lost, ${howToCollect(task.taskId)}.`,
      { executionId, workflowId: fns.getWorkflow().id, node, itemIndex, provider: task.provider, model: task.model, taskId: task.taskId, createdAt: task.createdAt },
    );
  };
}
