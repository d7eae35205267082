import type { ImageProvider } from '../authoring/image-provider.js';
import { taskStatusProblem, type TaskStatus } from '../authoring/task-status.js';
import { typeName } from '../errors/describe-value.js';
import { ImageGateError } from '../errors/image-gate-error.js';
import { pollingHints } from '../manifest/polling-hints.js';
import { resolveModel } from '../manifest/resolve-model.js';
import type { ModelSpec, PollingHints } from '../spec/model-spec.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { Usage, VendorImage } from '../spec/vendor-image.js';
import { cancelAfterAbort } from './cancel-task.js';
import { checkRunOptions } from './check-run-options.js';
import { checkTask } from './check-task.js';
import { costOf } from './cost.js';
import { checkedStatus } from './checked-status.js';
import { finishImages } from './finish-images.js';
import type { RunOptions } from './options.js';
import { FINAL_COLLECT_MS, FINAL_POLL_MS, PollSchedule } from './poll-schedule.js';
import type { GenerateResult, GeneratedImage, ImageDownload, RemoteImage, StoredImage } from './results.js';
import { RunContext } from './run-context.js';
import { traced, type CallTrace } from './trace-call.js';
import { callUsage } from './usage.js';

/** Options of {@link waitForTask}. */
export interface WaitForTaskOptions extends RunOptions {
  provider: ImageProvider;
  /** The handle from `submitImage` (or from a workflow item). */
  task: TaskHandle;
  /**
   * What a check of this task just saw (`getTaskStatus`'s answer): a finished
   * task is then collected from it (its images downloaded, its failure
   * thrown) without polling the vendor again; one still under way is polled
   * as usual, from the schedule's next delay.
   */
  status?: TaskStatus;
}

/**
 * Wait for a submitted task: poll adaptively until it succeeds, fails or the
 * deadline passes (TIMEOUT carrying the task, to resume later), then download
 * its images.
 */
export function waitForTask(
  options: WaitForTaskOptions & { download: false },
): Promise<GenerateResult<GeneratedImage | RemoteImage>>;
export function waitForTask<Stored>(
  options: WaitForTaskOptions & { saveImage: (image: ImageDownload) => Promise<Stored> },
): Promise<GenerateResult<GeneratedImage | StoredImage<Stored>>>;
export function waitForTask(options: WaitForTaskOptions): Promise<GenerateResult>;
export async function waitForTask(
  options: WaitForTaskOptions,
): Promise<GenerateResult<GeneratedImage | RemoteImage | StoredImage>> {
  checkRunOptions(options, 'waitForTask');
  return traced(options, 'waitForTask', (trace) => wait(options, trace));
}

async function wait(
  options: WaitForTaskOptions,
  trace: CallTrace,
): Promise<GenerateResult<GeneratedImage | RemoteImage | StoredImage>> {
  const { provider, task, status } = options;
  checkTask(provider, task);
  checkStatus(status);
  trace.request(provider.id, task.model, task);
  const run = new RunContext(options, provider.id, task.model, trace);
  // Once the vendor reported the task finished there is nothing left to cancel.
  let finished = false;
  // The task's model, resolved once (in the try: a provider's describeModel may throw).
  let model: ModelSpec | undefined;
  try {
    model = resolveModel(provider, task.model);
    const outcome = await pollUntilDone(run, provider, task, pollingHints(provider, model), {
      firstPollNow: true,
      seen: status,
    });
    finished = true;
    const { images, extraImages } = await run.race(
      finishImages(run, provider, outcome.images, { task, limit: model?.maxImagesPerCall }),
    );
    // What the task was asked to make comes with its handle (core fills it at the submit; older handles lack it).
    const usage = model ? callUsage(model, task.request, outcome.usage, images.length + extraImages.length) : undefined;
    const cost = model ? costOf(options, model, usage, run.now()) : undefined;
    return {
      images,
      ...(extraImages.length > 0 ? { extraImages } : {}),
      warnings: collected(run, outcome.warnings),
      ...(usage ? { usage } : {}),
      ...(cost ? { cost } : {}),
      tasks: [task],
      provider: provider.id,
      model: task.model,
      timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
    };
  } catch (error) {
    throw await cancelAfterAbort(run, provider, model, finished ? undefined : task, run.fail(error, task));
  }
}

/** The run's warnings with the task's own, scrubbed like every warning (vendor text). */
function collected(run: RunContext, warnings: unknown): string[] {
  if (Array.isArray(warnings)) for (const warning of warnings) run.warn(String(warning));
  return run.warnings;
}

/**
 * A `status` given to waitForTask must be a task status (as getTaskStatus answers), every field checked, before
 * anything is sent.
 */
