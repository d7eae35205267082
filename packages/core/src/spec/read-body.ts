// Part of the transport contract, so in spec: every transport (the default one, a
// platform module, and a host's own) reads bodies with it.
import { ResponseTooLargeError } from './transport.js';

/** Largest body a transport accepts when the request names no `maxResponseBytes` (100 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/**
 * Most that a declared Content-Length reserves before the bytes arrive: a
 * server that declares 99 MB and sends 10 bytes must not make us hold 99 MB.
 */
export const MAX_UPFRONT_BYTES = 4 * 1024 * 1024;

/**
 * Read a body stream into one Uint8Array: a web stream (fetch) or any async
 * iterable of chunks (a Node stream, e.g. from a host's HTTP client). With a
 * known length (up to {@link MAX_UPFRONT_BYTES}) the bytes go straight into
 * one buffer of that size (no chunk list, no final copy), which halves the
 * peak memory of a large image answer; a longer body gets its declared length
 * once it has filled the first {@link MAX_UPFRONT_BYTES}. Past `maxBytes` the
 * stream is cancelled.
 */
export async function readBody(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  contentLength: number | undefined,
  maxBytes: number,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  if (contentLength !== undefined && contentLength > maxBytes) {
    await cancel(stream);
    throw new ResponseTooLargeError(maxBytes);
  }
  let buffer = new Uint8Array(Math.min(contentLength ?? 64 * 1024, MAX_UPFRONT_BYTES));
  let length = 0;
  // Leaving the loop early (too large, or an error) cancels the stream.
  for await (const value of stream as AsyncIterable<Uint8Array>) {
    if (length + value.byteLength > maxBytes) throw new ResponseTooLargeError(maxBytes);
    if (length + value.byteLength > buffer.byteLength) {
      // A body that has filled the first reservation is sending real bytes: grow
      // straight to its declared length (one copy of at most MAX_UPFRONT_BYTES,
      // not a chain of doublings whose discarded buffers add up to the image).
      const declaredFits = contentLength !== undefined && contentLength >= length + value.byteLength;
      const grown = new Uint8Array(
        declaredFits ? contentLength : Math.max(buffer.byteLength * 2, length + value.byteLength),
      );
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(value, length);
    length += value.byteLength;
    onChunk?.(value);
  }
  return length === buffer.byteLength ? buffer : buffer.subarray(0, length);
}

/** Cancel a stream that will not be read. */
async function cancel(stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  if ('cancel' in stream && typeof stream.cancel === 'function') await stream.cancel().catch(() => undefined);
  else await (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]().return?.();
}
