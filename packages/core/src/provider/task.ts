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
  /** Absolute URL to poll, when the vendor gives one. */
  pollUrl?: string;
  /** Creation time, milliseconds since the epoch. */
  createdAt: number;
}

/** The state of a task, as one poll saw it. */
export type TaskStatus =
  | { state: 'queued'; progress?: number; retryAfterMs?: number }
  | { state: 'running'; progress?: number; retryAfterMs?: number }
  | { state: 'succeeded'; images: ProviderImage[]; usage?: Usage; warnings?: string[] }
  | { state: 'failed'; error: ImageGateError };

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
