import type { ModelSpec } from '@imagegate/core';

/** Model ids __NAME__ serves; other strings are accepted by the type (and refused by validation). */
export type __NAME__ModelId = '__ID__-image-1' | (string & {});

/**
 * The __NAME__ manifest, one entry per model. Core validates every request
 * against it before `submit` runs (sizes, `n`, options, prompt length), fans
 * `n` out into calls of at most `maxImagesPerCall`, and the contract suite
 * requires the scenarios it implies: `'edit'` in `operations` makes the `edit`
 * scenario required, `async: true` the `async*` ones.
 */
export const __CONST___MODELS: ModelSpec<__NAME__ModelId>[] = [
  {
    specificationVersion: 'v1',
    id: '__ID__-image-1',
    name: '__NAME__ Image 1',
    description: 'Text-to-image, answered at once with PNG bytes.',
    operations: ['generate'],
    sizes: { kind: 'pixels', presets: ['1024x1024', '1536x1024', '1024x1536'] },
    defaultSize: '1024x1024',
    maxImagesPerCall: 4,
    maxImages: 8,
    maxPromptLength: 4000,
    // Options not listed here are refused by validation before any request.
    options: { quality: ['low', 'medium', 'high'] },
    async: false,
    output: { delivery: 'bytes', mimeTypes: ['image/png'] },
  },
];
