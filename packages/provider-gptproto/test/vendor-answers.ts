import { encodePng, JPEG_16, toBase64, WEBP_16 } from '@imagegate/testing/fakes';

/**
 * GPTProto's answers as the documents show them (000, 001, 003), with the
 * placeholder base64 replaced by real images.
 */

export const BASE = 'https://gptproto.com';
export const KEY = 'sk-gptproto-test-7f3a9c1e5b';

export const PNG_64 = encodePng(64, 64);
export const PNG_32 = encodePng(32, 32, { color: [200, 30, 30] });
export { JPEG_16, WEBP_16 };

/** Document 003: gpt-image-2 text-to-image answer. */
export function gptImageAnswer(images: Uint8Array[] = [PNG_64]) {
  return {
    created: 1776843003,
    background: 'opaque',
    data: images.map((image) => ({ b64_json: toBase64(image) })),
    output_format: 'png',
    quality: 'low',
    size: '1024x1024',
    usage: {
      input_tokens: 8,
      input_tokens_details: { image_tokens: 0, text_tokens: 8 },
      output_tokens: 196,
      output_tokens_details: { image_tokens: 196, text_tokens: 0 },
      total_tokens: 204,
    },
  };
}

/** Document 000: Gemini text-to-image answer through /v1/images/generations. */
export function geminiImagesAnswer(image: Uint8Array = PNG_64) {
  return {
    created: 1762156444807,
    data: [{ b64_json: toBase64(image) }],
    output_format: 'png',
    quality: 'high',
    size: '16:9',
    usage: {
      input_tokens: 535,
      input_tokens_details: { image_tokens: 516, text_tokens: 19 },
      output_tokens: 1291,
      total_tokens: 1826,
    },
  };
}

/** Document 001: Gemini generateContent answer. */
export function geminiContentAnswer(
  parts: Array<Record<string, unknown>> = [{ inlineData: { mimeType: 'image/png', data: toBase64(PNG_64) } }],
  finishReason = 'STOP',
) {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason }],
    usageMetadata: {
      promptTokenCount: 1302,
      candidatesTokenCount: 1290,
      totalTokenCount: 2592,
      thoughtsTokenCount: 0,
      promptTokensDetails: [
        { modality: 'IMAGE', tokenCount: 1290 },
        { modality: 'TEXT', tokenCount: 12 },
      ],
    },
    modelVersion: 'gemini-2.5-flash-image-preview',
  };
}

/** The documents' error body; `type` is the status as a string. */
export function gptProtoError(status: number, message: string) {
  return { error: { message, type: String(status) } };
}

export const INVALID_SIGNATURE = gptProtoError(401, 'Invalid signature');
/** Document 003 names 403 "insufficient balance for the requested operation"; the exact wording is assumed. */
export const INSUFFICIENT_BALANCE = gptProtoError(403, 'Insufficient balance for the requested operation');
/** Document 003: "Content blocked due to safety concerns (actual status code is 400)". */
export const CONTENT_BLOCKED = gptProtoError(400, 'Content blocked due to safety concerns');

/** One server-sent event as OpenAI's Image API writes it. */
export function sse(event: string, data: Record<string, unknown>): string {
  return `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
}

/** Where v3 outputs are served in tests (a CDN host, as the vendor's examples show). */
export const CDN = 'https://cdn.gptproto.test';

/** The v3 envelope as the docs show it (`{ data, message, code }`), with a prediction in it. */
export function predictionAnswer(
  id: string,
  status: string,
  fields: { model?: string; outputs?: unknown[]; error?: unknown } = {},
) {
  return {
    data: {
      id,
      model: fields.model ?? 'gemini-3-pro-image-preview',
      outputs: fields.outputs ?? [],
      urls: { get: `${BASE}/api/v3/predictions/${id}/result` },
      status,
      error: fields.error ?? null,
      executionTime: status === 'completed' ? 11_820 : 0,
      timings: { inference: status === 'completed' ? 11_820 : 0 },
      has_nsfw_contents: [],
      created_at: '2026-12-02 08:00:00',
    },
    message: 'success',
    code: 200,
  };
}

/**
 * The -plus channels' answer (snippet `official-format/gpt-image-plus`, both
 * stored versions): `b64_json` as a data URI, `created`, no usage.
 */
export function gptImagePlusAnswer(image: Uint8Array = PNG_64) {
  return { data: [{ b64_json: `data:image/png;base64,${toBase64(image)}` }], created: 1776841668 };
}
