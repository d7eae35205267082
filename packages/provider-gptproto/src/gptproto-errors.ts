import {
  badAnswer,
  describeHttpError,
  mapHttpError,
  sniffImage,
  type AnswerContext as CoreAnswerContext,
  type ErrorMapper,
  type ImageGateError,
  type VendorContext,
} from '@imagegate/core/provider';
import * as z from 'zod/mini';

/** The provider id, used in every error. */
export { PROVIDER_ID } from './gptproto-account.js';

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
  const refused =
    (error.code === 'INVALID_REQUEST' || error.code === 'PROVIDER_ERROR') &&
    EXTRA_CONTENT_POLICY.test(`${error.vendorMessage ?? ''} ${error.vendorCode ?? ''}`);
  if (!refused) return error;
  return error.with({
    code: 'CONTENT_POLICY',
    message: describeHttpError('CONTENT_POLICY', response.status, context.provider, error.vendorMessage),
  });
};

const codeLike = z.union([z.string(), z.pipe(z.number(), z.transform(String))]);

/**
 * An error inside a 200 answer or a stream event: `{ message, type, code }` (GPTProto writes the status as `type`), or
 * a bare message.
 */
export const bodyErrorSchema = z.union([
  z.pipe(
    z.string(),
    z.transform((message) => ({ message, type: undefined, code: undefined })),
  ),
  z.object({ message: z.optional(z.string()), type: z.optional(codeLike), code: z.optional(codeLike) }),
]);

/** What {@link bodyErrorSchema} reads. */
export type BodyError = z.output<typeof bodyErrorSchema>;

/** Who an answer belongs to, for errors: core's context, the status always known. */
export type AnswerContext = CoreAnswerContext & { model: string; status: number };

/** The context of an answer read with `http.answer`: who, and the status it came with. */
export function answerContext(ctx: VendorContext, model: string, status: number): AnswerContext {
  return { provider: ctx.provider.id, model, status };
}

/**
 * An error carried inside a successful answer (a 200 body of `{"error":{…}}`,
 * or a stream's error event). A status in `type` or `code` picks the code,
 * otherwise the message does (CONTENT_POLICY or PROVIDER_ERROR). Only
 * RATE_LIMITED stays retryable: the billable call was taken, so a blind retry
 * could be paid twice.
 */
export function errorInBody(vendor: BodyError, context: AnswerContext): ImageGateError {
  const claimed = [vendor.type, vendor.code].map(Number).find((n) => Number.isInteger(n) && n >= 400 && n < 600) ?? 500;
  const mapped = mapGptProtoError(
    { status: claimed, headers: {}, body: Buffer.from(JSON.stringify({ error: vendor })) },
    context,
  );
  return mapped.with({
    message: describeHttpError(mapped.code, context.status, context.provider, mapped.vendorMessage),
    status: context.status,
    retryable: mapped.code === 'RATE_LIMITED',
  });
}

/**
 * BAD_RESPONSE for an answer that was read but does not hold what it should: `gptproto answered HTTP 200 <message>`.
 */
export function unusableAnswer(message: string, context: AnswerContext, field?: string): never {
  return badAnswer(`answered HTTP ${context.status} ${message}`, context, field);
}

/**
 * The bytes, if they are a PNG, JPEG, WebP or GIF; BAD_RESPONSE naming the
 * field and the status otherwise (core checks results too, but names neither).
 */
export function checkedImage(bytes: Uint8Array, field: string, context: AnswerContext): Uint8Array {
  if (!sniffImage(bytes))
    unusableAnswer(
      `with ${field} that does not decode to a PNG, JPEG, WebP or GIF image (${bytes.byteLength} bytes).`,
      context,
      field,
    );
  return bytes;
}
