import { familyTemplateId } from './toapis-models.js';

/**
 * How each model's request is written on the wire. The manifest says what a
 * model takes; this table says where ToAPIs reads it, since its families
 * disagree (the tier in `metadata.resolution` as written, or a top-level
 * `resolution` in lower case; the output format as `output_format`,
 * `metadata.response_format` or `metadata.imageOutputOptions.mimeType`).
 * The body builder and the provider's checks read only this table.
 */

/** Request fields that have a place in the body beyond model/prompt/size/n/image_urls. */
export type PlacedField = 'resolution' | 'quality' | 'outputFormat' | 'outputCompression' | 'mask';

/** Where a field goes: a path from the body's root, and how its value is written there. */
export interface Placement {
  path: readonly [string, ...string[]];
  write?: (value: string | number) => unknown;
}

/** One model's wire rule. */
export interface ToApisWireRule {
  /**
   * `n` in the body: `one-per-task` always sends 1 (the model makes one image
   * per task; core fans `n` out), `as-asked` the number asked of the call.
   */
  n: 'one-per-task' | 'as-asked';
  /** The only `n` values the vendor takes per task, when not every number up to `maxImagesPerCall`. */
  nValues?: readonly number[];
  /** Where each field goes; a field the rule does not place is never sent (the manifest refuses it first). */
  fields: Partial<Record<PlacedField, Placement>>;
  /** The mask's own limit in bytes (a PNG with alpha), when smaller than a reference image's. */
  maskMaxBytes?: number;
  /** `size` sent for an edit that sets none (otherwise the model's `defaultSize`). */
  editSize?: string;
  /**
   * Sizes that only make sense with reference images (`match_input_image`,
   * an `auto` that matches the reference): refused for text-to-image.
   */
  editOnlySizes?: readonly string[];
  /**
   * Tiers an edit makes only at some ratios (where the edits page is
   * narrower than the model's pixel table): tier → the ratios accepted.
   */
  editTierSizes?: Readonly<Record<string, readonly string[]>>;
  /** Fields always sent as they are. */
  fixed?: Readonly<Record<string, unknown>>;
}

const top = (key: string, write?: Placement['write']): Placement => ({ path: [key], ...(write ? { write } : {}) });
const metadata = (...path: [string, ...string[]]): Placement => ({ path: ['metadata', ...path] });

/** `1K` → `1k`: the GPT-Image-2 pages write the tier in lower case. */
const lowerCase = (value: string | number) => String(value).toLowerCase();

/** Gemini 2.5 Flash Image (preview): one tier, nothing to place. */
const PLAIN: ToApisWireRule = { n: 'one-per-task', fields: {} };

/** Gemini preview, Seedream and Flux 2: the tier as written, in `metadata.resolution`. */
const TIER_IN_METADATA: ToApisWireRule = { n: 'one-per-task', fields: { resolution: metadata('resolution') } };

/** Gemini official channels: the output type as `metadata.imageOutputOptions.mimeType` (`image/png` …). */
const OFFICIAL_OUTPUT_FORMAT: Placement = {
  path: ['metadata', 'imageOutputOptions', 'mimeType'],
  write: (format) => `image/${format}`,
};
const GEMINI_OFFICIAL: ToApisWireRule = {
  n: 'one-per-task',
  fields: { resolution: metadata('resolution'), outputFormat: OFFICIAL_OUTPUT_FORMAT },
};

/** The ratios the gpt-image-2 edits page (and the official page, for every request) allows at 4K. */
export const GPT_IMAGE_2_4K_RATIOS: readonly string[] = ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];

/**
 * ImageGate's `outputCompression` is OpenAI's `output_compression`: 100 (the
 * default) keeps the most detail, lower values make smaller, more compressed
 * files. It is sent as asked on both GPT Image 2 ids. The gpt-image-2-official
 * page's text reads the other way ("`0` = no compression, `100` = maximum
 * compression, default `100`"), but its own 4K wallpaper example sends 90 and
 * the channel is OpenAI's official one, whose default 100 is the best
 * quality: the README says why, and lists it as unverified.
 */

/**
 * GPT-Image-2: top-level lower-case tier, OpenAI-style options,
 * `n` per task; URL results asked for (the page recommends it).
 */
const GPT_IMAGE_2: ToApisWireRule = {
  n: 'as-asked',
  fields: {
    resolution: top('resolution', lowerCase),
    quality: top('quality'),
    outputFormat: top('output_format'),
    outputCompression: top('output_compression'),
    mask: top('mask_url'),
  },
  fixed: { response_format: 'url' },
  // `auto` appears on the edits page only (the generation page lists 13 ratios).
  editOnlySizes: ['auto'],
  // "1K and 2K support all 13 ratios. 4K only supports 6 ratios" (edits page); generation makes 4K at all 13.
  editTierSizes: { '4K': GPT_IMAGE_2_4K_RATIOS },
};

/** The official channel: `auto` on every request, no response_format (its examples send none). */
const GPT_IMAGE_2_OFFICIAL: ToApisWireRule = {
  ...GPT_IMAGE_2,
  fixed: undefined,
  editOnlySizes: undefined,
};

/**
 * Flux Kontext: the file format as `metadata.response_format`
 * (`png` / `jpg`); an edit keeps its input's shape by default.
 */
const FLUX_KONTEXT: ToApisWireRule = {
  n: 'one-per-task',
  fields: {
    outputFormat: { path: ['metadata', 'response_format'], write: (format) => (format === 'jpeg' ? 'jpg' : format) },
  },
  editSize: 'match_input_image',
  editOnlySizes: ['match_input_image'],
};

/** The wire rule of every listed model, by id. */
export const TOAPIS_WIRE_RULES: Readonly<Record<string, ToApisWireRule>> = {
  'gemini-2.5-flash-image-preview': PLAIN,
  'gemini-3-pro-image-preview': TIER_IN_METADATA,
  'gemini-3-pro-image-preview-4k': TIER_IN_METADATA,
  'gemini-3.1-flash-image-preview': TIER_IN_METADATA,
  'gemini-3-pro-image-preview-official': GEMINI_OFFICIAL,
  'gemini-3.1-flash-image-preview-official': GEMINI_OFFICIAL,
  'gemini-2.5-flash-image-official': { n: 'one-per-task', fields: { outputFormat: OFFICIAL_OUTPUT_FORMAT } },
  'gpt-4o-image': {
    n: 'as-asked',
    nValues: [1, 2, 4],
    fields: { mask: top('mask_url') },
    maskMaxBytes: 4 * 1024 * 1024,
  },
  'gpt-image-2': GPT_IMAGE_2,
  'gpt-image-2-official': GPT_IMAGE_2_OFFICIAL,
  // "auto - Auto-match reference image ratio (requires `image_urls`)".
  'doubao-seedream-4-0': { ...TIER_IN_METADATA, editOnlySizes: ['auto'] },
  'doubao-seedream-4-5': TIER_IN_METADATA,
  'doubao-seedream-5-0': TIER_IN_METADATA,
  'flux-kontext-pro': FLUX_KONTEXT,
  'flux-kontext-max': FLUX_KONTEXT,
  'flux-2-flex': TIER_IN_METADATA,
  'flux-2-pro': TIER_IN_METADATA,
};

/**
 * The wire rule for a model id: its own, else its family's (as
 * `describeToApisModel` picks limits), else one image per task with nothing placed.
 */
export function wireRuleFor(modelId: string): ToApisWireRule {
  return TOAPIS_WIRE_RULES[modelId] ?? TOAPIS_WIRE_RULES[familyTemplateId(modelId) ?? ''] ?? PLAIN;
}
