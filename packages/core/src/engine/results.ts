/** What the engine hands back: finished images, and the outcome of each call. */
import type { ImageMimeType } from '../spec/model-spec.js';
import type { Cost } from '../spec/price.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { Usage } from '../spec/vendor-image.js';

/** A finished image with its bytes. */
export interface GeneratedImage {
  data: Uint8Array;
  /** Sniffed from the magic bytes, never taken from a header. */
  mimeType: ImageMimeType;
  /** Where the image was downloaded from, when the vendor answered with a URL. */
  url?: string;
  /** When that URL stops working (ms since epoch), when known. */
  expiresAt?: number;
  width?: number;
  height?: number;
  /** The prompt the vendor actually used, when it says. */
  revisedPrompt?: string;
}

/**
 * A downloaded result image on its way to the caller's storage (see
 * `RunOptions.saveImage`): its type and size, sniffed from the first bytes,
 * and all of its bytes as they arrive.
 */
export interface ImageDownload {
  mimeType: ImageMimeType;
  width?: number;
  height?: number;
  /**
   * Where it is being downloaded from; absent for an image the vendor answered
   * inline (base64 in its JSON), whose bytes are decoded as they arrive.
   */
  url?: string;
  /** The task it is a result of (asynchronous vendors), e.g. to name the file. */
  taskId?: string;
  /** The declared length in bytes, when the server sent one. */
  byteLength?: number;
  /**
   * Every byte of the image, the sniffed head included; read it once. Errors
   * while reading (the download breaking off, too large, aborted) are
   * ImageGateErrors.
   */
  chunks: AsyncIterable<Uint8Array>;
}

/** A finished image that went straight into the caller's storage (`saveImage`): downloaded, or decoded inline. */
export interface StoredImage<Stored = unknown> {
  data?: undefined;
  /** What `saveImage` returned for it (a file path, a storage reference…). */
  stored: Stored;
  /** Sniffed from the magic bytes, never taken from a header. */
  mimeType: ImageMimeType;
  /** Bytes received. */
  byteLength: number;
  /** The vendor's URL; absent for an image it answered inline. */
  url?: string;
  expiresAt?: number;
  width?: number;
  height?: number;
  revisedPrompt?: string;
}

/** A finished image left at its URL (`download: false`). */
export interface RemoteImage {
  data?: undefined;
  url: string;
  expiresAt?: number;
  revisedPrompt?: string;
}

/** Time spent, by the host clock. */
export interface Timings {
  startedAt: number;
  totalMs: number;
}

/** The outcome of `generateImage` / `waitForTask`. */
export interface GenerateResult<Image = GeneratedImage> {
  images: Image[];
  /**
   * Images the vendor answered beyond those asked, left at their URLs (not
   * downloaded); absent when there were none.
   */
  extraImages?: RemoteImage[];
  /** Deprecations, ignored options, partial failures of a fanned-out `n`. */
  warnings: string[];
  /** What the vendor reported using (tokens, images made) and the tier, size and quality made. */
  usage?: Usage;
  /**
   * What it cost: the vendor's stated charge, else by the caller's `prices` or
   * the model's price table; absent when nothing is known.
   */
  cost?: Cost;
  /** The tasks that produced the images (asynchronous vendors). */
  tasks: TaskHandle[];
  provider: string;
  model: string;
  timings: Timings;
}

/** The outcome of `submitImage`: tasks to wait for, or images when the vendor is synchronous. */
export interface SubmitImageResult {
  tasks: TaskHandle[];
  images: GeneratedImage[];
  /** As in {@link GenerateResult.extraImages}. */
  extraImages?: RemoteImage[];
  warnings: string[];
  /** Usage of the images answered at once (a task's comes with `waitForTask`). */
  usage?: Usage;
  /** Cost of the images answered at once, as in {@link GenerateResult.cost}. */
  cost?: Cost;
  provider: string;
  model: string;
  timings: Timings;
}
