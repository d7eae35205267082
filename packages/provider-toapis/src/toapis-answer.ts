import { badAnswer } from './toapis-errors.js';

/** A parsed JSON answer as an object, or BAD_RESPONSE naming what was expected. */
export function asObject(answer: unknown, what: string, context: { provider: string; model?: string; taskId?: string }): Record<string, unknown> {
  if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) return answer as Record<string, unknown>;
  const got = answer === null ? 'null' : Array.isArray(answer) ? 'an array' : typeof answer;
  throw badAnswer(`answered ${what} with ${got} instead of a JSON object.`, context);
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);
}
