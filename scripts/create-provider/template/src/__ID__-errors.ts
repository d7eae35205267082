import {
  CONTENT_POLICY_PATTERN,
  describeHttpError,
  ImageGateError,
  mapHttpError,
  type ErrorMapper,
  type ImageGateErrorCode,
} from '@imagegate/core/provider';

/** __NAME__'s documented error codes (`{"error":{"code","message"}}`) that say more than the status. */
const VENDOR_CODES = new Map<string, ImageGateErrorCode>([
  ['insufficient_credit', 'INSUFFICIENT_QUOTA'],
  ['content_moderated', 'CONTENT_POLICY'],
]);

/**
 * Map an error answer: core's mapping by status (401 AUTHENTICATION, 402 INSUFFICIENT_QUOTA, 403 PERMISSION,
 * other 4xx INVALID_REQUEST, 429 RATE_LIMITED, 5xx PROVIDER_ERROR), then the vendor's own code where it names one.
 */
export const map__NAME__Error: ErrorMapper = (response, context) => {
  const error = mapHttpError(response, context);
  const code = VENDOR_CODES.get(error.vendorCode ?? '');
  if (!code || code === error.code) return error;
  return error.with({ code, message: describeHttpError(code, response.status, context.provider, error.vendorMessage) });
};

/** A failed prediction: CONTENT_POLICY when its error speaks of a safety refusal, else TASK_FAILED. Never retryable. */
export function predictionFailed(
  reason: string | undefined,
  context: { provider: string; model: string; taskId: string },
): ImageGateError {
  const code = CONTENT_POLICY_PATTERN.test(reason ?? '') ? 'CONTENT_POLICY' : 'TASK_FAILED';
  const message = `${context.provider} prediction ${context.taskId} failed: ${reason ?? 'no reason given'}.`;
  return new ImageGateError(code, message, { ...context, vendorMessage: reason, retryable: false });
}
