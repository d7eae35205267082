import {
  extensionFor,
  parsePixelSize,
  type ClientRequest,
  type ImageRequest,
  type InputImage,
  type SubmitResult,
} from '@imagegate/core/provider';
import { answerContext } from './gptproto-errors.js';
import { createImageStreamReader } from './gptproto-image-stream.js';
import { IMAGES_BINARY_FIELDS, imagesAnswerSchema, readImagesAnswer } from './gptproto-images-answer.js';
import { GPT_IMAGE_2_EXPERIMENTAL_PIXELS, isGptImagePlus, modelFamily } from './gptproto-models.js';
import type { GptProtoContext, GptProtoProviderOptions } from './gptproto-options.js';
import { inputBytes } from './gptproto-validate.js';

/** `POST /v1/images/generations`: text-to-image for gpt-image and Gemini models. */
export const IMAGES_GENERATIONS_PATH = '/v1/images/generations';

/** `POST /v1/images/edits`: gpt-image edits with reference images and an optional mask. */
export const IMAGES_EDITS_PATH = '/v1/images/edits';

/** Generate images from a prompt (a JSON body). */
export function generateImages(request: ImageRequest, ctx: GptProtoContext): Promise<SubmitResult> {
  return callImagesEndpoint(
    {
      method: 'POST',
      url: IMAGES_GENERATIONS_PATH,
      json: imagesGenerationsBody(request, ctx.options, ctx.warn),
      kind: 'billable',
      model: request.model,
    },
    ctx,
  );
}

/** Edit images with a gpt-image model (a multipart form). */
export function editImages(request: ImageRequest, ctx: GptProtoContext): Promise<SubmitResult> {
  return callImagesEndpoint(
    {
      method: 'POST',
      url: IMAGES_EDITS_PATH,
      body: imagesEditsForm(request, ctx.options, ctx.warn),
      kind: 'billable',
      model: request.model,
    },
    ctx,
  );
}

/**
 * The JSON body. gpt-image models take the OpenAI Images parameters
 * (document 003), the `-plus` channels `size` alone; Gemini models take
 * `model`, `prompt` and `size` as an aspect ratio (document 000), one image
 * per call; Flux Kontext the same plus `n`.
 */
export function imagesGenerationsBody(
  request: ImageRequest,
  options: GptProtoProviderOptions,
  warn: (message: string) => void,
): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt };
  const family = modelFamily(request.model);
  if (family === 'gemini' || family === 'flux') {
    if (request.size !== undefined) body.size = request.size;
    // Flux Kontext makes up to 4 images per call; Gemini one.
    if (family === 'flux' && request.n !== undefined) body.n = request.n;
    if (options.responseModalities)
      warn('providerOptions.responseModalities applies to Gemini edits only; it was not sent.');
    return body;
  }
  return Object.assign(body, Object.fromEntries(gptImageParameters(request, options, 'generate', warn)));
}

/**
 * The multipart form: `model`, `prompt`, one `image[]` part per reference
 * image (OpenAI's repeated-field form), `mask`, then the generation
 * parameters as text fields.
 */
export function imagesEditsForm(
  request: ImageRequest,
  options: GptProtoProviderOptions,
  warn: (message: string) => void,
): FormData {
  const form = new FormData();
  const file = (image: InputImage, name: string, field: string): [Blob, string] => {
    const { data, mimeType } = inputBytes(image, field, request.model);
    return [new Blob([data as Uint8Array<ArrayBuffer>], { type: mimeType }), `${name}.${extensionFor(mimeType)}`];
  };
  form.append('model', request.model);
  form.append('prompt', request.prompt);
  (request.images ?? []).forEach((image, i) =>
    form.append('image[]', ...file(image, `image-${i + 1}`, `images[${i}]`)),
  );
  if (request.mask) form.append('mask', ...file(request.mask, 'mask', 'mask'));
  for (const [key, value] of gptImageParameters(request, options, 'edit', warn)) form.append(key, String(value));
  return form;
}

/**
 * The OpenAI Images parameters of a gpt-image request, snake_case, in the
 * documented order; only the ones the caller set (the vendor applies its
 * defaults to the rest).
 */
function gptImageParameters(
  request: ImageRequest,
  options: GptProtoProviderOptions,
  operation: 'generate' | 'edit',
  warn: (message: string) => void,
): Array<[string, string | number | boolean]> {
  // The -plus pages document `size` alone (one image per call; validation refused the rest), and `auto`
  // is sent as no size: one version's default is auto, a newer one's 1254x1254, so the vendor picks.
  if (isGptImagePlus(request.model))
    return request.size === undefined || request.size === 'auto' ? [] : [['size', request.size]];
  const stream = options.stream === true;
  const params: Array<[string, string | number | boolean | undefined]> = [
    ['n', request.n],
    ['size', request.size],
    ['quality', request.quality],
    ['background', request.background],
    ['moderation', request.moderation],
    ['output_format', request.outputFormat],
    ['output_compression', request.outputCompression],
    ['input_fidelity', operation === 'edit' ? options.inputFidelity : undefined],
    ['user', options.user],
    ['stream', stream || undefined],
    ['partial_images', stream ? options.partialImages : undefined],
  ];
  if (operation === 'generate' && options.inputFidelity !== undefined)
    warn('providerOptions.inputFidelity applies to edits only; it was not sent.');
  const size = request.size ? parsePixelSize(request.size) : undefined;
  if (request.model === 'gpt-image-2' && size && size.width * size.height > GPT_IMAGE_2_EXPERIMENTAL_PIXELS) {
    warn(`gpt-image-2 output above 2560×1440 pixels (${request.size}) is experimental, says GPTProto.`);
  }
  return params.filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
}

/** Send a billable images call and read its images: one JSON answer, or server-sent events with `stream: true`. */
async function callImagesEndpoint(
  call: ClientRequest & { model: string },
  ctx: GptProtoContext,
): Promise<SubmitResult> {
  if (ctx.options.stream !== true) {
    const { value, status } = await ctx.http.answer(ctx, call, {
      binaryFields: IMAGES_BINARY_FIELDS,
      schema: imagesAnswerSchema,
    });
    return { type: 'images', ...readImagesAnswer(value, answerContext(ctx, call.model, status)) };
  }
  const response = await ctx.http.send(ctx, { ...call, headers: { accept: 'text/event-stream' }, stream: true });
  const reader = createImageStreamReader({
    provider: ctx.provider.id,
    model: call.model,
    status: response.status,
    onPartialImage: ctx.options.onPartialImage,
    warn: ctx.warn,
  });
  // Leaving the loop early (the vendor's error event) lets go of the connection.
  if (response.stream) {
    for await (const chunk of response.stream) if (!reader.push(chunk)) break;
  } else reader.push(response.body);
  return { type: 'images', ...reader.finish() };
}
