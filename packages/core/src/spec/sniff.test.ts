import { describe, expect, it } from 'vitest';
import { extensionFor, sniffImage } from './sniff.js';
import { encodePng, JPEG_16, WEBP_16 } from '@imagegate/testing';

describe('sniffImage', () => {
  it('reads type and size of PNG, JPEG and WebP from their bytes', () => {
    expect(sniffImage(encodePng(300, 200))).toEqual({ mimeType: 'image/png', width: 300, height: 200 });
    expect(sniffImage(JPEG_16)).toEqual({ mimeType: 'image/jpeg', width: 16, height: 16 });
    expect(sniffImage(WEBP_16)).toEqual({ mimeType: 'image/webp', width: 16, height: 16 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 20, 0]);
    expect(sniffImage(gif)).toEqual({ mimeType: 'image/gif', width: 10, height: 20 });
  });

  it('rejects what is not an image', () => {
    expect(sniffImage(new TextEncoder().encode('<!doctype html><p>error</p>'))).toBeUndefined();
    expect(sniffImage(new Uint8Array(0))).toBeUndefined();
    expect(sniffImage(encodePng(4, 4).subarray(0, 4))).toBeUndefined();
  });

  it('names file extensions', () => {
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('image/webp')).toBe('webp');
  });
});
