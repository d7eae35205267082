import {
  FaultScript,
  markedFaults,
  OnceMemory,
  playFault,
  type EmulatorFault,
  type MarkerFault,
  delay,
  listen,
  type EmulatorRequest,
  type Exchange,
  type ListenOptions,
} from '@imagegate/testing/fakes';
import { TOAPIS_MAX_UPLOAD_BYTES, TOAPIS_MODELS } from '../toapis-models.js';
import { replyError, toApisErrorBody, type EmulatedFile } from './toapis-emulator-context.js';
import {
  getTask,
  GENERATIONS_ROUTE,
  submitGeneration,
  TASK_ROUTE,
  type GenerationsContext,
} from './toapis-emulator-generations.js';
import { TaskStore, type EmulatedTask, type TaskOutcome } from './toapis-emulator-tasks.js';
import { FILES_ROUTE, serveFile, UPLOADS_ROUTE, uploadImage } from './toapis-emulator-uploads.js';
import { TOAPIS_ACCOUNT } from '../toapis-account.js';

/** A fault the ToAPIs emulator plays: an HTTP fault, or how the next submitted task ends. */
export interface ToApisEmulatorFault extends EmulatorFault {
  /**
   * Played on a submit: the task fails (`generation_failed`),
   * is refused (`content_policy_violation`), or never finishes.
   */
  task?: Exclude<TaskOutcome, 'completes'>;
}

/** Options of {@link startToApisEmulator}. */
export interface ToApisEmulatorOptions extends ListenOptions {
  /**
   * The key accepted as `Authorization: Bearer <key>`. Unset: any non-empty
   * Bearer key. Anything else is answered 401 `unauthorized`.
   */
  apiKey?: string;
  /** Faults scripted from the start, as by `script()`. */
  faults?: ToApisEmulatorFault[];
  /** Real time from submit to completed, ms. Default 3000; 0 completes at the first poll. */
  taskDurationMs?: number;
  /** How long a task reports `queued` before `in_progress`, ms. Default 20 % of the duration, at most 1000. */
  queueMs?: number;
  /** Largest upload accepted, bytes. Default 10 MB. */
  maxUploadBytes?: number;
  /** Origin put in result and upload URLs (when clients reach the emulator by another name). Default its own `url`. */
  publicUrl?: string;
  /** Added to every answer, ms. Default 0. */
  latencyMs?: number;
  /**
   * The clock tasks run on, ms since the epoch. Default `Date.now`. Share a
   * simulated clock with core's `now` and `sleep` to run tasks of many
   * seconds (polled at ToAPIs' 5 s cadence) in no real time.
   */
  now?: () => number;
  /**
   * The bytes and type of a task's result image `index`, instead of the
   * rendered solid colour (e.g. a large photo-like PNG, to measure memory).
   */
  resultFile?: (task: EmulatedTask, index: number) => EmulatedFile;
}

