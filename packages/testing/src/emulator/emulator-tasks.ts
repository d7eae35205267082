/**
 * The life cycle of an emulated asynchronous task on the real clock, for any
 * vendor's emulator: queued for `queueMs`, then running with progress rising
 * linearly, then done after `durationMs`; a task that never finishes stalls
 * at 95 %, and a canceled one stays canceled. Each emulator turns the phase
 * into its vendor's answer.
 */

/** When a task started and how it runs. */
export interface TaskTimeline {
  /** Start, ms since the epoch. */
  createdAt: number;
  queueMs: number;
  durationMs: number;
  /** True for a task that keeps running (a deadline test). */
  neverFinishes?: boolean;
  /** Set by {@link cancelEmulatedTask}. */
  canceledAt?: number;
}

/** Where a task stands at one moment. */
export type TaskPhase =
  | { state: 'queued'; progress: 0 }
  | { state: 'running'; progress: number }
  | { state: 'done'; finishedAt: number }
  | { state: 'canceled'; canceledAt: number };

/** Where a task that never finishes stops its progress. */
const STUCK_PROGRESS = 95;

/** The phase of `task` at `now`. */
export function taskPhase(task: TaskTimeline, now: number): TaskPhase {
  if (task.canceledAt !== undefined) return { state: 'canceled', canceledAt: task.canceledAt };
  const elapsed = now - task.createdAt;
  if (elapsed >= task.durationMs && !task.neverFinishes)
    return { state: 'done', finishedAt: task.createdAt + task.durationMs };
  if (elapsed < task.queueMs) return { state: 'queued', progress: 0 };
  const linear = Math.floor((elapsed / Math.max(1, task.durationMs)) * 100);
  return { state: 'running', progress: Math.min(task.neverFinishes ? STUCK_PROGRESS : 99, Math.max(1, linear)) };
}

/** Cancel a task that has not finished; true when it was (a finished one stays finished). */
export function cancelEmulatedTask(task: TaskTimeline, now: number): boolean {
  const phase = taskPhase(task, now);
  if (phase.state === 'done') return false;
  task.canceledAt ??= now;
  return true;
}
