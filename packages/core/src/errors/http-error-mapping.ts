import type { HttpResponse } from '../spec/transport.js';
import type { ImageGateErrorCode } from './error-codes.js';
import { ImageGateError } from './image-gate-error.js';
import { scrubText } from './redact.js';

/** What a vendor error body says, whatever its shape. */
export interface VendorError {
  message?: string;
  code?: string;
  /** The request field the vendor blames (a FastAPI/pydantic `loc`, say), as the vendor names it. */
  field?: string;
}

/**
 * Read the vendor's message from the common error shapes:
 * `{error:{message,type|code}}`, `{error:"…"}`, `{message}`, `{fail_reason}`,
 * and FastAPI's `{detail:"…"}` or `{detail:[{loc,msg,type}]}` (pydantic's
 * validation errors: each field's message, the first field and type).
 * Never throws; a non-JSON body gives its first characters as the message.
 */
export function readVendorError(body: Uint8Array): VendorError {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Scrubbed before the cut (so a key echoed across it cannot leak in part), in a bounded window.
    const snippet = scrubText(text.slice(0, 4096).replace(/\s+/g, ' ').trim()).slice(0, 200);
    return snippet ? { message: snippet } : {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const root = json as Record<string, unknown>;
  const error = root.error;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    return { message: asText(e.message), code: asText(e.code) ?? asText(e.type) };
  }
  const detail = readDetail(root.detail);
  return {
    message: asText(root.message) ?? asText(root.fail_reason) ?? detail.message,
    code: asText(root.code) ?? detail.code,
    ...(detail.field !== undefined ? { field: detail.field } : {}),
  };
}

/** Validation errors read into one message at most. */
const MAX_DETAILS = 5;
/** Where a pydantic `loc` starts: the part of the request, not a field. */
const LOCATIONS = new Set(['body', 'query', 'path', 'header', 'cookie']);

/** FastAPI's `detail`: a message, an object with one, or pydantic's list of `{loc, msg, type}`. */
function readDetail(detail: unknown): VendorError {
  if (typeof detail === 'string') return detail ? { message: detail } : {};
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) {
    const d = detail as Record<string, unknown>;
    return { message: asText(d.message) ?? asText(d.msg) ?? asText(d.error), code: asText(d.code) ?? asText(d.type) };
  }
  if (!Array.isArray(detail)) return {};
  const items = detail.slice(0, MAX_DETAILS).flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const i = item as Record<string, unknown>;
    const msg = asText(i.msg) ?? asText(i.message);
    return msg ? [{ field: fieldOf(i.loc), msg, type: asText(i.type) }] : [];
  });
  if (items.length === 0) return {};
  const more = detail.length > MAX_DETAILS ? ` (and ${detail.length - MAX_DETAILS} more)` : '';
  return {
    message: items.map((i) => (i.field ? `${i.field}: ${i.msg}` : i.msg)).join('; ') + more,
    code: items[0]!.type,
    field: items.find((i) => i.field)?.field,
  };
}

/** `["body", "input", "width"]` → `input.width`; `["body", "images", 0]` → `images[0]`. */
function fieldOf(loc: unknown): string | undefined {
  if (!Array.isArray(loc)) return asText(loc);
  const parts = loc.filter((p) => typeof p === 'string' || typeof p === 'number') as Array<string | number>;
  const start = typeof parts[0] === 'string' && LOCATIONS.has(parts[0]) ? 1 : 0;
  const path = parts
    .slice(start, start + 8)
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  return path || undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The usual meaning of an HTTP status. */
export function codeForStatus(status: number): ImageGateErrorCode {
  if (status === 401) return 'AUTHENTICATION';
  if (status === 402) return 'INSUFFICIENT_QUOTA';
  if (status === 403) return 'PERMISSION';
  if (status === 408) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'PROVIDER_ERROR';
  return 'INVALID_REQUEST';
}

/** Context a mapper gets besides the response. */
export interface ErrorMappingContext {
  provider: string;
  model?: string;
  taskId?: string;
  retryAfterMs?: number;
}

/** Turns a non-2xx response into an ImageGateError. Providers supply their own. */
export type ErrorMapper = (response: HttpResponse, context: ErrorMappingContext) => ImageGateError;

/** Words vendors use when they refuse a prompt or image on safety grounds. */
export const CONTENT_POLICY_PATTERN =
  /content[ _-]?(policy|filter)|safety|moderation|unsafe|prohibited|inappropriate|nsfw|sensitive content|violat/i;
const QUOTA = /quota|balance|insufficient|credit|billing|payment|余额/i;

/**
 * The default mapping by status and message. Vendors with their own rules wrap
 * it (see the provider packages).
 */
export function mapHttpError(response: HttpResponse, context: ErrorMappingContext): ImageGateError {
  const vendor = readVendorError(response.body);
  let code = codeForStatus(response.status);
  const text = `${vendor.message ?? ''} ${vendor.code ?? ''}`;
  if ((code === 'PERMISSION' || code === 'RATE_LIMITED') && QUOTA.test(text)) code = 'INSUFFICIENT_QUOTA';
  if ((code === 'INVALID_REQUEST' || code === 'PROVIDER_ERROR') && CONTENT_POLICY_PATTERN.test(text))
    code = 'CONTENT_POLICY';
  return new ImageGateError(code, describe(code, response.status, context.provider, vendor.message), {
    status: response.status,
    provider: context.provider,
    model: context.model,
    taskId: context.taskId,
    retryAfterMs: context.retryAfterMs,
    vendorMessage: vendor.message,
    vendorCode: vendor.code,
    ...(vendor.field !== undefined ? { field: vendor.field } : {}),
  });
}

const ADVICE: Partial<Record<ImageGateErrorCode, string>> = {
  AUTHENTICATION: 'Check the API key.',
  PERMISSION: 'The key is not allowed to use this model or endpoint.',
  INSUFFICIENT_QUOTA: 'Top up the account balance or raise the quota.',
  RATE_LIMITED: 'Lower the request rate or retry later.',
  CONTENT_POLICY: 'The vendor refused the prompt or image on safety grounds; change the prompt.',
  PROVIDER_ERROR: 'The vendor failed; retry later.',
};

/** A message that says what happened, what the vendor said, and what to do. */
export function describe(
  code: ImageGateErrorCode,
  status: number,
  provider: string,
  vendorMessage: string | undefined,
): string {
  const said = vendorMessage ? `: ${vendorMessage}` : '';
  const advice = ADVICE[code] ? ` ${ADVICE[code]}` : '';
  return `${provider} answered HTTP ${status} (${code})${said}.${advice}`;
}
