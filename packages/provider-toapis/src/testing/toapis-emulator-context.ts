import { type Exchange } from '@imagegate/testing/fakes';
import { randomBytes } from 'node:crypto';

/** ToAPIs' code word, error type and wording for each status it documents. */
const ERRORS: Record<number, [code: string, type: string, message: string]> = {
  400: ['invalid_request', 'invalid_request_error', 'Invalid request'],
  401: ['unauthorized', 'authentication_error', 'Invalid API key'],
  402: ['insufficient_quota', 'insufficient_quota', 'Insufficient account balance, please top up'],
  403: ['forbidden', 'permission_error', 'This API key may not use this resource'],
  404: ['not_found', 'not_found_error', 'Not found'],
  413: ['invalid_request', 'invalid_request_error', 'Request entity too large'],
  422: [
    'content_policy_violation',
    'content_policy_violation',
    'The request was rejected by the content safety system',
  ],
  429: ['rate_limit_exceeded', 'rate_limit_error', 'Rate limit exceeded, please retry later'],
  500: ['internal_error', 'server_error', 'Internal server error'],
  502: ['internal_error', 'server_error', 'Bad gateway'],
  503: ['internal_error', 'server_error', 'Service temporarily unavailable'],
};

/** ToAPIs' error body: `{"error":{"code","message","type"}}`. */
export function toApisErrorBody(
  status: number,
  message?: string,
  code?: string,
): { error: { code: string | number; message: string; type: string } } {
  const [word, type, wording] = ERRORS[status] ?? [
    String(status),
    status >= 500 ? 'server_error' : 'invalid_request_error',
    `HTTP ${status}`,
  ];
  return { error: { code: code ?? word, message: message ?? wording, type } };
}

/** Answer ToAPIs' error. */
export function replyError(exchange: Exchange, status: number, message?: string, code?: string): void {
  exchange.replyJson(status, toApisErrorBody(status, message, code));
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A file the emulator serves under `/files/<name>`: results and uploads. */
export type { EmulatedFile } from '@imagegate/testing/fakes';

/** A random id part, `a1b2…` (16 hex digits). */
export function randomId(): string {
  return randomBytes(8).toString('hex');
}
