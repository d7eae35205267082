import type { ImageMimeType, ModelSpec } from '@imagegate/core';

/** GPTProto's OpenAI image models (`/v1/images/generations`, `/v1/images/edits`). */
export type GptProtoGptImageModelId = 'gpt-image-1' | 'gpt-image-1-mini' | 'gpt-image-1.5' | 'gpt-image-2';

/** GPTProto's Gemini image models (`/v1/images/generations`, `/v1beta/models/{model}:generateContent`). */
export type GptProtoGeminiModelId = 'gemini-2.5-flash-image' | 'gemini-2.5-flash-image-preview';

/** Model ids GPTProto serves for images; other strings type-check and are refused by validation. */
export type GptProtoModelId = GptProtoGptImageModelId | GptProtoGeminiModelId | (string & {});

/** Which request shapes a model speaks. */
export type GptProtoModelFamily = 'gpt-image' | 'gemini';

/** The family of a model id: Gemini ids start with `gemini-`, everything else is a gpt-image model. */
export function modelFamily(model: string): GptProtoModelFamily {
  return model.startsWith('gemini-') ? 'gemini' : 'gpt-image';
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
const GPT_IMAGE_2_PRESETS = ['1024x1024', '1536x1024', '1024x1536', '2048x2048', '2048x1152', '3840x2160', '2160x3840'] as const;

/** Pixel count above which gpt-image-2 output is "experimental" (2560×1440, document 003). */
export const GPT_IMAGE_2_EXPERIMENTAL_PIXELS = 2560 * 1440;

function gptImage(
  id: GptProtoGptImageModelId,
  name: string,
  description: string,
  custom: boolean,
  transparent: boolean,
): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description,
    operations: ['generate', 'edit'],
    sizes: custom
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
    inputImages: { max: 16, maxBytes: 50 * MB, mimeTypes: IMAGE_TYPES, acceptsUrls: false },
    maxPromptLength: 32_000,
    options: {
      quality: ['auto', 'low', 'medium', 'high'],
      background: transparent ? ['auto', 'opaque', 'transparent'] : ['auto', 'opaque'],
      moderation: ['auto', 'low'],
      outputFormat: ['auto', 'png', 'jpeg', 'webp'],
      outputCompression: { min: 0, max: 100, formats: ['jpeg', 'webp'] },
    },
    defaults: { quality: 'auto', background: 'auto', moderation: 'auto', outputFormat: 'auto', outputCompression: 100 },
    async: false,
    output: { delivery: 'bytes', mimeTypes: IMAGE_TYPES },
  };
}

function gemini(id: GptProtoGeminiModelId, name: string, deprecated?: ModelSpec['deprecated']): ModelSpec<GptProtoModelId> {
  return {
    specificationVersion: 'v1',
    id,
    name,
    description: 'Google Gemini 2.5 Flash Image: text-to-image and image editing with up to 3 reference images.',
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

/**
 * The GPTProto image manifest: what each model accepts. Core validates every
 * request against it before anything is sent.
 */
export const GPTPROTO_MODELS: readonly ModelSpec<GptProtoModelId>[] = [
  gptImage('gpt-image-1', 'GPT Image 1', 'OpenAI gpt-image-1: presets or auto, transparent backgrounds, edits with masks.', false, true),
  gptImage('gpt-image-1-mini', 'GPT Image 1 Mini', 'OpenAI gpt-image-1-mini: the cheaper gpt-image-1.', false, true),
  gptImage('gpt-image-1.5', 'GPT Image 1.5', 'OpenAI gpt-image-1.5.', false, true),
  gptImage(
    'gpt-image-2',
    'GPT Image 2',
    'OpenAI gpt-image-2: any WxH with sides multiple of 16 up to 3840 px (above 2560×1440 is experimental); no transparent background.',
    true,
    false,
  ),
  gemini('gemini-2.5-flash-image', 'Gemini 2.5 Flash Image'),
  gemini('gemini-2.5-flash-image-preview', 'Gemini 2.5 Flash Image (preview)', {
    message: 'Google retired gemini-2.5-flash-image-preview on 2025-10-31; GPTProto may stop serving it at any time.',
    replacement: 'gemini-2.5-flash-image',
  }),
];

/**
 * A spec for a model id GPTProto may serve that is not in the manifest yet
 * (e.g. `gpt-image-3`, `gemini-3-flash-image`): it is validated with the
 * limits of its family's first model, so new models work "by ID" without an
 * update. Undefined for ids of no known family.
 */
export function describeGptProtoModel(id: string): ModelSpec<GptProtoModelId> | undefined {
  const family = /^gpt-image-[\w.-]+$/.test(id) ? 'gpt-image-1' : /^gemini-[\w.-]*image[\w.-]*$/.test(id) ? 'gemini-2.5-flash-image' : undefined;
  const base = GPTPROTO_MODELS.find((m) => m.id === family);
  if (!base) return undefined;
  return { ...base, id, name: id, description: `Not in the manifest: checked with ${base.id}'s limits.`, deprecated: undefined };
}
