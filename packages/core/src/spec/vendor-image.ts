/**
 * An image as a provider's vendor returned it: inline bytes or a URL. The
 * engine turns it into a finished image (sniffing the type, downloading URLs).
 */
export type VendorImage =
  | { data: Uint8Array; url?: string; revisedPrompt?: string; expiresAt?: number }
  | { url: string; data?: undefined; revisedPrompt?: string; expiresAt?: number };

/** Token usage as the vendor reports it. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** True for a {@link VendorImage}: bytes, or an http(s) URL; anything else is a vendor's bad answer. */
export function isVendorImage(value: unknown): value is VendorImage {
  if (typeof value !== 'object' || value === null) return false;
  const { data, url } = value as { data?: unknown; url?: unknown };
  return data !== undefined ? data instanceof Uint8Array : typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}
