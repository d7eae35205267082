import { formatBytes } from '@imagegate/core/provider';
import { ImageGateError, sniffImage, type ImageRequest, type InputImage, type ModelSpec } from '@imagegate/core/provider';
import { PROVIDER_ID } from './gptproto-errors.js';
import { modelFamily } from './gptproto-models.js';
import { GEMINI_ONLY_OPTIONS, GPT_IMAGE_ONLY_OPTIONS } from './gptproto-options.js';

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

  const foreign = family === 'gemini' ? GPT_IMAGE_ONLY_OPTIONS : GEMINI_ONLY_OPTIONS;
  for (const key of foreign) {
    if (options[key] !== undefined) {
      fail(`providerOptions.${key}`, `"providerOptions.${key}" applies to ${family === 'gemini' ? 'gpt-image' : 'Gemini'} models only, not ${model.id}.`, 'UNSUPPORTED');
    }
  }

  if (request.mask) {
    if (family === 'gemini') fail('mask', `${model.id} takes no mask; describe the area to change in the prompt (gpt-image models take a mask).`, 'UNSUPPORTED');
    if (!request.images?.length) fail('mask', '"mask" needs "images": it marks the area of images[0] to change.');
    checkMask(request, fail);
  }

  if (family !== 'gpt-image') return;
  if (request.background === 'transparent' && request.outputFormat !== 'png' && request.outputFormat !== 'webp') {
    fail(
      'background',
      `"background": "transparent" needs "outputFormat" "png" or "webp"; it is ${request.outputFormat === undefined ? 'not set (the vendor default "auto" may pick jpeg)' : `"${request.outputFormat}"`}.`,
    );
  }
  if (request.outputCompression !== undefined && request.outputFormat !== 'jpeg' && request.outputFormat !== 'webp') {
    fail('outputCompression', `"outputCompression" applies only to "outputFormat" "jpeg" or "webp"; set one of them (it is ${request.outputFormat === undefined ? 'not set' : `"${request.outputFormat}"`}).`);
  }
}

function checkMask(request: ImageRequest, fail: (field: string, message: string) => never): void {
  const mask = request.mask!;
  if (!('data' in mask)) return; // core refused URLs already (acceptsUrls: false)
  if (mask.mimeType !== 'image/png') fail('mask', `"mask" must be a PNG with an alpha channel; got ${mask.mimeType}.`);
  if (mask.data.byteLength > MASK_MAX_BYTES) fail('mask', `"mask" is ${formatBytes(mask.data.byteLength)}; at most ${formatBytes(MASK_MAX_BYTES)} is accepted.`);
  const first = request.images![0]!;
  const maskInfo = sniffImage(mask.data);
  const imageInfo = 'data' in first ? sniffImage(first.data) : undefined;
  if (maskInfo?.width && imageInfo?.width && (maskInfo.width !== imageInfo.width || maskInfo.height !== imageInfo.height)) {
    fail('mask', `"mask" is ${maskInfo.width}x${maskInfo.height} but images[0] is ${imageInfo.width}x${imageInfo.height}; they must be the same size.`);
  }
}

/**
 * An input image's bytes. GPTProto models take no URLs, and core refuses them
 * before `submit` (`acceptsUrls: false`); this narrows the type and guards a
 * host calling `submit` itself.
 */
export function inputBytes(image: InputImage, field: string, model: string): { data: Uint8Array; mimeType: string } {
  if ('data' in image) return image;
  throw new ImageGateError('UNSUPPORTED', `"${field}" is a URL; ${model} takes image bytes ({ data, mimeType }).`, { field, provider: PROVIDER_ID, model, retryable: false });
}
