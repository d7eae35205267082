import { formatBytes, typeName } from '../errors/describe-value.js';
import { ImageGateError } from '../errors/image-gate-error.js';
import { operationOf, type ImageRequest, type InputImage } from '../spec/image-request.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { checkSchema, type Schema } from '../spec/schema.js';
import { sniffImage } from '../spec/sniff.js';
import { sizeProblem } from './size.js';

/** Who the request is for, to name them in errors. */
export interface ValidationContext {
  /** The provider's id, set on every error (as HTTP errors carry it). */
  provider: string;
  providerOptionsSchema?: Schema;
}

/**
 * INVALID_REQUEST for a request whose model is missing, or resolves to no
 * model of the provider (see `resolveModel`), naming the models there are.
 */
export function unknownModel(
  provider: { id: string; name: string; models: readonly Pick<ModelSpec, 'id'>[] },
  id: unknown,
): ImageGateError {
  const ids = provider.models.map((m) => m.id).join(', ');
  if (typeof id !== 'string' || id.trim() === '')
    return invalid('model', `"model" is required. ${provider.name} accepts: ${ids}.`, provider.id);
  return invalid('model', `Unknown model "${id}" for ${provider.name}. Accepted: ${ids}.`, provider.id, id);
}

/**
 * Check a request against the model's manifest. Throws INVALID_REQUEST or
 * UNSUPPORTED naming the field and what is accepted; never sends anything.
 * `n` here is the total asked of `generateImage`.
 *
 * @returns the request to send: input images carry the type their bytes
 *   have (sniffed once, here), whatever type the caller claimed, and
 *   `providerOptions` are the schema's output (parsed once, here, defaults
 *   applied), so providers read them without parsing again
 */
export function validateRequest(request: ImageRequest, model: ModelSpec, context: ValidationContext): ImageRequest {
  const fail = (field: string, message: string, code: 'INVALID_REQUEST' | 'UNSUPPORTED' = 'INVALID_REQUEST'): never => {
    throw invalid(field, message, context.provider, model.id, code);
  };

  if (typeof request.prompt !== 'string' || request.prompt.trim() === '')
    fail('prompt', '"prompt" must be a non-empty string.');
  if (model.maxPromptLength !== undefined && request.prompt.length > model.maxPromptLength) {
    fail(
      'prompt',
      `"prompt" is ${request.prompt.length} characters; ${model.id} accepts at most ${model.maxPromptLength}.`,
    );
  }

  const operation = operationOf(request);
  if (!model.operations.includes(operation)) {
    fail(
      'images',
      `${model.id} does not support ${operation === 'edit' ? 'edits (input images)' : 'text-to-image generation'}; ` +
        `it supports: ${model.operations.join(', ')}.`,
      'UNSUPPORTED',
    );
  }

  if (request.n !== undefined && (!Number.isInteger(request.n) || request.n < 1 || request.n > model.maxImages)) {
    fail('n', `"n" must be a whole number from 1 to ${model.maxImages} for ${model.id}; got ${String(request.n)}.`);
  }

  if (request.size !== undefined) {
    if (typeof request.size !== 'string') fail('size', '"size" must be a string.');
    const problem = sizeProblem(request.size, model.sizes);
    if (problem)
      fail('size', `"size" ${problem.startsWith('must') ? problem : `is invalid: ${problem}`} (model ${model.id}).`);
  }

  const typed = { ...checkInputImages(request, model, fail) };
  const resolution = checkResolution(request.resolution, request.size, model, fail);
  if (resolution !== undefined) typed.resolution = resolution;
  checkOptions(request, model, fail);

  if (request.providerOptions !== undefined) {
    if (
      typeof request.providerOptions !== 'object' ||
      request.providerOptions === null ||
      Array.isArray(request.providerOptions)
    ) {
      fail('providerOptions', '"providerOptions" must be an object.');
    }
  }
  if (context.providerOptionsSchema) {
    const checked = checkSchema(context.providerOptionsSchema, request.providerOptions ?? {});
    if (!checked.ok) {
      const path = checked.path ? `providerOptions.${checked.path}` : 'providerOptions';
      return fail(path, `"${path}": ${checked.message}.`);
    }
    typed.providerOptions = checked.value as Record<string, unknown>;
  }
  return typed;
}

