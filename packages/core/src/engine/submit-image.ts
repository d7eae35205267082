import type { ImageProvider, SubmitResult } from '../authoring/image-provider.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { Usage } from '../spec/vendor-image.js';
import { checkRunOptions } from './check-run-options.js';
import { checkBudget, costOf } from './cost.js';
import { finishImages } from './finish-images.js';
import { submitOnce } from './generate-image.js';
import type { GenerateImageOptions } from './options.js';
import { prepareRequest } from './prepare-request.js';
import type { GeneratedImage, RemoteImage, SubmitImageResult } from './results.js';
import { RunContext } from './run-context.js';
import { traced, type CallTrace } from './trace-call.js';
import { callUsage, sumUsage } from './usage.js';

/**
 * Validate and submit without waiting: asynchronous vendors answer with task
 * handles (plain JSON, to store and resume with `waitForTask`); synchronous
 * vendors answer with the images themselves.
 */
export async function submitImage(options: GenerateImageOptions): Promise<SubmitImageResult> {
  checkRunOptions(options, 'submitImage');
  return traced(options, 'submitImage', (trace) => submit(options, trace));
}

async function submit(options: GenerateImageOptions, trace: CallTrace): Promise<SubmitImageResult> {
  const provider: ImageProvider = options.provider;
  const prepared = prepareRequest(options);
  trace.request(provider.id, prepared.model.id, prepared.request);
  checkBudget(options, prepared);
  // Synchronous vendors' images come back as finished bytes, like generateImage's (never saveImage's streams).
  const run = new RunContext(
    { ...options, download: true, saveImage: undefined },
    provider.id,
    prepared.model.id,
    trace,
  );
  prepared.warnings.forEach((w) => run.warn(w));
  // Every job the vendor took (errors name them) and, of those, the tasks still to wait for.
  const taken: TaskHandle[] = [];
  const tasks: TaskHandle[] = [];
  const images: GeneratedImage[] = [];
  const extraImages: RemoteImage[] = [];
  const usages: Array<Usage | undefined> = [];
  let done = 0;
  // Sequential on purpose: a failure stops further billable submits.
  for (const call of prepared.calls) {
    let answered: SubmitResult | undefined;
    try {
      answered = await submitOnce(run, provider, prepared.model, call, taken);
      if (answered.type === 'task') tasks.push(answered.task);
      else {
        const finished = await run.race(
          finishImages(run, provider, answered.images, { task: answered.task, limit: call.n ?? 1 }),
        );
        const made = finished.images.length + finished.extraImages.length;
        usages.push(callUsage(prepared.model, call, answered.usage, made));
        images.push(...(finished.images as GeneratedImage[]));
        extraImages.push(...finished.extraImages);
      }
      done++;
    } catch (error) {
      // Images the vendor made under a handle that could not be collected now: wait for that task instead.
      if (answered?.type === 'images' && answered.task) tasks.push(answered.task);
      const failure = answered ? run.paidFor(run.fail(error, answered.task), answered.task) : run.fail(error);
      // What was already submitted is paid for: return it, with a warning, rather than lose it.
      if (tasks.length === 0 && images.length === 0)
        throw taken.length > 0 ? failure.with({ tasks: [...taken] }) : failure;
      run.warn(
        `Submitted ${done} of ${prepared.calls.length} calls; ` +
          `the next failed (${failure.code}: ${failure.message}), so no more were sent.`,
      );
      break;
    }
  }
  // Usage and cost of the images answered at once; a task's come with waitForTask.
  const usage = sumUsage(usages);
  const cost = costOf(options, prepared.model, usage, run.now());
  return {
    tasks,
    images,
    ...(extraImages.length > 0 ? { extraImages } : {}),
    warnings: run.warnings,
    ...(usage ? { usage } : {}),
    ...(cost ? { cost } : {}),
    provider: provider.id,
    model: prepared.model.id,
    timings: { startedAt: run.startedAt, totalMs: run.elapsedMs() },
  };
}
