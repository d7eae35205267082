import type { HttpTransport } from '../http/transport.js';
import type { ImageRequest } from '../request/image-request.js';
import type { ImageProvider, RetryEvent, SleepFunction } from '../provider/image-provider.js';
import type { GeneratedImage, ImageDownload, RemoteImage, StoredImage, Usage } from '../provider/provider-image.js';
import type { TaskHandle } from '../provider/task.js';
import type { PollOptions } from './poll-schedule.js';

/** A progress report while a request runs. */
export interface ProgressEvent {
  state: 'submitted' | 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
  /** 0–100, when the vendor reports it. */
  progress?: number;
  /** Since the call started, by the host clock. */
  elapsedMs: number;
  /** Poll number (0 for the submit). */
  attempt: number;
  taskId?: string;
  /**
   * On `submitted`, the task the vendor took (absent for synchronous
   * answers): the handle to collect it with, reported the moment it exists,
   * so a host can record it before anything else can fail or the process die.
   */
  task?: TaskHandle;
}

/** Options every engine function shares. */
export interface RunOptions {
  /** Cancels everything at once: HTTP in flight, sleeps between polls. */
  signal?: AbortSignal;
  /** One overall deadline for the call. Default 10 minutes. */
  timeoutMs?: number;
  /** Retries per HTTP call (see the retry rules). Default 2. */
  maxRetries?: number;
  /** Poll timing; defaults come from the model's hints. */
  poll?: PollOptions;
  onProgress?: (event: ProgressEvent) => void;
  onRetry?: (event: RetryEvent) => void;
  /** Fetch URL results into bytes. Default true (vendor URLs expire). */
  download?: boolean;
  /**
   * Take each downloaded result image as a stream instead of holding its
   * bytes: called once per image with its sniffed type and its chunks, and
   * what it resolves to becomes the image's `stored` (a {@link StoredImage}).
   * A large image then goes to its file or store without ever being in
   * memory whole. Images that arrive inline stay {@link GeneratedImage}s
   * (their bytes are already here). Used by `generateImage` and
   * `waitForTask`; errors it throws come back as ImageGateErrors carrying
   * the task.
   */
  saveImage?: (image: ImageDownload) => Promise<unknown>;
  /** Largest image download accepted. Default 50 MiB. */
  maxDownloadBytes?: number;
  /**
   * Download result images from loopback, private and link-local addresses
   * even when the provider's own base URL is not on one. Default false: a
   * vendor's answer must not reach into the caller's network.
   */
  allowPrivateNetworkDownloads?: boolean;
  /** Transport for downloads (provider calls use the provider's). */
  transport?: HttpTransport;
  /** Abortable sleep; hosts pass their own, tests a simulated one. */
  sleep?: SleepFunction;
  /**
   * Clock in ms, for simulated time (tests, benchmarks). With it the deadline
   * is checked between polls only; leave it unset with a real clock, so a
   * request that hangs is also cut at the deadline.
   */
  now?: () => number;
  /**
   * When the caller's `signal` aborts a wait, cancel the vendor's task where
   * the model declares `cancel`, so the job stops (and stops billing). Default
   * true. At the deadline (TIMEOUT) tasks are never cancelled: they stay resumable.
   */
  cancelOnAbort?: boolean;
  /** Vendor calls in flight at once when `n` is fanned out. Default 4 (1–64). */
  concurrency?: number;
}

/** Options of `generateImage` and `submitImage`: the request fields flat beside `provider`. */
export type GenerateImageOptions<ModelId extends string = string> = RunOptions &
  ImageRequest<ModelId> & {
    provider: ImageProvider<ModelId>;
  };

/** Time spent, by the host clock. */
export interface Timings {
  startedAt: number;
  totalMs: number;
}

/** The outcome of `generateImage` / `waitForTask`. */
export interface GenerateResult<Image = GeneratedImage> {
  images: Image[];
  /**
   * Images the vendor answered beyond those asked, left at their URLs (not
   * downloaded); absent when there were none.
   */
  extraImages?: RemoteImage[];
  /** Deprecations, ignored options, partial failures of a fanned-out `n`. */
  warnings: string[];
  usage?: Usage;
  /** The tasks that produced the images (asynchronous vendors). */
  tasks: TaskHandle[];
  provider: string;
  model: string;
  timings: Timings;
}

/** The outcome of `submitImage`: tasks to wait for, or images when the vendor is synchronous. */
export interface SubmitImageResult {
  tasks: TaskHandle[];
  images: GeneratedImage[];
  /** As in {@link GenerateResult.extraImages}. */
  extraImages?: RemoteImage[];
  warnings: string[];
  usage?: Usage;
  provider: string;
  model: string;
  timings: Timings;
}

export type { GeneratedImage, ImageDownload, RemoteImage, StoredImage };