/** A running ToAPIs emulator. */
export interface ToApisEmulator {
  /** Its origin, e.g. `http://127.0.0.1:43122`: pass it as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order, credentials masked. */
  readonly requests: EmulatorRequest[];
  /** Queue a fault for the next request(s) it matches. */
  script(fault: ToApisEmulatorFault): void;
  /** Forget requests, scripted faults, `-once` markers, tasks and files. */
  reset(): void;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * The prompt markers the ToAPIs emulator adds to the common
 * ones (`<status>`, `<status>-once`, `slow-<ms>`, `truncated`).
 */
export const TOAPIS_FAULT_MARKERS = [
  'content-policy',
  'task-fails',
  'task-content-policy',
  'task-never-finishes',
  'limiter-unavailable',
  'limiter-unavailable-once',
] as const;

/**
 * The answer when ToAPIs' submit limiter is down (rate-limits/async-tasks,
 * 2026-08-20): HTTP 503 with this body, as the page shows it (no `type`).
 * A refusal before any task exists; status queries still work.
 */
export const TOAPIS_LIMITER_UNAVAILABLE_BODY = {
  error: { code: 'rate_limit_unavailable', message: 'The async task submit limiter is temporarily unavailable' },
} as const;

/**
 * Start a local server that answers like ToAPIs: `POST /v1/images/generations`
 * (a task, for every model of the manifest, its body checked as that model's
 * doc page says), `GET /v1/images/generations/{id}` (queued → in_progress
 * with rising progress → completed after `taskDurationMs`, with `n` images on
 * models that make several), `POST /v1/uploads/images`, `GET /files/<name>`
 * (result and upload URLs it serves: real images of the ratio and tier asked,
 * PNG up to 2048x2048 pixels, JPEG above), and `GET /v1/models`.
 *
 * Faults: `script({ status: 429, retryAfter: 1 })`, `script({ task: 'fails' })`,
 * or a marker in the prompt: `[fault:429-once]`, `[fault:401]`, `[fault:402]`,
 * `[fault:500]`, `[fault:content-policy]`, `[fault:slow-2000]`,
 * `[fault:truncated]`, `[fault:task-fails]`, `[fault:task-never-finishes]`,
 * `[fault:limiter-unavailable-once]` (503 `rate_limit_unavailable`).
 *
 * @example
 * const emu = await startToApisEmulator({ apiKey: 'sk-test', taskDurationMs: 1000 });
 * const provider = createToApis({ baseUrl: emu.url, apiKey: 'sk-test' });
 * await generateImage({
 *   provider,
 *   model: 'gemini-3-pro-image-preview',
 *   prompt: 'a lighthouse',
 *   size: '16:9',
 *   resolution: '2K',
 * }); // a 2752x1536 image
 * await emu.close();
 */
export async function startToApisEmulator(options: ToApisEmulatorOptions = {}): Promise<ToApisEmulator> {
  const requests: EmulatorRequest[] = [];
  const faults = new FaultScript<ToApisEmulatorFault>();
  for (const fault of options.faults ?? []) faults.add(fault);
  const once = new OnceMemory();
  const files = new Map<string, EmulatedFile>();
  const tasks = new TaskStore(files, options.now ?? Date.now, options.resultFile);
  const taskDurationMs = Math.max(0, options.taskDurationMs ?? 3000);
  const maxUploadBytes = options.maxUploadBytes ?? TOAPIS_MAX_UPLOAD_BYTES;
  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';

  const ctx: GenerationsContext = {
    tasks,
    files,
    publicUrl: () => publicUrl,
    taskDurationMs,
    queueMs: Math.max(0, options.queueMs ?? Math.min(1000, Math.round(taskDurationMs * 0.2))),
    async playMarkers(exchange, prompt) {
      const marked = markedFaults<ToApisEmulatorFault>(prompt, vendorMarker, once);
      if (marked.unknown) {
        replyError(
          exchange,
          400,
          `Unknown fault marker [fault:${marked.unknown}]; the package README lists the markers ("Testing offline")`,
        );
        return { answered: true };
      }
      if (!marked.fault) return { answered: false };
      exchange.log.fault = marked.names.join(',');
      return { answered: await playFault(exchange, marked.fault, toApisErrorBody), task: marked.fault.task };
    },
  };

  async function handle(exchange: Exchange): Promise<void> {
    const scripted = faults.take(exchange.method, exchange.path);
    if (scripted) {
      exchange.log.fault = 'scripted';
      if (await playFault(exchange, scripted, toApisErrorBody)) return;
    }
    await delay(options.latencyMs ?? 0);
    const { method, path } = exchange;
    const file = method === 'GET' || method === 'HEAD' ? FILES_ROUTE.exec(path) : null;
    if (file) return serveFile(exchange, files, file[1]!);
    if (!authorised(exchange.header('authorization'), options.apiKey))
      return replyError(exchange, 401, 'Invalid API key');

    if (method === 'GET' && path === '/v1/models') return exchange.replyJson(200, modelList());
    if (method === 'POST' && path === GENERATIONS_ROUTE) return submitGeneration(exchange, ctx, scripted?.task);
    const task = method === 'GET' ? TASK_ROUTE.exec(path) : null;
    if (task) return getTask(exchange, ctx, task[1]!);
    if (method === 'POST' && path === UPLOADS_ROUTE) return uploadImage(exchange, files, publicUrl, maxUploadBytes);
    return replyError(exchange, 404, `Invalid URL (${method} ${path})`);
  }

  const server = await listen(
    handle,
    (entry) => requests.push(entry),
    toApisErrorBody,
    options,
    TOAPIS_ACCOUNT.credentials,
  );
  publicUrl ||= server.url;
  return {
    url: server.url,
    port: server.port,
    requests,
    script: (fault) => faults.add(fault),
    reset() {
      requests.length = 0;
      faults.clear();
      once.clear();
      tasks.clear();
      files.clear();
    },
    close: server.close,
  };
}

/** ToAPIs' own markers; the status ones (401, 402, 429-once, 500 …) come from the common rules. */
function vendorMarker(name: string): MarkerFault<ToApisEmulatorFault> | undefined {
  switch (name) {
    case 'content-policy':
      return { status: 422 };
    case 'task-fails':
      return { task: 'fails' };
    case 'task-content-policy':
      return { task: 'content-policy' };
    case 'task-never-finishes':
      return { task: 'never-finishes' };
    // Whether the real 503 carries Retry-After is not documented ("can include"); the marker sends none.
    case 'limiter-unavailable':
      return { status: 503, body: TOAPIS_LIMITER_UNAVAILABLE_BODY };
    case 'limiter-unavailable-once':
      return { status: 503, body: TOAPIS_LIMITER_UNAVAILABLE_BODY, once: true };
    default:
      return undefined;
  }
}

/** `Bearer <key>` only, as ToAPIs documents; any non-empty key when none is configured. */
function authorised(header: string | undefined, apiKey: string | undefined): boolean {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  return apiKey === undefined || match[1] === apiKey;
}

/** `GET /v1/models`: an OpenAI-style list of the image models. */
function modelList() {
  return {
    object: 'list',
    data: TOAPIS_MODELS.map((m) => ({ id: m.id, object: 'model', created: 1_745_000_000, owned_by: 'toapis' })),
  };
}
