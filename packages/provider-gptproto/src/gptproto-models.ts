import type { ImageMimeType, ModelSpec } from '@imagegate/core';
import type { ResolutionSpec } from '@imagegate/core/provider';
import { GPTPROTO_PRICES } from './gptproto-prices.js';

/** GPTProto's OpenAI image models and channels (`/v1/images/generations`, `/v1/images/edits`). */
export type GptProtoGptImageModelId =
  | 'gpt-image-1'
  | 'gpt-image-1-mini'
  | 'gpt-image-1.5'
  | 'gpt-image-2'
  | 'gpt-image-2-plus'
  | 'gpt-image-1.5-plus'
  | 'gpt-image-1-vip'
  | 'gpt-4o-image'
  | 'gpt-4o-image-vip';

/** GPTProto's Gemini 2.5 image models (`/v1/images/generations`, `/v1beta/models/{model}:generateContent`). */
export type GptProtoGeminiModelId = 'gemini-2.5-flash-image' | 'gemini-2.5-flash-image-preview';

/**
 * Models on GPTProto's asynchronous v3 API (`/api/v3/{vendor}/{model}/…`, polled at
 * `/api/v3/predictions/{id}/result`).
 */
export type GptProtoPredictionModelId =
  | 'gemini-3-pro-image-preview'
  | 'gemini-3.1-flash-image-preview'
  | 'gemini-2.5-flash-image-hd'
  | 'seedream-4-0-250828'
  | 'seedream-4-5-251128'
  | 'seedream-5-0-260128';

/** Black Forest Labs' Flux Kontext on `/v1/images/generations` (answers URLs). */
export type GptProtoFluxModelId = 'flux-kontext-pro' | 'flux-kontext-max';

/** Model ids GPTProto serves for images; other strings type-check and are refused by validation. */
export type GptProtoModelId =
  GptProtoGptImageModelId | GptProtoGeminiModelId | GptProtoPredictionModelId | GptProtoFluxModelId | (string & {});

/**
 * Which API a model speaks: `gpt-image` the OpenAI Images endpoints,
 * `gemini` Images generations plus Gemini's generateContent for edits,
 * `flux` Images generations answering URLs, `predictions` the asynchronous
 * v3 API. One model id has one family (see the README's model table).
 */
export type GptProtoModelFamily = 'gpt-image' | 'gemini' | 'flux' | 'predictions';

/** The family of a model id: the manifest's, else guessed from the id's prefix (for models run "by ID"). */
export function modelFamily(model: string): GptProtoModelFamily {
  const listed = GPTPROTO_MODELS.find((m) => m.id === model || m.aliases?.includes(model));
  const id = listed?.id ?? model;
  if (/^gemini-3|^gemini-2\.5-flash-image(-preview)?-hd$|seedream/.test(id)) return 'predictions';
  if (id.startsWith('gemini-')) return 'gemini';
  if (id.startsWith('flux-')) return 'flux';
  return 'gpt-image';
}

/**
 * GPTProto's `-plus` channels of gpt-image (`gpt-image-2-plus`,
 * `gpt-image-1.5-plus`, and ids of that form run "by ID"): the OpenAI Images
 * endpoints with `model`, `prompt`, `size` (and `image[]` for edits) only,
 * answering `b64_json` as a data URI (see the README).
 */
export function isGptImagePlus(model: string): boolean {
  return /^gpt-image-[\w.-]+-plus$/.test(model);
}

/** The `{vendor}` path segment of a v3 model: Google's models under `google`, Seedream under `bytedance`. */
export function predictionsVendor(model: string): 'google' | 'bytedance' {
  return model.startsWith('gemini-') ? 'google' : 'bytedance';
}

const IMAGE_TYPES: readonly ImageMimeType[] = ['image/png', 'image/jpeg', 'image/webp'];
const MB = 1024 * 1024;

/** Aspect ratios and the resolution each yields (document 000 and 001). */
export const GEMINI_RESOLUTIONS = {
  '1:1': '1024x1024',
  '2:3': '832x1248',
  '3:2': '1248x832',
  '3:4': '864x1184',
  '4:3': '1184x864',
  '4:5': '896x1152',
  '5:4': '1152x896',
  '9:16': '768x1344',
  '16:9': '1344x768',
  '21:9': '1536x672',
} as const;

