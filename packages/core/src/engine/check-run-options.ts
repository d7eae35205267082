import { ImageGateError } from '../errors/image-gate-error.js';
import { typeName } from '../errors/describe-value.js';
import { isCredentialHeader } from '../errors/redact.js';
import { priceProblem } from '../spec/price.js';
import type { RunOptions } from './options.js';

/** The longest delay a timer can take (Node fires a longer one at once). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

type NumberRule = { min: number; max: number; integer?: boolean; what: string };

const RUN_NUMBERS: Partial<Record<keyof RunOptions, NumberRule>> = {
  timeoutMs: { min: 1, max: MAX_TIMER_MS, what: 'milliseconds' },
  maxRetries: { min: 0, max: 10, integer: true, what: 'retries' },
  concurrency: { min: 1, max: 64, integer: true, what: 'calls' },
  maxDownloadBytes: { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, what: 'bytes' },
  maxCost: { min: 0, max: Number.MAX_SAFE_INTEGER, what: "in the price's currency" },
};

const POLL_NUMBERS: Record<string, NumberRule> = {
  initialDelayMs: { min: 0, max: MAX_TIMER_MS, what: 'milliseconds' },
  intervalMs: { min: 0, max: MAX_TIMER_MS, what: 'milliseconds' },
  maxIntervalMs: { min: 0, max: MAX_TIMER_MS, what: 'milliseconds' },
  factor: { min: 1, max: 10, what: 'growth per poll' },
  jitterMs: { min: 0, max: 60_000, what: 'milliseconds' },
};

const FUNCTIONS = ['onProgress', 'onRetry', 'onResponse', 'sleep', 'now', 'transport', 'saveImage'] as const;
const BOOLEANS = ['download', 'allowPrivateNetworkDownloads', 'cancelOnAbort'] as const;

/**
 * Check the options every engine call takes, before any request: a wrong
 * number or type is INVALID_REQUEST naming the option and what is accepted,
 * never a timer's RangeError, a poll loop without pause or a cap turned off.
 *
 * @param entry - the public function, for the message
 */
