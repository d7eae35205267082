import type { ImageMimeType, InputImageSpec, ModelSpec } from '@imagegate/core/provider';
import { FLUX_2_PIXELS, GEMINI_25_FLASH_PIXELS, GEMINI_3_PRO_PIXELS, GPT_IMAGE_2_OFFICIAL_PIXELS, GPT_IMAGE_2_PIXELS } from './toapis-pixel-tables.js';

/**
 * Model ids (and aliases) ToAPIs documents for `/v1/images/generations`.
 * Other strings are accepted by the type; `describeToApisModel` decides
 * whether they run.
 */
export type ToApisModelId =
  | 'gemini-2.5-flash-image-preview'
  | 'nano-banana'
  | 'gemini-3-pro-image-preview'
  | 'nano-banana-pro'
  | 'gemini-3.1-flash-image-preview'
  | 'gemini-3-pro-image-preview-official'
  | 'nano-banana-pro-official'
  | 'gemini-3.1-flash-image-preview-official'
  | 'nano-banana-2-official'
  | 'nano-banana-2-lite-official'
  | 'gemini-2.5-flash-image-official'
  | 'nano-banana-official'
  | 'gpt-4o-image'
  | 'gpt-image-2'
  | 'gpt-image-2-official'
  | 'doubao-seedream-4-0'
  | 'doubao-seedream-4-5'
  | 'doubao-seedream-5-0'
  | 'flux-kontext-pro'
  | 'flux-kontext-max'
  | 'flux-2-flex'
  | 'flux-2-pro'
  | (string & {});

/** gemini-2.5-flash-image-preview's aspect ratios and the pixels each yields (ToAPIs' reference table). */
export const TOAPIS_RESOLUTIONS: Readonly<Record<string, string>> = GEMINI_25_FLASH_PIXELS;

/** Types the upload endpoint stores (JPEG/PNG/WebP/GIF); a model's own list may be narrower. */
export const TOAPIS_INPUT_MIME_TYPES: readonly ImageMimeType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
/** The upload endpoint's limit; every byte input is uploaded first, so it bounds every model. */
export const TOAPIS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const DOCS = 'https://docs.toapis.com/docs/en/api-reference/images';

const GEMINI_3_PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const GEMINI_31_FLASH_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '16:9', '9:16', '5:4', '4:5', '21:9', '1:4', '4:1', '1:8', '8:1'];
/** The official 3.1 Flash page adds 4:1 and 8:1 to the official list (not 1:4, 1:8). */
const GEMINI_31_OFFICIAL_RATIOS = [...GEMINI_3_PRO_RATIOS, '4:1', '8:1'];
const GPT_IMAGE_2_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];
const SEEDREAM_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9', '9:21'];
const FLUX_2_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3'];

/** Reference images: `max` of them, bytes uploaded first (10 MB), URLs passed through. */
function references(max: number, mimeTypes: readonly ImageMimeType[] = TOAPIS_INPUT_MIME_TYPES, mask = false): InputImageSpec {
  return { max, maxBytes: TOAPIS_MAX_UPLOAD_BYTES, mimeTypes, acceptsUrls: true, ...(mask ? { mask: true } : {}) };
}

/**
 * What every ToAPIs model shares: an asynchronous task, polled as the vendor
 * advises (first poll after about 2 s, then about every 3 s; tasks typically
 * take 5–30 s, so the interval grows only to 6 s, see the benchmark), no
 * cancel endpoint (an aborted wait leaves the task to finish; resume it with
 * its handle), result URLs valid 24 h that core downloads.
 */
const TASK: Pick<ModelSpec, 'specificationVersion' | 'async' | 'polling' | 'cancel' | 'output'> = {
  specificationVersion: 'v1',
  async: true,
  polling: { initialDelayMs: 2000, intervalMs: 3000, maxIntervalMs: 6000, typicalDurationMs: { min: 5000, max: 30_000 } },
  cancel: false,
  output: { delivery: 'url' },
};

/**
 * One image per task (`n` is fixed at 1, or means something else, as on
 * Seedream): core fans `n > 1` out into concurrent tasks; 4 in total keeps
 * one call's spend bounded.
 */
const ONE_PER_TASK = { maxImagesPerCall: 1, maxImages: 4 } as const;

