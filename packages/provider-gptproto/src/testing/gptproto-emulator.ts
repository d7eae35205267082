import {
  delay,
  FaultScript,
  FileShelf,
  listen,
  markedFaults,
  OnceMemory,
  playFault,
  type EmulatorFault,
  type EmulatorRequest,
  type Exchange,
  type ListenOptions,
  type MarkerFault,
} from '@imagegate/testing/fakes';
import { GPTPROTO_MODELS } from '../gptproto-models.js';
import { renderImage, type EmulatedFormat } from './gptproto-emulator-images.js';
import { gptProtoErrorBody, replyError } from './gptproto-emulator-context.js';
import { GENERATE_CONTENT_ROUTE, geminiBlocked, generateContent } from './gptproto-emulator-generate-content.js';
import { imagesEdits, imagesGenerations } from './gptproto-emulator-images-api.js';
import {
  createPrediction,
  PREDICTION_RESULT_ROUTE,
  PREDICTIONS_ROUTE,
  predictionResult,
  type PredictionOutcome,
  type PredictionsContext,
} from './gptproto-emulator-predictions.js';
import { GPTPROTO_ACCOUNT } from '../gptproto-account.js';

/** A fault the GPTProto emulator plays (see {@link EmulatorFault}). */
export type GptProtoEmulatorFault = EmulatorFault;

/** Options of {@link startGptProtoEmulator}. */
export interface GptProtoEmulatorOptions extends ListenOptions {
  /**
   * The key accepted, bare (`Authorization: <key>`) or as `Bearer <key>`.
   * Unset: any non-empty key is accepted. A wrong or missing key is answered
   * 401 `{"error":{"message":"Invalid signature","type":"401"}}`.
   */
  apiKey?: string;
  /** Faults scripted from the start, as by `script()`. */
  faults?: GptProtoEmulatorFault[];
  /** Added to every answer, ms (to look like a network). Default 0. */
  latencyMs?: number;
  /** Pause between streamed events, ms. Default 40. */
  streamIntervalMs?: number;
  /** How long a v3 prediction runs, ms (queued for its first fifth, at most 1 s). Default 3000. */
  taskDurationMs?: number;
  /**
   * The image answered for a request, in the size and format asked (default: a
   * solid colour taken from the prompt). Memory and size measurements give
   * photo-like images here.
   */
  renderImage?: (image: { width: number; height: number; format: EmulatedFormat; prompt: string }) => Uint8Array;
}

