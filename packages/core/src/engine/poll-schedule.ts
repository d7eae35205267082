import { ImageGateError } from '../errors/image-gate-error.js';
import { typeName } from '../errors/describe-value.js';
import { MIN_REPEAT_DELAY_MS } from '../http/retry-policy.js';
import type { PollingHints } from '../spec/model-spec.js';

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
  /**
   * Random extra up to this on every scheduled wait; the model's `jitterMs` otherwise, unless the caller sets its own
   * timings (0 turns it off).
   */
  jitterMs?: number;
}

const DEFAULTS = { initialDelayMs: 1000, intervalMs: 2000, factor: 1.25 };
/**
 * No poll follows another sooner than this, whatever the caller, the manifest,
 * a progress estimate or the vendor's own hint says: a hot loop is never the
 * answer. The same floor holds for every request the HTTP client repeats.
 */
export const MIN_POLL_DELAY_MS = MIN_REPEAT_DELAY_MS;
/** Longest pause after a failed poll (a vendor's Retry-After included). */
export const MAX_FAILURE_DELAY_MS = 60_000;
/**
 * Longest wait a vendor's hint (a status's `retryAfterMs`) can ask for: a
 * hint of years must not park a task (or a Check Once loop) for years.
 */
export const MAX_HINT_MS = 60_000;
/** How long the poll that starts near the deadline may run past it. */
export const FINAL_POLL_MS = 10_000;
/** How long the images of a task found finished by that poll may take to download, past the deadline. */
export const FINAL_COLLECT_MS = 60_000;

/** A vendor hint as a delay: finite, whole, between the floor and {@link MAX_HINT_MS}; undefined when there is none. */
function hintDelay(retryAfterMs: number | undefined): number | undefined {
  if (typeof retryAfterMs !== 'number' || Number.isNaN(retryAfterMs) || retryAfterMs < 0) return undefined;
  return Math.round(Math.min(MAX_HINT_MS, Math.max(MIN_POLL_DELAY_MS, retryAfterMs)));
}

/**
 * When to poll next. Polls at the model's interval while the task is within
 * its typical duration (the vendor's guidance, when the manifest gives one),
 * then grows geometrically toward a cap, so long tasks cost few requests.
 * When the vendor reports progress, it
 * estimates the completion time from the progress rate and polls just after
 * it instead (never later than the geometric schedule would). A server retry
 * hint always wins. Where the vendor asks for a floor between polls and for
 * random jitter (the manifest's `minIntervalMs` and `jitterMs`), every
 * scheduled wait keeps to both; a retry hint is honoured as given, never
 * under the floor. A caller's own `poll.intervalMs` or `poll.initialDelayMs`
 * replaces both (the vendor's guidance is the default, not a cage); only the
 * 250 ms floor always holds.
 */
export class PollSchedule {
  private readonly initialDelayMs: number;
  /** The vendor's floor between polls (never under {@link MIN_POLL_DELAY_MS}). */
  private readonly minIntervalMs: number;
  private readonly jitterMs: number;
  private readonly factor: number;
  private readonly maxIntervalMs: number;
  private interval: number;
  private first?: { at: number; progress: number };
  /** Polls that failed in a row (rate limits, network, 5xx). */
  private failures = 0;
  /** Growth starts once this time (host clock) has passed. */
  private readonly growFrom: number;

  /**
   * @param hints - the model's polling hints
   * @param options - the caller's overrides
   * @param startedAt - when the task was submitted (host clock); with the
   *   hints' typical duration it decides when the interval starts to grow
   */
  constructor(
    hints: PollingHints | undefined,
    options: PollOptions = {},
    startedAt?: number,
    private readonly random: () => number = Math.random,
  ) {
    this.initialDelayMs = Math.max(0, options.initialDelayMs ?? hints?.initialDelayMs ?? DEFAULTS.initialDelayMs);
    // A caller's own timings replace the vendor's floor and jitter (never the 250 ms floor): the vendor's guidance is
    // the default.
    const callerTimed = options.intervalMs !== undefined || options.initialDelayMs !== undefined;
    this.minIntervalMs = Math.max(MIN_POLL_DELAY_MS, callerTimed ? 0 : (hints?.minIntervalMs ?? 0));
    this.jitterMs = Math.max(0, options.jitterMs ?? (callerTimed ? 0 : (hints?.jitterMs ?? 0)));
    this.interval = Math.max(MIN_POLL_DELAY_MS, options.intervalMs ?? hints?.intervalMs ?? DEFAULTS.intervalMs);
    this.factor = Math.max(1, options.factor ?? DEFAULTS.factor);
    this.maxIntervalMs = Math.max(this.interval, options.maxIntervalMs ?? hints?.maxIntervalMs ?? this.interval * 4);
    const typicalMax = hints?.typicalDurationMs?.max;
    this.growFrom =
      startedAt !== undefined && typicalMax !== undefined ? startedAt + typicalMax : Number.NEGATIVE_INFINITY;
  }

  /** The shortest gap between two polls: the vendor's floor, never under {@link MIN_POLL_DELAY_MS}. */
  get minimumGap(): number {
    return this.minIntervalMs;
  }

  /** Delay before the first poll (with the vendor's jitter). */
  initialDelay(): number {
    return this.jittered(this.initialDelayMs);
  }

  /** A wait as the vendor asks for it: at least its floor, plus random jitter, whole ms. */
  private jittered(ms: number, floor = 0): number {
    return Math.round(Math.max(floor, ms) + this.random() * this.jitterMs);
  }

