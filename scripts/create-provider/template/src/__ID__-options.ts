import { z } from 'zod';

/**
 * `providerOptions` for __NAME__: vendor fields ImageGate has no name for.
 * Core checks them against this schema before any request; unknown keys are
 * refused, so a typo fails loudly instead of being dropped.
 */
export const __CAMEL__ProviderOptionsSchema = z
  .object({
    /** Sent as `user`: your end user's id, for the vendor's abuse monitoring. */
    user: z.string().min(1).max(256).optional(),
  })
  .strict();

/** The __NAME__ provider options. */
export type __NAME__ProviderOptions = z.infer<typeof __CAMEL__ProviderOptionsSchema>;
