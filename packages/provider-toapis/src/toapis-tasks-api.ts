import type { TaskHandle, TaskStatus, VendorContext, VendorImage } from '@imagegate/core/provider';
import { badAnswer, taskFailedError } from '@imagegate/core/provider';
import { isHttpUrl, resultEntries, taskAnswerSchema, type TaskAnswer } from './toapis-answers.js';
import { GENERATIONS_PATH } from './toapis-images-api.js';

/**
 * Poll a task: `GET /v1/images/generations/{id}` (idempotent: retried on
 * network errors, 429 and 5xx). The URL is built from the provider's base URL
 * and the task id, never taken from the handle: a handle comes from workflow
 * data, and the key must not be sent to a host it names.
 */
export async function getGenerationTask(task: TaskHandle, ctx: VendorContext<unknown>): Promise<TaskStatus> {
  const answer = await ctx.http.json(
    ctx,
    {
      method: 'GET',
      url: `${GENERATIONS_PATH}/${encodeURIComponent(task.taskId)}`,
      kind: 'idempotent',
      model: task.model,
      taskId: task.taskId,
    },
    { schema: taskAnswerSchema, what: 'the task poll' },
  );
  const status = taskStatus(answer, { provider: ctx.provider.id, model: task.model, taskId: task.taskId });
  // The id the answer names, when it names one: core refuses the status of another task.
  return answer.id === undefined ? status : { ...status, taskId: answer.id };
}

/**
 * Read a task answer. queued/submitted/pending → queued (the GPT-Image-2.5
 * pages add `pending`), in_progress → running with
 * `progress`, completed → succeeded with the result URLs, failed → failed.
 * Any other status is BAD_RESPONSE: waiting on a state we cannot read would
 * never end.
 */
export function taskStatus(
  answer: TaskAnswer,
  context: { provider: string; model: string; taskId: string },
): TaskStatus {
  const progress =
    answer.progress === undefined || Number.isNaN(answer.progress)
      ? undefined
      : Math.min(100, Math.max(0, answer.progress));
  switch (answer.status) {
    case 'queued':
    case 'submitted':
    case 'pending':
      return progress === undefined ? { state: 'queued' } : { state: 'queued', progress };
    case 'in_progress':
      return progress === undefined ? { state: 'running' } : { state: 'running', progress };
    case 'completed':
      return { state: 'succeeded', images: resultImages(answer) };
    case 'failed':
      return { state: 'failed', error: taskFailedError(failureReport(answer), context) };
    default:
      return badAnswer(
        `reported task ${context.taskId} with the unknown status "${answer.status}" (expected ` +
          `queued, submitted, pending, in_progress, completed or failed)${vendorSaid(answer)}.`,
        context,
        'status',
      );
  }
}

/** `result.data[].url`, or the top-level `url` some answers carry instead; with `expires_at` in ms. */
function resultImages(answer: TaskAnswer): VendorImage[] {
  const expiresAt =
    answer.expires_at === undefined
      ? undefined
      : answer.expires_at < 1e12
        ? answer.expires_at * 1000
        : answer.expires_at;
  const entries = resultEntries(answer.result?.data ?? []);
  if (entries.length === 0 && isHttpUrl(answer.url)) entries.push({ url: answer.url });
  return entries.map(({ url, revised_prompt }) => ({
    url,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(revised_prompt ? { revisedPrompt: revised_prompt } : {}),
  }));
}

function failureReport(answer: TaskAnswer): { code?: string; message?: string } {
  const { error } = answer;
  if (typeof error === 'string') return { message: error };
  if (error) return { code: error.code, message: error.message ?? answer.fail_reason };
  return { message: answer.fail_reason ?? answer.message };
}

/** What the vendor said beside a status we cannot read, quoted, so the user sees it. */
function vendorSaid(answer: TaskAnswer): string {
  const { message } = failureReport(answer);
  return message ? `, saying "${message}"` : '';
}
