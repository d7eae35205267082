import type { ModelSpec } from '../manifest/model-spec.js';
import type { ImageProvider } from '../provider/image-provider.js';
import type { ImageRequest } from '../request/image-request.js';
import { findModel, validateRequest } from '../request/validate-request.js';
import type { GenerateImageOptions } from './options.js';

const REQUEST_KEYS = [
  'model',
  'prompt',
  'images',
  'mask',
  'n',
  'size',
  'resolution',
  'quality',
  'background',
  'outputFormat',
  'outputCompression',
  'moderation',
  'seed',
  'providerOptions',
] as const satisfies ReadonlyArray<keyof ImageRequest>;

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
  const model = findModel(provider.models, options.model, provider, provider.describeModel?.bind(provider));
  const request = {} as ImageRequest;
  for (const key of REQUEST_KEYS) {
    if (options[key] !== undefined) (request as unknown as Record<string, unknown>)[key] = options[key];
  }
  const typed = validateRequest(request, model, { provider: provider.id, providerOptionsSchema: provider.providerOptionsSchema });
  provider.validate?.(typed, model);

  const warnings: string[] = [];
  if (model.deprecated) {
    warnings.push(`${model.id} is deprecated: ${model.deprecated.message}${model.deprecated.replacement ? ` Use ${model.deprecated.replacement}.` : ''}`);
  }
  const total = request.n ?? 1;
  const calls: ImageRequest[] = [];
  for (let left = total; left > 0; left -= model.maxImagesPerCall) {
    calls.push({ ...typed, n: Math.min(left, model.maxImagesPerCall) });
  }
  return { model, request: typed, calls, warnings };
}
