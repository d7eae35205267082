import { ImageGateError } from '../errors/image-gate-error.js';
import type { ImageProvider } from '../authoring/image-provider.js';
import { containsSecret } from '../errors/redact.js';
import { isDotSegment } from '../http/redirects.js';
import { describeKeyHosts, hostOf, mayCarryKey } from '../spec/key-hosts.js';
import { taskHandleProblem, type TaskHandle } from '../spec/task-handle.js';

/** Reject a handle that is malformed or belongs to another provider, before any request. */
export function checkTask(provider: ImageProvider, task: unknown): asserts task is TaskHandle {
  const wrong = taskHandleProblem(task);
  if (wrong) {
    throw new ImageGateError(
      'INVALID_REQUEST',
      '"task" must be a task handle: { version: 1, provider, taskId, model, createdAt }; ' +
        `"${wrong.field}" is wrong: ${wrong.problem}.`,
      {
        provider: provider.id,
        field: wrong.field,
        retryable: false,
      },
    );
  }
  const handle = task as TaskHandle;
  const badId = taskIdProblem(handle.taskId);
  if (badId) {
    throw new ImageGateError(
      'INVALID_REQUEST',
      `The task handle's "taskId" cannot be polled: ${badId}. It did not come from ${provider.name} as it is.`,
      {
        provider: provider.id,
        field: 'task.taskId',
        retryable: false,
      },
    );
  }
  if (handle.provider !== provider.id) {
    throw new ImageGateError(
      'INVALID_REQUEST',
      `Task ${handle.taskId} belongs to provider "${handle.provider}", not "${provider.id}".`,
      {
        provider: provider.id,
        field: 'task.provider',
        taskId: handle.taskId,
        retryable: false,
      },
    );
  }
  for (const name of ['pollUrl', 'cancelUrl'] as const) {
    const why = taskUrlProblem(provider, handle[name]);
    if (!why) continue;
    throw new ImageGateError(
      'INVALID_REQUEST',
      `The task handle's "${name}" ${why}. It did not come from ${provider.name} as it is.`,
      { provider: provider.id, field: `task.${name}`, taskId: handle.taskId, retryable: false },
    );
  }
  if (!provider.getTask) {
    throw new ImageGateError('UNSUPPORTED', `${provider.name} has no asynchronous tasks to wait for.`, {
      provider: provider.id,
      retryable: false,
    });
  }
}

/**
 * Why a handle's poll or cancel URL cannot be used, or undefined when it can (or is absent: empty counts as absent).
 * The key goes there, so it must be on the provider's API origin or one of its key hosts, and hold no key itself.
 */
export function taskUrlProblem(provider: ImageProvider, url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (containsSecret(url)) return 'contains the API key';
  if (mayCarryKey(url, provider.baseUrl, provider.keyHosts)) return undefined;
  return (
    `points at ${hostOf(url)}, where ${provider.name}'s key may not go ` +
    `(only ${describeKeyHosts(provider.baseUrl, provider.keyHosts)})`
  );
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
