/**
 * @imagegate/provider-toapis: ToAPIs for ImageGate. Gemini image models
 * (Nano Banana, Nano Banana Pro, Nano Banana 2), GPT-4o Image, GPT Image 2,
 * Seedream and Flux as asynchronous tasks, with resolution tiers, masks and
 * reference images uploaded for you; polling and downloads by core's engine;
 * declared once with core's `defineProvider`. The package exports its factory, its definition (for
 * hosts), its settings and option types, and its models; the rest is internal.
 * @packageDocumentation
 */
export {
  createToApis,
  toApis,
  TOAPIS_BASE_URL,
  type ToApisProvider,
  type ToApisProviderSettings,
} from './toapis-provider.js';
export { TOAPIS_MODELS, TOAPIS_RESOLUTIONS, type ToApisModelId } from './toapis-models.js';
export type { ToApisProviderOptions } from './toapis-options.js';
export { TOAPIS_ACCOUNT } from './toapis-account.js';
