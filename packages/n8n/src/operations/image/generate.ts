import { readImageRequest } from '../../fields/read-request.js';
import type { NodeOperation } from '../operation.js';
import { runImageRequest } from './run-image-request.js';

/** Image → Generate: images from a text prompt. */
export const generate: NodeOperation = {
  resource: 'image',
  value: 'generate',
  name: 'Generate',
  action: 'Generate an image from a text prompt',
  description: 'Create images from a text prompt',
  // Model, Prompt, the model's size and tunables, Wait for Completion; no parameter of its own.
  shows: ['imageRequest', 'options'],
  readRequest: async (fns, i) => readImageRequest(fns, i),
  execute: async (fns, shared, i) => runImageRequest(fns, shared, i, readImageRequest(fns, i)),
};