type Entry = ModelSpec<ToApisModelId>;

const geminiOfficial = (fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'sizes'> & Partial<Entry>): Entry => ({
  ...TASK,
  ...ONE_PER_TASK,
  operations: ['generate', 'edit'],
  defaultSize: '1:1',
  inputImages: references(14),
  // Sent as metadata.imageOutputOptions.mimeType.
  options: { outputFormat: ['png', 'jpeg', 'webp'] },
  ...fields,
});

const gptImage2 = (fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'resolution'>): Entry => ({
  ...TASK,
  operations: ['generate', 'edit'],
  sizes: { kind: 'aspect-ratio', values: GPT_IMAGE_2_RATIOS },
  defaultSize: '1:1',
  maxImagesPerCall: 10,
  maxImages: 10,
  inputImages: references(16, ['image/png', 'image/jpeg'], true),
  maxPromptLength: 32_000,
  options: { quality: ['low', 'medium', 'high'], outputFormat: ['png', 'jpeg'], outputCompression: { min: 0, max: 100, formats: ['jpeg'] } },
  ...fields,
});

const seedream = (fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'resolution'> & Partial<Entry>): Entry => ({
  ...TASK,
  ...ONE_PER_TASK,
  operations: ['generate', 'edit'],
  sizes: { kind: 'aspect-ratio', values: SEEDREAM_RATIOS },
  defaultSize: '1:1',
  inputImages: references(10, ['image/jpeg', 'image/png']),
  options: {},
  ...fields,
});

const fluxKontext = (fields: Pick<Entry, 'id' | 'name' | 'description'>): Entry => ({
  ...TASK,
  ...ONE_PER_TASK,
  operations: ['generate', 'edit'],
  // match_input_image is the edit default (and edit only); 1:1 the text-to-image default.
  sizes: { kind: 'aspect-ratio', values: ['match_input_image', ...SEEDREAM_RATIOS] },
  defaultSize: '1:1',
  inputImages: references(1),
  // Sent as metadata.response_format (png / jpg).
  options: { outputFormat: ['png', 'jpeg'] },
  docsUrl: `${DOCS}/flux-kontext/generation`,
  ...fields,
});

const flux2 = (fields: Pick<Entry, 'id' | 'name' | 'description'>): Entry => ({
  ...TASK,
  ...ONE_PER_TASK,
  operations: ['generate', 'edit'],
  sizes: { kind: 'aspect-ratio', values: FLUX_2_RATIOS },
  defaultSize: '1:1',
  resolution: { values: ['1K', '2K'], default: '1K', pixels: FLUX_2_PIXELS },
  inputImages: references(8),
  options: {},
  docsUrl: `${DOCS}/flux-2/generation`,
  ...fields,
});

/**
 * The ToAPIs manifest: every image model of its docs that runs through
 * `/v1/images/generations` with reference images as URLs. Aliases are the
 * vendor's own names for the same model, sent to it as written. Limits follow
 * the current doc pages; where they disagree or are silent, the README's
 * "Choices where the docs disagree or are silent" says what we chose.
 */
