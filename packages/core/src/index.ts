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
export type { GenerateImageOptions, GenerateResult, ProgressEvent, RunOptions, SubmitImageResult, Timings } from './engine/options.js';
export type { PollOptions } from './engine/poll-schedule.js';

// What the engine takes and gives
export type { ImageProvider, RetryEvent, SleepFunction } from './provider/image-provider.js';
export { isTaskHandle, isTaskStatus, type TaskHandle, type TaskStatus } from './provider/task.js';
export type { GeneratedImage, ImageDownload, RemoteImage, StoredImage, Usage } from './provider/provider-image.js';
export type { ImageMimeType, ModelSpec, ResolutionSpec } from './manifest/model-spec.js';
export { outputPixels } from './manifest/output-pixels.js';
export type { ImageRequest, InputImage } from './request/image-request.js';
export type { HttpTransport } from './http/transport.js';

// Errors
export { ERROR_CODES, type ImageGateErrorCode } from './errors/error-codes.js';
export { ImageGateError, type ImageGateErrorDetails } from './errors/image-gate-error.js';
