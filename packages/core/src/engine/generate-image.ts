import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider, SubmitResult } from '../provider/image-provider.js';
import type { ProviderImage, Usage } from '../provider/provider-image.js';
import type { TaskHandle } from '../provider/task.js';
import type { ImageRequest } from '../request/image-request.js';
import { mapSettled } from './concurrency.js';
import { finishImages } from './finish-images.js';
import type { GenerateImageOptions, GenerateResult, GeneratedImage, RemoteImage } from './options.js';
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
export function generateImage<M extends string>(options: GenerateImageOptions<M>): Promise<GenerateResult>;
export async function generateImage(options: GenerateImageOptions): Promise<GenerateResult<GeneratedImage | RemoteImage>> {
  const provider: ImageProvider = options.provider;
  const prepared = prepareRequest(options);
  const run = new RunContext(options, provider.id, prepared.model.id);
  prepared.warnings.forEach((w) => run.warn(w));
  const tasks: TaskHandle[] = [];
  try {
    const settled = await mapSettled(prepared.calls, options.concurrency ?? 4, async (call) => {
      const outcome = await submitAndWait(run, provider, call, tasks);
      const images = await run.race(finishImages(run, outcome.images, outcome.task?.taskId, provider.transport));
      return { images, usage: outcome.usage };
    });
    const done = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const failures = settled.filter((r) => r.status === 'rejected').map((r) => run.fail(r.reason, singleTask(tasks)));
    if (done.length === 0) throw failures[0]!;
    if (failures.length > 0) {
      const lost = failures.length;
      run.warn(`${lost} of ${prepared.calls.length} vendor calls failed (${failures[0]!.code}: ${failures[0]!.message}); returning the images that succeeded.`);
    }
    return {
      images: done.flatMap((d) => d.images),
      warnings: run.warnings,
      usage: sumUsage(done.map((d) => d.usage)),
      tasks,
      provider: provider.id,
      model: prepared.model.id,
      timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
    };
  } catch (error) {
    throw run.fail(error, singleTask(tasks));
  }
}

/** One vendor call from submit to the provider's images. */
async function submitAndWait(
  run: RunContext,
  provider: ImageProvider,
  request: ImageRequest,
  tasks: TaskHandle[],
): Promise<{ images: ProviderImage[]; usage?: Usage; task?: TaskHandle }> {
  const result = await submitOnce(run, provider, request);
  if (result.type === 'images') {
    if (result.images.length === 0) throw noImages(provider, request.model);
    return result;
  }
  tasks.push(result.task);
  try {
    const outcome = await pollUntilDone(run, provider, result.task);
    if (outcome.images.length === 0) throw noImages(provider, request.model, result.task.taskId);
    outcome.warnings?.forEach((w) => run.warn(w));
    return { ...outcome, task: result.task };
  } catch (error) {
    throw run.fail(error, result.task);
  }
}

/** Submit one call and report it. Shared with `submitImage`. */
export async function submitOnce(run: RunContext, provider: ImageProvider, request: ImageRequest): Promise<SubmitResult> {
  const result = await run.race(provider.submit(request, run.providerContext()));
  result.warnings?.forEach((w) => run.warn(w));
  run.progress({ state: 'submitted', attempt: 0, taskId: result.type === 'task' ? result.task.taskId : undefined });
  return result;
}

function noImages(provider: ImageProvider, model: string, taskId?: string): ImageGateError {
  return new ImageGateError('BAD_RESPONSE', `${provider.name} answered without any image.`, { provider: provider.id, model, taskId, retryable: false });
}

/** The task to put on a TIMEOUT/ABORTED error: only unambiguous when there is one. */
function singleTask(tasks: TaskHandle[]): TaskHandle | undefined {
  return tasks.length === 1 ? tasks[0] : undefined;
}
