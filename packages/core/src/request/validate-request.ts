import type { ZodType } from 'zod';
import { ImageGateError } from '../errors/image-gate-error.js';
import type { ModelSpec } from '../manifest/model-spec.js';
import { operationOf, type ImageRequest, type InputImage } from './image-request.js';
import { sizeProblem } from './size.js';

/** Who the request is for, to name them in errors. */
export interface ValidationContext {
  provider: string;
  providerOptionsSchema?: ZodType;
}

/**
 * Find the model in a manifest (or ask `describe` for one that is not listed),
 * or fail naming the models there are.
 */
export function findModel<M extends ModelSpec>(models: readonly M[], id: unknown, provider: string, describe?: (id: string) => M | undefined): M {
  if (typeof id !== 'string' || id.trim() === '') {
    throw invalid('model', `"model" is required. ${provider} accepts: ${models.map((m) => m.id).join(', ')}.`, provider);
  }
  const model = models.find((m) => m.id === id) ?? describe?.(id);
  if (!model) {
    throw invalid('model', `Unknown model "${id}" for ${provider}. Accepted: ${models.map((m) => m.id).join(', ')}.`, provider, id);
  }
  return model;
}

/**
 * Check a request against the model's manifest. Throws INVALID_REQUEST or
 * UNSUPPORTED naming the field and what is accepted; never sends anything.
 * `n` here is the total asked of `generateImage`.
 */
export function validateRequest(request: ImageRequest, model: ModelSpec, context: ValidationContext): void {
  const fail = (field: string, message: string, code: 'INVALID_REQUEST' | 'UNSUPPORTED' = 'INVALID_REQUEST'): never => {
    throw invalid(field, message, context.provider, model.id, code);
  };

  if (typeof request.prompt !== 'string' || request.prompt.trim() === '') fail('prompt', '"prompt" must be a non-empty string.');
  if (model.maxPromptLength !== undefined && request.prompt.length > model.maxPromptLength) {
    fail('prompt', `"prompt" is ${request.prompt.length} characters; ${model.id} accepts at most ${model.maxPromptLength}.`);
  }

  const operation = operationOf(request);
  if (!model.operations.includes(operation)) {
    fail('images', `${model.id} does not support ${operation === 'edit' ? 'edits (input images)' : 'text-to-image generation'}; it supports: ${model.operations.join(', ')}.`, 'UNSUPPORTED');
  }

  if (request.n !== undefined && (!Number.isInteger(request.n) || request.n < 1 || request.n > model.maxImages)) {
    fail('n', `"n" must be a whole number from 1 to ${model.maxImages} for ${model.id}; got ${String(request.n)}.`);
  }

  if (request.size !== undefined) {
    if (typeof request.size !== 'string') fail('size', '"size" must be a string.');
    const problem = sizeProblem(request.size, model.sizes);
    if (problem) fail('size', `"size" ${problem.startsWith('must') ? problem : `is invalid: ${problem}`} (model ${model.id}).`);
  }

  checkInputImages(request, model, fail);
  checkOptions(request, model, fail);

  if (request.providerOptions !== undefined) {
    if (typeof request.providerOptions !== 'object' || request.providerOptions === null || Array.isArray(request.providerOptions)) {
      fail('providerOptions', '"providerOptions" must be an object.');
    }
    if (context.providerOptionsSchema) {
      const parsed = context.providerOptionsSchema.safeParse(request.providerOptions);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const path = ['providerOptions', ...issue.path].join('.');
        fail(path, `"${path}": ${issue.message}.`);
      }
    }
  }
}

function checkInputImages(request: ImageRequest, model: ModelSpec, fail: (field: string, message: string, code?: 'UNSUPPORTED') => never): void {
  const images = request.images ?? [];
  const all: Array<[string, InputImage]> = images.map((image, i) => [`images[${i}]`, image]);
  if (request.mask) all.push(['mask', request.mask]);
  if (all.length === 0) return;
  const spec = model.inputImages;
  if (!spec) return fail('images', `${model.id} takes no input images.`, 'UNSUPPORTED');
  if (images.length > spec.max) fail('images', `${model.id} accepts at most ${spec.max} input images; got ${images.length}.`);
  for (const [field, image] of all) {
    if (typeof image !== 'object' || image === null) fail(field, `"${field}" must be { data, mimeType } or { url }.`);
    if ('url' in image) {
      if (!spec.acceptsUrls) fail(field, `${model.id} takes input images as bytes, not URLs ("${field}").`, 'UNSUPPORTED');
      if (typeof image.url !== 'string' || !/^https?:\/\//i.test(image.url)) fail(field, `"${field}.url" must be an http(s) URL.`);
      continue;
    }
    if (!(image.data instanceof Uint8Array) || image.data.byteLength === 0) fail(field, `"${field}.data" must be a non-empty Uint8Array.`);
    if (!spec.mimeTypes.includes(image.mimeType as never)) {
      fail(field, `"${field}.mimeType" is ${String(image.mimeType)}; ${model.id} accepts ${spec.mimeTypes.join(', ')}.`);
    }
    if (image.data.byteLength > spec.maxBytes) {
      fail(field, `"${field}" is ${formatBytes(image.data.byteLength)}; ${model.id} accepts at most ${formatBytes(spec.maxBytes)} per image.`);
    }
  }
}

const LIST_OPTIONS = ['quality', 'background', 'outputFormat', 'moderation'] as const;

function checkOptions(request: ImageRequest, model: ModelSpec, fail: (field: string, message: string, code?: 'UNSUPPORTED') => never): void {
  for (const key of LIST_OPTIONS) {
    const value = request[key];
    if (value === undefined) continue;
    const accepted = model.options[key];
    if (!accepted) fail(key, `${model.id} does not take "${key}".`, 'UNSUPPORTED');
    if (!accepted.includes(value)) fail(key, `"${key}" must be one of ${accepted.join(', ')} for ${model.id}; got "${String(value)}".`);
  }
  if (request.outputCompression !== undefined) {
    const spec = model.options.outputCompression;
    if (!spec) fail('outputCompression', `${model.id} does not take "outputCompression".`, 'UNSUPPORTED');
    const value = request.outputCompression;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      fail('outputCompression', `"outputCompression" must be a whole number from ${spec.min} to ${spec.max}; got ${String(value)}.`);
    }
    if (spec.formats && request.outputFormat !== undefined && !spec.formats.includes(request.outputFormat)) {
      fail('outputCompression', `"outputCompression" applies only to output formats ${spec.formats.join(', ')}; "outputFormat" is ${request.outputFormat}.`);
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

function invalid(field: string, message: string, provider: string, model?: string, code: 'INVALID_REQUEST' | 'UNSUPPORTED' = 'INVALID_REQUEST'): ImageGateError {
  return new ImageGateError(code, message, { field, provider, model, retryable: false });
}

/** `7 MB`, `512 KB`: sizes for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
