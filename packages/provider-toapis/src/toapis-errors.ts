import {
  CONTENT_POLICY_PATTERN,
  describeHttpError,
  ImageGateError,
  mapHttpError,
  readVendorError,
  type ErrorMapper,
  type ErrorMappingContext,
  type HttpResponse,
  type ImageGateErrorCode,
} from '@imagegate/core/provider';

/** The provider id, used in every error and task handle. */
export { PROVIDER_ID } from './toapis-account.js';

/** What a ToAPIs error body (`{"error":{"code","message","type"}}`) says. */
export interface ToApisVendorError {
  message?: string;
  /** `code` (a word such as `insufficient_quota`, or the status as a number). */
  code?: string;
  type?: string;
}

/** ToAPIs' documented error words, by the code they mean. */
const CODE_BY_VENDOR_WORD: Readonly<Record<string, ImageGateErrorCode>> = {
  invalid_request: 'INVALID_REQUEST',
  invalid_request_error: 'INVALID_REQUEST',
  unauthorized: 'AUTHENTICATION',
  authentication_error: 'AUTHENTICATION',
  insufficient_quota: 'INSUFFICIENT_QUOTA',
  content_policy_violation: 'CONTENT_POLICY',
  rate_limit_exceeded: 'RATE_LIMITED',
  internal_error: 'PROVIDER_ERROR',
};

/**
 * A 503 that is a refusal: "If the submit limiter is temporarily unavailable,
 * ToAPIs returns `503` with code `rate_limit_unavailable` … use exponential
 * backoff after `429` or `503`" (rate-limits/async-tasks, 2026-08-20). The
 * submit was refused before any task existed, so core retries it like a 429.
 */
const LIMITER_UNAVAILABLE = 'rate_limit_unavailable';

/** Vendor words more specific than a 4xx status (e.g. 403 or 429 saying `insufficient_quota`). */
const SPECIFIC_WORDS: ReadonlySet<ImageGateErrorCode> = new Set([
  'AUTHENTICATION',
  'INSUFFICIENT_QUOTA',
  'RATE_LIMITED',
]);

/**
 * Read a ToAPIs error body; never throws. An HTML page (a proxy's error page)
 * becomes its title instead of markup.
 */
export function readToApisError(body: Uint8Array): ToApisVendorError {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (/^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return { message: title ? `an HTML page "${title}"` : 'an HTML page' };
  }
  const vendor = readVendorError(body);
  let type: string | undefined;
  try {
    const error = (JSON.parse(text) as { error?: { type?: unknown } })?.error;
    if (typeof error?.type === 'string' && error.type) type = error.type;
  } catch {
    // not JSON: readVendorError already kept the first characters as the message
  }
  return { message: vendor.message, code: vendor.code, type };
}

/** The code a vendor word (`code` or `type`) names, if any. */
function codeForVendorWord(vendor: ToApisVendorError): ImageGateErrorCode | undefined {
  for (const word of [vendor.code, vendor.type]) {
    const code = word ? CODE_BY_VENDOR_WORD[word.toLowerCase()] : undefined;
    if (code) return code;
  }
  return undefined;
}

/**
 * Map a ToAPIs error answer to an ImageGateError, on top of core's mapping:
 * 400 INVALID_REQUEST, 401 AUTHENTICATION, 402 INSUFFICIENT_QUOTA,
 * 404 on a task TASK_FAILED ("not found or expired"), 422 CONTENT_POLICY,
 * 429 RATE_LIMITED (core adds `Retry-After`), 5xx PROVIDER_ERROR. The vendor's
 * own code word (`content_policy_violation`, `insufficient_quota` …) wins
 * over a 4xx status.
 */
export const mapToApisError: ErrorMapper = (response, context) => {
  const vendor = readToApisError(response.body);
  const status = response.status;
  if (status === 404 && context.taskId) return taskNotFound(status, vendor, context);

  const base = mapHttpError(withMessage(response, vendor), context);
  let code = base.code;
  const word = codeForVendorWord(vendor);
  if (status === 422 || word === 'CONTENT_POLICY') code = 'CONTENT_POLICY';
  else if (status === 503 && [vendor.code, vendor.type].some((w) => w?.toLowerCase() === LIMITER_UNAVAILABLE))
    code = 'RATE_LIMITED';
  else if (base.code !== 'CONTENT_POLICY' && status >= 400 && status < 500 && word && SPECIFIC_WORDS.has(word))
    code = word;
  return new ImageGateError(code, describeHttpError(code, status, context.provider, vendor.message), {
    status,
    provider: context.provider,
    model: context.model,
    taskId: context.taskId,
    retryAfterMs: context.retryAfterMs,
    vendorMessage: vendor.message,
    vendorCode: vendorCodeOf(vendor),
  });
};

/** The most telling vendor code: the word (`authentication_error`) over a bare status number (`401`). */
function vendorCodeOf(vendor: ToApisVendorError): string | undefined {
  if (vendor.code && /^\d+$/.test(vendor.code) && vendor.type) return vendor.type;
  return vendor.code ?? vendor.type;
}

/** Core reads the message itself; hand it the HTML title rather than markup. */
function withMessage(response: HttpResponse, vendor: ToApisVendorError): HttpResponse {
  const text = Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString('utf8');
  if (!/^\s*</.test(text)) return response;
  return { ...response, body: new TextEncoder().encode(JSON.stringify({ error: { message: vendor.message } })) };
}

function taskNotFound(status: number, vendor: ToApisVendorError, context: ErrorMappingContext): ImageGateError {
  const said = vendor.message ? ` (${context.provider} said: ${vendor.message})` : '';
  return new ImageGateError(
    'TASK_FAILED',
    `${context.provider} task ${context.taskId} was not found or has expired: ` +
      `HTTP ${status}${said}. Tasks and their results are kept for about 24 hours; submit a new one.`,
    {
      status,
      provider: context.provider,
      model: context.model,
      taskId: context.taskId,
      vendorMessage: vendor.message,
      vendorCode: vendorCodeOf(vendor),
      retryable: false,
    },
  );
}

/**
 * An error carried in a 2xx answer (`{"error":{…}}` without a task, or an
 * upload's `{"success":false,"message"}`): its code word decides, otherwise
 * its wording (policy refusals), otherwise `fallback`.
 */
export function errorInBody(
  vendor: ToApisVendorError,
  status: number,
  context: { provider: string; model?: string },
  fallback: ImageGateErrorCode,
): ImageGateError {
  const word = codeForVendorWord(vendor);
  const code =
    word ?? (CONTENT_POLICY_PATTERN.test(`${vendor.code ?? ''} ${vendor.message ?? ''}`) ? 'CONTENT_POLICY' : fallback);
  return new ImageGateError(
    code,
    describeHttpError(code, status, context.provider, vendor.message ?? 'an error without a message'),
    {
      status,
      provider: context.provider,
      model: context.model,
      vendorMessage: vendor.message,
      vendorCode: vendorCodeOf(vendor),
      // The call was accepted: only a rate limit says that trying again later may work.
      retryable: code === 'RATE_LIMITED',
    },
  );
}
