import { describeHttpError, ImageGateError, mapHttpError, type ErrorMapper } from '@imagegate/core';

/** The provider id, used in every error. */
export const PROVIDER_ID = '__ID__';

/**
 * Map a __NAME__ error answer (`{"error":{"message"}}`) to an ImageGateError.
 * Core's mapping reads the message and maps by status: 401 AUTHENTICATION,
 * 402 INSUFFICIENT_QUOTA, 403 PERMISSION (INSUFFICIENT_QUOTA when the message
 * speaks of balance or quota), 429 RATE_LIMITED with `retryAfterMs`, 5xx
 * PROVIDER_ERROR, safety wording CONTENT_POLICY. Vendor rules go on top:
 * __NAME__ answers 422 when it refuses a prompt, whatever the wording.
 */
export const map__NAME__Error: ErrorMapper = (response, context) => {
  const error = mapHttpError(response, context);
  if (response.status !== 422 || error.code === 'CONTENT_POLICY') return error;
  return new ImageGateError('CONTENT_POLICY', describeHttpError('CONTENT_POLICY', response.status, context.provider, error.vendorMessage), {
    status: response.status,
    provider: context.provider,
    model: context.model,
    vendorMessage: error.vendorMessage,
    vendorCode: error.vendorCode,
  });
};
