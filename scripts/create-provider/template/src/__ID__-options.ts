import * as z from 'zod';

/**
 * `providerOptions` for __NAME__: vendor fields ImageGate has no name for.
 * Core parses them once, before any request (`ctx.options` in `submit`);
 * unknown keys are refused, so a typo fails loudly.
 */
export const __CAMEL__ProviderOptionsSchema = z.strictObject({
  /** Sent as `input.negative_prompt`: what the image should not show. `__ID__-image-1` only. */
  negativePrompt: z.string().min(1).max(1000).optional(),
});

/** The __NAME__ provider options. */
export type __NAME__ProviderOptions = z.infer<typeof __CAMEL__ProviderOptionsSchema>;
