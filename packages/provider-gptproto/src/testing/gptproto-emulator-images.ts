import { encodePng, encodeSolidJpeg, encodeSolidWebp, type Rgb } from '@imagegate/testing/fakes';
import { GEMINI_RESOLUTIONS } from '../gptproto-models.js';

/** The formats gpt-image answers in. */
export type EmulatedFormat = 'png' | 'jpeg' | 'webp';

/**
 * A real image of the size and format asked for: one colour taken from the
 * prompt (the same prompt gives the same colour), `shade` 0–1 towards grey
 * for partial images, so each stage of a stream looks different.
 */
export function renderImage(
  width: number,
  height: number,
  format: EmulatedFormat,
  seed: string,
  shade = 0,
): Uint8Array {
  const color = colorFor(seed, shade);
  if (format === 'jpeg') return encodeSolidJpeg(width, height, color);
  if (format === 'webp') return encodeSolidWebp(width, height, color);
  return encodePng(width, height, { color });
}

/** A saturated colour from a string's hash, blended towards grey by `shade`. */
export function colorFor(seed: string, shade = 0): Rgb {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const hue = hash % 360;
  const [r, g, b] = hslToRgb(hue, 0.6, 0.5);
  const mix = (c: number) => Math.round(c + (160 - c) * Math.min(1, Math.max(0, shade)));
  return [mix(r), mix(g), mix(b)];
}

function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** Parse `'1536x1024'`. */
export function pixels(size: string): { width: number; height: number } {
  const [width, height] = size.split('x').map(Number);
  return { width: width!, height: height! };
}

/**
 * The Gemini resolution whose aspect ratio is closest to an input image's:
 * without `imageConfig.aspectRatio`, Gemini keeps the input's shape.
 */
export function nearestGeminiSize(width: number, height: number): string {
  const target = Math.log(width / height);
  let best: string = GEMINI_RESOLUTIONS['1:1'];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const size of Object.values(GEMINI_RESOLUTIONS)) {
    const { width: w, height: h } = pixels(size);
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) [best, bestDistance] = [size, distance];
  }
  return best;
}

/** gpt-image output tokens per 1024×1024 image, by quality (OpenAI's published figures). */
const OUTPUT_TOKENS: Record<string, number> = { low: 272, medium: 1056, high: 4160 };

/** OpenAI-style usage for `n` images of a size and quality, with `inputImages` reference images. */
export function gptImageUsage(
  prompt: string,
  size: string,
  quality: string,
  n: number,
  inputImages = 0,
  partialImages = 0,
) {
  const { width, height } = pixels(size);
  const textTokens = Math.max(1, Math.ceil(prompt.length / 4));
  const imageTokens = inputImages * 323;
  const perImage =
    Math.round((OUTPUT_TOKENS[quality] ?? OUTPUT_TOKENS.medium!) * ((width * height) / (1024 * 1024))) +
    partialImages * 100;
  const output = perImage * n;
  return {
    input_tokens: textTokens + imageTokens,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    output_tokens: output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
    total_tokens: textTokens + imageTokens + output,
  };
}
