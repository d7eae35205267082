/**
 * The shape of many FLUX-style image APIs, end to end over real HTTP: the
 * submit answers the URL to poll on a regional host, and results come from a
 * CDN on a third host. Three emulator servers stand for the three hosts, and
 * `routeHosts` sends each host's requests to its server, so core sees the
 * vendor's real URLs and its key hosts are what let the key through. The
 * provider is the one the guide shows (docs/writing-a-provider.md, "Vendors
 * that hand back the URL to poll").
 */
import { generateImage, getTaskStatus, type TaskHandle } from '@imagegate/core';
import { defineProvider, taskFailedError, type ModelSpec, type ProviderAccount } from '@imagegate/core/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  captureImageGateError as failure,
  encodePng,
  listen,
  routeHosts,
  type EmulatorRequest,
  type RunningServer,
} from '../src/fakes.js';

const KEY = 'flux-multi-host-secret-3141';

const FLUX_ACCOUNT: ProviderAccount = {
  id: 'flux',
  name: 'Flux',
  docsUrl: 'https://docs.flux.example',
  // Polls are answered on regional hosts (`https://api.eu.flux.example/...`): the key may go there too.
  credentials: {
    baseUrl: 'https://api.flux.example',
    auth: { header: 'x-key', schemes: ['bare'] },
    keyHosts: ['*.flux.example'],
  },
};

const FLUX_PRO: ModelSpec<'flux-pro'> = {
  id: 'flux-pro',
  name: 'FLUX Pro',
  operations: ['generate'],
  sizes: { kind: 'pixels', presets: ['1024x768'], custom: { multipleOf: 32, minEdge: 256, maxEdge: 1440 } },
  defaultSize: '1024x768',
  maxImagesPerCall: 1,
  maxImages: 1,
  options: {},
  async: true,
  polling: { initialDelayMs: 100, intervalMs: 250 },
  output: { delivery: 'url', mimeTypes: ['image/png'] },
};

const flux = defineProvider({
  ...FLUX_ACCOUNT,
  models: [FLUX_PRO],
  async submit(request, ctx) {
    const [width, height] = (request.size ?? '1024x768').split('x').map(Number);
    const answer = await ctx.http.json(
      ctx,
      { method: 'POST', url: '/v1/flux-pro', json: { prompt: request.prompt, width, height }, kind: 'billable' },
      { schema: z.object({ id: z.string(), polling_url: z.url() }) },
    );
    const task: TaskHandle = {
      version: 1,
      provider: 'flux',
      taskId: answer.id,
      model: request.model,
      createdAt: ctx.now(),
      // Core checks it is on a host the key may go to before every poll.
      pollUrl: answer.polling_url,
    };
    return { type: 'task', task };
  },
  async getTask(task, ctx) {
    const answer = await ctx.http.json(
      ctx,
      {
        method: 'GET',
        url: task.pollUrl || `/v1/get_result?id=${encodeURIComponent(task.taskId)}`,
        kind: 'idempotent',
      },
      { schema: z.object({ status: z.string(), result: z.object({ sample: z.url() }).nullish() }) },
    );
    if (answer.status === 'Ready' && answer.result)
      return { state: 'succeeded', images: [{ url: answer.result.sample }] };
    if (answer.status === 'Task not found') {
      const report = { code: 'not_found', message: 'Flux no longer has this task (expired or unknown)' };
      return {
        state: 'failed',
        error: taskFailedError(report, { provider: 'Flux', model: task.model, taskId: task.taskId }),
      };
    }
    return { state: answer.status === 'Pending' ? 'queued' : 'running' };
  },
});

/** The vendor's hosts, as its answers name them. */
const HOSTS = {
  api: 'https://api.flux.example',
  region: 'https://api.eu.flux.example',
  cdn: 'https://delivery.flux-cdn.example',
};