function checkStatus(status: unknown): asserts status is TaskStatus | undefined {
  if (status === undefined) return;
  const problem = taskStatusProblem(status);
  if (!problem) return;
  throw new ImageGateError(
    'INVALID_REQUEST',
    '"status" must be a task status as getTaskStatus answers it ' +
      '(queued, running, succeeded with its images, failed or canceled): ' +
      `"${problem.field}" is wrong, ${problem.problem}; got ${typeName(status)}.`,
    { field: problem.field, retryable: false },
  );
}

/** The end of a successful task. */
export interface TaskOutcome {
  images: VendorImage[];
  usage?: Usage;
  warnings?: string[];
}

/**
 * The polling loop. Sleeps are abortable and clamped to the deadline; one last
 * poll runs at the deadline before giving up, with a budget of its own
 * ({@link FINAL_POLL_MS}; a task it finds finished then has
 * {@link FINAL_COLLECT_MS} more to be downloaded), so a task that finished
 * just in time is collected rather than reported as timed out. Polls are free
 * and idempotent: a poll that fails for a passing reason (rate limit,
 * network, 5xx, even after the HTTP client's own retries) is tried again with
 * backoff until the deadline, which then ends in TIMEOUT carrying the task,
 * never in losing it.
 */
export async function pollUntilDone(
  run: RunContext,
  provider: ImageProvider,
  task: TaskHandle,
  hints: PollingHints | undefined,
  opts: { firstPollNow?: boolean; seen?: TaskStatus } = {},
): Promise<TaskOutcome> {
  const schedule = new PollSchedule(hints, run.options.poll, task.createdAt);
  let ctx = run.providerContext();
  let delay = opts.firstPollNow ? 0 : schedule.initialDelay();
  let lastFailure: ImageGateError | undefined;
  // A status the caller already has stands for the first poll.
  let seen: unknown = opts.seen;
  const seenBefore = seen !== undefined;
  for (let attempt = 1; ; attempt++) {
    let status: TaskStatus;
    if (seen !== undefined) {
      status = checkedStatus(provider, task, seen);
      seen = undefined;
    } else {
      const remaining = run.remainingMs();
      if (remaining <= 0 && attempt > 1) throw run.timeoutError(task, lastFailure);
      // The last poll (no other could come before the deadline) falls on the deadline and gets a
      // budget of its own past it; if the poll before was less than the minimum gap ago, that one was the last.
      const gap = attempt > 1 || seenBefore ? schedule.minimumGap : 0;
      const last = delay + schedule.minimumGap > remaining;
      if (last && remaining < gap) {
        await ctx.sleep(remaining, ctx.signal);
        throw run.timeoutError(task, lastFailure);
      }
      const wait = last ? Math.min(delay, remaining) : delay;
      if (last) {
        run.extendDeadline(FINAL_POLL_MS);
        ctx = run.providerContext();
      }
      if (wait > 0) await ctx.sleep(wait, ctx.signal);
      run.trace.sent('poll');
      try {
        status = checkedStatus(provider, task, await run.race(provider.getTask!(task, ctx)));
      } catch (error) {
        const failure = run.fail(error, task);
        if (ctx.signal.aborted || !failure.retryable) throw failure;
        lastFailure = failure;
        delay = schedule.afterFailure(failure.retryAfterMs);
        continue;
      }
      // Found finished by a poll at or past the deadline: its images get a while to download.
      if (last && status.state === 'succeeded' && run.remainingMs() <= 0) run.extendDeadline(FINAL_COLLECT_MS);
    }
    lastFailure = undefined;
    switch (status.state) {
      case 'succeeded':
        run.progress({ state: 'succeeded', progress: 100, attempt, taskId: task.taskId });
        return status;
      case 'failed':
        run.progress({ state: 'failed', attempt, taskId: task.taskId });
        throw ImageGateError.is(status.error)
          ? status.error
          : new ImageGateError(
              'TASK_FAILED',
              `${provider.name} reported task ${task.taskId} failed, without a reason.`,
              { provider: provider.id, model: task.model, taskId: task.taskId, task, retryable: false },
            );
      case 'canceled':
        run.progress({ state: 'canceled', attempt, taskId: task.taskId });
        throw new ImageGateError(
          'TASK_FAILED',
          `${provider.name} task ${task.taskId} was canceled; it makes no images.`,
          {
            provider: provider.id,
            model: task.model,
            taskId: task.taskId,
            task,
            vendorCode: 'canceled',
            retryable: false,
          },
        );
      case 'queued':
      case 'running':
        run.progress({ state: status.state, progress: status.progress, attempt, taskId: task.taskId });
        if (run.remainingMs() <= 0) throw run.timeoutError(task);
        delay = schedule.nextDelay(run.now(), status.progress, status.retryAfterMs);
        break;
    }
  }
}
