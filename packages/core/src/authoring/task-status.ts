import type { ImageGateError } from '../errors/image-gate-error.js';
import { readSafely, type FieldProblem } from '../spec/field-problem.js';
import { isVendorImage, type Usage, type VendorImage } from '../spec/vendor-image.js';

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
    | { state: 'succeeded'; images: VendorImage[]; usage?: Usage; warnings?: string[] }
    | { state: 'failed'; error: ImageGateError }
    /** Stopped by a cancel (ours or anyone's): it will make no images. */
    | { state: 'canceled' }
  );

/** Every state a task can be in. */
export const TASK_STATES: ReadonlyArray<TaskStatus['state']> = ['queued', 'running', 'succeeded', 'failed', 'canceled'];

/**
 * Why a value is not a {@link TaskStatus}, naming the field, or undefined
 * when it is one: a known state, a finite progress, a finite non-negative
 * retry hint, a string id, and for `succeeded` a list of images.
 */
export function taskStatusProblem(value: unknown): FieldProblem | undefined {
  return readSafely('status', () => statusProblem(value));
}

function statusProblem(value: unknown): FieldProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: 'status', problem: 'it is not an object' };
  const v = value as Record<string, unknown>;
  if (!TASK_STATES.includes(v.state as TaskStatus['state']))
    return { field: 'status.state', problem: `it must be one of ${TASK_STATES.join(', ')}` };
  if (v.taskId !== undefined && typeof v.taskId !== 'string')
    return { field: 'status.taskId', problem: 'it must be a string when present' };
  if (v.progress !== undefined && (typeof v.progress !== 'number' || !Number.isFinite(v.progress)))
    return { field: 'status.progress', problem: 'it must be a number from 0 to 100' };
  if (
    v.retryAfterMs !== undefined &&
    (typeof v.retryAfterMs !== 'number' || !Number.isFinite(v.retryAfterMs) || v.retryAfterMs < 0)
  ) {
    return { field: 'status.retryAfterMs', problem: 'it must be a number of milliseconds, 0 or more' };
  }
  if (v.state === 'succeeded') {
    if (!Array.isArray(v.images)) return { field: 'status.images', problem: 'a succeeded status lists its images' };
    const bad = Array.from(v.images as unknown[]).findIndex((image) => !isVendorImage(image));
    if (bad >= 0)
      return { field: `status.images.${bad}`, problem: 'each image is { data: bytes } or { url: an http(s) URL }' };
  }
  return undefined;
}

/** True when a value is a {@link TaskStatus} (a succeeded one with its images), as `getTaskStatus` answers. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return taskStatusProblem(value) === undefined;
}
