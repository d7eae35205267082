import {
  decodeBase64,
  ImageGateError,
  operationOf,
  taskFailedError,
  type ImageRequest,
  type SubmitResult,
  type TaskHandle,
  type TaskStatus,
  type VendorContext,
  type VendorImage,
} from '@imagegate/core/provider';
import { answerContext, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { predictionsVendor } from './gptproto-models.js';
import type { GptProtoContext } from './gptproto-options.js';
import { predictionAnswerSchema, type Prediction, type PredictionAnswer } from './gptproto-predictions-answer.js';

/**
 * GPTProto's asynchronous v3 API: `POST /api/v3/{vendor}/{model}/text-to-image`
 * or `/image-edit` creates a prediction, `GET /api/v3/predictions/{id}/result`
 * reports it; results are URLs (core downloads them).
 */

/** The submit path of a v3 model for an operation (`task` replaces the operation's name, for the fallback below). */
export function predictionsPath(
  model: string,
  operation: 'generate' | 'edit',
  task = operation === 'edit' ? 'image-edit' : 'text-to-image',
): string {
  return `/api/v3/${predictionsVendor(model)}/${encodeURIComponent(model)}/${task}`;
}

/**
 * Submit paths GPTProto's pages spell two ways: Seedream 5.0's text-to-image
 * is `text-to-imgae` on one version of its page (982d274 and the live
 * capture) and `text-to-image` on a newer one (14f4704). The newer spelling
 * is sent; a 404 to it (an unknown path, refused before anything runs or is
 * billed) is tried once more with the other.
 */
const SECOND_SPELLING: Readonly<Record<string, string>> = { 'seedream-5-0-260128 text-to-image': 'text-to-imgae' };

/** The poll path of a prediction, built from the id alone (never from a URL in an answer or a handle). */
export function predictionResultPath(id: string): string {
  return `/api/v3/predictions/${encodeURIComponent(id)}/result`;
}

/**
 * The JSON body. Gemini models take `aspect_ratio` and the tier as `size`
 * (`1K`/`2K`/`4K`); Seedream takes `size` as `W*H`. Reference images are
 * URLs (`images`). Results come back as URLs (`enable_base64_output: false`:
 * base64 would swell every poll answer); `enable_sync_mode` only when the
 * caller asks for it (see the README: a dropped synchronous call loses the
 * prediction id).
 */
export function predictionBody(
  request: ImageRequest,
  ctx: Pick<GptProtoContext, 'model' | 'options'>,
): Record<string, unknown> {
  const { model, options } = ctx;
  const body: Record<string, unknown> = { prompt: request.prompt };
  const size = request.size ?? model.defaultSize;
  if (model.sizes.kind === 'aspect-ratio') {
    if (size !== undefined) body.aspect_ratio = size;
    // The tier, only for models that have tiers: the HD channel's newest pages send no size.
    if (model.resolution && request.resolution !== undefined) body.size = request.resolution;
  } else if (size !== undefined) {
    body.size = size.replace('x', '*');
  }
  if (request.outputFormat !== undefined) body.output_format = request.outputFormat;
  const urls = (request.images ?? []).flatMap((image) => ('url' in image ? [image.url] : []));
  if (urls.length > 0) body.images = urls;
  body.enable_base64_output = false;
  body.enable_sync_mode = options.syncMode === true;
  return body;
}

/**
 * Create a prediction (billable: never resubmitted after a timeout or 5xx).
 * The id is read before anything else: a prediction that is already complete
 * (synchronous mode) answers its images with its handle, and an error the
 * answer carries beside an id (`{ code: 400, data: { id } }`) names it, so a
 * paid prediction is never lost to what follows.
 */
export async function submitPrediction(request: ImageRequest, ctx: GptProtoContext): Promise<SubmitResult> {
  const operation = operationOf(request);
  const json = predictionBody(request, ctx);
  const send = (url: string) =>
    ctx.http.answer(
      ctx,
      { method: 'POST', url, json, kind: 'billable', model: request.model },
      { schema: predictionAnswerSchema, what: 'the prediction submit' },
    );
  const named = operation === 'edit' ? 'image-edit' : 'text-to-image';
  const other = SECOND_SPELLING[`${ctx.model.id} ${named}`];
  const pathId = pathIdOf(request.model, ctx.model.id);
  let answered: Awaited<ReturnType<typeof send>>;
  try {
    answered = await send(predictionsPath(pathId, operation));
  } catch (error) {
    if (!other || !ImageGateError.is(error) || error.status !== 404) throw error;
    // Not found: no prediction was created. The other spelling once; when it is not found either, the first 404 is
    // reported.
    answered = await send(predictionsPath(pathId, operation, other)).catch((second: unknown) => {
      throw ImageGateError.is(second) && second.status === 404 ? error : second;
    });
    ctx.warn(
      `GPTProto answered 404 to /${named} for ${ctx.model.id}; ` +
        `the prediction was submitted to /${other}, the spelling of an older GPTProto page.`,
    );
  }
  const { value, status } = answered;
  const context = answerContext(ctx, request.model, status);
  const id = value.data?.id;
  const task: TaskHandle | undefined = id
    ? { version: 1, provider: ctx.provider.id, taskId: id, model: request.model, createdAt: ctx.now() }
    : undefined;
  try {
    const prediction = predictionOf(value, context);
    if (!task)
      return unusableAnswer(
        'without a prediction id ("data.id"); the prediction may still have been created.',
        context,
        'data.id',
      );
    const outcome = predictionStatus(prediction, { ...context, taskId: task.taskId });
    if (outcome.state === 'succeeded') return { type: 'images', images: outcome.images, task };
    if (outcome.state === 'failed') throw outcome.error;
    return { type: 'task', task };
  } catch (error) {
    throw task && ImageGateError.is(error) && !error.task ? error.with({ task, taskId: task.taskId }) : error;
  }
}

/**
 * The model id in the submit path: a `doubao-seedream-…` id as named (GPTProto
 * documents those paths of their own, `/api/v3/bytedance/doubao-seedream-…/`),
 * any other alias under its model's id (the HD channel's old name, say).
 */
function pathIdOf(asked: string, modelId: string): string {
  return asked.startsWith('doubao-') ? asked : modelId;
}

/** Poll a prediction (idempotent: retried on network errors, 429 and 5xx). */
export async function getPrediction(task: TaskHandle, ctx: VendorContext): Promise<TaskStatus> {
  const { value, status } = await ctx.http.answer(
    ctx,
    {
      method: 'GET',
      url: predictionResultPath(task.taskId),
      kind: 'idempotent',
      model: task.model,
      taskId: task.taskId,
    },
    { schema: predictionAnswerSchema, what: 'the prediction poll' },
  );
  const context = { ...answerContext(ctx, task.model, status), taskId: task.taskId };
  const prediction = predictionOf(value, context);
  // The id the answer names: core refuses the status of another prediction.
  const named = prediction.id === undefined ? {} : { taskId: prediction.id };
  const outcome = predictionStatus(prediction, context);
  // "completed" with nothing in `outputs` is no result: say so rather than wait on.
  if (outcome.state === 'running' && outcome.completedEmpty)
    unusableAnswer(
      `reported prediction ${task.taskId} completed without any output ("data.outputs" is empty).`,
      context,
      'data.outputs',
    );
  return outcome.state === 'running' ? { state: 'running', ...named } : { ...outcome, ...named };
}

/** The prediction inside the envelope, or the vendor's error when the envelope carries one instead. */
function predictionOf(answer: PredictionAnswer, context: AnswerContext): Prediction {
  if (typeof answer.code === 'number' && answer.code >= 400)
    throw errorInBody({ message: answer.message ?? undefined, type: String(answer.code), code: undefined }, context);
  if (answer.data) return answer.data;
  if (answer.error) throw errorInBody(answer.error, context);
  return unusableAnswer('without a prediction ("data" is missing).', context, 'data');
}

type PredictionOutcome = Exclude<TaskStatus, { state: 'running' }> | { state: 'running'; completedEmpty?: boolean };

/** The statuses read, for the error that quotes one that is not. */
const KNOWN_STATUSES = 'pending, in_progress, completed, failed, cancelled or expired (or created, processing)';

/**
 * created/pending/queued → queued; processing/running/starting/in_progress →
 * running; completed with outputs → succeeded; failed → failed (TASK_FAILED
 * or CONTENT_POLICY); cancelled → canceled; expired → failed (TASK_FAILED,
 * saying it expired). Completed without outputs reads as still running at the
 * submit (a documented submit answer shows it) and as an error at a poll.
 * GPTProto's pages show only `completed`; the SDK (2026-08-20) defines
 * pending, in_progress, completed, failed, cancelled and expired.
 */
function predictionStatus(prediction: Prediction, context: AnswerContext & { taskId: string }): PredictionOutcome {
  switch (prediction.status) {
    case 'created':
    case 'pending':
    case 'queued':
    case 'submitted':
      return { state: 'queued' };
    case 'processing':
    case 'running':
    case 'starting':
    case 'in_progress':
      return { state: 'running' };
    case 'completed':
    case 'succeeded':
    case 'success': {
      const outputs = prediction.outputs ?? [];
      if (outputs.length === 0) return { state: 'running', completedEmpty: true };
      return { state: 'succeeded', images: outputs.map((output, i) => outputImage(output, i, context)) };
    }
    case 'failed':
    case 'error':
      return {
        state: 'failed',
        error: taskFailedError({ code: prediction.error?.code, message: prediction.error?.message }, context),
      };
    case 'cancelled':
    case 'canceled':
      return { state: 'canceled' };
    case 'expired': {
      const why = prediction.error?.message ? ` (${prediction.error.message.replace(/\.$/, '')})` : '';
      return {
        state: 'failed',
        error: taskFailedError(
          {
            code: prediction.error?.code ?? 'expired',
            message: `it expired before it completed${why}; it makes no images`,
          },
          context,
        ),
      };
    }
    default:
      return unusableAnswer(
        `reported prediction ${context.taskId} with the status ` +
          `${prediction.status === undefined ? '(none)' : `"${prediction.status}"`} (expected ${KNOWN_STATUSES})` +
          `${prediction.error?.message ? `, saying "${prediction.error.message}"` : ''}.`,
        context,
        'data.status',
      );
  }
}

/** One output: a URL for core to download, or base64 (bare or a data URI) decoded and checked. */
function outputImage(output: unknown, i: number, context: AnswerContext): VendorImage {
  const field = `data.outputs[${i}]`;
  if (typeof output !== 'string' || output.trim() === '')
    unusableAnswer(`with ${field} that is not a URL or base64 text.`, context, `data.outputs.${i}`);
  const text = (output as string).trim();
  if (/^https?:\/\/\S+$/i.test(text)) return { url: text };
  // Not a URL: base64 (enable_base64_output), bare or as a data URI; checkedImage refuses anything else.
  return { data: checkedImage(decodeBase64(text.replace(/^data:[^,]*;base64,/i, '')), field, context) };
}
