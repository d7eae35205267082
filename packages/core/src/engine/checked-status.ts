import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../authoring/image-provider.js';
import { taskStatusProblem, type TaskStatus } from '../authoring/task-status.js';
import type { TaskHandle } from '../spec/task-handle.js';

/**
 * A task status as the engine acts on it, whoever gave it: a provider's poll,
 * or a caller handing back what an earlier check saw (from workflow data).
 * A status that cannot be read, one that names another task, or a success
 * without images is BAD_RESPONSE carrying the task (never zero images, never
 * another job's images); progress is clamped to 0–100.
 */
export function checkedStatus(provider: ImageProvider, task: TaskHandle, status: unknown): TaskStatus {
  const fail = (why: string) =>
    new ImageGateError('BAD_RESPONSE', `${provider.name} reported task ${task.taskId} with ${why}.`, {
      provider: provider.id,
      model: task.model,
      taskId: task.taskId,
      task,
      retryable: false,
    });
  const problem = taskStatusProblem(status);
  if (problem) throw fail(`a status that cannot be read ("${problem.field}": ${problem.problem})`);
  const seen = status as TaskStatus;
  if (seen.taskId !== undefined && seen.taskId !== task.taskId)
    throw fail(`the status of another task (${seen.taskId}); it was not taken as this task's`);
  if (seen.state === 'succeeded' && seen.images.length === 0) throw noImages(provider, task.model, task);
  if ((seen.state === 'queued' || seen.state === 'running') && seen.progress !== undefined) {
    return { ...seen, progress: Math.min(100, Math.max(0, seen.progress)) };
  }
  return seen;
}

/** BAD_RESPONSE for an answer that says it succeeded but holds no image: the same on every path. */
export function noImages(provider: ImageProvider, model: string, task?: TaskHandle): ImageGateError {
  return new ImageGateError('BAD_RESPONSE', `${provider.name} answered without any image.`, {
    provider: provider.id,
    model,
    taskId: task?.taskId,
    task,
    retryable: false,
  });
}
