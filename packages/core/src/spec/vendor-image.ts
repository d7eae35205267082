/**
 * An image as a provider's vendor returned it: inline bytes or a URL. The
 * engine turns it into a finished image (sniffing the type, downloading URLs).
 */
export type VendorImage =
  | { data: Uint8Array; url?: string; revisedPrompt?: string; expiresAt?: number }
  | { url: string; data?: undefined; revisedPrompt?: string; expiresAt?: number };

/**
 * What a call used, in one shape for every provider. A provider fills what its
 * vendor's answer reports (tokens, images made, a stated charge); core adds
 * what the request fixed (tier, size, quality) and counts the images it
 * delivered where the vendor does not say.
 */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Images made: the vendor's own count (`generated_images`) where it gives one, else the images delivered. */
  images?: number;
  /** The resolution tier made (`'2K'`), for models with tiers. */
  resolution?: string;
  /** The size or aspect ratio made: as asked, else the model's default. */
  size?: string;
  /** The pixel size made (`WxH`), where the vendor or the manifest says. */
  pixels?: string;
  quality?: string;
  /** The charge, when the vendor's answer states one: it wins over any price table. */
  charge?: { amount: number; currency: string };
}

/** True for a {@link VendorImage}: bytes, or an http(s) URL; anything else is a vendor's bad answer. */
export function isVendorImage(value: unknown): value is VendorImage {
  if (typeof value !== 'object' || value === null) return false;
  const { data, url } = value as { data?: unknown; url?: unknown };
  return data !== undefined ? data instanceof Uint8Array : typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}