/** The vendor's three hosts: the API, a regional poll host and a CDN, each a server of its own. */
async function startFluxEmulator() {
  const requests: Array<EmulatorRequest & { host: string }> = [];
  const tasks = new Map<string, number>();
  const error = (status: number, message: string) => ({ detail: message });
  const servers: Record<'api' | 'region' | 'cdn', RunningServer> = {} as never;
  const logAs = (host: string) => (entry: EmulatorRequest) => requests.push(Object.assign(entry, { host }));
  const keyed = (exchange: { header(name: string): string | undefined }) => exchange.header('x-key') === KEY;
  servers.api = await listen(
    async (exchange) => {
      if (!keyed(exchange)) return exchange.replyJson(403, error(403, 'Not authenticated'));
      const id = `t-${tasks.size + 1}`;
      tasks.set(id, 0);
      exchange.replyJson(200, { id, polling_url: `${HOSTS.region}/v1/get_result?id=${id}` });
    },
    logAs('api'),
    error,
    {},
    FLUX_ACCOUNT.credentials,
  );
  servers.region = await listen(
    async (exchange) => {
      if (!keyed(exchange)) return exchange.replyJson(403, error(403, 'Not authenticated'));
      const id = exchange.search.get('id') ?? '';
      const polls = tasks.get(id);
      if (polls === undefined) return exchange.replyJson(200, { id, status: 'Task not found' });
      tasks.set(id, polls + 1);
      if (polls < 2) return exchange.replyJson(200, { id, status: polls === 0 ? 'Pending' : 'Processing' });
      exchange.replyJson(200, { id, status: 'Ready', result: { sample: `${HOSTS.cdn}/results/${id}.png` } });
    },
    logAs('region'),
    error,
    {},
    FLUX_ACCOUNT.credentials,
  );
  servers.cdn = await listen(
    async (exchange) => exchange.replyBytes(200, 'image/png', encodePng(32, 24)),
    logAs('cdn'),
    error,
    {},
    FLUX_ACCOUNT.credentials,
  );
  return {
    /** What a provider sends through to reach the three hosts. */
    transport: routeHosts({
      [HOSTS.api]: servers.api.url,
      [HOSTS.region]: servers.region.url,
      [HOSTS.cdn]: servers.cdn.url,
    }),
    requests,
    close: () => Promise.all(Object.values(servers).map((s) => s.close())),
  };
}

let emulator: Awaited<ReturnType<typeof startFluxEmulator>>;
beforeAll(async () => {
  emulator = await startFluxEmulator();
});
afterAll(() => emulator.close());

describe('a vendor that hands back the URL to poll, with results on a CDN', () => {
  it('polls the regional host with the key and downloads from the CDN without it', async () => {
    const provider = flux.create({ apiKey: KEY, transport: emulator.transport });
    const result = await generateImage({ provider, model: 'flux-pro', prompt: 'a lighthouse', size: '512x384' });
    expect(result.images[0]).toMatchObject({ mimeType: 'image/png', width: 32, height: 24 });
    expect(result.tasks[0]!.pollUrl).toBe('https://api.eu.flux.example/v1/get_result?id=t-1');
    const by = (host: string) => emulator.requests.filter((r) => r.host === host);
    expect(by('api').map((r) => r.headers['x-key'])).toEqual(['***']);
    expect(by('region').length).toBe(3);
    expect(by('region').every((r) => r.headers['x-key'] === '***')).toBe(true);
    expect(by('cdn').map((r) => r.headers['x-key'])).toEqual([undefined]);
  });

  it('refuses a handle whose poll URL was forged to point elsewhere, before any request', async () => {
    const provider = flux.create({ apiKey: KEY, transport: emulator.transport });
    const before = emulator.requests.length;
    const task: TaskHandle = {
      version: 1,
      provider: 'flux',
      taskId: 't-1',
      model: 'flux-pro',
      createdAt: Date.now(),
      pollUrl: 'https://collector.attacker.example/v1/get_result?id=t-1',
    };
    const error = await failure(getTaskStatus({ provider, task }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'task.pollUrl' });
    expect(emulator.requests.length).toBe(before);
  });

  it('sends the key to no host the definition does not list: without keyHosts, no regional poll', async () => {
    const { keyHosts: _listed, ...credentials } = FLUX_ACCOUNT.credentials;
    const unlisted = defineProvider({ ...flux.definition, credentials }).create({
      apiKey: KEY,
      transport: emulator.transport,
    });
    const error = await failure(generateImage({ provider: unlisted, model: 'flux-pro', prompt: 'a lighthouse' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', maybeBilled: true });
    expect(error.message).toMatch(/a pollUrl that points at api\.eu\.flux\.example, where Flux's key may not go/);
  });

  it('refuses a custom size off its rules before anything is sent', async () => {
    const provider = flux.create({ apiKey: KEY, transport: emulator.transport });
    const before = emulator.requests.length;
    const error = await failure(
      generateImage({ provider, model: 'flux-pro', prompt: 'a lighthouse', size: '224x512' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'size' });
    expect(error.message).toMatch(/the shortest side must be at least 256 px/);
    expect(emulator.requests.length).toBe(before);
  });
});
