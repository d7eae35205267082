import { type ModelSpec } from '@imagegate/core';
import { describeSizes, sizeProblem, sniffImage } from '@imagegate/core/provider';
import { approximatePixels, toBase64, delay, type Exchange } from '@imagegate/testing/fakes';
import { GEMINI_RESOLUTIONS, isGptImagePlus, modelFamily } from '../gptproto-models.js';
import {
  asRecord,
  nowSeconds,
  replyError,
  specFor,
  type GptProtoEmulatorContext,
} from './gptproto-emulator-context.js';
import { gptImageUsage, pixels, type EmulatedFormat } from './gptproto-emulator-images.js';

/** The gpt-image parameters of a request, read and checked as the vendor would. */
interface GptImageParams {
  /** Output size in pixels, `WxH`. */
  size: string;
  n: number;
  quality: string;
  background: string;
  outputFormat: EmulatedFormat;
  stream: boolean;
  partialImages: number;
}

/**
 * `POST /v1/images/generations`: gpt-image models take the OpenAI Images
 * parameters; Gemini models take `size` as an aspect ratio and make one image.
 */
export async function imagesGenerations(exchange: Exchange, ctx: GptProtoEmulatorContext): Promise<void> {
  const body = asRecord(exchange.json());
  if (!body) return replyError(exchange, 400, 'Invalid JSON body: expected an object with "model" and "prompt"');
  const request = await readModelAndPrompt(exchange, ctx, body.model, body.prompt);
  if (!request) return;
  const { model, prompt, spec } = request;

  const family = modelFamily(model);
  // Our provider sends Seedream to v3; GPTProto also documents it here (apifox 358670635e0), for other clients.
  if (model.includes('seedream')) return seedreamGenerations(exchange, ctx, body, spec, prompt);
  if (family === 'predictions')
    return replyError(
      exchange,
      400,
      `${model} is served on /api/v3/${model.startsWith('gemini-') ? 'google' : 'bytedance'}/${model}/text-to-image`,
    );
  if (family === 'flux') return fluxGenerations(exchange, ctx, body, spec, prompt);
  if (family === 'gemini') {
    const ratio = body.size === undefined ? '1:1' : String(body.size);
    const size = (GEMINI_RESOLUTIONS as Record<string, string>)[ratio];
    if (!size)
      return replyError(
        exchange,
        400,
        `Invalid size "${ratio}": use one of ${Object.keys(GEMINI_RESOLUTIONS).join(', ')}`,
      );
    const { width, height } = pixels(size);
    const usage = {
      input_tokens: 535,
      input_tokens_details: { image_tokens: 516, text_tokens: 19 },
      output_tokens: 1290,
      total_tokens: 1825,
    };
    return exchange.replyJson(200, {
      created: Date.now(),
      data: [{ b64_json: toBase64(ctx.render(width, height, 'png', prompt)) }],
      output_format: 'png',
      quality: 'high',
      size: ratio,
      usage,
    });
  }

  if (isGptImagePlus(model)) return answerPlus(exchange, ctx, prompt, spec, (key) => body[key]);
  const params = readGptImageParams((key) => body[key], spec);
  if (typeof params === 'string') return replyError(exchange, 400, params);
  return answerImages(exchange, ctx, 'image_generation', prompt, params, 0);
}

/**
 * `POST /v1/images/edits`: multipart with `image[]` repeated (or `image`), an
 * optional `mask`, and the gpt-image parameters as text fields. Without a
 * size, the output takes the first input image's size.
 */
