import type { ZodType } from 'zod';
import type { HttpTransport } from '../http/transport.js';
import type { ModelSpec } from '../manifest/model-spec.js';
import type { ImageRequest } from '../request/image-request.js';
import type { ProviderImage, Usage } from './provider-image.js';
import type { TaskHandle, TaskStatus } from './task.js';

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
}

/** A retry core's HTTP client is about to make. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
  method: string;
  url: string;
}

/**
 * What `submit` answers: images now, or a task to poll. An asynchronous
 * vendor that answers at once (a synchronous mode, a job already finished in
 * the submit's answer) still names its job: `images` then carries that
 * `task`, so an error while the images are collected can name the paid job.
 * A provider that throws after the vendor took a job puts the handle on the
 * error (`error.task`); core keeps it the same way.
 */
export type SubmitResult =
  | { type: 'images'; images: ProviderImage[]; usage?: Usage; warnings?: string[]; task?: TaskHandle }
  | { type: 'task'; task: TaskHandle; warnings?: string[] };

/**
 * A vendor integration, version 1 of the interface. Build one with a
 * `createX({ apiKey, transport })` factory; never read environment variables
 * inside it.
 */
export interface ImageProvider<ModelId extends string = string> {
  readonly specificationVersion: 'v1';
  /** Stable lower-case id, e.g. `'gptproto'`. */
  readonly id: string;
  /** Display name, e.g. `'GPTProto'`. */
  readonly name: string;
  readonly models: readonly ModelSpec<ModelId>[];
  /**
   * The vendor's API origin. Core downloads result images from loopback,
   * private or link-local addresses only when this is on one (an emulator, a
   * gateway in the caller's own network).
   */
  readonly baseUrl?: string;
  /**
   * The transport the provider sends through. Core downloads URL results with
   * it too (unless the call passes its own), so a host's transport serves both.
   */
  readonly transport?: HttpTransport;
  /** Schema for `request.providerOptions`; core validates before calling `submit`. */
  readonly providerOptionsSchema?: ZodType;
  /**
   * A spec for a model id that is not in `models` (a newer model of a known
   * family, say), or undefined to refuse it. Lets hosts offer "model by ID"
   * without waiting for a manifest update.
   */
  describeModel?(id: string): ModelSpec<ModelId> | undefined;
  /**
   * Extra rules across fields that the manifest cannot say (e.g. transparent
   * background only with png/webp). Throw an INVALID_REQUEST ImageGateError.
   * Runs before any request is sent.
   */
  validate?(request: ImageRequest<ModelId>, model: ModelSpec<ModelId>): void;
  /** Send one vendor call (at most `maxImagesPerCall` images). */
  submit(request: ImageRequest<ModelId>, ctx: ProviderCallContext): Promise<SubmitResult>;
  /** Poll a task; required when any model is `async`. */
  getTask?(task: TaskHandle, ctx: ProviderCallContext): Promise<TaskStatus>;
  /**
   * Ask the vendor to stop a task (required when a model declares `cancel`).
   * Resolve once the vendor accepted; throw an ImageGateError when it refused.
   */
  cancelTask?(task: TaskHandle, ctx: ProviderCallContext): Promise<void>;
}
