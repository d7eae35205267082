import type { ImageProvider } from '../provider/image-provider.js';
import type { TaskHandle, TaskStatus } from '../provider/task.js';
import type { RunOptions } from './options.js';
import { checkRunOptions } from './check-run-options.js';
import { RunContext } from './run-context.js';
import { checkTask } from './check-task.js';

/** Options of {@link getTaskStatus}. */
export interface GetTaskStatusOptions extends Pick<RunOptions, 'signal' | 'timeoutMs' | 'maxRetries' | 'sleep' | 'now' | 'onRetry'> {
  provider: ImageProvider;
  task: TaskHandle;
}

/**
 * Poll a task once. A succeeded status carries the provider's images as they
 * came (bytes or URLs); use `waitForTask` to get downloaded, checked images.
 */
export async function getTaskStatus(options: GetTaskStatusOptions): Promise<TaskStatus> {
  checkRunOptions(options, 'getTaskStatus');
  const { provider, task } = options;
  checkTask(provider, task);
  const run = new RunContext(options, provider.id, task.model);
  try {
    return await run.race(provider.getTask!(task, run.providerContext()));
  } catch (error) {
    throw run.fail(error, task);
  }
}
