import { readSafely, type FieldProblem } from './field-problem.js';

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
   * The URL the vendor said to poll this task at, for vendors whose submit
   * answers one (often on a regional host); providers build polls from the
   * task id otherwise. The key goes there only when it is the provider's API
   * origin or one of its `keyHosts`: core checks a handle's URLs before any
   * request, and every request and redirect after. Empty counts as absent
   * (read it as `task.pollUrl || …`).
   */
  pollUrl?: string;
  /** The URL the vendor said to cancel this task at, under the same rule as {@link TaskHandle.pollUrl}. */
  cancelUrl?: string;
  /** Creation time, milliseconds since the epoch. */
  createdAt: number;
  /**
   * What the task was asked to make (tier, size, quality; core fills it at
   * the submit), so that a task collected later, in another process, is
   * still priced by its tier and reported with it.
   */
  request?: TaskRequest;
}

/** The request fields a {@link TaskHandle} keeps: those a price or a result's usage depends on. */
export interface TaskRequest {
  resolution?: string;
  size?: string;
  quality?: string;
}

const TASK_REQUEST_FIELDS = ['resolution', 'size', 'quality'] as const;

/** The largest time a `Date` can hold, ms: a `createdAt` beyond it is no time. */
const MAX_TIME_MS = 8.64e15;

/**
 * Why a value is not a {@link TaskHandle}, naming the field, or undefined
 * when it is one. Handles come back from workflow data (often from an
 * untrusted webhook), so every field is checked, not only its type.
 */
export function taskHandleProblem(value: unknown): FieldProblem | undefined {
  return readSafely('task', () => handleProblem(value));
}

function handleProblem(value: unknown): FieldProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: 'task', problem: 'it is not an object' };
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return { field: 'task.version', problem: 'it must be 1' };
  if (typeof v.provider !== 'string' || v.provider === '')
    return { field: 'task.provider', problem: 'it must be a provider id' };
  if (typeof v.taskId !== 'string' || v.taskId === '')
    return { field: 'task.taskId', problem: 'it must be a non-empty string' };
  if (typeof v.model !== 'string') return { field: 'task.model', problem: 'it must be a string' };
  if (typeof v.createdAt !== 'number' || !Number.isFinite(v.createdAt) || Math.abs(v.createdAt) > MAX_TIME_MS) {
    return { field: 'task.createdAt', problem: 'it must be a time in milliseconds since the epoch' };
  }
  if (v.request !== undefined) {
    if (typeof v.request !== 'object' || v.request === null || Array.isArray(v.request))
      return { field: 'task.request', problem: 'it must be an object of the request fields when present' };
    const request = v.request as Record<string, unknown>;
    for (const name of TASK_REQUEST_FIELDS) {
      const value = request[name];
      if (value !== undefined && (typeof value !== 'string' || value.length > 64))
        return { field: `task.request.${name}`, problem: 'it must be a short string when present' };
    }
  }
  for (const name of ['pollUrl', 'cancelUrl'] as const) {
    const url = v[name];
    // An empty one (older handles wrote `pollUrl: ''`) is none.
    if (url !== undefined && url !== '' && (typeof url !== 'string' || !isHttpUrl(url)))
      return { field: `task.${name}`, problem: 'it must be an absolute http(s) URL when present' };
  }
  return undefined;
}

/** True when a value is a {@link TaskHandle}, every field checked (for input from workflows). */
export function isTaskHandle(value: unknown): value is TaskHandle {
  return taskHandleProblem(value) === undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
