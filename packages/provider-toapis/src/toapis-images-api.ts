import type { HttpClient, ImageRequest, ProviderCallContext, SubmitResult, TaskHandle } from '@imagegate/core';
import { asObject, text } from './toapis-answer.js';
import { badAnswer, errorInBody, PROVIDER_ID } from './toapis-errors.js';

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
export function generationBody(request: ImageRequest, imageUrls: readonly string[], metadata: Record<string, unknown> | undefined, defaultSize: string): ToApisGenerationBody {
  const body: ToApisGenerationBody = { model: request.model, prompt: request.prompt, size: request.size ?? defaultSize, n: 1 };
  if (imageUrls.length > 0) body.image_urls = [...imageUrls];
  if (metadata !== undefined) body.metadata = metadata;
  return body;
}

/** The absolute URL that polls a task. */
export function taskUrl(baseUrl: string, taskId: string): string {
  return `${baseUrl}${GENERATIONS_PATH}/${encodeURIComponent(taskId)}`;
}

/**
 * `POST /v1/images/generations` (billable: core never resubmits it after a
 * timeout or 5xx) and turn the answer's `id` into a task handle.
 */
export async function submitGeneration(
  http: HttpClient,
  baseUrl: string,
  body: ToApisGenerationBody,
  ctx: ProviderCallContext,
): Promise<SubmitResult> {
  const context = { provider: PROVIDER_ID, model: body.model };
  const answer = asObject(await http.json<unknown>(ctx, { method: 'POST', url: GENERATIONS_PATH, json: body, kind: 'billable', model: body.model }), 'the submit', context);
  const taskId = text(answer.id);
  if (!taskId) {
    const error = answer.error;
    if (typeof error === 'object' && error !== null) {
      const e = error as Record<string, unknown>;
      throw errorInBody({ message: text(e.message), code: text(e.code) ?? (typeof e.code === 'number' ? String(e.code) : undefined), type: text(e.type) }, 200, context, 'PROVIDER_ERROR');
    }
    throw badAnswer('answered the submit without a task id ("id"); the task may still have been created.', context);
  }
  const task: TaskHandle = { version: 1, provider: PROVIDER_ID, taskId, model: body.model, pollUrl: taskUrl(baseUrl, taskId), createdAt: ctx.now() };
  return { type: 'task', task };
}
