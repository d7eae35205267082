import { ImageGateError } from '../errors/image-gate-error.js';
import { inlineSaveOf, type InlineImageSink } from '../spec/inline-image-sink.js';
import type { RunContext } from './run-context.js';
import { saveDownload, type SavedDownload } from './save-download.js';

/**
 * The sink a submit's inline images are decoded into when the caller keeps
 * images with `saveImage` (as downloads are): each goes through the same
 * path as a download, sniffed first, then handed over as it is decoded.
 */
export function inlineImageSink(run: RunContext): InlineImageSink | undefined {
  const save = run.options.saveImage;
  if (!save || run.options.download === false) return undefined;
  return (chunks) =>
    saveDownload(
      run,
      save,
      { status: 200, headers: {}, body: new Uint8Array(0), stream: chunks },
      undefined,
      undefined,
    );
}

/**
 * The save of an inline image whose bytes went to `saveImage` as they were
 * decoded (the provider handed on its head); undefined for bytes that are the
 * whole image. A failed save loses an image that was paid for: said so.
 */
export async function inlineSave(data: Uint8Array): Promise<SavedDownload | undefined> {
  const saving = inlineSaveOf(data);
  if (!saving) return undefined;
  try {
    return (await saving) as SavedDownload;
  } catch (error) {
    throw ImageGateError.is(error) ? error.with({ retryable: false, maybeBilled: true }) : error;
  }
}
