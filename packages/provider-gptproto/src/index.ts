/**
 * @imagegate/provider-gptproto: GPTProto for ImageGate. gpt-image models
 * (generate, edit with masks, streamed partial images) and Gemini 2.5 Flash
 * Image (generate, edit), declared once with core's `defineProvider`.
 * The package exports its factory, its definition (for hosts), its settings
 * and option types, and its models; the rest is internal.
 * @packageDocumentation
 */
export {
  createGptProto,
  gptProto,
  GPTPROTO_BASE_URL,
  type GptProtoProvider,
  type GptProtoProviderSettings,
} from './gptproto-provider.js';
export {
  GEMINI_RESOLUTIONS,
  GPTPROTO_MODELS,
  type GptProtoGeminiModelId,
  type GptProtoGptImageModelId,
  type GptProtoModelId,
} from './gptproto-models.js';
export type {
  GptProtoPartialImageCallback,
  GptProtoPartialImageEvent,
  GptProtoProviderOptions,
} from './gptproto-options.js';
export { GPTPROTO_ACCOUNT } from './gptproto-account.js';
