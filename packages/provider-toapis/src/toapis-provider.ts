import { defineProvider, ImageGateError, type ImageProvider, type ProviderSettings } from '@imagegate/core/provider';
import { z } from 'zod';
import { mapToApisError, PROVIDER_ID } from './toapis-errors.js';
import { generationBody, submitGeneration } from './toapis-images-api.js';
import { describeToApisModel, TOAPIS_MODELS, type ToApisModelId } from './toapis-models.js';
import { toApisProviderOptionsSchema, type ToApisProviderOptions } from './toapis-options.js';
import { getGenerationTask } from './toapis-tasks-api.js';
import { DEFAULT_UPLOAD_CONCURRENCY, resolveImageUrls } from './toapis-uploads-api.js';

/** ToAPIs' API origin. */
export const TOAPIS_BASE_URL = 'https://toapis.com';

/** ToAPIs' own settings beyond core's. */
const settingsSchema = z.object({
  /** Reference-image uploads in flight at once per request. Default 3. */
  uploadConcurrency: z.number().int().min(1).max(16).default(DEFAULT_UPLOAD_CONCURRENCY),
});

/** Options of {@link createToApis}: the key (sent as `Authorization: Bearer <key>`), base URL, headers and transport, plus `uploadConcurrency` (1–16, default 3). */
export type ToApisProviderSettings = ProviderSettings & Partial<z.input<typeof settingsSchema>>;

/** The ToAPIs image provider. */
export type ToApisProvider = ImageProvider<ToApisModelId>;

/**
 * ToAPIs, declared once: Gemini 2.5 Flash Image (`nano-banana`) as
 * asynchronous tasks. Reference images given as bytes are uploaded first
 * (ToAPIs takes URLs only); core's engine polls and downloads the results.
 */
export const toApis = defineProvider<ToApisModelId, ToApisProviderOptions, z.output<typeof settingsSchema>>({
  id: PROVIDER_ID,
  name: 'ToAPIs',
  docsUrl: 'https://docs.toapis.com',
  models: TOAPIS_MODELS,
  describeModel: describeToApisModel,
  credentials: { baseUrl: TOAPIS_BASE_URL, auth: { schemes: ['bearer'] } },
  keyCheck: { method: 'GET', path: '/v1/models' },
  settings: settingsSchema,
  providerOptions: toApisProviderOptionsSchema,
  mapError: mapToApisError,
  validate(request, model) {
    if (request.mask !== undefined) {
      throw new ImageGateError('UNSUPPORTED', `${model.id} on ToAPIs takes no mask; describe the change in the prompt and pass the image in "images".`, {
        field: 'mask',
        provider: PROVIDER_ID,
        model: model.id,
        retryable: false,
      });
    }
  },
  async submit(request, ctx) {
    if (request.n !== undefined && request.n > 1) ctx.warn(`ToAPIs makes one image per task; n=${request.n} was sent as 1 (generateImage fans n out into tasks).`);
    const imageUrls = await resolveImageUrls(ctx.http, request.images ?? [], { model: request.model, purpose: ctx.options.uploadPurpose, concurrency: ctx.settings.uploadConcurrency }, ctx);
    const defaultSize = TOAPIS_MODELS.find((m) => m.id === request.model)?.defaultSize ?? '1:1';
    return submitGeneration(generationBody(request, imageUrls, ctx.options, defaultSize), ctx);
  },
  getTask: getGenerationTask,
});

/**
 * Create the ToAPIs provider.
 *
 * @example
 * const provider = createToApis({ apiKey: process.env.TOAPIS_API_KEY! });
 * const { images } = await generateImage({ provider, model: 'nano-banana', prompt: 'a lighthouse at dusk', size: '16:9' });
 */
export function createToApis(settings: ToApisProviderSettings): ToApisProvider {
  return toApis.create(settings);
}
