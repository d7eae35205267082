/**
 * OpenTelemetry traces of the engine's calls (`RunOptions.telemetry`): one
 * span per public call, its request and outcome as attributes, and events
 * for the submit, each poll, each download and each retry.
 *
 * Without `telemetry` nothing here touches OpenTelemetry: the call gets
 * {@link NO_TRACE}, whose methods do nothing, and `@opentelemetry/api` is
 * never imported. Everything put on a span is scrubbed of registered
 * secrets, like every message core writes; the prompt only goes on with
 * `recordPrompt`. A tracer or span that throws is told in a warning and
 * never fails the call (it may have paid for a task by then).
 */
import { loadTracer } from '#platform/open-telemetry';
import { ImageGateError } from '../errors/image-gate-error.js';
import { scrubText } from '../errors/redact.js';
import type { RetryEvent } from '../spec/call-context.js';
import type { ImageRequest } from '../spec/image-request.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryOptions,
  TelemetrySpan,
  TelemetryTracer,
} from '../spec/telemetry.js';
import type { Usage } from '../spec/vendor-image.js';
import type { ProgressEvent, RunOptions } from './options.js';

/** OpenTelemetry's `SpanKind.CLIENT` and `SpanStatusCode.ERROR`, by value: core does not import the API. */
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/** Requests a traced call counts: each is one `imagegate.attempts`, retries come on top. */
export type TracedRequest = 'submit' | 'poll' | 'download' | 'cancel';

/** What the engine tells the trace of a call; every method is a no-op when the call is not traced. */
export interface CallTrace {
  /** Where the trace's own troubles go (the run's warnings), once there is a run. */
  bind(warn: (message: string) => void): void;
  /** What the call is about: the request as validated (generate, submit), or the task (wait, status, cancel). */
  request(provider: string, model: string, about: ImageRequest | TaskHandle): void;
  /** A request about to be sent. */
  sent(kind: TracedRequest): void;
  /** A progress report: the submit's, or a poll's. */
  progress(event: Omit<ProgressEvent, 'elapsedMs'>): void;
  retry(event: RetryEvent): void;
  /** A result image fetched from its URL. */
  downloaded(bytes: number, mimeType: string): void;
}

/** The trace of a call without `telemetry`. */
export const NO_TRACE: CallTrace = {
  bind() {},
  request() {},
  sent() {},
  progress() {},
  retry() {},
  downloaded() {},
};

/**
 * Run one public call, `imagegate.<entry>`, traced when `options.telemetry`
 * asks for it. `options` must already be checked (`checkRunOptions`). Without
 * a tracer of the caller's and without `@opentelemetry/api` installed, the
 * call fails before any request: INVALID_REQUEST naming `telemetry`.
 */
export function traced<T>(
  options: Pick<RunOptions, 'telemetry'>,
  entry: string,
  body: (trace: CallTrace) => Promise<T>,
): Promise<T> {
  // Not async itself: an untraced call pays for no extra promise.
  const telemetry = options.telemetry;
  return telemetry === undefined ? body(NO_TRACE) : tracedCall(telemetry, entry, body);
}

async function tracedCall<T>(
  telemetry: TelemetryOptions,
  entry: string,
  body: (trace: CallTrace) => Promise<T>,
): Promise<T> {
  const tracer = telemetry.tracer ?? (await loadTracer());
  if (!tracer) {
    throw new ImageGateError(
      'INVALID_REQUEST',
      `${entry} was asked for traces ("telemetry") but @opentelemetry/api is not installed: ` +
        'install it, or pass your tracer as telemetry.tracer.',
      { field: 'telemetry', retryable: false },
    );
  }
  return new SpanTrace(telemetry.recordPrompt === true).run(tracer, `imagegate.${entry}`, body);
}

/** The trace of one call, on one span. */
class SpanTrace implements CallTrace {
  private span: TelemetrySpan | undefined;
  private warn: ((message: string) => void) | undefined;
  private readonly pending: string[] = [];
  private readonly taskIds = new Set<string>();
  private readonly counts = { attempts: 0, polls: 0, retries: 0 };

  constructor(private readonly recordPrompt: boolean) {}

  run<T>(tracer: TelemetryTracer, name: string, body: (trace: CallTrace) => Promise<T>): Promise<T> {
    const options = { kind: SPAN_KIND_CLIENT, attributes: { 'gen_ai.output.type': 'image' } };
    // The body runs once, whatever the tracer does: a span started twice, or never, must not submit twice.
    let running: Promise<T> | undefined;
    const start = (span?: TelemetrySpan) => (running ??= this.execute(span, body));
    const active = typeof tracer.startActiveSpan === 'function';
    this.guard(active ? 'startActiveSpan' : 'startSpan', () => {
      if (active) tracer.startActiveSpan!(name, options, start);
      else start(tracer.startSpan(name, options));
    });
    return start();
  }

  private async execute<T>(span: TelemetrySpan | undefined, body: (trace: CallTrace) => Promise<T>): Promise<T> {
    this.span = span;
    try {
      const result = await body(this);
      this.succeeded(result);
      return result;
    } catch (error) {
      this.failed(error);
      throw error;
    } finally {
      this.onSpan('end', (s) => s.end());
    }
  }

  bind(warn: (message: string) => void): void {
    this.warn = warn;
    this.pending.splice(0).forEach(warn);
  }

  request(provider: string, model: string, about: ImageRequest | TaskHandle): void {
    const attributes: TelemetryAttributes = {
      'imagegate.provider': provider,
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'imagegate.model': model,
      'gen_ai.request.model': model,
    };
    if ('taskId' in about) this.taskIds.add(about.taskId);
    else {
      const request = about;
      attributes['gen_ai.operation.name'] = 'generate_content';
      attributes['imagegate.n'] = request.n ?? 1;
      if (request.size !== undefined) attributes['imagegate.size'] = request.size;
      if (request.resolution !== undefined) attributes['imagegate.resolution'] = request.resolution;
      if (request.images?.length) attributes['imagegate.input_images'] = request.images.length;
      if (this.recordPrompt) attributes['imagegate.prompt'] = request.prompt;
    }
    this.set(attributes);
  }

