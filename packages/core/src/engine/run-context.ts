import { ImageGateError, toImageGateError } from '../errors/image-gate-error.js';
import type { ProviderCallContext } from '../provider/image-provider.js';
import type { TaskHandle } from '../provider/task.js';
import type { ProgressEvent, RunOptions } from './options.js';
import { abortableSleep } from './sleep.js';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * One engine call's shared state: the caller's signal joined with the overall
 * deadline, the host clock and sleep, and the warnings collected on the way.
 */
export class RunContext {
  readonly startedAt: number;
  readonly deadline: number;
  readonly warnings: string[] = [];
  readonly now: () => number;
  readonly signal: AbortSignal;
  private readonly deadlineSignal: AbortSignal | undefined;

  constructor(
    readonly options: RunOptions,
    readonly provider: string,
    readonly model: string,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.deadline = this.startedAt + timeoutMs;
    // The wall-clock deadline only applies with the real clock (it also cuts a
    // request that hangs); with an injected clock the deadline is enforced
    // between polls by `remainingMs`. AbortSignal.timeout keeps no timer alive.
    if (!options.now) this.deadlineSignal = AbortSignal.timeout(timeoutMs);
    const signals = [options.signal, this.deadlineSignal].filter((s): s is AbortSignal => s !== undefined);
    this.signal = signals.length === 0 ? new AbortController().signal : signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
  }

  /** The context handed to provider calls. */
  providerContext(): ProviderCallContext {
    return {
      signal: this.signal,
      sleep: this.options.sleep ?? abortableSleep,
      now: this.now,
      maxRetries: this.options.maxRetries ?? 2,
      warn: (message) => this.warn(message),
      onRetry: this.options.onRetry,
    };
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  remainingMs(): number {
    return this.deadline - this.now();
  }

  progress(event: Omit<ProgressEvent, 'elapsedMs'>): void {
    this.options.onProgress?.({ ...event, elapsedMs: this.elapsedMs() });
  }

  /** A TIMEOUT error that carries the task, so the caller can resume it. */
  timeoutError(task?: TaskHandle): ImageGateError {
    const waited = Math.round(this.elapsedMs() / 1000);
    const resume = task ? ` Task ${task.taskId} may still finish: resume it with waitForTask.` : '';
    return new ImageGateError('TIMEOUT', `Gave up after ${waited} s (timeoutMs ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS}).${resume}`, {
      provider: this.provider,
      model: this.model,
      taskId: task?.taskId,
      task,
    });
  }

  /**
   * Normalise any failure: the caller's abort is ABORTED, the deadline is
   * TIMEOUT (with the task), anything else an ImageGateError.
   */
  fail(error: unknown, task?: TaskHandle): ImageGateError {
    if (this.options.signal?.aborted) {
      return new ImageGateError('ABORTED', 'The operation was aborted.', { provider: this.provider, model: this.model, taskId: task?.taskId, task, cause: error });
    }
    if (this.deadlineSignal?.aborted) return this.timeoutError(task);
    return toImageGateError(error, { provider: this.provider, model: this.model });
  }

  /**
   * Settle with `promise`, or reject as soon as the signal fires, even if the
   * provider ignores the signal: a caller's abort is never left waiting.
   */
  race<T>(promise: Promise<T>): Promise<T> {
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
