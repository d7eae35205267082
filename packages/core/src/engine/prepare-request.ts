import type { ImageProvider } from '../authoring/image-provider.js';
import { resolveModel } from '../manifest/resolve-model.js';
import { unknownModel, validateRequest } from '../manifest/validate-request.js';
import { IMAGE_REQUEST_FIELDS, type ImageRequest } from '../spec/image-request.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { GenerateImageOptions } from './options.js';

/** Fields that name a value from a list or a size: surrounding white space is never meant. */
const TRIMMED_KEYS: ReadonlySet<string> = new Set([
  'model',
  'size',
  'resolution',
  'quality',
  'background',
  'outputFormat',
  'moderation',
]);

/** A validated request and the calls it fans out into. */
export interface PreparedRequest {
  model: ModelSpec;
  request: ImageRequest;
  /** One request per vendor call, each asking for at most `maxImagesPerCall` images. */
  calls: ImageRequest[];
  warnings: string[];
}

/**
 * Pick the request fields out of the flat options, validate them against the
 * manifest and the provider's own rules (nothing is sent before this passes),
 * and split `n` over the model's per-call limit.
 */
export function prepareRequest(options: GenerateImageOptions): PreparedRequest {
  const provider: ImageProvider = options.provider;
  const request = {} as ImageRequest;
  for (const key of IMAGE_REQUEST_FIELDS) {
    const value = options[key];
    // Normalised once, here: what is validated is what is sent (a pasted "2048x2048 " included).
    if (value !== undefined)
      (request as unknown as Record<string, unknown>)[key] =
        TRIMMED_KEYS.has(key) && typeof value === 'string' ? value.trim() : value;
  }
  // The one lookup of this request's model: everything after (provider, polls, cancel) is handed this spec.
  const model = resolveModel(provider, request.model);
  if (!model) throw unknownModel(provider, request.model);
  const typed = validateRequest(request, model, {
    provider: provider.id,
    providerOptionsSchema: provider.providerOptionsSchema,
  });
  provider.validate?.(typed, model);

  const warnings: string[] = [];
  if (model.deprecated) {
    warnings.push(
      `${model.id} is deprecated: ${model.deprecated.message}` +
        `${model.deprecated.replacement ? ` Use ${model.deprecated.replacement}.` : ''}`,
    );
  }
  const total = request.n ?? 1;
  const calls: ImageRequest[] = [];
  for (let left = total; left > 0; left -= model.maxImagesPerCall) {
    calls.push({ ...typed, n: Math.min(left, model.maxImagesPerCall) });
  }
  return { model, request: typed, calls, warnings };
}
