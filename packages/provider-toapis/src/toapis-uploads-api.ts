import {
  badAnswer,
  extensionFor,
  ImageGateError,
  mapAll,
  type HttpClient,
  type InputImage,
  type ProviderCallContext,
} from '@imagegate/core/provider';
import { uploadAnswerSchema } from './toapis-answers.js';
import { errorInBody } from './toapis-errors.js';

/** The upload endpoint: multipart, file field `file`, optional `purpose`. */
export const UPLOADS_PATH = '/v1/uploads/images';

/** Uploads in flight at once per request, unless the provider is told otherwise. */
export const DEFAULT_UPLOAD_CONCURRENCY = 3;

/** One image given as bytes. */
export type ImageBytes = Extract<InputImage, { data: Uint8Array }>;

/** What an upload needs besides the image. */
export interface UploadOptions {
  model: string;
  /** Request field of the image, e.g. `images[1]`, to name it in errors and the file name. */
  field: string;
  purpose?: string;
}

/**
 * Upload one image through `POST /v1/uploads/images` and return its URL.
 * Sent as `idempotent`: an upload stores a reference file and creates no
 * image (ToAPIs bills generation tasks), so retrying one whose answer was lost
 * at worst stores a second copy, as running the call again would.
 */
export async function uploadImage(
  http: HttpClient,
  image: ImageBytes,
  options: UploadOptions,
  ctx: ProviderCallContext & { provider: { id: string } },
): Promise<string> {
  const context = { provider: ctx.provider.id, model: options.model };
  // Core's validation has already set the type the bytes have.
  const mimeType = image.mimeType;
  const fileName =
    image.fileName ?? `${options.field.replace(/\W+/g, '-').replace(/^-+|-+$/g, '')}.${extensionFor(mimeType)}`;
  const form = new FormData();
  form.append('file', new Blob([toArrayBuffer(image.data)], { type: mimeType }), fileName);
  if (options.purpose) form.append('purpose', options.purpose);

  const answer = await http.json(
    ctx,
    { method: 'POST', url: UPLOADS_PATH, body: form, kind: 'idempotent', model: options.model },
    { schema: uploadAnswerSchema, what: 'the upload' },
  );
  // A refusal can come with HTTP 200.
  if (answer.success === false)
    throw errorInBody(
      { message: answer.message || answer.error || undefined, code: answer.code },
      200,
      context,
      'INVALID_REQUEST',
    );
  return (
    answer.data?.url ??
    answer.url ??
    badAnswer('answered the upload without the URL of the stored image (data.url).', context)
  );
}

/** An input image and the request field it came from (`images[1]`, `mask`), to name it in errors and file names. */
export interface NamedImage {
  field: string;
  image: InputImage;
}

/**
 * The URL of every input image, in order: URLs pass through, bytes are
 * uploaded, at most `concurrency` at once. A failed upload cancels the others
 * and is reported as `images[i]: upload failed: …` (or `mask: …`) with
 * `field` set.
 */
export async function resolveImageUrls(
  http: HttpClient,
  inputs: readonly NamedImage[],
  options: { model: string; purpose?: string; concurrency: number },
  ctx: ProviderCallContext & { provider: { id: string } },
): Promise<string[]> {
  const uploads = new AbortController();
  const signal = AbortSignal.any([ctx.signal, uploads.signal]);
  const uploadCtx = { ...ctx, signal };
  return mapAll(
    inputs,
    options.concurrency,
    async ({ field, image }) => {
      if ('url' in image) return image.url;
      try {
        return await uploadImage(http, image, { model: options.model, field, purpose: options.purpose }, uploadCtx);
      } catch (error) {
        throw uploadFailed(field, error, ctx.signal);
      }
    },
    () => uploads.abort(new Error('another input image upload failed')),
  );
}

function uploadFailed(field: string, error: unknown, callerSignal: AbortSignal): unknown {
  // The caller's own abort is not an upload failure.
  if (!ImageGateError.is(error) || callerSignal.aborted || error.code === 'ABORTED') return error;
  return error.with({ message: `${field}: upload failed: ${error.message}`, field, cause: error });
}

/**
 * The image's own bytes as an ArrayBuffer for Blob. A view (a Node Buffer from
 * its shared pool, a subarray) is copied: its `.buffer` holds other bytes too,
 * and `Buffer#slice` is itself a view, so only a fresh Uint8Array copy is safe.
 */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return bytes.buffer;
  return new Uint8Array(bytes).buffer as ArrayBuffer;
}
