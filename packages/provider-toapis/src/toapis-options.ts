import * as z from 'zod';

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
  metadata: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
  /** Sent as `purpose` with each reference-image upload, when set. */
  uploadPurpose: z.string().min(1).max(100).optional(),
});

/** The ToAPIs provider options. */
export type ToApisProviderOptions = z.infer<typeof toApisProviderOptionsSchema>;
