import { extensionFor, ImageGateError, type HttpClient, type ImageRequest, type InputImage, type ProviderCallContext, type SubmitResult } from '@imagegate/core';
import { gptImageParameters } from './gptproto-gpt-image-params.js';
import { callImagesEndpoint } from './gptproto-images-call.js';
import type { GptProtoProviderOptions } from './gptproto-options.js';

/** `POST /v1/images/edits`: gpt-image edits with reference images and an optional mask. */
export const IMAGES_EDITS_PATH = '/v1/images/edits';

/**
 * The multipart form: `model`, `prompt`, one `image[]` part per reference
 * image (OpenAI's repeated-field form), `mask`, then the generation
 * parameters as text fields.
 */
export function imagesEditsForm(request: ImageRequest, options: GptProtoProviderOptions, provider: string, warn: (message: string) => void): FormData {
  const form = new FormData();
  form.append('model', request.model);
  form.append('prompt', request.prompt);
  (request.images ?? []).forEach((image, i) => form.append('image[]', ...filePart(image, `image-${i + 1}`, `images[${i}]`, provider, request.model)));
  if (request.mask) form.append('mask', ...filePart(request.mask, 'mask', 'mask', provider, request.model));
  for (const [key, value] of gptImageParameters(request, options, 'edit', warn)) form.append(key, String(value));
  return form;
}

function filePart(image: InputImage, name: string, field: string, provider: string, model: string): [Blob, string] {
  if (!('data' in image)) {
    throw new ImageGateError('UNSUPPORTED', `"${field}" is a URL; ${model} edits take image bytes ({ data, mimeType }).`, { field, provider, model, retryable: false });
  }
  return [new Blob([image.data as Uint8Array<ArrayBuffer>], { type: image.mimeType }), `${name}.${extensionFor(image.mimeType)}`];
}

/** Edit images: the prompt applied to the reference images (and mask). */
export function editImages(
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
      url: IMAGES_EDITS_PATH,
      form: imagesEditsForm(request, options, provider, ctx.warn),
      stream: options.stream === true,
      onPartialImage: options.onPartialImage,
    },
    ctx,
  );
}
