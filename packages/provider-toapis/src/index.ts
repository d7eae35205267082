/**
 * @imagegate/provider-toapis: ToAPIs for ImageGate. Gemini 2.5 Flash Image
 * (`nano-banana`) as asynchronous tasks, reference images uploaded for you,
 * polling and downloads by core's engine.
 * @packageDocumentation
 */
export { createToApis, toApis, TOAPIS_BASE_URL, type ToApisProvider, type ToApisProviderSettings } from './toapis-provider.js';
export {
  describeToApisModel,
  TOAPIS_INPUT_MIME_TYPES,
  TOAPIS_MAX_INPUT_IMAGES,
  TOAPIS_MAX_UPLOAD_BYTES,
  TOAPIS_MODELS,
  TOAPIS_RESOLUTIONS,
  type ToApisModelId,
} from './toapis-models.js';
export { toApisProviderOptionsSchema, type ToApisProviderOptions } from './toapis-options.js';
export { mapToApisError } from './toapis-errors.js';
export type { ToApisGenerationBody } from './toapis-images-api.js';
