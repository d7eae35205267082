import { type Exchange } from '@imagegate/testing/fakes';
import { describeToApisModel, TOAPIS_MAX_INPUT_IMAGES, TOAPIS_MODELS, TOAPIS_RESOLUTIONS } from '../toapis-models.js';
import { asRecord, replyError, type EmulatedFile } from './toapis-emulator-context.js';
import type { TaskOutcome, TaskStore } from './toapis-emulator-tasks.js';

/** The submit endpoint; a task is polled at `${GENERATIONS_ROUTE}/{id}`. */
export const GENERATIONS_ROUTE = '/v1/images/generations';
/** `GET /v1/images/generations/{id}`, capturing the id. */
export const TASK_ROUTE = /^\/v1\/images\/generations\/([^/]+)$/;

/** What the generation routes need from the emulator. */
export interface GenerationsContext {
  tasks: TaskStore;
  files: Map<string, EmulatedFile>;
  /** The origin put in result URLs. */
  publicUrl(): string;
  taskDurationMs: number;
  queueMs: number;
  /**
   * Play the prompt's fault markers: `answered` when that answered the
   * request, `task` when a marker decides how the task ends.
   */
  playMarkers(exchange: Exchange, prompt: string): Promise<{ answered: boolean; task?: TaskOutcome }>;
}

/**
 * `POST /v1/images/generations` (document 002): checks the body as ToAPIs
 * does (`n` the number 1, `size` an aspect ratio of the table, at most 14
 * `image_urls`, URLs only) and answers a queued task.
 */
export async function submitGeneration(exchange: Exchange, ctx: GenerationsContext, scriptedTask?: TaskOutcome): Promise<void> {
  const body = asRecord(exchange.json());
  if (!body) return replyError(exchange, 400, 'Invalid JSON body: expected an object with "model" and "prompt"');
  const model = typeof body.model === 'string' ? body.model : '';
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  exchange.log.model = model || undefined;
  exchange.log.prompt = prompt || undefined;
  if (!model) return replyError(exchange, 400, 'model is required');
  if (!prompt) return replyError(exchange, 400, 'prompt is required');
  const marked = await ctx.playMarkers(exchange, prompt);
  if (marked.answered) return;

  if (!TOAPIS_MODELS.some((m) => m.id === model) && !describeToApisModel(model)) return replyError(exchange, 400, `model "${model}" is not supported`);
  if (prompt.length > 1000) return replyError(exchange, 400, `prompt is ${prompt.length} characters; at most 1000`);
  const size = body.size === undefined ? '1:1' : body.size;
  if (typeof size !== 'string' || !TOAPIS_RESOLUTIONS[size]) return replyError(exchange, 400, `size must be one of ${Object.keys(TOAPIS_RESOLUTIONS).join(', ')}`);
  if (body.n !== undefined && typeof body.n !== 'number') return replyError(exchange, 400, 'n must be a number, not a string (fixed at 1)');
  if (body.n !== undefined && body.n !== 1) return replyError(exchange, 400, 'n is fixed at 1');
  const imageUrls = body.image_urls === undefined ? [] : body.image_urls;
  const urlProblem = checkImageUrls(imageUrls, ctx);
  if (urlProblem) return replyError(exchange, 400, urlProblem);
  if (body.metadata !== undefined && !asRecord(body.metadata)) return replyError(exchange, 400, 'metadata must be an object');

  const task = ctx.tasks.create({
    model,
    prompt,
    size,
    imageUrls: imageUrls as string[],
    metadata: asRecord(body.metadata) ?? {},
    durationMs: ctx.taskDurationMs,
    queueMs: ctx.queueMs,
    outcome: marked.task ?? scriptedTask ?? 'completes',
  });
  exchange.replyJson(200, ctx.tasks.created(task));
}

/** `GET /v1/images/generations/{id}`: the task as it stands; 404 `task_not_found` for an unknown id. */
export function getTask(exchange: Exchange, ctx: GenerationsContext, idInPath: string): void {
  const task = ctx.tasks.get(decodeURIComponent(idInPath));
  if (!task) return replyError(exchange, 404, 'Task not found', 'task_not_found');
  exchange.log.model = task.model;
  exchange.log.prompt = task.prompt;
  exchange.replyJson(200, ctx.tasks.view(task, ctx.publicUrl()));
}

/**
 * URLs only (the vendor no longer takes base64 there), at most 14. A URL on
 * the emulator itself must name a file it serves; other hosts are not fetched.
 */
function checkImageUrls(value: unknown, ctx: GenerationsContext): string | undefined {
  if (!Array.isArray(value)) return 'image_urls must be an array of URLs';
  if (value.length > TOAPIS_MAX_INPUT_IMAGES) return `image_urls holds ${value.length} images; at most ${TOAPIS_MAX_INPUT_IMAGES}`;
  for (const [i, url] of value.entries()) {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
      return `image_urls[${i}] is not a URL: base64 image data is no longer supported, upload the image first (/v1/uploads/images)`;
    }
    const own = `${ctx.publicUrl()}/files/`;
    if (url.startsWith(own) && !ctx.files.has(url.slice(own.length))) return `image_urls[${i}] could not be fetched (HTTP 404)`;
  }
  return undefined;
}
