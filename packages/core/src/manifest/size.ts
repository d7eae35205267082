import type { CustomSizeRules, SizeSpec } from '../spec/model-spec.js';

/** Parse `'1024x1536'` into numbers; undefined when it is not of that form. */
export function parsePixelSize(size: string): { width: number; height: number } | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

/**
 * Why a custom `WxH` breaks the rules, or undefined when it is fine.
 * The message names the rule and the limit.
 */
export function customSizeProblem(width: number, height: number, rules: CustomSizeRules): string | undefined {
  if (width % rules.multipleOf !== 0 || height % rules.multipleOf !== 0) {
    return `both sides must be multiples of ${rules.multipleOf} px`;
  }
  if (Math.max(width, height) > rules.maxEdge) return `the longest side must be at most ${rules.maxEdge} px`;
  const pixels = width * height;
  if (pixels < rules.minPixels || pixels > rules.maxPixels) {
    return (
      `the total pixels (${pixels.toLocaleString('en-US')}) must be between ` +
      `${rules.minPixels.toLocaleString('en-US')} and ${rules.maxPixels.toLocaleString('en-US')}`
    );
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > rules.maxAspectRatio) return `the aspect ratio must be at most ${rules.maxAspectRatio}:1`;
  return undefined;
}

/** A short sentence of what a size spec accepts, for error messages and UIs. */
export function describeSizes(spec: SizeSpec): string {
  if (spec.kind === 'aspect-ratio') return `one of ${spec.values.join(', ')}`;
  const parts = [...(spec.auto ? ['auto'] : []), ...spec.presets];
  let text = `one of ${parts.join(', ')}`;
  if (spec.custom) {
    const r = spec.custom;
    text +=
      `, or any WxH with sides multiple of ${r.multipleOf}, longest side ≤ ${r.maxEdge}, ` +
      `aspect ratio ≤ ${r.maxAspectRatio}:1 and ` +
      `${r.minPixels.toLocaleString('en-US')}–${r.maxPixels.toLocaleString('en-US')} pixels`;
  }
  return text;
}

/** Why `size` is not accepted by the spec, or undefined when it is. */
export function sizeProblem(size: string, spec: SizeSpec): string | undefined {
  if (spec.kind === 'aspect-ratio') return spec.values.includes(size) ? undefined : `must be ${describeSizes(spec)}`;
  if (size === 'auto') return spec.auto ? undefined : `must be ${describeSizes(spec)}`;
  if (spec.presets.includes(size)) return undefined;
  const parsed = parsePixelSize(size);
  if (!parsed || !spec.custom) return `must be ${describeSizes(spec)}`;
  const problem = customSizeProblem(parsed.width, parsed.height, spec.custom);
  return problem ? `${size} is not accepted: ${problem}` : undefined;
}
