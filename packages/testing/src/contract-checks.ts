import { inspect } from 'node:util';
import {
  generateImage,
  ImageGateError,
  submitImage,
  waitForTask,
  isTaskHandle,
  type GenerateResult,
  type ImageGateErrorCode,
  type ImageProvider,
  type ImageRequest,
  type ModelSpec,
  type ProgressEvent,
} from '@imagegate/core';
import {
  checkManifest,
  defaultTransport,
  describeKeyHosts,
  isCredentialHeader,
  leaksSecret,
  mayCarryKey,
  sizeProblem,
  sniffImage,
  type HttpRequest,
  type HttpResponse,
} from '@imagegate/core/provider';
import {
  OPT_IN_SCENARIOS,
  SCENARIO_DESCRIPTIONS,
  type ContractScenario,
  type ProviderContractOptions,
  type ScenarioName,
  type ScenarioWorld,
} from './contract-types.js';
import { PNG_16 } from './fixtures.js';
import { hangUntilAborted } from './fake-vendor.js';
import { recordingTransport, type RecordedRequest } from './recording-transport.js';
import { createSimulatedClock } from './simulated-clock.js';

/** A broken promise of the provider contract. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** One check of the suite; `describeProviderContract` turns each into a test. */
export interface ContractCheck {
  name: string;
  /** Why the check does not apply to this provider (it then shows as skipped). */
  skip?: string;
  run(): Promise<void>;
}

const DEFAULT_PROMPT = 'a red apple on a wooden table';

function violated(message: string): never {
  throw new ContractViolation(message);
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) violated(message);
}

/** What running one scenario produced. */
interface ScenarioRun {
  result?: GenerateResult;
  error?: unknown;
  requests: RecordedRequest[];
  sleeps: number[];
  progress: ProgressEvent[];
  elapsedMs: number;
  /** From the suite's abort to the call's end, when the run was aborted. */
  afterAbortMs?: number;
}

