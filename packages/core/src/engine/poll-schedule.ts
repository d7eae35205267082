import type { PollingHints } from '../manifest/model-spec.js';

/** Poll timing options; each falls back to the model's hints. */
export interface PollOptions {
  /** Delay before the first poll. */
  initialDelayMs?: number;
  /** Starting interval between polls. */
  intervalMs?: number;
  /** The interval grows by `factor` up to this. */
  maxIntervalMs?: number;
  /** Growth per poll. Default 1.25. */
  factor?: number;
}

const DEFAULTS = { initialDelayMs: 1000, intervalMs: 2000, factor: 1.25 };
/** A progress-based estimate never schedules a poll sooner than this. */
const MIN_ESTIMATE_DELAY_MS = 250;

/**
 * When to poll next. Polls at the model's interval while the task is within
 * its typical duration (the vendor's guidance, when the manifest gives one),
 * then grows geometrically toward a cap, so long tasks cost few requests.
 * When the vendor reports progress, it
 * estimates the completion time from the progress rate and polls just after
 * it instead (never later than the geometric schedule would). A server retry
 * hint always wins.
 */
export class PollSchedule {
  private readonly initialDelayMs: number;
  private readonly factor: number;
  private readonly maxIntervalMs: number;
  private interval: number;
  private first?: { at: number; progress: number };
  /** Growth starts once this time (host clock) has passed. */
  private readonly growFrom: number;

  /**
   * @param hints - the model's polling hints
   * @param options - the caller's overrides
   * @param startedAt - when the task was submitted (host clock); with the
   *   hints' typical duration it decides when the interval starts to grow
   */
  constructor(hints: PollingHints | undefined, options: PollOptions = {}, startedAt?: number) {
    this.initialDelayMs = options.initialDelayMs ?? hints?.initialDelayMs ?? DEFAULTS.initialDelayMs;
    this.interval = options.intervalMs ?? hints?.intervalMs ?? DEFAULTS.intervalMs;
    this.factor = Math.max(1, options.factor ?? DEFAULTS.factor);
    this.maxIntervalMs = Math.max(this.interval, options.maxIntervalMs ?? hints?.maxIntervalMs ?? this.interval * 4);
    const typicalMax = hints?.typicalDurationMs?.max;
    this.growFrom = startedAt !== undefined && typicalMax !== undefined ? startedAt + typicalMax : Number.NEGATIVE_INFINITY;
  }

  /** Delay before the first poll. */
  initialDelay(): number {
    return this.initialDelayMs;
  }

  /**
   * Delay before the next poll, given what the last one said.
   * @param now - the host clock, ms
   * @param progress - 0–100 when the vendor reports it
   * @param retryAfterMs - the server's own hint
   */
  nextDelay(now: number, progress?: number, retryAfterMs?: number): number {
    const geometric = this.interval;
    if (now >= this.growFrom) this.interval = Math.min(this.maxIntervalMs, this.interval * this.factor);
    if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs;
    const estimate = this.estimateRemaining(now, progress);
    if (estimate === undefined) return geometric;
    return Math.round(Math.min(geometric, Math.max(MIN_ESTIMATE_DELAY_MS, estimate)));
  }

  /** Time left by linear extrapolation from the first progress seen, plus a 10 % margin. */
  private estimateRemaining(now: number, progress: number | undefined): number | undefined {
    if (progress === undefined || !Number.isFinite(progress) || progress <= 0 || progress >= 100) return undefined;
    if (!this.first) {
      this.first = { at: now, progress };
      return undefined;
    }
    const gained = progress - this.first.progress;
    const elapsed = now - this.first.at;
    if (gained <= 0 || elapsed <= 0) return undefined;
    return ((100 - progress) / gained) * elapsed * 1.1;
  }
}
