import { ResponseTooLargeError } from './transport.js';

/**
 * Most that a declared Content-Length reserves before the bytes arrive: a
 * server that declares 99 MB and sends 10 bytes must not make us hold 99 MB.
 */
export const MAX_UPFRONT_BYTES = 4 * 1024 * 1024;

/**
 * Read a web stream into one Uint8Array. With a known length (up to
 * {@link MAX_UPFRONT_BYTES}) the bytes go straight into one buffer of that
 * size (no chunk list, no final copy), which halves the peak memory of a large
 * image answer; longer bodies grow toward the declared length as bytes arrive.
 */
export async function readBody(
  stream: ReadableStream<Uint8Array> | null,
  contentLength: number | undefined,
  maxBytes: number,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  if (contentLength !== undefined && contentLength > maxBytes) {
    await stream.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxBytes);
  }
  const reader = stream.getReader();
  let buffer = new Uint8Array(Math.min(contentLength ?? 64 * 1024, MAX_UPFRONT_BYTES));
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    if (length + value.byteLength > buffer.byteLength) {
      const wanted = Math.max(buffer.byteLength * 2, length + value.byteLength);
      // Snap to the declared length when it fits, so the last growth is exact.
      const grown = new Uint8Array(contentLength !== undefined && contentLength >= length + value.byteLength ? Math.min(wanted, contentLength) : wanted);
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(value, length);
    length += value.byteLength;
    onChunk?.(value);
  }
  return length === buffer.byteLength ? buffer : buffer.subarray(0, length);
}