/** Build every check of the contract for these options (see `describeProviderContract`). */
export function contractChecks(options: ProviderContractOptions): ContractCheck[] {
  const apiKey = options.apiKey ?? `sk-contract-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const probe = options.createProvider({
    apiKey,
    transport: async () => violated('the provider sent a request while being created'),
  });
  const models = probe.models as readonly ModelSpec[];
  const hasEdit = models.some((m) => m.operations.includes('edit'));
  const hasAsync = models.some((m) => m.async);
  const cancelModel = models.find((m) => m.cancel);
  const required: Partial<Record<ScenarioName, string | undefined>> = {
    generate: undefined,
    edit: hasEdit ? undefined : 'no model declares edit',
    asyncSucceeds: hasAsync ? undefined : 'no model is asynchronous',
    asyncFails: hasAsync ? undefined : 'no model is asynchronous',
    asyncNeverFinishes: hasAsync ? undefined : 'no model is asynchronous',
    unauthorized: undefined,
    quotaExceeded: undefined,
    rateLimitedThenSucceeds: undefined,
    contentPolicy: undefined,
    serverErrorOnSubmit: undefined,
    malformedBody: undefined,
    noImages: undefined,
    slowSubmit: undefined,
    cancel: cancelModel ? undefined : 'no model declares cancel',
  };
  for (const name of OPT_IN_SCENARIOS)
    required[name] = options.scenarios[name] ? undefined : `opt-in: the provider gives no ${name} scenario`;

  const scenario = (name: ScenarioName): ContractScenario =>
    options.scenarios[name] ??
    violated(`scenario "${name}" is missing: it must be implemented (${SCENARIO_DESCRIPTIONS[name]}).`);

  async function run(name: ScenarioName, extra: RunExtras = {}): Promise<ScenarioRun> {
    const s = scenario(name);
    const world: ScenarioWorld = (await s.setup({ apiKey })) ?? {};
    const controller = new AbortController();
    let abortedAt: number | undefined;
    const abortNow = () => {
      abortedAt ??= Date.now();
      controller.abort();
    };
    const inner = world.transport ?? options.transport ?? defaultTransport();
    let sent = 0;
    // The suite's own answers (a hang, a 5xx, a reset) come before the vendor's, and
    // aborts are tied to requests in flight, not to a timer, so a check cannot pass by luck.
    const recorder = recordingTransport(async (request) => {
      const index = sent++;
      const abort = extra.abortOn?.(request, index);
      if (abort) setTimeout(() => abortNow(), abort === true ? 0 : abort);
      return (await extra.answer?.(request, index)) ?? inner(request);
    });
    const provider = options.createProvider({ apiKey, transport: recorder.transport });
    extra.onProvider?.(provider);
    const clock = createSimulatedClock();
    const progress: ProgressEvent[] = [];
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (extra.abortAfterMs !== undefined) timer = setTimeout(() => abortNow(), extra.abortAfterMs);
    const out: ScenarioRun = { requests: recorder.requests, sleeps: clock.sleeps, progress, elapsedMs: 0 };
    const runOptions = {
      signal: controller.signal,
      transport: recorder.transport,
      onProgress: (event: ProgressEvent) => progress.push(event),
      // Real time: as fast as the model's vendor allows (its own floor between polls still holds).
      ...(extra.realTime
        ? { poll: { initialDelayMs: 20, intervalMs: 20, jitterMs: 0 } }
        : { sleep: clock.sleep, now: clock.now }),
      ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}),
      ...(extra.cancelOnAbort === false ? { cancelOnAbort: false } : {}),
    };
    try {
      const request = { provider, prompt: DEFAULT_PROMPT, ...s.request, ...extra.request, ...runOptions };
      out.result = extra.viaTask ? await submitThenWait(request) : await generateImage(request);
    } catch (error) {
      out.error = error;
    } finally {
      clearTimeout(timer);
      out.elapsedMs = Date.now() - started;
      if (abortedAt !== undefined) out.afterAbortMs = Date.now() - abortedAt;
    }
    assertNoLeak(apiKey, name, out.result, out.error);
    assertKeyStaysHome(provider, apiKey, name, recorder.requests);
    if (extra.verify ?? (extra.abortAfterMs === undefined && !extra.abortOn)) await verifyWorld(name, world);
    else await discardWorld();
    return out;
  }

  const checks: ContractCheck[] = [
    {
      name: 'manifest: every model is complete and consistent',
      async run() {
        expect(
          probe.specificationVersion === 'v1',
          `specificationVersion must be 'v1', got ${String(probe.specificationVersion)}`,
        );
        const problems = checkManifest(probe);
        expect(problems.length === 0, `manifest problems:\n- ${problems.join('\n- ')}`);
      },
    },
    {
      name: 'manifest: every scenario its models need is implemented',
      async run() {
        const missing = (Object.keys(required) as ScenarioName[]).filter(
          (n) => required[n] === undefined && !options.scenarios[n],
        );
        expect(
          missing.length === 0,
          `missing scenarios: ${missing.map((n) => `${n} (${SCENARIO_DESCRIPTIONS[n]})`).join('; ')}`,
        );
      },
    },
  ];

  const add = (name: ScenarioName, title: string, body: () => Promise<void>) =>
    checks.push({ name: `${name}: ${title}`, skip: required[name], run: body });

  add('generate', 'returns real images with sniffed MIME types', async () => {
    const r = await run('generate');
    assertImages(r, 'generate');
  });
  add('edit', 'sends input images and returns real images', async () => {
    const s = scenario('edit');
    expect(s.request.images?.length || s.request.mask, 'the edit scenario request must carry input images');
    const r = await run('edit');
    assertImages(r, 'edit');
  });
  add('asyncSucceeds', 'polls until completed, reports progress, returns images', async () => {
    const r = await run('asyncSucceeds');
    assertImages(r, 'asyncSucceeds');
    const polls = r.progress.filter((p) => p.attempt > 0);
    const before = polls.filter((p) => p.state === 'queued' || p.state === 'running');
    expect(
      before.length >= 2,
      `expected at least 2 polls reporting queued or running before completion, saw ${before.length}`,
    );
    expect(
      r.progress.some((p) => p.state === 'queued' || p.state === 'running'),
      'no queued/running progress was reported',
    );
    const task = r.result!.tasks[0];
    expect(isTaskHandle(task), 'result.tasks[0] is not a task handle');
    expect(
      JSON.stringify(JSON.parse(JSON.stringify(task))) === JSON.stringify(task),
      'the task handle does not survive a JSON round trip',
    );
    expect(r.sleeps.length > 0 && r.sleeps.every((ms) => ms >= 0), 'the engine should sleep between polls');
  });
  add('asyncFails', 'a failed task is TASK_FAILED with its task id', async () => {
    const r = await run('asyncFails');
    const e = assertError(r, 'asyncFails', ['TASK_FAILED', 'CONTENT_POLICY']);
    expect(typeof e.taskId === 'string' && e.taskId.length > 0, 'the error must carry the taskId');
  });
  add('asyncNeverFinishes', 'stops at the deadline with TIMEOUT carrying a resumable task', async () => {
    const r = await run('asyncNeverFinishes', { timeoutMs: 120_000 });
    const e = assertError(r, 'asyncNeverFinishes', ['TIMEOUT']);
    expect(isTaskHandle(e.task), 'the TIMEOUT error must carry the task handle (error.task)');
    const copy: unknown = JSON.parse(JSON.stringify(e.toJSON()));
    expect(isTaskHandle((copy as { task?: unknown }).task), 'error.toJSON().task must survive a JSON round trip');
    const slept = r.sleeps.reduce((a, b) => a + b, 0);
    // Core waits whole ms; the 1 ms leaves room for a provider's own waits that are not.
    expect(slept <= 120_000 + 1, `slept ${slept} ms in total, past the 120000 ms deadline`);
    expect(
      r.requests.length <= 200,
      `${r.requests.length} requests for a 2-minute wait: the poll interval does not back off`,
    );
  });
  add(
    'taskVanishes',
    'a task the vendor no longer has fails at its first poll, with its task, on both paths',
    async () => {
      // generateImage, and a stored handle resumed with waitForTask after submitImage.
      for (const viaTask of [false, true]) {
        const path = viaTask ? 'taskVanishes (submitImage, then waitForTask)' : 'taskVanishes';
        const r = await run('taskVanishes', { timeoutMs: 120_000, viaTask });
        if (!r.error) violated(`${path}: expected an error, but the call succeeded`);
        if (!ImageGateError.is(r.error)) violated(`${path}: expected an ImageGateError, got ${describeError(r.error)}`);
        const e = r.error;
        expect(
          e.code !== 'TIMEOUT' && e.code !== 'ABORTED',
          `${path}: ended in ${e.code} after ${r.requests.length} requests: the vendor's answer that the task is ` +
            'gone was taken for "still running" (map it to a failed status or an error)',
        );
        expect(isTaskHandle(e.task), `${path}: the error must carry the task handle (error.task)`);
        expect(!e.retryable, `${path}: a task that is gone cannot be collected by trying again`);
        // The scenario's vendor says the task is gone from the first poll on: one poll, no second look.
        const polls = r.requests.filter((q) => q.request.method === 'GET').length;
        expect(polls <= 1, `${path}: ${polls} polls; the first answer that the task is gone should end the wait`);
      }
    },
  );
  add(
    'unauthorized',
    'is AUTHENTICATION, not retried (the key is tried once in each way the vendor may take it)',
    async () => {
      const r = await run('unauthorized');
      const e = assertError(r, 'unauthorized', ['AUTHENTICATION']);
      expect(e.status === 401, `status should be 401, got ${String(e.status)}`);
      expect(!e.retryable, 'AUTHENTICATION must not be retryable');
      // Core answers a 401 with one try of each other way of
      // writing the key the definition lists, never the same twice.
      const written = r.requests.map((q) => JSON.stringify(q.request.headers));
      expect(
        r.requests.length >= 1 && new Set(written).size === written.length,
        `expected one request per way of writing the key, saw ${r.requests.length}: a 401 was retried as it was`,
      );
    },
  );
  add('quotaExceeded', 'is INSUFFICIENT_QUOTA, not retried', async () => {
    const r = await run('quotaExceeded');
    assertError(r, 'quotaExceeded', ['INSUFFICIENT_QUOTA']);
    expect(r.requests.length === 1, `expected exactly 1 request, saw ${r.requests.length}`);
  });
  add('rateLimitedThenSucceeds', 'waits for Retry-After, retries once, succeeds', async () => {
    const r = await run('rateLimitedThenSucceeds');
    assertImages(r, 'rateLimitedThenSucceeds');
    expect(r.requests[0]?.status === 429, 'the first answer should be 429');
    expect(
      r.sleeps.includes(1000),
      `expected a 1000 ms wait from "Retry-After: 1", saw waits ${JSON.stringify(r.sleeps)}`,
    );
  });
  add('contentPolicy', 'is CONTENT_POLICY, not retryable', async () => {
    const r = await run('contentPolicy');
    const e = assertError(r, 'contentPolicy', ['CONTENT_POLICY']);
    expect(!e.retryable, 'CONTENT_POLICY must not be retryable');
  });
  add('serverErrorOnSubmit', 'is PROVIDER_ERROR and the billable submit is not resubmitted', async () => {
    const r = await run('serverErrorOnSubmit');
    expect(
      r.requests.length === 1,
      `a 5xx on submit was resubmitted: ${r.requests.length} requests (an image could be paid twice)`,
    );
    assertError(r, 'serverErrorOnSubmit', ['PROVIDER_ERROR']);
  });
  add('malformedBody', 'is BAD_RESPONSE, never a TypeError', async () => {
    const r = await run('malformedBody');
    assertError(r, 'malformedBody', ['BAD_RESPONSE']);
  });
  add('noImages', 'an answer without images is an error, not an empty success, on both paths', async () => {
    const codes: ImageGateErrorCode[] = ['BAD_RESPONSE', 'CONTENT_POLICY', 'TASK_FAILED'];
    const generated = assertError(await run('noImages'), 'noImages', codes);
    // The same answer reached through submitImage and waitForTask (a handle kept between steps) fails the same way.
    const waited = assertError(
      await run('noImages', { viaTask: true }),
      'noImages (submitImage, then waitForTask)',
      codes,
    );
    expect(
      waited.code === generated.code,
      `generateImage failed with ${generated.code} and submitImage + waitForTask with ${waited.code}: ` +
        'the two paths must agree',
    );
  });
  add('slowSubmit', 'abort cancels the request in flight within the bound', async () => {
    const bound = options.abortWithinMs ?? 1000;
    // Abort once the submit is on the wire, whatever the machine's speed.
    const r = await run('slowSubmit', { realTime: true, abortOn: (_request, index) => index === 0 && 30 });
    assertError(r, 'slowSubmit', ['ABORTED']);
    expect(r.requests.length > 0, 'no request was sent');
    expect(r.elapsedMs < 30 + bound, `abort took ${r.elapsedMs - 30} ms to take effect (bound ${bound} ms)`);
    const unaborted = r.requests.filter((q) => !q.request.signal?.aborted);
    expect(
      unaborted.length === 0,
      `${unaborted.length} request(s) were not cancelled: pass ctx.signal to the transport`,
    );
  });
  for (const failure of SUBMIT_FAILURES) {
    checks.push({
      name: `serverErrorOnSubmit: ${failure.title} on the submit is not resubmitted`,
      async run() {
        // The suite answers the first request of the generate scenario itself: the vendor's answers are never reached.
        const r = await run('generate', {
          request: { n: 1 },
          answer: (request, index) => (index === 0 ? failure.answer(request) : undefined),
          verify: false,
        });
        expect(
          r.requests.length === 1,
          `${failure.title} on the submit was resubmitted: ${r.requests.length} ` +
            `requests (an image could be paid twice)`,
        );
        const e = assertError(r, `serverErrorOnSubmit (${failure.title})`, failure.codes);
        expect(!e.retryable, `${failure.title} after a billable submit must not be retryable: the job may be running`);
      },
    });
  }
  if (hasAsync) {
    checks.push({
      name: 'asyncNeverFinishes: abort stops polling at once',
      skip: options.scenarios.asyncNeverFinishes ? undefined : 'scenario asyncNeverFinishes is missing',
      async run() {
        const bound = options.abortWithinMs ?? 1000;
        // The second poll hangs (the suite answers it), and the abort comes while it is in flight.
        const r = await run('asyncNeverFinishes', {
          realTime: true,
          answer: (request, index) => (index === 2 ? hangUntilAborted(request) : undefined),
          abortOn: (_request, index) => index === 2 && 30,
          cancelOnAbort: false,
        });
        assertError(r, 'asyncNeverFinishes (aborted)', ['ABORTED']);
        expect(r.requests.length >= 3, `the abort came before the second poll (${r.requests.length} requests)`);
        // Timed from the abort: a vendor's floor between polls decides
        // when the second poll comes, not how fast an abort works.
        expect(
          (r.afterAbortMs ?? Infinity) < bound + 500,
          `abort took too long to take effect (${r.afterAbortMs} ms after it)`,
        );
        const hung = r.requests[2]!;
        expect(
          hung.request.signal?.aborted,
          'the poll in flight at the abort was not cancelled: pass ctx.signal to the transport',
        );
        expect(r.requests.length === 3, `${r.requests.length - 3} request(s) were sent after the abort`);
      },
    });
  }

  add('cancel', 'an abort while waiting cancels the task at the vendor; cancelTask does too', async () => {
    let canceled = 0;
    const count = (provider: ImageProvider) => {
      const inner = provider.cancelTask!.bind(provider);
      (provider as { cancelTask: typeof inner }).cancelTask = async (task, ctx) => {
        await inner(task, ctx);
        canceled++;
      };
    };
    const r = await run('cancel', {
      realTime: true,
      abortOn: (_request, index) => index === 1 && 30,
      onProvider: count,
      verify: true,
    });
    const e = assertError(r, 'cancel', ['ABORTED']);
    expect(isTaskHandle(e.task), 'the ABORTED error must carry the task handle');
    expect(
      canceled === 1,
      `expected the task to be canceled at the vendor once after the ` +
        `abort, saw ${canceled} (declare cancel only where cancelTask works)`,
    );
    expect(/canceled at/.test(e.message), `the error should say the task was canceled: ${e.message}`);
  });

  checks.push(...invalidInputChecks(options, apiKey, models));
  return checks;
}

