import { delay, type Exchange } from './emulator-http.js';

/**
 * Faults an emulator plays instead of (or on top of) its normal answer:
 * scripted in code (`emulator.script(fault)`), or named by a marker in the
 * prompt (`[fault:429-once]`) so a workflow can trigger them without code.
 */

/** A fault to play on requests. */
export interface EmulatorFault {
  /** Answer this HTTP status with the vendor's error body for it. */
  status?: number;
  /** The message in that error body (default: the vendor's wording for the status). */
  message?: string;
  /** Answer this body instead of the vendor's error body (with `status`, or 200 without). */
  body?: unknown;
  /** Seconds, sent as `Retry-After` (fractions allowed: `0.05`). */
  retryAfter?: number;
  /** Answer only after this many ms; alone, the normal answer comes late. */
  delayMs?: number;
  /** Answer normally but cut the JSON body in half (a stream ends before its completed event). */
  truncate?: boolean;
  /** How many matching requests it applies to. Default 1; `Infinity` for every one. */
  times?: number;
  /** Only requests to this exact path, or whose path matches this pattern. Default: any request. */
  path?: string | RegExp;
  /** Only requests with this method (`POST`, `GET`). Default: any. */
  method?: string;
}

/** The fault a prompt marker names, and whether it plays only on the first request with that prompt. */
export type MarkerFault<F extends EmulatorFault> = F & { once?: boolean };

/** Scripted faults, played in order on the requests they match. */
export class FaultScript<F extends EmulatorFault> {
  private entries: Array<{ fault: F; left: number }> = [];

  /** Queue a fault. */
  add(fault: F): void {
    const times = fault.times ?? 1;
    if (!(times > 0))
      throw new TypeError(`fault.times must be a positive number or Infinity; got ${String(fault.times)}.`);
    if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new TypeError(`fault.status must be an HTTP status (100–599); got ${String(fault.status)}.`);
    }
    this.entries.push({ fault, left: times });
  }

  /** The first queued fault matching the request, used up by one. */
  take(method: string, path: string): F | undefined {
    const index = this.entries.findIndex(({ fault }) => matches(fault, method, path));
    if (index < 0) return undefined;
    const entry = this.entries[index]!;
    if (--entry.left <= 0) this.entries.splice(index, 1);
    return entry.fault;
  }

  /** Faults not played yet. */
  get pending(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries = [];
  }
}

function matches(fault: EmulatorFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}

const MARKER = /\[fault:([a-z0-9][a-z0-9-]*)\]/gi;

/** The fault names marked in a prompt, in order: `'a [fault:429-once]'` → `['429-once']`. */
export function faultMarkers(prompt: string): string[] {
  return [...prompt.matchAll(MARKER)].map((m) => m[1]!.toLowerCase());
}

/**
 * The markers every emulator knows: `<status>` (any 4xx/5xx, with the
 * vendor's error body; 429 with `Retry-After: 1`), `<status>-once` (only the
 * first request with that prompt, so a retry succeeds), `slow-<ms>`,
 * `truncated`.
 */
export function commonMarkerFault(name: string): MarkerFault<EmulatorFault> | undefined {
  const status = /^([45]\d\d)(-once)?$/.exec(name);
  if (status) {
    const code = Number(status[1]);
    return { status: code, ...(code === 429 ? { retryAfter: 1 } : {}), ...(status[2] ? { once: true } : {}) };
  }
  const slow = /^slow-(\d{1,6})$/.exec(name);
  if (slow) return { delayMs: Number(slow[1]) };
  if (name === 'truncated') return { truncate: true };
  return undefined;
}

/** Remembers which `-once` markers already played for which prompt. */
export class OnceMemory {
  private seen = new Set<string>();

  /** True the first time a marker is seen with this prompt. */
  first(marker: string, prompt: string): boolean {
    const key = `${marker}\u0000${prompt}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}

/** What the markers of a prompt ask for. */
export interface MarkedFaults<F extends EmulatorFault> {
  /** The markers combined (`[fault:slow-500][fault:500]` waits, then fails); undefined when none plays. */
  fault?: F;
  /** The markers that play, for the log. */
  names: string[];
  /** A marker no rule knows (answered 400, so a typo does not pass silently). */
  unknown?: string;
}

/** Resolve a prompt's markers with the vendor's rules first, then the common ones. */
export function markedFaults<F extends EmulatorFault>(
  prompt: string,
  vendorFault: (name: string) => MarkerFault<F> | undefined,
  once: OnceMemory,
): MarkedFaults<F> {
  const names: string[] = [];
  let fault: F | undefined;
  for (const name of faultMarkers(prompt)) {
    const found = vendorFault(name) ?? (commonMarkerFault(name) as MarkerFault<F> | undefined);
    if (!found) return { names, unknown: name };
    const { once: onlyOnce, ...rest } = found;
    if (onlyOnce && !once.first(name, prompt)) continue;
    names.push(name);
    fault = { ...fault, ...(rest as unknown as F) };
  }
  return fault ? { fault, names } : { names };
}

/**
 * Play a fault: wait, then answer its error (true: answered), or mark the
 * answer to be cut and let the route go on (false).
 */
export async function playFault(
  exchange: Exchange,
  fault: EmulatorFault,
  errorBody: (status: number, message?: string) => unknown,
): Promise<boolean> {
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.truncate) exchange.truncate = true;
  if (fault.status === undefined && fault.body === undefined) return false;
  const status = fault.status ?? 200;
  const headers: Record<string, string> =
    fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
  exchange.replyJson(status, fault.body ?? errorBody(status, fault.message), headers);
  return true;
}
