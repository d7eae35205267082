import { formatBytes, ImageGateError, type ImageRequest, type ModelSpec } from '@imagegate/core/provider';
import { PROVIDER_ID } from './toapis-errors.js';
import { wireRuleFor } from './toapis-wire-rules.js';

/** Size words that name no ratio: the vendor takes the shape from the input, or picks it. */
const EDIT_SIZE_WORDS: ReadonlySet<string> = new Set(['match_input_image', 'auto']);

/**
 * The rules across fields that the manifest cannot say, checked before any
 * request (core has already checked each field against the manifest). Each
 * failure names the field and what is accepted.
 */
export function checkToApisRequest(request: ImageRequest, model: ModelSpec): void {
  const fail = (field: string, message: string): never => {
    throw new ImageGateError('INVALID_REQUEST', message, {
      field,
      provider: PROVIDER_ID,
      model: model.id,
      retryable: false,
    });
  };
  const rule = wireRuleFor(model.id);
  const editing = (request.images?.length ?? 0) > 0;

  // gpt-4o-image makes 1, 2 or 4 images per task; n is never split across tasks there.
  if (rule.nValues && request.n !== undefined && !rule.nValues.includes(request.n)) {
    fail('n', `"n" must be one of ${rule.nValues.join(', ')} for ${model.id} (images per task); got ${request.n}.`);
  }
  const ratios = model.sizes.kind === 'aspect-ratio' ? model.sizes.values.filter((v) => !EDIT_SIZE_WORDS.has(v)) : [];
  if (request.size !== undefined && !editing && rule.editOnlySizes?.includes(request.size)) {
    const what =
      request.size === 'match_input_image'
        ? 'keeps the shape of the input image'
        : `is documented for ${model.id} only with reference images (edits)`;
    fail(
      'size',
      `"size" ${request.size} ${what}, so it needs "images"; for ` +
        `text-to-image with ${model.id} use one of ${ratios.join(', ')}.`,
    );
  }
  checkTierAtSize(request, model, editing, ratios, fail);
  const mask = request.mask;
  if (mask && 'data' in mask) {
    if (mask.mimeType !== 'image/png')
      fail('mask', `"mask" must be a PNG with an alpha channel for ${model.id}; got ${mask.mimeType}.`);
    if (rule.maskMaxBytes !== undefined && mask.data.byteLength > rule.maskMaxBytes) {
      fail(
        'mask',
        `"mask" is ${formatBytes(mask.data.byteLength)}; ${model.id} ` +
          `accepts a mask of at most ${formatBytes(rule.maskMaxBytes)}.`,
      );
    }
  }
  // The output format defaults to PNG, which has no compression: an unanchored value would be dropped silently.
  if (
    request.outputCompression !== undefined &&
    model.options.outputCompression?.formats &&
    !model.options.outputCompression.formats.includes(request.outputFormat ?? '')
  ) {
    fail(
      'outputCompression',
      `"outputCompression" applies only with ` +
        `"outputFormat" ${model.options.outputCompression.formats.join(' or ')} ` +
        `for ${model.id}; set outputFormat: '${model.options.outputCompression.formats[0]}'.`,
    );
  }
}

/**
 * A tier made only at some ratios: the edits page's (gpt-image-2 makes 4K
 * edits at six ratios only), else the pixel table's when it lists fewer
 * ratios than the model takes (core checks a named ratio against the table,
 * but lets `auto` through: the server would pick the ratio, maybe one the
 * tier is not made at, so it is refused here).
 */
function checkTierAtSize(
  request: ImageRequest,
  model: ModelSpec,
  editing: boolean,
  ratios: readonly string[],
  fail: (field: string, message: string) => never,
): void {
  const tier = request.resolution;
  if (tier === undefined) return;
  const rule = wireRuleFor(model.id);
  const table = model.resolution?.pixels?.[tier];
  const fromTable = table && ratios.some((ratio) => !(ratio in table)) ? Object.keys(table) : undefined;
  const accepted = (editing ? rule.editTierSizes?.[tier] : undefined) ?? fromTable;
  if (!accepted) return;
  const size = request.size ?? (editing ? rule.editSize : undefined) ?? model.defaultSize;
  if (size === undefined || accepted.includes(size)) return;
  const how =
    size === 'auto'
      ? '"size" is auto, which lets the server pick a ratio the tier may not be made at'
      : `"size" is ${size}`;
  fail(
    'resolution',
    `"resolution" ${tier} ${editing ? 'edits are' : 'is'} made by ${model.id} only at ` +
      `sizes ${accepted.join(', ')}; ${how}. Use one of those sizes, or another tier ` +
      `(${(model.resolution?.values ?? []).filter((t) => t !== tier).join(', ')}).`,
  );
}
