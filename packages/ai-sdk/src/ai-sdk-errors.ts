import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { ImageGateError } from '@imagegate/core';

/** Where an ImageGate error is thrown from, to say it in the AI SDK's terms. */
export interface ErrorContext {
  /** The AI SDK argument the failing field came from (see `argumentOf`). */
  argument: (field: string | undefined) => string;
  /** The vendor's API origin, for `APICallError.url`. */
  url: string;
  /** What was asked, for `APICallError.requestBodyValues` (no key, no image bytes). */
  requestBodyValues: Record<string, unknown>;
}

/**
 * Whether the AI SDK may call `doGenerate` again after this error: only when ImageGate says the same request can
 * succeed and the vendor provably took no job. A failure after a billable submit (a 5xx, a reset, a timeout, any
 * error with a task) is never retried there, so no image is paid for twice; a refusal before acceptance (a 429 once
 * ImageGate's own retries are spent, a refused connection) is.
 */
export function retryableInAiSdk(error: ImageGateError): boolean {
  return error.retryable && !error.maybeBilled && !error.task && (error.tasks?.length ?? 0) === 0;
}

/**
 * An ImageGate error in the AI SDK's error types, the original as `cause`:
 * - a request that cannot be made (INVALID_REQUEST, UNSUPPORTED, before anything is sent) is an
 *   `InvalidArgumentError` naming the argument as the caller wrote it;
 * - the caller's own abort stays the ImageGate error (code ABORTED) it is;
 * - everything else is an `APICallError` whose `isRetryable` follows {@link retryableInAiSdk}, with the vendor's
 *   `retry-after` as a header the AI SDK's backoff reads, and ImageGate's code, tasks and billing in `data`.
 */
export function toAiSdkError(error: unknown, context: ErrorContext): unknown {
  if (!ImageGateError.is(error)) return error;
  if (error.code === 'INVALID_REQUEST' || error.code === 'UNSUPPORTED') {
    const argument = context.argument(error.field);
    return new InvalidArgumentError({ argument, message: `${argument}: ${error.message}`, cause: error });
  }
  if (error.code === 'ABORTED') return error;
  const data = {
    code: error.code,
    provider: error.provider,
    model: error.model,
    ...(error.task ? { task: error.task } : {}),
    ...(error.tasks?.length ? { tasks: error.tasks } : {}),
    ...(error.maybeBilled ? { maybeBilled: true } : {}),
    ...(error.vendorCode ? { vendorCode: error.vendorCode } : {}),
  };
  return new APICallError({
    message: error.message,
    url: context.url,
    requestBodyValues: context.requestBodyValues,
    statusCode: error.status,
    responseHeaders:
      error.retryAfterMs !== undefined ? { 'retry-after-ms': String(Math.max(0, error.retryAfterMs)) } : undefined,
    responseBody: error.vendorMessage,
    isRetryable: retryableInAiSdk(error),
    data,
    cause: error,
  });
}
