import type { ImageRequest, SubmitContext, SubmitResult } from '@imagegate/core/provider';
import { predictionSchema, predictionStatus } from './__ID__-answers.js';
import type { __NAME__ProviderOptions } from './__ID__-options.js';

/** Where predictions are created; `${PREDICTIONS_PATH}/{id}` is one of them. */
export const PREDICTIONS_PATH = '/v1/predictions';

/** The JSON body of `POST /v1/predictions` (undefined fields are not sent). */
export interface __NAME__PredictionBody {
  model: string;
  input: { prompt: string; num_outputs: number; aspect_ratio?: string; seed?: number; negative_prompt?: string };
}

/** The body of one call; core has validated the request against the manifest. */
export function predictionBody(
  { model, prompt, n = 1, size, seed }: ImageRequest,
  options: __NAME__ProviderOptions,
): __NAME__PredictionBody {
  return {
    model,
    input: { prompt, num_outputs: n, aspect_ratio: size, seed, negative_prompt: options.negativePrompt },
  };
}

/**
 * `POST /v1/predictions`, billable: core never resubmits it after a timeout or a 5xx. A prediction
 * already succeeded (the fast model's often are) gives its images at once; any other is a task to poll.
 */
export async function createPrediction(
  request: ImageRequest,
  ctx: SubmitContext<__NAME__ProviderOptions>,
): Promise<SubmitResult> {
  const call = {
    method: 'POST',
    url: PREDICTIONS_PATH,
    json: predictionBody(request, ctx.options),
    kind: 'billable',
    model: request.model,
  } as const;
  const prediction = await ctx.http.json(ctx, call, { schema: predictionSchema, what: 'the submit' });
  const status = predictionStatus(prediction, { provider: ctx.provider.id, model: request.model });
  if (status.state === 'succeeded') return { type: 'images', images: status.images };
  if (status.state === 'failed') throw status.error;
  return {
    type: 'task',
    task: { version: 1, provider: ctx.provider.id, taskId: prediction.id, model: request.model, createdAt: ctx.now() },
  };
}
