import type { Schema } from '../spec/schema.js';
import type { ProviderCallContext } from '../spec/call-context.js';
import type { ImageRequest } from '../spec/image-request.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { HttpTransport } from '../spec/transport.js';
import type { Usage, VendorImage } from '../spec/vendor-image.js';
import type { TaskStatus } from './task-status.js';

/**
 * What `submit` answers: images now, or a task to poll. An asynchronous
 * vendor that answers at once (a synchronous mode, a job already finished in
 * the submit's answer) still names its job: `images` then carries that
 * `task`, so an error while the images are collected can name the paid job.
 * A provider that throws after the vendor took a job puts the handle on the
 * error (`error.task`); core keeps it the same way.
 */
export type SubmitResult =
  | { type: 'images'; images: VendorImage[]; usage?: Usage; warnings?: string[]; task?: TaskHandle }
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
   * Hosts the key may go to besides `baseUrl`'s origin (see `credentials.keyHosts` of a definition): a task handle's
   * `pollUrl` or `cancelUrl` elsewhere is refused before any request.
   */
  readonly keyHosts?: readonly string[];
  /** The headers its key travels in (its definition's `credentials.auth.header`, such as `x-key`). */
  readonly credentialHeaders?: readonly string[];
  /**
   * The transport the provider sends through. Core downloads URL results with
   * it too (unless the call passes its own), so a host's transport serves both.
   */
  readonly transport?: HttpTransport;
  /** Schema for `request.providerOptions`; core validates before calling `submit`. */
  readonly providerOptionsSchema?: Schema;
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
  /**
   * Send one vendor call (at most `maxImagesPerCall` images). The engine
   * passes the manifest entry it resolved the request's model to, and
   * validated against, as `ctx.model`: the provider need not look it up again.
   */
  submit(
    request: ImageRequest<ModelId>,
    ctx: ProviderCallContext & { model?: ModelSpec<ModelId> },
  ): Promise<SubmitResult>;
  /** Poll a task; required when any model is `async`. */
  getTask?(task: TaskHandle, ctx: ProviderCallContext): Promise<TaskStatus>;
  /**
   * Ask the vendor to stop a task (required when a model declares `cancel`).
   * Resolve once the vendor accepted; throw an ImageGateError when it refused.
   */
  cancelTask?(task: TaskHandle, ctx: ProviderCallContext): Promise<void>;
}
