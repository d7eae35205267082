/**
 * @imagegate/provider-gptproto: GPTProto for ImageGate. gpt-image models
 * (generate, edit with masks, streamed partial images) and Gemini 2.5 Flash
 * Image (generate, edit), declared once with core's `defineProvider`.
 * @packageDocumentation
 */
export { createGptProto, gptProto, GPTPROTO_BASE_URL, type GptProtoProvider, type GptProtoProviderSettings } from './gptproto-provider.js';
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
export { mapGptProtoError } from './gptproto-errors.js';
export { GEMINI_SAFETY_REASONS } from './gptproto-gemini-answer.js';
