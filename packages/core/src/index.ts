/**
 * @imagegate/core: the provider interface (v1), the capability manifest,
 * validation, the async-task engine, HTTP with retries and typed errors.
 * @packageDocumentation
 */

// Engine
export { generateImage } from './engine/generate-image.js';
export { submitImage } from './engine/submit-image.js';
export { waitForTask, type WaitForTaskOptions } from './engine/wait-for-task.js';
export { getTaskStatus, type GetTaskStatusOptions } from './engine/get-task-status.js';
export { cancelTask, type CancelTaskOptions } from './engine/cancel-task.js';
export type { GenerateImageOptions, GenerateResult, ProgressEvent, RunOptions, SubmitImageResult, Timings } from './engine/options.js';
export { PollSchedule, type PollOptions } from './engine/poll-schedule.js';
export { abortableSleep } from './engine/sleep.js';
export { mapAll, mapSettled } from './engine/concurrency.js';

// Provider interface and manifest
export type {
  ImageProvider,
  ProviderCallContext,
  ProviderFactoryOptions,
  RetryEvent,
  SleepFunction,
  SubmitResult,
} from './provider/image-provider.js';
export { isTaskHandle, type TaskHandle, type TaskStatus } from './provider/task.js';
export type { GeneratedImage, ProviderImage, RemoteImage, Usage } from './provider/provider-image.js';
export type {
  AspectRatioSizes,
  CustomSizeRules,
  ImageMimeType,
  ImageOperation,
  InputImageSpec,
  IntRange,
  ModelOptionSpec,
  ModelSpec,
  PixelSizes,
  PollingHints,
  SizeSpec,
} from './manifest/model-spec.js';
export { checkManifest } from './manifest/check-manifest.js';

// Requests and validation
export { operationOf, type ImageRequest, type InputImage } from './request/image-request.js';
export { findModel, formatBytes, validateRequest, type ValidationContext } from './request/validate-request.js';
export { customSizeProblem, describeSizes, parsePixelSize, sizeProblem } from './request/size.js';

// Errors
export { ERROR_CODES, RETRYABLE_CODES, type ImageGateErrorCode } from './errors/error-codes.js';
export { ImageGateError, isAbortError, toImageGateError, type ImageGateErrorDetails } from './errors/image-gate-error.js';
export { codeForStatus, CONTENT_POLICY_PATTERN, describe as describeHttpError, mapHttpError, readVendorError, type ErrorMapper, type ErrorMappingContext, type VendorError } from './errors/http-error-mapping.js';
export { leaksSecret, REDACTED, redactSecrets, registerSecret } from './errors/redact.js';

// HTTP
export type { HttpRequest, HttpResponse, HttpTransport } from './http/transport.js';
export { IncompleteBodyError, ResponseTooLargeError } from './http/transport.js';
export { createFetchTransport, defaultTransport, type FetchTransportOptions } from './http/fetch-transport.js';
export { apiOrigin, headersWithDefaults } from './http/provider-settings.js';
export { badResponse, createHttpClient, type ClientRequest, type HttpClient, type HttpClientOptions } from './http/http-client.js';
export { decodeBase64, JsonBodyError, parseJsonBody, type ParseJsonOptions } from './http/json-body.js';
export { isRetryableNetworkError, isRetryableStatus, parseRetryAfter, retryDelay, type BackoffOptions, type RequestKind } from './http/retry-policy.js';

// Images
export { extensionFor, sniffImage, type ImageInfo } from './image/sniff.js';
