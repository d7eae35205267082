import { formatBytes, ImageGateError, type ImageRequest, type ModelSpec } from '@imagegate/core/provider';
import { PROVIDER_ID } from './toapis-errors.js';
import { wireRuleFor } from './toapis-wire-rules.js';

/**
 * The rules across fields that the manifest cannot say, checked before any
 * request (core has already checked each field against the manifest). Each
 * failure names the field and what is accepted.
 */
export function checkToApisRequest(request: ImageRequest, model: ModelSpec): void {
  const fail = (field: string, message: string) => {
    throw new ImageGateError('INVALID_REQUEST', message, { field, provider: PROVIDER_ID, model: model.id, retryable: false });
  };
  const rule = wireRuleFor(model.id);
  const editing = (request.images?.length ?? 0) > 0;

  // gpt-4o-image makes 1, 2 or 4 images per task; n is never split across tasks there.
  if (rule.nValues && request.n !== undefined && !rule.nValues.includes(request.n)) {
    fail('n', `"n" must be one of ${rule.nValues.join(', ')} for ${model.id} (images per task); got ${request.n}.`);
  }
  if (request.size === 'match_input_image' && !editing) {
    const ratios = model.sizes.kind === 'aspect-ratio' ? model.sizes.values.filter((v) => v !== 'match_input_image') : [];
    fail('size', `"size" match_input_image keeps the shape of the input image, so it needs "images"; for text-to-image with ${model.id} use one of ${ratios.join(', ')}.`);
  }
  const mask = request.mask;
  if (mask && 'data' in mask) {
    if (mask.mimeType !== 'image/png') fail('mask', `"mask" must be a PNG with an alpha channel for ${model.id}; got ${mask.mimeType}.`);
    if (rule.maskMaxBytes !== undefined && mask.data.byteLength > rule.maskMaxBytes) {
      fail('mask', `"mask" is ${formatBytes(mask.data.byteLength)}; ${model.id} accepts a mask of at most ${formatBytes(rule.maskMaxBytes)}.`);
    }
  }
  // The output format defaults to PNG, which has no compression: an unanchored value would be dropped silently.
  if (request.outputCompression !== undefined && model.options.outputCompression?.formats && !model.options.outputCompression.formats.includes(request.outputFormat ?? '')) {
    fail('outputCompression', `"outputCompression" applies only with "outputFormat" ${model.options.outputCompression.formats.join(' or ')} for ${model.id}; set outputFormat: '${model.options.outputCompression.formats[0]}'.`);
  }
}
