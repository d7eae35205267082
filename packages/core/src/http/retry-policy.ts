/**
 * When to retry an HTTP call, and how long to wait. Kept pure (no I/O) so the
 * rules that decide whether an image gets paid for twice are easy to test.
 */

/** What kind of call this is; decides which failures may be retried. */
export type RequestKind =
  /** Creates billable work: retried only when the vendor provably did not take it. */
  | 'billable'
  /** Reads state (polls, downloads, uploads of reference files): safe to repeat. */
  | 'idempotent';

/** Connection-level failure codes meaning the request never reached the vendor. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** Network failures worth retrying on an idempotent call. */
const TRANSIENT_CODES = new Set([
  ...NOT_SENT_CODES,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  // The answer broke off mid-body (see IncompleteBodyError): a read can simply be asked again.
  'IMAGEGATE_BODY_INCOMPLETE',
]);

/** Find a Node-style error code on an error or its causes (fetch wraps them). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a response status may be retried for this kind of call. */
export function isRetryableStatus(status: number, kind: RequestKind): boolean {
  // 429 means the vendor refused the job before doing any work.
  if (status === 429) return true;
  if (kind === 'billable') return false;
  return status === 408 || status >= 500;
}

/** Whether a failure without a response may be retried for this kind of call. */
export function isRetryableNetworkError(error: unknown, kind: RequestKind): boolean {
  const code = networkErrorCode(error);
  if (!code) return false;
  return kind === 'billable' ? NOT_SENT_CODES.has(code) : TRANSIENT_CODES.has(code);
}

/**
 * Parse `Retry-After` (seconds or an HTTP date) or `retry-after-ms` into
 * milliseconds; undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Record<string, string>, now: number): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * No request is repeated sooner than this after the last one, whatever a
 * `Retry-After` of 0 (or a date in the past) or the jitter says: polls and
 * the client's own retries alike.
 */
export const MIN_REPEAT_DELAY_MS = 250;

/** Backoff settings. */
export interface BackoffOptions {
  /** First backoff ceiling. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff. Default 20 s. */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one ends retrying. Default 60 s. */
  maxRetryAfterMs?: number;
}

/**
 * Delay before retry number `attempt` (0-based): the server's `Retry-After`
 * when given, otherwise exponential backoff with full jitter (AWS style) above
 * the floor, so many clients hit by the same outage do not retry in lockstep.
 * Never under {@link MIN_REPEAT_DELAY_MS}; always a whole number of ms.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs))
    return Math.round(Math.max(MIN_REPEAT_DELAY_MS, retryAfterMs));
  const base = options.baseDelayMs ?? 500;
  const cap = Math.max(MIN_REPEAT_DELAY_MS, options.maxDelayMs ?? 20_000);
  const ceiling = Math.max(MIN_REPEAT_DELAY_MS, Math.min(cap, base * 2 ** attempt));
  return MIN_REPEAT_DELAY_MS + Math.floor(random() * (ceiling - MIN_REPEAT_DELAY_MS));
}
