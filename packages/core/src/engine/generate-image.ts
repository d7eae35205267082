import type { ImageProvider, SubmitResult } from '../authoring/image-provider.js';
import { ImageGateError } from '../errors/image-gate-error.js';
import { interruptedError, NOT_RESUBMITTED } from '../errors/interrupted.js';
import { pollingHints } from '../manifest/polling-hints.js';
import { madeBy } from '../manifest/price-of.js';
import type { ImageRequest } from '../spec/image-request.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { isTaskHandle, type TaskHandle } from '../spec/task-handle.js';
import type { Usage } from '../spec/vendor-image.js';
import { cancelAfterAbort } from './cancel-task.js';
import { checkRunOptions } from './check-run-options.js';
import { checkBudget, costOf } from './cost.js';
import { taskIdProblem, taskUrlProblem } from './check-task.js';
import { noImages } from './checked-status.js';
import { mapSettled } from './concurrency.js';
import { finishImages, type FinishedImage } from './finish-images.js';
import { inlineImageSink } from './inline-saves.js';
import type { GenerateImageOptions } from './options.js';
import { prepareRequest } from './prepare-request.js';
import type { GenerateResult, GeneratedImage, ImageDownload, RemoteImage, StoredImage } from './results.js';
import { RunContext } from './run-context.js';
import { traced, type CallTrace } from './trace-call.js';
import { callUsage, sumUsage } from './usage.js';
import { pollUntilDone } from './wait-for-task.js';

/**
 * Generate (or edit) images: validate, fan `n` out over the model's per-call
 * limit into bounded concurrent calls, submit, wait for tasks, download URL
 * results, and merge.
 *
 * @example
 * const { images } = await generateImage({
 *   provider: createGptProto({ apiKey }),
 *   model: 'gpt-image-2',
 *   prompt: 'a cat',
 *   n: 2,
 * });
 * images[0].mimeType; // 'image/png'
 */
export function generateImage<M extends string>(
  options: GenerateImageOptions<M> & { download: false },
): Promise<GenerateResult<GeneratedImage | RemoteImage>>;
export function generateImage<M extends string, Stored>(
  options: GenerateImageOptions<M> & { saveImage: (image: ImageDownload) => Promise<Stored> },
): Promise<GenerateResult<GeneratedImage | StoredImage<Stored>>>;
export function generateImage<M extends string>(options: GenerateImageOptions<M>): Promise<GenerateResult>;
export async function generateImage(
  options: GenerateImageOptions,
): Promise<GenerateResult<GeneratedImage | RemoteImage | StoredImage>> {
  checkRunOptions(options, 'generateImage');
  return traced(options, 'generateImage', (trace) => generate(options, trace));
}

async function generate(
  options: GenerateImageOptions,
  trace: CallTrace,
): Promise<GenerateResult<GeneratedImage | RemoteImage | StoredImage>> {
  const provider: ImageProvider = options.provider;
  const prepared = prepareRequest(options);
  trace.request(provider.id, prepared.model.id, prepared.request);
  checkBudget(options, prepared);
  const run = new RunContext(options, provider.id, prepared.model.id, trace);
  prepared.warnings.forEach((w) => run.warn(w));
  const tasks: TaskHandle[] = [];
  try {
    const settled = await mapSettled(prepared.calls, options.concurrency ?? 4, (call) =>
      callOnce(run, provider, prepared.model, call, tasks),
    );
    const done = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const failures = settled.filter((r) => r.status === 'rejected').map((r) => run.fail(r.reason));
    if (done.length === 0) throw failures[0]!;
    if (failures.length > 0) {
      const lost = failures.length;
      run.warn(
        `${lost} of ${prepared.calls.length} vendor calls failed (${failures[0]!.code}: ${failures[0]!.message}); ` +
          'returning the images that succeeded.',
      );
    }
    const extraImages = done.flatMap((d) => d.extraImages);
    const usage = sumUsage(done.map((d) => d.usage))!;
    const cost = costOf(options, prepared.model, usage, run.now());
    return {
      images: done.flatMap((d) => d.images),
      ...(extraImages.length > 0 ? { extraImages } : {}),
      warnings: run.warnings,
      usage,
      ...(cost ? { cost } : {}),
      tasks,
      provider: provider.id,
      model: prepared.model.id,
      timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
    };
  } catch (error) {
    throw withTasks(run.fail(error), tasks);
  }
}

/**
 * The error with every task this call submitted (`tasks`), so none is lost
 * whichever call's failure is reported; with any, retrying the call would
 * pay for them again, so it is not retryable.
 */
function withTasks(error: ImageGateError, tasks: readonly TaskHandle[]): ImageGateError {
  return tasks.length === 0 ? error : error.with({ tasks: [...tasks], retryable: false });
}

/**
 * One vendor call from submit to finished images. Every failure after the
 * submit carries the call's task (when the vendor named its job) and is not
 * retryable: the job was taken and paid for, so trying the same call again
 * would pay again; collect the task instead.
 */
