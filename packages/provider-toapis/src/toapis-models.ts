import type { ImageMimeType, InputImageSpec, ModelSpec } from '@imagegate/core/provider';
import {
  FLUX_2_PIXELS,
  GEMINI_25_FLASH_PIXELS,
  GEMINI_3_PRO_PIXELS,
  GPT_IMAGE_2_OFFICIAL_PIXELS,
  GPT_IMAGE_2_PIXELS,
} from './toapis-pixel-tables.js';
import { TOAPIS_PRICES } from './toapis-prices.js';

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
  | 'gemini-3-pro-image-preview-4k'
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
/**
 * What every Gemini page lists for reference images: ".jpeg, .jpg, .png,
 * .webp" (no GIF, though the upload endpoint stores GIFs).
 */
export const GEMINI_INPUT_MIME_TYPES: readonly ImageMimeType[] = ['image/jpeg', 'image/png', 'image/webp'];
/** The upload endpoint's limit; every byte input is uploaded first, so it bounds every model. */
export const TOAPIS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const DOCS = 'https://docs.toapis.com/docs/en/api-reference/images';

/** gemini-3-pro-image-preview-4k: the six ratios of its model-guide page. */
const GEMINI_3_PRO_4K_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9'];
const GEMINI_3_PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const GEMINI_31_FLASH_RATIOS = [
  '1:1',
  '3:2',
  '2:3',
  '4:3',
  '3:4',
  '16:9',
  '9:16',
  '5:4',
  '4:5',
  '21:9',
  '1:4',
  '4:1',
  '1:8',
  '8:1',
];
/** The official 3.1 Flash page adds 4:1 and 8:1 to the official list (not 1:4, 1:8). */
const GEMINI_31_OFFICIAL_RATIOS = [...GEMINI_3_PRO_RATIOS, '4:1', '8:1'];
const GPT_IMAGE_2_RATIOS = [
  '1:1',
  '3:2',
  '2:3',
  '4:3',
  '3:4',
  '5:4',
  '4:5',
  '16:9',
  '9:16',
  '2:1',
  '1:2',
  '21:9',
  '9:21',
];
const SEEDREAM_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9', '9:21'];
/**
 * `size: "auto"`: the vendor picks the ratio. Offered only where a page
 * documents it: Seedream 4.0 ("Auto-match reference image ratio (requires
 * `image_urls`)"), the gpt-image-2 edits page ("Supports 13 ratios or
 * `auto`") and gpt-image-2-official ("or pass `auto` to let the server
 * choose"); edit-only ones are refused without references by the wire rule.
 */
const AUTO = 'auto';
const FLUX_2_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3'];

/** Reference images: `max` of them, bytes uploaded first (10 MB), URLs passed through. */
function references(
  max: number,
  mimeTypes: readonly ImageMimeType[] = TOAPIS_INPUT_MIME_TYPES,
  mask = false,
): InputImageSpec {
  return { max, maxBytes: TOAPIS_MAX_UPLOAD_BYTES, mimeTypes, acceptsUrls: true, ...(mask ? { mask: true } : {}) };
}

/**
 * How ToAPIs asks to be polled (tasks/image-status "Polling Strategy" and
 * rate-limits/async-tasks, docs repo of 2026-08-20): "Initial wait: 5
 * seconds / Polling interval: at least 5–10 seconds with random jitter",
 * "Poll no faster than every 5–10 seconds, add random jitter". So: the first
 * poll after 5 s, then every 5 s while the task is within its typical
 * 5–30 s, then growing by 1.25 up to 10 s (the top of the vendor's range);
 * never sooner than 5 s after the last poll, even when progress says the
 * task is about to finish; up to 1 s of random jitter on every wait (the
 * page's own example sleeps `interval + random.uniform(0, 1)`). Superseded:
 * the older "wait 2-3 seconds / 3-5 seconds" status table.
 */
export const TOAPIS_POLLING: NonNullable<ModelSpec['polling']> = {
  initialDelayMs: 5000,
  intervalMs: 5000,
  minIntervalMs: 5000,
  maxIntervalMs: 10_000,
  jitterMs: 1000,
  typicalDurationMs: { min: 5000, max: 30_000 },
};