/** How `run` may deviate from a plain scenario run. */
interface RunExtras {
  realTime?: boolean;
  abortAfterMs?: number;
  timeoutMs?: number;
  /** Abort when this request (0-based) is sent: `true` at once, a number after that many ms. */
  abortOn?: (request: HttpRequest, index: number) => boolean | number;
  /** Answer this request in the suite's place (undefined: the vendor's answers). */
  answer?: (request: HttpRequest, index: number) => Promise<HttpResponse> | undefined;
  /** See the provider before the run (to observe its calls). */
  onProvider?: (provider: ImageProvider) => void;
  /** Request fields over the scenario's (one call only: `n: 1`). */
  request?: Partial<ImageRequest>;
  /** False: no cancel after an abort (to see that polling alone stops). */
  cancelOnAbort?: boolean;
  /** Whether every answer the scenario arranged must have been used (default: unless the run was aborted). */
  verify?: boolean;
  /** Submit with submitImage, then collect each task with waitForTask (a host keeping the handle between steps). */
  viaTask?: boolean;
}

/**
 * submitImage, then waitForTask on each task it handed back: a synchronous model's images come with the submit, an
 * asynchronous model's from the wait (one task per call: the suite's scenarios ask for `n: 1`).
 */
async function submitThenWait(request: Parameters<typeof generateImage>[0]): Promise<GenerateResult> {
  const submitted = await submitImage(request);
  const [task] = submitted.tasks;
  if (!task) return submitted;
  const { prompt: _prompt, model: _model, ...run } = request;
  return waitForTask({ ...run, task });
}

