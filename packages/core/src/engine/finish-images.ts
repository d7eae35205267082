import type { ImageProvider } from '../authoring/image-provider.js';
import { ImageGateError } from '../errors/image-gate-error.js';
import { readVendorError } from '../errors/http-error-mapping.js';
import { containsSecret, scrubText } from '../errors/redact.js';
import { createHttpClient } from '../http/http-client.js';
import { isPrivateHost } from '../http/private-host.js';
import { retryDelay } from '../http/retry-policy.js';
import type { RetryEvent } from '../spec/call-context.js';
import { sniffImage } from '../spec/sniff.js';
import { mayCarryKey } from '../spec/key-hosts.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { HttpResponse } from '../spec/transport.js';
import { isVendorImage, type VendorImage } from '../spec/vendor-image.js';
import { mapSettled } from './concurrency.js';
import type { GeneratedImage, RemoteImage, StoredImage } from './results.js';
import type { RunContext } from './run-context.js';
import { inlineSave } from './inline-saves.js';
import { notAnImage, saveDownload, type SavedDownload } from './save-download.js';

const DEFAULT_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
/** Images taken from one answer when nothing says how many were asked. */
const DEFAULT_IMAGE_LIMIT = 10;

/** An image as the engine hands it back: bytes, a URL left alone, or saved by `saveImage`. */
export type FinishedImage = GeneratedImage | RemoteImage | StoredImage;

/** Finished images, and the ones the vendor sent beyond what was asked. */
export interface FinishedImages {
  images: FinishedImage[];
  /** Left at their URLs, neither downloaded nor held (see {@link FinishImagesOptions.limit}). */
  extraImages: RemoteImage[];
}

/** Options of {@link finishImages}. */
export interface FinishImagesOptions {
  /** The task the images came from: named in every error, so the caller can resume. */
  task?: TaskHandle;
  /**
   * Images asked of this call: a vendor that answers more URLs does not make
   * us download (and hold) them all; the rest stay at their URLs, with a
   * warning. Images that came as bytes are kept (they are already here).
   */
  limit?: number;
}

/**
 * Turn what a provider returned into finished images: bytes are checked to be
 * a real image (type sniffed from magic bytes), URLs are downloaded unless the
 * caller asked to keep them.
 */
export async function finishImages(
  run: RunContext,
  provider: ImageProvider,
  images: readonly VendorImage[],
  options: FinishImagesOptions = {},
): Promise<FinishedImages> {
  const download = run.options.download ?? true;
  images.forEach((image, index) => checkVendorImage(run, provider, image, index, options.task));
  // Bytes already here are kept; URLs are fetched only up to what was asked.
  let urlsLeft = Math.max(0, (options.limit ?? DEFAULT_IMAGE_LIMIT) - images.filter((image) => image.data).length);
  const taken: VendorImage[] = [];
  const extraImages: RemoteImage[] = [];
  for (const image of images) {
    if (image.data || urlsLeft-- > 0) taken.push(image);
    else extraImages.push(remote(image));
  }
  if (extraImages.length > 0) {
    run.warn(
      `${provider.name} answered ${images.length} images where ${options.limit ?? DEFAULT_IMAGE_LIMIT} were asked; ` +
        `the other ${extraImages.length} were not downloaded and are in extraImages with their URLs.`,
    );
  }
  const fetcher = download ? downloader(run, provider, options.task) : undefined;
  const save = run.options.saveImage;
  const settled = await mapSettled(taken, 4, async (image, index): Promise<FinishedImage> => {
    if (image.data) {
      // Decoded straight into saveImage as the answer arrived: the provider handed on its head.
      const saved = await inlineSave(image.data);
      if (saved) return stored(saved, image);
      return toGenerated(run, image.data, image, `image ${index + 1}`, options.task);
    }
    if (!fetcher) return remote(image);
    run.trace.sent('download');
    const fetched: GeneratedImage | StoredImage = save
      ? stored(await saveWithRetries(run, fetcher, save, image.url, options.task), image)
      : toGenerated(run, (await fetcher(image.url)).body, image, image.url, options.task);
    run.trace.downloaded(fetched.data ? fetched.data.byteLength : fetched.byteLength, fetched.mimeType);
    return fetched;
  });
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { images: settled.map((r) => (r as PromiseFulfilledResult<FinishedImage>).value), extraImages };
}

/**
 * Stream one download into `saveImage`. A body that breaks off midway is
 * fetched and saved again (a GET of a finished result is free). One retry
 * budget (`maxRetries`) serves the whole download: the HTTP client's retries
 * of a request and these refetches draw on it alike, each after the backoff.
 * Whatever `saveImage` does (reads it all, returns early, throws, never
 * reads), the download's connection is let go when it settles.
 */
async function saveWithRetries(
  run: RunContext,
  fetcher: Downloader,
  save: NonNullable<RunContext['options']['saveImage']>,
  url: string,
  task: TaskHandle | undefined,
) {
  const { maxRetries, signal, sleep, onRetry } = run.providerContext();
  const budget = { left: maxRetries };
  for (let attempt = 0; ; attempt++) {
    const release = new AbortController();
    try {
      return await saveDownload(run, save, await fetcher(url, { budget, release: release.signal }), url, task);
    } catch (error) {
      if (budget.left <= 0 || signal.aborted || !ImageGateError.is(error) || error.code !== 'NETWORK') throw error;
      budget.left--;
      run.warn(`The download of ${url} broke off (${error.message}); it was fetched again.`);
      const delayMs = retryDelay(attempt, undefined);
      onRetry?.({
        attempt: maxRetries - budget.left,
        delayMs,
        reason: 'the download broke off',
        method: 'GET',
        url: scrubText(url),
      });
      await sleep(delayMs, signal);
    } finally {
      // A body left unread would hold its socket (a paused body never times out).
      release.abort();
    }
  }
}

