import type { ProviderImage, Usage } from '@imagegate/core/provider';
import { z } from 'zod';
import { bodyErrorSchema, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { openAiUsageSchema } from './gptproto-usage.js';

/** The fields whose base64 core decodes straight from the body bytes. */
export const IMAGES_BINARY_FIELDS = ['b64_json'] as const;

/** `b64_json` once core decoded it: a non-string value is not base64. */
export const base64Bytes = z.instanceof(Uint8Array, { message: 'must be base64 text' });

const HTTP_URL = /^https?:\/\/\S+$/i;

const imageItemSchema = z
  .object({ b64_json: base64Bytes.nullish(), url: z.string().nullish(), revised_prompt: z.string().nullish() })
  .refine((item) => item.b64_json || HTTP_URL.test(item.url ?? ''), { message: 'holds neither b64_json nor an http(s) url' });

/** An OpenAI-style images answer (`/v1/images/generations`, `/v1/images/edits`): `{ data: [{ b64_json | url, revised_prompt }], usage }`, or `{ error }`. */
export const imagesAnswerSchema = z.object({
  data: z.array(imageItemSchema).nullish(),
  usage: openAiUsageSchema,
  error: bodyErrorSchema.nullish(),
});

/** What {@link imagesAnswerSchema} reads. */
export type ImagesAnswer = z.output<typeof imagesAnswerSchema>;

/**
 * The images of an answer: every `b64_json` must be a real image, `url` items
 * are passed on for core to download. An `error` in place of `data` is the
 * vendor's error; no image at all is BAD_RESPONSE.
 */
export function readImagesAnswer(answer: ImagesAnswer, context: AnswerContext): { images: ProviderImage[]; usage?: Usage } {
  const items = answer.data ?? [];
  if (items.length === 0 && answer.error) throw errorInBody(answer.error, context);
  if (items.length === 0) unusableAnswer('without any image ("data" is empty).', context, 'data');
  const images = items.map((item, i): ProviderImage => {
    const extra = item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {};
    return item.b64_json ? { data: checkedImage(item.b64_json, `data[${i}].b64_json`, context), ...extra } : { url: item.url!, ...extra };
  });
  return { images, usage: answer.usage };
}
