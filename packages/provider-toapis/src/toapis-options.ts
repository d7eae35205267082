import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini words a problem ("Too big: expected number to be <=3") only once a locale is set; plain zod sets English
// when it loads. Set it too, unless the application chose one: else a refused option would only say "Invalid input".
if (!z.config().localeError) z.config(en());

/**
 * `providerOptions` for ToAPIs, checked by core before any request. Unknown
 * keys are refused, so a typo fails loudly instead of being dropped.
 */
export const toApisProviderOptionsSchema = z.strictObject({
  /**
   * Merged into the request's `metadata` object, over what the model's wire
   * rule put there (objects are merged key by key, so a value here wins):
   * the vendor's extra settings, e.g. `{ watermark: false }` on Seedream,
   * `{ safety_tolerance: 4 }` on Flux Kontext, `{ temperature: 1.0 }` on
   * the official Gemini channels.
   */
  metadata: z.optional(z.record(z.string(), z.unknown(), { error: 'must be an object' })),
  /** Sent as `purpose` with each reference-image upload, when set. */
  uploadPurpose: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

/** The ToAPIs provider options. */
export type ToApisProviderOptions = z.infer<typeof toApisProviderOptionsSchema>;
