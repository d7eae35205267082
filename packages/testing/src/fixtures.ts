import { deflateSync } from 'node:zlib';

/**
 * Real, decodable image bytes for test bodies and fake vendors. PNGs are
 * encoded at any size; JPEG and WebP are small fixed fixtures (16×16).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Options of {@link encodePng}. */
export interface PngOptions {
  /** RGB fill colour. Default a mid blue. */
  color?: [number, number, number];
  /**
   * Add per-pixel noise so the file does not compress (to build big bodies);
   * a number 0–1 puts noise in that share of the rows and compresses the
   * rest away, for a file of about that share of the raw size (a photo-sized PNG).
   */
  noise?: boolean | number;
  /** Seed of the noise, for repeatable bytes. */
  seed?: number;
}

/**
 * Encode a real RGB PNG of the given size.
 * @example encodePng(64, 64) // a 64×64 blue square
 */
export function encodePng(width: number, height: number, options: PngOptions = {}): Uint8Array {
  const [r, g, b] = options.color ?? [40, 90, 200];
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  let state = (options.seed ?? 1) >>> 0 || 1;
  for (let y = 0; y < height; y++) {
    const base = y * row; // filter byte 0 (None) stays 0
    const noisy = typeof options.noise === 'number' ? y < Math.round(options.noise * height) : options.noise === true;
    for (let x = 0; x < width; x++) {
      const i = base + 1 + x * 3;
      if (noisy) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        raw[i] = state & 0xff;
        raw[i + 1] = (state >>> 8) & 0xff;
        raw[i + 2] = (state >>> 16) & 0xff;
      } else {
        raw[i] = r;
        raw[i + 1] = g;
        raw[i + 2] = b;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: options.noise === true ? 0 : 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * A PNG of about `bytes` bytes (incompressible noise), for size and memory tests.
 */
export function pngOfSize(bytes: number, seed = 7): Uint8Array {
  const side = Math.max(1, Math.round(Math.sqrt(bytes / 3)));
  return encodePng(side, side, { noise: true, seed });
}

/** A real 16×16 baseline JPEG. */
export const JPEG_16 = base64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8' +
    'XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wA' +
    'ARCAAQABADAREAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAcI/8QAGBAAAgMAAAAAAAAAAAAAAAAAABUBUmL/xAAWAQEBAQAAAAAAA' +
    'AAAAAAAAAAACAT/xAAWEQADAAAAAAAAAAAAAAAAAAAAFmL/2gAMAwEAAhEDEQA/AMsPYsZkuS+G6g9iwS5DdRPHui80uSLG6g90EuQ3Uf/Z',
);

/** A real 16×16 lossy WebP. */
export const WEBP_16 = base64(
  'UklGRkwAAABXRUJQVlA4IEAAAAAwAgCdASoQABAAAgA0JagCdLcAlgAFmcuMAAD+6VhIYPV8kcOeTFDn/0aFp/w0LT/vgoh/prnf/C2LuBVX9QAA',
);

/** A real 16×16 PNG. */
export const PNG_16 = encodePng(16, 16);

/** Image bytes of the given type, for scenarios that answer in that format. */
export function fixtureImage(mimeType: 'image/png' | 'image/jpeg' | 'image/webp' = 'image/png'): Uint8Array {
  if (mimeType === 'image/jpeg') return JPEG_16;
  if (mimeType === 'image/webp') return WEBP_16;
  return PNG_16;
}

/** Base64 of bytes (for JSON answers). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function base64(text: string): Uint8Array {
  const buf = Buffer.from(text, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
