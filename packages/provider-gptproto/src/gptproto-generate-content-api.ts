import { ImageGateError, type HttpClient, type ImageRequest, type ProviderCallContext, type ProviderImage, type SubmitResult, type Usage } from '@imagegate/core';
import { badAnswer, errorInBody, geminiNoImageError } from './gptproto-errors.js';
import { checkedImage, type AnswerContext } from './gptproto-image-answer.js';
import { jsonCall } from './gptproto-json-call.js';
import type { GptProtoProviderOptions } from './gptproto-options.js';
import { readUsage } from './gptproto-usage.js';

/** `POST /v1beta/models/{model}:generateContent`: Gemini image-to-image (document 001). */
export function generateContentPath(model: string): string {
  return `/v1beta/models/${encodeURIComponent(model)}:generateContent`;
}

/**
 * The Gemini-native body: one user turn whose parts are the prompt and each
 * reference image as `inline_data`; `responseModalities` defaults to text and
 * image (the model's own default), `imageConfig.aspectRatio` only when a size
 * is asked for (otherwise the output follows the input image).
 */
export function generateContentBody(request: ImageRequest, options: GptProtoProviderOptions, provider: string): Record<string, unknown> {
  const parts: Array<Record<string, unknown>> = [{ text: request.prompt }];
  (request.images ?? []).forEach((image, i) => {
    if (!('data' in image)) {
      throw new ImageGateError('UNSUPPORTED', `"images[${i}]" is a URL; ${request.model} takes image bytes ({ data, mimeType }) sent inline.`, {
        field: `images[${i}]`,
        provider,
        model: request.model,
        retryable: false,
      });
    }
    parts.push({ inline_data: { mime_type: image.mimeType, data: toBase64(image.data) } });
  });
  const generationConfig: Record<string, unknown> = { responseModalities: options.responseModalities ?? ['TEXT', 'IMAGE'] };
  if (request.size !== undefined) generationConfig.imageConfig = { aspectRatio: request.size };
  return { contents: [{ parts }], generationConfig };
}

/** A Gemini answer after core decoded every `data` field to bytes. */
interface GeminiPart {
  text?: unknown;
  thought?: unknown;
  inlineData?: { mimeType?: unknown; data?: unknown };
  inline_data?: { mime_type?: unknown; data?: unknown };
}
interface GeminiAnswer {
  candidates?: Array<{ content?: { parts?: GeminiPart[] }; finishReason?: unknown }>;
  promptFeedback?: { blockReason?: unknown; blockReasonMessage?: unknown };
  usageMetadata?: unknown;
  error?: { message?: string; type?: string | number; code?: string | number; status?: string };
}

/**
 * Read every image part (`inlineData`, or `inline_data` as some gateways
 * write it) of every candidate. Text parts become the images' `revisedPrompt`
 * (Gemini's commentary on what it drew). No image: the block or finish reason
 * decides between CONTENT_POLICY and BAD_RESPONSE.
 */
export function readGenerateContentAnswer(answer: unknown, context: AnswerContext): { images: ProviderImage[]; usage?: Usage } {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw badAnswer(`with ${answer === null ? 'null' : typeof answer} instead of an object with "candidates".`, context.status, context);
  }
  const body = answer as GeminiAnswer;
  const candidates = Array.isArray(body.candidates) ? body.candidates : [];
  if (candidates.length === 0 && typeof body.error === 'object' && body.error !== null) {
    const { message, type, code } = body.error;
    throw errorInBody({ message, code: String(type ?? code ?? '') || undefined }, context.status, context);
  }

  const images: ProviderImage[] = [];
  const texts: string[] = [];
  let finishReason: string | undefined;
  candidates.forEach((candidate, c) => {
    if (typeof candidate !== 'object' || candidate === null) return;
    if (typeof candidate.finishReason === 'string' && candidate.finishReason !== 'STOP') finishReason ??= candidate.finishReason;
    const parts = Array.isArray(candidate.content?.parts) ? candidate.content.parts : [];
    const found: ProviderImage[] = [];
    const said: string[] = [];
    parts.forEach((part, p) => {
      if (typeof part !== 'object' || part === null || part.thought === true) return;
      const data = part.inlineData?.data ?? part.inline_data?.data;
      if (data instanceof Uint8Array) found.push({ data: checkedImage(data, `candidates[${c}].content.parts[${p}].inlineData.data`, context) });
      else if (typeof part.text === 'string' && part.text.trim()) said.push(part.text.trim());
    });
    const text = said.join('\n');
    if (text) {
      texts.push(text);
      for (const image of found) image.revisedPrompt = text;
    }
    images.push(...found);
  });

  if (images.length === 0) {
    const blockReason = typeof body.promptFeedback?.blockReason === 'string' ? body.promptFeedback.blockReason : undefined;
    const blockMessage = typeof body.promptFeedback?.blockReasonMessage === 'string' ? body.promptFeedback.blockReasonMessage : undefined;
    const reason = blockReason ?? finishReason ?? (candidates.length === 0 ? undefined : 'STOP');
    throw geminiNoImageError(reason, [blockMessage, ...texts].filter(Boolean).join(' ') || undefined, context.status, context);
  }
  return { images, usage: readUsage(body) };
}

/** Edit images with a Gemini model: the prompt and inline reference images in, images out. */
export async function generateContent(
  http: HttpClient,
  provider: string,
  request: ImageRequest,
  options: GptProtoProviderOptions,
  ctx: ProviderCallContext,
): Promise<SubmitResult> {
  const { answer, status } = await jsonCall(
    http,
    ctx,
    { method: 'POST', url: generateContentPath(request.model), json: generateContentBody(request, options, provider), kind: 'billable', model: request.model },
    provider,
  );
  const { images, usage } = readGenerateContentAnswer(answer, { provider, model: request.model, status });
  return { type: 'images', images, usage };
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
