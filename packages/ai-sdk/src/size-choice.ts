import type { SharedV4Warning } from '@ai-sdk/provider';
import type { ModelSpec } from '@imagegate/core';
import { parsePixelSize, sizeProblem } from '@imagegate/core/provider';

/** The size sent for a call, the AI SDK option it came from, and what the caller is told about the other. */
export interface SizeChoice {
  size?: string;
  /** Which of the AI SDK's options the size stands for (errors about `size` name it). */
  from?: 'size' | 'aspectRatio';
  warnings: SharedV4Warning[];
}

/** `1536x1024` → `3:2`; undefined for anything that is not `WxH`. */
export function ratioOf(size: string): string | undefined {
  const parsed = parsePixelSize(size);
  if (!parsed) return undefined;
  const d = gcd(parsed.width, parsed.height);
  return `${parsed.width / d}:${parsed.height / d}`;
}

/**
 * Map the AI SDK's `size` and `aspectRatio` to the one size a model takes: an aspect ratio (`'16:9'`) or pixels
 * (`'1536x1024'`). The option of the model's own kind wins; the other is converted where it names the same shape
 * exactly (a `compatibility` warning), and is an `unsupported` warning otherwise, as the AI SDK's own providers
 * answer a setting their model does not take. A value of the model's kind that it does not accept is left for
 * ImageGate's validation, which refuses it before any request and says what is accepted.
 */
export function chooseSize(model: ModelSpec, size: string | undefined, aspectRatio: string | undefined): SizeChoice {
  const warnings: SharedV4Warning[] = [];
  const spec = model.sizes;
  const [own, other, ownName, otherName] =
    spec.kind === 'aspect-ratio'
      ? ([aspectRatio, size, 'aspectRatio', 'size'] as const)
      : ([size, aspectRatio, 'size', 'aspectRatio'] as const);
  if (own !== undefined) {
    if (other !== undefined)
      warnings.push({
        type: 'unsupported',
        feature: otherName,
        details:
          `${model.id} takes ${describeKind(spec.kind)}: ` +
          `${otherName} ${other} is ignored, ${ownName} ${own} is used.`,
      });
    return { size: own, from: ownName, warnings };
  }
  if (other === undefined) return { warnings };
  // A value that is not text is not converted: it goes on as it is, for ImageGate's validation to refuse by name.
  if (typeof other !== 'string') return { size: other, from: otherName, warnings };
  const converted = spec.kind === 'aspect-ratio' ? ratioForPixels(model, other) : pixelsForRatio(model, other);
  if (converted === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: otherName,
      details:
        `${model.id} takes ${describeKind(spec.kind)} and none has the shape ${other}; ` +
        "the vendor's default is used.",
    });
    return { warnings };
  }
  warnings.push({
    type: 'compatibility',
    feature: otherName,
    details: `${model.id} takes ${describeKind(spec.kind)}: ${otherName} ${other} is sent as ${converted}.`,
  });
  return { size: converted, from: otherName, warnings };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

function describeKind(kind: ModelSpec['sizes']['kind']): string {
  return kind === 'aspect-ratio' ? 'an aspect ratio, not a pixel size' : 'a pixel size, not an aspect ratio';
}

/** The aspect ratio a model lists for a pixel size: the one whose documented output it is, or its reduced shape. */
function ratioForPixels(model: ModelSpec, size: string): string | undefined {
  if (model.sizes.kind !== 'aspect-ratio') return undefined;
  const { values, resolutions } = model.sizes;
  const documented = Object.entries(resolutions ?? {}).find(([, pixels]) => pixels === size)?.[0];
  if (documented && values.includes(documented)) return documented;
  const ratio = ratioOf(size);
  return ratio && values.includes(ratio) ? ratio : undefined;
}

/**
 * The pixel size a model takes for an aspect ratio: its first preset of that exact shape, else (for models that
 * take custom sizes) the size of that shape with about the pixels of its default size, on the model's step.
 */
function pixelsForRatio(model: ModelSpec, aspectRatio: string): string | undefined {
  if (model.sizes.kind !== 'pixels') return undefined;
  const shape = /^(\d+):(\d+)$/.exec(aspectRatio.trim());
  if (!shape) return undefined;
  const [w, h] = [Number(shape[1]), Number(shape[2])];
  if (w <= 0 || h <= 0) return undefined;
  const wanted = ratioOf(`${w}x${h}`);
  const preset = model.sizes.presets.find((p) => ratioOf(p) === wanted);
  if (preset) return preset;
  const custom = model.sizes.custom;
  if (!custom) return undefined;
  // The shape in lowest terms times m, where m keeps both sides on the step, with about the default's pixels.
  const [rw, rh] = wanted!.split(':').map(Number) as [number, number];
  const step = custom.multipleOf;
  const unit = lcm(step / gcd(step, rw), step / gcd(step, rh));
  const base = parsePixelSize(model.defaultSize ?? '') ?? { width: 1024, height: 1024 };
  const m = Math.max(1, Math.round(Math.sqrt((base.width * base.height) / (rw * rh)) / unit)) * unit;
  const candidate = `${rw * m}x${rh * m}`;
  // Only a size the model accepts (its edges and pixel limits).
  return !sizeProblem(candidate, model.sizes) ? candidate : undefined;
}
