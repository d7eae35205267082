import type { HttpClient, ProviderCallContext, ProviderImage, TaskHandle, TaskStatus } from '@imagegate/core';
import { asObject, isHttpUrl, text } from './toapis-answer.js';
import { badAnswer, PROVIDER_ID, taskFailedError } from './toapis-errors.js';
import { GENERATIONS_PATH } from './toapis-images-api.js';

/**
 * Poll a task: `GET /v1/images/generations/{id}` (idempotent: retried on
 * network errors, 429 and 5xx). The URL is built from the provider's base URL
 * and the task id, never taken from the handle's `pollUrl`: a handle comes from
 * workflow data, and the key must not be sent to a host it names.
 */
export async function getGenerationTask(http: HttpClient, task: TaskHandle, ctx: ProviderCallContext): Promise<TaskStatus> {
  const context = { provider: PROVIDER_ID, model: task.model, taskId: task.taskId };
  const answer = asObject(
    await http.json<unknown>(ctx, { method: 'GET', url: `${GENERATIONS_PATH}/${encodeURIComponent(task.taskId)}`, kind: 'idempotent', model: task.model, taskId: task.taskId }),
    'the task poll',
    context,
  );
  return taskStatus(answer, context);
}

/**
 * Read a task answer. queued/submitted → queued, in_progress → running with
 * `progress`, completed → succeeded with the result URLs, failed → failed.
 * Any other status is BAD_RESPONSE: waiting on a state we cannot read would
 * never end.
 */
export function taskStatus(answer: Record<string, unknown>, context: { provider: string; model: string; taskId: string }): TaskStatus {
  const status = typeof answer.status === 'string' ? answer.status.trim().toLowerCase() : undefined;
  const progress = readProgress(answer.progress);
  switch (status) {
    case 'queued':
    case 'submitted':
      return withProgress({ state: 'queued' }, progress);
    case 'in_progress':
      return withProgress({ state: 'running' }, progress);
    case 'completed':
      return { state: 'succeeded', images: resultImages(answer) };
    case 'failed':
      return { state: 'failed', error: taskFailedError(failureReport(answer), context) };
    default:
      throw badAnswer(
        `reported task ${context.taskId} with ${status === undefined ? 'no status' : `the unknown status "${String(answer.status)}"`} (expected queued, submitted, in_progress, completed or failed).`,
        context,
      );
  }
}

function withProgress<S extends { state: 'queued' | 'running' }>(status: S, progress: number | undefined): S & { progress?: number } {
  return progress === undefined ? status : { ...status, progress };
}

/** 0–100, from a number or a numeric string; undefined when absent or unreadable. */
function readProgress(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, n));
}

/** `result.data[].url`, or the top-level `url` some answers carry instead; with `expires_at` in ms. */
function resultImages(answer: Record<string, unknown>): ProviderImage[] {
  const expiresAt = toMs(answer.expires_at);
  const result = typeof answer.result === 'object' && answer.result !== null ? (answer.result as Record<string, unknown>) : {};
  const data = Array.isArray(result.data) ? (result.data as unknown[]) : [];
  const images: ProviderImage[] = [];
  for (const item of data) {
    const entry = typeof item === 'string' ? { url: item } : typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (!isHttpUrl(entry.url)) continue;
    const image: ProviderImage = { url: entry.url };
    if (expiresAt !== undefined) image.expiresAt = expiresAt;
    const revised = text(entry.revised_prompt);
    if (revised) image.revisedPrompt = revised;
    images.push(image);
  }
  if (images.length === 0 && isHttpUrl(answer.url)) images.push(expiresAt === undefined ? { url: answer.url } : { url: answer.url, expiresAt });
  return images;
}

/** Unix seconds to ms (a value already in ms is kept). */
function toMs(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return value < 1e12 ? value * 1000 : value;
}

function failureReport(answer: Record<string, unknown>): { code?: string; message?: string } {
  const error = answer.error;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const code = text(e.code) ?? (typeof e.code === 'number' ? String(e.code) : undefined);
    return { code, message: text(e.message) ?? text(answer.fail_reason) };
  }
  return { message: text(answer.fail_reason) ?? text(answer.message) };
}
