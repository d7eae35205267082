import type { HttpTransport } from '@imagegate/core';
import type { HttpRequest, HttpResponse } from '@imagegate/core/provider';
import { encodePng, toBase64 } from './fixtures.js';

/** One scripted answer of the fake vendor. */
export type FakeReply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  /** Fail like a socket error with this Node code (ECONNREFUSED, ECONNRESET …). */
  | { networkError: string }
  /** Never answer; end only when the request is aborted. */
  | { hang: true };

/** Options of {@link createFakeVendor}. */
export interface FakeVendorOptions {
  /** `sync` answers images at once; `async` answers a task. Default `sync`. */
  mode?: 'sync' | 'async';
  /** Polls that report running before a task completes. Default 2. */
  pollsUntilDone?: number;
  /** Size of the images made, in pixels. Default 64. */
  imageSize?: number;
  /** Answers used, in order, before the default behaviour. */
  script?: { submit?: FakeReply[]; poll?: FakeReply[] };
  /** A charge per image that synchronous answers state (`cost: { amount, currency }`), as some vendors do. */
  chargePerImage?: { amount: number; currency: string };
}

/** The in-memory vendor: a transport plus what it saw. */
export interface FakeVendor {
  transport: HttpTransport;
  /** Every request received, in order. */
  requests: HttpRequest[];
  /** Scripted answers not used yet. */
  pendingScript(): number;
}

export const FAKE_BASE_URL = 'https://fake.imagegate.test';

/**
 * An offline vendor behind an {@link HttpTransport}: `POST /v1/images` makes
 * real PNGs (inline base64, or a task whose result URLs it also serves),
 * `GET /v1/tasks/:id` reports progress, `POST /v1/tasks/:id/cancel` stops a task. Core's HTTP client, retries and error
 * mapping run for real against it.
 */
export function createFakeVendor(options: FakeVendorOptions = {}): FakeVendor {
  const mode = options.mode ?? 'sync';
  const pollsUntilDone = options.pollsUntilDone ?? 2;
  const size = options.imageSize ?? 64;
  const submitScript = [...(options.script?.submit ?? [])];
  const pollScript = [...(options.script?.poll ?? [])];
  const requests: HttpRequest[] = [];
  const tasks = new Map<string, { polls: number; n: number; canceled?: boolean }>();
  let taskCounter = 0;

  const transport: HttpTransport = async (request) => {
    requests.push(request);
    if (request.signal?.aborted) throw request.signal.reason;
    const path = new URL(request.url).pathname;

    if (request.method === 'POST' && path === '/v1/images') {
      const scripted = submitScript.shift();
      if (scripted) return play(scripted, request);
      const body = JSON.parse(String(request.body)) as { n?: number; size?: string };
      const n = body.n ?? 1;
      if (mode === 'sync') {
        return json(200, {
          data: Array.from({ length: n }, (_, i) => ({ b64_json: toBase64(encodePng(size, size, { seed: i + 1 })) })),
          usage: { input_tokens: 10, output_tokens: 100 * n },
          ...(options.chargePerImage
            ? { cost: { ...options.chargePerImage, amount: options.chargePerImage.amount * n } }
            : {}),
        });
      }
      const id = `task_${++taskCounter}`;
      tasks.set(id, { polls: 0, n });
      return json(200, { id, status: 'queued' });
    }

    const poll = /^\/v1\/tasks\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && poll) {
      const scripted = pollScript.shift();
      if (scripted) return play(scripted, request);
      const task = tasks.get(poll[1]!);
      if (!task) return json(404, { error: { message: 'task not found' } });
      task.polls++;
      if (task.canceled) return json(200, { id: poll[1], status: 'canceled' });
      if (task.polls <= pollsUntilDone)
        return json(200, {
          id: poll[1],
          status: 'running',
          progress: Math.round((task.polls / (pollsUntilDone + 1)) * 100),
        });
      return json(200, {
        id: poll[1],
        status: 'completed',
        images: Array.from({ length: task.n }, (_, i) => ({ url: `${FAKE_BASE_URL}/files/${poll[1]}-${i}.png` })),
      });
    }

    const cancel = /^\/v1\/tasks\/([^/]+)\/cancel$/.exec(path);
    if (request.method === 'POST' && cancel) {
      const task = tasks.get(cancel[1]!);
      if (!task) return json(404, { error: { message: 'task not found' } });
      task.canceled = true;
      return json(200, { id: cancel[1], status: 'canceled' });
    }

    if (request.method === 'GET' && path.startsWith('/files/')) {
      const png = encodePng(size, size);
      return { status: 200, headers: { 'content-type': 'image/png' }, body: png };
    }
    return json(404, { error: { message: `no route ${request.method} ${path}` } });
  };

  return { transport, requests, pendingScript: () => submitScript.length + pollScript.length };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: new TextEncoder().encode(JSON.stringify(value)),
  };
}

async function play(reply: FakeReply, request: HttpRequest): Promise<HttpResponse> {
  if ('networkError' in reply)
    throw Object.assign(new Error(`fake ${reply.networkError}`), { code: reply.networkError });
  if ('hang' in reply) return hangUntilAborted(request);
  if (reply.text !== undefined)
    return { status: reply.status, headers: reply.headers ?? {}, body: new TextEncoder().encode(reply.text) };
  return json(reply.status, reply.json ?? {}, reply.headers);
}

/** A request that never answers; it ends only when its signal aborts (one without a signal hangs for good). */
export function hangUntilAborted(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((_resolve, reject) => {
    const signal = request.signal;
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
