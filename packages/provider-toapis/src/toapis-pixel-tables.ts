/**
 * Output pixel sizes per resolution tier and aspect ratio, where a complete
 * table is published. Core offers a tier only at the ratios its table lists,
 * so a tier gets a table here only when it covers every ratio the model takes
 * (or, for gpt-image-2-official's 4K, exactly the ratios the vendor makes).
 */

/** Rows of `ratio: [tier sizes…]` turned into `{ tier: { ratio: 'WxH' } }`. */
function byTier(
  tiers: readonly string[],
  rows: Readonly<Record<string, readonly string[]>>,
): Record<string, Record<string, string>> {
  const table: Record<string, Record<string, string>> = {};
  tiers.forEach((tier, i) => {
    table[tier] = Object.fromEntries(
      Object.entries(rows).flatMap(([ratio, sizes]) => (sizes[i] ? [[ratio, sizes[i]]] : [])),
    );
  });
  return table;
}

/**
 * gemini-2.5-flash-image-preview: ToAPIs' "Pixels (Reference)" table. The
 * model has one tier (1K), so this is its plain ratio → pixels table.
 */
export const GEMINI_25_FLASH_PIXELS: Readonly<Record<string, string>> = {
  '1:1': '1024x1024',
  '16:9': '1792x1024',
  '9:16': '1024x1792',
  '4:3': '1365x1024',
  '3:4': '1024x1365',
  '3:2': '1536x1024',
  '2:3': '1024x1536',
};

/**
 * Gemini 3 Pro Image: Google's published table. ToAPIs gives none for this
 * model; we take Google's because ToAPIs passes the tier through to Google
 * (the official variant says so: `resolution` is Vertex's `imageSize`).
 */
export const GEMINI_3_PRO_PIXELS = byTier(['1K', '2K', '4K'], {
  '1:1': ['1024x1024', '2048x2048', '4096x4096'],
  '2:3': ['848x1264', '1696x2528', '3392x5056'],
  '3:2': ['1264x848', '2528x1696', '5056x3392'],
  '3:4': ['896x1200', '1792x2400', '3584x4800'],
  '4:3': ['1200x896', '2400x1792', '4800x3584'],
  '4:5': ['928x1152', '1856x2304', '3712x4608'],
  '5:4': ['1152x928', '2304x1856', '4608x3712'],
  '9:16': ['768x1376', '1536x2752', '3072x5504'],
  '16:9': ['1376x768', '2752x1536', '5504x3072'],
  '21:9': ['1584x672', '3168x1344', '6336x2688'],
});

/** gpt-image-2: ToAPIs' `size` × `resolution` table (docs …/gpt-image-2/generation). */
const GPT_IMAGE_2_ROWS: Readonly<Record<string, readonly string[]>> = {
  '1:1': ['1024x1024', '2048x2048', '2880x2880'],
  '3:2': ['1536x1024', '2048x1360', '3520x2336'],
  '2:3': ['1024x1536', '1360x2048', '2336x3520'],
  '4:3': ['1024x768', '2048x1536', '3312x2480'],
  '3:4': ['768x1024', '1536x2048', '2480x3312'],
  '5:4': ['1280x1024', '2560x2048', '3216x2576'],
  '4:5': ['1024x1280', '2048x2560', '2576x3216'],
  '16:9': ['1536x864', '2048x1152', '3840x2160'],
  '9:16': ['864x1536', '1152x2048', '2160x3840'],
  '2:1': ['2048x1024', '2688x1344', '3840x1920'],
  '1:2': ['1024x2048', '1344x2688', '1920x3840'],
  '21:9': ['2016x864', '2688x1152', '3840x1648'],
  '9:21': ['864x2016', '1152x2688', '1648x3840'],
};

export const GPT_IMAGE_2_PIXELS = byTier(['1K', '2K', '4K'], GPT_IMAGE_2_ROWS);

/** The ratios gpt-image-2-official makes at 4K ("Not supported" for the others). */
const OFFICIAL_4K_RATIOS = new Set(['16:9', '9:16', '2:1', '1:2', '21:9', '9:21']);

/**
 * gpt-image-2-official: the same 1K/2K rows; the 4K row only
 * for the wide and tall ratios, so core refuses 4K elsewhere.
 */
export const GPT_IMAGE_2_OFFICIAL_PIXELS = byTier(
  ['1K', '2K', '4K'],
  Object.fromEntries(
    Object.entries(GPT_IMAGE_2_ROWS).map(([ratio, [k1, k2, k4]]) => [
      ratio,
      OFFICIAL_4K_RATIOS.has(ratio) ? [k1!, k2!, k4!] : [k1!, k2!],
    ]),
  ),
);

/** Flux 2 (flex, pro): ToAPIs' `metadata.resolution` table. */
export const FLUX_2_PIXELS = byTier(['1K', '2K'], {
  '1:1': ['1024x1024', '2048x2048'],
  '4:3': ['1365x1024', '2730x2048'],
  '3:4': ['1024x1365', '2048x2730'],
  '16:9': ['1820x1024', '3640x2048'],
  '9:16': ['1024x1820', '2048x3640'],
  '3:2': ['1536x1024', '3072x2048'],
  '2:3': ['1024x1536', '2048x3072'],
});
