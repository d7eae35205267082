import { ImageGateError } from '../errors/image-gate-error.js';
import { interruptedError, NOT_RESUBMITTED } from '../errors/interrupted.js';
import type { ImageProvider, SubmitResult } from '../provider/image-provider.js';
import type { ImageDownload, ProviderImage, RemoteImage, StoredImage, Usage } from '../provider/provider-image.js';
import { isTaskHandle, taskIdProblem, type TaskHandle } from '../provider/task.js';
import type { ImageRequest } from '../request/image-request.js';
import { cancelAfterAbort } from './cancel-task.js';
import { checkRunOptions } from './check-run-options.js';
import { mapSettled } from './concurrency.js';
import { finishImages, type FinishedImage } from './finish-images.js';
import type { GenerateImageOptions, GenerateResult, GeneratedImage } from './options.js';
import { prepareRequest } from './prepare-request.js';
import { RunContext } from './run-context.js';
import { sumUsage } from './usage.js';
import { pollUntilDone } from './wait-for-task.js';

/**
 * Generate (or edit) images: validate, fan `n` out over the model's per-call
 * limit into bounded concurrent calls, submit, wait for tasks, download URL
 * results, and merge.
 *
 * @example
 * const { images } = await generateImage({ provider: createGptProto({ apiKey }), model: 'gpt-image-2', prompt: 'a cat', n: 2 });
 * images[0].mimeType; // 'image/png'
 */
export function generateImage<M extends string>(options: GenerateImageOptions<M> & { download: false }): Promise<GenerateResult<GeneratedImage | RemoteImage>>;
export function generateImage<M extends string, Stored>(options: GenerateImageOptions<M> & { saveImage: (image: ImageDownload) => Promise<Stored> }): Promise<GenerateResult<GeneratedImage | StoredImage<Stored>>>;
export function generateImage<M extends string>(options: GenerateImageOptions<M>): Promise<GenerateResult>;
export async function generateImage(options: GenerateImageOptions): Promise<GenerateResult<GeneratedImage | RemoteImage | StoredImage>> {
  checkRunOptions(options, 'generateImage');
  const provider: ImageProvider = options.provider;
  const prepared = prepareRequest(options);
  const run = new RunContext(options, provider.id, prepared.model.id);
  prepared.warnings.forEach((w) => run.warn(w));
  const tasks: TaskHandle[] = [];
  try {
    const settled = await mapSettled(prepared.calls, options.concurrency ?? 4, (call) => callOnce(run, provider, call, tasks));
    const done = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const failures = settled.filter((r) => r.status === 'rejected').map((r) => run.fail(r.reason));
    if (done.length === 0) throw failures[0]!;
    if (failures.length > 0) {
      const lost = failures.length;
      run.warn(`${lost} of ${prepared.calls.length} vendor calls failed (${failures[0]!.code}: ${failures[0]!.message}); returning the images that succeeded.`);
    }
    const extraImages = done.flatMap((d) => d.extraImages);
    return {
      images: done.flatMap((d) => d.images),
      ...(extraImages.length > 0 ? { extraImages } : {}),
      warnings: run.warnings,
      usage: sumUsage(done.map((d) => d.usage)),
      tasks,
      provider: provider.id,
      model: prepared.model.id,
      timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
    };
  } catch (error) {
    throw withTasks(run.fail(error), tasks);
  }
}

/** The error with every task this call submitted (`tasks`), so none is lost whichever call's failure is reported. */
function withTasks(error: ImageGateError, tasks: readonly TaskHandle[]): ImageGateError {
  return tasks.length === 0 ? error : error.with({ tasks: [...tasks] });
}

/**
 * One vendor call from submit to finished images. Every failure after the
 * submit carries the call's task, so a paid task can always be resumed.
 */
async function callOnce(
  run: RunContext,
  provider: ImageProvider,
  request: ImageRequest,
  tasks: TaskHandle[],
): Promise<{ images: FinishedImage[]; extraImages: RemoteImage[]; usage?: Usage }> {
  let task: TaskHandle | undefined;
  try {
    const submitted = await submitOnce(run, provider, request, tasks);
    task = submitted.type === 'task' ? submitted.task : undefined;
    const outcome: { images: ProviderImage[]; usage?: Usage; warnings?: string[] } = submitted.type === 'task' ? await pollUntilDone(run, provider, submitted.task) : submitted;
    if (!Array.isArray(outcome.images) || outcome.images.length === 0) throw noImages(provider, request.model, task);
    if (task) warnAll(run, outcome.warnings);
    const finished = await run.race(finishImages(run, provider, outcome.images, { task, limit: request.n ?? 1 }));
    return { ...finished, usage: outcome.usage };
  } catch (error) {
    // Normalised now, while the signal's state still says what caused it.
    throw await cancelAfterAbort(run, provider, task, run.fail(error, task));
  }
}

/**
 * Submit one call and report it. Shared with `submitImage`. What the provider
 * answers is checked before it is trusted: a task id that cannot be polled
 * safely is BAD_RESPONSE (the vendor took the job, so it says so).
 */
export async function submitOnce(run: RunContext, provider: ImageProvider, request: ImageRequest, tasks: TaskHandle[]): Promise<SubmitResult> {
  // Past the deadline or after an abort, nothing more is submitted (and paid for).
  if (run.signal.aborted) throw interruptedError(run.signal, false, { provider: provider.id, model: request.model });
  if (run.remainingMs() <= 0) throw run.timeoutError();
  let result: SubmitResult;
  try {
    result = await run.race(provider.submit(request, run.providerContext()));
  } catch (error) {
    // The race gave up on a submit still running: the vendor may have the job already.
    // (Core's HTTP client says itself whether its request was on the wire.)
    if (run.signal.aborted && !ImageGateError.is(error)) throw interruptedError(run.signal, true, { provider: provider.id, model: request.model }, error);
    throw error;
  }
  const bad = (why: string) =>
    new ImageGateError('BAD_RESPONSE', `${provider.name} answered the submit with ${why}. ${NOT_RESUBMITTED}`, {
      provider: provider.id,
      model: request.model,
      retryable: false,
      maybeBilled: true,
    });
  if (result?.type === 'task') {
    if (!isTaskHandle(result.task)) throw bad('a task handle of the wrong shape');
    const problem = taskIdProblem(result.task.taskId);
    if (problem) throw bad(`a task id that cannot be polled (${problem})`);
    // Recorded before anything else can fail, so the error that follows still names it.
    tasks.push(result.task);
  } else if (result?.type !== 'images' || !Array.isArray(result.images)) {
    throw bad('neither images nor a task');
  }
  warnAll(run, result.warnings);
  run.progress(result.type === 'task' ? { state: 'submitted', attempt: 0, taskId: result.task.taskId, task: result.task } : { state: 'submitted', attempt: 0 });
  return result;
}

/** A provider's warnings, when it gave a list. */
function warnAll(run: RunContext, warnings: unknown): void {
  if (Array.isArray(warnings)) for (const warning of warnings) run.warn(String(warning));
}

function noImages(provider: ImageProvider, model: string, task?: TaskHandle): ImageGateError {
  return new ImageGateError('BAD_RESPONSE', `${provider.name} answered without any image.`, { provider: provider.id, model, taskId: task?.taskId, task, retryable: false });
}
