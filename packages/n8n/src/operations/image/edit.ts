import type { ImageRequest, InputImage } from '@imagegate/core';
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { readImageRequest } from '../../fields/read-request.js';
import { LABELS } from '../../shared/labels.js';
import { optionalParameter } from '../../shared/optional-parameter.js';
import type { NodeOperation } from '../operation.js';
import { runImageRequest } from './run-image-request.js';

/** Input Binary Field(s): the reference images from the input item. */
const inputBinaryFields: INodeProperties = {
  displayName: LABELS.images,
  name: 'inputBinaryFields',
  type: 'string',
  default: 'data',
  displayOptions: { show: { resource: ['image'], operation: ['edit'] } },
  placeholder: 'data, data_1',
  hint: 'Comma-separated binary fields of the input item',
  description: 'The binary fields of the input item to send as reference images; leave empty to use URLs only',
};

/**
 * Image → Edit: images from a prompt and reference images (binary fields of
 * the input item, then Input Image URLs), with a mask where the model takes
 * one.
 */
export const edit: NodeOperation = {
  resource: 'image',
  value: 'edit',
  name: 'Edit',
  action: 'Edit an image with a text prompt',
  description: 'Create images from a prompt and reference images',
  shows: ['imageRequest', 'referenceImages', 'options'],
  properties: [inputBinaryFields],
  readRequest: readEditRequest,
  execute: async (fns, shared, i) => runImageRequest(fns, shared, i, await readEditRequest(fns, i)),
};

/** Item `i`'s request with its reference images and mask. */
async function readEditRequest(fns: IExecuteFunctions, i: number): Promise<ImageRequest> {
  const request = readImageRequest(fns, i);
  request.images = await readReferenceImages(fns, i);
  const mask = optionalParameter(fns, 'maskBinaryField', i);
  if (typeof mask === 'string' && mask.trim() !== '') request.mask = await readBinary(fns, i, mask.trim());
  return request;
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
  for (const url of (Array.isArray(urls) ? urls : [urls]).map((u) => String(u).trim()).filter(Boolean))
    images.push({ url });
  if (images.length === 0) {
    throw new NodeOperationError(fns.getNode(), 'Edit needs at least one reference image', {
      itemIndex: i,
      description: `Name a binary field of the input item under "${LABELS.images}", or add a URL.`,
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
      description: available.length
        ? `Binary fields on this item: ${available.join(', ')}.`
        : 'This item carries no binary data: add a node that reads or downloads the image first.',
    });
  }
  const data = await fns.helpers.getBinaryDataBuffer(i, name);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    mimeType: binary.mimeType,
    fileName: binary.fileName,
  };
}
