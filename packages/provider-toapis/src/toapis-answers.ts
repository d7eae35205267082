import * as z from 'zod/mini';

/**
 * ToAPIs' answers as its documents show them, read with these schemas: a
 * field of the wrong shape is BAD_RESPONSE naming it (core's `http.json`).
 * Fields we do not use are left unchecked; strings the vendor may send empty
 * are optional.
 */

/** A string the vendor may also send empty or null: undefined then. */
const text = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => v || undefined),
);
const code = z.pipe(
  z.nullish(z.union([z.string(), z.pipe(z.number(), z.transform(String))])),
  z.transform((v) => v || undefined),
);
const httpUrl = z.string().check(z.regex(/^https?:\/\/\S+$/i, 'an http(s) URL'));

/** An error object as ToAPIs writes it (`code` may be a word or a status number). */
export const vendorErrorSchema = z.object({ message: text, code, type: text });

/**
 * `POST /v1/images/generations`: a task id, or (with 200) an error object instead; either may be null beside the other.
 */
export const submitAnswerSchema = z.object({ id: text, error: z.catch(z.nullish(vendorErrorSchema), undefined) });

/** One result entry: a URL string, or `{ url, revised_prompt }`; anything else is skipped. */
const resultEntry = z.union([
  z.pipe(
    httpUrl,
    z.transform((url) => ({ url, revised_prompt: undefined as string | undefined })),
  ),
  z.object({ url: httpUrl, revised_prompt: z.optional(z.string()) }),
]);

/** `GET /v1/images/generations/{id}`. */
export const taskAnswerSchema = z.object({
  /** The task the answer is about: core refuses the status of another task. */
  id: z.catch(code, undefined),
  status: z.pipe(
    z.string(),
    z.transform((s) => s.trim().toLowerCase()),
  ),
  /** 0–100, as a number or a numeric string; unreadable values are dropped. */
  progress: z.optional(
    z.pipe(
      z.transform((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v)),
      z.catch(z.number(), Number.NaN),
    ),
  ),
  result: z.catch(z.optional(z.object({ data: z.optional(z.array(z.unknown())) })), undefined),
  /** Some answers carry the single result URL at the top level instead. */
  url: z.optional(z.unknown()),
  /** Unix seconds (or ms) after which result URLs stop working. */
  expires_at: z.catch(z.optional(z.number().check(z.positive())), undefined),
  error: z.catch(z.optional(z.union([z.string(), vendorErrorSchema])), undefined),
  fail_reason: z.catch(z.optional(z.string()), undefined),
  message: z.catch(z.optional(z.string()), undefined),
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
  success: z.nullish(z.boolean()),
  data: z.catch(z.nullish(z.object({ url: z.catch(z.nullish(httpUrl), undefined) })), undefined),
  url: z.catch(z.nullish(httpUrl), undefined),
  message: text,
  error: z.catch(text, undefined),
  code,
});

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  return httpUrl.safeParse(value).success;
}
