import { ImageGateError } from '../errors/image-gate-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpTransport } from '../http/transport.js';
import { readVendorError } from '../errors/http-error-mapping.js';
import { sniffImage } from '../image/sniff.js';
import type { GeneratedImage, ProviderImage, RemoteImage } from '../provider/provider-image.js';
import { mapSettled } from './concurrency.js';
import type { RunContext } from './run-context.js';

const DEFAULT_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Turn what a provider returned into finished images: bytes are checked to be
 * a real image (type sniffed from magic bytes), URLs are downloaded unless the
 * caller asked to keep them.
 */
export async function finishImages(run: RunContext, images: readonly ProviderImage[], taskId?: string, transport?: HttpTransport): Promise<Array<GeneratedImage | RemoteImage>> {
  const download = run.options.download ?? true;
  const settled = await mapSettled(images, 4, async (image, index) => {
    if (image.data) return toGenerated(run, image.data, image, `image ${index + 1}`, taskId);
    if (!download) return stripUndefined<RemoteImage>({ url: image.url, expiresAt: image.expiresAt, revisedPrompt: image.revisedPrompt });
    const bytes = await downloadImage(run, image.url, taskId, transport);
    return toGenerated(run, bytes, image, image.url, taskId);
  });
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<GeneratedImage | RemoteImage>).value);
}

function toGenerated(run: RunContext, data: Uint8Array, source: ProviderImage, label: string, taskId?: string): GeneratedImage {
  const info = sniffImage(data);
  if (!info) {
    throw new ImageGateError('BAD_RESPONSE', `${run.provider} returned ${label} as ${data.byteLength} bytes that are not a PNG, JPEG, WebP or GIF image.`, {
      provider: run.provider,
      model: run.model,
      taskId,
      retryable: false,
    });
  }
  return stripUndefined<GeneratedImage>({
    data,
    mimeType: info.mimeType,
    url: source.url,
    expiresAt: source.expiresAt,
    width: info.width,
    height: info.height,
    revisedPrompt: source.revisedPrompt,
  });
}

async function downloadImage(run: RunContext, url: string, taskId: string | undefined, transport: HttpTransport | undefined): Promise<Uint8Array> {
  const client = createHttpClient({
    provider: run.provider,
    baseUrl: '',
    transport: run.options.transport ?? transport,
    mapError: (response, context) => {
      const vendor = readVendorError(response.body);
      const expired = response.status === 403 || response.status === 404 || response.status === 410;
      return new ImageGateError(
        expired ? 'TASK_FAILED' : 'PROVIDER_ERROR',
        `Could not download the result image (HTTP ${response.status})${expired ? ': the URL may have expired' : ''}.`,
        { ...context, status: response.status, vendorMessage: vendor.message, retryable: !expired },
      );
    },
  });
  const response = await client.send(run.providerContext(), {
    method: 'GET',
    url,
    kind: 'idempotent',
    anonymous: true,
    headers: { accept: 'image/*' },
    model: run.model,
    taskId,
    maxResponseBytes: run.options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
  });
  return response.body;
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