/** The gpt-image-1 family presets (document 003). */
const GPT_IMAGE_1_PRESETS = ['1024x1024', '1536x1024', '1024x1536'] as const;

/** gpt-image-2 presets plus its custom-size rules (document 003). */
const GPT_IMAGE_2_PRESETS = [
  '1024x1024',
  '1536x1024',
  '1024x1536',
  '2048x2048',
  '2048x1152',
  '3840x2160',
  '2160x3840',
] as const;

/** Pixel count above which gpt-image-2 output is "experimental" (2560×1440, document 003). */
export const GPT_IMAGE_2_EXPERIMENTAL_PIXELS = 2560 * 1440;

/** The page for gpt-image-1, -1-mini, -1.5 and -2 on this endpoint (document 003). */
const GPT_IMAGE_DOCS = 'https://docs.gptproto.com/docs/allapi/OpenAI/gpt-image-2/official-format/text-to-image';

/** What a gpt-image model on the OpenAI Images endpoints takes beyond the shared parameters. */
interface GptImageShape {
  /** gpt-image-2's custom sizes; else gpt-image-1's three presets. */
  custom: boolean;
  /** `background: 'transparent'` (the gpt-image-1 family only). */
  transparent: boolean;
  /** Its own page; the shared gpt-image page by default. */
  docsUrl?: string;
}

function gptImage(
  id: GptProtoGptImageModelId,
  name: string,
  description: string,
  shape: GptImageShape,
): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description,
    // One page documents the four gpt-image models on this endpoint; the channels have their own.
    docsUrl: shape.docsUrl ?? GPT_IMAGE_DOCS,
    operations: ['generate', 'edit'],
    sizes: shape.custom
      ? {
          kind: 'pixels',
          presets: GPT_IMAGE_2_PRESETS,
          auto: true,
          custom: { multipleOf: 16, maxEdge: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxAspectRatio: 3 },
        }
      : { kind: 'pixels', presets: GPT_IMAGE_1_PRESETS, auto: true },
    defaultSize: 'auto',
    maxImagesPerCall: 10,
    maxImages: 10,
    // OpenAI's edit limits: up to 16 images, each under 50 MB (GPTProto README notes).
    inputImages: { max: 16, maxBytes: 50 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: false, mask: true },
    maxPromptLength: 32_000,
    options: {
      quality: ['auto', 'low', 'medium', 'high'],
      background: shape.transparent ? ['auto', 'opaque', 'transparent'] : ['auto', 'opaque'],
      moderation: ['auto', 'low'],
      outputFormat: ['auto', 'png', 'jpeg', 'webp'],
      outputCompression: { min: 0, max: 100, formats: ['jpeg', 'webp'] },
    },
    defaults: { quality: 'auto', background: 'auto', moderation: 'auto', outputFormat: 'auto', outputCompression: 100 },
    async: false,
    output: { delivery: 'bytes', mimeTypes: IMAGE_TYPES },
  };
}

/**
 * The `-plus` sizes (snippet `official-format/gpt-image-plus`): `auto` is
 * the default in one version, `1254x1254` in a newer one; `auto` is
 * therefore sent as no `size` at all, so the vendor's default applies
 * whichever version is live.
 */
export const GPT_IMAGE_PLUS_SIZES = ['1254x1254', '1536x1024', '1024x1536', '1672x941', '941x1672'] as const;

/**
 * A `-plus` channel on the OpenAI Images endpoints, as its pages document it:
 * `model`, `prompt`, `size` (and up to 16 `image[]` for edits), nothing else —
 * no `n` (one image per call; core fans `n` out), no quality ("not supported
 * by -plus suffixed models"), background, format or mask, all refused before
 * anything is sent. The answer's `b64_json` is a data URI, without usage.
 */
