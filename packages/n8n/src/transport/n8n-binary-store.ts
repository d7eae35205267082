import type { HttpTransport, ImageDownload } from '@imagegate/core';
import { readBody } from '@imagegate/core/provider';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { imageFileName } from '../execute/image-file-name.js';
import { n8nTransport } from './n8n-transport.js';

/** Makes a Node Readable of chunks (the `Readable.from` of n8n's own streams). */
type ReadableFrom = (chunks: AsyncIterable<Uint8Array>, options: { objectMode: false }) => unknown;

/** What {@link n8nResultDownloads} returns: the transport for downloads and the `saveImage` that goes with it. */
export interface N8nResultDownloads {
  transport: HttpTransport;
  /** Pipe one downloaded image into n8n's binary store, named after its task (or `fallbackName`). */
  saveImage(image: ImageDownload, fallbackName: string, index: number): Promise<IBinaryData>;
}

/**
 * Result downloads that go straight into n8n's binary store: the download's
 * chunks are piped into `prepareBinaryData` as they arrive, so a large image
 * is never held whole (in the filesystem and S3 binary modes n8n writes the
 * stream out as it comes; in its database and in-memory modes n8n collects
 * it itself). n8n's community-node rules forbid importing Node's `stream`,
 * and `prepareBinaryData` wants a Readable in every mode, so the Readable
 * class is taken from the response stream n8n's own HTTP helper returned for
 * the download; without one (a helper that answered with a buffer), the
 * bytes are handed over as one buffer.
 */
export function n8nResultDownloads(fns: IExecuteFunctions): N8nResultDownloads {
  let readableFrom: ReadableFrom | undefined;
  const transport = n8nTransport(fns, undefined, (stream) => {
    const from = (stream as { constructor?: { from?: unknown } }).constructor?.from;
    if (typeof from === 'function') readableFrom ??= from.bind(stream.constructor) as ReadableFrom;
  });
  return {
    transport,
    async saveImage(image, fallbackName, index) {
      const body = readableFrom ? readableFrom(image.chunks, { objectMode: false }) : await asBuffer(image);
      return fns.helpers.prepareBinaryData(body as Buffer, imageFileName(image.taskId ?? fallbackName, index, image.mimeType), image.mimeType);
    },
  };
}

async function asBuffer(image: ImageDownload): Promise<Buffer> {
  const bytes = await readBody(image.chunks, image.byteLength, Number.POSITIVE_INFINITY);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
