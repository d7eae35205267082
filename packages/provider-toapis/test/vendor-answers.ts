import { encodePng } from '@imagegate/testing/fakes';
import nock from 'nock';

/** ToAPIs answers as its documents show them, for nock. */

export const BASE = 'https://toapis.com';
export const CDN = 'https://files.toapis-cdn.test';
export const KEY = 'sk-toapis-test-0123456789abcdef';
export const GENERATIONS = '/v1/images/generations';
export const UPLOADS = '/v1/uploads/images';
export const PNG_32 = encodePng(32, 32, { color: [220, 120, 30] });
/** A real 1x1 GIF (the upload endpoint stores GIFs; the Gemini pages do not list them). */
export const GIF_1 = new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));

/** Seconds since the epoch, as ToAPIs stamps tasks. */
export const CREATED_AT = 1_703_884_800;

/** The submit answer: a queued task. */
export function taskCreated(id: string, model = 'gemini-2.5-flash-image-preview') {
  return { id, object: 'generation.task', model, status: 'queued', progress: 0, created_at: CREATED_AT, metadata: {} };
}

/** A poll answer while the task waits or runs. */
export function taskState(id: string, status: 'queued' | 'submitted' | 'pending' | 'in_progress', progress = 0) {
  return {
    id,
    object: 'generation.task',
    model: 'gemini-2.5-flash-image-preview',
    status,
    progress,
    created_at: CREATED_AT,
  };
}

/** A completed task with its result URLs (`result.data[].url`). */
export function taskCompleted(id: string, urls: string[] = [`${CDN}/generated/${id}.png`]) {
  return {
    id,
    object: 'generation.task',
    model: 'gemini-2.5-flash-image-preview',
    status: 'completed',
    progress: 100,
    created_at: CREATED_AT,
    completed_at: CREATED_AT + 20,
    expires_at: CREATED_AT + 86_400,
    result: { type: 'image', data: urls.map((url) => ({ url })) },
  };
}

/** A failed task (HTTP 200). */
export function taskFailed(
  id: string,
  message = 'call upstream API failed: upstream returned status 500',
  code = 'generation_failed',
) {
  return {
    id,
    object: 'generation.task',
    model: 'gemini-2.5-flash-image-preview',
    status: 'failed',
    progress: 0,
    created_at: CREATED_AT,
    error: { code, message },
  };
}

/** The HTTP error body: `{"error":{"code","message","type"}}`. */
export function toApisError(code: string | number, message: string, type = typeof code === 'string' ? code : 'error') {
  return { error: { code, message, type } };
}

/** The upload answer. */
export function uploaded(url: string, mimeType = 'image/png', size = 100) {
  return { success: true, data: { id: `file_${url.length}`, url, mime_type: mimeType, size } };
}

/** The poll path of a task. */
export const pollPath = (id: string) => `${GENERATIONS}/${id}`;

/**
 * A task's whole life as ToAPIs answers it: created, queued, in_progress at
 * 30 % and 65 %, completed with a result on the CDN (served as a real PNG).
 */
export function scriptTaskLifecycle(id: string): void {
  nock(BASE)
    .post(GENERATIONS)
    .reply(200, taskCreated(id))
    .get(pollPath(id))
    .reply(200, taskState(id, 'queued'))
    .get(pollPath(id))
    .reply(200, taskState(id, 'in_progress', 30))
    .get(pollPath(id))
    .reply(200, taskState(id, 'in_progress', 65))
    .get(pollPath(id))
    .reply(200, taskCompleted(id));
  nock(CDN).get(`/generated/${id}.png`).reply(200, Buffer.from(PNG_32), { 'content-type': 'image/png' });
}
