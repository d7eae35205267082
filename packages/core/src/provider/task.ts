import { isDotSegment } from '../http/redirects.js';
import { containsSecret } from '../errors/redact.js';
import type { ImageGateError } from '../errors/image-gate-error.js';
import type { ProviderImage, Usage } from './provider-image.js';
import type { TaskHandle } from './task-handle.js';

export type { TaskHandle } from './task-handle.js';

/** What every task status may say besides its state. */
interface StatusIdentity {
  /**
   * The task id the vendor's answer named, when it names one. Core refuses a
   * status whose id is not the polled task's (BAD_RESPONSE): another job's
   * images must never be handed out as this one's.
   */
  taskId?: string;
}

/** The state of a task, as one poll saw it. */
export type TaskStatus = StatusIdentity &
  (
    | { state: 'queued'; progress?: number; retryAfterMs?: number }
    | { state: 'running'; progress?: number; retryAfterMs?: number }
    | { state: 'succeeded'; images: ProviderImage[]; usage?: Usage; warnings?: string[] }
    | { state: 'failed'; error: ImageGateError }
    /** Stopped by a cancel (ours or anyone's): it will make no images. */
    | { state: 'canceled' }
  );

/** The largest time a `Date` can hold, ms: a `createdAt` beyond it is no time. */
const MAX_TIME_MS = 8.64e15;

/**
 * Why a value is not a {@link TaskHandle}, naming the field, or undefined
 * when it is one. Handles come back from workflow data (often from an
 * untrusted webhook), so every field is checked, not only its type.
 */
export function taskHandleProblem(value: unknown): { field: string; problem: string } | undefined {
  return readSafely('task', () => handleProblem(value));
}

function handleProblem(value: unknown): { field: string; problem: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { field: 'task', problem: 'it is not an object' };
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return { field: 'task.version', problem: 'it must be 1' };
  if (typeof v.provider !== 'string' || v.provider === '') return { field: 'task.provider', problem: 'it must be a provider id' };
  if (typeof v.taskId !== 'string' || v.taskId === '') return { field: 'task.taskId', problem: 'it must be a non-empty string' };
  if (typeof v.model !== 'string') return { field: 'task.model', problem: 'it must be a string' };
  if (typeof v.createdAt !== 'number' || !Number.isFinite(v.createdAt) || Math.abs(v.createdAt) > MAX_TIME_MS) {
    return { field: 'task.createdAt', problem: 'it must be a time in milliseconds since the epoch' };
  }
  if (v.pollUrl !== undefined && typeof v.pollUrl !== 'string') return { field: 'task.pollUrl', problem: 'it must be a string when present' };
  return undefined;
}

/** True when a value is a {@link TaskHandle}, every field checked (for input from workflows). */
export function isTaskHandle(value: unknown): value is TaskHandle {
  return taskHandleProblem(value) === undefined;
}

/** Every state a task can be in. */
export const TASK_STATES: ReadonlyArray<TaskStatus['state']> = ['queued', 'running', 'succeeded', 'failed', 'canceled'];

/**
 * Why a value is not a {@link TaskStatus}, naming the field, or undefined
 * when it is one: a known state, a finite progress, a finite non-negative
 * retry hint, a string id, and for `succeeded` a list of images.
 */
export function taskStatusProblem(value: unknown): { field: string; problem: string } | undefined {
  return readSafely('status', () => statusProblem(value));
}

function statusProblem(value: unknown): { field: string; problem: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { field: 'status', problem: 'it is not an object' };
  const v = value as Record<string, unknown>;
  if (!TASK_STATES.includes(v.state as TaskStatus['state'])) return { field: 'status.state', problem: `it must be one of ${TASK_STATES.join(', ')}` };
  if (v.taskId !== undefined && typeof v.taskId !== 'string') return { field: 'status.taskId', problem: 'it must be a string when present' };
  if (v.progress !== undefined && (typeof v.progress !== 'number' || !Number.isFinite(v.progress))) return { field: 'status.progress', problem: 'it must be a number from 0 to 100' };
  if (v.retryAfterMs !== undefined && (typeof v.retryAfterMs !== 'number' || !Number.isFinite(v.retryAfterMs) || v.retryAfterMs < 0)) {
    return { field: 'status.retryAfterMs', problem: 'it must be a number of milliseconds, 0 or more' };
  }
  if (v.state === 'succeeded') {
    if (!Array.isArray(v.images)) return { field: 'status.images', problem: 'a succeeded status lists its images' };
    const bad = Array.from(v.images as unknown[]).findIndex((image) => !isProviderImage(image));
    if (bad >= 0) return { field: `status.images.${bad}`, problem: 'each image is { data: bytes } or { url: an http(s) URL }' };
  }
  return undefined;
}

/** An image as a provider answers it: bytes, or an http(s) URL. */
function isProviderImage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { data, url } = value as { data?: unknown; url?: unknown };
  return data !== undefined ? data instanceof Uint8Array : typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}

/**
 * Run a check over a value that may not be what it claims (a getter or a
 * Proxy that throws, from workflow data): anything it throws is a problem
 * with `field`, never a TypeError escaping.
 */
function readSafely(field: string, check: () => { field: string; problem: string } | undefined): { field: string; problem: string } | undefined {
  try {
    return check();
  } catch {
    return { field, problem: 'it cannot be read (a field throws when read)' };
  }
}

/** True when a value is a {@link TaskStatus} (a succeeded one with its images), as `getTaskStatus` answers. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return taskStatusProblem(value) === undefined;
}

/**
 * Why a vendor's task id cannot be used, or undefined when it can. `.` and
 * `..` would be path-normalised when a poll URL is built (so the poll, with
 * the key, would go to another endpoint); control characters and huge ids
 * are no id a vendor means; an id that holds a registered secret (a vendor
 * echoing the key) would carry the key into handles, logs and errors.
 */
export function taskIdProblem(taskId: unknown): string | undefined {
  if (typeof taskId !== 'string' || taskId.trim() === '') return 'it is empty';
  if (isDotSegment(taskId.trim())) return `"${taskId}" is a path segment, not an id`;
  if (/[\u0000-\u001f\u007f]/.test(taskId)) return 'it contains control characters';
  if (taskId.length > 1024) return `it is ${taskId.length} characters long`;
  if (containsSecret(taskId)) return 'it contains the API key';
  return undefined;
}
