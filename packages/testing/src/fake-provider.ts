import {
  ImageGateError,
  type HttpTransport,
  type ImageProvider,
  type ModelSpec,
  type TaskStatus,
} from '@imagegate/core';
import { createHttpClient, type VendorImage } from '@imagegate/core/provider';
import { createFakeVendor, FAKE_BASE_URL, type FakeVendor, type FakeVendorOptions } from './fake-vendor.js';

/** Options of {@link createFakeProvider}. */
export interface FakeProviderOptions extends FakeVendorOptions {
  apiKey?: string;
  /** Use this transport instead of the built-in fake vendor's. */
  transport?: HttpTransport;
}

/** Model ids of the fake provider; other strings are accepted by the type (and refused by validation). */
export type FakeModelId = 'fake-sync' | 'fake-async' | (string & {});

/** The fake provider, with its vendor for inspection. */
export type FakeProvider = ImageProvider<FakeModelId> & { vendor: FakeVendor };

const SIZES = { kind: 'pixels', presets: ['256x256', '512x512', '1024x1024'], auto: true } as const;

/** The fake provider's manifest: one synchronous and one asynchronous model. */
export const FAKE_MODELS: ModelSpec<FakeModelId>[] = [
  {
    id: 'fake-sync',
    name: 'Fake (synchronous)',
    operations: ['generate', 'edit'],
    sizes: SIZES,
    defaultSize: '1024x1024',
    maxImagesPerCall: 4,
    maxImages: 8,
    inputImages: {
      max: 4,
      maxBytes: 4 * 1024 * 1024,
      mimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
      acceptsUrls: true,
      mask: true,
    },
    maxPromptLength: 1000,
    options: { quality: ['low', 'medium', 'high'], outputFormat: ['png'], seed: { min: 0, max: 2 ** 31 - 1 } },
    async: false,
    output: { delivery: 'bytes', mimeTypes: ['image/png'] },
  },
  {
    id: 'fake-async',
    name: 'Fake (asynchronous)',
    operations: ['generate'],
    sizes: SIZES,
    defaultSize: '1024x1024',
    maxImagesPerCall: 1,
    maxImages: 4,
    maxPromptLength: 1000,
    options: {},
    async: true,
    polling: { initialDelayMs: 1000, intervalMs: 2000, maxIntervalMs: 8000 },
    cancel: true,
    output: { delivery: 'url', mimeTypes: ['image/png'] },
  },
];

/**
 * An offline provider for hosts' own tests: real PNGs, synchronous
 * (`fake-sync`) or asynchronous (`fake-async`, task + polls + URL results).
 * It runs on core's real HTTP client against an in-memory vendor, so retries,
 * error mapping and redaction behave as with a real vendor.
 */
export function createFakeProvider(options: FakeProviderOptions = {}): FakeProvider {
  const vendor = createFakeVendor(options);
  const transport = options.transport ?? vendor.transport;
  const http = createHttpClient({
    provider: 'fake',
    baseUrl: FAKE_BASE_URL,
    headers: { authorization: `Bearer ${options.apiKey ?? 'fake-api-key-0000'}` },
    transport,
  });

  return {
    specificationVersion: 'v1',
    id: 'fake',
    name: 'Fake',
    models: FAKE_MODELS,
    baseUrl: FAKE_BASE_URL,
    vendor,
    transport,
    async submit(request, ctx) {
      const body = { model: request.model, prompt: request.prompt, n: request.n ?? 1, size: request.size };
      const answer = await http.json<Record<string, unknown>>(
        ctx,
        { method: 'POST', url: '/v1/images', json: body, kind: 'billable', model: request.model },
        { binaryFields: ['b64_json'] },
      );
      if (typeof answer.id === 'string') {
        return {
          type: 'task',
          task: { version: 1, provider: 'fake', taskId: answer.id, model: request.model, createdAt: ctx.now() },
        };
      }
      const data = Array.isArray(answer.data) ? answer.data : [];
      const images: VendorImage[] = data.flatMap((item: { b64_json?: unknown }) =>
        item.b64_json instanceof Uint8Array ? [{ data: item.b64_json }] : [],
      );
      const usage = answer.usage as { input_tokens?: number; output_tokens?: number } | undefined;
      const cost = answer.cost as { amount: number; currency: string } | undefined;
      return {
        type: 'images',
        images,
        usage: usage && {
          inputTokens: usage.input_tokens,
          outputTokens: usage.output_tokens,
          ...(cost ? { charge: cost } : {}),
        },
      };
    },
    async getTask(task, ctx): Promise<TaskStatus> {
      const answer = await http.json<Record<string, unknown>>(ctx, {
        method: 'GET',
        url: `/v1/tasks/${encodeURIComponent(task.taskId)}`,
        kind: 'idempotent',
        model: task.model,
        taskId: task.taskId,
      });
      const progress = typeof answer.progress === 'number' ? answer.progress : undefined;
      switch (answer.status) {
        case 'queued':
          return { state: 'queued', progress };
        case 'running':
          return { state: 'running', progress };
        case 'completed': {
          const images = Array.isArray(answer.images) ? answer.images : [];
          return {
            state: 'succeeded',
            images: images
              .filter((i: { url?: unknown }) => typeof i.url === 'string')
              .map((i: { url: string }) => ({ url: i.url })),
          };
        }
        case 'canceled':
          return { state: 'canceled' };
        case 'failed':
          return {
            state: 'failed',
            error: new ImageGateError(
              'TASK_FAILED',
              `Fake task ${task.taskId} failed: ${String(answer.error ?? 'unknown')}`,
              { provider: 'fake', taskId: task.taskId, model: task.model },
            ),
          };
        default:
          throw new ImageGateError(
            'BAD_RESPONSE',
            `Fake task ${task.taskId} has unknown status ${JSON.stringify(answer.status)}.`,
            { provider: 'fake', taskId: task.taskId, retryable: false },
          );
      }
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
