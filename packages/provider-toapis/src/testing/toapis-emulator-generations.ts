import { outputPixels, parsePixelSize, resolveModel, sniffImage, type ModelSpec } from '@imagegate/core/provider';
import { approximatePixels, type Exchange } from '@imagegate/testing/fakes';
import { describeToApisModel, TOAPIS_MODELS } from '../toapis-models.js';
import { asRecord, replyError, type EmulatedFile } from './toapis-emulator-context.js';
import { dialectOf, type VendorDialect } from './toapis-emulator-dialects.js';
import type { EmulatedTask, TaskOutcome, TaskStore } from './toapis-emulator-tasks.js';

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

/** Fields every model takes at the top level. */
const COMMON_FIELDS = new Set(['model', 'prompt', 'size', 'n', 'image_urls', 'metadata', 'callback_url']);

/** A body the vendor accepted: what the task makes. */
type Accepted = Pick<EmulatedTask, 'size' | 'imageUrls' | 'metadata' | 'count' | 'width' | 'height'>;

/**
 * `POST /v1/images/generations`: checks the body as ToAPIs documents it for
 * the model named (by id or alias: its ratios, tier in the right place and
 * case, `n` values, reference count, `mask_url` only where masks exist, the
 * fields its page lists) and answers a queued task that will make `n` images
 * of the size asked.
 */
export async function submitGeneration(
  exchange: Exchange,
  ctx: GenerationsContext,
  scriptedTask?: TaskOutcome,
): Promise<void> {
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

  const spec = resolveModel({ models: TOAPIS_MODELS, describeModel: describeToApisModel }, model);
  if (!spec) return replyError(exchange, 400, `model "${model}" is not supported`);
  const accepted = checkBody(body, spec, prompt, ctx);
  if (typeof accepted === 'string') return replyError(exchange, 400, accepted);

  const task = ctx.tasks.create({
    model,
    prompt,
    ...accepted,
    durationMs: ctx.taskDurationMs,
    queueMs: ctx.queueMs,
    outcome: marked.task ?? scriptedTask ?? 'completes',
  });
  exchange.replyJson(200, ctx.tasks.created(task));
}

/** The accepted body, or why ToAPIs would refuse it. */
function checkBody(
  body: Record<string, unknown>,
  spec: ModelSpec,
  prompt: string,
  ctx: GenerationsContext,
): Accepted | string {
  const dialect = dialectOf(spec);
  const name = spec.id;
  if (spec.maxPromptLength !== undefined && prompt.length > spec.maxPromptLength)
    return `prompt is ${prompt.length} characters; at most ${spec.maxPromptLength} for ${name}`;
  for (const field of Object.keys(body)) {
    // The tier's place is checked with the tier, for a message that says where it belongs.
    if (COMMON_FIELDS.has(field) || field === 'resolution') continue;
    const check = dialect.topLevel[field];
    if (!check) return `${field} is not a parameter of ${name}`;
    if (!check(body[field])) return `${field} has an invalid value for ${name}: ${JSON.stringify(body[field])}`;
  }
  if (body.metadata !== undefined && !asRecord(body.metadata)) return 'metadata must be an object';
  const metadata = asRecord(body.metadata) ?? {};

  const imageUrls = body.image_urls === undefined ? [] : body.image_urls;
  const urlProblem = checkImageUrls(imageUrls, spec, ctx);
  if (urlProblem) return urlProblem;
  const urls = imageUrls as string[];

  const ratios = spec.sizes.kind === 'aspect-ratio' ? spec.sizes.values : [];
  const size =
    body.size === undefined
      ? urls.length > 0 && ratios.includes('match_input_image')
        ? 'match_input_image'
        : (spec.defaultSize ?? '1:1')
      : body.size;
  if (typeof size !== 'string' || !ratios.includes(size)) return `size must be one of ${ratios.join(', ')} for ${name}`;
  if (dialect.editOnlySizes?.includes(size) && urls.length === 0) return `size ${size} needs image_urls`;

  if (body.n !== undefined && typeof body.n !== 'number')
    return `n must be a number, not a string (${dialect.nValues.join(', ')})`;
  const count = (body.n as number | undefined) ?? 1;
  if (!dialect.nValues.includes(count))
    return `n must be ${
      dialect.nValues.length === 1 ? `1 (fixed) for ${name}` : `one of ${dialect.nValues.join(', ')} for ${name}`
    }`;

  const tier = readTier(body, metadata, spec, dialect, size);
  if (tier.problem) return tier.problem;
  const editRatios = urls.length > 0 && tier.value ? dialect.editTierRatios?.[tier.value] : undefined;
  if (editRatios && !editRatios.includes(size))
    return `resolution ${tier.value} edits are only supported for size ${editRatios.join(' / ')}`;
  for (const { path, values } of dialect.metadata) {
    const value = path.reduce<unknown>((node, key) => asRecord(node)?.[key], metadata);
    if (value !== undefined && !values.includes(value as string))
      return `metadata.${path.join('.')} must be one of ${values.join(', ')}`;
  }

  if (body.mask_url !== undefined) {
    if (!spec.inputImages?.mask) return `mask_url is not supported by ${name}`;
    if (urls.length === 0) return 'mask_url needs image_urls (the image it masks)';
    const mask = ownFile(body.mask_url as string, ctx);
    if (mask === null) return 'mask_url could not be fetched (HTTP 404)';
    if (mask && mask.mimeType !== 'image/png') return 'mask_url must be a PNG with an alpha channel';
  }

  const pixels =
    size === 'match_input_image'
      ? inputPixels(urls[0]!, ctx)
      : size === 'auto'
        ? autoPixels(urls[0], tier.value, ctx)
        : pixelsFor(spec, size, tier.value);
  return { size, imageUrls: urls, metadata, count, ...pixels };
}