export const TOAPIS_MODELS: ModelSpec<ToApisModelId>[] = [
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-2.5-flash-image-preview',
    aliases: ['nano-banana'],
    name: 'Gemini 2.5 Flash Image (Nano Banana)',
    description: 'Google Gemini 2.5 Flash Image through ToAPIs: text-to-image and edits with up to 14 reference images, one image per task, 1K only.',
    docsUrl: `${DOCS}/gemini-2.5-flash/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: Object.keys(GEMINI_25_FLASH_PIXELS), resolutions: GEMINI_25_FLASH_PIXELS },
    defaultSize: '1:1',
    // The current page fixes n at 1 and has no quality; an older one showed n 1–4 and quality standard/hd. We follow the current page.
    inputImages: references(14),
    maxPromptLength: 1000,
    options: {},
  },
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-3-pro-image-preview',
    aliases: ['nano-banana-pro'],
    name: 'Gemini 3 Pro Image (Nano Banana Pro)',
    description: 'Google Gemini 3 Pro Image through ToAPIs: 1K/2K/4K in 10 aspect ratios, text-to-image and edits with up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3-pro-image/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    defaultSize: '1:1',
    // Google's pixel table: ToAPIs publishes none for this model.
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GEMINI_3_PRO_PIXELS },
    inputImages: references(14),
    options: {},
  },
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-3.1-flash-image-preview',
    name: 'Gemini 3.1 Flash Image (Nano Banana 2)',
    description: 'Google Gemini 3.1 Flash Image through ToAPIs: 0.5K to 4K in 14 aspect ratios (down to 1:8), text-to-image and edits with up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3.1-flash/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: GEMINI_31_FLASH_RATIOS },
    defaultSize: '1:1',
    // No pixel table is documented (only "about 512/1024/2048/4096 px").
    resolution: { values: ['0.5K', '1K', '2K', '4K'], default: '1K' },
    // The docs repo says 14; a later snapshot says 6 for this id (14 on VIP/official). We follow the repo.
    inputImages: references(14),
    options: {},
  },
  geminiOfficial({
    id: 'gemini-3-pro-image-preview-official',
    aliases: ['nano-banana-pro-official'],
    name: 'Gemini 3 Pro Image, official channel (Nano Banana Pro)',
    description: 'Gemini 3 Pro Image through ToAPIs\' direct Vertex AI channel: 1K/2K/4K, PNG/JPEG/WebP output, up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3-pro-image-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    // The same Google model: Google's table, as for the preview id.
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GEMINI_3_PRO_PIXELS },
  }),
  geminiOfficial({
    id: 'gemini-3.1-flash-image-preview-official',
    aliases: ['nano-banana-2-official', 'nano-banana-2-lite-official'],
    name: 'Gemini 3.1 Flash Image, official channel (Nano Banana 2)',
    description: 'Gemini 3.1 Flash Image through ToAPIs\' direct Vertex AI channel: 1K/2K/4K in 12 aspect ratios, PNG/JPEG/WebP output, up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3.1-flash-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_31_OFFICIAL_RATIOS },
    resolution: { values: ['1K', '2K', '4K'], default: '1K' },
  }),
  geminiOfficial({
    id: 'gemini-2.5-flash-image-official',
    aliases: ['nano-banana-official'],
    name: 'Gemini 2.5 Flash Image, official channel (Nano Banana)',
    description: 'Gemini 2.5 Flash Image through ToAPIs\' direct Vertex AI channel: 10 aspect ratios, PNG/JPEG/WebP output, up to 3 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-2.5-flash-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    inputImages: references(3),
  }),
  {
    ...TASK,
    id: 'gpt-4o-image',
    name: 'GPT-4o Image',
    description: 'OpenAI GPT-4o image generation through ToAPIs: 1, 2 or 4 images per task in 1:1, 2:3 or 3:2, edits with up to 5 reference images and a mask.',
    docsUrl: `${DOCS}/gpt-4o/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: ['1:1', '2:3', '3:2'] },
    defaultSize: '1:1',
    // n is 1, 2 or 4 per task (the provider refuses 3), so no fan-out.
    maxImagesPerCall: 4,
    maxImages: 4,
    inputImages: references(5, ['image/jpeg', 'image/png', 'image/webp'], true),
    maxPromptLength: 1000,
    options: {},
  },
  gptImage2({
    id: 'gpt-image-2',
    name: 'GPT Image 2',
    description: 'OpenAI GPT Image 2 through ToAPIs: 1K/2K/4K in 13 aspect ratios, up to 10 images per task, edits with up to 16 reference images and a mask, quality and PNG/JPEG output.',
    docsUrl: `${DOCS}/gpt-image-2/generation`,
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GPT_IMAGE_2_PIXELS },
  }),
  gptImage2({
    id: 'gpt-image-2-official',
    name: 'GPT Image 2, official channel',
    description: 'OpenAI GPT Image 2 through ToAPIs\' official channel: 1K/2K in 13 aspect ratios, 4K in 16:9, 9:16, 2:1, 1:2, 21:9, 9:21; up to 10 images per task, edits with a mask.',
    docsUrl: `${DOCS}/gpt-image-2/official`,
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GPT_IMAGE_2_OFFICIAL_PIXELS },
  }),
  seedream({
    id: 'doubao-seedream-4-0',
    name: 'Seedream 4.0',
    description: 'ByteDance Seedream 4.0 through ToAPIs: 1K/2K/4K in 9 aspect ratios, edits with up to 10 reference images, one image per task; watermarked unless metadata.watermark is false.',
    docsUrl: `${DOCS}/seedream-4.0/generation`,
    resolution: { values: ['1K', '2K', '4K'], default: '2K' },
    maxPromptLength: 1000,
  }),
  seedream({
    id: 'doubao-seedream-4-5',
    name: 'Seedream 4.5',
    description: 'ByteDance Seedream 4.5 through ToAPIs: 2K/4K in 9 aspect ratios, edits with up to 10 reference images, one image per task; watermarked unless metadata.watermark is false.',
    docsUrl: `${DOCS}/seedream-4.5/generation`,
    resolution: { values: ['2K', '4K'], default: '2K' },
  }),
  seedream({
    id: 'doubao-seedream-5-0',
    name: 'Seedream 5.0 Lite',
    description: 'ByteDance Seedream 5.0 (lite) through ToAPIs: 2K/3K in 9 aspect ratios, edits with up to 10 reference images, one image per task.',
    docsUrl: `${DOCS}/seedream-5.0/generation`,
    resolution: { values: ['2K', '3K'], default: '2K' },
  }),
  fluxKontext({
    id: 'flux-kontext-pro',
    name: 'FLUX.1 Kontext [pro]',
    description: 'Black Forest Labs FLUX.1 Kontext [pro] through ToAPIs: text-to-image, or an edit of one reference image (size match_input_image), PNG or JPEG output.',
  }),
  fluxKontext({
    id: 'flux-kontext-max',
    name: 'FLUX.1 Kontext [max]',
    description: 'Black Forest Labs FLUX.1 Kontext [max] through ToAPIs: text-to-image, or an edit of one reference image (size match_input_image), PNG or JPEG output.',
  }),
  flux2({
    id: 'flux-2-flex',
    name: 'FLUX.2 [flex]',
    description: 'Black Forest Labs FLUX.2 [flex] through ToAPIs: 1K/2K in 7 aspect ratios, up to 8 reference images, one image per task.',
  }),
  flux2({
    id: 'flux-2-pro',
    name: 'FLUX.2 [pro]',
    description: 'Black Forest Labs FLUX.2 [pro] through ToAPIs: 1K/2K in 7 aspect ratios, up to 8 reference images, one image per task.',
  }),
];

