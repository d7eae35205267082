import {
  cancelEmulatedTask,
  encodePng,
  listen,
  taskPhase,
  type EmulatorRequest,
  type ListenOptions,
  type TaskTimeline,
} from '@imagegate/testing/fakes';
import { PREDICTIONS_PATH } from '../__ID__-predictions-api.js';
import { __CONST___ACCOUNT } from '../__ID__-account.js';

/** Options of {@link start__NAME__Emulator}. */
export interface __NAME__EmulatorOptions extends ListenOptions {
  /** The key accepted as `Authorization: Bearer <key>`; unset, any. Anything else is 401. */
  apiKey?: string;
  /** From submit to succeeded, ms. Default 1500; 0 succeeds at once (the submit answers the images). */
  taskDurationMs?: number;
}

/** A running __NAME__ emulator. */
export interface __NAME__Emulator {
  /** Its origin: pass it as `baseUrl` (or as the Base URL of an n8n credential). */
  readonly url: string;
  /** Every request received, in order, credentials masked. */
  readonly requests: EmulatorRequest[];
  close(): Promise<void>;
}

/**
 * A local server that answers like __NAME__'s predictions API, for demos, n8n workflows and tests
 * over real HTTP: `POST /v1/predictions` (starting; succeeded at once when `taskDurationMs` is 0),
 * `GET /v1/predictions/{id}` (starting → processing with progress → succeeded with PNG URLs),
 * `POST /v1/predictions/{id}/cancel`, `GET /v1/account` (the key check) and the result files.
 */
export async function start__NAME__Emulator(options: __NAME__EmulatorOptions = {}): Promise<__NAME__Emulator> {
  const durationMs = Math.max(0, options.taskDurationMs ?? 1500);
  const predictions = new Map<string, TaskTimeline & { model: string; count: number }>();
  const requests: EmulatorRequest[] = [];
  const error = (status: number, message: string) => ({
    error: { code: status === 401 ? 'unauthorized' : 'invalid_request', message },
  });
  const server = await listen(
    async (exchange) => {
      if (exchange.path.startsWith('/files/')) return exchange.replyBytes(200, 'image/png', encodePng(64, 64));
      if (options.apiKey !== undefined && exchange.header('authorization') !== `Bearer ${options.apiKey}`)
        return exchange.replyJson(401, error(401, 'Invalid API key'));
      if (exchange.path === '/v1/account') return exchange.replyJson(200, { id: 'acct_emulator' });
      const [, id, action] = new RegExp(`^${PREDICTIONS_PATH}(?:/([^/]+))?(?:/(cancel))?$`).exec(exchange.path) ?? [];
      if (exchange.method === 'POST' && !id) {
        const body = exchange.json() as
          { model?: string; input?: { prompt?: string; num_outputs?: number } } | undefined;
        if (!body?.model || !body.input?.prompt)
          return exchange.replyJson(400, error(400, 'model and input.prompt are required'));
        exchange.log.model = body.model;
        exchange.log.prompt = body.input.prompt;
        const newId = `pred_${predictions.size + 1}`;
        predictions.set(newId, {
          createdAt: Date.now(),
          queueMs: Math.min(300, durationMs / 5),
          durationMs,
          model: body.model,
          count: body.input.num_outputs ?? 1,
        });
        return exchange.replyJson(201, answer(newId));
      }
      if (!id || !predictions.has(id)) return exchange.replyJson(404, error(404, 'Prediction not found'));
      if (action === 'cancel')
        return exchange.replyJson(cancelEmulatedTask(predictions.get(id)!, Date.now()) ? 200 : 409, answer(id));
      return exchange.replyJson(200, answer(id));
    },
    (entry) => requests.push(entry),
    error,
    options,
    __CONST___ACCOUNT.credentials,
  );

  function answer(id: string): Record<string, unknown> {
    const prediction = predictions.get(id)!;
    const phase = taskPhase(prediction, Date.now());
    const base = { id, model: prediction.model };
    if (phase.state === 'done')
      return {
        ...base,
        status: 'succeeded',
        output: Array.from({ length: prediction.count }, (_, i) => `${server.url}/files/${id}-${i}.png`),
      };
    if (phase.state === 'canceled') return { ...base, status: 'canceled' };
    return { ...base, status: phase.state === 'queued' ? 'starting' : 'processing', progress: phase.progress };
  }

  return { url: server.url, requests, close: () => server.close() };
}
