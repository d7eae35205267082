import { parsePixelSize, type ImageRequest } from '@imagegate/core';
import { GPT_IMAGE_2_EXPERIMENTAL_PIXELS } from './gptproto-models.js';
import type { GptProtoProviderOptions } from './gptproto-options.js';

/** A gpt-image parameter as sent: JSON value, or the text of a multipart field. */
export type ParamValue = string | number | boolean;

/**
 * The OpenAI Images parameters of a gpt-image request, camelCase request
 * fields mapped to the vendor's snake_case, in the documented order; only the
 * ones the caller set (the vendor applies its defaults to the rest). Shared by
 * the JSON generations body and the multipart edits form.
 */
export function gptImageParameters(
  request: ImageRequest,
  options: GptProtoProviderOptions,
  operation: 'generate' | 'edit',
  warn: (message: string) => void,
): Array<[string, ParamValue]> {
  const params: Array<[string, ParamValue | undefined]> = [
    ['n', request.n],
    ['size', request.size],
    ['quality', request.quality],
    ['background', request.background],
    ['moderation', request.moderation],
    ['output_format', request.outputFormat],
    ['output_compression', request.outputCompression],
    ['input_fidelity', operation === 'edit' ? options.inputFidelity : undefined],
    ['user', options.user],
    ['stream', options.stream === true ? true : undefined],
    ['partial_images', options.stream === true ? options.partialImages : undefined],
  ];
  if (operation === 'generate' && options.inputFidelity !== undefined) {
    warn('providerOptions.inputFidelity applies to edits only; it was not sent.');
  }
  const size = request.size ? parsePixelSize(request.size) : undefined;
  if (request.model === 'gpt-image-2' && size && size.width * size.height > GPT_IMAGE_2_EXPERIMENTAL_PIXELS) {
    warn(`gpt-image-2 output above 2560×1440 pixels (${request.size}) is experimental, says GPTProto.`);
  }
  return params.filter((entry): entry is [string, ParamValue] => entry[1] !== undefined);
}