/**
 * Which listed model an unlisted id borrows its limits from, by the family
 * its id names; the first match wins. Other ids naming an image model keep
 * the old fallback (Gemini 2.5 Flash Image's limits).
 */
const FAMILY_TEMPLATES: ReadonlyArray<[pattern: RegExp, template: ToApisModelId]> = [
  [/^gemini-3/i, 'gemini-3-pro-image-preview'],
  [/^gpt-image-2/i, 'gpt-image-2'],
  [/seedream/i, 'doubao-seedream-4-5'],
  [/^flux/i, 'flux-kontext-pro'],
  [/image|banana/i, 'gemini-2.5-flash-image-preview'],
];

/** The listed model whose limits (and wire rules) an unlisted id uses; undefined when none fits. */
export function familyTemplateId(id: string): ToApisModelId | undefined {
  if (!/^[a-z0-9][\w.:-]*$/i.test(id)) return undefined;
  return FAMILY_TEMPLATES.find(([pattern]) => pattern.test(id))?.[1];
}

/**
 * A spec for an image model id ToAPIs may serve through the same task API but
 * that is not in the manifest (`gemini-3-pro-image-preview-vip`,
 * `doubao-seedream-4-0-250828`, `flux-kontext-dev` …): it runs with the limits
 * of the listed model of its family, so new models work "by ID". Other ids
 * are refused.
 */
export function describeToApisModel(id: string): ModelSpec<ToApisModelId> | undefined {
  const templateId = familyTemplateId(id);
  const template = TOAPIS_MODELS.find((m) => m.id === templateId);
  if (!template) return undefined;
  const { aliases: _aliases, docsUrl: _docsUrl, ...limits } = template;
  return { ...limits, id, name: id, description: `Not in the manifest: checked with ${template.id}'s limits.` };
}
