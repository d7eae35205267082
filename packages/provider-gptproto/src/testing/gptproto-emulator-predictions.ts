import type { ModelSpec } from '@imagegate/core';
import { outputPixels, sizeProblem } from '@imagegate/core/provider';
import {
  approximatePixels,
  delay,
  taskPhase,
  toBase64,
  type Exchange,
  type TaskTimeline,
} from '@imagegate/testing/fakes';
import { modelFamily, predictionsVendor } from '../gptproto-models.js';
import { asRecord, replyError, specFor, type GptProtoEmulatorContext } from './gptproto-emulator-context.js';
import { pixels, type EmulatedFormat } from './gptproto-emulator-images.js';

/** `POST /api/v3/{vendor}/{model}/{task}`, capturing the three. */
export const PREDICTIONS_ROUTE = /^\/api\/v3\/([^/]+)\/([^/]+)\/([^/]+)$/;
/** `GET /api/v3/predictions/{id}/result`, capturing the id. */
export const PREDICTION_RESULT_ROUTE = /^\/api\/v3\/predictions\/([^/]+)\/result$/;

/** How an emulated prediction ends. */
export type PredictionOutcome = 'completes' | 'fails' | 'content-policy' | 'never-finishes' | 'cancelled' | 'expires';

/**
 * Submit task names a page spells otherwise: Seedream 5.0's text-to-image
 * page printed `text-to-imgae` in one version (982d274, the live capture) and
 * `text-to-image` in a newer one (14f4704); both are answered here.
 */
const OTHER_SPELLINGS: Readonly<Record<string, Record<string, string>>> = {
  'seedream-5-0-260128': { 'text-to-imgae': 'text-to-image' },
};

/** One prediction the emulator runs on the real clock (the test kit's task phases). */
interface EmulatedPrediction extends TaskTimeline {
  id: string;
  model: string;
  prompt: string;
  width: number;
  height: number;
  format: EmulatedFormat;
  base64: boolean;
  outcome: PredictionOutcome;
  outputs?: string[];
}

/** What the v3 routes need beyond the shared emulator context. */
export interface PredictionsContext extends GptProtoEmulatorContext {
  predictions: Map<string, EmulatedPrediction>;
  taskDurationMs: number;
  /** The outcome a prompt marker picked (`[fault:task-fails]` …), if any. */
  markedOutcome(prompt: string): PredictionOutcome | undefined;
}

/**
 * Create a prediction, checking the body as GPTProto's v3 pages describe it:
 * Gemini takes `aspect_ratio` and the tier as `size`, Seedream `size` as
 * `W*H`; reference images are URLs in `images`. With `enable_sync_mode` the
 * answer waits for the result.
 */
export async function createPrediction(
  exchange: Exchange,
  ctx: PredictionsContext,
  vendor: string,
  model: string,
  taskInPath: string,
): Promise<void> {
  const body = asRecord(exchange.json());
  if (!body) return replyError(exchange, 400, 'Invalid JSON body');
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  exchange.log.model = model;
  exchange.log.prompt = prompt || undefined;
  const spec = specFor(model);
  if (!spec || modelFamily(model) !== 'predictions' || predictionsVendor(spec.id) !== vendor)
    return replyError(exchange, 404, `Invalid URL (POST ${exchange.path})`);
  const task = OTHER_SPELLINGS[model]?.[taskInPath] ?? taskInPath;
  if (task !== 'text-to-image' && task !== 'image-edit')
    return replyError(exchange, 404, `Invalid URL (POST ${exchange.path})`);
  if (!prompt) return replyError(exchange, 400, 'prompt is required');
  if (await ctx.playMarkers(exchange, prompt, 'images')) return;

  const images = body.images === undefined ? [] : body.images;
  if (!Array.isArray(images) || images.some((url) => typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)))
    return replyError(exchange, 400, 'images must be an array of image URLs');
  if (task === 'image-edit' && images.length === 0)
    return replyError(exchange, 400, 'images is required for image-edit');
  if (task === 'text-to-image' && images.length > 0)
    return replyError(exchange, 400, 'text-to-image takes no images; use image-edit');
  if (images.length > (spec.inputImages?.max ?? 0))
    return replyError(exchange, 400, `images holds ${images.length} URLs; at most ${spec.inputImages?.max ?? 0}`);
  for (const flag of ['enable_sync_mode', 'enable_base64_output']) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
      return replyError(exchange, 400, `${flag} must be a boolean`);
  }
  const size = outputSize(body, spec);
  if (typeof size === 'string') return replyError(exchange, 400, size);
  const format = body.output_format === undefined ? 'png' : body.output_format;
  if (format !== 'png' && format !== 'jpeg') return replyError(exchange, 400, 'output_format must be png or jpeg');

  const prediction: EmulatedPrediction = {
    id: `pred_${Math.random().toString(16).slice(2, 14)}`,
    model,
    prompt,
    ...size,
    format,
    base64: body.enable_base64_output === true,
    outcome: ctx.markedOutcome(prompt) ?? 'completes',
    createdAt: Date.now(),
    queueMs: Math.min(1000, Math.round(ctx.taskDurationMs * 0.2)),
    durationMs: ctx.taskDurationMs,
  };
  prediction.neverFinishes = prediction.outcome === 'never-finishes';
  ctx.predictions.set(prediction.id, prediction);
  // Synchronous mode holds the answer until the prediction is done (a stuck one answers as it stands).
  // (Timers may fire a millisecond early, so wait until the clock says done, or the answer would still be running.)
  if (body.enable_sync_mode === true && !prediction.neverFinishes) {
    while (Date.now() - prediction.createdAt < prediction.durationMs)
      await delay(prediction.createdAt + prediction.durationMs - Date.now() + 1);
  }
  exchange.replyJson(200, envelope(prediction, ctx));
}

