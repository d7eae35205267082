import {
  apiOrigin,
  headersWithDefaults,
  createHttpClient,
  ImageGateError,
  registerSecret,
  type HttpTransport,
  type ImageProvider,
  type ImageRequest,
  type ModelSpec,
  type ProviderCallContext,
  type ProviderFactoryOptions,
  type SubmitResult,
  type TaskHandle,
  type TaskStatus,
} from '@imagegate/core';
import { mapToApisError, PROVIDER_ID } from './toapis-errors.js';
import { generationBody, submitGeneration } from './toapis-images-api.js';
import { describeToApisModel, TOAPIS_MODELS, type ToApisModelId } from './toapis-models.js';
import { readProviderOptions, toApisProviderOptionsSchema } from './toapis-options.js';
import { getGenerationTask } from './toapis-tasks-api.js';
import { DEFAULT_UPLOAD_CONCURRENCY, resolveImageUrls } from './toapis-uploads-api.js';

/** ToAPIs' API origin. */
export const TOAPIS_BASE_URL = 'https://toapis.com';

/** Options of {@link createToApis}. */
export interface ToApisProviderSettings extends ProviderFactoryOptions {
  /** Your ToAPIs API key, sent as `Authorization: Bearer <key>`. Passed in: the provider reads no environment variables. */
  apiKey: string;
  /** API origin, default `https://toapis.com`; `/v1/…` paths are appended (a trailing `/v1` is dropped). */
  baseUrl?: string;
  /** Extra headers on every request (an `authorization` here replaces the default). */
  headers?: Record<string, string>;
  /** Route HTTP through the host's own client. Core also downloads results through it. */
  transport?: HttpTransport;
  /** Reference-image uploads in flight at once per request. Default 3. */
  uploadConcurrency?: number;
}

/** The ToAPIs image provider. */
export type ToApisProvider = ImageProvider<ToApisModelId>;

/**
 * Create the ToAPIs provider: Gemini 2.5 Flash Image (`nano-banana`) as
 * asynchronous tasks. Reference images given as bytes are uploaded first
 * (ToAPIs takes URLs only); core's engine polls and downloads the results.
 *
 * @example
 * const provider = createToApis({ apiKey: process.env.TOAPIS_API_KEY! });
 * const { images } = await generateImage({ provider, model: 'nano-banana', prompt: 'a lighthouse at dusk', size: '16:9' });
 */
export function createToApis(settings: ToApisProviderSettings): ToApisProvider {
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey.trim() : '';
  registerSecret(apiKey);
  const baseUrl = apiOrigin(settings.baseUrl ?? TOAPIS_BASE_URL);
  // A host may authenticate through its own header (a proxy's), else the key.
  const hasCredential = apiKey !== '' || Object.keys(settings.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
  const headers = headersWithDefaults(settings.headers, { authorization: `Bearer ${apiKey}` });
  const uploadConcurrency = Math.max(1, Math.floor(settings.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY));

  const http = createHttpClient({ provider: PROVIDER_ID, baseUrl, headers, transport: settings.transport, mapError: mapToApisError });

  function requireKey(model: string): void {
    if (!hasCredential) {
      throw new ImageGateError('INVALID_REQUEST', 'createToApis needs "apiKey" (your ToAPIs key); it is missing or empty.', {
        field: 'apiKey',
        provider: PROVIDER_ID,
        model,
        retryable: false,
      });
    }
  }

  function specOf(model: string): ModelSpec<ToApisModelId> | undefined {
    return TOAPIS_MODELS.find((m) => m.id === model);
  }

  return {
    specificationVersion: 'v1',
    id: PROVIDER_ID,
    name: 'ToAPIs',
    models: TOAPIS_MODELS,
    baseUrl,
    describeModel: describeToApisModel,
    transport: settings.transport,
    providerOptionsSchema: toApisProviderOptionsSchema,
    validate(request: ImageRequest<ToApisModelId>, model: ModelSpec<ToApisModelId>): void {
      requireKey(model.id);
      if (request.mask !== undefined) {
        throw new ImageGateError('UNSUPPORTED', `${model.id} on ToAPIs takes no mask; describe the change in the prompt and pass the image in "images".`, {
          field: 'mask',
          provider: PROVIDER_ID,
          model: model.id,
          retryable: false,
        });
      }
    },
    async submit(request: ImageRequest<ToApisModelId>, ctx: ProviderCallContext): Promise<SubmitResult> {
      requireKey(request.model);
      const options = readProviderOptions(request.providerOptions, PROVIDER_ID, request.model);
      if (request.n !== undefined && request.n > 1) ctx.warn(`ToAPIs makes one image per task; n=${request.n} was sent as 1 (generateImage fans n out into tasks).`);
      const imageUrls = await resolveImageUrls(http, request.images ?? [], { model: request.model, purpose: options.uploadPurpose, concurrency: uploadConcurrency }, ctx);
      const body = generationBody(request, imageUrls, options.metadata, specOf(request.model)?.defaultSize ?? '1:1');
      return submitGeneration(http, baseUrl, body, ctx);
    },
    async getTask(task: TaskHandle, ctx: ProviderCallContext): Promise<TaskStatus> {
      requireKey(task.model);
      return getGenerationTask(http, task, ctx);
    },
  };
}
