import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini (a smaller n8n bundle than plain zod) words a problem only once a locale is set; plain zod sets English
// when it loads. Set it too, unless the application chose one: else a refused option would only say "Invalid input".
if (!z.config().localeError) z.config(en());

/**
 * `providerOptions` for __NAME__: vendor fields ImageGate has no name for.
 * Core parses them once, before any request (`ctx.options` in `submit`);
 * unknown keys are refused, so a typo fails loudly.
 */
export const __CAMEL__ProviderOptionsSchema = z.strictObject({
  /** Sent as `input.negative_prompt`: what the image should not show. `__ID__-image-1` only. */
  negativePrompt: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
});

/** The __NAME__ provider options. */
export type __NAME__ProviderOptions = z.infer<typeof __CAMEL__ProviderOptionsSchema>;