/** Failures of a billable submit after which the vendor may have the job. */
const SUBMIT_FAILURES: Array<{
  title: string;
  codes: ImageGateErrorCode[];
  answer: (request: HttpRequest) => Promise<HttpResponse>;
}> = [
  ...[502, 503, 504].map((status) => ({
    title: `HTTP ${status}`,
    codes: ['PROVIDER_ERROR'] as ImageGateErrorCode[],
    answer: async () => ({
      status,
      headers: { 'content-type': 'text/html' },
      body: new TextEncoder().encode(`<html>${status}</html>`),
    }),
  })),
  {
    title: 'a connection reset',
    codes: ['NETWORK'],
    answer: async () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
  },
  {
    title: 'a headers timeout',
    codes: ['TIMEOUT'],
    answer: async () =>
      Promise.reject(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })),
  },
];

function assertImages(r: ScenarioRun, name: string): void {
  if (r.error) violated(`${name}: expected images, got ${describeError(r.error)}`);
  const images = r.result?.images ?? [];
  expect(images.length > 0, `${name}: no images returned`);
  images.forEach((image, i) => {
    expect(image.data instanceof Uint8Array && image.data.byteLength > 0, `${name}: images[${i}].data is not bytes`);
    const info = sniffImage(image.data);
    expect(info, `${name}: images[${i}] is not a decodable PNG/JPEG/WebP/GIF`);
    expect(
      info.mimeType === image.mimeType,
      `${name}: images[${i}].mimeType ${image.mimeType} differs from its bytes (${info.mimeType})`,
    );
    expect(!image.width || image.width > 0, `${name}: images[${i}].width is wrong`);
  });
}

