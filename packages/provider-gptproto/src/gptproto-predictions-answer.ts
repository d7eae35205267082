import * as z from 'zod/mini';
import { bodyErrorSchema } from './gptproto-errors.js';

/**
 * The v3 API's prediction envelope, `{ data: { id, status, outputs, urls,
 * error, … }, code, message }`, read with this schema (a field of the wrong
 * shape is BAD_RESPONSE naming it). The vendor's pages disagree on details —
 * `error` as null, "" or an object; snake_case or camelCase beside it —
 * so only the fields we use are read, leniently.
 */

/** A string or number id, as text; undefined when empty. */
const id = z.pipe(
  z.nullish(z.union([z.string(), z.pipe(z.number(), z.transform(String))])),
  z.transform((v) => v || undefined),
);

/** The prediction's error: a message, an `{ message, code }` object, or nothing ("" and null alike). */
const predictionError = z.catch(
  z.nullish(
    z.union([
      z.pipe(
        z.string(),
        z.transform((message) => (message ? { message, code: undefined as string | undefined } : undefined)),
      ),
      z.object({
        message: z.optional(z.string()),
        code: z.optional(z.union([z.string(), z.pipe(z.number(), z.transform(String))])),
      }),
    ]),
  ),
  undefined,
);

/** One prediction. */
export const predictionSchema = z.object({
  id,
  model: z.catch(z.nullish(z.string()), undefined),
  /**
   * pending, in_progress, completed, failed, cancelled, expired (the SDK's), or created, processing (lower-cased
   * here).
   */
  status: z.pipe(
    z.nullish(z.string()),
    z.transform((s) => s?.trim().toLowerCase() || undefined),
  ),
  /** URLs, or base64 with `enable_base64_output`; checked one by one when read. */
  outputs: z.catch(z.nullish(z.array(z.unknown())), undefined),
  error: predictionError,
});

/** The envelope of `POST /api/v3/{vendor}/{model}/{task}` and `GET /api/v3/predictions/{id}/result`. */
export const predictionAnswerSchema = z.object({
  data: z.nullish(predictionSchema),
  /** The envelope's own status; 200 on success, an HTTP-like code when the call was refused inside a 200. */
  code: z.catch(
    z.nullish(z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))])),
    undefined,
  ),
  message: z.catch(z.nullish(z.string()), undefined),
  /** GPTProto's usual `{ error: { message, type } }`, which some refusals carry instead. */
  error: z.catch(z.nullish(bodyErrorSchema), undefined),
});

export type PredictionAnswer = z.output<typeof predictionAnswerSchema>;
export type Prediction = z.output<typeof predictionSchema>;
