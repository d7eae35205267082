import { decode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { sniffImage } from '@imagegate/core/provider';
import { encodePng, encodeSolidJpeg, encodeSolidWebp } from '../src/fakes.js';

describe('solid-colour encoders', () => {
  it('make a JPEG of the requested size that decodes to the colour', () => {
    for (const [w, h] of [
      [1024, 768],
      [13, 7],
      [1, 1],
    ] as const) {
      const jpeg = encodeSolidJpeg(w, h, [200, 60, 60]);
      expect(sniffImage(jpeg)).toEqual({ mimeType: 'image/jpeg', width: w, height: h });
      const image = decode(jpeg, { useTArray: true });
      expect([image.width, image.height]).toEqual([w, h]);
      const last = (w * h - 1) * 4;
      for (const at of [0, last]) {
        expect(Math.abs(image.data[at]! - 200)).toBeLessThanOrEqual(2);
        expect(Math.abs(image.data[at + 1]! - 60)).toBeLessThanOrEqual(2);
        expect(Math.abs(image.data[at + 2]! - 60)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('make a lossless WebP of the requested size with a well-formed RIFF/VP8L header', () => {
    const webp = encodeSolidWebp(1024, 768, [1, 2, 3]);
    expect(sniffImage(webp)).toEqual({ mimeType: 'image/webp', width: 1024, height: 768 });
    const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
    expect(view.getUint32(4, true)).toBe(webp.byteLength - 8); // RIFF size
    const chunkSize = view.getUint32(16, true);
    expect(20 + chunkSize + (chunkSize % 2)).toBe(webp.byteLength);
    expect(webp[20]).toBe(0x2f); // VP8L signature
  });

  it('refuse sizes the formats cannot hold', () => {
    expect(() => encodeSolidWebp(16385, 1)).toThrow(RangeError);
    expect(() => encodeSolidJpeg(0, 10)).toThrow(/whole numbers from 1 to 65535/);
  });
});

describe('encodePng noise', () => {
  it(
    'noise: a share of the rows gives a file of about that ' +
      'share of the raw size, still a valid PNG of the size asked',
    () => {
      const raw = 400 * 300 * 3;
      const full = encodePng(400, 300, { noise: true });
      const part = encodePng(400, 300, { noise: 0.44 });
      expect(full.byteLength).toBeGreaterThan(raw);
      expect(part.byteLength / raw).toBeGreaterThan(0.4);
      expect(part.byteLength / raw).toBeLessThan(0.5);
      expect(sniffImage(part)).toEqual({ mimeType: 'image/png', width: 400, height: 300 });
    },
  );
});