function gptImagePlus(
  id: GptProtoGptImageModelId,
  name: string,
  base: string,
  docsUrl: string,
): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description:
      `OpenAI ${base} on GPTProto's -plus channel: five sizes (or the vendor's default), one image per call, ` +
      'edits with up to 16 images; no quality, background or format options.',
    docsUrl,
    operations: ['generate', 'edit'],
    sizes: { kind: 'pixels', presets: GPT_IMAGE_PLUS_SIZES, auto: true },
    defaultSize: 'auto',
    maxImagesPerCall: 1,
    maxImages: 4,
    inputImages: { max: 16, maxBytes: 50 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: false },
    maxPromptLength: 32_000,
    options: {},
    async: false,
    output: { delivery: 'bytes', mimeTypes: ['image/png'] },
  };
}

function gemini(
  id: GptProtoGeminiModelId,
  name: string,
  docsUrl: string,
  deprecated?: ModelSpec['deprecated'],
): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description: 'Google Gemini 2.5 Flash Image: text-to-image and image editing with up to 3 reference images.',
    docsUrl,
    ...(deprecated ? { deprecated } : {}),
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: Object.keys(GEMINI_RESOLUTIONS), resolutions: GEMINI_RESOLUTIONS },
    defaultSize: '1:1',
    // One image per vendor call; core fans a larger n out into several calls.
    maxImagesPerCall: 1,
    maxImages: 4,
    inputImages: { max: 3, maxBytes: 7 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: false },
    options: {},
    async: false,
    output: { delivery: 'bytes', mimeTypes: ['image/png'] },
  };
}

const DOCS = 'https://docs.gptproto.com/docs/allapi';

/**
 * Gemini 3 Pro Image's output per tier and ratio, as Google publishes it
 * (GPTProto's pages give none), for the ratios GPTProto's v3 page lists.
 */
export const GEMINI_3_PRO_PIXELS = {
  '1K': {
    '1:1': '1024x1024',
    '2:3': '848x1264',
    '3:2': '1264x848',
    '3:4': '896x1200',
    '4:3': '1200x896',
    '9:16': '768x1376',
    '16:9': '1376x768',
    '21:9': '1584x672',
  },
  '2K': {
    '1:1': '2048x2048',
    '2:3': '1696x2528',
    '3:2': '2528x1696',
    '3:4': '1792x2400',
    '4:3': '2400x1792',
    '9:16': '1536x2752',
    '16:9': '2752x1536',
    '21:9': '3168x1344',
  },
  '4K': {
    '1:1': '4096x4096',
    '2:3': '3392x5056',
    '3:2': '5056x3392',
    '3:4': '3584x4800',
    '4:3': '4800x3584',
    '9:16': '3072x5504',
    '16:9': '5504x3072',
    '21:9': '6336x2688',
  },
} as const;

/** Gemini 3.1 Flash Image's ratios (Google's list, as third parties report GPTProto serving them). */
const GEMINI_31_RATIOS = [
  '1:1',
  '1:4',
  '1:8',
  '2:3',
  '3:2',
  '3:4',
  '4:1',
  '4:3',
  '4:5',
  '5:4',
  '8:1',
  '9:16',
  '16:9',
  '21:9',
] as const;

/**
 * Polling hints for v3 predictions. No GPTProto page gives a cadence; its
 * SDK (gptproto-ai/gptproto-sdk, 2026-08-20, docs/API.md §1.4) says
 * "pending / in_progress → keep polling (suggest 3–5s between requests)" and
 * its client waits 3 s. So: the first poll 3 s after the submit, then every
 * 3 s while the prediction is within its typical minute, then 4 s; up to 1 s
 * of random jitter on each wait, so every wait falls within the SDK's 3–5 s.
 * No floor (`minIntervalMs`): the SDK suggests, it does not require, so a
 * caller's own `poll` timings still apply.
 */
export const PREDICTION_POLLING = {
  initialDelayMs: 3000,
  intervalMs: 3000,
  maxIntervalMs: 4000,
  jitterMs: 1000,
  typicalDurationMs: { min: 8000, max: 60_000 },
};

/** What every v3 prediction model shares: asynchronous, one image per prediction, results as URLs. */
const PREDICTION: Pick<
  ModelSpec,
  'specificationVersion' | 'async' | 'polling' | 'maxImagesPerCall' | 'maxImages' | 'output'
