import * as z from 'zod';

/**
 * ToAPIs' answers as its documents show them, read with these schemas: a
 * field of the wrong shape is BAD_RESPONSE naming it (core's `http.json`).
 * Fields we do not use are left unchecked; strings the vendor may send empty
 * are optional.
 */

/** A string the vendor may also send empty or null: undefined then. */
const text = z
  .string()
  .nullish()
  .transform((v) => v || undefined);
const code = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => v || undefined);
const httpUrl = z.string().regex(/^https?:\/\/\S+$/i, 'an http(s) URL');

/** An error object as ToAPIs writes it (`code` may be a word or a status number). */
export const vendorErrorSchema = z.object({ message: text, code, type: text });

/**
 * `POST /v1/images/generations`: a task id, or (with 200) an error object instead; either may be null beside the other.
 */
export const submitAnswerSchema = z.object({ id: text, error: vendorErrorSchema.nullish().catch(undefined) });

/** One result entry: a URL string, or `{ url, revised_prompt }`; anything else is skipped. */
const resultEntry = z.union([
  httpUrl.transform((url) => ({ url, revised_prompt: undefined as string | undefined })),
  z.object({ url: httpUrl, revised_prompt: z.string().optional() }),
]);

/** `GET /v1/images/generations/{id}`. */
export const taskAnswerSchema = z.object({
  /** The task the answer is about: core refuses the status of another task. */
  id: code.catch(undefined),
  status: z.string().transform((s) => s.trim().toLowerCase()),
  /** 0–100, as a number or a numeric string; unreadable values are dropped. */
  progress: z
    .preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().catch(Number.NaN))
    .optional(),
  result: z
    .object({ data: z.array(z.unknown()).optional() })
    .partial()
    .optional()
    .catch(undefined),
  /** Some answers carry the single result URL at the top level instead. */
  url: z.unknown().optional(),
  /** Unix seconds (or ms) after which result URLs stop working. */
  expires_at: z.number().positive().optional().catch(undefined),
  error: z.union([z.string(), vendorErrorSchema]).optional().catch(undefined),
  fail_reason: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
});

export type TaskAnswer = z.infer<typeof taskAnswerSchema>;

/** Result entries that are usable: URL strings or objects with a URL; others are skipped. */
export function resultEntries(entries: readonly unknown[]): Array<{ url: string; revised_prompt?: string }> {
  return entries.flatMap((entry) => {
    const parsed = resultEntry.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * `POST /v1/uploads/images`: the stored file's URL (`data.url`,
 * or `url`), or `success: false` with a reason (even with 200).
 */
export const uploadAnswerSchema = z.object({
  success: z.boolean().nullish(),
  data: z
    .object({ url: httpUrl.nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  url: httpUrl.nullish().catch(undefined),
  message: text,
  error: text.catch(undefined),
  code,
});

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  return httpUrl.safeParse(value).success;
}
