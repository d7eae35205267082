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

/** A finished image left at its URL (`download: false`). */
export interface RemoteImage {
  data?: undefined;
  url: string;
  expiresAt?: number;
  revisedPrompt?: string;
}