> = {
  specificationVersion: 'v1',
  async: true,
  polling: PREDICTION_POLLING,
  // One image per prediction; core fans a larger n out into several.
  maxImagesPerCall: 1,
  maxImages: 4,
  output: { delivery: 'url' },
};

/**
 * Gemini 3 image models on the v3 API: an aspect ratio and a 1K/2K/4K tier.
 * Reference URLs go to v3's image-edit; reference bytes to Gemini's
 * generateContent (v3 takes URLs only and GPTProto offers no upload).
 */
function gemini3(
  id: GptProtoPredictionModelId,
  name: string,
  description: string,
  ratios: readonly string[],
  pixels: ResolutionSpec['pixels'],
  docsUrl: string,
): ModelSpec<GptProtoModelId> {
  return {
    ...PREDICTION,
    id,
    name,
    description,
    docsUrl,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: ratios },
    defaultSize: '1:1',
    resolution: { values: ['1K', '2K', '4K'], default: '1K', ...(pixels ? { pixels } : {}) },
    // Google's limits: 14 references; 7 MB per inline image (document 001).
    inputImages: { max: 14, maxBytes: 7 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: true },
    options: { outputFormat: ['png', 'jpeg'] },
    defaults: { outputFormat: 'png' },
  };
}

/** Seedream on the v3 API: `size` in pixels (sent as `W*H`), reference images as URLs. */
function seedream(
  id: GptProtoPredictionModelId,
  name: string,
  presets: readonly string[],
  minPixels: number,
  maxPixels: number,
  docsUrl: string,
): ModelSpec<GptProtoModelId> {
  return {
    ...PREDICTION,
    id,
    aliases: [`doubao-${id}`],
    name,
    description:
      `ByteDance ${name} on GPTProto's asynchronous v3 API: any size from ${minPixels.toLocaleString('en-US')} ` +
      `to ${maxPixels.toLocaleString('en-US')} pixels, edits with up to 10 reference URLs.`,
    docsUrl,
    operations: ['generate', 'edit'],
    sizes: {
      kind: 'pixels',
      presets,
      custom: { multipleOf: 1, maxEdge: 16_384, minPixels, maxPixels, maxAspectRatio: 16 },
    },
    defaultSize: '2048x2048',
    inputImages: {
      max: 10,
      maxBytes: 10 * MB,
      mimeTypes: ['image/jpeg', 'image/png'],
      acceptsUrls: true,
      acceptsBytes: false,
    },
    options: {},
  };
}

/**
 * The GPTProto image manifest: what each model accepts, and its price where
 * GPTProto publishes one (`gptproto-prices.ts`). Core validates every
 * request against it before anything is sent.
 */
