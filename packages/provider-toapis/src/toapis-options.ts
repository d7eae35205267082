import { z } from 'zod';

/**
 * `providerOptions` for ToAPIs, checked by core before any request. Unknown
 * keys are refused, so a typo fails loudly instead of being dropped.
 */
export const toApisProviderOptionsSchema = z
  .object({
    /**
     * Sent as the request's `metadata` object: extra vendor settings (the
     * vendor documents e.g. an output resolution there). Passed through as is.
     */
    metadata: z.record(z.string(), z.unknown()).optional(),
    /** Sent as `purpose` with each reference-image upload, when set. */
    uploadPurpose: z.string().min(1).max(100).optional(),
  })
  .strict();

/** The ToAPIs provider options. */
export type ToApisProviderOptions = z.infer<typeof toApisProviderOptionsSchema>;