/** A running GPTProto emulator. */
export interface GptProtoEmulator {
  /** Its origin, e.g. `http://127.0.0.1:43121`: pass it as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order, credentials masked. */
  readonly requests: EmulatorRequest[];
  /** Queue a fault for the next request(s) it matches. */
  script(fault: GptProtoEmulatorFault): void;
  /** Forget requests, scripted faults and which `-once` markers already played. */
  reset(): void;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * The prompt markers the GPTProto emulator adds to the common ones (`<status>`, `<status>-once`, `slow-<ms>`,
 * `truncated`).
 */
export const GPTPROTO_FAULT_MARKERS = [
  '403-balance',
  'content-policy',
  'task-fails',
  'task-content-policy',
  'task-never-finishes',
  'task-cancelled',
  'task-expires',
] as const;

/** Markers that decide how a v3 prediction ends rather than how the call is answered. */
const OUTCOME_MARKERS: Record<string, PredictionOutcome> = {
  'task-fails': 'fails',
  'task-content-policy': 'content-policy',
  'task-never-finishes': 'never-finishes',
  'task-cancelled': 'cancelled',
  'task-expires': 'expires',
};

/** A content-policy refusal as GPTProto sends it (documented as 503, arrives as 400). */
const CONTENT_BLOCKED = 'Content blocked due to safety concerns';

/**
 * Start a local server that answers like GPTProto: `POST /v1/images/generations`
 * (gpt-image, Gemini, Flux Kontext), `POST /v1/images/edits` (multipart
 * `image[]`, `mask`), `POST /v1beta/models/{model}:generateContent` (Gemini
 * 2.5 and 3, `imageSize`), streamed partial images (`stream: true`), the v3
 * API's predictions (`POST /api/v3/{vendor}/{model}/text-to-image|image-edit`,
 * `GET /api/v3/predictions/{id}/result`, synchronous mode, base64 outputs),
 * result files under `/files/`, and `GET /v1/models`. Images are real PNG,
 * JPEG or WebP files of the size and resolution asked for.
 *
 * Faults: `script({ status: 429, retryAfter: 1 })`, or a marker in the prompt:
 * `[fault:429-once]`, `[fault:401]`, `[fault:403-balance]`, `[fault:500]`,
 * `[fault:content-policy]`, `[fault:slow-2000]`, `[fault:truncated]`; for v3
 * predictions also `[fault:task-fails]`, `[fault:task-content-policy]`,
 * `[fault:task-never-finishes]`, `[fault:task-cancelled]`, `[fault:task-expires]`.
 *
 * @example
 * const emu = await startGptProtoEmulator({ apiKey: 'sk-test' });
 * const provider = createGptProto({ baseUrl: emu.url, apiKey: 'sk-test' });
 * await generateImage({ provider, model: 'gpt-image-2', prompt: 'a fox', size: '1536x1024' });
 * await emu.close();
 */
export async function startGptProtoEmulator(options: GptProtoEmulatorOptions = {}): Promise<GptProtoEmulator> {
  const requests: EmulatorRequest[] = [];
  const faults = new FaultScript<GptProtoEmulatorFault>();
  for (const fault of options.faults ?? []) faults.add(fault);
  const once = new OnceMemory();

  const files = new FileShelf();
  const predictions: PredictionsContext['predictions'] = new Map();
  let publicUrl = '';
  const ctx: PredictionsContext = {
    streamIntervalMs: options.streamIntervalMs ?? 40,
    render: (width, height, format, seed, shade) =>
      options.renderImage?.({ width, height, format, prompt: seed }) ?? renderImage(width, height, format, seed, shade),
    files,
    publicUrl: () => publicUrl,
    predictions,
    taskDurationMs: Math.max(0, options.taskDurationMs ?? 3000),
    markedOutcome: (prompt) =>
      Object.entries(OUTCOME_MARKERS).find(([name]) => prompt.includes(`[fault:${name}]`))?.[1],
    async playMarkers(exchange, prompt, endpoint) {
      const marked = markedFaults<GptProtoEmulatorFault>(
        prompt,
        (name) => (name in OUTCOME_MARKERS ? {} : vendorMarker(name, endpoint, prompt)),
        once,
      );
      if (marked.unknown) {
        replyError(
          exchange,
          400,
          `Unknown fault marker [fault:${marked.unknown}]; the package README lists the markers ("Testing offline")`,
        );
        return true;
      }
      if (!marked.fault) return false;
      exchange.log.fault = marked.names.join(',');
      return playFault(exchange, marked.fault, gptProtoErrorBody);
    },
  };

  async function handle(exchange: Exchange): Promise<void> {
    const scripted = faults.take(exchange.method, exchange.path);
    if (scripted) {
      exchange.log.fault = 'scripted';
      if (await playFault(exchange, scripted, gptProtoErrorBody)) return;
    }
    await delay(options.latencyMs ?? 0);
    if (files.serve(exchange, (e) => replyError(e, 404, 'File not found'))) return;
    if (!authorised(exchange.header('authorization'), options.apiKey))
      return replyError(exchange, 401, 'Invalid signature');

    const { method, path } = exchange;
    if (method === 'GET' && path === '/v1/models') return exchange.replyJson(200, modelList());
    if (method === 'POST' && path === '/v1/images/generations') return imagesGenerations(exchange, ctx);
    if (method === 'POST' && path === '/v1/images/edits') return imagesEdits(exchange, ctx);
    const content = method === 'POST' ? GENERATE_CONTENT_ROUTE.exec(path) : null;
    if (content) return generateContent(exchange, ctx, content[1]!);
    const result = method === 'GET' ? PREDICTION_RESULT_ROUTE.exec(path) : null;
    if (result) return predictionResult(exchange, ctx, result[1]!);
    const v3 = method === 'POST' ? PREDICTIONS_ROUTE.exec(path) : null;
    if (v3) return createPrediction(exchange, ctx, v3[1]!, decodeURIComponent(v3[2]!), v3[3]!);
    return replyError(exchange, 404, `Invalid URL (${method} ${path})`);
  }

  const server = await listen(
    handle,
    (entry) => requests.push(entry),
    gptProtoErrorBody,
    options,
    GPTPROTO_ACCOUNT.credentials,
  );
  publicUrl = server.url;
  return {
    url: server.url,
    port: server.port,
    requests,
    script: (fault) => faults.add(fault),
    reset() {
      requests.length = 0;
      faults.clear();
      once.clear();
      predictions.clear();
      files.clear();
    },
    close: server.close,
  };
}

/** GPTProto's own markers; the status ones come from the common rules. */
function vendorMarker(
  name: string,
  endpoint: 'images' | 'generate-content',
  prompt: string,
): MarkerFault<GptProtoEmulatorFault> | undefined {
  if (name === '403-balance') return { status: 403, message: 'Insufficient balance for the requested operation' };
  if (name === 'content-policy') {
    // Gemini-native answers refuse the Gemini way: HTTP 200 without a candidate.
    return endpoint === 'generate-content'
      ? { status: 200, body: geminiBlocked(prompt) }
      : { status: 400, message: CONTENT_BLOCKED };
  }
  return undefined;
}

/** The key bare or as `Bearer <key>`; any non-empty key when none is configured. */
function authorised(header: string | undefined, apiKey: string | undefined): boolean {
  const key = (header ?? '')
    .trim()
    .replace(/^bearer\s+/i, '')
    .trim();
  if (!key) return false;
  return apiKey === undefined || key === apiKey;
}

/** `GET /v1/models`: an OpenAI-style list of the image models. */
function modelList() {
  return {
    object: 'list',
    data: GPTPROTO_MODELS.map((m) => ({
      id: m.id,
      object: 'model',
      created: 1_745_000_000,
      owned_by: m.id.startsWith('gemini-')
        ? 'google'
        : m.id.includes('seedream')
          ? 'bytedance'
          : m.id.startsWith('flux-')
            ? 'bfl'
            : 'openai',
    })),
  };
}
