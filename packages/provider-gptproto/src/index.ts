/**
 * @imagegate/provider-gptproto: GPTProto for ImageGate. gpt-image models
 * (generate, edit with masks, streamed partial images) and Gemini 2.5 Flash
 * Image (generate, edit), on core's HTTP client, validation and contract.
 * @packageDocumentation
 */
export { createGptProto, GPTPROTO_BASE_URL, type GptProtoProvider, type GptProtoProviderSettings } from './gptproto-provider.js';
export {
  describeGptProtoModel,
  GEMINI_RESOLUTIONS,
  GPTPROTO_MODELS,
  modelFamily,
  type GptProtoGeminiModelId,
  type GptProtoGptImageModelId,
  type GptProtoModelFamily,
  type GptProtoModelId,
} from './gptproto-models.js';
export {
  gptProtoProviderOptionsSchema,
  type GptProtoPartialImageCallback,
  type GptProtoPartialImageEvent,
  type GptProtoProviderOptions,
} from './gptproto-options.js';
export { GEMINI_SAFETY_REASONS, mapGptProtoError } from './gptproto-errors.js';
