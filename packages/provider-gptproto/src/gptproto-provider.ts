import { defineProvider, operationOf, type ImageProvider, type ProviderSettings } from '@imagegate/core/provider';
import { mapGptProtoError, PROVIDER_ID } from './gptproto-errors.js';
import { generateContent } from './gptproto-generate-content-api.js';
import { editImages, generateImages } from './gptproto-images-api.js';
import { describeGptProtoModel, GPTPROTO_MODELS, modelFamily, type GptProtoModelId } from './gptproto-models.js';
import { gptProtoProviderOptionsSchema, type GptProtoProviderOptions } from './gptproto-options.js';
import { validateGptProtoRequest } from './gptproto-validate.js';

/** GPTProto's API origin. */
export const GPTPROTO_BASE_URL = 'https://gptproto.com';

/** Options of {@link createGptProto}: core's provider settings. */
export interface GptProtoProviderSettings extends ProviderSettings {
  /** Your GPTProto API key (`sk-…`). */
  apiKey: string;
  /** `'bare'` (the default, `Authorization: <key>` as the documents send it) or `'bearer'` (`Bearer <key>`, for accounts that need it). */
  authScheme?: 'bare' | 'bearer';
}

/** The GPTProto image provider. */
export type GptProtoProvider = ImageProvider<GptProtoModelId>;

/**
 * GPTProto, declared once: gpt-image models (generate, edit, streamed partial
 * images) on the OpenAI Images endpoints, and Gemini 2.5 Flash Image
 * (generate there, edit through Gemini's generateContent).
 */
export const gptProto = defineProvider<GptProtoModelId, GptProtoProviderOptions>({
  id: PROVIDER_ID,
  name: 'GPTProto',
  docsUrl: 'https://docs.gptproto.com',
  models: GPTPROTO_MODELS,
  describeModel: describeGptProtoModel,
  credentials: { baseUrl: GPTPROTO_BASE_URL, auth: { schemes: ['bare', 'bearer'] }, keyHint: 'sk-…' },
  keyCheck: { method: 'GET', path: '/v1/models' },
  providerOptions: gptProtoProviderOptionsSchema,
  mapError: mapGptProtoError,
  validate: validateGptProtoRequest,
  submit(request, ctx) {
    if (operationOf(request) === 'generate') return generateImages(request, ctx);
    return modelFamily(request.model) === 'gemini' ? generateContent(request, ctx) : editImages(request, ctx);
  },
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
