import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../provider/image-provider.js';
import { taskHandleProblem, taskIdProblem, type TaskHandle } from '../provider/task.js';

/** Reject a handle that is malformed or belongs to another provider, before any request. */
export function checkTask(provider: ImageProvider, task: unknown): asserts task is TaskHandle {
  const wrong = taskHandleProblem(task);
  if (wrong) {
    throw new ImageGateError('INVALID_REQUEST', `"task" must be a task handle: { version: 1, provider, taskId, model, createdAt }; "${wrong.field}" is wrong: ${wrong.problem}.`, {
      provider: provider.id,
      field: wrong.field,
      retryable: false,
    });
  }
  const handle = task as TaskHandle;
  const badId = taskIdProblem(handle.taskId);
  if (badId) {
    throw new ImageGateError('INVALID_REQUEST', `The task handle's "taskId" cannot be polled: ${badId}. It did not come from ${provider.name} as it is.`, {
      provider: provider.id,
      field: 'task.taskId',
      retryable: false,
    });
  }
  if (handle.provider !== provider.id) {
    throw new ImageGateError('INVALID_REQUEST', `Task ${handle.taskId} belongs to provider "${handle.provider}", not "${provider.id}".`, {
      provider: provider.id,
      field: 'task.provider',
      taskId: handle.taskId,
      retryable: false,
    });
  }
  if (!provider.getTask) {
    throw new ImageGateError('UNSUPPORTED', `${provider.name} has no asynchronous tasks to wait for.`, { provider: provider.id, retryable: false });
  }
}
