import { abortableSleep } from '#platform/sleep';
import { ImageGateError, toImageGateError } from '../errors/image-gate-error.js';
import { scrubText } from '../errors/redact.js';
import { isAbortError } from '../spec/abort.js';
import type { ProviderCallContext, RetryEvent, SleepFunction } from '../spec/call-context.js';
import type { TaskHandle } from '../spec/task-handle.js';
import { MAX_TIMER_MS } from './check-run-options.js';
import type { ProgressEvent, RunOptions } from './options.js';
import { NO_TRACE, type CallTrace } from './trace-call.js';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The error with the task handle on it (the one it has, if any, wins). */
function withTask(error: ImageGateError, task: TaskHandle | undefined): ImageGateError {
  return task && !error.task ? error.with({ task, taskId: task.taskId }) : error;
}

/**
 * One engine call's shared state: the caller's signal joined with the overall
 * deadline, the host clock and sleep, and the warnings collected on the way.
 */
export class RunContext {
  readonly startedAt: number;
  readonly deadline: number;
  readonly warnings: string[] = [];
  readonly now: () => number;
  /** The caller's signal joined with the deadline's (see {@link extendDeadline}). */
  signal: AbortSignal;
  private deadlineSignal: AbortSignal | undefined;
  private readonly normalised = new WeakSet<ImageGateError>();

  constructor(
    readonly options: RunOptions,
    readonly provider: string,
    readonly model: string,
    /** The call's trace (`RunOptions.telemetry`); its own troubles become this run's warnings. */
    readonly trace: CallTrace = NO_TRACE,
  ) {
    trace.bind((message) => this.warn(message));
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.deadline = this.startedAt + timeoutMs;
    // The wall-clock deadline only applies with the real clock (it also cuts a
    // request that hangs); with an injected clock the deadline is enforced
    // between polls by `remainingMs`.
    // AbortSignal.timeout keeps no timer alive (and needs no timer global).
    if (!options.now) this.deadlineSignal = AbortSignal.timeout(timeoutMs);
    this.signal = this.joinedSignal();
  }

