import { sniffImage, type ProviderImage, type Usage } from '@imagegate/core';
import { badAnswer, errorInBody } from './gptproto-errors.js';
import { readUsage } from './gptproto-usage.js';

/** Who an answer belongs to, for error messages. */
export interface AnswerContext {
  provider: string;
  model: string;
  /** HTTP status of the answer. */
  status: number;
}

/** An OpenAI-style images answer, after core decoded `b64_json` to bytes. */
export interface ImagesAnswer {
  created?: number;
  data?: Array<{ b64_json?: Uint8Array | string; url?: string; revised_prompt?: string }>;
  usage?: unknown;
  error?: { message?: string; type?: string | number; code?: string };
}

/**
 * Read `data[]` of an OpenAI-style answer (`/v1/images/generations`,
 * `/v1/images/edits`): every `b64_json` must be a real image, `url` items are
 * passed on for core to download. An `error` object in a 200 answer is the
 * vendor's error; no image at all is BAD_RESPONSE.
 */
export function readImagesAnswer(answer: unknown, context: AnswerContext): { images: ProviderImage[]; usage?: Usage } {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw badAnswer(`with ${answer === null ? 'null' : typeof answer} instead of an object with "data".`, context.status, context);
  }
  const body = answer as ImagesAnswer;
  const items = Array.isArray(body.data) ? body.data : [];
  if (items.length === 0 && typeof body.error === 'object' && body.error !== null) {
    const { message, type, code } = body.error;
    throw errorInBody({ message, code: type !== undefined ? String(type) : code }, context.status, context);
  }
  const images: ProviderImage[] = [];
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) return;
    const revisedPrompt = typeof item.revised_prompt === 'string' && item.revised_prompt ? item.revised_prompt : undefined;
    if (item.b64_json instanceof Uint8Array) {
      images.push({ data: checkedImage(item.b64_json, `data[${i}].b64_json`, context), ...(revisedPrompt ? { revisedPrompt } : {}) });
    } else if (typeof item.url === 'string' && /^https?:\/\//i.test(item.url)) {
      images.push({ url: item.url, ...(revisedPrompt ? { revisedPrompt } : {}) });
    }
  });
  if (images.length === 0) throw badAnswer('without any image ("data" holds no b64_json or url).', context.status, context);
  return { images, usage: readUsage(body) };
}

/** The bytes, if they are a PNG, JPEG, WebP or GIF; BAD_RESPONSE naming the field otherwise. */
export function checkedImage(bytes: Uint8Array, field: string, context: AnswerContext): Uint8Array {
  if (!sniffImage(bytes)) {
    throw badAnswer(`with ${field} that does not decode to a PNG, JPEG, WebP or GIF image (${bytes.byteLength} bytes).`, context.status, context);
  }
  return bytes;
}
