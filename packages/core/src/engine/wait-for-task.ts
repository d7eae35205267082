import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../provider/image-provider.js';
import type { ProviderImage, Usage } from '../provider/provider-image.js';
import { isTaskHandle, taskIdProblem, type TaskHandle, type TaskStatus } from '../provider/task.js';
import { checkRunOptions } from './check-run-options.js';
import type { GenerateResult, GeneratedImage, RemoteImage, RunOptions } from './options.js';
import { finishImages } from './finish-images.js';
import { PollSchedule } from './poll-schedule.js';
import { RunContext } from './run-context.js';

/** Options of {@link waitForTask}. */
export interface WaitForTaskOptions extends RunOptions {
  provider: ImageProvider;
  /** The handle from `submitImage` (or from a workflow item). */
  task: TaskHandle;
}

/**
 * Wait for a submitted task: poll adaptively until it succeeds, fails or the
 * deadline passes (TIMEOUT carrying the task, to resume later), then download
 * its images.
 */
export function waitForTask(options: WaitForTaskOptions & { download: false }): Promise<GenerateResult<GeneratedImage | RemoteImage>>;
export function waitForTask(options: WaitForTaskOptions): Promise<GenerateResult>;
export async function waitForTask(options: WaitForTaskOptions): Promise<GenerateResult<GeneratedImage | RemoteImage>> {
  checkRunOptions(options, 'waitForTask');
  const { provider, task } = options;
  checkTask(provider, task);
  const run = new RunContext(options, provider.id, task.model);
  try {
    const outcome = await pollUntilDone(run, provider, task, { firstPollNow: true });
    const model = provider.models.find((m) => m.id === task.model) ?? provider.describeModel?.(task.model);
    const { images, extraImages } = await run.race(finishImages(run, provider, outcome.images, { task, limit: model?.maxImagesPerCall }));
    return {
      images,
      ...(extraImages.length > 0 ? { extraImages } : {}),
      warnings: [...run.warnings, ...(outcome.warnings ?? [])],
      usage: outcome.usage,
      tasks: [task],
      provider: provider.id,
      model: task.model,
      timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
    };
  } catch (error) {
    throw run.fail(error, task);
  }
}

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

/** The end of a successful task. */
export interface TaskOutcome {
  images: ProviderImage[];
  usage?: Usage;
  warnings?: string[];
}

/**
 * The polling loop. Sleeps are abortable and clamped to the deadline; one last
 * poll runs at the deadline before giving up, so a task that finished just in
 * time is not reported as timed out. Polls are free and idempotent: a poll
 * that fails for a passing reason (rate limit, network, 5xx, even after the
 * HTTP client's own retries) is tried again with backoff until the deadline,
 * which then ends in TIMEOUT carrying the task, never in losing it.
 */
export async function pollUntilDone(run: RunContext, provider: ImageProvider, task: TaskHandle, opts: { firstPollNow?: boolean } = {}): Promise<TaskOutcome> {
  const model = provider.models.find((m) => m.id === task.model) ?? provider.describeModel?.(task.model);
  const schedule = new PollSchedule(model?.polling, run.options.poll, task.createdAt);
  const ctx = run.providerContext();
  let delay = opts.firstPollNow ? 0 : schedule.initialDelay();
  let lastFailure: ImageGateError | undefined;
  for (let attempt = 1; ; attempt++) {
    const remaining = run.remainingMs();
    if (remaining <= 0 && attempt > 1) throw run.timeoutError(task, lastFailure);
    const wait = Math.min(delay, Math.max(0, remaining));
    if (wait > 0) await ctx.sleep(wait, ctx.signal);
    let status: TaskStatus;
    try {
      status = await run.race(provider.getTask!(task, ctx));
    } catch (error) {
      const failure = run.fail(error, task);
      if (ctx.signal.aborted || !failure.retryable) throw failure;
      lastFailure = failure;
      delay = schedule.afterFailure(failure.retryAfterMs);
      continue;
    }
    lastFailure = undefined;
    switch (status?.state) {
      case 'succeeded':
        run.progress({ state: 'succeeded', progress: 100, attempt, taskId: task.taskId });
        return status;
      case 'failed':
        run.progress({ state: 'failed', attempt, taskId: task.taskId });
        throw ImageGateError.is(status.error)
          ? status.error
          : new ImageGateError('TASK_FAILED', `${provider.name} reported task ${task.taskId} failed, without a reason.`, { provider: provider.id, model: task.model, taskId: task.taskId, task, retryable: false });
      case 'queued':
      case 'running':
        run.progress({ state: status.state, progress: status.progress, attempt, taskId: task.taskId });
        if (run.remainingMs() <= 0) throw run.timeoutError(task);
        delay = schedule.nextDelay(run.now(), status.progress, status.retryAfterMs);
        break;
      default:
        throw new ImageGateError('BAD_RESPONSE', `${provider.name} reported an unknown task state.`, { provider: provider.id, taskId: task.taskId, task, retryable: false });
    }
  }
}
