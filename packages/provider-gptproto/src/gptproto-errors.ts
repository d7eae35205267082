import {
  describeHttpError,
  ImageGateError,
  mapHttpError,
  type ErrorMapper,
  type ErrorMappingContext,
  type ImageGateErrorCode,
  type VendorError,
} from '@imagegate/core';

/** The provider id, used in every error. */
export const PROVIDER_ID = 'gptproto';

/**
 * Refusal wording beyond core's (`safety`, `content policy`, `moderation` …):
 * OpenAI's `moderation_blocked` code, gateways' `content_filter` / NSFW labels.
 */
const EXTRA_CONTENT_POLICY = /content_filter|nsfw|moderation_blocked|sexual|blocked due to/i;

/**
 * Map a GPTProto error answer (`{"error":{"message","type"}}`, type being the
 * status as a string) to an ImageGateError:
 * 401 AUTHENTICATION; 403 PERMISSION, or INSUFFICIENT_QUOTA when the message
 * speaks of balance or quota; 429 RATE_LIMITED (core adds `Retry-After`);
 * 5xx PROVIDER_ERROR; content-policy refusals (documented as 503, sent as 400)
 * CONTENT_POLICY by their message.
 */
export const mapGptProtoError: ErrorMapper = (response, context) => {
  const error = mapHttpError(response, context);
  if ((error.code === 'INVALID_REQUEST' || error.code === 'PROVIDER_ERROR') && EXTRA_CONTENT_POLICY.test(`${error.vendorMessage ?? ''} ${error.vendorCode ?? ''}`)) {
    return rebuild(error, 'CONTENT_POLICY', response.status, context);
  }
  return error;
};

function rebuild(error: ImageGateError, code: ImageGateErrorCode, status: number, context: ErrorMappingContext): ImageGateError {
  return new ImageGateError(code, describeHttpError(code, status, context.provider, error.vendorMessage), {
    status,
    provider: context.provider,
    model: context.model,
    retryAfterMs: context.retryAfterMs,
    vendorMessage: error.vendorMessage,
    vendorCode: error.vendorCode,
  });
}

/**
 * An error carried inside a successful answer: a 200 body of
 * `{"error":{…}}`, or an `error` event in a stream. GPTProto writes the status
 * as `type`, so a status there picks the code; otherwise the message does
 * (CONTENT_POLICY or PROVIDER_ERROR). Only RATE_LIMITED stays retryable: the
 * billable call was accepted, so a blind retry could be paid twice.
 */
export function errorInBody(vendor: VendorError, httpStatus: number, context: { provider: string; model?: string }): ImageGateError {
  const claimed = Number(vendor.code);
  const status = Number.isInteger(claimed) && claimed >= 400 && claimed < 600 ? claimed : 500;
  const body = Buffer.from(JSON.stringify({ error: { message: vendor.message, type: vendor.code } }));
  const mapped = mapGptProtoError({ status, headers: {}, body }, context);
  return new ImageGateError(mapped.code, describeHttpError(mapped.code, httpStatus, context.provider, vendor.message), {
    status: httpStatus,
    provider: context.provider,
    model: context.model,
    vendorMessage: vendor.message,
    vendorCode: vendor.code,
    retryable: mapped.code === 'RATE_LIMITED',
  });
}

/**
 * Gemini reasons for an answer without an image that mean "refused on safety
 * grounds". RECITATION (the output would reproduce protected material) is
 * counted as a refusal too: the remedy is the same, change the prompt.
 */
export const GEMINI_SAFETY_REASONS: ReadonlySet<string> = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
]);

/** The error for a Gemini answer that carries no image, naming the reason the vendor gave. */
export function geminiNoImageError(
  reason: string | undefined,
  text: string | undefined,
  status: number,
  context: { provider: string; model?: string },
): ImageGateError {
  const said = text ? ` The model said: "${text.length > 300 ? `${text.slice(0, 300)}…` : text}"` : '';
  if (reason && GEMINI_SAFETY_REASONS.has(reason)) {
    return new ImageGateError(
      'CONTENT_POLICY',
      `${context.provider} answered HTTP ${status} without an image: blocked for ${reason}.${said} The vendor refused the prompt or image on safety grounds; change the prompt.`,
      { status, provider: context.provider, model: context.model, vendorCode: reason, vendorMessage: text },
    );
  }
  const why = reason ? `finish reason ${reason}` : 'no reason given';
  return new ImageGateError('BAD_RESPONSE', `${context.provider} answered HTTP ${status} without an image (${why}).${said}`, {
    status,
    provider: context.provider,
    model: context.model,
    vendorCode: reason,
    vendorMessage: text,
    retryable: false,
  });
}

/** BAD_RESPONSE for an answer that parsed but does not hold what it should. */
export function badAnswer(message: string, status: number, context: { provider: string; model?: string }): ImageGateError {
  return new ImageGateError('BAD_RESPONSE', `${context.provider} answered HTTP ${status} ${message}`, {
    status,
    provider: context.provider,
    model: context.model,
    retryable: false,
  });
}
