import { getTaskStatus, ImageGateError, type TaskCheck, type TaskHandle } from '@imagegate/core';
import { nextCheckDelay, pollingHintsOf } from '@imagegate/core/provider';
import type { IDataObject } from 'n8n-workflow';
import { readTask } from '../../fields/task-parameter.js';
import { describeFailure } from '../../shared/describe-failure.js';
import type { RunShared } from '../../shared/run-shared.js';
import type { NodeOperation } from '../operation.js';
import { collectTask } from './wait.js';

/**
 * Task → Check Once: one poll per task, for a Wait-node loop that holds no
 * worker between checks. A finished task is collected as Wait for Completion
 * collects it (from what that poll saw) and goes to the Done output; one
 * still under way, or whose check failed for a passing reason, goes to
 * Pending with when to look again. Failures under Continue On Fail go to Done.
 */
export const checkOnce: NodeOperation = {
  resource: 'task',
  value: 'checkOnce',
  name: 'Check Once',
  action: 'Check tasks once and route finished from pending',
  description:
    'Poll each task once: finished tasks go to the Done output with their images, ' +
    'the others to Pending with their handle and nextCheckSeconds, for a Wait node to loop on. ' +
    'A check that failed for a passing reason (rate limit, vendor error, network) ' +
    'also goes to Pending, with checkFailed',
  shows: ['task', 'options'],
  outputs: {
    names: ['Done', 'Pending'],
    route: (items) => [
      items.filter((item) => item.json.done !== false),
      items.filter((item) => item.json.done === false),
    ],
  },
  async execute(fns, shared, i) {
    const task = readTask(fns, i, shared.provider.id);
    const check = await pollOnce(shared, task);
    if (check.pending) return [{ json: check.pending, pairedItem: { item: i } }];
    const items = await collectTask(fns, shared, i, task, check.seen);
    return items.map((item) => ({ ...item, json: { done: true, ...item.json } }));
  },
};

/** Failures of a poll that say nothing about the task: the next check may well succeed. */
const PASSING_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'PROVIDER_ERROR', 'NETWORK', 'TIMEOUT']);

/** What Check Once's one poll gives: the status it saw, or the Pending output's JSON. */
type CheckOnceResult = { seen: TaskCheck; pending?: undefined } | { pending: IDataObject; seen?: undefined };

/**
 * Poll `task` once. A task still queued or running, and a check that failed
 * for a passing reason ({@link isPassingCheckFailure}), give the Pending
 * output's JSON: the task handle and when to look again, plus `checkFailed`
 * for a failed check. A finished task gives its status, to be collected; any
 * other failure is thrown.
 */
async function pollOnce(shared: RunShared, task: TaskHandle): Promise<CheckOnceResult> {
  // Any other failure goes on as it came: the node words it for n8n with the rest (toNodeError).
  // No retries inside the node: a passing failure goes to Pending at once with the vendor's hint, instead of holding a
  // worker through it.
  const seen = await getTaskStatus({ provider: shared.provider, task, ...shared.run, maxRetries: 0 }).catch(
    (error: unknown) => (isPassingCheckFailure(error, shared.run.signal) ? error : Promise.reject(error)),
  );
  if (ImageGateError.is(seen)) {
    return {
      pending: {
        ...pendingJson(task, nextCheckAfterFailure(shared, task, seen)),
        checkFailed: checkFailed(seen, shared),
      },
    };
  }
  if (seen.state !== 'queued' && seen.state !== 'running') return { seen };
  const pending = pendingJson(task, seen.nextCheckMs ?? 1000, seen.state);
  return { pending: seen.progress !== undefined ? { ...pending, progress: seen.progress } : pending };
}

/**
 * True when a failed poll is passing: a retryable rate limit, vendor error
 * (5xx), network error or timeout, while the execution still runs. A stopped
 * execution (ABORTED), a refused key, a bad request or an unreadable answer
 * are not.
 */
function isPassingCheckFailure(error: unknown, signal?: AbortSignal): error is ImageGateError {
  return !signal?.aborted && ImageGateError.is(error) && error.retryable && PASSING_CODES.has(error.code);
}

/**
 * A Pending item's fields: the state when a check saw one, when to look again (whole seconds, at least 1), the task.
 */
function pendingJson(task: TaskHandle, nextCheckMs: number, state?: string): IDataObject {
  return {
    done: false,
    ...(state ? { state } : {}),
    nextCheckSeconds: Math.max(1, Math.ceil(nextCheckMs / 1000)),
    provider: task.provider,
    model: task.model,
    taskId: task.taskId,
    task: task as unknown as IDataObject,
  };
}

/** The vendor's Retry-After (core caps it at a minute), else the model's schedule by the task's age. */
function nextCheckAfterFailure(shared: RunShared, task: TaskHandle, error: ImageGateError): number {
  return nextCheckDelay(pollingHintsOf(shared.provider, task.model), {
    createdAt: task.createdAt,
    now: Date.now(),
    retryAfterMs: error.retryAfterMs,
  });
}

/** Why the check failed, headed as the node's failures are ("ToAPIs is limiting the request rate"). */
function checkFailed(error: ImageGateError, shared: RunShared): IDataObject {
  // Without the task: a timed-out check is about this poll, not about Max Wait.
  const { message } = describeFailure(error.with({ task: undefined, tasks: undefined }), shared.collect);
  return { code: error.code, message };
}
