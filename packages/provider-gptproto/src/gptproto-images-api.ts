import type { HttpClient, ImageRequest, ProviderCallContext, SubmitResult } from '@imagegate/core';
import { gptImageParameters } from './gptproto-gpt-image-params.js';
import { callImagesEndpoint } from './gptproto-images-call.js';
import { modelFamily } from './gptproto-models.js';
import type { GptProtoProviderOptions } from './gptproto-options.js';

/** `POST /v1/images/generations`: text-to-image for gpt-image and Gemini models. */
export const IMAGES_GENERATIONS_PATH = '/v1/images/generations';

/**
 * The JSON body. gpt-image models take the OpenAI Images parameters
 * (document 003); Gemini models take `model`, `prompt` and `size` as an aspect
 * ratio (document 000), one image per call.
 */
export function imagesGenerationsBody(request: ImageRequest, options: GptProtoProviderOptions, warn: (message: string) => void): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt };
  if (modelFamily(request.model) === 'gemini') {
    if (request.size !== undefined) body.size = request.size;
    if (options.responseModalities) warn('providerOptions.responseModalities applies to Gemini edits only; it was not sent.');
    return body;
  }
  for (const [key, value] of gptImageParameters(request, options, 'generate', warn)) body[key] = value;
  return body;
}

/** Generate images from a prompt. */
export function generateImages(
  http: HttpClient,
  provider: string,
  request: ImageRequest,
  options: GptProtoProviderOptions,
  ctx: ProviderCallContext,
): Promise<SubmitResult> {
  return callImagesEndpoint(
    {
      http,
      provider,
      model: request.model,
      url: IMAGES_GENERATIONS_PATH,
      json: imagesGenerationsBody(request, options, ctx.warn),
      stream: options.stream === true,
      onPartialImage: options.onPartialImage,
    },
    ctx,
  );
}
