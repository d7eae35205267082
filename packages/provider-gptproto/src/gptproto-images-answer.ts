import type { Usage, VendorImage } from '@imagegate/core/provider';
import * as z from 'zod/mini';
import { bodyErrorSchema, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { openAiUsageSchema } from './gptproto-usage.js';

/** The fields whose base64 core decodes straight from the body bytes. */
export const IMAGES_BINARY_FIELDS = ['b64_json'] as const;

/** `b64_json` once core decoded it: a non-string value is not base64. */
export const base64Bytes = z.instanceof(Uint8Array, { error: 'must be base64 text' });

const HTTP_URL = /^https?:\/\/\S+$/i;

const imageItemSchema = z
  .object({
    b64_json: z.nullish(base64Bytes),
    url: z.nullish(z.string()),
    revised_prompt: z.catch(z.nullish(z.string()), undefined),
  })
  .check(
    z.refine((item) => item.b64_json || HTTP_URL.test(item.url ?? ''), {
      error: 'holds neither b64_json nor an http(s) url',
    }),
  );

/**
 * An OpenAI-style images answer (`/v1/images/generations`, `/v1/images/edits`):
 * `{ data: [{ b64_json | url, revised_prompt }], usage }`, or `{ error }`. Items
 * are read one by one (see {@link readImagesAnswer}).
 */
export const imagesAnswerSchema = z.object({
  data: z.nullish(z.array(z.unknown())),
  usage: openAiUsageSchema,
  error: z.nullish(bodyErrorSchema),
});

/** What {@link imagesAnswerSchema} reads. */
export type ImagesAnswer = z.output<typeof imagesAnswerSchema>;

/**
 * The images of an answer: `b64_json` that is a real image, `url` items
 * passed on for core to download. The images are paid for, so an item that
 * is neither is skipped while others are usable; only when none is does the
 * first problem become BAD_RESPONSE naming its field. An `error` in place of
 * `data` is the vendor's error.
 */
export function readImagesAnswer(
  answer: ImagesAnswer,
  context: AnswerContext,
): { images: VendorImage[]; usage?: Usage } {
  const items = answer.data ?? [];
  if (items.length === 0 && answer.error) throw errorInBody(answer.error, context);
  if (items.length === 0) unusableAnswer('without any image ("data" is empty).', context, 'data');
  const images: VendorImage[] = [];
  let firstProblem: unknown;
  items.forEach((raw, i) => {
    try {
      const item = imageItemSchema.safeParse(raw);
      if (!item.success) unusableAnswer(`with data[${i}] that ${item.error.issues[0]!.message}.`, context, `data.${i}`);
      const extra = item.data.revised_prompt ? { revisedPrompt: item.data.revised_prompt } : {};
      images.push(
        item.data.b64_json
          ? { data: checkedImage(item.data.b64_json, `data[${i}].b64_json`, context), ...extra }
          : { url: item.data.url!, ...extra },
      );
    } catch (problem) {
      firstProblem ??= problem;
    }
  });
  if (images.length === 0) throw firstProblem;
  return { images, usage: answer.usage };
}