export const GPTPROTO_MODELS: readonly ModelSpec<GptProtoModelId>[] = withPrices([
  gptImage(
    'gpt-image-1',
    'GPT Image 1',
    'OpenAI gpt-image-1: presets or auto, transparent backgrounds, edits with masks.',
    { custom: false, transparent: true },
  ),
  gptImage('gpt-image-1-mini', 'GPT Image 1 Mini', 'OpenAI gpt-image-1-mini: the cheaper gpt-image-1.', {
    custom: false,
    transparent: true,
  }),
  gptImage('gpt-image-1.5', 'GPT Image 1.5', 'OpenAI gpt-image-1.5.', { custom: false, transparent: true }),
  gptImage(
    'gpt-image-2',
    'GPT Image 2',
    'OpenAI gpt-image-2: any WxH with sides multiple of 16 up to 3840 px (above 2560×1440 is experimental); ' +
      'no transparent background.',
    {
      custom: true,
      transparent: false,
    },
  ),
  gptImagePlus(
    'gpt-image-2-plus',
    'GPT Image 2 Plus',
    'gpt-image-2',
    `${DOCS}/OpenAI/gpt-image-2-plus/official-format/text-to-image`,
  ),
  gptImagePlus(
    'gpt-image-1.5-plus',
    'GPT Image 1.5 Plus',
    'gpt-image-1.5',
    `${DOCS}/OpenAI/gpt-image-1.5-plus/official-format/text-to-image`,
  ),
  gptImage(
    'gpt-image-1-vip',
    'GPT Image 1 VIP',
    "OpenAI gpt-image-1 on GPTProto's VIP channel: gpt-image-1's parameters, edits with masks.",
    {
      custom: false,
      transparent: true,
      docsUrl: `${DOCS}/OpenAI/gpt-image-1-vip/official-format/text-to-image`,
    },
  ),
  {
    specificationVersion: 'v1',
    id: 'gpt-4o-image',
    name: 'GPT-4o Image',
    description: 'OpenAI GPT-4o image generation: 1024×1024, edits with reference images.',
    docsUrl: `${DOCS}/OpenAI/gpt-4o-image/official-format/text-to-image`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'pixels', presets: ['1024x1024'] },
    defaultSize: '1024x1024',
    maxImagesPerCall: 1,
    maxImages: 4,
    inputImages: { max: 16, maxBytes: 50 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: false },
    options: {},
    async: false,
    output: { delivery: 'bytes', mimeTypes: ['image/png'] },
  },
  gptImage(
    'gpt-4o-image-vip',
    'GPT-4o Image VIP',
    "OpenAI GPT-4o image generation on GPTProto's VIP channel, with the gpt-image parameters " +
      "(gpt-image-1's sizes; no transparent background).",
    {
      custom: false,
      transparent: false,
      docsUrl: `${DOCS}/OpenAI/gpt-4o-image-vip/official-format/text-to-image`,
    },
  ),
  gemini(
    'gemini-2.5-flash-image',
    'Gemini 2.5 Flash Image',
    `${DOCS}/Google/gemini-2.5-flash-image/openai-format/text-to-image`,
  ),
  gemini(
    'gemini-2.5-flash-image-preview',
    'Gemini 2.5 Flash Image (preview)',
    'https://docs.gptproto.com/docs/api/Google/gemini-2.5-flash-image-preview/gptproto-format/image-edit',
    {
      message: 'Google retired gemini-2.5-flash-image-preview on 2025-10-31; GPTProto may stop serving it at any time.',
      replacement: 'gemini-2.5-flash-image',
    },
  ),
  gemini3(
    'gemini-3-pro-image-preview',
    'Gemini 3 Pro Image (Nano Banana Pro)',
    "Google Gemini 3 Pro Image on GPTProto's asynchronous v3 API: 8 aspect ratios at 1K, 2K or 4K, " +
      'edits with up to 14 reference images.',
    Object.keys(GEMINI_3_PRO_PIXELS['1K']),
    GEMINI_3_PRO_PIXELS,
    `${DOCS}/Google/gemini-3-pro-image-preview/gptproto-format/text-to-image`,
  ),
  gemini3(
    'gemini-3.1-flash-image-preview',
    'Gemini 3.1 Flash Image (Nano Banana 2)',
    "Google Gemini 3.1 Flash Image on GPTProto's asynchronous v3 API: 14 aspect ratios (down to 1:8) at 1K, 2K or 4K.",
    GEMINI_31_RATIOS,
    undefined,
    `${DOCS}/Google/gemini-3.1-flash-image-preview/openai-format/text-to-image`,
  ),
  {
    ...PREDICTION,
    id: 'gemini-2.5-flash-image-hd',
    // The name of the older pages (until about 2025-12); the newer ones call the channel gemini-2.5-flash-image-hd.
    aliases: ['gemini-2.5-flash-image-preview-hd'],
    name: 'Gemini 2.5 Flash Image HD',
    description:
      "Gemini 2.5 Flash Image, GPTProto's HD channel on the asynchronous v3 API: ten aspect ratios (no size tier), " +
      'edits with up to 3 reference URLs.',
    docsUrl: `${DOCS}/Google/gemini-2.5-flash-image-hd/gptproto-format/text-to-image`,
    operations: ['generate', 'edit'],
    sizes: { kind: 'aspect-ratio', values: Object.keys(GEMINI_RESOLUTIONS), resolutions: GEMINI_RESOLUTIONS },
    defaultSize: '1:1',
    inputImages: { max: 3, maxBytes: 7 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: true, acceptsBytes: false },
    options: { outputFormat: ['png', 'jpeg'] },
    defaults: { outputFormat: 'png' },
  },
  seedream(
    'seedream-4-0-250828',
    'Seedream 4.0',
    ['1024x1024', '2048x2048', '2304x1728', '1728x2304', '2560x1440', '1440x2560', '4096x4096'],
    921_600,
    16_777_216,
    `${DOCS}/Doubao/seedream-4-0-250828/gptproto-format/image-edit`,
  ),
  seedream(
    'seedream-4-5-251128',
    'Seedream 4.5',
    ['2048x2048', '2304x1728', '1728x2304', '2560x1440', '1440x2560', '4096x4096'],
    3_686_400,
    16_777_216,
    `${DOCS}/Doubao/seedream-4-5-251128/gptproto-format/image-edit`,
  ),
  seedream(
    'seedream-5-0-260128',
    'Seedream 5.0',
    ['2048x2048', '2848x1600', '1600x2848', '3072x3072'],
    3_686_400,
    10_404_496,
    `${DOCS}/Doubao/seedream-5-0-260128/gptproto-format/text-to-image`,
  ),
  flux('flux-kontext-pro', 'Flux Kontext Pro'),
  flux('flux-kontext-max', 'Flux Kontext Max'),
]);