  /** The caller's signal joined with the wall-clock deadline's. */
  private joinedSignal(): AbortSignal {
    const signals = [this.options.signal, this.deadlineSignal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length === 0
      ? new AbortController().signal
      : signals.length === 1
        ? signals[0]!
        : AbortSignal.any(signals);
  }

  /**
   * Let work that starts before the deadline (the last poll, collecting what
   * it found) run until `ms` after it before the wall clock cuts it. The
   * deadline itself (`remainingMs`) does not move: nothing new starts after
   * it. Contexts taken from {@link providerContext} after this see the later cut.
   */
  extendDeadline(ms: number): void {
    if (!this.deadlineSignal || this.deadlineSignal.aborted) return;
    this.deadlineSignal = AbortSignal.timeout(Math.min(MAX_TIMER_MS, Math.max(0, this.deadline + ms - this.now())));
    this.signal = this.joinedSignal();
  }

  /** The context handed to provider calls. */
  providerContext(): ProviderCallContext {
    return {
      signal: this.signal,
      sleep: this.sleep,
      now: this.now,
      maxRetries: this.options.maxRetries ?? 2,
      warn: (message) => this.warn(message),
      onRetry: this.trace === NO_TRACE ? this.options.onRetry && this.onRetry : this.onRetry,
      ...(this.options.headers ? { headers: this.options.headers } : {}),
      ...(this.options.onResponse
        ? { onResponse: (response) => this.notify(() => this.options.onResponse!(response), 'onResponse') }
        : {}),
    };
  }

  /** A retry of the HTTP client: traced, and told to the caller's `onRetry`. */
  private readonly onRetry = (event: RetryEvent): void => {
    this.trace.retry(event);
    const onRetry = this.options.onRetry;
    if (onRetry) this.notify(() => onRetry(event), 'onRetry');
  };

  warn(message: string): void {
    // Warnings carry vendor text too, and end up in logs and workflow items.
    const clean = scrubText(message);
    if (!this.warnings.includes(clean)) this.warnings.push(clean);
  }

  /** Call a caller's callback; one that throws must not cost a paid task, so it becomes a warning. */
  private notify(callback: () => void, name: string): void {
    try {
      callback();
    } catch (error) {
      this.warn(`${name} threw and was ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Every wait of the run, in whole ms (rounded down): a host clock with fractions (or one near 1.7e12, where sums
   * of fractions drift) must not make the waits add up to a hair past the deadline.
   */
  private readonly sleep: SleepFunction = (ms, signal) =>
    (this.options.sleep ?? abortableSleep)(Math.max(0, Math.floor(ms)), signal);

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  /** Whole ms left before the deadline (rounded down: under 1 ms left is none). */
  remainingMs(): number {
    return Math.floor(this.deadline - this.now());
  }

  progress(event: Omit<ProgressEvent, 'elapsedMs'>): void {
    this.trace.progress(event);
    const onProgress = this.options.onProgress;
    if (onProgress) this.notify(() => onProgress({ ...event, elapsedMs: this.elapsedMs() }), 'onProgress');
  }

  /**
   * A TIMEOUT error that carries the task, so the caller can resume it. When
   * the deadline cut a billable submit (`cause.maybeBilled`), it says so.
   */
  timeoutError(task?: TaskHandle, cause?: unknown): ImageGateError {
    const waited = Math.round(this.elapsedMs() / 1000);
    const resume = task ? ` Task ${task.taskId} may still finish: resume it with waitForTask.` : '';
    const inFlight = ImageGateError.is(cause) && cause.maybeBilled ? cause : undefined;
    const submit = inFlight ? ` ${inFlight.message}` : '';
    const lastFailure =
      ImageGateError.is(cause) && !inFlight && cause.code !== 'TIMEOUT' && cause.code !== 'ABORTED'
        ? ` The last poll failed: ${cause.message}`
        : '';
    return this.mark(
      new ImageGateError(
        'TIMEOUT',
        `Gave up after ${waited} s (timeoutMs ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS}).` +
          `${resume}${submit}${lastFailure}`,
        {
          provider: this.provider,
          model: this.model,
          taskId: task?.taskId,
          task,
          maybeBilled: inFlight ? true : undefined,
          // With a task, retrying the call would submit (and pay) again: resume the task instead.
          retryable: inFlight || task ? false : undefined,
          cause,
        },
      ),
    );
  }

  /**
   * Normalise any failure: the caller's abort is ABORTED, the deadline is
   * TIMEOUT, anything else an ImageGateError; each carries `task` when one
   * was submitted, so no paid task is lost with the error.
   */
  fail(error: unknown, task?: TaskHandle): ImageGateError {
    // An error this run already normalised (a fanned-out call's) stays as it is.
    if (ImageGateError.is(error) && this.normalised.has(error)) return this.mark(withTask(error, task));
    // Only an interruption becomes ABORTED or TIMEOUT: a 401 that came before the deadline stays a 401.
    if (this.signal.aborted && this.interrupted(error)) {
      if (this.options.signal?.aborted) {
        // Already an abort, or a submit cut short in flight: keep what it says.
        if (ImageGateError.is(error) && error.code === 'ABORTED') return this.mark(withTask(error, task));
        if (ImageGateError.is(error) && error.maybeBilled)
          return this.mark(withTask(error.with({ code: 'ABORTED' }), task));
        return this.mark(
          new ImageGateError('ABORTED', 'The operation was aborted.', {
            provider: this.provider,
            model: this.model,
            taskId: task?.taskId,
            task,
            cause: error,
          }),
        );
      }
      if (this.deadlineSignal?.aborted) return this.timeoutError(task, error);
    }
    return this.mark(withTask(toImageGateError(error, { provider: this.provider, model: this.model }), task));
  }

  /**
   * An error after a successful submit: the job is paid for, so the same call
   * is not to be tried again (collect the task instead); without a task to
   * collect, the error says the job may be billed. Kept as this run's own, so
   * a later normalisation (the deadline passing meanwhile) does not undo it.
   */
  paidFor(error: ImageGateError, task: TaskHandle | undefined): ImageGateError {
    if (!error.retryable && (task || error.task || error.maybeBilled)) return this.mark(error);
    return this.mark(error.with({ retryable: false, ...(task || error.task ? {} : { maybeBilled: true }) }));
  }

  /** True for what a fired signal throws: its reason, an AbortError, a TimeoutError, ABORTED or TIMEOUT. */
  private interrupted(error: unknown): boolean {
    if (error === this.signal.reason || isAbortError(error)) return true;
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return true;
    return ImageGateError.is(error) && (error.code === 'ABORTED' || error.code === 'TIMEOUT');
  }

  private mark(error: ImageGateError): ImageGateError {
    this.normalised.add(error);
    return error;
  }

  /**
   * Settle with `promise`, or reject as soon as the signal fires, even if the
   * provider ignores the signal: a caller's abort is never left waiting.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    // The promise may still reject after we stopped waiting for it: never an unhandled rejection.
    promise.catch(() => undefined);
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
