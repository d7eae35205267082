import {
  apiOrigin,
  headersWithDefaults,
  createHttpClient,
  ImageGateError,
  operationOf,
  registerSecret,
  type HttpTransport,
  type ImageProvider,
  type ImageRequest,
  type ModelSpec,
  type ProviderCallContext,
  type ProviderFactoryOptions,
  type SubmitResult,
} from '@imagegate/core';
import { editImages } from './gptproto-edits-api.js';
import { mapGptProtoError, PROVIDER_ID } from './gptproto-errors.js';
import { generateContent } from './gptproto-generate-content-api.js';
import { generateImages } from './gptproto-images-api.js';
import { describeGptProtoModel, GPTPROTO_MODELS, modelFamily, type GptProtoModelId } from './gptproto-models.js';
import { gptProtoProviderOptionsSchema, readProviderOptions } from './gptproto-options.js';
import { validateGptProtoRequest } from './gptproto-validate.js';

/** GPTProto's API origin. */
export const GPTPROTO_BASE_URL = 'https://gptproto.com';

/** Options of {@link createGptProto}. */
export interface GptProtoProviderSettings extends ProviderFactoryOptions {
  /** Your GPTProto API key (`sk-…`). Passed in: the provider reads no environment variables. */
  apiKey: string;
  /**
   * API origin, default `https://gptproto.com`. Paths (`/v1/images/…`,
   * `/v1beta/models/…`) are appended; a trailing `/v1` is dropped.
   */
  baseUrl?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Route HTTP through the host's own client. */
  transport?: HttpTransport;
  /**
   * How the key goes into `Authorization`: `'bare'` (the default, as the
   * documents' examples send it) or `'bearer'` (`Bearer <key>`, for accounts
   * that need it).
   */
  authScheme?: 'bare' | 'bearer';
}

/** The GPTProto image provider. */
export type GptProtoProvider = ImageProvider<GptProtoModelId>;

/**
 * Create the GPTProto provider: gpt-image models (generate, edit, streamed
 * partial images) and Gemini 2.5 Flash Image (generate, edit).
 *
 * @example
 * const provider = createGptProto({ apiKey: process.env.GPTPROTO_API_KEY! });
 * const { images } = await generateImage({ provider, model: 'gpt-image-2', prompt: 'a cat', size: '1024x1024' });
 */
export function createGptProto(settings: GptProtoProviderSettings): GptProtoProvider {
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey.trim() : '';
  registerSecret(apiKey);
  const authorization = settings.authScheme === 'bearer' ? `Bearer ${apiKey}` : apiKey;
  const headers = headersWithDefaults(settings.headers, { authorization });
  const baseUrl = apiOrigin(settings.baseUrl ?? GPTPROTO_BASE_URL);

  const http = createHttpClient({
    provider: PROVIDER_ID,
    baseUrl,
    headers,
    transport: settings.transport,
    mapError: mapGptProtoError,
  });

  function requireKey(model: string): void {
    if (!apiKey) {
      throw new ImageGateError('INVALID_REQUEST', 'createGptProto needs "apiKey" (your GPTProto key, sk-…); it is missing or empty.', {
        field: 'apiKey',
        provider: PROVIDER_ID,
        model,
        retryable: false,
      });
    }
  }

  return {
    specificationVersion: 'v1',
    id: PROVIDER_ID,
    name: 'GPTProto',
    models: GPTPROTO_MODELS,
    baseUrl,
    transport: settings.transport,
    providerOptionsSchema: gptProtoProviderOptionsSchema,
    describeModel: describeGptProtoModel,
    validate(request: ImageRequest<GptProtoModelId>, model: ModelSpec<GptProtoModelId>): void {
      requireKey(model.id);
      validateGptProtoRequest(request, model);
    },
    async submit(request: ImageRequest<GptProtoModelId>, ctx: ProviderCallContext): Promise<SubmitResult> {
      requireKey(request.model);
      const options = readProviderOptions(request.providerOptions, PROVIDER_ID, request.model);
      const edit = operationOf(request) === 'edit';
      if (modelFamily(request.model) === 'gemini') {
        return edit ? generateContent(http, PROVIDER_ID, request, options, ctx) : generateImages(http, PROVIDER_ID, request, options, ctx);
      }
      return edit ? editImages(http, PROVIDER_ID, request, options, ctx) : generateImages(http, PROVIDER_ID, request, options, ctx);
    },
  };
}