/** The tier to send: the request's, checked against the manifest, or the model's default. */
function checkResolution(
  value: unknown,
  size: string | undefined,
  model: ModelSpec,
  fail: (field: string, message: string, code?: 'UNSUPPORTED') => never,
): string | undefined {
  const spec = model.resolution;
  if (value !== undefined && !spec)
    fail('resolution', `${model.id} takes no "resolution"; its size is set by "size" alone.`, 'UNSUPPORTED');
  if (!spec) return undefined;
  if (value !== undefined && (typeof value !== 'string' || !spec.values.includes(value))) {
    fail(
      'resolution',
      `"resolution" must be one of ${spec.values.join(', ')} for ${model.id}; ` +
        `got ${typeof value === 'string' ? `"${value}"` : typeName(value)}.`,
    );
  }
  const tier = (value as string | undefined) ?? spec.default;
  // A tier with a pixel table is made only at the sizes it lists.
  const offered = spec.pixels?.[tier];
  const shape = size ?? model.defaultSize;
  if (offered && shape !== undefined && shape !== 'auto' && !(shape in offered)) {
    fail(
      'resolution',
      `"resolution" ${tier} is offered only at sizes ${Object.keys(offered).join(', ')} for ${model.id}; ` +
        `"size" is ${shape}.`,
    );
  }
  return tier;
}

/** Check the shape, type and size of every input image; returns the request with sniffed types. */
function checkInputImages(
  request: ImageRequest,
  model: ModelSpec,
  fail: (field: string, message: string, code?: 'UNSUPPORTED') => never,
): ImageRequest {
  const images: unknown = request.images ?? [];
  if (!Array.isArray(images))
    fail('images', `"images" must be an array of { data, mimeType } or { url }; got ${typeName(images)}.`);
  // Array.from visits holes too: a sparse array is refused, not half sent.
  const all: Array<[string, unknown]> = Array.from(images as unknown[], (image, i) => [`images[${i}]`, image]);
  if (request.mask !== undefined) all.push(['mask', request.mask]);
  if (all.length === 0) return request;
  const spec = model.inputImages;
  if (!spec) return fail('images', `${model.id} takes no input images.`, 'UNSUPPORTED');
  if (request.mask !== undefined) {
    if (!spec.mask)
      fail('mask', `${model.id} takes no mask; describe the area to change in the prompt.`, 'UNSUPPORTED');
    if (!Array.isArray(images) || images.length === 0)
      fail('mask', '"mask" needs "images": it marks the area of images[0] to change.');
  }
  if (all.length - (request.mask !== undefined ? 1 : 0) > spec.max)
    fail('images', `${model.id} accepts at most ${spec.max} input images; got ${(images as unknown[]).length}.`);
  const typed = all.map(([field, image]) => checkInputImage(field, image, model, spec, fail));
  const out: ImageRequest = { ...request };
  if (request.images !== undefined) out.images = typed.slice(0, (images as unknown[]).length);
  if (request.mask !== undefined) out.mask = typed[typed.length - 1];
  return out;
}

