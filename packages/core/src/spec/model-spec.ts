/**
 * The capability manifest: one {@link ModelSpec} per model. Validation, the
 * contract suite, the engine's fan-out and polling, and the n8n UI all read it,
 * so a new model is a manifest entry, not new code paths.
 *
 * Versioned: `specificationVersion` lets hosts refuse manifests they do not know.
 */

import type { Price } from './price.js';

/** Operations a model can perform. */
export type ImageOperation = 'generate' | 'edit';

/** Image MIME types ImageGate recognises by their magic bytes. */
export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** Rules for free-form `WxH` sizes (gpt-image-2 style). */
export interface CustomSizeRules {
  /** Both sides must be a multiple of this many pixels (the step). */
  multipleOf: number;
  /** Shortest side, in pixels, at least (e.g. 256 for a vendor that takes 256–1440 px). */
  minEdge?: number;
  /** Longest side, in pixels. */
  maxEdge: number;
  /** Smallest total pixel count (width × height). */
  minPixels?: number;
  /** Largest total pixel count. */
  maxPixels?: number;
  /** Longest side divided by shortest side, at most. */
  maxAspectRatio?: number;
}

/** Sizes given as aspect ratios (`'16:9'`), each with the pixel size it yields when known. */
export interface AspectRatioSizes {
  kind: 'aspect-ratio';
  values: readonly string[];
  /** Output resolution per ratio, e.g. `{ '16:9': '1344x768' }`. */
  resolutions?: Readonly<Record<string, string>>;
}

/** Sizes given in pixels (`'1024x1024'`), as presets and optionally custom sizes. */
export interface PixelSizes {
  kind: 'pixels';
  presets: readonly string[];
  /** Whether `'auto'` (the vendor picks) is accepted. */
  auto?: boolean;
  /** When present, any `WxH` that satisfies these rules is accepted too. */
  custom?: CustomSizeRules;
}

export type SizeSpec = AspectRatioSizes | PixelSizes;

/**
 * Resolution tiers (`'1K'`, `'2K'`, `'4K'`) for models that take an aspect
 * ratio *and* a tier, as Gemini 3 Pro Image and Seedream do. The tier picks
 * the output's scale; the ratio its shape.
 */
export interface ResolutionSpec {
  /** Tiers the model takes, smallest first. */
  values: readonly string[];
  /**
   * The tier the vendor makes when a request sets none. Core fills it into a
   * request that sets none, so providers, results and UIs see one value.
   */
  default: string;
  /**
   * Output size per tier and aspect ratio, where documented:
   * `{ '2K': { '16:9': '2752x1536' } }`. Read it with `outputPixels`. A tier
   * listed here is offered only at the sizes listed for it (gpt-image-2 makes
   * 4K only in wide shapes); a tier not listed is offered at every size.
   */
  pixels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Limits on input (reference) images. */
export interface InputImageSpec {
  /** Most input images per request. */
  max: number;
  /** Largest input image in bytes (for byte inputs). */
  maxBytes: number;
  /** Accepted MIME types. */
  mimeTypes: readonly ImageMimeType[];
  /** Whether `{ url }` inputs are accepted (the provider fetches or forwards them). */
  acceptsUrls: boolean;
  /**
   * Whether `{ data }` inputs are accepted. Default true; false for vendors
   * that take URLs only and offer no upload.
   */
  acceptsBytes?: boolean;
  /**
   * Whether an edit takes a `mask`: a PNG as large as the first image whose
   * transparent pixels mark the area to change. Absent: no mask.
   */
  mask?: boolean;
}

/** An inclusive integer range. */
export interface IntRange {
  min: number;
  max: number;
}

/**
 * Option values a model accepts. An absent key means the model does not take
 * that option, and a request that sets it fails validation.
 */
export interface ModelOptionSpec {
  quality?: readonly string[];
  background?: readonly string[];
  outputFormat?: readonly string[];
  /** Compression 0–100; `formats` lists the output formats it applies to. */
  outputCompression?: IntRange & { formats?: readonly string[] };
  moderation?: readonly string[];
  seed?: IntRange;
}

/** How long to wait between polls of an asynchronous task (vendor guidance). */
export interface PollingHints {
  /** Delay before the first poll. */
  initialDelayMs: number;
  /** Steady interval between polls. */
  intervalMs: number;
  /** Longest interval the engine grows to. */
  maxIntervalMs?: number;
  /**
   * The vendor asks for no poll sooner than this after the last one (a
   * progress estimate or a shorter retry hint then waits this long).
   */
  minIntervalMs?: number;
  /**
   * The vendor asks for random jitter: up to this much is added to every
   * scheduled wait, so many clients do not poll in lockstep.
   */
  jitterMs?: number;
  /** Typical task duration, for documentation and UIs. */
  typicalDurationMs?: { min: number; max: number };
}

/** Everything a host needs to know about one model. */
export interface ModelSpec<ModelId extends string = string> {
  /** Manifest format version; this file describes version 1. */
  specificationVersion?: 'v1';
  id: ModelId;
  /**
   * Other ids the vendor accepts for this same model (`'nano-banana'`).
   * A request may name the model by any of them; the provider decides which
   * it sends (an alias is usually sent as named).
   */
  aliases?: readonly string[];
  /** Human-readable name for UIs. */
  name: string;
  description?: string;
  /** The vendor's documentation page for this model. */
  docsUrl?: string;
  /** Set when the model is retired or superseded; requests still run, with a warning. */
  deprecated?: { message: string; replacement?: string };
  operations: readonly ImageOperation[];
  sizes: SizeSpec;
  /**
   * The size the vendor makes when a request sets none, and the UI default.
   * Core does not send it: a request without `size` goes out without one, and
   * the vendor applies its own default (a provider whose vendor requires a
   * size sends this one).
   */
  defaultSize?: string;
  /** Resolution tiers the model takes beside `sizes`; absent when it takes none. */
  resolution?: ResolutionSpec;
  /** Most images one vendor call returns; core fans larger `n` out into several calls. */
  maxImagesPerCall: number;
  /** Most images one `generateImage` call may ask for in total (`n`). */
  maxImages: number;
  inputImages?: InputImageSpec;
  /** Longest prompt in characters. */
  maxPromptLength?: number;
  options: ModelOptionSpec;
  /** Option defaults (UI defaults; omitted options are left to the vendor). */
  defaults?: Partial<Record<keyof ModelOptionSpec, string | number>>;
  /** True when the vendor answers with a task to poll. */
  async: boolean;
  polling?: PollingHints;
  /**
   * The vendor can cancel this model's tasks (the provider implements
   * `cancelTask`): core cancels them when the caller aborts, and hosts offer it.
   */
  cancel?: boolean;
  /** How results arrive: inline bytes or URLs to download. */
  output: { delivery: 'bytes' | 'url'; mimeTypes?: readonly ImageMimeType[] };
  /**
   * What the vendor charges for it, as its own pricing page states, with that
   * page (`source`) and the day it was read (`asOf`). Absent when the vendor
   * publishes none: results then carry no cost unless the caller gives prices.
   */
  price?: Price;
}
