import type { ImageMimeType, ModelSpec } from '@imagegate/core/provider';

/** Model ids ToAPIs documents for `/v1/images/generations`; other strings are accepted by the type (and refused by validation). */
export type ToApisModelId = 'gemini-2.5-flash-image-preview' | 'nano-banana' | (string & {});

/** Aspect ratios ToAPIs accepts as `size`, with the pixel size each yields (the vendor's reference table). */
export const TOAPIS_RESOLUTIONS: Readonly<Record<string, string>> = {
  '1:1': '1024x1024',
  '16:9': '1792x1024',
  '9:16': '1024x1792',
  '4:3': '1365x1024',
  '3:4': '1024x1365',
  '3:2': '1536x1024',
  '2:3': '1024x1536',
};

/** Reference-image limits: at most 14 `image_urls`; bytes are uploaded first (10 MB, JPEG/PNG/WebP/GIF). */
export const TOAPIS_INPUT_MIME_TYPES: readonly ImageMimeType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const TOAPIS_MAX_INPUT_IMAGES = 14;
export const TOAPIS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Everything the Gemini 2.5 Flash Image models share. One image per task
 * (`n` is fixed at 1), so core fans `n > 1` out into concurrent tasks; 4 in
 * total keeps one call's spend bounded. Polling follows the vendor's guidance:
 * first poll after about 2 s, then about every 3 s; tasks typically take 5–30 s,
 * so the interval grows only to 6 s (beyond that a task without progress
 * reports is detected late for few saved requests; see the benchmark).
 */
const GEMINI_FLASH_IMAGE: Omit<ModelSpec<ToApisModelId>, 'id' | 'name' | 'description'> = {
  specificationVersion: 'v1',
  operations: ['generate', 'edit'],
  sizes: { kind: 'aspect-ratio', values: Object.keys(TOAPIS_RESOLUTIONS), resolutions: TOAPIS_RESOLUTIONS },
  defaultSize: '1:1',
  maxImagesPerCall: 1,
  maxImages: 4,
  inputImages: { max: TOAPIS_MAX_INPUT_IMAGES, maxBytes: TOAPIS_MAX_UPLOAD_BYTES, mimeTypes: TOAPIS_INPUT_MIME_TYPES, acceptsUrls: true },
  maxPromptLength: 1000,
  options: {},
  async: true,
  polling: { initialDelayMs: 2000, intervalMs: 3000, maxIntervalMs: 6000, typicalDurationMs: { min: 5000, max: 30_000 } },
  // ToAPIs documents no way to cancel a task: an aborted wait leaves it to finish (resume it with its handle).
  cancel: false,
  // Result URLs expire after 24 h; core downloads them by default and keeps the URL on the image.
  output: { delivery: 'url' },
};

/** The ToAPIs manifest. `nano-banana` is the vendor's own alias, sent to it as is. */
export const TOAPIS_MODELS: ModelSpec<ToApisModelId>[] = [
  {
    ...GEMINI_FLASH_IMAGE,
    id: 'gemini-2.5-flash-image-preview',
    name: 'Gemini 2.5 Flash Image (preview)',
    description: 'Google Gemini 2.5 Flash Image ("Nano Banana") through ToAPIs: text-to-image and edits with up to 14 reference images, as an asynchronous task.',
  },
  {
    ...GEMINI_FLASH_IMAGE,
    id: 'nano-banana',
    name: 'Nano Banana (alias of gemini-2.5-flash-image-preview)',
    description: 'ToAPIs alias of gemini-2.5-flash-image-preview; same model, limits and price.',
  },
];

/**
 * A spec for an image model id ToAPIs may serve through the same task API but
 * that is not in the manifest (ids naming an image model, e.g.
 * `gemini-2.5-flash-image`, `gemini-3-pro-image-preview`): it runs with the
 * Gemini Flash Image limits, so new models work "by ID". Other ids are refused.
 */
export function describeToApisModel(id: string): ModelSpec<ToApisModelId> | undefined {
  if (!/^[a-z0-9][\w.:-]*$/i.test(id) || !/image|banana/i.test(id)) return undefined;
  return { ...GEMINI_FLASH_IMAGE, id, name: id, description: 'Not in the manifest: checked with gemini-2.5-flash-image-preview\'s limits.' };
}
