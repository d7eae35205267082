import type { ImageRequest, SubmitContext, SubmitResult, TaskHandle } from '@imagegate/core/provider';
import { badAnswer } from '@imagegate/core/provider';
import { submitAnswerSchema } from './toapis-answers.js';
import { errorInBody } from './toapis-errors.js';
import type { ToApisProviderOptions } from './toapis-options.js';

/** Submit endpoint; the poll endpoint is `${GENERATIONS_PATH}/{id}`. */
export const GENERATIONS_PATH = '/v1/images/generations';

/** The JSON body of `POST /v1/images/generations`. */
export interface ToApisGenerationBody {
  model: string;
  prompt: string;
  /** An aspect ratio, e.g. `'16:9'`. */
  size: string;
  /** Always the number 1: the vendor refuses a quoted `"1"` and makes one image per task. */
  n: 1;
  /** Reference images, as URLs only (bytes are uploaded first). */
  image_urls?: string[];
  metadata?: Record<string, unknown>;
}

/** Build the submit body. `size` falls back to the model's default (1:1). */
export function generationBody(request: ImageRequest, imageUrls: readonly string[], options: ToApisProviderOptions, defaultSize: string): ToApisGenerationBody {
  const body: ToApisGenerationBody = { model: request.model, prompt: request.prompt, size: request.size ?? defaultSize, n: 1 };
  if (imageUrls.length > 0) body.image_urls = [...imageUrls];
  if (options.metadata !== undefined) body.metadata = options.metadata;
  return body;
}

/**
 * `POST /v1/images/generations` (billable: core never resubmits it after a
 * timeout or 5xx) and turn the answer's `id` into a task handle.
 */
export async function submitGeneration(body: ToApisGenerationBody, ctx: SubmitContext<ToApisProviderOptions, unknown>): Promise<SubmitResult> {
  const context = { provider: ctx.provider.id, model: body.model };
  const answer = await ctx.http.json(ctx, { method: 'POST', url: GENERATIONS_PATH, json: body, kind: 'billable', model: body.model }, { schema: submitAnswerSchema, what: 'the submit' });
  if (answer.id === undefined) {
    if (answer.error) throw errorInBody(answer.error, 200, context, 'PROVIDER_ERROR');
    badAnswer('answered the submit without a task id ("id"); the task may still have been created.', context);
  }
  const task: TaskHandle = { version: 1, provider: ctx.provider.id, taskId: answer.id, model: body.model, createdAt: ctx.now() };
  return { type: 'task', task };
}
