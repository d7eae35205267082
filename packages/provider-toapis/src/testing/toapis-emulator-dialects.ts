import type { ModelSpec } from '@imagegate/core/provider';

/**
 * How ToAPIs reads a body, per model family, as its doc pages say. Written
 * apart from the provider's wire rules on purpose: the emulator checks what
 * the provider sends against the vendor's documents, not against itself.
 * Limits (ratios, tiers, reference counts, masks, prompt length) come from
 * the manifest.
 */
export interface VendorDialect {
  /**
   * Where the tier is read: `metadata.resolution` as written (`2K`), or a top-level `resolution` in lower case (`2k`).
   */
  tier: 'metadata' | 'top-level-lower-case' | 'none';
  /** The `n` values one task takes. */
  nValues: readonly number[];
  /** Top-level fields beyond model, prompt, size, n, image_urls, metadata, callback_url and the tier. */
  topLevel: Readonly<Record<string, (value: unknown) => boolean>>;
  /** Checked metadata fields (others pass through): a path and the values it takes. */
  metadata: ReadonlyArray<{ path: readonly string[]; values: readonly string[] }>;
  /**
   * Sizes refused without `image_urls` (`match_input_image` on Flux Kontext, `auto` where it "requires image_urls").
   */
  editOnlySizes?: readonly string[];
  /** Tiers an edit (a body with `image_urls`) makes only at some ratios, tier in canonical form (`4K`). */
  editTierRatios?: Readonly<Record<string, readonly string[]>>;
}

const oneOf =
  (...values: string[]) =>
  (value: unknown) =>
    typeof value === 'string' && values.includes(value);
const isUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);
const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** The dialect of a listed (or described) model. */
export function dialectOf(model: ModelSpec): VendorDialect {
  const tier = model.resolution ? 'metadata' : 'none';
  if (/^gpt-image-2/.test(model.id)) {
    return {
      // The edits page: "Supports 13 ratios or `auto`" / "4K only
      // supports 6 ratios"; the official page offers auto everywhere.
      ...(model.id === 'gpt-image-2-official' ? {} : { editOnlySizes: ['auto'] }),
      editTierRatios: { '4K': ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'] },
      tier: 'top-level-lower-case',
      nValues: range(1, 10),
      topLevel: {
        quality: oneOf('low', 'medium', 'high'),
        output_format: oneOf('png', 'jpeg'),
        output_compression: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100,
        response_format: oneOf('url'),
        mask_url: isUrl,
      },
      metadata: [],
    };
  }
  if (model.id === 'gpt-4o-image')
    return { tier: 'none', nValues: [1, 2, 4], topLevel: { mask_url: isUrl }, metadata: [] };
  if (/^flux-kontext/.test(model.id))
    return {
      tier: 'none',
      nValues: [1],
      topLevel: {},
      metadata: [{ path: ['response_format'], values: ['png', 'jpg'] }],
      editOnlySizes: ['match_input_image'],
    };
  if (/^gemini-.*-official$/.test(model.id)) {
    return {
      tier,
      nValues: [1],
      topLevel: {},
      metadata: [{ path: ['imageOutputOptions', 'mimeType'], values: ['image/png', 'image/jpeg', 'image/webp'] }],
    };
  }
  // Seedream 4.0: "auto - Auto-match reference image ratio (requires `image_urls`)".
  if (model.id === 'doubao-seedream-4-0')
    return { tier, nValues: [1], topLevel: {}, metadata: [], editOnlySizes: ['auto'] };
  return { tier, nValues: [1], topLevel: {}, metadata: [] };
}
