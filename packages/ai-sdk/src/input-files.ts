import type { ImageModelV4File } from '@ai-sdk/provider';
import type { InputImage } from '@imagegate/core';
import { decodeBase64 } from '@imagegate/core/provider';

/**
 * An AI SDK input file as ImageGate's input image: bytes (given raw or as base64, bare or a data URI) with the
 * media type the caller gave (ImageGate sniffs the real one before sending), or a URL the provider forwards where
 * the model takes URLs. Anything else is handed on as it is, for ImageGate's validation to refuse by name.
 */
export function toInputImage(file: ImageModelV4File): InputImage {
  if (file?.type === 'url') return { url: file.url };
  if (file?.type === 'file') {
    const data = typeof file.data === 'string' ? decodeBase64(file.data) : file.data;
    return { data, mimeType: file.mediaType };
  }
  return file as unknown as InputImage;
}