/**
 * What every ToAPIs model shares: an asynchronous task, polled as the vendor
 * asks ({@link TOAPIS_POLLING}), no cancel endpoint (an aborted wait leaves
 * the task to finish; resume it with its handle), result URLs valid 24 h
 * that core downloads.
 */
const TASK: Pick<ModelSpec, 'specificationVersion' | 'async' | 'polling' | 'cancel' | 'output'> = {
  specificationVersion: 'v1',
  async: true,
  polling: TOAPIS_POLLING,
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

const geminiOfficial = (
  fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'sizes'> & Partial<Entry>,
): Entry => ({
  ...TASK,
  ...ONE_PER_TASK,
  operations: ['generate', 'edit'],
  defaultSize: '1:1',
  inputImages: references(14, GEMINI_INPUT_MIME_TYPES),
  // Sent as metadata.imageOutputOptions.mimeType.
  options: { outputFormat: ['png', 'jpeg', 'webp'] },
  ...fields,
});

const gptImage2 = (fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'resolution'>): Entry => ({
  ...TASK,
  operations: ['generate', 'edit'],
  sizes: { kind: 'aspect-ratio', values: [...GPT_IMAGE_2_RATIOS, AUTO] },
  defaultSize: '1:1',
  maxImagesPerCall: 10,
  maxImages: 10,
  inputImages: references(16, ['image/png', 'image/jpeg'], true),
  maxPromptLength: 32_000,
  options: {
    quality: ['low', 'medium', 'high'],
    outputFormat: ['png', 'jpeg'],
    outputCompression: { min: 0, max: 100, formats: ['jpeg'] },
  },
  ...fields,
});

const seedream = (
  fields: Pick<Entry, 'id' | 'name' | 'description' | 'docsUrl' | 'resolution'> & Partial<Entry>,
): Entry => ({
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
  // match_input_image is the edit default (and edit only, the wire rule's editSize); 16:9 the
  // text-to-image default ("Without reference image: `16:9`"), sent when no size is asked.
  sizes: { kind: 'aspect-ratio', values: ['match_input_image', ...SEEDREAM_RATIOS] },
  defaultSize: '16:9',
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
 * "Choices where the docs disagree or are silent" says what we chose. Prices,
 * where a ToAPIs page gives one, are attached from `toapis-prices.ts`.
 */
export const TOAPIS_MODELS: ModelSpec<ToApisModelId>[] = withPrices([
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-2.5-flash-image-preview',
    aliases: ['nano-banana'],
    name: 'Gemini 2.5 Flash Image (Nano Banana)',
    description:
      'Google Gemini 2.5 Flash Image through ToAPIs: text-to-image and ' +
      'edits with up to 14 reference images, one image per task, 1K only.',
    docsUrl: `${DOCS}/gemini-2.5-flash/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: Object.keys(GEMINI_25_FLASH_PIXELS), resolutions: GEMINI_25_FLASH_PIXELS },
    defaultSize: '1:1',
    // The current page fixes n at 1 and has no quality; an older one
    // showed n 1–4 and quality standard/hd. We follow the current page.
    inputImages: references(14, GEMINI_INPUT_MIME_TYPES),
    maxPromptLength: 1000,
    options: {},
  },
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-3-pro-image-preview',
    aliases: ['nano-banana-pro'],
    name: 'Gemini 3 Pro Image (Nano Banana Pro)',
    description:
      'Google Gemini 3 Pro Image through ToAPIs: 1K/2K/4K in 10 aspect ratios, ' +
      'text-to-image and edits with up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3-pro-image/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    defaultSize: '1:1',
    // Google's pixel table: ToAPIs publishes none for this model.
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GEMINI_3_PRO_PIXELS },
    inputImages: references(14, GEMINI_INPUT_MIME_TYPES),
    options: {},
  },
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-3-pro-image-preview-4k',
    name: 'Gemini 3 Pro Image 4K (Nano Banana Pro 4K)',
    description:
      'Google Gemini 3 Pro Image through ToAPIs at 4K only, in 6 aspect ratios, text-to-image and edits with ' +
      'up to 14 reference images, one image per task (documented only by a toapis.com model-guide page).',
    // No docs.toapis.com page: only this model-guide page (updated 2026-05-02) documents the id.
    docsUrl: 'https://toapis.com/ru/model-guide/gemini-3-pro-image-preview-4k',
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_4K_RATIOS },
    defaultSize: '1:1',
    // "resolution … 4K | 4K": one tier, so an unset tier sends
    // 4K (not Gemini 3 Pro's 1K). Google's 4K row for its ratios.
    resolution: {
      values: ['4K'],
      default: '4K',
      pixels: {
        '4K': Object.fromEntries(GEMINI_3_PRO_4K_RATIOS.map((ratio) => [ratio, GEMINI_3_PRO_PIXELS['4K']![ratio]!])),
      },
    },
    // "reference_images … max 14"; sent as image_urls like every Gemini id, with the Gemini pages' types.
    inputImages: references(14, GEMINI_INPUT_MIME_TYPES),
    options: {},
  },
  {
    ...TASK,
    ...ONE_PER_TASK,
    id: 'gemini-3.1-flash-image-preview',
    name: 'Gemini 3.1 Flash Image (Nano Banana 2)',
    description:
      'Google Gemini 3.1 Flash Image through ToAPIs: 0.5K to 4K in 14 aspect ratios (down ' +
      'to 1:8), text-to-image and edits with up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3.1-flash/generation`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: GEMINI_31_FLASH_RATIOS },
    defaultSize: '1:1',
    // No pixel table is documented (only "about 512/1024/2048/4096 px").
    resolution: { values: ['0.5K', '1K', '2K', '4K'], default: '1K' },
    // The docs repo says 14; a later snapshot says 6 for this id (14 on VIP/official). We follow the repo.
    inputImages: references(14, GEMINI_INPUT_MIME_TYPES),
    options: {},
  },
  geminiOfficial({
    id: 'gemini-3-pro-image-preview-official',
    aliases: ['nano-banana-pro-official'],
    name: 'Gemini 3 Pro Image, official channel (Nano Banana Pro)',
    description:
      "Gemini 3 Pro Image through ToAPIs' direct Vertex AI channel: 1K/2K/4K, " +
      'PNG/JPEG/WebP output, up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3-pro-image-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    // The same Google model: Google's table, as for the preview id.
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GEMINI_3_PRO_PIXELS },
  }),
  geminiOfficial({
    id: 'gemini-3.1-flash-image-preview-official',
    aliases: ['nano-banana-2-official', 'nano-banana-2-lite-official'],
    name: 'Gemini 3.1 Flash Image, official channel (Nano Banana 2)',
    description:
      "Gemini 3.1 Flash Image through ToAPIs' direct Vertex AI channel: 1K/2K/4K in 12 " +
      'aspect ratios, PNG/JPEG/WebP output, up to 14 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-3.1-flash-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_31_OFFICIAL_RATIOS },
    resolution: { values: ['1K', '2K', '4K'], default: '1K' },
  }),
  geminiOfficial({
    id: 'gemini-2.5-flash-image-official',
    aliases: ['nano-banana-official'],
    name: 'Gemini 2.5 Flash Image, official channel (Nano Banana)',
    description:
      "Gemini 2.5 Flash Image through ToAPIs' direct Vertex AI channel: 10 aspect " +
      'ratios, PNG/JPEG/WebP output, up to 3 reference images, one image per task.',
    docsUrl: `${DOCS}/gemini-2.5-flash-official/generation`,
    sizes: { kind: 'aspect-ratio', values: GEMINI_3_PRO_RATIOS },
    inputImages: references(3, GEMINI_INPUT_MIME_TYPES),
  }),
  {
    ...TASK,
    id: 'gpt-4o-image',
    name: 'GPT-4o Image',
    description:
      'OpenAI GPT-4o image generation through ToAPIs: 1, 2 or 4 images per task ' +
      'in 1:1, 2:3 or 3:2, edits with up to 5 reference images and a mask.',
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
    description:
      'OpenAI GPT Image 2 through ToAPIs: 1K/2K/4K in 13 aspect ratios (edits at 4K in ' +
      '16:9, 9:16, 2:1, 1:2, 21:9, 9:21 only; size auto on edits), up to 10 images per ' +
      'task, edits with up to 16 reference images and a mask, quality and PNG/JPEG output.',
    docsUrl: `${DOCS}/gpt-image-2/generation`,
    // The generation page makes 4K at every ratio; its edits page
    // only at six (the wire rule refuses the others for edits).
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GPT_IMAGE_2_PIXELS },
  }),
  gptImage2({
    id: 'gpt-image-2-official',
    name: 'GPT Image 2, official channel',
    description:
      "OpenAI GPT Image 2 through ToAPIs' official channel: 1K/2K in 13 aspect ratios or auto, " +
      '4K in 16:9, 9:16, 2:1, 1:2, 21:9, 9:21; up to 10 images per task, edits with a mask.',
    docsUrl: `${DOCS}/gpt-image-2/official`,
    resolution: { values: ['1K', '2K', '4K'], default: '1K', pixels: GPT_IMAGE_2_OFFICIAL_PIXELS },
  }),
  seedream({
    id: 'doubao-seedream-4-0',
    name: 'Seedream 4.0',
    description:
      'ByteDance Seedream 4.0 through ToAPIs: 1K/2K/4K in 9 aspect ratios (or ' +
      'auto, matching the reference, on edits), edits with up to 10 reference ' +
      'images, one image per task; watermarked unless metadata.watermark is false.',
    docsUrl: `${DOCS}/seedream-4.0/generation`,
    // auto "requires image_urls": the wire rule refuses it for text-to-image.
    sizes: { kind: 'aspect-ratio', values: [...SEEDREAM_RATIOS, AUTO] },
    resolution: { values: ['1K', '2K', '4K'], default: '2K' },
    maxPromptLength: 1000,
  }),
  seedream({
    id: 'doubao-seedream-4-5',
    name: 'Seedream 4.5',
    description:
      'ByteDance Seedream 4.5 through ToAPIs: 2K/4K in 9 aspect ratios, edits with up to 10 ' +
      'reference images, one image per task; watermarked unless metadata.watermark is false.',
    docsUrl: `${DOCS}/seedream-4.5/generation`,
    resolution: { values: ['2K', '4K'], default: '2K' },
  }),
  seedream({
    id: 'doubao-seedream-5-0',
    name: 'Seedream 5.0 Lite',
    description:
      'ByteDance Seedream 5.0 (lite) through ToAPIs: 2K/3K in 9 aspect ' +
      'ratios, edits with up to 10 reference images, one image per task.',
    docsUrl: `${DOCS}/seedream-5.0/generation`,
    resolution: { values: ['2K', '3K'], default: '2K' },
  }),
  fluxKontext({
    id: 'flux-kontext-pro',
    name: 'FLUX.1 Kontext [pro]',
    description:
      'Black Forest Labs FLUX.1 Kontext [pro] through ToAPIs: text-to-image, or an ' +
      'edit of one reference image (size match_input_image), PNG or JPEG output.',
  }),
  fluxKontext({
    id: 'flux-kontext-max',
    name: 'FLUX.1 Kontext [max]',
    description:
      'Black Forest Labs FLUX.1 Kontext [max] through ToAPIs: text-to-image, or an ' +
      'edit of one reference image (size match_input_image), PNG or JPEG output.',
  }),
  flux2({
    id: 'flux-2-flex',
    name: 'FLUX.2 [flex]',
    description:
      'Black Forest Labs FLUX.2 [flex] through ToAPIs: 1K/2K in 7 ' +
      'aspect ratios, up to 8 reference images, one image per task.',
  }),
  flux2({
    id: 'flux-2-pro',
    name: 'FLUX.2 [pro]',
    description:
      'Black Forest Labs FLUX.2 [pro] through ToAPIs: 1K/2K in 7 ' +
      'aspect ratios, up to 8 reference images, one image per task.',
  }),
]);

/** Each model with its price from {@link TOAPIS_PRICES}, where a ToAPIs page gives one. */
function withPrices(models: ModelSpec<ToApisModelId>[]): ModelSpec<ToApisModelId>[] {
  return models.map((model) => (TOAPIS_PRICES[model.id] ? { ...model, price: TOAPIS_PRICES[model.id] } : model));
}

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
  // Another model's price is not this one's: an unlisted id has none until a page gives it.
  const { aliases: _aliases, docsUrl: _docsUrl, price: _price, ...limits } = template;
  // `auto` is documented per id (the gpt-image-2-vip page refuses it): an unlisted id is not offered it.
  const sizes =
    limits.sizes.kind === 'aspect-ratio'
      ? { ...limits.sizes, values: limits.sizes.values.filter((v) => v !== AUTO) }
      : limits.sizes;
  return { ...limits, sizes, id, name: id, description: `Not in the manifest: checked with ${template.id}'s limits.` };
}
