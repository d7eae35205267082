/**
 * Platform module: core's default sleep, on timers. Core imports it only as
 * `#platform/sleep`; a host bundle without timers puts its own in its place.
 */
import type { SleepFunction } from '../spec/call-context.js';

/**
 * The default sleep: a timer that is cleared, and the promise rejected with the
 * signal's reason, the moment the signal fires. Hosts with their own timers
 * (n8n's `sleepWithAbort`) pass theirs instead.
 */
export const abortableSleep: SleepFunction = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
