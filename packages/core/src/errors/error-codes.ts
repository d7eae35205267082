/** The closed set of failure kinds every provider maps its vendor's errors into. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNSUPPORTED',
  'AUTHENTICATION',
  'PERMISSION',
  'INSUFFICIENT_QUOTA',
  'RATE_LIMITED',
  'CONTENT_POLICY',
  'PROVIDER_ERROR',
  'BAD_RESPONSE',
  'TASK_FAILED',
  'TIMEOUT',
  'ABORTED',
  'NETWORK',
  /** The caller's `saveImage` could not keep a downloaded image (its own storage failed, not the vendor). */
  'STORAGE',
] as const;

export type ImageGateErrorCode = (typeof ERROR_CODES)[number];

/** Codes that a caller may reasonably retry later (the same request can succeed). */
export const RETRYABLE_CODES: ReadonlySet<ImageGateErrorCode> = new Set([
  'RATE_LIMITED',
  'PROVIDER_ERROR',
  'TIMEOUT',
  'NETWORK',
]);
