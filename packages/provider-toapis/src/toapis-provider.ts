import { defineProvider, type ImageProvider, type ProviderSettings } from '@imagegate/core/provider';
import * as z from 'zod/mini';
import { TOAPIS_ACCOUNT } from './toapis-account.js';
import { mapToApisError } from './toapis-errors.js';
import { generationBody, submitGeneration } from './toapis-images-api.js';
import { describeToApisModel, TOAPIS_MODELS, type ToApisModelId } from './toapis-models.js';
import { toApisProviderOptionsSchema, type ToApisProviderOptions } from './toapis-options.js';
import { checkToApisRequest } from './toapis-request-checks.js';
import { getGenerationTask } from './toapis-tasks-api.js';
import { DEFAULT_UPLOAD_CONCURRENCY, resolveImageUrls, type NamedImage } from './toapis-uploads-api.js';
import { wireRuleFor } from './toapis-wire-rules.js';

/** ToAPIs' API origin. */
export { TOAPIS_BASE_URL } from './toapis-account.js';

/** ToAPIs' own settings beyond core's. */
const settingsSchema = z.object({
  /** Reference-image uploads in flight at once per request. Default 3. */
  uploadConcurrency: z._default(z.int().check(z.minimum(1), z.maximum(16)), DEFAULT_UPLOAD_CONCURRENCY),
});

/**
 * Options of {@link createToApis}: the key (sent as `Authorization: Bearer <key>`),
 * base URL, headers and transport, plus `uploadConcurrency` (1–16, default 3).
 */
export type ToApisProviderSettings = ProviderSettings & Partial<z.input<typeof settingsSchema>>;

/** The ToAPIs image provider. */
export type ToApisProvider = ImageProvider<ToApisModelId>;

/**
 * ToAPIs, declared once: Gemini (Nano Banana, Nano Banana Pro, Nano Banana 2),
 * GPT-4o Image, GPT Image 2, Seedream and Flux as asynchronous tasks. Input
 * images (and masks) given as bytes are uploaded first (ToAPIs takes URLs
 * only); each model's wire rule writes the body; core's engine polls and
 * downloads the results.
 */
export const toApis = defineProvider<ToApisModelId, ToApisProviderOptions, z.output<typeof settingsSchema>>({
  ...TOAPIS_ACCOUNT,
  models: TOAPIS_MODELS,
  describeModel: describeToApisModel,
  settings: settingsSchema,
  providerOptions: toApisProviderOptionsSchema,
  mapError: mapToApisError,
  validate: checkToApisRequest,
  async submit(request, ctx) {
    const rule = wireRuleFor(ctx.model.id);
    if (rule.n === 'one-per-task' && request.n !== undefined && request.n > 1) {
      ctx.warn(
        `${ctx.model.id} on ToAPIs makes one image per task; n=${request.n} ` +
          `was sent as 1 (generateImage fans n out into tasks).`,
      );
    }
    // The mask is uploaded with the references (same endpoint, same limits), named "mask" in errors.
    const inputs: NamedImage[] = (request.images ?? []).map((image, i) => ({ field: `images[${i}]`, image }));
    if (request.mask) inputs.push({ field: 'mask', image: request.mask });
    const urls = await resolveImageUrls(
      ctx.http,
      inputs,
      { model: request.model, purpose: ctx.options.uploadPurpose, concurrency: ctx.settings.uploadConcurrency },
      ctx,
    );
    const maskUrl = request.mask ? urls.pop() : undefined;
    const body = generationBody(
      request,
      { imageUrls: urls, maskUrl, defaultSize: ctx.model.defaultSize, rule },
      ctx.options,
    );
    return submitGeneration(body, ctx);
  },
  getTask: getGenerationTask,
});

/**
 * Create the ToAPIs provider.
 *
 * @example
 * const provider = createToApis({ apiKey: process.env.TOAPIS_API_KEY! });
 * const { images } = await generateImage({
 *   provider,
 *   model: 'gemini-3-pro-image-preview',
 *   prompt: 'a lighthouse at dusk',
 *   size: '16:9',
 *   resolution: '2K',
 * });
 */
export function createToApis(settings: ToApisProviderSettings): ToApisProvider {
  return toApis.create(settings);
}
