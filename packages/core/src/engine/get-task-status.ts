import type { ImageProvider } from '../authoring/image-provider.js';
import type { TaskStatus } from '../authoring/task-status.js';
import { scrubText } from '../errors/redact.js';
import { pollingHintsOf } from '../manifest/polling-hints.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { VendorImage } from '../spec/vendor-image.js';
import { checkRunOptions } from './check-run-options.js';
import { checkTask } from './check-task.js';
import { checkedStatus } from './checked-status.js';
import type { RunOptions } from './options.js';
import { nextCheckDelay } from './poll-schedule.js';
import { RunContext } from './run-context.js';
import { traced, type CallTrace } from './trace-call.js';

/** Options of {@link getTaskStatus}. */
export interface GetTaskStatusOptions extends Pick<
  RunOptions,
  'signal' | 'timeoutMs' | 'maxRetries' | 'sleep' | 'now' | 'onRetry' | 'telemetry'
> {
  provider: ImageProvider;
  task: TaskHandle;
}

/** A task's status as one check saw it; a task still queued or running also says when to check again. */
export type TaskCheck = TaskStatus & {
  /**
   * For a task still queued or running: when to check again, ms (see
   * {@link nextCheckDelay}): the vendor's hint, the progress so far, the
   * model's typical duration.
   */
  nextCheckMs?: number;
};

/**
 * Poll a task once. A succeeded status carries the provider's images as they
 * came (bytes or URLs); use `waitForTask` to get downloaded, checked images.
 * A task still queued or running comes with `nextCheckMs`, for hosts that
 * check once and come back later instead of waiting.
 */
export async function getTaskStatus(options: GetTaskStatusOptions): Promise<TaskCheck> {
  checkRunOptions(options, 'getTaskStatus');
  return traced(options, 'getTaskStatus', (trace) => check(options, trace));
}

async function check(options: GetTaskStatusOptions, trace: CallTrace): Promise<TaskCheck> {
  const { provider, task } = options;
  checkTask(provider, task);
  trace.request(provider.id, task.model, task);
  const run = new RunContext(options, provider.id, task.model, trace);
  let status: TaskStatus;
  run.trace.sent('poll');
  try {
    // Checked like every poll: another task's status, or a success without images, is refused.
    status = checkedStatus(provider, task, await run.race(provider.getTask!(task, run.providerContext())));
  } catch (error) {
    throw run.fail(error, task);
  }
  if (status.state === 'succeeded') return shownStatus(status);
  if (status.state !== 'queued' && status.state !== 'running') return status;
  const now = run.now();
  return {
    ...status,
    nextCheckMs: nextCheckDelay(pollingHintsOf(provider, task.model), {
      createdAt: task.createdAt,
      now,
      progress: status.progress,
      retryAfterMs: status.retryAfterMs,
    }),
  };
}

/**
 * A succeeded status as handed out: its URLs, revised prompts and warnings
 * are vendor text and are redacted like every message (a URL that carries
 * the key then no longer downloads: such an answer is the vendor's fault).
 */
function shownStatus(status: Extract<TaskStatus, { state: 'succeeded' }>): TaskCheck {
  const images = status.images.map((image) => ({
    ...image,
    ...(image.url !== undefined ? { url: scrubText(image.url) } : {}),
    ...(image.revisedPrompt !== undefined ? { revisedPrompt: scrubText(image.revisedPrompt) } : {}),
  })) as VendorImage[];
  return {
    ...status,
    images,
    ...(status.warnings ? { warnings: status.warnings.map((w) => scrubText(String(w))) } : {}),
  };
}
