import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../provider/image-provider.js';
import { isTaskHandle, taskIdProblem, type TaskHandle } from '../provider/task.js';

/** Reject a handle that is malformed or belongs to another provider, before any request. */
export function checkTask(provider: ImageProvider, task: unknown): asserts task is TaskHandle {
  if (!isTaskHandle(task)) {
    throw new ImageGateError('INVALID_REQUEST', '"task" must be a task handle: { version: 1, provider, taskId, model, createdAt }.', {
      provider: provider.id,
      field: 'task',
      retryable: false,
    });
  }
  const badId = taskIdProblem(task.taskId);
  if (badId) {
    throw new ImageGateError('BAD_RESPONSE', `The task handle's "taskId" cannot be polled: ${badId}. It did not come from ${provider.name} as it is.`, {
      provider: provider.id,
      field: 'task.taskId',
      retryable: false,
    });
  }
  if (task.provider !== provider.id) {
    throw new ImageGateError('INVALID_REQUEST', `Task ${task.taskId} belongs to provider "${task.provider}", not "${provider.id}".`, {
      provider: provider.id,
      field: 'task.provider',
      taskId: task.taskId,
      retryable: false,
    });
  }
  if (!provider.getTask) {
    throw new ImageGateError('UNSUPPORTED', `${provider.name} has no asynchronous tasks to wait for.`, { provider: provider.id, retryable: false });
  }
}
