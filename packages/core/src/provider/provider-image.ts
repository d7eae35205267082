import type { ImageMimeType } from '../manifest/model-spec.js';

/**
 * An image as a provider returns it: inline bytes or a URL. Core turns it into
 * a {@link GeneratedImage} (sniffing the type, downloading URLs).
 */
export type ProviderImage =
  | { data: Uint8Array; url?: string; revisedPrompt?: string; expiresAt?: number }
  | { url: string; data?: undefined; revisedPrompt?: string; expiresAt?: number };

/** Token usage as the vendor reports it. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

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
  /** Where it is being downloaded from. */
  url: string;
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

/** A finished image that was downloaded straight into the caller's storage (`saveImage`). */
export interface StoredImage<Stored = unknown> {
  data?: undefined;
  /** What `saveImage` returned for it (a file path, a storage reference…). */
  stored: Stored;
  /** Sniffed from the magic bytes, never taken from a header. */
  mimeType: ImageMimeType;
  /** Bytes received. */
  byteLength: number;
  url: string;
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