export async function imagesEdits(exchange: Exchange, ctx: GptProtoEmulatorContext): Promise<void> {
  const form = await exchange.formData();
  if (!form) return replyError(exchange, 400, 'Invalid request: /v1/images/edits takes multipart/form-data');
  const request = await readModelAndPrompt(exchange, ctx, form.get('model'), form.get('prompt'));
  if (!request) return;
  const { model, prompt, spec } = request;
  if (modelFamily(model) === 'gemini') {
    return replyError(
      exchange,
      400,
      `${model} does not support /v1/images/edits; use /v1beta/models/${model}:generateContent`,
    );
  }

  const files = [...form.getAll('image[]'), ...form.getAll('image')];
  if (files.length === 0) return replyError(exchange, 400, "Missing required parameter: 'image[]'");
  if (files.length > 16) return replyError(exchange, 400, `Too many images: ${files.length} (at most 16)`);
  const inputs: Array<{ width?: number; height?: number }> = [];
  for (const [i, file] of files.entries()) {
    const info = typeof file === 'string' ? undefined : sniffImage(new Uint8Array(await file.arrayBuffer()));
    if (!info || info.mimeType === 'image/gif')
      return replyError(exchange, 400, `Invalid image file 'image[${i}]': png, jpeg or webp expected`);
    inputs.push(info);
  }
  const mask = form.get('mask');
  if (mask !== null) {
    const info = typeof mask === 'string' ? undefined : sniffImage(new Uint8Array(await mask.arrayBuffer()));
    if (info?.mimeType !== 'image/png') return replyError(exchange, 400, "Invalid mask: 'mask' must be a PNG image");
    if (info.width !== inputs[0]!.width || info.height !== inputs[0]!.height) {
      return replyError(
        exchange,
        400,
        `Invalid mask: ${info.width}x${info.height} ` +
          `does not match the image (${inputs[0]!.width}x${inputs[0]!.height})`,
      );
    }
  }

  if (isGptImagePlus(model)) return answerPlus(exchange, ctx, prompt, spec, (key) => form.get(key) ?? undefined);
  const first = inputs[0]!;
  const params = readGptImageParams(
    (key) => form.get(key) ?? undefined,
    spec,
    first.width && first.height ? `${first.width}x${first.height}` : undefined,
  );
  if (typeof params === 'string') return replyError(exchange, 400, params);
  return answerImages(exchange, ctx, 'image_edit', prompt, params, files.length);
}

async function readModelAndPrompt(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  modelValue: unknown,
  promptValue: unknown,
): Promise<{ model: string; prompt: string; spec: ModelSpec } | undefined> {
  const model = typeof modelValue === 'string' ? modelValue : '';
  const prompt = typeof promptValue === 'string' ? promptValue : '';
  exchange.log.model = model || undefined;
  exchange.log.prompt = prompt || undefined;
  if (!model) return void replyError(exchange, 400, "Missing required parameter: 'model'");
  if (!prompt) return void replyError(exchange, 400, "Missing required parameter: 'prompt'");
  if (await ctx.playMarkers(exchange, prompt, 'images')) return undefined;
  const spec = specFor(model);
  if (!spec) return void replyError(exchange, 400, `Model "${model}" is not available for images`);
  return { model, prompt, spec };
}

