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
  if (rules.minEdge !== undefined && Math.min(width, height) < rules.minEdge)
    return `the shortest side must be at least ${rules.minEdge} px`;
  if (Math.max(width, height) > rules.maxEdge) return `the longest side must be at most ${rules.maxEdge} px`;
  const pixels = width * height;
  const min = rules.minPixels ?? 0;
  const max = rules.maxPixels ?? Number.POSITIVE_INFINITY;
  if (pixels < min || pixels > max) return `the total pixels (${count(pixels)}) must be ${pixelRange(rules)}`;
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (rules.maxAspectRatio !== undefined && ratio > rules.maxAspectRatio)
    return `the aspect ratio must be at most ${rules.maxAspectRatio}:1`;
  return undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `between 655,360 and 8,294,400`, `at least …`, `at most …`. */
function pixelRange({ minPixels, maxPixels }: CustomSizeRules): string {
  if (minPixels !== undefined && maxPixels !== undefined) return `between ${count(minPixels)} and ${count(maxPixels)}`;
  return minPixels !== undefined ? `at least ${count(minPixels)}` : `at most ${count(maxPixels ?? 0)}`;
}

/**
 * What custom sizes a model takes, in words, for error messages and UIs: `WxH with sides multiple of 32 and each
 * side 256–1440 px`.
 */
export function describeCustomSize(rules: CustomSizeRules): string {
  const sides =
    rules.minEdge !== undefined
      ? `each side ${rules.minEdge}–${rules.maxEdge} px`
      : `longest side ≤ ${rules.maxEdge} px`;
  const parts = [`sides multiple of ${rules.multipleOf}`, sides];
  if (rules.maxAspectRatio !== undefined) parts.push(`aspect ratio ≤ ${rules.maxAspectRatio}:1`);
  if (rules.minPixels !== undefined || rules.maxPixels !== undefined) {
    const { minPixels: min, maxPixels: max } = rules;
    parts.push(
      min !== undefined && max !== undefined
        ? `${count(min)}–${count(max)} pixels`
        : min !== undefined
          ? `at least ${count(min)} pixels`
          : `at most ${count(max!)} pixels`,
    );
  }
  return `WxH with ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** A short sentence of what a size spec accepts, for error messages and UIs. */
export function describeSizes(spec: SizeSpec): string {
  if (spec.kind === 'aspect-ratio') return `one of ${spec.values.join(', ')}`;
  const parts = [...(spec.auto ? ['auto'] : []), ...spec.presets];
  const text = `one of ${parts.join(', ')}`;
  return spec.custom ? `${text}, or any ${describeCustomSize(spec.custom)}` : text;
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