function checkInputImage(
  field: string,
  image: unknown,
  model: ModelSpec,
  spec: NonNullable<ModelSpec['inputImages']>,
  fail: (field: string, message: string, code?: 'UNSUPPORTED') => never,
): InputImage {
  if (typeof image !== 'object' || image === null || Array.isArray(image))
    fail(field, `"${field}" must be { data, mimeType } or { url }; got ${typeName(image)}.`);
  const candidate = image as Record<string, unknown>;
  if ('url' in candidate) {
    if (!spec.acceptsUrls)
      fail(field, `${model.id} takes input images as bytes, not URLs ("${field}").`, 'UNSUPPORTED');
    if (typeof candidate.url !== 'string' || !/^https?:\/\//i.test(candidate.url))
      fail(field, `"${field}.url" must be an http(s) URL.`);
    return image as InputImage;
  }
  if (spec.acceptsBytes === false)
    fail(
      field,
      `${model.id} takes input images as URLs only ({ url }), not bytes ("${field}"); ` +
        'the vendor offers no upload, so put the image at a URL it can fetch.',
      'UNSUPPORTED',
    );
  const data = candidate.data;
  if (!(data instanceof Uint8Array) || data.byteLength === 0)
    fail(field, `"${field}.data" must be a non-empty Uint8Array; got ${typeName(data)}.`);
  const bytes = data as Uint8Array;
  // The bytes decide the type: a mislabelled file is sent as what it is, a non-image is refused.
  const info = sniffImage(bytes);
  if (!info)
    fail(
      field,
      `"${field}.data" is not a PNG, JPEG, WebP or GIF image (${bytes.byteLength} bytes); ` +
        `${model.id} accepts ${spec.mimeTypes.join(', ')}.`,
    );
  const mimeType = info!.mimeType;
  if (!spec.mimeTypes.includes(mimeType)) {
    fail(
      field,
      `"${field}" is ${mimeType}` +
        (candidate.mimeType !== undefined && candidate.mimeType !== mimeType
          ? ` (labelled ${String(candidate.mimeType)})`
          : '') +
        `; ${model.id} accepts ${spec.mimeTypes.join(', ')}.`,
    );
  }
  if (bytes.byteLength > spec.maxBytes) {
    fail(
      field,
      `"${field}" is ${formatBytes(bytes.byteLength)}; ` +
        `${model.id} accepts at most ${formatBytes(spec.maxBytes)} per image.`,
    );
  }
  return candidate.mimeType === mimeType
    ? (image as InputImage)
    : ({ ...(image as InputImage), mimeType } as InputImage);
}

const LIST_OPTIONS = ['quality', 'background', 'outputFormat', 'moderation'] as const;

function checkOptions(
  request: ImageRequest,
  model: ModelSpec,
  fail: (field: string, message: string, code?: 'UNSUPPORTED') => never,
): void {
  for (const key of LIST_OPTIONS) {
    const value = request[key];
    if (value === undefined) continue;
    const accepted = model.options[key];
    if (!accepted) fail(key, `${model.id} does not take "${key}".`, 'UNSUPPORTED');
    if (!accepted.includes(value))
      fail(key, `"${key}" must be one of ${accepted.join(', ')} for ${model.id}; got "${String(value)}".`);
  }
  if (request.outputCompression !== undefined) {
    const spec = model.options.outputCompression;
    if (!spec) fail('outputCompression', `${model.id} does not take "outputCompression".`, 'UNSUPPORTED');
    const value = request.outputCompression;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      fail(
        'outputCompression',
        `"outputCompression" must be a whole number from ${spec.min} to ${spec.max}; got ${String(value)}.`,
      );
    }
    if (spec.formats && request.outputFormat !== undefined && !spec.formats.includes(request.outputFormat)) {
      fail(
        'outputCompression',
        `"outputCompression" applies only to output formats ${spec.formats.join(', ')}; ` +
          `"outputFormat" is ${request.outputFormat}.`,
      );
    }
  }
  if (request.seed !== undefined) {
    const spec = model.options.seed;
    if (!spec) fail('seed', `${model.id} does not take "seed".`, 'UNSUPPORTED');
    if (!Number.isInteger(request.seed) || request.seed < spec.min || request.seed > spec.max) {
      fail('seed', `"seed" must be a whole number from ${spec.min} to ${spec.max}; got ${String(request.seed)}.`);
    }
  }
}

function invalid(
  field: string,
  message: string,
  provider: string,
  model?: string,
  code: 'INVALID_REQUEST' | 'UNSUPPORTED' = 'INVALID_REQUEST',
): ImageGateError {
  return new ImageGateError(code, message, { field, provider, model, retryable: false });
}
