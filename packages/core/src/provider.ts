/**
 * @imagegate/core/provider: what provider authors need and applications do
 * not. `defineProvider` declares a provider once; the rest are the building
 * blocks its vendor calls use (core's HTTP client, answer schemas, error
 * mapping, image sniffing).
 * @packageDocumentation
 */

export {
  defineProvider,
  type AuthScheme,
  type DefinedProvider,
  type ProviderAccount,
  type ProviderDefinition,
  type ProviderSettings,
  type SubmitContext,
  type VendorContext,
} from './authoring/define-provider.js';
export type { ImageProvider, SubmitResult } from './authoring/image-provider.js';
export type { TaskStatus } from './authoring/task-status.js';
export type { ProviderCallContext } from './spec/call-context.js';
export type { Schema } from './spec/schema.js';
export type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryOptions,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from './spec/telemetry.js';
export { isTaskHandle, type TaskHandle, type TaskRequest } from './spec/task-handle.js';
export type { Usage, VendorImage } from './spec/vendor-image.js';
export type { GeneratedImage, RemoteImage } from './engine/results.js';
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
  ResolutionSpec,
  SizeSpec,
} from './spec/model-spec.js';
export { checkManifest } from './manifest/check-manifest.js';
export { outputPixels } from './manifest/output-pixels.js';
export { describePrice, formatMoney } from './manifest/describe-price.js';
export { noEstimateReason, priceFor, roundAmount, type AppliedPrice } from './manifest/price-of.js';
export { priceProblem, type CostBasis, type Price, type PriceOverrides, type PriceRule } from './spec/price.js';
export { resolveModel } from './manifest/resolve-model.js';
export { IMAGE_REQUEST_FIELDS, operationOf, type ImageRequest, type InputImage } from './spec/image-request.js';
export { customSizeProblem, describeCustomSize, describeSizes, parsePixelSize, sizeProblem } from './manifest/size.js';
export { formatBytes } from './errors/describe-value.js';
export { ImageGateError, type ImageGateErrorDetails } from './errors/image-gate-error.js';
export type { ImageGateErrorCode } from './errors/error-codes.js';
export {
  codeForStatus,
  CONTENT_POLICY_PATTERN,
  describe as describeHttpError,
  mapHttpError,
  readVendorError,
  type ErrorMapper,
  type ErrorMappingContext,
  type VendorError,
} from './errors/http-error-mapping.js';
export { isCredentialHeader, leaksSecret, redactSecrets, registerSecret } from './errors/redact.js';
export { describeKeyHosts, keyHostPatternProblem, mayCarryKey } from './spec/key-hosts.js';
export { taskFailedError, type FailedTaskReport } from './errors/task-failed.js';
export type { HttpRequest, HttpResponse, HttpTransport } from './spec/transport.js';
export { IncompleteBodyError, ResponseTooLargeError } from './spec/transport.js';
export { createFetchTransport, defaultTransport, type FetchTransportOptions } from '#platform/fetch-transport';
export { MAX_UPFRONT_BYTES, readBody } from './spec/read-body.js';
export {
  createHttpClient,
  type ClientRequest,
  type HttpClient,
  type HttpClientOptions,
  type JsonAnswer,
  type JsonOptions,
} from './http/http-client.js';
export { badAnswer, readAnswer, type AnswerContext } from './http/read-answer.js';
export { decodeBase64, parseJsonBody, type ParseJsonOptions } from './http/json-body.js';
export { JsonBinaryScanner, readJsonStream, type JsonScanOptions } from './http/json-stream.js';
export { SseJsonReader, type SseJsonEvent, type SseJsonOptions } from './http/sse-stream.js';
export { extensionFor, sniffImage, type ImageInfo } from './spec/sniff.js';
export { mapAll, mapSettled } from './engine/concurrency.js';
// For hosts that check a task once and come back later (an n8n Wait loop, a cron job).
export { nextCheckDelay, type CheckMoment } from './engine/poll-schedule.js';
export { pollingHintsOf } from './manifest/polling-hints.js';
