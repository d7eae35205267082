import type { ImageMimeType } from './model-spec.js';

/** What the first bytes of a file say it is. */
export interface ImageInfo {
  mimeType: ImageMimeType;
  width?: number;
  height?: number;
}

/**
 * Identify an image from its magic bytes and read its pixel size from the
 * header. Returns undefined for anything that is not PNG, JPEG, WebP or GIF
 * (an HTML error page, a truncated download, base64 that decoded to noise).
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  if (isPng(bytes)) return { mimeType: 'image/png', ...pngSize(bytes) };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { mimeType: 'image/jpeg', ...jpegSize(bytes) };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { mimeType: 'image/webp', ...webpSize(bytes) };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return bytes.length >= 10
      ? { mimeType: 'image/gif', width: u16le(bytes, 6), height: u16le(bytes, 8) }
      : { mimeType: 'image/gif' };
  }
  return undefined;
}

/** File extension for a MIME type (`png`, `jpg`, `webp`, `gif`). */
export function extensionFor(mimeType: string): string {
  if (mimeType === 'image/jpeg') return 'jpg';
  return mimeType.replace(/^image\//, '') || 'bin';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

function pngSize(b: Uint8Array): { width?: number; height?: number } {
  // IHDR is always the first chunk: width and height at bytes 16 and 20.
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return {};
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return {};
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = u16be(b, i + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return {};
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return {};
}

function ascii(b: Uint8Array, start: number, end: number): string {
  if (b.length < end) return '';
  return String.fromCharCode(...b.subarray(start, end));
}
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
