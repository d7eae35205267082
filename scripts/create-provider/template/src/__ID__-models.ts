import type { ModelSpec } from '@imagegate/core/provider';

/** Model ids __NAME__ serves; other strings are accepted by the type (and refused by validation). */
export type __NAME__ModelId = '__ID__-image-1' | '__ID__-image-1-fast' | (string & {});

/** What both models share: each call is a prediction, a task core polls with these hints and cancels on abort. */
const PREDICTION: Omit<ModelSpec<__NAME__ModelId>, 'id' | 'name' | 'description' | 'options'> = {
  specificationVersion: 'v1',
  operations: ['generate'],
  sizes: { kind: 'aspect-ratio', values: ['1:1', '16:9', '9:16', '4:3', '3:4'] },
  defaultSize: '1:1',
  maxImagesPerCall: 4,
  maxImages: 8,
  maxPromptLength: 2000,
  async: true,
  polling: {
    initialDelayMs: 1000,
    intervalMs: 2000,
    maxIntervalMs: 8000,
    typicalDurationMs: { min: 2000, max: 60_000 },
  },
  cancel: true,
  output: { delivery: 'url' },
};

/**
 * The __NAME__ manifest. Core validates each request against it before any call (a `seed` for the
 * fast model fails there) and fans `n` out into calls of at most `maxImagesPerCall`.
 */
export const __CONST___MODELS: ModelSpec<__NAME__ModelId>[] = [
  {
    ...PREDICTION,
    id: '__ID__-image-1',
    name: '__NAME__ Image 1',
    description: 'Text-to-image; takes a seed and a negative prompt.',
    options: { seed: { min: 0, max: 2_147_483_647 } },
  },
  {
    ...PREDICTION,
    id: '__ID__-image-1-fast',
    name: '__NAME__ Image 1 Fast',
    description: 'Quicker and cheaper; often done when the submit answers.',
    options: {},
  },
];
