import { isAbortError } from '../spec/abort.js';
import type { TaskHandle } from '../spec/task-handle.js';
import { RETRYABLE_CODES, type ImageGateErrorCode } from './error-codes.js';
import { scrubText } from './redact.js';

const BRAND = Symbol.for('imagegate.error.v1');

/** What an {@link ImageGateError} can be told besides its code and message. */
export interface ImageGateErrorDetails {
  /** Whether the same call may succeed later; defaults by code. */
  retryable?: boolean;
  /** HTTP status of the vendor answer, when there was one. */
  status?: number;
  provider?: string;
  model?: string;
  taskId?: string;
  /** The task to resume with `waitForTask`: set on every error after a successful submit. */
  task?: TaskHandle;
  /**
   * Every task the failed call submitted, when it fanned out into more than
   * one (`n` above the model's per-call limit): none of them is lost.
   */
  tasks?: TaskHandle[];
  /** How long the vendor asked us to wait before trying again. */
  retryAfterMs?: number;
  /** The vendor's own message, verbatim (redacted). */
  vendorMessage?: string;
  /** The vendor's own error code or type, when it gave one. */
  vendorCode?: string;
  /** The request field at fault, for INVALID_REQUEST and UNSUPPORTED. */
  field?: string;
  /**
   * A billable submit may have reached the vendor, so a job may be running
   * (and billed) that this error carries no handle for. It was not resubmitted;
   * do not resubmit blindly either.
   */
  maybeBilled?: boolean;
  cause?: unknown;
}

/** The fields of an error that {@link ImageGateError.with} carries over. */
const DETAIL_KEYS = [
  'status',
  'provider',
  'model',
  'taskId',
  'task',
  'tasks',
  'retryAfterMs',
  'vendorMessage',
  'vendorCode',
  'field',
  'maybeBilled',
] as const;

/**
 * The one error type ImageGate throws. `code` comes from a closed set, so
 * callers can branch without parsing messages. API keys are redacted from the
 * message, the vendor message, the stack and the cause at construction.
 */
export class ImageGateError extends Error {
  override readonly name = 'ImageGateError';
  readonly code: ImageGateErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly provider?: string;
  readonly model?: string;
  readonly taskId?: string;
  readonly task?: TaskHandle;
  readonly tasks?: TaskHandle[];
  readonly retryAfterMs?: number;
  readonly vendorMessage?: string;
  readonly vendorCode?: string;
  readonly field?: string;
  readonly maybeBilled?: boolean;

  constructor(code: ImageGateErrorCode, message: string, details: ImageGateErrorDetails = {}) {
    super(scrubText(bounded(message)));
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.retryable = details.retryable ?? RETRYABLE_CODES.has(code);
    if (details.status !== undefined) this.status = details.status;
    if (details.provider !== undefined) this.provider = details.provider;
    if (details.model !== undefined) this.model = scrubText(details.model);
    // Ids come from the vendor: one that echoes the key must not carry it into logs.
    if (details.taskId !== undefined) this.taskId = scrubText(details.taskId);
    if (details.task !== undefined) this.task = scrubbedHandle(details.task);
    if (details.tasks !== undefined) this.tasks = details.tasks.map(scrubbedHandle);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.vendorMessage !== undefined) this.vendorMessage = scrubText(bounded(details.vendorMessage));
    if (details.vendorCode !== undefined) this.vendorCode = scrubText(bounded(details.vendorCode, 200));
    if (details.field !== undefined) this.field = details.field;
    if (details.maybeBilled) this.maybeBilled = true;
    if (details.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(details.cause),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    if (this.stack) this.stack = scrubText(this.stack);
  }

  /**
   * True for any ImageGateError, also one thrown by another copy of this
   * package (a bundled n8n node beside an installed provider).
   */
  static is(value: unknown): value is ImageGateError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * The same error with some details changed, every other field (and the
   * cause) kept: how core adds a task handle or a note without rebuilding it.
   * `retryable` is kept unless the code or `retryable` itself changes.
   */
  with(changes: ImageGateErrorDetails & { code?: ImageGateErrorCode; message?: string }): ImageGateError {
    const { code = this.code, message = this.message, ...details } = changes;
    const kept: ImageGateErrorDetails = {};
    for (const key of DETAIL_KEYS) if (this[key] !== undefined) (kept as Record<string, unknown>)[key] = this[key];
    const cause = (this as { cause?: unknown }).cause;
    return new ImageGateError(code, message, {
      ...kept,
      retryable: code === this.code ? this.retryable : undefined,
      cause,
      ...details,
    });
  }

  /** Plain JSON for logs and workflow items; never contains a secret. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    for (const key of DETAIL_KEYS) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    const cause = (this as { cause?: unknown }).cause;
    if (cause instanceof Error) json.cause = { name: cause.name, message: cause.message };
    return json;
  }
}

/**
 * Vendor text is cut to a length people read (and scrubbing stays cheap); a
 * key cut at the end leaves under 12 of its characters, which redaction
 * would otherwise catch.
 */
function bounded(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The handle with its text fields scrubbed; the same object when there was nothing to scrub. */
function scrubbedHandle(task: TaskHandle): TaskHandle {
  if (typeof task !== 'object' || task === null) return task;
  let copy: TaskHandle | undefined;
  for (const key of ['provider', 'taskId', 'model', 'pollUrl', 'cancelUrl'] as const) {
    const value = task[key];
    if (typeof value !== 'string') continue;
    const clean = scrubText(value);
    if (clean !== value) (copy ??= { ...task })[key] = clean;
  }
  return copy ?? task;
}

/**
 * Keep only a redacted name, message and stack of a cause: arbitrary objects
 * (a request with its headers, say) must not ride along into logs.
 */
function sanitizeCause(cause: unknown): Error {
  if (ImageGateError.is(cause)) return cause;
  const source = cause instanceof Error ? cause : new Error(String(cause));
  const copy = new Error(scrubText(bounded(source.message)));
  copy.name = source.name;
  copy.stack = source.stack ? scrubText(source.stack) : undefined;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
  return copy;
}

/**
 * Turn anything thrown into an ImageGateError: ImageGateErrors pass through,
 * abort reasons become ABORTED, anything else (a provider's bug) PROVIDER_ERROR.
 */
export function toImageGateError(error: unknown, context: { provider?: string; model?: string } = {}): ImageGateError {
  if (ImageGateError.is(error)) return error;
  if (isAbortError(error)) {
    return new ImageGateError('ABORTED', 'The operation was aborted.', { ...context, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ImageGateError('PROVIDER_ERROR', `Unexpected provider failure: ${message}`, {
    ...context,
    retryable: false,
    cause: error,
  });
}