function assertError(r: ScenarioRun, name: string, codes: ImageGateErrorCode[]): ImageGateError {
  if (!r.error) violated(`${name}: expected ${codes.join(' or ')}, but the call succeeded`);
  if (!ImageGateError.is(r.error)) violated(`${name}: expected an ImageGateError, got ${describeError(r.error)}`);
  expect(
    codes.includes(r.error.code),
    `${name}: expected ${codes.join(' or ')}, got ${r.error.code}: ${r.error.message}`,
  );
  return r.error;
}

function describeError(error: unknown): string {
  if (ImageGateError.is(error)) return `ImageGateError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Fail when the key shows up in anything a caller could log. */
export function assertNoLeak(apiKey: string, where: string, ...values: unknown[]): void {
  for (const value of values) {
    if (value === undefined) continue;
    const texts: string[] = [
      inspect(value, { depth: 8, maxArrayLength: 20, maxStringLength: 2000, showHidden: false }),
    ];
    let current: unknown = value;
    for (let depth = 0; current instanceof Error && depth < 5; depth++) {
      texts.push(current.message, current.stack ?? '', String(current), inspect(current, { depth: 8 }));
      try {
        texts.push(JSON.stringify(current));
      } catch {
        /* circular: inspect above covers it */
      }
      current = (current as { cause?: unknown }).cause;
    }
    if (texts.some((t) => leaksSecret(t, apiKey)))
      violated(`${where}: the API key (or 12 characters of it) appears in an error or result`);
  }
}

/**
 * The key goes only where the provider says it may (its API origin, its `keyHosts`): a result download from any
 * other origin (even a key host's), and any request off those hosts, carries neither the key (in a header, the URL
 * or the body) nor a credential header.
 */
function assertKeyStaysHome(provider: ImageProvider, apiKey: string, name: string, requests: RecordedRequest[]): void {
  // A provider made without a base URL says nothing of where its API is: nothing to hold it to.
  if (provider.baseUrl === undefined || !URL.canParse(provider.baseUrl)) return;
  const apiOrigin = new URL(provider.baseUrl).origin;
  // The provider's own credential headers (its account's `x-key`, say), whatever value it writes in them.
  const own = new Set((provider.credentialHeaders ?? []).map((name) => name.toLowerCase()));
  for (const { request, contentType } of requests) {
    // A download (asked for as an image, or answered with one, or with any bytes that are not JSON or text) from
    // anywhere but the API origin carries no key, whatever key hosts cover its host: results live on CDNs.
    const accept = Object.entries(request.headers).find(([header]) => header.toLowerCase() === 'accept')?.[1] ?? '';
    const binary = contentType !== undefined && !/json|text|event-stream/i.test(contentType);
    const download =
      (/^image\//i.test(accept) || /^image\//i.test(contentType ?? '') || binary) &&
      !request.url.startsWith(`${apiOrigin}/`);
    if (!download && mayCarryKey(request.url, provider.baseUrl, provider.keyHosts)) continue;
    const header = Object.entries(request.headers).find(
      ([header, value]) => isCredentialHeader(header) || own.has(header.toLowerCase()) || value.includes(apiKey),
    )?.[0];
    const body = typeof request.body === 'string' && request.body.includes(apiKey);
    const where = header ? `the header ${header}` : request.url.includes(apiKey) ? 'its URL' : body ? 'its body' : '';
    const host = URL.canParse(request.url) ? new URL(request.url).host : 'an address';
    expect(
      !where,
      `${name}: ${request.method} to ${host} carried the key or a credential (${where}); ` +
        `the key may go only to ${describeKeyHosts(provider.baseUrl, provider.keyHosts)} ` +
        '(downloads are sent without it: return result URLs and let core fetch them)',
    );
  }
}

/** Drop the scenario's unused answers (a run the suite cut short or answered itself). */
async function discardWorld(): Promise<void> {
  (await loadNock())?.cleanAll();
}

async function verifyWorld(name: string, world: ScenarioWorld): Promise<void> {
  world.verify?.();
  const nock = await loadNock();
  if (!nock) return;
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending.length === 0, `${name}: interceptors left unused: ${pending.join(', ')}`);
}

type NockModule = { pendingMocks(): string[]; cleanAll(): void };

/** nock is an optional peer: used when the provider's tests have it. */
export async function loadNock(): Promise<NockModule | undefined> {
  try {
    const mod = (await import('nock')) as unknown as { default?: NockModule } & NockModule;
    return mod.default ?? mod;
  } catch {
    return undefined;
  }
}

/** Bad input: each must fail before any request, naming the field. */
function invalidInputChecks(
  options: ProviderContractOptions,
  apiKey: string,
  models: readonly ModelSpec[],
): ContractCheck[] {
  const model = models[0]!;
  const editModel = models.find((m) => m.operations.includes('edit'));
  const generateOnly = models.find((m) => !m.operations.includes('edit'));
  const image = { data: PNG_16, mimeType: 'image/png' };
  const cases: Array<{
    title: string;
    field: string;
    request: Partial<ImageRequest> & { model: string };
    skip?: string;
  }> = [
    { title: 'empty prompt', field: 'prompt', request: { model: model.id, prompt: '   ' } },
    {
      title: 'prompt over the model limit',
      field: 'prompt',
      request: { model: model.id, prompt: 'x'.repeat((model.maxPromptLength ?? 0) + 1) },
      skip: model.maxPromptLength === undefined ? 'the model declares no prompt limit' : undefined,
    },
    { title: 'unknown model', field: 'model', request: { model: 'no-such-model-xyz' } },
    { title: 'size the model does not take', field: 'size', request: { model: model.id, size: unacceptedSize(model) } },
    { title: 'n out of range', field: 'n', request: { model: model.id, n: model.maxImages + 1 } },
    {
      title: 'too many input images',
      field: 'images',
      request: editModel
        ? { model: editModel.id, images: Array.from({ length: (editModel.inputImages?.max ?? 0) + 1 }, () => image) }
        : { model: model.id },
      skip: editModel ? undefined : 'no model declares edit',
    },
    {
      title: 'input image too large',
      field: 'images[0]',
      request: editModel
        ? {
            model: editModel.id,
            images: [{ data: paddedImage((editModel.inputImages?.maxBytes ?? 0) + 1), mimeType: 'image/png' }],
          }
        : { model: model.id },
      skip: editModel ? undefined : 'no model declares edit',
    },
    {
      title: 'input bytes that are no image, whatever their label',
      field: 'images[0]',
      request: editModel
        ? {
            model: editModel.id,
            images: [{ data: new TextEncoder().encode('plain text, labelled as a PNG'), mimeType: 'image/png' }],
          }
        : { model: model.id },
      skip: editModel ? undefined : 'no model declares edit',
    },
    {
      title: 'edit on a model without edit',
      field: 'images',
      request: generateOnly ? { model: generateOnly.id, images: [image] } : { model: model.id },
      skip: generateOnly ? undefined : 'every model declares edit',
    },
  ];
  return cases.map((c) => ({
    name: `invalid input: ${c.title} fails before any request, naming "${c.field}"`,
    skip: c.skip,
    async run() {
      const recorder = recordingTransport(async () => violated('a request was sent for invalid input'));
      const provider: ImageProvider = options.createProvider({ apiKey, transport: recorder.transport });
      let error: unknown;
      try {
        await generateImage({ provider, prompt: DEFAULT_PROMPT, ...c.request, maxRetries: 0 });
      } catch (e) {
        error = e;
      }
      expect(recorder.requests.length === 0, `${c.title}: ${recorder.requests.length} request(s) were sent`);
      if (!ImageGateError.is(error))
        violated(
          `${c.title}: expected INVALID_REQUEST or UNSUPPORTED, got ${error ? describeError(error) : 'success'}`,
        );
      expect(error.code === 'INVALID_REQUEST' || error.code === 'UNSUPPORTED', `${c.title}: got ${error.code}`);
      expect(
        error.field?.startsWith(c.field.replace(/\[0\]$/, '')),
        `${c.title}: error.field is ${String(error.field)}, expected ${c.field}`,
      );
      expect(error.message.length > 20, `${c.title}: the message should say what is accepted`);
      assertNoLeak(apiKey, c.title, error);
    },
  }));
}

/** A real PNG header followed by zeros, `size` bytes long: an image as far as type checks go. */
function paddedImage(size: number): Uint8Array {
  const out = new Uint8Array(Math.max(size, PNG_16.byteLength));
  out.set(PNG_16);
  return out;
}

function unacceptedSize(model: ModelSpec): string {
  for (const candidate of ['7:3', '17x17', '99999x1', 'huge'])
    if (sizeProblem(candidate, model.sizes)) return candidate;
  return 'huge';
}
