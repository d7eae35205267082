import { generateImage, submitImage, type ImageRequest } from '@imagegate/core';
import { outputPixels, resolveModel } from '@imagegate/core/provider';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readOutputOptions, readWaitOptions } from '../../fields/options-collection.js';
import { keepImages } from '../../shared/keep-images.js';
import { logSubmittedTask } from '../../shared/log-submitted-task.js';
import type { RunShared } from '../../shared/run-shared.js';
import { toOutputItems, toTaskItems } from '../../shared/to-output.js';

/**
 * Send one item's image request (Generate and Edit): wait for its images,
 * or with Wait for Completion off, output the task handles of an
 * asynchronous model (one that answers at once still gives its images).
 */
export async function runImageRequest(
  fns: IExecuteFunctions,
  shared: RunShared,
  i: number,
  request: ImageRequest,
): Promise<INodeExecutionData[]> {
  const output = readOutputOptions(fns, i);
  const spec = resolveModel(shared.provider, request.model);
  const expectedPixels = spec ? outputPixels(spec, request) : undefined;
  const wait = fns.getNodeParameter('waitForCompletion', i, true) as boolean;
  const base = {
    provider: shared.provider,
    ...request,
    ...shared.run,
    onProgress: logSubmittedTask(fns, i, shared.collect),
  };
  if (!wait) {
    const submitted = await submitImage(base);
    const outcome = {
      ...submitted,
      prompt: request.prompt,
      size: request.size,
      resolution: request.resolution,
      expectedPixels,
      durationMs: submitted.timings.totalMs,
    };
    if (submitted.tasks.length > 0) return toTaskItems(outcome, i);
    return toOutputItems(shared.store, outcome, output, i);
  }
  const result = await generateImage({
    ...base,
    ...keepImages(fns, shared, output, request.model),
    ...readWaitOptions(fns, i),
  });
  return toOutputItems(
    shared.store,
    {
      ...result,
      prompt: request.prompt,
      size: request.size,
      resolution: request.resolution,
      expectedPixels,
      durationMs: result.timings.totalMs,
    },
    output,
    i,
  );
}
