import { formatBytes } from '@imagegate/core/provider';
import {
  ImageGateError,
  sniffImage,
  type ImageRequest,
  type InputImage,
  type ModelSpec,
} from '@imagegate/core/provider';
import { PROVIDER_ID } from './gptproto-errors.js';
import { isGptImagePlus, modelFamily, type GptProtoModelFamily } from './gptproto-models.js';

import { OPTION_FAMILIES } from './gptproto-options.js';

/** How a family is named in errors. */
const FAMILY_NAMES = (family: GptProtoModelFamily): string =>
  ({ 'gpt-image': 'gpt-image', gemini: 'Gemini 2.5', flux: 'Flux', predictions: 'v3 (asynchronous)' })[family];

/** gpt-image options the -plus channels' pages do not show (their answer is one JSON image, never a stream). */
const PLUS_UNDOCUMENTED = ['stream', 'partialImages', 'onPartialImage', 'inputFidelity', 'user'] as const;

/** OpenAI's mask limit: a PNG under 4 MB, the size of the first image. */
const MASK_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Rules across fields that the manifest cannot say; core runs this after its
 * own validation and before any request. Each failure names the field and
 * what is accepted.
 */
export function validateGptProtoRequest(request: ImageRequest, model: ModelSpec): void {
  const fail = (field: string, message: string, code: 'INVALID_REQUEST' | 'UNSUPPORTED' = 'INVALID_REQUEST'): never => {
    throw new ImageGateError(code, message, { field, provider: PROVIDER_ID, model: model.id, retryable: false });
  };
  const family = modelFamily(model.id);
  const options = (request.providerOptions ?? {}) as Record<string, unknown>;

  for (const [key, families] of Object.entries(OPTION_FAMILIES)) {
    if (options[key] !== undefined && !families.includes(family)) {
      fail(
        `providerOptions.${key}`,
        `"providerOptions.${key}" applies to ${families.map(FAMILY_NAMES).join(', ')} models only, not ${model.id}.`,
        'UNSUPPORTED',
      );
    }
  }

  // The -plus pages document model, prompt, size and images only: what they do not show is refused, not sent.
  if (isGptImagePlus(model.id)) {
    for (const key of PLUS_UNDOCUMENTED) {
      if (options[key] !== undefined) {
        fail(
          `providerOptions.${key}`,
          `"providerOptions.${key}" is not offered on ${model.id}: ` +
            "GPTProto's -plus pages document only model, prompt, size and images.",
          'UNSUPPORTED',
        );
      }
    }
  }

  // Bytes go to Gemini's generateContent, URLs to the v3 image-edit: one call cannot take both.
  const images = request.images ?? [];
  if (family === 'predictions' && images.some((i) => 'url' in i) && images.some((i) => 'data' in i)) {
    fail(
      'images',
      `${model.id} takes reference images either all as URLs (GPTProto's v3 API) ` +
        "or all as bytes (sent inline through Gemini's generateContent), not both in one request.",
    );
  }

  if (request.mask) checkMask(request, fail);

  if (family !== 'gpt-image') return;
  if (request.background === 'transparent' && request.outputFormat !== 'png' && request.outputFormat !== 'webp') {
    fail(
      'background',
      '"background": "transparent" needs "outputFormat" "png" or "webp"; it is ' +
        (request.outputFormat === undefined
          ? 'not set (the vendor default "auto" may pick jpeg)'
          : `"${request.outputFormat}"`) +
        '.',
    );
  }
  if (request.outputCompression !== undefined && request.outputFormat !== 'jpeg' && request.outputFormat !== 'webp') {
    fail(
      'outputCompression',
      '"outputCompression" applies only to "outputFormat" "jpeg" or "webp"; ' +
        `set one of them (it is ${request.outputFormat === undefined ? 'not set' : `"${request.outputFormat}"`}).`,
    );
  }
}

function checkMask(request: ImageRequest, fail: (field: string, message: string) => never): void {
  const mask = request.mask!;
  if (!('data' in mask)) return; // core refused URLs already (acceptsUrls: false)
  if (mask.mimeType !== 'image/png') fail('mask', `"mask" must be a PNG with an alpha channel; got ${mask.mimeType}.`);
  if (mask.data.byteLength > MASK_MAX_BYTES)
    fail('mask', `"mask" is ${formatBytes(mask.data.byteLength)}; at most ${formatBytes(MASK_MAX_BYTES)} is accepted.`);
  const first = request.images![0]!;
  const maskInfo = sniffImage(mask.data);
  const imageInfo = 'data' in first ? sniffImage(first.data) : undefined;
  if (
    maskInfo?.width &&
    imageInfo?.width &&
    (maskInfo.width !== imageInfo.width || maskInfo.height !== imageInfo.height)
  ) {
    fail(
      'mask',
      `"mask" is ${maskInfo.width}x${maskInfo.height} but images[0] is ${imageInfo.width}x${imageInfo.height}; ` +
        'they must be the same size.',
    );
  }
}

/**
 * An input image's bytes. GPTProto models take no URLs, and core refuses them
 * before `submit` (`acceptsUrls: false`); this narrows the type and guards a
 * host calling `submit` itself.
 */
export function inputBytes(image: InputImage, field: string, model: string): { data: Uint8Array; mimeType: string } {
  if ('data' in image) return image;
  throw new ImageGateError('UNSUPPORTED', `"${field}" is a URL; ${model} takes image bytes ({ data, mimeType }).`, {
    field,
    provider: PROVIDER_ID,
    model,
    retryable: false,
  });
}
