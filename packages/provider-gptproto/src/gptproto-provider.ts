import { defineProvider, operationOf, type ImageProvider, type ProviderSettings } from '@imagegate/core/provider';
import { GPTPROTO_ACCOUNT } from './gptproto-account.js';
import { mapGptProtoError } from './gptproto-errors.js';
import { generateContent } from './gptproto-generate-content-api.js';
import { editImages, generateImages } from './gptproto-images-api.js';
import { describeGptProtoModel, GPTPROTO_MODELS, modelFamily, type GptProtoModelId } from './gptproto-models.js';
import { gptProtoProviderOptionsSchema, type GptProtoProviderOptions } from './gptproto-options.js';
import { getPrediction, submitPrediction } from './gptproto-predictions-api.js';
import { validateGptProtoRequest } from './gptproto-validate.js';

/** GPTProto's API origin. */
export { GPTPROTO_BASE_URL } from './gptproto-account.js';

/** Options of {@link createGptProto}: core's provider settings. */
export interface GptProtoProviderSettings extends ProviderSettings {
  /** Your GPTProto API key (`sk-…`). */
  apiKey: string;
  /**
   * `'bare'` (`Authorization: <key>`, as every model page sends it) or
   * `'bearer'` (`Bearer <key>`, as the authentication page and the SDK say):
   * exactly that form. Unset (the default): bare, and on a 401 `Bearer` once,
   * kept for this key (core).
   */
  authScheme?: 'bare' | 'bearer';
}

/** The GPTProto image provider. */
export type GptProtoProvider = ImageProvider<GptProtoModelId>;

/**
 * GPTProto, declared once: gpt-image models (generate, edit, streamed partial
 * images) on the OpenAI Images endpoints, Gemini 2.5 Flash Image (generate
 * there, edit through Gemini's generateContent), Flux Kontext, and the
 * asynchronous v3 API's predictions (Gemini 3 Pro and 3.1 Flash Image at
 * 1K/2K/4K, Seedream).
 */
export const gptProto = defineProvider<GptProtoModelId, GptProtoProviderOptions>({
  ...GPTPROTO_ACCOUNT,
  models: GPTPROTO_MODELS,
  describeModel: describeGptProtoModel,
  providerOptions: gptProtoProviderOptionsSchema,
  mapError: mapGptProtoError,
  validate: validateGptProtoRequest,
  submit(request, ctx) {
    const edit = operationOf(request) === 'edit';
    switch (modelFamily(ctx.model.id)) {
      case 'predictions':
        // v3 takes reference URLs only; Gemini 3 takes bytes inline through generateContent.
        return request.images?.some((image) => 'data' in image)
          ? generateContent(request, ctx)
          : submitPrediction(request, ctx);
      case 'gemini':
        return edit ? generateContent(request, ctx) : generateImages(request, ctx);
      case 'flux':
        return generateImages(request, ctx);
      case 'gpt-image':
        return edit ? editImages(request, ctx) : generateImages(request, ctx);
    }
  },
  getTask: getPrediction,
});

/**
 * Create the GPTProto provider.
 *
 * @example
 * const provider = createGptProto({ apiKey: process.env.GPTPROTO_API_KEY! });
 * const { images } = await generateImage({ provider, model: 'gpt-image-2', prompt: 'a cat', size: '1024x1024' });
 */
export function createGptProto(settings: GptProtoProviderSettings): GptProtoProvider {
  return gptProto.create(settings);
}