  sent(kind: TracedRequest): void {
    this.counts.attempts++;
    if (kind === 'poll') this.counts.polls++;
  }

  progress(event: Omit<ProgressEvent, 'elapsedMs'>): void {
    if (event.taskId !== undefined) this.taskIds.add(event.taskId);
    const task: TelemetryAttributes = event.taskId !== undefined ? { 'imagegate.task_id': event.taskId } : {};
    if (event.state === 'submitted') return this.event('imagegate.submit', task);
    const poll: TelemetryAttributes = { ...task, 'imagegate.state': event.state, 'imagegate.attempt': event.attempt };
    if (event.progress !== undefined) poll['imagegate.progress'] = event.progress;
    this.event('imagegate.poll', poll);
  }

  retry(event: RetryEvent): void {
    this.counts.retries++;
    this.counts.attempts++;
    this.event('imagegate.retry', {
      'imagegate.attempt': event.attempt,
      'imagegate.delay_ms': event.delayMs,
      'imagegate.reason': event.reason,
      'http.request.method': event.method,
      'url.full': event.url,
    });
  }

  downloaded(bytes: number, mimeType: string): void {
    this.event('imagegate.download', { 'imagegate.bytes': bytes, 'imagegate.mime_type': mimeType });
  }

  /** A result's images, bytes, tasks, usage and cost (the shapes of every engine result, read loosely). */
  private succeeded(result: unknown): void {
    const r = (result ?? {}) as {
      images?: Array<{ data?: Uint8Array; byteLength?: number }>;
      tasks?: TaskHandle[];
      usage?: Usage;
      cost?: { amount: number; currency: string; basis: string };
      warnings?: string[];
      state?: string;
    };
    r.tasks?.forEach((task) => this.taskIds.add(task.taskId));
    const attributes: TelemetryAttributes = this.totals();
    if (r.images) {
      attributes['imagegate.images'] = r.images.length;
      attributes['imagegate.bytes'] = r.images.reduce(
        (sum, image) => sum + (image.data?.byteLength ?? image.byteLength ?? 0),
        0,
      );
    }
    if (typeof r.state === 'string') attributes['imagegate.state'] = r.state;
    if (r.warnings) attributes['imagegate.warnings'] = r.warnings.length;
    if (r.usage?.inputTokens !== undefined) attributes['gen_ai.usage.input_tokens'] = r.usage.inputTokens;
    if (r.usage?.outputTokens !== undefined) attributes['gen_ai.usage.output_tokens'] = r.usage.outputTokens;
    if (r.cost) {
      attributes['imagegate.cost.amount'] = r.cost.amount;
      attributes['imagegate.cost.currency'] = r.cost.currency;
      attributes['imagegate.cost.basis'] = r.cost.basis;
    }
    this.set(attributes);
  }

  /** The error's code and message (core's, already redacted; scrubbed again) and every task it names. */
  private failed(error: unknown): void {
    const known = ImageGateError.is(error);
    if (known) {
      if (error.task) this.taskIds.add(error.task.taskId);
      else if (error.taskId) this.taskIds.add(error.taskId);
      error.tasks?.forEach((task) => this.taskIds.add(task.taskId));
    }
    const code = known ? error.code : 'UNKNOWN';
    const message = scrubText(error instanceof Error ? error.message : String(error));
    this.set({ ...this.totals(), 'error.type': code, 'imagegate.error.code': code });
    this.onSpan('recordException', (s) =>
      s.recordException({
        name: known ? 'ImageGateError' : error instanceof Error ? error.name : 'Error',
        message,
        code,
        ...(error instanceof Error && error.stack ? { stack: scrubText(error.stack) } : {}),
      }),
    );
    this.onSpan('setStatus', (s) => s.setStatus({ code: STATUS_ERROR, message: `${code}: ${message}` }));
  }

  private totals(): TelemetryAttributes {
    return {
      'imagegate.attempts': this.counts.attempts,
      'imagegate.polls': this.counts.polls,
      'imagegate.retries': this.counts.retries,
      'imagegate.task_ids': [...this.taskIds],
    };
  }

  private set(attributes: TelemetryAttributes): void {
    this.onSpan('setAttributes', (s) => s.setAttributes(scrubbed(attributes)));
  }

  private event(name: string, attributes: TelemetryAttributes): void {
    this.onSpan('addEvent', (s) => s.addEvent(name, scrubbed(attributes)));
  }

  private onSpan(method: string, call: (span: TelemetrySpan) => void): void {
    const span = this.span;
    if (span) this.guard(method, () => call(span));
  }

  /** Run a call into the caller's tracer; one that throws becomes a warning. */
  private guard(method: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      const message = `telemetry: the tracer's ${method} threw and was ignored: ${
        error instanceof Error ? error.message : String(error)
      }`;
      if (this.warn) this.warn(message);
      else this.pending.push(message);
    }
  }
}

/** Attributes with every string scrubbed of secrets: nothing on a span may carry a key. */
function scrubbed(attributes: TelemetryAttributes): TelemetryAttributes {
  const out: TelemetryAttributes = {};
  for (const [name, value] of Object.entries(attributes)) out[name] = scrubValue(value);
  return out;
}

function scrubValue(value: TelemetryAttributeValue): TelemetryAttributeValue {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value) && value.some((v) => typeof v === 'string'))
    return (value as string[]).map((v) => scrubText(v));
  return value;
}
