import type { Exchange } from './emulator-http.js';

/** A file an emulator serves under `/files/<name>`: results, uploads. */
export interface EmulatedFile {
  bytes: Uint8Array;
  mimeType: string;
}

/** `GET /files/<name>`, capturing the name. */
export const FILES_ROUTE = /^\/files\/([^/]+)$/;

/**
 * The files an emulator serves, as a vendor's CDN would: result images put
 * here are fetched by core's download like real result URLs.
 */
export class FileShelf {
  private readonly files = new Map<string, EmulatedFile>();

  /** Keep a file; returns its path (`/files/<name>`), to prefix with the emulator's origin. */
  put(name: string, file: EmulatedFile): string {
    this.files.set(name, file);
    return `/files/${encodeURIComponent(name)}`;
  }

  get(name: string): EmulatedFile | undefined {
    return this.files.get(name);
  }

  clear(): void {
    this.files.clear();
  }

  /**
   * Answer `GET`/`HEAD /files/<name>` (without credentials, as CDNs do);
   * false when the request is for something else. An unknown name is
   * answered by `notFound`.
   */
  serve(exchange: Exchange, notFound: (exchange: Exchange) => void): boolean {
    const match = exchange.method === 'GET' || exchange.method === 'HEAD' ? FILES_ROUTE.exec(exchange.path) : null;
    if (!match) return false;
    const file = this.files.get(decodeURIComponent(match[1]!));
    if (!file) notFound(exchange);
    else exchange.replyBytes(200, file.mimeType, file.bytes, { 'cache-control': 'public, max-age=86400' });
    return true;
  }
}

/**
 * The size an image of an aspect ratio and resolution tier roughly has when
 * the vendor publishes no table: the tier's edge (`'2K'` → 2048) as the
 * geometric mean of the sides, sides rounded to multiples of 16.
 *
 * @example approximatePixels('16:9', '2K') // { width: 2736, height: 1536 }
 */
export function approximatePixels(ratio: string, tier = '1K'): { width: number; height: number } {
  const [a, b] = ratio.split(':').map(Number);
  const edge = (Number.parseFloat(tier) || 1) * 1024;
  const shape = a && b ? a / b : 1;
  const round = (n: number) => Math.max(16, Math.round(n / 16) * 16);
  return { width: round(edge * Math.sqrt(shape)), height: round(edge / Math.sqrt(shape)) };
}
