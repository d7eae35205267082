import type { ImageRequest } from '@imagegate/core';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { LABELS } from '../shared/labels.js';
import { optionalParameter } from '../shared/optional-parameter.js';
import { CUSTOM_SIZE } from './model-parameters.js';

const OPTION_KEYS = ['quality', 'background', 'outputFormat', 'moderation'] as const;

/**
 * Read one item's image request from the node parameters: model, prompt and
 * shape on top, the model's tunables under Options. Only what the user set
 * (or what the chosen model shows) carries a value; an empty choice means
 * "vendor default". Read per item, so expressions may differ by item. An
 * operation that sends reference images adds them (Image → Edit).
 */
export function readImageRequest(fns: IExecuteFunctions, i: number): ImageRequest {
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  const request: ImageRequest = {
    model: String(fns.getNodeParameter('model', i, '', { extractValue: true })).trim(),
    prompt: String(fns.getNodeParameter('prompt', i, '')),
    n: options.n === undefined ? 1 : Number(options.n),
  };
  const size = optionalParameter(fns, 'size', i);
  if (size === CUSTOM_SIZE)
    request.size = String(fns.getNodeParameter('customSize', i, ''))
      .trim()
      .replace(/\s*[×*]\s*/, 'x');
  else if (typeof size === 'string' && size !== '') request.size = size;
  const resolution = optionalParameter(fns, 'resolution', i);
  if (typeof resolution === 'string' && resolution !== '') request.resolution = resolution;
  for (const key of OPTION_KEYS) {
    const value = options[key];
    if (typeof value === 'string' && value !== '') request[key] = value;
  }
  // Offered only with an output format it applies to, so present means wanted.
  if (typeof options.outputCompression === 'number') request.outputCompression = options.outputCompression;
  if (typeof options.seed === 'number' && options.seed >= 0) request.seed = options.seed;
  const providerOptions = readProviderOptions(fns, i, options.providerOptions);
  if (providerOptions) request.providerOptions = providerOptions;
  return request;
}

/**
 * Options → Provider Options: a JSON object (text or, from an expression, an
 * object). Its keys are the provider's to check, by its schema, before any
 * request; only the shape is checked here.
 */
function readProviderOptions(fns: IExecuteFunctions, i: number, value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new NodeOperationError(fns.getNode(), `${LABELS.providerOptions} is not valid JSON`, {
        itemIndex: i,
        description: `Write a JSON object such as {"syncMode": true}; the parser said: ${(error as Error).message}.`,
      });
    }
  }
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new NodeOperationError(fns.getNode(), `${LABELS.providerOptions} must be a JSON object`, {
      itemIndex: i,
      description: 'Write an object of the provider\'s options, e.g. {"syncMode": true}, or {} for none.',
    });
  }
  return Object.keys(parsed).length > 0 ? (parsed as Record<string, unknown>) : undefined;
}