  /**
   * Delay before the next poll, given what the last one said.
   * @param now - the host clock, ms
   * @param progress - 0–100 when the vendor reports it
   * @param retryAfterMs - the server's own hint
   */
  nextDelay(now: number, progress?: number, retryAfterMs?: number): number {
    this.failures = 0;
    const geometric = this.interval;
    if (now >= this.growFrom) this.interval = Math.min(this.maxIntervalMs, this.interval * this.factor);
    const hinted = hintDelay(retryAfterMs);
    if (hinted !== undefined) return Math.max(this.minIntervalMs, hinted);
    const estimate = this.estimateRemaining(now, progress);
    if (estimate === undefined) return this.jittered(geometric, this.minIntervalMs);
    return this.jittered(Math.min(geometric, estimate), this.minIntervalMs);
  }

  /**
   * Delay after a poll that failed for a passing reason (rate limit, network,
   * 5xx): the interval doubled per failure in a row, or the vendor's
   * Retry-After when longer, at most {@link MAX_FAILURE_DELAY_MS}.
   */
  afterFailure(retryAfterMs?: number): number {
    this.failures++;
    const backoff = this.interval * 2 ** Math.min(this.failures - 1, 16);
    const hinted = hintDelay(retryAfterMs);
    // The vendor's own Retry-After is honoured as given; a backoff of ours gets the jitter.
    if (hinted !== undefined && hinted >= backoff)
      return Math.max(this.minIntervalMs, Math.min(MAX_FAILURE_DELAY_MS, hinted));
    return this.jittered(Math.min(MAX_FAILURE_DELAY_MS, backoff), this.minIntervalMs);
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

/** What one check of a task knows, for {@link nextCheckDelay}. */
export interface CheckMoment {
  /** When the task was submitted (its handle's `createdAt`), host clock ms. */
  createdAt: number;
  /** Now, host clock ms. */
  now: number;
  /** 0–100 when the vendor reports it. */
  progress?: number;
  /** The vendor's own hint. */
  retryAfterMs?: number;
}

/**
 * When to check a task again, from one check alone: for hosts that check once
 * and come back later (an n8n Wait node in a loop, a cron job), with no
 * schedule kept in between. The vendor's retry hint wins, capped at
 * {@link MAX_HINT_MS}; else, with progress, the time left extrapolated from
 * the progress made since submit (plus 10 %); before the model's typical
 * duration, its earliest finish; after it, a quarter of the time elapsed
 * (long tasks cost few checks), between the model's interval and its cap.
 * The vendor's floor (`minIntervalMs`) and jitter (`jitterMs`) apply as in
 * the engine's schedule. Always a whole number of ms, never under
 * {@link MIN_POLL_DELAY_MS}.
 *
 * @throws ImageGateError INVALID_REQUEST when `createdAt` or `now` is not a finite time
 */
export function nextCheckDelay(
  hints: PollingHints | undefined,
  moment: CheckMoment,
  random: () => number = Math.random,
): number {
  moment = readMoment(moment);
  const floor = Math.max(MIN_POLL_DELAY_MS, hints?.minIntervalMs ?? 0);
  const hinted = hintDelay(moment.retryAfterMs);
  if (hinted !== undefined) return Math.max(floor, hinted);
  const jittered = (ms: number) => Math.round(Math.max(floor, ms) + random() * (hints?.jitterMs ?? 0));
  const interval = Math.max(MIN_POLL_DELAY_MS, hints?.intervalMs ?? DEFAULTS.intervalMs);
  const cap = Math.max(interval, hints?.maxIntervalMs ?? interval * 4);
  const elapsed = Math.max(0, moment.now - moment.createdAt);
  const typical = hints?.typicalDurationMs;
  // The schedule without progress: wait for the earliest typical finish, then back off with age.
  const byAge =
    typical && elapsed < typical.min ? typical.min - elapsed : Math.min(cap, Math.max(interval, elapsed / 4));
  const { progress } = moment;
  if (typeof progress === 'number' && Number.isFinite(progress) && progress > 0 && progress < 100 && elapsed > 0) {
    const remaining = ((100 - progress) / progress) * elapsed * 1.1;
    return jittered(Math.min(byAge, remaining));
  }
  return jittered(byAge);
}

/** The moment's fields, each checked (read once: a getter or a Proxy that throws is a bad field, not a TypeError). */
function readMoment(moment: CheckMoment): CheckMoment {
  const read = (field: keyof CheckMoment): unknown => {
    try {
      return (moment as unknown as Record<string, unknown> | undefined)?.[field];
    } catch {
      throw new ImageGateError('INVALID_REQUEST', `nextCheckDelay could not read "${field}" (it throws when read).`, {
        field,
        retryable: false,
      });
    }
  };
  const out = {} as Record<keyof CheckMoment, unknown>;
  for (const field of ['createdAt', 'now'] as const) {
    const value = read(field);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ImageGateError(
        'INVALID_REQUEST',
        `nextCheckDelay needs "${field}" as a time in milliseconds; got ${typeName(value)}.`,
        { field, retryable: false },
      );
    }
    out[field] = value;
  }
  for (const field of ['progress', 'retryAfterMs'] as const) {
    const value = read(field);
    if (value !== undefined && typeof value !== 'number') {
      throw new ImageGateError(
        'INVALID_REQUEST',
        `nextCheckDelay takes "${field}" as a number; got ${typeName(value)}.`,
        { field, retryable: false },
      );
    }
    out[field] = value;
  }
  return out as unknown as CheckMoment;
}