/** Fetches a result URL; `stream` hands the body over unread, `release` lets go of its connection. */
type Downloader = (url: string, stream?: { budget: { left: number }; release: AbortSignal }) => Promise<HttpResponse>;

/** A provider's image is bytes or an http(s) URL; anything else is the vendor's bad answer, never a TypeError. */
function checkVendorImage(
  run: RunContext,
  provider: ImageProvider,
  image: unknown,
  index: number,
  task: TaskHandle | undefined,
): asserts image is VendorImage {
  if (!isVendorImage(image)) {
    throw new ImageGateError(
      'BAD_RESPONSE',
      `${provider.name} answered image ${index + 1} as neither bytes nor an http(s) URL.`,
      {
        provider: run.provider,
        model: run.model,
        taskId: task?.taskId,
        task,
        retryable: false,
      },
    );
  }
}

/** An image kept by `saveImage`, downloaded or decoded inline. */
function stored(saved: SavedDownload, image: VendorImage): StoredImage {
  return stripUndefined<StoredImage>({
    stored: saved.stored,
    mimeType: saved.info.mimeType,
    byteLength: saved.byteLength,
    url: shown(image.url),
    expiresAt: image.expiresAt,
    width: saved.info.width,
    height: saved.info.height,
    revisedPrompt: shown(image.revisedPrompt),
  });
}

function remote(image: VendorImage & { url?: string }): RemoteImage {
  return stripUndefined<RemoteImage>({
    url: shown(image.url)!,
    expiresAt: image.expiresAt,
    revisedPrompt: shown(image.revisedPrompt),
  });
}

function toGenerated(
  run: RunContext,
  data: Uint8Array,
  source: VendorImage,
  label: string,
  task: TaskHandle | undefined,
): GeneratedImage {
  const info = sniffImage(data);
  if (!info) throw notAnImage(run, label, data.byteLength, task);
  return stripUndefined<GeneratedImage>({
    data,
    mimeType: info.mimeType,
    url: shown(source.url),
    expiresAt: source.expiresAt,
    width: info.width,
    height: info.height,
    revisedPrompt: shown(source.revisedPrompt),
  });
}

/**
 * A function that downloads result URLs through the provider's transport.
 * Downloads are anonymous and may follow redirects anywhere, except into
 * loopback, private or link-local networks (a hostile or compromised vendor
 * must not make us fetch from the caller's own network), unless the
 * provider itself lives there (emulators, local gateways) or the caller opts in.
 */
function downloader(run: RunContext, provider: ImageProvider, task: TaskHandle | undefined): Downloader {
  const client = createHttpClient({
    provider: run.provider,
    baseUrl: '',
    transport: run.options.transport ?? provider.transport,
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
  let privateAllowed: Promise<boolean> | undefined;
  const allowPrivate = () =>
    (privateAllowed ??= run.options.allowPrivateNetworkDownloads
      ? Promise.resolve(true)
      : provider.baseUrl
        ? isPrivateHost(new URL(provider.baseUrl).hostname).catch(() => false)
        : Promise.resolve(false));
  const checkUrl = async (url: URL): Promise<void> => {
    // A result URL that writes the key into itself would hand it to the CDN: only the key's own hosts may see it.
    if (containsSecret(url.href) && !mayCarryKey(url.href, provider.baseUrl, provider.keyHosts)) {
      throw new ImageGateError(
        'BAD_RESPONSE',
        `${provider.name} pointed a result image at ${url.host} with the API key in its URL; ` +
          'it was not downloaded (the key goes only to the vendor API).',
        { provider: run.provider, model: run.model, taskId: task?.taskId, task, retryable: false },
      );
    }
    if ((await isPrivateHost(url.hostname)) && !(await allowPrivate())) {
      throw new ImageGateError(
        'BAD_RESPONSE',
        `${provider.name} pointed a result image at ${url.host}, a loopback, private or link-local address; ` +
          'it was not downloaded (set allowPrivateNetworkDownloads to allow it).',
        { provider: run.provider, model: run.model, taskId: task?.taskId, task, retryable: false },
      );
    }
  };
  return async (url, stream) => {
    // Checked before every hop here, and pinned at connect time where the transport can (the default one does).
    const pinned = (await allowPrivate()) ? {} : { privateAddresses: 'deny' as const };
    const ctx = run.providerContext();
    const streamed = stream && {
      ...ctx,
      signal: AbortSignal.any([ctx.signal, stream.release]),
      // The client's retries of this request come out of the download's one budget.
      maxRetries: stream.budget.left,
      onRetry: (event: RetryEvent) => {
        stream.budget.left--;
        ctx.onRetry?.(event);
      },
    };
    const response = await client.send(streamed || ctx, {
      method: 'GET',
      url,
      kind: 'idempotent',
      anonymous: true,
      redirects: 'any',
      checkUrl,
      ...pinned,
      headers: { accept: 'image/*' },
      model: run.model,
      taskId: task?.taskId,
      maxResponseBytes: run.options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
      ...(stream ? { stream: true } : {}),
    });
    return response;
  };
}

/**
 * Vendor text as results show it: a URL or prompt that echoes the key (a
 * signed link built with it, say) is redacted like any message. Downloads
 * use the URL as the vendor gave it.
 */
function shown<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : scrubText(text)) as T;
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
