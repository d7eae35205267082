import { outputPixels, sniffImage } from '@imagegate/core/provider';
import { approximatePixels, toBase64, type Exchange } from '@imagegate/testing/fakes';
import { GEMINI_RESOLUTIONS } from '../gptproto-models.js';
import { asRecord, replyError, specFor, type GptProtoEmulatorContext } from './gptproto-emulator-context.js';
import { nearestGeminiSize, pixels } from './gptproto-emulator-images.js';

/** `/v1beta/models/{model}:generateContent`, capturing the model. */
export const GENERATE_CONTENT_ROUTE = /^\/v1beta\/models\/([^/]+):generateContent$/;

/** Gemini's per-image input limit (document 001); the count is the model's (3 for 2.5, 14 for 3). */
const MAX_INPUT_BYTES = 7 * 1024 * 1024;

/**
 * `POST /v1beta/models/{model}:generateContent` (document 001): a text part
 * and `inline_data` images in (3 for Gemini 2.5, 14 for Gemini 3), a text
 * part and an `inlineData` PNG out. The output takes `imageConfig.aspectRatio`,
 * else the first input's shape (the closest ratio of the table), else 1:1;
 * Gemini 3 also `imageConfig.imageSize` (1K/2K/4K, default 1K).
 */
export async function generateContent(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  modelInPath: string,
): Promise<void> {
  const model = decodeURIComponent(modelInPath);
  exchange.log.model = model;
  const body = asRecord(exchange.json());
  const contents = Array.isArray(body?.contents) ? body.contents : undefined;
  if (!body || !contents) return replyError(exchange, 400, 'Invalid JSON payload: "contents" is required');

  const texts: string[] = [];
  const inputs: Array<{ mimeType: string; data: string }> = [];
  for (const content of contents) {
    const parts = asRecord(content)?.parts;
    for (const part of Array.isArray(parts) ? parts : []) {
      const p = asRecord(part) ?? {};
      if (typeof p.text === 'string') texts.push(p.text);
      const inline = asRecord(p.inline_data) ?? asRecord(p.inlineData);
      if (inline)
        inputs.push({ mimeType: String(inline.mime_type ?? inline.mimeType ?? ''), data: String(inline.data ?? '') });
    }
  }
  const prompt = texts.join('\n').trim();
  exchange.log.prompt = prompt || undefined;
  if (!prompt) return replyError(exchange, 400, 'contents must include a text part (the prompt)');
  if (await ctx.playMarkers(exchange, prompt, 'generate-content')) return;
  const spec = specFor(model);
  if (!spec || !model.startsWith('gemini-') || spec.inputImages?.acceptsBytes === false)
    return replyError(exchange, 400, `Model "${model}" does not support generateContent`);
  const maxInputs = spec.inputImages?.max ?? 3;
  if (inputs.length > maxInputs)
    return replyError(exchange, 400, `Too many input images: ${inputs.length} (at most ${maxInputs})`);

  let first: { width?: number; height?: number } | undefined;
  for (const [i, input] of inputs.entries()) {
    const bytes = Buffer.from(input.data, 'base64');
    const info = sniffImage(bytes);
    if (!info || info.mimeType === 'image/gif')
      return replyError(exchange, 400, `Unable to process input image ${i + 1}: png, jpeg or webp expected`);
    if (bytes.byteLength > MAX_INPUT_BYTES)
      return replyError(exchange, 400, `Input image ${i + 1} is larger than 7 MB`);
    first ??= info;
  }

  const config = asRecord(body.generationConfig) ?? {};
  const imageConfig = asRecord(config.imageConfig) ?? {};
  const ratio = imageConfig.aspectRatio;
  let size = first?.width && first.height ? nearestGeminiSize(first.width, first.height) : GEMINI_RESOLUTIONS['1:1'];
  if (spec.resolution) {
    // Gemini 3: the model's ratios at a tier.
    const ratios = spec.sizes.kind === 'aspect-ratio' ? spec.sizes.values : [];
    const shape = ratio === undefined ? '1:1' : String(ratio);
    const tier = imageConfig.imageSize === undefined ? spec.resolution.default : String(imageConfig.imageSize);
    if (!ratios.includes(shape))
      return replyError(exchange, 400, `Invalid imageConfig.aspectRatio "${shape}": use one of ${ratios.join(', ')}`);
    if (!spec.resolution.values.includes(tier))
      return replyError(
        exchange,
        400,
        `Invalid imageConfig.imageSize "${tier}": use one of ${spec.resolution.values.join(', ')}`,
      );
    const known = outputPixels(spec, { size: shape, resolution: tier });
    const { width, height } = known ? pixels(known) : approximatePixels(shape, tier);
    size = `${width}x${height}`;
  } else if (imageConfig.imageSize !== undefined) {
    return replyError(exchange, 400, `imageConfig.imageSize is not supported by ${model}`);
  } else if (ratio !== undefined) {
    const fixed = (GEMINI_RESOLUTIONS as Record<string, string>)[String(ratio)];
    if (!fixed)
      return replyError(
        exchange,
        400,
        `Invalid imageConfig.aspectRatio "${String(ratio)}": use one of ${Object.keys(GEMINI_RESOLUTIONS).join(', ')}`,
      );
    size = fixed;
  }
  const modalities = Array.isArray(config.responseModalities)
    ? config.responseModalities.map(String)
    : ['TEXT', 'IMAGE'];

  const { width, height } = pixels(size);
  const parts: Array<Record<string, unknown>> = [];
  if (modalities.includes('TEXT')) parts.push({ text: `Here is the image for: ${prompt}` });
  // Gemini answers PNG; large images as JPEG here, which a solid colour encodes without a full pixel buffer.
  const format = width * height > 4_194_304 ? 'jpeg' : 'png';
  if (modalities.includes('IMAGE'))
    parts.push({
      inlineData: { mimeType: `image/${format}`, data: toBase64(ctx.render(width, height, format, prompt)) },
    });
  exchange.replyJson(200, {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usageMetadata(prompt, inputs.length),
    modelVersion: model,
    responseId: `emu-${Date.now().toString(36)}`,
  });
}

/** A Gemini refusal: HTTP 200, no candidate, `promptFeedback.blockReason`. */
export function geminiBlocked(prompt: string): Record<string, unknown> {
  return {
    promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
    usageMetadata: usageMetadata(prompt, 0, 0),
    modelVersion: 'gemini-2.5-flash-image',
  };
}

function usageMetadata(prompt: string, images: number, output = 1290) {
  const text = Math.max(1, Math.ceil(prompt.length / 4));
  const prompted = text + images * 1290;
  return {
    promptTokenCount: prompted,
    candidatesTokenCount: output,
    totalTokenCount: prompted + output,
    // Document 001's answer counts no thinking for image output.
    thoughtsTokenCount: 0,
    promptTokensDetails: [
      { modality: 'IMAGE', tokenCount: images * 1290 },
      { modality: 'TEXT', tokenCount: text },
    ],
  };
}
