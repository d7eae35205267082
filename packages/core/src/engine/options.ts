import type { ImageProvider } from '../authoring/image-provider.js';
import type { RetryEvent, SleepFunction, VendorResponse } from '../spec/call-context.js';
import type { ImageRequest } from '../spec/image-request.js';
import type { PriceOverrides } from '../spec/price.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { TelemetryOptions } from '../spec/telemetry.js';
import type { HttpTransport } from '../spec/transport.js';
import type { PollOptions } from './poll-schedule.js';
import type { ImageDownload } from './results.js';

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
  /**
   * Told about each answer of the vendor's API this call accepted (submit, polls), with its status and headers; a
   * header whose value holds the key is left out. Downloads of result files are not reported.
   */
  onResponse?: (response: VendorResponse) => void;
  /**
   * Extra HTTP headers for this call's requests to the vendor's API (a tracing id, a user agent). They go only where
   * the key goes, never to a result download elsewhere. A header that carries the key (`authorization`, the
   * provider's own) is refused: the key is the provider's setting.
   */
  headers?: Record<string, string>;
  /** Fetch URL results into bytes. Default true (vendor URLs expire). */
  download?: boolean;
  /**
   * Take each downloaded result image as a stream instead of holding its
   * bytes: called once per image with its sniffed type and its chunks, and
   * what it resolves to becomes the image's `stored` (a `StoredImage`).
   * A large image then goes to its file or store without ever being in
   * memory whole. Images that arrive inline stay `GeneratedImage`s
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
  /**
   * Prices by model id (or alias) that win over the manifest's, e.g. a
   * reseller's rates: results' `cost` then says `basis: 'override'`.
   */
  prices?: PriceOverrides;
  /**
   * The most this call may cost, in the price's currency: `generateImage` and
   * `submitImage` refuse, before any request, a call whose estimate (all
   * images, fan-out included) is higher, or that has no estimate (see `estimateCost`).
   */
  maxCost?: number;
  /**
   * Trace the call with OpenTelemetry: one span (`imagegate.generateImage`, …) with the provider, model, size, `n`,
   * requests, polls, task ids, bytes and cost, and events for the submit, each poll, download and retry. Never a
   * key; the prompt only with `recordPrompt: true`. Without `tracer`, `@opentelemetry/api` (an optional peer
   * dependency) is loaded for it; without `telemetry`, nothing of OpenTelemetry is loaded.
   *
   * @example
   * await generateImage({ provider, model, prompt, telemetry: {} });
   */
  telemetry?: TelemetryOptions;
}

/** Options of `generateImage` and `submitImage`: the request fields flat beside `provider`. */
export type GenerateImageOptions<ModelId extends string = string> = RunOptions &
  ImageRequest<ModelId> & {
    provider: ImageProvider<ModelId>;
  };
