import type { ImageRequest, InputImage } from '@imagegate/core';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { LABELS } from '../description/labels.js';
import { CUSTOM_SIZE } from '../description/model-properties.js';

const OPTION_KEYS = ['quality', 'background', 'outputFormat', 'moderation'] as const;

/**
 * Read one item's image request from the node parameters: model, prompt,
 * inputs and shape on top, the model's tunables under Options. Only what the
 * user set (or what the chosen model shows) carries a value; an empty choice
 * means "vendor default". Read per item, so expressions may differ by item.
 */
export async function readImageRequest(fns: IExecuteFunctions, i: number, operation: string): Promise<ImageRequest> {
  const options = fns.getNodeParameter('options', i, {}) as IDataObject;
  const request: ImageRequest = {
    model: String(fns.getNodeParameter('model', i, '', { extractValue: true })).trim(),
    prompt: String(fns.getNodeParameter('prompt', i, '')),
    n: options.n === undefined ? 1 : Number(options.n),
  };
  const size = optional(fns, 'size', i);
  if (size === CUSTOM_SIZE) request.size = String(fns.getNodeParameter('customSize', i, '')).trim().replace(/\s*[×*]\s*/, 'x');
  else if (typeof size === 'string' && size !== '') request.size = size;
  const resolution = optional(fns, 'resolution', i);
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
  if (operation === 'edit') {
    request.images = await readReferenceImages(fns, i);
    const mask = optional(fns, 'maskBinaryField', i);
    if (typeof mask === 'string' && mask.trim() !== '') request.mask = await readBinary(fns, i, mask.trim());
  }
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
    throw new NodeOperationError(fns.getNode(), `${LABELS.providerOptions} must be a JSON object`, { itemIndex: i, description: 'Write an object of the provider\'s options, e.g. {"syncMode": true}, or {} for none.' });
  }
  return Object.keys(parsed).length > 0 ? (parsed as Record<string, unknown>) : undefined;
}

/** Binary properties of the input item and URLs, in that order. */
async function readReferenceImages(fns: IExecuteFunctions, i: number): Promise<InputImage[]> {
  const images: InputImage[] = [];
  const names = String(fns.getNodeParameter('inputBinaryFields', i, ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) images.push(await readBinary(fns, i, name));
  const urls = fns.getNodeParameter('imageUrls', i, []) as string[] | string;
  for (const url of (Array.isArray(urls) ? urls : [urls]).map((u) => String(u).trim()).filter(Boolean)) images.push({ url });
  if (images.length === 0) {
    throw new NodeOperationError(fns.getNode(), 'Edit needs at least one reference image', {
      itemIndex: i,
      description: 'Name a binary field of the input item under "Input Binary Field(s)", or add a URL.',
    });
  }
  return images;
}

/** The bytes of one binary field of the input item, or an error naming the fields it has. */
async function readBinary(fns: IExecuteFunctions, i: number, name: string): Promise<InputImage> {
  const binary = fns.getInputData()[i]?.binary?.[name];
  if (!binary) {
    const available = Object.keys(fns.getInputData()[i]?.binary ?? {});
    throw new NodeOperationError(fns.getNode(), `The input item has no binary field "${name}"`, {
      itemIndex: i,
      description: available.length ? `Binary fields on this item: ${available.join(', ')}.` : 'This item carries no binary data: add a node that reads or downloads the image first.',
    });
  }
  const data = await fns.helpers.getBinaryDataBuffer(i, name);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mimeType: binary.mimeType, fileName: binary.fileName };
}

/** A parameter that exists only for some models: undefined when not shown. */
function optional(fns: IExecuteFunctions, name: string, i: number): unknown {
  try {
    return fns.getNodeParameter(name, i, undefined);
  } catch {
    return undefined;
  }
}
