import { sniffImage } from '@imagegate/core/provider';
import { toBase64, type Exchange } from '@imagegate/testing/fakes';
import { GEMINI_RESOLUTIONS, modelFamily } from '../gptproto-models.js';
import { asRecord, replyError, specFor, type GptProtoEmulatorContext } from './gptproto-emulator-context.js';
import { nearestGeminiSize, pixels, renderImage } from './gptproto-emulator-images.js';

/** `/v1beta/models/{model}:generateContent`, capturing the model. */
export const GENERATE_CONTENT_ROUTE = /^\/v1beta\/models\/([^/]+):generateContent$/;

/** Gemini's input limits (document 001). */
const MAX_INPUT_IMAGES = 3;
const MAX_INPUT_BYTES = 7 * 1024 * 1024;

/**
 * `POST /v1beta/models/{model}:generateContent` (document 001): a text part
 * and up to 3 `inline_data` images in, a text part and an `inlineData` PNG
 * out. The output takes `imageConfig.aspectRatio`, else the first input's
 * shape (the closest ratio of the table), else 1:1.
 */
export async function generateContent(exchange: Exchange, ctx: GptProtoEmulatorContext, modelInPath: string): Promise<void> {
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
      if (inline) inputs.push({ mimeType: String(inline.mime_type ?? inline.mimeType ?? ''), data: String(inline.data ?? '') });
    }
  }
  const prompt = texts.join('\n').trim();
  exchange.log.prompt = prompt || undefined;
  if (!prompt) return replyError(exchange, 400, 'contents must include a text part (the prompt)');
  if (await ctx.playMarkers(exchange, prompt, 'generate-content')) return;
  if (!specFor(model) || modelFamily(model) !== 'gemini') return replyError(exchange, 400, `Model "${model}" does not support generateContent`);
  if (inputs.length > MAX_INPUT_IMAGES) return replyError(exchange, 400, `Too many input images: ${inputs.length} (at most ${MAX_INPUT_IMAGES})`);

  let first: { width?: number; height?: number } | undefined;
  for (const [i, input] of inputs.entries()) {
    const bytes = Buffer.from(input.data, 'base64');
    const info = sniffImage(bytes);
    if (!info || info.mimeType === 'image/gif') return replyError(exchange, 400, `Unable to process input image ${i + 1}: png, jpeg or webp expected`);
    if (bytes.byteLength > MAX_INPUT_BYTES) return replyError(exchange, 400, `Input image ${i + 1} is larger than 7 MB`);
    first ??= info;
  }

  const config = asRecord(body.generationConfig) ?? {};
  const ratio = asRecord(config.imageConfig)?.aspectRatio;
  let size = first?.width && first.height ? nearestGeminiSize(first.width, first.height) : GEMINI_RESOLUTIONS['1:1'];
  if (ratio !== undefined) {
    const fixed = (GEMINI_RESOLUTIONS as Record<string, string>)[String(ratio)];
    if (!fixed) return replyError(exchange, 400, `Invalid imageConfig.aspectRatio "${String(ratio)}": use one of ${Object.keys(GEMINI_RESOLUTIONS).join(', ')}`);
    size = fixed;
  }
  const modalities = Array.isArray(config.responseModalities) ? config.responseModalities.map(String) : ['TEXT', 'IMAGE'];

  const { width, height } = pixels(size);
  const parts: Array<Record<string, unknown>> = [];
  if (modalities.includes('TEXT')) parts.push({ text: `Here is the image for: ${prompt}` });
  if (modalities.includes('IMAGE')) parts.push({ inlineData: { mimeType: 'image/png', data: toBase64(renderImage(width, height, 'png', prompt)) } });
  exchange.replyJson(200, {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usageMetadata(prompt, inputs.length),
    modelVersion: model,
    responseId: `emu-${Date.now().toString(36)}`,
  });
}

/** A Gemini refusal: HTTP 200, no candidate, `promptFeedback.blockReason`. */
export function geminiBlocked(prompt: string): Record<string, unknown> {
  return { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: usageMetadata(prompt, 0, 0), modelVersion: 'gemini-2.5-flash-image' };
}

function usageMetadata(prompt: string, images: number, output = 1290) {
  const text = Math.max(1, Math.ceil(prompt.length / 4));
  const prompted = text + images * 1290;
  return {
    promptTokenCount: prompted,
    candidatesTokenCount: output,
    totalTokenCount: prompted + output,
    promptTokensDetails: [
      { modality: 'IMAGE', tokenCount: images * 1290 },
      { modality: 'TEXT', tokenCount: text },
    ],
  };
}
