/**
 * @imagegate/core: generate and edit images through any ImageGate provider.
 * This entry is the application API: the engine calls, their options and
 * results, task handles and the one error type. Provider authors add
 * `@imagegate/core/provider`; test kits live in `@imagegate/testing`.
 * @packageDocumentation
 */

// Engine
export { generateImage } from './engine/generate-image.js';
export { submitImage } from './engine/submit-image.js';
export { waitForTask, type WaitForTaskOptions } from './engine/wait-for-task.js';
export { getTaskStatus, type GetTaskStatusOptions, type TaskCheck } from './engine/get-task-status.js';
export { cancelTask, type CancelTaskOptions } from './engine/cancel-task.js';
export { estimateCost } from './engine/estimate-cost.js';
export type { GenerateImageOptions, ProgressEvent, RunOptions } from './engine/options.js';
export type {
  GenerateResult,
  GeneratedImage,
  ImageDownload,
  RemoteImage,
  StoredImage,
  SubmitImageResult,
  Timings,
} from './engine/results.js';
export type { PollOptions } from './engine/poll-schedule.js';

// What the engine takes and gives
export type { ImageProvider } from './authoring/image-provider.js';
export { isTaskStatus, type TaskStatus } from './authoring/task-status.js';
export type { RetryEvent, SleepFunction, VendorResponse } from './spec/call-context.js';
export { isTaskHandle, type TaskHandle } from './spec/task-handle.js';
export type { Usage } from './spec/vendor-image.js';
export type { ImageMimeType, ModelSpec } from './spec/model-spec.js';
export type { ImageRequest, InputImage } from './spec/image-request.js';
export type { Cost } from './spec/price.js';
export type { HttpTransport } from './spec/transport.js';

// Errors
export { ERROR_CODES, type ImageGateErrorCode } from './errors/error-codes.js';
export { ImageGateError, type ImageGateErrorDetails } from './errors/image-gate-error.js';
