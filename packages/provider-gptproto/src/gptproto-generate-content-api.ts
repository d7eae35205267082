import type { ImageRequest, SubmitResult } from '@imagegate/core/provider';
import { answerContext } from './gptproto-errors.js';
import { GEMINI_BINARY_FIELDS, geminiAnswerSchema, readGeminiAnswer } from './gptproto-gemini-answer.js';
import type { GptProtoContext, GptProtoProviderOptions } from './gptproto-options.js';
import { inputBytes } from './gptproto-validate.js';

/** `POST /v1beta/models/{model}:generateContent`: Gemini image-to-image (document 001). */
export function generateContentPath(model: string): string {
  return `/v1beta/models/${encodeURIComponent(model)}:generateContent`;
}

/**
 * The Gemini-native body: one user turn whose parts are the prompt and each
 * reference image as `inline_data`; `responseModalities` defaults to text and
 * image (the model's own default), `imageConfig.aspectRatio` only when a size
 * is asked for (otherwise the output follows the input image), `imageSize`
 * for models with resolution tiers (Gemini 3).
 */
export function generateContentBody(request: ImageRequest, options: GptProtoProviderOptions): Record<string, unknown> {
  const images = (request.images ?? []).map((image, i) => {
    const { data, mimeType } = inputBytes(image, `images[${i}]`, request.model);
    return {
      inline_data: {
        mime_type: mimeType,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
      },
    };
  });
  const generationConfig: Record<string, unknown> = {
    responseModalities: options.responseModalities ?? ['TEXT', 'IMAGE'],
  };
  const imageConfig: Record<string, string> = {};
  if (request.size !== undefined) imageConfig.aspectRatio = request.size;
  // Gemini 3's tier (1K/2K/4K); core fills in the default, so it is always sent for those models.
  if (request.resolution !== undefined) imageConfig.imageSize = request.resolution;
  if (Object.keys(imageConfig).length > 0) generationConfig.imageConfig = imageConfig;
  return { contents: [{ parts: [{ text: request.prompt }, ...images] }], generationConfig };
}

/** Edit images with a Gemini model: the prompt and inline reference images in, images out. */
export async function generateContent(request: ImageRequest, ctx: GptProtoContext): Promise<SubmitResult> {
  const { value, status } = await ctx.http.answer(
    ctx,
    {
      method: 'POST',
      url: generateContentPath(request.model),
      json: generateContentBody(request, ctx.options),
      kind: 'billable',
      model: request.model,
    },
    { binaryFields: GEMINI_BINARY_FIELDS, schema: geminiAnswerSchema },
  );
  return { type: 'images', ...readGeminiAnswer(value, answerContext(ctx, request.model, status)) };
}