function readGptImageParams(
  get: (key: string) => unknown,
  spec: ModelSpec,
  inputSize?: string,
): GptImageParams | string {
  const text = (key: string) => {
    const value = get(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  const n = text('n') === undefined ? 1 : Number(text('n'));
  if (!Number.isInteger(n) || n < 1 || n > 10) return `Invalid 'n' ${text('n')}: an integer from 1 to 10`;

  const asked = text('size');
  let size = inputSize ?? '1024x1024';
  if (asked !== undefined && asked !== 'auto') {
    const problem = sizeProblem(asked, spec.sizes);
    if (problem) return `Invalid 'size' "${asked}": ${problem}`;
    size = asked;
  }

  const quality = text('quality') ?? 'auto';
  if (!['auto', 'low', 'medium', 'high'].includes(quality))
    return `Invalid 'quality' "${quality}": auto, low, medium or high`;
  const background = text('background') ?? 'auto';
  if (!(spec.options.background ?? ['auto', 'opaque']).includes(background)) {
    return background === 'transparent'
      ? `Transparent background is not supported for ${spec.id}`
      : `Invalid 'background' "${background}"`;
  }
  const format = text('output_format') ?? 'auto';
  if (!['auto', 'png', 'jpeg', 'webp'].includes(format))
    return `Invalid 'output_format' "${format}": png, jpeg or webp`;
  const outputFormat: EmulatedFormat = format === 'auto' ? 'png' : (format as EmulatedFormat);
  if (background === 'transparent' && outputFormat === 'jpeg')
    return 'Transparent background needs output_format png or webp';
  const compression = text('output_compression');
  if (compression !== undefined && !(Number(compression) >= 0 && Number(compression) <= 100))
    return `Invalid 'output_compression' ${compression}: 0 to 100`;

  const stream = get('stream') === true || text('stream') === 'true';
  const partialImages = text('partial_images') === undefined ? 0 : Number(text('partial_images'));
  if (!Number.isInteger(partialImages) || partialImages < 0 || partialImages > 3)
    return `Invalid 'partial_images' ${text('partial_images')}: 0 to 3`;

  return {
    size,
    n,
    quality: quality === 'auto' ? 'medium' : quality,
    background: background === 'auto' ? 'opaque' : background,
    outputFormat,
    stream,
    partialImages: stream ? partialImages : 0,
  };
}

/** The images answer, plain JSON (document 003) or streamed with OpenAI's event names. */
async function answerImages(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  prefix: 'image_generation' | 'image_edit',
  prompt: string,
  params: GptImageParams,
  inputImages: number,
): Promise<void> {
  const { width, height } = pixels(params.size);
  const render = (i: number, shade = 0) =>
    toBase64(ctx.render(width, height, params.outputFormat, seedFor(prompt, i), shade));
  const meta = {
    size: params.size,
    quality: params.quality,
    background: params.background,
    output_format: params.outputFormat,
  };

  if (!params.stream) {
    const usage = gptImageUsage(prompt, params.size, params.quality, params.n, inputImages);
    const data = Array.from({ length: params.n }, (_, i) => ({ b64_json: render(i) }));
    return exchange.replyJson(200, {
      created: nowSeconds(),
      background: params.background,
      data,
      output_format: params.outputFormat,
      quality: params.quality,
      size: params.size,
      usage,
    });
  }

  const events = exchange.startEvents();
  for (let i = 0; i < params.n; i++) {
    for (let p = 0; p < params.partialImages; p++) {
      await delay(ctx.streamIntervalMs);
      const shade = 0.75 * (1 - (p + 1) / (params.partialImages + 1));
      events.event(`${prefix}.partial_image`, {
        type: `${prefix}.partial_image`,
        b64_json: render(i, shade),
        created_at: nowSeconds(),
        ...meta,
        partial_image_index: p,
      });
    }
    // A truncated stream stops before its completed event.
    if (exchange.truncate) break;
    await delay(ctx.streamIntervalMs);
    const usage = gptImageUsage(prompt, params.size, params.quality, 1, inputImages, params.partialImages);
    events.event(`${prefix}.completed`, {
      type: `${prefix}.completed`,
      b64_json: render(i),
      created_at: nowSeconds(),
      ...meta,
      usage,
    });
  }
  events.end();
}

/**
 * What the -plus pages do not list; the gpt-image snippet says quality is "Not supported by `-plus` suffixed models".
 */
const PLUS_UNSUPPORTED = [
  'n',
  'quality',
  'background',
  'moderation',
  'output_format',
  'output_compression',
  'input_fidelity',
  'stream',
  'partial_images',
  'user',
  'mask',
];

/** The size a -plus channel makes when none (or `auto`) is asked: the newer page's default. */
const PLUS_DEFAULT_SIZE = '1254x1254';

/**
 * A `-plus` channel (snippet `official-format/gpt-image-plus`): `model`,
 * `prompt`, `size` (and `image[]` for edits) only, anything else a 400; one
 * PNG, answered as the pages show it: `{ data: [{ b64_json: "data:image/png;base64,…" }], created }`,
 * without usage.
 */
function answerPlus(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  prompt: string,
  spec: ModelSpec,
  get: (key: string) => unknown,
): void {
  const extra = PLUS_UNSUPPORTED.find((key) => get(key) !== undefined && get(key) !== null);
  if (extra) return replyError(exchange, 400, `Parameter '${extra}' is not supported by ${spec.id}`);
  const asked = get('size') === undefined ? 'auto' : String(get('size'));
  const problem = asked === 'auto' ? undefined : sizeProblem(asked, spec.sizes);
  if (problem) return replyError(exchange, 400, `Invalid 'size' "${asked}": ${problem}`);
  const { width, height } = pixels(asked === 'auto' ? PLUS_DEFAULT_SIZE : asked);
  exchange.replyJson(200, {
    data: [{ b64_json: `data:image/png;base64,${toBase64(ctx.render(width, height, 'png', prompt))}` }],
    created: nowSeconds(),
  });
}

/** Each of `n` images gets its own colour. */
function seedFor(prompt: string, index: number): string {
  return index === 0 ? prompt : `${prompt}#${index}`;
}

/**
 * Flux Kontext on `/v1/images/generations`: `size` an aspect ratio, `n` 1–4;
 * the answer lists URLs (`{ data: [{ url, revised_prompt }] }`), served here.
 */
function fluxGenerations(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  body: Record<string, unknown>,
  spec: ModelSpec,
  prompt: string,
): void {
  const ratio = body.size === undefined ? '1:1' : String(body.size);
  if (sizeProblem(ratio, spec.sizes))
    return replyError(exchange, 400, `Invalid size "${ratio}": ${describeSizes(spec.sizes)}`);
  const n = body.n === undefined ? 1 : body.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 4)
    return replyError(exchange, 400, `Invalid 'n' ${String(n)}: an integer from 1 to 4`);
  const { width, height } = approximatePixels(ratio, '1K');
  const data = Array.from({ length: n }, (_, i) => {
    const path = ctx.files.put(`flux-${Date.now().toString(36)}-${i}.png`, {
      bytes: ctx.render(width, height, 'png', `${prompt}#${i}`),
      mimeType: 'image/png',
    });
    return { url: `${ctx.publicUrl()}${path}`, revised_prompt: prompt };
  });
  exchange.replyJson(200, { created: Math.floor(Date.now() / 1000), data });
}

/**
 * Seedream on `/v1/images/generations` (apifox 358670635e0): `size` in
 * pixels (`WxH`, default 2048x2048), one image, answered as a URL with its
 * `size` and the documented `usage: { generated_images, output_tokens,
 * total_tokens }`; tokens counted as ByteDance counts them, width × height / 256.
 */
function seedreamGenerations(
  exchange: Exchange,
  ctx: GptProtoEmulatorContext,
  body: Record<string, unknown>,
  spec: ModelSpec,
  prompt: string,
): void {
  const size = body.size === undefined ? '2048x2048' : String(body.size);
  const problem = sizeProblem(size, spec.sizes);
  if (problem) return replyError(exchange, 400, `Invalid size "${size}": ${problem}`);
  const { width, height } = pixels(size);
  const path = ctx.files.put(`seedream-${Date.now().toString(36)}.png`, {
    bytes: ctx.render(width, height, 'png', prompt),
    mimeType: 'image/png',
  });
  const tokens = Math.round((width * height) / 256);
  exchange.replyJson(200, {
    model: spec.id,
    created: nowSeconds(),
    data: [{ url: `${ctx.publicUrl()}${path}`, size }],
    usage: { generated_images: 1, output_tokens: tokens, total_tokens: tokens },
  });
}
