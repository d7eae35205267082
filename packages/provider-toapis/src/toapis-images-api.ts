import type { ImageRequest, SubmitContext, SubmitResult, TaskHandle } from '@imagegate/core/provider';
import { badAnswer } from '@imagegate/core/provider';
import { submitAnswerSchema } from './toapis-answers.js';
import { errorInBody } from './toapis-errors.js';
import type { ToApisProviderOptions } from './toapis-options.js';
import type { PlacedField, ToApisWireRule } from './toapis-wire-rules.js';

/** Submit endpoint; the poll endpoint is `${GENERATIONS_PATH}/{id}`. */
export const GENERATIONS_PATH = '/v1/images/generations';

/** The JSON body of `POST /v1/images/generations`; the model's wire rule adds its own fields. */
export interface ToApisGenerationBody {
  model: string;
  prompt: string;
  /** An aspect ratio, e.g. `'16:9'` (or `match_input_image` for a Flux Kontext edit). */
  size: string;
  /** Always a JSON number: the vendor refuses a quoted `"1"`. */
  n: number;
  /** Reference images, as URLs only (bytes are uploaded first). */
  image_urls?: string[];
  metadata?: Record<string, unknown>;
  /**
   * Placed by the wire rule: `resolution`, `quality`, `output_format`,
   * `output_compression`, `mask_url`, `response_format`.
   */
  [field: string]: unknown;
}

/** What the body needs besides the request: the uploaded URLs, the model's defaults and its wire rule. */
export interface BodyInputs {
  imageUrls: readonly string[];
  /** The mask's URL (uploaded when given as bytes). */
  maskUrl?: string;
  /** The model's `defaultSize`. */
  defaultSize?: string;
  rule: ToApisWireRule;
}

/**
 * Build the submit body from the request and the model's wire rule. `size`
 * is always sent (the rule's edit size, else the model's default). The
 * caller's `providerOptions.metadata` is merged over what the rule put in
 * `metadata`, object by object, so it may add to or override any of it.
 */
export function generationBody(
  request: ImageRequest,
  inputs: BodyInputs,
  options: ToApisProviderOptions,
): ToApisGenerationBody {
  const { rule, imageUrls } = inputs;
  const editing = imageUrls.length > 0;
  const size = request.size ?? (editing ? rule.editSize : undefined) ?? inputs.defaultSize ?? '1:1';
  const body: ToApisGenerationBody = {
    model: request.model,
    prompt: request.prompt,
    size,
    n: rule.n === 'as-asked' ? (request.n ?? 1) : 1,
  };
  if (editing) body.image_urls = [...imageUrls];

  const values: Record<PlacedField, string | number | undefined> = {
    resolution: request.resolution,
    quality: request.quality,
    outputFormat: request.outputFormat,
    outputCompression: request.outputCompression,
    mask: inputs.maskUrl,
  };
  for (const [field, placement] of Object.entries(rule.fields) as Array<
    [PlacedField, NonNullable<ToApisWireRule['fields'][PlacedField]>]
  >) {
    const value = values[field];
    if (value !== undefined) setPath(body, placement.path, placement.write ? placement.write(value) : value);
  }
  Object.assign(body, rule.fixed);
  if (options.metadata !== undefined) body.metadata = mergeObjects(body.metadata ?? {}, options.metadata);
  return body;
}

/** Set `value` at `path`, creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = isPlainObject(next) ? next : {}) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/** `extra` over `base`: nested objects are merged, anything else from `extra` wins. Neither input is changed. */
function mergeObjects(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const mine = Object.hasOwn(out, key) ? out[key] : undefined;
    // defineProperty: a key such as "__proto__" stays a plain field of the JSON.
    Object.defineProperty(out, key, {
      value: isPlainObject(mine) && isPlainObject(value) ? mergeObjects(mine, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `POST /v1/images/generations` (billable: core never resubmits it after a
 * timeout or 5xx) and turn the answer's `id` into a task handle.
 */
export async function submitGeneration(
  body: ToApisGenerationBody,
  ctx: SubmitContext<ToApisProviderOptions, unknown>,
): Promise<SubmitResult> {
  const context = { provider: ctx.provider.id, model: body.model };
  const answer = await ctx.http.json(
    ctx,
    { method: 'POST', url: GENERATIONS_PATH, json: body, kind: 'billable', model: body.model },
    { schema: submitAnswerSchema, what: 'the submit' },
  );
  if (answer.id === undefined) {
    if (answer.error) throw errorInBody(answer.error, 200, context, 'PROVIDER_ERROR');
    badAnswer('answered the submit without a task id ("id"); the task may still have been created.', context);
  }
  const task: TaskHandle = {
    version: 1,
    provider: ctx.provider.id,
    taskId: answer.id,
    model: body.model,
    createdAt: ctx.now(),
  };
  return { type: 'task', task };
}
