/**
 * Inline images stored as they are decoded. When the caller keeps images in
 * its own storage (`saveImage`), the engine hands the HTTP client a sink: a
 * JSON answer's binary fields are then decoded straight into it, and the value
 * the provider reads is only the image's head (its first bytes, enough to tell
 * its type and size), linked here to where the whole image went.
 */

/**
 * Takes one inline image's bytes as they are decoded (read them once; a body
 * that breaks off ends them with its error); resolves when the image is kept.
 */
export type InlineImageSink = (chunks: AsyncIterable<Uint8Array>) => Promise<unknown>;

const saves = new WeakMap<Uint8Array, Promise<unknown>>();

/** Link the head a provider reads to the save of the whole image (rejections are the engine's to see). */
export function linkInlineSave(head: Uint8Array, saved: Promise<unknown>): void {
  saves.set(head, saved);
}

/** The save of the image whose head this is; undefined for bytes that are the whole image. */
export function inlineSaveOf(data: Uint8Array): Promise<unknown> | undefined {
  return saves.get(data);
}