export function checkRunOptions(
  options: unknown,
  entry: string,
): asserts options is RunOptions & { provider: unknown } {
  try {
    checkOptions(options, entry);
  } catch (error) {
    if (ImageGateError.is(error)) throw error;
    // A getter or a Proxy that throws: the options cannot be read, which is the caller's to fix.
    throw invalid(
      'options',
      `${entry} could not read its options (a field throws when read): ` +
        `${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function checkOptions(options: unknown, entry: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid('options', `${entry} takes one options object; got ${typeName(options)}.`);
  }
  const o = options as Record<string, unknown>;
  checkProvider(o.provider, entry);
  for (const [name, rule] of Object.entries(RUN_NUMBERS)) checkNumber(name, o[name], rule!);
  if (o.poll !== undefined) {
    if (typeof o.poll !== 'object' || o.poll === null || Array.isArray(o.poll))
      throw invalid('poll', `"poll" must be an object of poll timings; got ${typeName(o.poll)}.`);
    const poll = o.poll as Record<string, unknown>;
    for (const [name, rule] of Object.entries(POLL_NUMBERS)) checkNumber(`poll.${name}`, poll[name], rule);
  }
  for (const name of FUNCTIONS) {
    if (o[name] !== undefined && typeof o[name] !== 'function')
      throw invalid(name, `"${name}" must be a function; got ${typeName(o[name])}.`);
  }
  for (const name of BOOLEANS) {
    if (o[name] !== undefined && typeof o[name] !== 'boolean')
      throw invalid(name, `"${name}" must be true or false; got ${typeName(o[name])}.`);
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    throw invalid('signal', `"signal" must be an AbortSignal; got ${typeName(o.signal)}.`);
  if (o.headers !== undefined) checkHeaders(o.headers, o.provider as { credentialHeaders?: readonly string[] });
  if (o.prices !== undefined) checkPrices(o.prices);
  if (o.telemetry !== undefined) checkTelemetry(o.telemetry);
}

const TELEMETRY_FIELDS = new Set(['tracer', 'recordPrompt']);

/** `telemetry`: an object with an OpenTelemetry tracer (or none) and `recordPrompt`, and nothing else (a typo). */
function checkTelemetry(telemetry: unknown): void {
  if (typeof telemetry !== 'object' || telemetry === null || Array.isArray(telemetry))
    throw invalid(
      'telemetry',
      `"telemetry" must be an object ({ tracer?, recordPrompt? }), {} for the default tracer; ` +
        `got ${typeName(telemetry)}.`,
    );
  const t = telemetry as Record<string, unknown>;
  for (const name of Object.keys(t)) {
    if (!TELEMETRY_FIELDS.has(name))
      throw invalid(`telemetry.${name}`, `"telemetry.${name}" is not an option: telemetry takes tracer, recordPrompt.`);
  }
  const tracer = t.tracer as Record<string, unknown> | null | undefined;
  if (
    tracer !== undefined &&
    (typeof tracer !== 'object' ||
      tracer === null ||
      typeof tracer.startSpan !== 'function' ||
      (tracer.startActiveSpan !== undefined && typeof tracer.startActiveSpan !== 'function'))
  )
    throw invalid(
      'telemetry.tracer',
      `"telemetry.tracer" must be an OpenTelemetry tracer (with startSpan); got ${typeName(tracer)}.`,
    );
  if (t.recordPrompt !== undefined && typeof t.recordPrompt !== 'boolean')
    throw invalid(
      'telemetry.recordPrompt',
      `"telemetry.recordPrompt" must be true or false; got ${typeName(t.recordPrompt)}.`,
    );
}

/** Caller prices: an object of model ids to prices, each checked as a manifest's would be. */
function checkPrices(prices: unknown): void {
  if (typeof prices !== 'object' || prices === null || Array.isArray(prices))
    throw invalid('prices', `"prices" must be an object of model ids to prices; got ${typeName(prices)}.`);
  for (const [id, price] of Object.entries(prices)) {
    const problem = priceProblem(price, `prices.${id}`);
    if (problem) throw invalid(problem.field, `"${problem.field}" is wrong: ${problem.problem}.`);
  }
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Extra headers: names and values HTTP can carry, and none that carries the key (a key given per call would pass
 * around the provider's key rules and its redaction).
 */
function checkHeaders(headers: unknown, provider: { credentialHeaders?: readonly string[] }): void {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw invalid('headers', `"headers" must be an object of header names to strings; got ${typeName(headers)}.`);
  const own = new Set((provider.credentialHeaders ?? []).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    const field = `headers.${name}`;
    if (!HEADER_NAME.test(name)) throw invalid(field, `"${field}" is not an HTTP header name.`);
    if (typeof value !== 'string' || /[\r\n\0]/.test(value))
      throw invalid(field, `"${field}" must be a string on one line; got ${typeName(value)}.`);
    if (isCredentialHeader(name) || own.has(name.toLowerCase()))
      throw invalid(field, `"${field}" would carry a key: the key is the provider's apiKey setting, not a header.`);
  }
}

function checkProvider(provider: unknown, entry: string): void {
  const p = provider as Record<string, unknown> | null | undefined;
  const ok =
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    Array.isArray(p.models) &&
    Array.from(p.models as unknown[]).every(
      (m) => typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string',
    ) &&
    typeof p.submit === 'function' &&
    ['getTask', 'cancelTask', 'describeModel', 'validate', 'transport'].every(
      (name) => p[name] === undefined || typeof p[name] === 'function',
    );
  if (!ok)
    throw invalid(
      'provider',
      `${entry} needs "provider": an ImageGate provider such as createGptProto({ apiKey }); got ${typeName(provider)}.`,
    );
}

function checkNumber(field: string, value: unknown, rule: NumberRule): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer ? 'a whole number' : 'a number';
    throw invalid(
      field,
      `"${field}" must be ${kind} from ${rule.min} to ${rule.max} (${rule.what}); got ${typeName(value)}.`,
    );
  }
}

function invalid(field: string, message: string): ImageGateError {
  return new ImageGateError('INVALID_REQUEST', message, { field, retryable: false });
}