/** The tier as the model reads it, in canonical form (`2K`); refused when in the wrong place or case. */
function readTier(
  body: Record<string, unknown>,
  metadata: Record<string, unknown>,
  spec: ModelSpec,
  dialect: VendorDialect,
  size: string,
): { value?: string; problem?: string } {
  const tiers = spec.resolution?.values ?? [];
  const [where, sent, other] =
    dialect.tier === 'top-level-lower-case'
      ? (['the top-level resolution', body.resolution, metadata.resolution] as const)
      : (['metadata.resolution', metadata.resolution, body.resolution] as const);
  if (other !== undefined)
    return {
      problem:
        dialect.tier === 'none'
          ? `resolution is not a parameter of ${spec.id}`
          : `resolution belongs in ${where} for ${spec.id}`,
    };
  if (dialect.tier === 'none' || sent === undefined) return { value: spec.resolution?.default };
  const accepted = dialect.tier === 'top-level-lower-case' ? tiers.map((t) => t.toLowerCase()) : tiers;
  const index = typeof sent === 'string' ? accepted.indexOf(sent) : -1;
  if (index < 0) return { problem: `${where} must be one of ${accepted.join(', ')} for ${spec.id}` };
  const value = tiers[index]!;
  const offered = spec.resolution?.pixels?.[value];
  // auto at a tier made only at some ratios: the vendor may pick one it cannot make; refused like a ratio it lacks.
  const ratios =
    spec.sizes.kind === 'aspect-ratio'
      ? spec.sizes.values.filter((v) => v !== 'auto' && v !== 'match_input_image')
      : [];
  const lacking = size === 'auto' ? ratios.some((ratio) => !(ratio in (offered ?? {}))) : !(size in (offered ?? {}));
  if (offered && lacking)
    return {
      problem: `${where} ${String(sent)} is not supported for size ${size} (only ${Object.keys(offered).join(', ')})`,
    };
  return { value };
}

/** The pixels of the manifest's table, else the approximation for the tier (1K when the model has none). */
function pixelsFor(spec: ModelSpec, size: string, tier: string | undefined): { width: number; height: number } {
  const documented = outputPixels(spec, { size, ...(tier ? { resolution: tier } : {}) });
  return (documented && parsePixelSize(documented)) || approximatePixels(size, tier ?? '1K');
}

/** match_input_image: the first reference's own size when the emulator holds it, else 1024x1024. */
function inputPixels(url: string, ctx: GenerationsContext): { width: number; height: number } {
  const file = ownFile(url, ctx);
  const info = file ? sniffImage(file.bytes) : undefined;
  return info?.width && info.height ? { width: info.width, height: info.height } : { width: 1024, height: 1024 };
}

/**
 * size auto: the first reference's shape (when the emulator holds it) at the
 * tier, else a square: what "auto-match reference image ratio" / "let the
 * server choose" would plausibly make.
 */
function autoPixels(
  url: string | undefined,
  tier: string | undefined,
  ctx: GenerationsContext,
): { width: number; height: number } {
  const file = url ? ownFile(url, ctx) : undefined;
  const info = file ? sniffImage(file.bytes) : undefined;
  return approximatePixels(info?.width && info.height ? `${info.width}:${info.height}` : '1:1', tier ?? '1K');
}

/** A file the emulator serves at this URL: the file, null when it names none, undefined for other hosts. */
function ownFile(url: string, ctx: GenerationsContext): EmulatedFile | null | undefined {
  const own = `${ctx.publicUrl()}/files/`;
  if (!url.startsWith(own)) return undefined;
  return ctx.files.get(url.slice(own.length)) ?? null;
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
 * URLs only (the vendor no longer takes base64 there), at most the model's
 * limit. A URL on the emulator itself must name a file it serves, of a type
 * the model's page lists (the Gemini pages: .jpeg, .jpg, .png, .webp, no
 * GIF); other hosts are not fetched.
 */
function checkImageUrls(value: unknown, spec: ModelSpec, ctx: GenerationsContext): string | undefined {
  const max = spec.inputImages?.max ?? 0;
  if (!Array.isArray(value)) return 'image_urls must be an array of URLs';
  if (value.length > max) return `image_urls holds ${value.length} images; at most ${max} for ${spec.id}`;
  for (const [i, url] of value.entries()) {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
      return (
        `image_urls[${i}] is not a URL: base64 image data is no longer ` +
        `supported, upload the image first (/v1/uploads/images)`
      );
    }
    const file = ownFile(url, ctx);
    if (file === null) return `image_urls[${i}] could not be fetched (HTTP 404)`;
    const types = spec.inputImages?.mimeTypes;
    if (file && types && !types.includes(file.mimeType as (typeof types)[number])) {
      return (
        `image_urls[${i}] is ${file.mimeType}; ${spec.id} ` +
        `takes ${types.map((t) => t.replace('image/', '.')).join(', ')} reference images`
      );
    }
  }
  return undefined;
}
