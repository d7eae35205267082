import type { HttpTransport, ImageDownload } from '@imagegate/core';
import { extensionFor, readBody } from '@imagegate/core/provider';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { n8nTransport } from './n8n-transport.js';

/** Makes a Node Readable of chunks (the `Readable.from` of n8n's own streams). */
type ReadableFrom = (chunks: AsyncIterable<Uint8Array>, options: { objectMode: false }) => unknown;

/** n8n's binary store, as the node's operations use it. */
export interface N8nBinaryStore {
  /**
   * The transport for result downloads: n8n's HTTP helper without the credential (a vendor's CDN never gets the key).
   */
  transport: HttpTransport;
  /**
   * A transport as the store watches it: the vendor's, whose streamed answers
   * (inline base64 images decoded as they arrive) also lend the store n8n's stream class.
   */
  watch(transport: HttpTransport): HttpTransport;
  /**
   * Core's `saveImage` for one request's downloads: each downloaded image is
   * piped into n8n's binary store, named after its task (or `fallbackName`)
   * and its number.
   */
  saveImages(fallbackName: string): (image: ImageDownload) => Promise<IBinaryData>;
  /**
   * Inline bytes a vendor answered with, already in memory (no `saveImage`: Return URLs Only, an agent's tool):
   * handed over as they are (no copy).
   */
  saveBytes(data: Uint8Array, baseName: string, index: number, mimeType: string): Promise<IBinaryData>;
  /**
   * A signed link to a stored binary, when n8n keeps binaries where it can
   * serve them (filesystem, database or S3 mode); undefined in memory mode.
   */
  signedUrl(binary: IBinaryData): string | undefined;
}

/**
 * Result downloads, and images a vendor answers inline as base64 (decoded by
 * core as they arrive), go straight into n8n's binary store: their chunks are
 * piped into `prepareBinaryData` as they arrive, so a large image is never
 * held whole (in the filesystem and S3 binary modes n8n writes the stream out
 * as it comes; in its database and in-memory modes n8n collects it itself).
 *
 * n8n's community-node rules forbid importing Node's `stream`, and
 * `prepareBinaryData` wants a Readable in every mode, while core hands
 * `saveImage` the chunks of its own generator. So the Readable class is
 * taken from the response stream n8n's HTTP helper returned for the
 * download or the vendor's answer, as it passes through a transport the store
 * watches (core saves an image only after such a transport fetched it);
 * without one (a helper that answered with a buffer), the bytes are handed
 * over as one buffer.
 */
export function n8nBinaryStore(fns: IExecuteFunctions): N8nBinaryStore {
  const download = n8nTransport(fns);
  let readableFrom: ReadableFrom | undefined;
  const saveDownload = async (image: ImageDownload, fallbackName: string, index: number): Promise<IBinaryData> => {
    const body = readableFrom ? readableFrom(image.chunks, { objectMode: false }) : await asBuffer(image);
    return fns.helpers.prepareBinaryData(
      body as Buffer,
      imageFileName(image.taskId ?? fallbackName, index, image.mimeType),
      image.mimeType,
    );
  };
  const watch =
    (transport: HttpTransport): HttpTransport =>
    async (request) => {
      const response = await transport(request);
      if (response.stream) readableFrom ??= readableFromOf(response.stream);
      return response;
    };
  return {
    transport: watch(download),
    watch,
    saveImages(fallbackName) {
      let saved = 0;
      return (image) => saveDownload(image, fallbackName, saved++);
    },
    saveBytes(data, baseName, index, mimeType) {
      return fns.helpers.prepareBinaryData(
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        imageFileName(baseName, index, mimeType),
        mimeType,
      );
    },
    signedUrl(binary) {
      if (!binary.id || typeof fns.helpers.createBinarySignedUrl !== 'function') return undefined;
      try {
        return fns.helpers.createBinarySignedUrl(binary);
      } catch {
        return undefined;
      }
    },
  };
}

/** An output image's file name: its task id (or the model) and number, with the extension of its real type. */
export function imageFileName(base: string, index: number, mimeType: string): string {
  return `${base}-${index + 1}.${extensionFor(mimeType)}`.replace(/[^\w.-]+/g, '_');
}

/** The `Readable.from` of a stream's class, when it has one. */
function readableFromOf(stream: AsyncIterable<Uint8Array>): ReadableFrom | undefined {
  const from = (stream as { constructor?: { from?: unknown } }).constructor?.from;
  return typeof from === 'function' ? (from.bind(stream.constructor) as ReadableFrom) : undefined;
}

async function asBuffer(image: ImageDownload): Promise<Buffer> {
  const bytes = await readBody(image.chunks, image.byteLength, Number.POSITIVE_INFINITY);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
