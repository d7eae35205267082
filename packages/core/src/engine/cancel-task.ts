import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../authoring/image-provider.js';
import { resolveModel } from '../manifest/resolve-model.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { TaskHandle } from '../spec/task-handle.js';
import { checkRunOptions } from './check-run-options.js';
import type { RunOptions } from './options.js';
import { RunContext } from './run-context.js';
import { checkTask } from './check-task.js';
import { traced, type CallTrace } from './trace-call.js';

/** How long a cancel after the caller's abort may take: the caller is no longer waiting. */
const CANCEL_AFTER_ABORT_MS = 10_000;

/** Options of {@link cancelTask}. */
export interface CancelTaskOptions extends Pick<
  RunOptions,
  'signal' | 'timeoutMs' | 'maxRetries' | 'sleep' | 'now' | 'onRetry' | 'telemetry'
> {
  provider: ImageProvider;
  /** The handle from `submitImage`, an error's `task`, or a workflow item. */
  task: TaskHandle;
}

/**
 * Ask the vendor to stop a submitted task, so it makes (and bills) no more.
 * Resolves once the vendor accepted. UNSUPPORTED when the model declares no
 * `cancel` (the task then runs to its end; collect it with `waitForTask`).
 *
 * @example
 * await cancelTask({ provider, task: error.task });
 */
export async function cancelTask(options: CancelTaskOptions): Promise<void> {
  checkRunOptions(options, 'cancelTask');
  return traced(options, 'cancelTask', (trace) => cancel(options, trace));
}

async function cancel(options: CancelTaskOptions, trace: CallTrace): Promise<void> {
  const { provider, task } = options;
  checkTask(provider, task);
  trace.request(provider.id, task.model, task);
  if (!provider.cancelTask || !resolveModel(provider, task.model)?.cancel) {
    throw new ImageGateError(
      'UNSUPPORTED',
      `${provider.name} cannot cancel ${task.model} tasks; ` +
        `task ${task.taskId} runs to its end (collect it with waitForTask).`,
      {
        provider: provider.id,
        model: task.model,
        taskId: task.taskId,
        task,
        field: 'task',
        retryable: false,
      },
    );
  }
  const run = new RunContext(options, provider.id, task.model, trace);
  run.trace.sent('cancel');
  try {
    await run.race(provider.cancelTask(task, run.providerContext()));
  } catch (error) {
    throw run.fail(error, task);
  }
}

/**
 * After the caller aborted a wait: cancel the task at the vendor where the
 * model can (unless `cancelOnAbort: false`), and say on the error what came
 * of it. Any other error (TIMEOUT included: the task stays resumable) is
 * returned as it is.
 */
export async function cancelAfterAbort(
  run: RunContext,
  provider: ImageProvider,
  model: ModelSpec | undefined,
  task: TaskHandle | undefined,
  error: ImageGateError,
): Promise<ImageGateError> {
  if (!task || error.code !== 'ABORTED' || !run.options.signal?.aborted || run.options.cancelOnAbort === false)
    return error;
  if (!provider.cancelTask || !model?.cancel) return error;
  run.trace.sent('cancel');
  try {
    // The caller's signal has fired, so the cancel gets a short deadline of its own.
    await provider.cancelTask(task, { ...run.providerContext(), signal: AbortSignal.timeout(CANCEL_AFTER_ABORT_MS) });
    return error.with({ message: `${error.message} Task ${task.taskId} was canceled at ${provider.name}.` });
  } catch (cancelError) {
    const reason = cancelError instanceof Error ? cancelError.message : String(cancelError);
    return error.with({
      message:
        `${error.message} Canceling task ${task.taskId} at ${provider.name} failed (${reason}); ` +
        'it may still run: cancel or collect it with its handle.',
    });
  }
}
