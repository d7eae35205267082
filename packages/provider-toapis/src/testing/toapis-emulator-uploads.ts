import { type Exchange } from '@imagegate/testing/fakes';
import { extensionFor, sniffImage } from '@imagegate/core/provider';
import { TOAPIS_INPUT_MIME_TYPES } from '../toapis-models.js';
import { randomId, replyError, type EmulatedFile } from './toapis-emulator-context.js';

/** The upload endpoint. */
export const UPLOADS_ROUTE = '/v1/uploads/images';
/** `GET /files/<name>`: results and uploads, capturing the name. */
export const FILES_ROUTE = /^\/files\/([^/]+)$/;

/**
 * `POST /v1/uploads/images`: multipart, file field `file` (optional
 * `purpose`), JPEG/PNG/WebP/GIF (by their bytes) up to `maxBytes`; answers
 * `{"success":true,"data":{"id","url","mime_type","size"}}` with a URL the
 * emulator serves. A refusal is HTTP 400 `{"success":false,"message"}`.
 */
export async function uploadImage(
  exchange: Exchange,
  files: Map<string, EmulatedFile>,
  publicUrl: string,
  maxBytes: number,
): Promise<void> {
  const refuse = (message: string) => exchange.replyJson(400, { success: false, message });
  const form = await exchange.formData();
  if (!form) return refuse('Expected multipart/form-data with a "file" field');
  const file = form.get('file');
  if (file === null || typeof file === 'string') return refuse('No file uploaded: the "file" field is required');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > maxBytes)
    return refuse(`File too large: ${bytes.byteLength} bytes; at most ${maxBytes} (10 MB)`);
  const mimeType = sniffImage(bytes)?.mimeType;
  if (!mimeType || !TOAPIS_INPUT_MIME_TYPES.includes(mimeType))
    return refuse('Unsupported file type: JPEG, PNG, WebP or GIF only');

  const id = `file_${randomId()}`;
  const name = `${id}.${extensionFor(mimeType)}`;
  files.set(name, { bytes, mimeType });
  const purpose = form.get('purpose');
  exchange.replyJson(200, {
    success: true,
    data: {
      id,
      url: `${publicUrl}/files/${name}`,
      mime_type: mimeType,
      size: bytes.byteLength,
      ...(typeof purpose === 'string' && purpose ? { purpose } : {}),
    },
  });
}

/** `GET /files/<name>`: a result or an uploaded image, without a key (result URLs are public). */
export function serveFile(exchange: Exchange, files: Map<string, EmulatedFile>, name: string): void {
  const file = files.get(decodeURIComponent(name));
  if (!file) return replyError(exchange, 404, 'File not found or expired');
  exchange.replyBytes(200, file.mimeType, file.bytes, { 'cache-control': 'public, max-age=86400' });
}
