import { isDotSegment } from '../http/redirects.js';
import type { ImageGateError } from '../errors/image-gate-error.js';
import type { ProviderImage, Usage } from './provider-image.js';

/**
 * A submitted asynchronous job. Plain JSON on purpose: a workflow can store it,
 * carry it between steps and resume with `waitForTask` later, even in another
 * process.
 */
export interface TaskHandle {
  /** Format version of this object. */
  version: 1;
  /** Id of the provider that created the task, e.g. `'toapis'`. */
  provider: string;
  /** The vendor's task id. */
  taskId: string;
  model: string;
  /**
   * @deprecated Not written by core's providers, and never read: polls are
   * built from the provider's base URL and the task id, so a stored handle
   * cannot send the key elsewhere. Old handles that carry it still load.
   */
  pollUrl?: string;
  /** Creation time, milliseconds since the epoch. */
  createdAt: number;
}

/** The state of a task, as one poll saw it. */
export type TaskStatus =
  | { state: 'queued'; progress?: number; retryAfterMs?: number }
  | { state: 'running'; progress?: number; retryAfterMs?: number }
  | { state: 'succeeded'; images: ProviderImage[]; usage?: Usage; warnings?: string[] }
  | { state: 'failed'; error: ImageGateError }
  /** Stopped by a cancel (ours or anyone's): it will make no images. */
  | { state: 'canceled' };

/** True when a value has the shape of a {@link TaskHandle} (for input from workflows). */
export function isTaskHandle(value: unknown): value is TaskHandle {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    typeof v.provider === 'string' &&
    typeof v.taskId === 'string' &&
    v.taskId.length > 0 &&
    typeof v.model === 'string' &&
    typeof v.createdAt === 'number' &&
    (v.pollUrl === undefined || typeof v.pollUrl === 'string')
  );
}

const TASK_STATES: ReadonlyArray<TaskStatus['state']> = ['queued', 'running', 'succeeded', 'failed', 'canceled'];

/** True when a value has the shape of a {@link TaskStatus} (a succeeded one with its images), as `getTaskStatus` answers. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return TASK_STATES.includes(v.state as TaskStatus['state']) && (v.state !== 'succeeded' || Array.isArray(v.images));
}

/**
 * Why a vendor's task id cannot be used, or undefined when it can. `.` and
 * `..` would be path-normalised when a poll URL is built (so the poll, with
 * the key, would go to another endpoint); control characters and huge ids
 * are no id a vendor means.
 */
export function taskIdProblem(taskId: unknown): string | undefined {
  if (typeof taskId !== 'string' || taskId.trim() === '') return 'it is empty';
  if (isDotSegment(taskId.trim())) return `"${taskId}" is a path segment, not an id`;
  if (/[\u0000-\u001f\u007f]/.test(taskId)) return 'it contains control characters';
  if (taskId.length > 1024) return `it is ${taskId.length} characters long`;
  return undefined;
}
