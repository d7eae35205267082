import type { TaskHandle, TaskStatus, VendorContext } from '@imagegate/core/provider';
import { predictionSchema, predictionStatus } from './__ID__-answers.js';
import { PREDICTIONS_PATH } from './__ID__-predictions-api.js';

/**
 * A prediction's path, built from its id: a handle may come from stored data, and the key must not follow a URL in it.
 */
const pathOf = (task: TaskHandle) => `${PREDICTIONS_PATH}/${encodeURIComponent(task.taskId)}`;

/** `GET /v1/predictions/{id}`, idempotent: core retries it on network errors, 429 and 5xx. */
export async function getPrediction(task: TaskHandle, ctx: VendorContext): Promise<TaskStatus> {
  const call = {
    method: 'GET',
    url: pathOf(task),
    kind: 'idempotent',
    model: task.model,
    taskId: task.taskId,
  } as const;
  const prediction = await ctx.http.json(ctx, call, { schema: predictionSchema, what: 'the poll' });
  return predictionStatus(prediction, { provider: ctx.provider.id, model: task.model });
}

/** `POST /v1/predictions/{id}/cancel`: resolves once __NAME__ accepted. Core calls it when the caller aborts a wait. */
export async function cancelPrediction(task: TaskHandle, ctx: VendorContext): Promise<void> {
  await ctx.http.send(ctx, {
    method: 'POST',
    url: `${pathOf(task)}/cancel`,
    kind: 'idempotent',
    model: task.model,
    taskId: task.taskId,
  });
}