/** `GET /api/v3/predictions/{id}/result`. */
export function predictionResult(exchange: Exchange, ctx: PredictionsContext, id: string): void {
  const prediction = ctx.predictions.get(decodeURIComponent(id));
  if (!prediction) return replyError(exchange, 404, 'Prediction not found');
  exchange.log.model = prediction.model;
  exchange.log.prompt = prediction.prompt;
  exchange.replyJson(200, envelope(prediction, ctx));
}

/** The output size a body asks for, or the vendor's complaint. */
function outputSize(body: Record<string, unknown>, spec: ModelSpec): { width: number; height: number } | string {
  if (spec.sizes.kind === 'aspect-ratio') {
    // The HD channel's newest pages send no size; the nano-banana page says size is "only Gemini 3 Pro Image Preview".
    if (!spec.resolution && body.size !== undefined)
      return `size is not supported by ${spec.id} (it has no 1K/2K/4K tiers)`;
    const ratio = body.aspect_ratio === undefined ? '1:1' : String(body.aspect_ratio);
    if (!spec.sizes.values.includes(ratio)) return `aspect_ratio must be one of ${spec.sizes.values.join(', ')}`;
    const tiers = spec.resolution?.values ?? ['1K'];
    const tier = body.size === undefined ? (spec.resolution?.default ?? '1K') : String(body.size);
    if (!tiers.includes(tier)) return `size must be one of ${tiers.join(', ')}`;
    const known = outputPixels(spec, { size: ratio, resolution: spec.resolution ? tier : undefined });
    return known ? pixels(known) : approximatePixels(ratio, tier);
  }
  const asked = typeof body.size === 'string' ? body.size : spec.defaultSize?.replace('x', '*');
  const match = /^(\d+)\*(\d+)$/.exec(asked ?? '');
  if (!match) return 'size must be width*height, e.g. 2048*2048';
  const problem = sizeProblem(`${match[1]}x${match[2]}`, spec.sizes);
  return problem ? `size ${asked} ${problem}` : { width: Number(match[1]), height: Number(match[2]) };
}

/** The v3 envelope of a prediction as it stands now; a finished one gets its output made once. */
function envelope(prediction: EmulatedPrediction, ctx: PredictionsContext): Record<string, unknown> {
  const phase = taskPhase(prediction, Date.now());
  const base = {
    id: prediction.id,
    model: prediction.model,
    outputs: [] as string[],
    urls: { get: `${ctx.publicUrl()}/api/v3/predictions/${prediction.id}/result` },
    has_nsfw_contents: [],
    created_at: new Date(prediction.createdAt).toISOString(),
    error: '',
    executionTime: 0,
    timings: { inference: 0 },
  };
  // The statuses of GPTProto's SDK (2026-08-20): its pages show only "completed".
  let data: Record<string, unknown>;
  if (phase.state === 'queued') data = { ...base, status: 'pending' };
  else if (phase.state === 'running' || phase.state === 'canceled') data = { ...base, status: 'in_progress' };
  else if (prediction.outcome === 'cancelled') data = { ...base, status: 'cancelled' };
  else if (prediction.outcome === 'expires') data = { ...base, status: 'expired' };
  else if (prediction.outcome === 'fails') data = { ...base, status: 'failed', error: 'upstream returned status 500' };
  else if (prediction.outcome === 'content-policy')
    data = { ...base, status: 'failed', error: 'Content blocked due to safety concerns' };
  else
    data = {
      ...base,
      status: 'completed',
      outputs: outputsOf(prediction, ctx),
      executionTime: prediction.durationMs,
      timings: { inference: prediction.durationMs },
    };
  return { data, message: 'success', code: 200 };
}

function outputsOf(prediction: EmulatedPrediction, ctx: PredictionsContext): string[] {
  if (!prediction.outputs) {
    const bytes = ctx.render(prediction.width, prediction.height, prediction.format, prediction.prompt);
    const mimeType = `image/${prediction.format}`;
    prediction.outputs = prediction.base64
      ? [toBase64(bytes)]
      : [`${ctx.publicUrl()}${ctx.files.put(`${prediction.id}.${prediction.format}`, { bytes, mimeType })}`];
  }
  return prediction.outputs;
}
