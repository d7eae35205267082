import {
  createHttpClient,
  ImageGateError,
  registerSecret,
  type HttpTransport,
  type ImageProvider,
  type ProviderFactoryOptions,
} from '@imagegate/core';
import { map__NAME__Error, PROVIDER_ID } from './__ID__-errors.js';
import { generateImages } from './__ID__-images-api.js';
import { __CONST___MODELS, type __NAME__ModelId } from './__ID__-models.js';
import { __CAMEL__ProviderOptionsSchema } from './__ID__-options.js';

/** __NAME__'s API origin. */
export const __CONST___BASE_URL = 'https://api.__ID__.example';

/** Options of {@link __FACTORY__}. */
export interface __NAME__ProviderSettings extends ProviderFactoryOptions {
  /** Your __NAME__ API key, sent as `Authorization: Bearer <key>`. Passed in: the provider reads no environment variables. */
  apiKey: string;
  /** API origin (proxies, emulators). Default {@link __CONST___BASE_URL}. */
  baseUrl?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Route HTTP through the host's own client (n8n, a proxy, a test double). */
  transport?: HttpTransport;
}

/** The __NAME__ image provider. */
export type __NAME__Provider = ImageProvider<__NAME__ModelId>;

/**
 * Create the __NAME__ provider.
 *
 * @example
 * const provider = __FACTORY__({ apiKey: process.env.__CONST___API_KEY! });
 * const { images } = await generateImage({ provider, model: '__ID__-image-1', prompt: 'a lighthouse at dusk' });
 */
export function __FACTORY__(settings: __NAME__ProviderSettings): __NAME__Provider {
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey.trim() : '';
  // From here on no error, log or snapshot built by core can carry the key.
  registerSecret(apiKey);
  const baseUrl = settings.baseUrl ?? __CONST___BASE_URL;
  const http = createHttpClient({
    provider: PROVIDER_ID,
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}`, ...settings.headers },
    transport: settings.transport,
    mapError: map__NAME__Error,
  });

  return {
    specificationVersion: 'v1',
    id: PROVIDER_ID,
    name: '__NAME__',
    models: __CONST___MODELS,
    baseUrl,
    transport: settings.transport,
    providerOptionsSchema: __CAMEL__ProviderOptionsSchema,
    validate(_request, model) {
      // Runs before any request: a missing key fails here, not as a 401.
      if (!apiKey) {
        throw new ImageGateError('INVALID_REQUEST', '__FACTORY__ needs "apiKey" (your __NAME__ key); it is missing or empty.', {
          field: 'apiKey',
          provider: PROVIDER_ID,
          model: model.id,
          retryable: false,
        });
      }
    },
    submit: (request, ctx) => generateImages(http, request, ctx),
  };
}