/** Each model with its price from {@link GPTPROTO_PRICES}, where GPTProto publishes one. */
function withPrices(models: ModelSpec<GptProtoModelId>[]): ModelSpec<GptProtoModelId>[] {
  return models.map((model) => (GPTPROTO_PRICES[model.id] ? { ...model, price: GPTPROTO_PRICES[model.id] } : model));
}

/** Flux Kontext on `/v1/images/generations`: aspect ratios, up to 4 images per call, answered as URLs. */
function flux(id: GptProtoFluxModelId, name: string): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description: `Black Forest Labs ${name}: text-to-image in seven aspect ratios, up to 4 images per call.`,
    docsUrl: 'https://gptproto.apifox.cn/319068704e0',
    operations: ['generate'],
    sizes: { kind: 'aspect-ratio', values: ['1:1', '16:9', '4:3', '3:2', '2:3', '3:4', '9:16'] },
    defaultSize: '1:1',
    maxImagesPerCall: 4,
    maxImages: 4,
    options: {},
    async: false,
    output: { delivery: 'url' },
  };
}

/** For ids of a known family not in the manifest: the listed model whose limits they get. */
const FAMILY_BASES: ReadonlyArray<[RegExp, GptProtoModelId]> = [
  // A -plus channel takes only model, prompt and size: never gpt-image-1's parameters.
  [/^gpt-image-[\w.-]+-plus$/, 'gpt-image-2-plus'],
  [/^gpt-image-[\w.-]+$/, 'gpt-image-1'],
  [/^gemini-3[\w.-]*image[\w.-]*$/, 'gemini-3.1-flash-image-preview'],
  [/^gemini-[\w.-]*image[\w.-]*$/, 'gemini-2.5-flash-image'],
  [/^(doubao-)?seedream-[\w.-]+$/, 'seedream-4-5-251128'],
  [/^flux-kontext-[\w.-]+$/, 'flux-kontext-pro'],
];

/**
 * A spec for a model id GPTProto may serve that is not in the manifest yet
 * (e.g. `gpt-image-3`, `gemini-3-flash-image`): it is validated with the
 * limits of its family's model (the newest with its API), so new models work
 * "by ID" without an update. Undefined for ids of no known family.
 */
export function describeGptProtoModel(id: string): ModelSpec<GptProtoModelId> | undefined {
  const family = FAMILY_BASES.find(([pattern]) => pattern.test(id))?.[1];
  const base = GPTPROTO_MODELS.find((m) => m.id === family);
  if (!base) return undefined;
  return {
    ...base,
    id,
    aliases: undefined,
    name: id,
    description: `Not in the manifest: checked with ${base.id}'s limits.`,
    deprecated: undefined,
    docsUrl: undefined,
    // Another model's price is not this one's: GPTProto prices each model on its own page.
    price: undefined,
  };
}
