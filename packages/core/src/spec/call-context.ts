import type { InlineImageSink } from './inline-image-sink.js';

/** An abortable sleep; rejects when the signal fires. */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * What core hands a provider on every call: the caller's signal plus the
 * host's clock, sleep and retry budget. Providers pass it to core's HTTP client.
 */
export interface ProviderCallContext {
  signal: AbortSignal;
  sleep: SleepFunction;
  now: () => number;
  /** Retries core's HTTP client may spend on this call. */
  maxRetries: number;
  /** Collects warnings (deprecations, ignored options) for the result. */
  warn: (message: string) => void;
  /** Told about each retry, for logs and UIs. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Set by the engine when the caller keeps images as they arrive (`saveImage`):
   * core's HTTP client decodes a JSON answer's binary fields straight into it,
   * and the provider reads each image's head (hand it on as it is; see
   * `inline-image-sink.ts`). Providers need not look at it.
   */
  imageSink?: InlineImageSink;
  /**
   * The caller's extra headers for this call (`RunOptions.headers`): core's HTTP client sends them with every request
   * that goes where the key goes (never to a download elsewhere). Providers need not look at it.
   */
  headers?: Readonly<Record<string, string>>;
  /** Told about each vendor answer core's HTTP client accepted (`RunOptions.onResponse`). */
  onResponse?: (response: VendorResponse) => void;
}

/** A vendor API answer as `RunOptions.onResponse` sees it: where from, its status and headers (none holding a key). */
export interface VendorResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
}

/** A retry core's HTTP client is about to make. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
  method: string;
  url: string;
}