async function callOnce(
  run: RunContext,
  provider: ImageProvider,
  model: ModelSpec,
  request: ImageRequest,
  tasks: TaskHandle[],
): Promise<{ images: FinishedImage[]; extraImages: RemoteImage[]; usage: Usage }> {
  let task: TaskHandle | undefined;
  let submitted = false;
  // Once the vendor reported the job finished there is nothing left to cancel.
  let finished = false;
  try {
    const answer = await submitOnce(run, provider, model, request, tasks);
    submitted = true;
    task = answer.task;
    const outcome =
      answer.type === 'task' ? await pollUntilDone(run, provider, answer.task, pollingHints(provider, model)) : answer;
    finished = true;
    if (answer.type === 'task') warnAll(run, outcome.warnings);
    const done = await run.race(finishImages(run, provider, outcome.images, { task, limit: request.n ?? 1 }));
    return { ...done, usage: callUsage(model, request, outcome.usage, done.images.length + done.extraImages.length) };
  } catch (error) {
    // Normalised now, while the signal's state still says what caused it.
    const failure = run.fail(error, task);
    throw await cancelAfterAbort(
      run,
      provider,
      model,
      finished ? undefined : task,
      submitted ? run.paidFor(failure, task) : failure,
    );
  }
}

/**
 * Submit one call and report it, handing the provider the request's resolved
 * `model` (so it is not looked up again). Shared with `submitImage`. What the provider
 * answers is checked before it is trusted: a task id that cannot be polled
 * safely is BAD_RESPONSE (the vendor took the job, so it says so). Every job
 * the vendor named goes into `tasks` before anything else can fail: a task
 * to poll, the job behind images answered at once, and the job a provider
 * names on an error it threw after reading the vendor's answer.
 */
export async function submitOnce(
  run: RunContext,
  provider: ImageProvider,
  model: ModelSpec,
  request: ImageRequest,
  tasks: TaskHandle[],
): Promise<SubmitResult> {
  // Past the deadline or after an abort, nothing more is submitted (and paid for).
  if (run.signal.aborted) throw interruptedError(run.signal, false, { provider: provider.id, model: request.model });
  if (run.remainingMs() <= 0) throw run.timeoutError();
  const bad = (why: string, taskId?: string) =>
    new ImageGateError('BAD_RESPONSE', `${provider.name} answered the submit with ${why}. ${NOT_RESUBMITTED}`, {
      provider: provider.id,
      model: request.model,
      taskId,
      retryable: false,
      maybeBilled: true,
    });
  /** Keep a job the vendor named, once its handle is known to be safe to poll. */
  const keep = (task: unknown): TaskHandle => {
    if (!isTaskHandle(task)) throw bad('a task handle of the wrong shape');
    if (task.provider !== provider.id) throw bad(`a task handle of another provider ("${task.provider}")`);
    const problem = taskIdProblem(task.taskId);
    if (problem) throw bad(`a task id that cannot be polled (${problem})`, task.taskId);
    for (const name of ['pollUrl', 'cancelUrl'] as const) {
      const why = taskUrlProblem(provider, task[name]);
      if (!why) continue;
      // The job is paid for: it is kept (and named on the error) without the URL the key may not go to.
      const { pollUrl: _poll, cancelUrl: _cancel, ...safe } = task;
      if (!tasks.some((t) => t.taskId === safe.taskId)) tasks.push(safe);
      throw bad(`a ${name} that ${why}`, task.taskId).with({ task: safe });
    }
    const kept = withRequest(task, model, request);
    if (!tasks.includes(kept)) tasks.push(kept);
    return kept;
  };
  let result: SubmitResult;
  run.trace.sent('submit');
  try {
    result = await run.race(
      provider.submit(request, { ...run.providerContext(), model, imageSink: inlineImageSink(run) }),
    );
  } catch (error) {
    // The race gave up on a submit still running: the vendor may have the job already.
    // (Core's HTTP client says itself whether its request was on the wire.)
    if (run.signal.aborted && !ImageGateError.is(error))
      throw interruptedError(run.signal, true, { provider: provider.id, model: request.model }, error);
    // The provider read the job's id before it failed: the job is the caller's, and paid for.
    if (ImageGateError.is(error) && error.task !== undefined) {
      const task = keep(error.task);
      throw error.with({ task, taskId: task.taskId, retryable: false, maybeBilled: true });
    }
    throw error;
  }
  if (result?.type === 'task') result = { ...result, task: keep(result.task) };
  else if (result?.type !== 'images' || !Array.isArray(result.images)) throw bad('neither images nor a task');
  else if (result.task !== undefined) result = { ...result, task: keep(result.task) };
  warnAll(run, result.warnings);
  const task = result.task;
  run.progress(
    task ? { state: 'submitted', attempt: 0, taskId: task.taskId, task } : { state: 'submitted', attempt: 0 },
  );
  // A success without any image is the vendor's bad answer, whichever entry (generateImage, submitImage) asked.
  // The vendor answered, so the call may be billed: it is not to be repeated as it is.
  if (result.type === 'images' && result.images.length === 0) {
    const error = noImages(provider, request.model, task);
    throw task ? error : error.with({ maybeBilled: true });
  }
  return result;
}

/**
 * The handle with what its task was asked to make (tier, size, quality), so a
 * later `waitForTask`, perhaps in another process, can price and report it;
 * a handle the provider already filled is kept as it is.
 */
function withRequest(task: TaskHandle, model: ModelSpec, request: ImageRequest): TaskHandle {
  if (task.request !== undefined) return task;
  const made = Object.fromEntries(Object.entries(madeBy(model, request)).filter(([, value]) => value !== undefined));
  return Object.keys(made).length > 0 ? { ...task, request: made } : task;
}

/** A provider's warnings, when it gave a list. */
function warnAll(run: RunContext, warnings: unknown): void {
  if (Array.isArray(warnings)) for (const warning of warnings) run.warn(String(warning));
}
