import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetchTransport, createHttpClient, type VendorImage } from '../src/provider.js';
import { ImageGateError, type HttpTransport, type ImageProvider, type ModelSpec } from '../src/index.js';

/** A request the hostile server saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Handler = (req: IncomingMessage & { body: Buffer }, res: ServerResponse) => void;

/** A local HTTP server whose answers each test scripts, recording what it was sent and the sockets opened. */
export interface HostileServer {
  url: string;
  requests: SeenRequest[];
  /** Sockets ever opened to it. */
  connections: number;
  /** Most sockets open at one time. */
  maxOpenConnections: number;
  handle(handler: Handler): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  const state = { requests: [] as SeenRequest[], connections: 0, open: new Set<object>(), maxOpen: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      state.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(Object.assign(req, { body }), res);
    });
  });
  server.on('connection', (socket) => {
    state.connections++;
    state.open.add(socket);
    state.maxOpen = Math.max(state.maxOpen, state.open.size);
    socket.on('close', () => state.open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    get maxOpenConnections() {
      return state.maxOpen;
    },
    handle(next) {
      handler = next;
    },
    reset() {
      state.requests = [];
      state.connections = 0;
      // Sockets of earlier tests still closing are not this test's.
      state.open = new Set();
      state.maxOpen = 0;
      server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Send JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const SIZES = { kind: 'pixels', presets: ['1024x1024'], auto: true } as const;

const ASYNC_MODEL: ModelSpec = {
  id: 'h-async',
  name: 'Hostile async',
  operations: ['generate'],
  sizes: SIZES,
  maxImagesPerCall: 1,
  maxImages: 4,
  options: {},
  async: true,
  polling: { initialDelayMs: 1000, intervalMs: 2000, maxIntervalMs: 8000 },
  output: { delivery: 'url' },
};

/** A synchronous model taking input images, an asynchronous one, and one that can also be canceled. */
export const HOSTILE_MODELS: ModelSpec[] = [
  {
    id: 'h-sync',
    name: 'Hostile sync',
    operations: ['generate', 'edit'],
    sizes: SIZES,
    maxImagesPerCall: 4,
    maxImages: 8,
    inputImages: {
      max: 2,
      maxBytes: 1024 * 1024,
      mimeTypes: ['image/png', 'image/jpeg'],
      acceptsUrls: true,
      mask: true,
    },
    options: {},
    async: false,
    output: { delivery: 'bytes' },
  },
  ASYNC_MODEL,
  { ...ASYNC_MODEL, id: 'h-cancel', name: 'Hostile async with cancel', cancel: true },
];

export const HOSTILE_KEY = 'sk-hostile-0123456789abcdefghij';

/**
 * A minimal provider on core's real HTTP client, pointed at a hostile server:
 * `POST /v1/images` answers `{ id }` (a task) or `{ data: [{ b64_json | url }] }`;
 * `POST /v1/images` may also answer `{ id, data }` (a job finished at once) or `{ id, code: 4xx }` (an error naming the
 * job);
 * `GET /v1/tasks/{id}` answers `{ id?, status: 'running' | 'done' | 'failed', urls, retry_after_ms }`;
 * `POST /v1/tasks/{id}/cancel` cancels (model `h-cancel`)
 * (a `failed` task's `error` is passed on as it is, however wrong).
 * `declaredBaseUrl` lets a test pretend the vendor lives on a public address.
 */
export function hostileProvider(
  baseUrl: string,
  options: { declaredBaseUrl?: string; transport?: HttpTransport } = {},
): ImageProvider {
  const http = createHttpClient({
    provider: 'hostile',
    baseUrl,
    headers: { authorization: `Bearer ${HOSTILE_KEY}` },
    transport: options.transport ?? createFetchTransport(),
  });
  return {
    specificationVersion: 'v1',
    id: 'hostile',
    name: 'Hostile',
    models: HOSTILE_MODELS,
    baseUrl: options.declaredBaseUrl ?? baseUrl,
    transport: options.transport,
    async submit(request, ctx) {
      const images = request.images?.map((image) =>
        'url' in image ? { url: image.url } : { type: image.mimeType, bytes: image.data.byteLength },
      );
      const answer = await http.json<{
        id?: string;
        code?: number;
        data?: Array<{ b64_json?: Uint8Array; url?: string; revised_prompt?: string }>;
      }>(
        ctx,
        {
          method: 'POST',
          url: '/v1/images',
          json: { prompt: request.prompt, n: request.n, size: request.size, images },
          kind: 'billable',
          model: request.model,
        },
        { binaryFields: ['b64_json'] },
      );
      const task =
        answer.id === undefined
          ? undefined
          : { version: 1 as const, provider: 'hostile', taskId: answer.id, model: request.model, createdAt: ctx.now() };
      // An error code beside an id: the job was taken, and the error names it.
      if (answer.code !== undefined && answer.code >= 400)
        throw new ImageGateError('PROVIDER_ERROR', `The vendor said ${answer.code}.`, { provider: 'hostile', task });
      const out: VendorImage[] = (answer.data ?? []).map((d) =>
        d.b64_json
          ? { data: d.b64_json, revisedPrompt: d.revised_prompt }
          : { url: d.url!, revisedPrompt: d.revised_prompt },
      );
      // A job answered at once still has its handle; with no images it is a task to poll.
      if (task && answer.data === undefined) return { type: 'task', task };
      return { type: 'images', images: out, ...(task ? { task } : {}) };
    },
    async getTask(task, ctx) {
      const answer = await http.json<{
        id?: string;
        status: string;
        urls?: string[];
        progress?: number;
        retry_after_ms?: number;
        error?: string;
      }>(ctx, {
        method: 'GET',
        url: `/v1/tasks/${encodeURIComponent(task.taskId)}`,
        kind: 'idempotent',
        model: task.model,
        taskId: task.taskId,
      });
      const named = answer.id === undefined ? {} : { taskId: answer.id };
      if (answer.status === 'done')
        return { state: 'succeeded', images: (answer.urls ?? []).map((url) => ({ url })), ...named };
      if (answer.status === 'failed') return { state: 'failed', error: answer.error as never, ...named };
      return { state: 'running', progress: answer.progress, retryAfterMs: answer.retry_after_ms, ...named };
    },
    async cancelTask(task, ctx) {
      await http.send(ctx, {
        method: 'POST',
        url: `/v1/tasks/${encodeURIComponent(task.taskId)}/cancel`,
        kind: 'idempotent',
        model: task.model,
        taskId: task.taskId,
      });
    },
  };
}

/** Answers a submit (a POST) with the task `id`, and every other request (a status check) with `poll`. */
export function serveTask(server: HostileServer, poll: Parameters<HostileServer['handle']>[0], id = 'task-1'): void {
  server.handle((req, res) => (req.method === 'POST' ? json(res, 200, { id }) : poll(req, res)));
}

/** How many submits (POSTs) the server was sent. */
export const submitCount = (server: HostileServer): number => server.requests.filter((r) => r.method === 'POST').length;

/** How many status checks (GETs of `/v1/tasks/…`) the server was sent. */
export const pollCount = (server: HostileServer): number =>
  server.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/tasks/')).length;
