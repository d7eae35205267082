import { encodePng, JPEG_16, multipartParts, toBase64, useNock } from '@imagegate/testing';
import nock from 'nock';
import { Readable } from 'node:stream';
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it, vi } from 'vitest';
import { ImageGate } from '../src/nodes/ImageGate/ImageGate.node.js';
import { binaryItem, executeFunctions, type ExecuteSetup } from './execute-functions.js';

const GPTPROTO = 'https://gptproto.test';
const TOAPIS = 'https://toapis.test';
const CDN = 'https://cdn.toapis.test';
const GPT_KEY = 'sk-gptproto-node-test-123456';
const TOAPIS_KEY = 'sk-toapis-node-test-654321';
const credentials = {
  imageGateGptProtoApi: { apiKey: GPT_KEY, authScheme: 'bare', baseUrl: GPTPROTO },
  imageGateToApisApi: { apiKey: TOAPIS_KEY, baseUrl: TOAPIS },
};
const model = (value: string) => ({ __rl: true, mode: 'list', value });
const png = encodePng(32, 24);

const node = new ImageGate();
const run = async (setup: Omit<ExecuteSetup, 'credentials'> & { credentials?: ExecuteSetup['credentials'] }) => {
  const fns = executeFunctions(node, { credentials, ...setup });
  const [out] = await node.execute.call(fns);
  return { out: out!, fns };
};
const decoded = (item: INodeExecutionData, property = 'data') => Buffer.from(item.binary![property]!.data, 'base64');

const nocks = useNock();

describe('the Authorization Format where GPTProto\'s pages disagree', () => {
  /** A gateway that takes only `Bearer <key>`, recording the form of each request. */
  const bearerOnly = (key: string) => {
    const seen: string[] = [];
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .times(4)
      .reply(function () {
        const auth = String(this.req.headers.authorization);
        seen.push(auth.startsWith('Bearer ') ? 'bearer' : 'bare');
        return auth === `Bearer ${key}` ? [200, { data: [{ b64_json: toBase64(png) }] }] : [401, { error: { message: 'Invalid token', type: '401' } }];
      });
    return seen;
  };
  const parameters = { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: 'a cat' };

  it.each([
    ['Automatic', { authScheme: 'auto' }],
    ['unset (a credential saved before the option)', {}],
  ])('%s: a key refused as written is tried once as Bearer, and the image is made', async (_name, format) => {
    const key = `sk-gptproto-auto-${Object.keys(format).length}-0123456789`;
    const seen = bearerOnly(key);
    const { out } = await run({ credentials: { ...credentials, imageGateGptProtoApi: { apiKey: key, baseUrl: GPTPROTO, ...format } }, parameters });
    expect(out).toHaveLength(1);
    expect(seen).toEqual(['bare', 'bearer']);
    nock.cleanAll();
  });

  it('Key Only sends exactly the bare key: a refusal fails, with no second form', async () => {
    const key = 'sk-gptproto-explicit-0123456789';
    const seen = bearerOnly(key);
    const error = await run({ credentials: { ...credentials, imageGateGptProtoApi: { apiKey: key, authScheme: 'bare', baseUrl: GPTPROTO } }, parameters }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(seen).toEqual(['bare']);
    nock.cleanAll();
  });
});

describe('Image → Generate on GPTProto', () => {
  it('gpt-image-2: sends the manifest defaults and the bare key, returns the image as binary with JSON', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO, { reqheaders: { authorization: GPT_KEY } })
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, { created: 1, data: [{ b64_json: toBase64(png) }], usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 } });
    const { out } = await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-2'), prompt: 'a cat', size: '1536x1024', options: { quality: 'high' } } });
    expect(body).toMatchObject({ model: 'gpt-image-2', prompt: 'a cat', size: '1536x1024', quality: 'high', n: 1 });
    expect(out).toHaveLength(1);
    expect(out[0]!.json).toMatchObject({ provider: 'gptproto', model: 'gpt-image-2', prompt: 'a cat', size: '1536x1024', mimeType: 'image/png', width: 32, height: 24, usage: { inputTokens: 8, outputTokens: 196, totalTokens: 204 } });
    expect(out[0]!.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'gpt-image-2-1.png' });
    expect(decoded(out[0]!).equals(Buffer.from(png))).toBe(true);
    expect(out[0]!.pairedItem).toEqual({ item: 0 });
  });

  it('bytes answers get a signed link to n8n\'s stored copy as url where n8n can make one, and none in memory mode', async () => {
    const answer = { data: [{ b64_json: toBase64(png) }] };
    nock(GPTPROTO).post('/v1/images/generations').times(2).reply(200, answer);
    const parameters = { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: 'a cat' };
    const stored = await run({ binaryMode: 'filesystem', parameters });
    expect(stored.out[0]!.json).toMatchObject({ url: expect.stringMatching(/^http:\/\/localhost:5678\/rest\/binary-data\/signed\?token=/), width: 32, height: 24, mimeType: 'image/png', model: 'gpt-image-1' });
    const memory = await run({ parameters });
    expect(memory.out[0]!.json).not.toHaveProperty('url');
    expect(memory.out[0]!.json).toMatchObject({ width: 32, mimeType: 'image/png' });
  });

  it('gpt-image-2 custom size goes out as WxH; several images land in one item as data, data_1', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO)
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }, { b64_json: toBase64(encodePng(8, 8)) }] });
    const { out } = await run({
      parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-2'), prompt: 'two cats', size: 'custom', customSize: '1920x1088', options: { n: 2, outputMode: 'oneItem', outputBinaryField: 'image' } },
    });
    expect(body).toMatchObject({ size: '1920x1088', n: 2 });
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0]!.binary!)).toEqual(['image', 'image_1']);
    expect(out[0]!.json).toMatchObject({ imageCount: 2, images: [{ binaryProperty: 'image', width: 32 }, { binaryProperty: 'image_1', width: 8 }] });
  });

  it('Gemini: the aspect ratio is the size; one image per call', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO)
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }], size: '16:9' });
    const { out } = await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gemini-2.5-flash-image'), prompt: 'a dish', size: '16:9' } });
    expect(body).toEqual({ model: 'gemini-2.5-flash-image', prompt: 'a dish', size: '16:9' });
    expect(out[0]!.json).toMatchObject({ model: 'gemini-2.5-flash-image', mimeType: 'image/png' });
  });

  it('Nano Banana Pro at 2K on the v3 API: Aspect Ratio and Resolution reach the vendor, the prediction is polled and its output downloaded', async () => {
    let body: Record<string, unknown> = {};
    const prediction = (status: string, outputs: string[] = []) => ({ data: { id: 'pred_n8n', status, outputs, urls: { get: '' }, error: null }, code: 200, message: 'success' });
    nock(GPTPROTO)
      .post('/api/v3/google/gemini-3-pro-image-preview/text-to-image', (b) => ((body = b), true))
      .reply(200, prediction('created'))
      .get('/api/v3/predictions/pred_n8n/result')
      .reply(200, prediction('completed', ['https://cdn.gptproto.test/pred_n8n.png']));
    nock('https://cdn.gptproto.test').get('/pred_n8n.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
    const { out } = await run({
      parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gemini-3-pro-image-preview'), prompt: 'a lighthouse', size: '16:9', resolution: '2K', options: { pollIntervalSeconds: 1 } },
    });
    expect(body).toMatchObject({ prompt: 'a lighthouse', aspect_ratio: '16:9', size: '2K' });
    expect(out[0]!.json).toMatchObject({ model: 'gemini-3-pro-image-preview', size: '16:9', resolution: '2K', taskId: 'pred_n8n', width: 32 });
  });

  it('retries a 429 after Retry-After and succeeds', async () => {
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .reply(429, { error: { message: 'Too Many Requests', type: '429' } }, { 'retry-after': '1' })
      .post('/v1/images/generations')
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const started = Date.now();
    const { out } = await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: 'a cat' } });
    expect(out[0]!.json.mimeType).toBe('image/png');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a 500 says what happened once, with full stops, and names the HTTP code', async () => {
    nock(GPTPROTO).post('/v1/images/generations').reply(500, { error: { message: 'internal error', type: '500' } });
    const error = (await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: 'a cat' } }).catch((e: unknown) => e)) as NodeApiError;
    expect(error.message).toBe('GPTProto failed (HTTP 500)');
    expect(error.description).toBe('GPTProto said: internal error. Retry later. A generation that may have been taken is not resubmitted, so it is not billed twice.');
    expect(error.httpCode).toBe('500');
  });

  it('names parameters as the panel shows them, not the library\'s options', async () => {
    const error = (await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-2'), prompt: 'a cat', options: { outputFormat: 'png', n: 11 } } }).catch((e: unknown) => e)) as NodeOperationError;
    expect(error.message).toBe('"Number of Images" must be a whole number from 1 to 10 for gpt-image-2; got 11.');
    expect(error.description).toBe('Check Number of Images.');
  });

  it('refuses bad parameters before any request, as NodeOperationError with the item index', async () => {
    const error = await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-2'), prompt: 'a cat', size: 'custom', customSize: '1000x1000' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).message).toMatch(/multiples of 16/);
    expect((error as NodeOperationError & { context: { itemIndex: number } }).context.itemIndex).toBe(0);
    expect(nocks.unmatched()).toBe(0);
  });

  it('a vendor failure is a NodeApiError with the HTTP code and what to do, without the key', async () => {
    nock(GPTPROTO).post('/v1/images/generations').reply(403, { error: { message: `insufficient balance for ${GPT_KEY}`, type: '403' } });
    const error = (await run({ parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: 'a cat' } }).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.httpCode).toBe('403');
    expect(error.message).toBe('The GPTProto account has no balance left');
    expect(error.description).toMatch(/^GPTProto said: insufficient balance for .*\. Top up the account balance, then run again\.$/);
    expect(JSON.stringify(error) + error.message + error.description).not.toContain(GPT_KEY);
  });
});

describe('Image → Edit', () => {
  it('sends the input item\'s binary properties as multipart image[] (gpt-image)', async () => {
    let raw: unknown;
    nock(GPTPROTO)
      .post('/v1/images/edits', (b) => ((raw = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const items = [{ ...binaryItem(png, 'image/png', 'cat.png'), binary: { ...binaryItem(png, 'image/png', 'cat.png').binary, photo: binaryItem(JPEG_16, 'image/jpeg', 'hat.jpg').binary!.data! } }];
    const { out } = await run({ items, parameters: { provider: 'gptproto', resource: 'image', operation: 'edit', model: model('gpt-image-1'), prompt: 'add a hat', inputBinaryFields: 'data, photo' } });
    const images = multipartParts(raw).filter((p) => p.name === 'image[]');
    expect(images.map((p) => p.contentType)).toEqual(['image/png', 'image/jpeg']);
    expect(images[1]!.content.equals(Buffer.from(JPEG_16))).toBe(true);
    expect(multipartParts(raw).find((p) => p.name === 'prompt')?.text).toBe('add a hat');
    expect(out[0]!.json.mimeType).toBe('image/png');
  });

  it('sends binary inputs as inline_data to Gemini generateContent', async () => {
    let body: { contents: Array<{ parts: Array<Record<string, unknown>> }> } = { contents: [] };
    nock(GPTPROTO)
      .post('/v1beta/models/gemini-2.5-flash-image:generateContent', (b) => ((body = b), true))
      .reply(200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: toBase64(png) } }] }, finishReason: 'STOP' }] });
    const { out } = await run({ items: [binaryItem(png, 'image/png', 'cat.png')], parameters: { provider: 'gptproto', resource: 'image', operation: 'edit', model: model('gemini-2.5-flash-image'), prompt: 'add a hat' } });
    expect(body.contents[0]!.parts).toEqual([{ text: 'add a hat' }, { inline_data: { mime_type: 'image/png', data: toBase64(png) } }]);
    expect(out[0]!.binary!.data!.mimeType).toBe('image/png');
  });

  it('names the missing binary property before any request', async () => {
    const error = (await run({ items: [{ json: {} }], parameters: { provider: 'gptproto', resource: 'image', operation: 'edit', model: model('gpt-image-1'), prompt: 'x', inputBinaryFields: 'photo' } }).catch((e: unknown) => e)) as NodeOperationError;
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('The input item has no binary field "photo"');
    expect(nocks.unmatched()).toBe(0);
  });
});

describe('Options → Provider Options', () => {
  const generate = (providerOptions: string, value = 'gpt-image-2') => ({ provider: 'gptproto', resource: 'image', operation: 'generate', model: model(value), prompt: 'x', options: { providerOptions } });

  it('is checked by the provider\'s schema before any request, naming the option in the panel\'s words', async () => {
    const unknown = (await run({ parameters: generate('{"bogus": 1}') }).catch((e: unknown) => e)) as NodeOperationError;
    expect(unknown).toBeInstanceOf(NodeOperationError);
    expect(unknown.message).toMatch(/^"Provider Options": Unrecognized key\(s\) in object: 'bogus'/);
    const misplaced = (await run({ parameters: generate('{"syncMode": true}') }).catch((e: unknown) => e)) as NodeOperationError;
    expect(misplaced.message).toMatch(/"Provider Options → syncMode" applies to v3 \(asynchronous\) models only, not gpt-image-2/);
    const notJson = (await run({ parameters: generate('{syncMode: true}') }).catch((e: unknown) => e)) as NodeOperationError;
    expect(notJson.message).toBe('Provider Options is not valid JSON');
    expect(nocks.unmatched()).toBe(0);
  });

  it('reaches the provider: syncMode makes a v3 prediction answer its image at once', async () => {
    const png2 = encodePng(1376, 768);
    nock(GPTPROTO)
      .post('/api/v3/google/gemini-3-pro-image-preview/text-to-image', (body: Record<string, unknown>) => body.enable_sync_mode === true)
      .reply(200, { code: 200, data: { id: 'pred_sync', status: 'completed', outputs: [`${CDN}/pred_sync.png`] } });
    nock(CDN).get('/pred_sync.png').reply(200, Buffer.from(png2), { 'content-type': 'image/png' });
    const { out } = await run({ parameters: generate('{"syncMode": true}', 'gemini-3-pro-image-preview') });
    expect(out[0]!.json).toMatchObject({ model: 'gemini-3-pro-image-preview', width: 1376, height: 768 });
  });
});

const taskBody = (id: string, status: string, extra: Record<string, unknown> = {}) => ({ id, object: 'generation.task', model: 'gemini-2.5-flash-image-preview', status, created_at: 1703884800, ...extra });
const toapisImage = { provider: 'toapis', resource: 'image', operation: 'generate', model: model('gemini-2.5-flash-image-preview'), prompt: 'a cat on the moon', options: { pollIntervalSeconds: 0.05 } };

describe('ToAPIs asynchronous tasks', () => {
  it('waits for the task (Bearer key, polling, progress) and downloads the result', async () => {
    nock(TOAPIS, { reqheaders: { authorization: `Bearer ${TOAPIS_KEY}` } })
      .post('/v1/images/generations', { model: 'gemini-2.5-flash-image-preview', prompt: 'a cat on the moon', size: '1:1', n: 1 })
      .reply(200, taskBody('task_1', 'queued', { progress: 0 }))
      .get('/v1/images/generations/task_1')
      .reply(200, taskBody('task_1', 'in_progress', { progress: 40 }))
      .get('/v1/images/generations/task_1')
      .reply(200, taskBody('task_1', 'completed', { progress: 100, result: { type: 'image', data: [{ url: `${CDN}/task_1.png` }] } }));
    nock(CDN).get('/task_1.png').reply(200, Buffer.from(png), { 'content-type': 'application/octet-stream' });
    const { out, fns } = await run({ parameters: toapisImage });
    expect(out[0]!.json).toMatchObject({ provider: 'toapis', taskId: 'task_1', sourceUrl: `${CDN}/task_1.png`, mimeType: 'image/png', fileName: 'task_1-1.png' });
    expect(decoded(out[0]!).equals(Buffer.from(png))).toBe(true);
    // Piped into n8n's binary store as a stream, never held whole by the node.
    expect(fns.record.stored).toEqual([{ fileName: 'task_1-1.png', mimeType: 'image/png', streamed: true, bytes: png.byteLength }]);
    // The CDN download goes out without the credential.
    const download = fns.record.requests.find((r) => r.url.startsWith(CDN));
    expect(JSON.stringify(download?.headers ?? {})).not.toContain(TOAPIS_KEY);
  });

  it('with waiting off outputs the task handle, and Task → Wait for Completion collects it', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_2', 'queued'));
    const submitted = await run({ parameters: { ...toapisImage, waitForCompletion: false } });
    expect(submitted.out[0]!.json).toMatchObject({ status: 'submitted', taskId: 'task_2', task: { version: 1, provider: 'toapis', taskId: 'task_2' } });

    nock(TOAPIS)
      .get('/v1/images/generations/task_2')
      .reply(200, taskBody('task_2', 'completed', { result: { data: [{ url: `${CDN}/task_2.png` }] } }));
    nock(CDN).get('/task_2.png').reply(200, Buffer.from(png));
    const collected = await run({
      items: submitted.out,
      parameters: { provider: 'toapis', resource: 'task', operation: 'wait', task: '={{ $json.task }}', options: { pollIntervalSeconds: 0.05 } },
      itemParameters: [{ task: submitted.out[0]!.json.task }],
    });
    expect(collected.out[0]!.json).toMatchObject({ taskId: 'task_2', mimeType: 'image/png' });
  });

  it('Task → Get Status polls once', async () => {
    nock(TOAPIS).get('/v1/images/generations/task_3').reply(200, taskBody('task_3', 'in_progress', { progress: 55 }));
    const task = { version: 1, provider: 'toapis', taskId: 'task_3', model: 'gemini-2.5-flash-image-preview', createdAt: 1 };
    const { out } = await run({ parameters: { provider: 'toapis', resource: 'task', operation: 'getStatus', task: JSON.stringify(task) } });
    expect(out[0]!.json).toMatchObject({ state: 'running', progress: 55, taskId: 'task_3' });
  });

  it('Task → Check Once routes each task: finished ones to Done with their images, pending ones to Pending with when to look again', async () => {
    const handle = (id: string, createdAt: number) => JSON.stringify({ version: 1, provider: 'toapis', taskId: id, model: 'gemini-2.5-flash-image-preview', createdAt });
    nock(TOAPIS)
      .get('/v1/images/generations/task_p')
      .reply(200, taskBody('task_p', 'in_progress', { progress: 10 }))
      // Polled once: the finished task is collected from what that check saw.
      .get('/v1/images/generations/task_d')
      .reply(200, taskBody('task_d', 'completed', { result: { data: [{ url: `${CDN}/task_d.png` }] } }));
    nock(CDN).get('/task_d.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
    // Submitted two minutes ago (ToAPIs' typical task takes 5–30 s): checked again by its age, at the model's cap.
    const fns = executeFunctions(node, {
      credentials,
      items: [{ json: {} }, { json: {} }],
      parameters: { provider: 'toapis', resource: 'task', operation: 'checkOnce' },
      itemParameters: [{ task: handle('task_p', Date.now() - 120_000) }, { task: handle('task_d', Date.now() - 120_000) }],
    });
    const [done, pending] = await node.execute.call(fns);
    expect(pending).toHaveLength(1);
    expect(pending![0]!.json).toMatchObject({ done: false, state: 'running', progress: 10, taskId: 'task_p', task: { taskId: 'task_p' } });
    // ToAPIs' guidance for a task 2 minutes old: its 10 s cap, plus up to 1 s of jitter.
    expect(pending![0]!.json.nextCheckSeconds).toBeGreaterThanOrEqual(10);
    expect(pending![0]!.json.nextCheckSeconds).toBeLessThanOrEqual(11);
    expect(pending![0]!.pairedItem).toEqual({ item: 0 });
    expect(done).toHaveLength(1);
    expect(done![0]!.json).toMatchObject({ done: true, taskId: 'task_d', mimeType: 'image/png' });
    expect(decoded(done![0]!).equals(Buffer.from(png))).toBe(true);
  });

  describe('Task → Check Once when the check itself fails', () => {
    const handle = (id: string, ageMs = 120_000) => ({ version: 1, provider: 'toapis', taskId: id, model: 'gemini-2.5-flash-image-preview', createdAt: Date.now() - ageMs });
    const poll = (id: string) => nock(TOAPIS).get(`/v1/images/generations/${id}`);
    /**
     * Check Once on these tasks with timers on a fake clock that runs fast
     * (100 ms per turn of the event loop), so the node's own retries
     * (Retry-After, backoff) take no real time. Fast, not jumping from timer
     * to timer: the run's 10-minute deadline must not fire while a request
     * is under way.
     */
    const checkOnce = async (tasks: object[], setup: Partial<ExecuteSetup> = {}) => {
      const fns = executeFunctions(node, {
        credentials,
        items: tasks.map(() => ({ json: {} })),
        parameters: { provider: 'toapis', resource: 'task', operation: 'checkOnce' },
        itemParameters: tasks.map((task) => ({ task: JSON.stringify(task) })),
        ...setup,
      });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        let settled = false;
        const running = node.execute.call(fns).finally(() => (settled = true));
        running.catch(() => undefined);
        while (!settled) {
          vi.advanceTimersByTime(100);
          await new Promise((resolve) => setImmediate(resolve));
        }
        const [done, pending] = await running;
        return { done: done!, pending: pending!, fns };
      } finally {
        vi.useRealTimers();
      }
    };
    const requestsBy = (fns: { record: { requests: Array<{ method?: string }> } }, method: string) => fns.record.requests.filter((r) => (r.method ?? 'GET') === method).length;

    it('a rate-limited poll goes to Pending at once (no retries holding the worker), to look again after Retry-After; nothing is submitted', async () => {
      poll('task_429').reply(429, { error: { message: 'Too Many Requests', type: 'rate_limit_exceeded' } }, { 'retry-after': '7' });
      const { done, pending, fns } = await checkOnce([handle('task_429')]);
      expect(done).toEqual([]);
      expect(pending).toHaveLength(1);
      expect(pending[0]!.json).toMatchObject({
        done: false,
        nextCheckSeconds: 7,
        provider: 'toapis',
        model: 'gemini-2.5-flash-image-preview',
        taskId: 'task_429',
        task: { version: 1, provider: 'toapis', taskId: 'task_429' },
        checkFailed: { code: 'RATE_LIMITED', message: 'ToAPIs is limiting the request rate' },
      });
      // What the check did not see is not made up.
      expect(pending[0]!.json.state).toBeUndefined();
      expect(pending[0]!.pairedItem).toEqual({ item: 0 });
      // One poll, no submit.
      expect(requestsBy(fns, 'GET')).toBe(1);
      expect(requestsBy(fns, 'POST')).toBe(0);
      expect(nocks.unmatched()).toBe(0);
      expect(JSON.stringify(pending[0]!.json)).not.toContain(TOAPIS_KEY);
    });

    it('a poll answering 503 goes to Pending with a backoff that grows with the task\'s age', async () => {
      poll('task_young').reply(503, { error: { message: 'upstream overloaded', type: 'internal_error' } });
      poll('task_old').reply(503, { error: { message: 'upstream overloaded', type: 'internal_error' } });
      const { done, pending } = await checkOnce([handle('task_young', 10_000), handle('task_old', 120_000)]);
      expect(done).toEqual([]);
      expect(pending.map((p) => p.json.taskId)).toEqual(['task_young', 'task_old']);
      for (const item of pending) expect(item.json).toMatchObject({ done: false, checkFailed: { code: 'PROVIDER_ERROR', message: 'ToAPIs failed (HTTP 503)' } });
      // ToAPIs' schedule (every 5–10 s, up to 1 s of jitter) by age: 10 s old → 5 s, 2 min old → its 10 s cap.
      const [young, old] = pending.map((p) => p.json.nextCheckSeconds as number);
      expect([young! >= 5 && young! <= 6, old! >= 10 && old! <= 11]).toEqual([true, true]);
      expect(pending.every((p) => (p.json.nextCheckSeconds as number) >= 1)).toBe(true);
    });

    it('a network error (ECONNRESET) goes to Pending', async () => {
      poll('task_reset').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      const { done, pending, fns } = await checkOnce([handle('task_reset')]);
      expect(done).toEqual([]);
      expect(pending[0]!.json).toMatchObject({ done: false, taskId: 'task_reset', checkFailed: { code: 'NETWORK', message: 'Could not reach ToAPIs' } });
      expect(pending[0]!.json.nextCheckSeconds).toBeGreaterThanOrEqual(5);
      expect(requestsBy(fns, 'GET')).toBe(1);
    });

    it('a refused key (401) still fails the execution, or is an error item on Done with Continue On Fail', async () => {
      const refused = () => poll('task_401').reply(401, { error: { message: 'Invalid API key', type: 'authentication_error' } });
      refused();
      const error = await checkOnce([handle('task_401')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).message).toBe('ToAPIs refused the API key');

      refused();
      const { done, pending } = await checkOnce([handle('task_401')], { continueOnFail: true });
      expect(pending).toEqual([]);
      expect(done).toHaveLength(1);
      expect(done[0]!.json).toMatchObject({ code: 'AUTHENTICATION', status: 401, error: 'ToAPIs refused the API key', taskId: 'task_401' });
      expect(done[0]!.json.checkFailed).toBeUndefined();
    });

    it('a stopped execution still stops, even when its check failed for a passing reason', async () => {
      const controller = new AbortController();
      poll('task_stop').reply(() => {
        controller.abort();
        return [503, { error: { message: 'upstream overloaded' } }];
      });
      const error = await checkOnce([handle('task_stop')], { signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeOperationError);
      expect((error as Error).message).toMatch(/aborted/);
    });
  });

  it('has two outputs, Done and Pending, for Check Once only', () => {
    const outputs = node.description.outputs as string;
    expect(outputs).toMatch(/"checkOnce" \? \[\{ type: "main", displayName: "Done" \}, \{ type: "main", displayName: "Pending" \}\] : \["main"\]/);
  });

  it('streams a large result into the binary store, and a download that breaks off names the task to collect', async () => {
    const large = encodePng(700, 700, { noise: true, seed: 5 });
    const completed = (id: string) => taskBody(id, 'completed', { result: { data: [{ url: `${CDN}/${id}.png` }] } });
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_big', 'queued')).get('/v1/images/generations/task_big').reply(200, completed('task_big'));
    nock(CDN).get('/task_big.png').reply(200, Buffer.from(large), { 'content-type': 'image/png', 'content-length': String(large.byteLength) });
    const ok = await run({ parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } } });
    expect(ok.out[0]!.json).toMatchObject({ width: 700, height: 700, fileSize: large.byteLength, fileName: 'task_big-1.png' });
    expect(ok.fns.record.stored).toEqual([{ fileName: 'task_big-1.png', mimeType: 'image/png', streamed: true, bytes: large.byteLength }]);

    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_cut', 'queued')).get('/v1/images/generations/task_cut').reply(200, completed('task_cut'));
    // Three times: a broken download is fetched again (a free GET) as often as the client retries.
    for (let i = 0; i < 3; i++) {
      nock(CDN)
        .get('/task_cut.png')
        .reply(200, () => Readable.from((async function* () { yield Buffer.from(large.subarray(0, 200_000)); throw new Error('socket hang up'); })()), { 'content-type': 'image/png', 'content-length': String(large.byteLength) });
    }
    const error = await run({ parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toMatch(/Could not reach ToAPIs/);
    expect((error as NodeApiError).description).toMatch(/task_cut/);
  });

  it('when n8n cannot store the downloaded image, says so and names the task to collect', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_full', 'queued'))
      .get('/v1/images/generations/task_full')
      .reply(200, taskBody('task_full', 'completed', { result: { data: [{ url: `${CDN}/task_full.png` }] } }));
    nock(CDN).get('/task_full.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
    const error = await run({ parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } }, storeFails: 'ENOSPC: no space left on device' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toBe('n8n could not store the image');
    expect((error as NodeApiError).description).toMatch(/ENOSPC.*binary data storage.*task_full/s);
  });

  it('returns URLs without downloading when asked', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_4', 'queued'))
      .get('/v1/images/generations/task_4')
      .reply(200, taskBody('task_4', 'completed', { result: { data: [{ url: `${CDN}/task_4.png` }] }, expires_at: 1703971200 }));
    const { out } = await run({ parameters: { ...toapisImage, options: { urlsOnly: true, pollIntervalSeconds: 0.05 } } });
    // Not downloaded, yet the size is known: the manifest says what 1:1 makes.
    expect(out[0]!.json).toMatchObject({ url: `${CDN}/task_4.png`, expiresAt: '2023-12-30T21:20:00.000Z', model: 'gemini-2.5-flash-image-preview', width: 1024, height: 1024 });
    expect(out[0]!.binary).toBeUndefined();
  });

  it('run as an AI Agent\'s tool, passes the vendor\'s URL on without downloading it, and no status address', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_t', 'queued'))
      .get('/v1/images/generations/task_t')
      .reply(200, taskBody('task_t', 'completed', { result: { data: [{ url: `${CDN}/task_t.png` }] } }));
    const { out } = await run({ nodeType: 'n8n-nodes-imagegate.imageGateTool', parameters: { ...toapisImage, size: '16:9' } });
    expect(out[0]!.json).toMatchObject({ url: `${CDN}/task_t.png`, width: 1792, height: 1024, model: 'gemini-2.5-flash-image-preview' });
    expect(out[0]!.binary).toBeUndefined();
    expect(JSON.stringify(out[0]!.json)).not.toMatch(/pollUrl|\/v1\/images\/generations/);
    expect(nocks.unmatched()).toBe(0);
  });

  it('stops polling at once when the execution is cancelled', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_5', 'queued')).get('/v1/images/generations/task_5').reply(200, taskBody('task_5', 'in_progress', { progress: 10 })).persist();
    const controller = new AbortController();
    // Core polls at most every 250 ms, whatever Poll Interval says.
    const fns = executeFunctions(node, { credentials, signal: controller.signal, parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.1 } } });
    setTimeout(() => controller.abort(), 700);
    const started = Date.now();
    const error = await node.execute.call(fns).catch((e: unknown) => e);
    const stoppedAfter = Date.now() - started;
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/aborted/);
    expect(stoppedAfter).toBeLessThan(950);
    const polls = fns.record.requests.length;
    expect(polls).toBeGreaterThanOrEqual(3); // it was polling
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fns.record.requests.length).toBe(polls); // and polls no more
  });

  it('logs each task the moment the vendor takes it, with how to collect it, before the wait and without the key', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_log', 'queued')).get('/v1/images/generations/task_log').reply(200, taskBody('task_log', 'in_progress', { progress: 10 })).persist();
    const controller = new AbortController();
    const fns = executeFunctions(node, { credentials, signal: controller.signal, parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.1 } } });
    let finished = false;
    const waiting = node.execute.call(fns).catch((e: unknown) => e).finally(() => (finished = true));
    // While the node still waits (a worker could die now), the handle is already in the log.
    const lines = () => fns.record.logs.filter((l) => l.message.includes('task_log'));
    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(finished).toBe(false);
    const [line] = lines();
    // Logged once, not per poll.
    await vi.waitFor(() => expect(fns.record.requests.some((r) => r.url.endsWith('/task_log'))).toBe(true));
    expect(lines()).toHaveLength(1);
    expect(line).toMatchObject({ level: 'info', meta: { executionId: 'exec-1', workflowId: 'workflow-1', node: 'ImageGate', itemIndex: 0, provider: 'toapis', taskId: 'task_log' } });
    expect(line!.message).toBe(
      'ImageGate: toapis task task_log submitted (model gemini-2.5-flash-image-preview, item 0, node "ImageGate", execution exec-1). ' +
        'If this execution is lost, add a node like "ImageGate" with Provider "ToAPIs", Resource "Task", Operation "Wait for Completion" and Task set to task_log.',
    );
    controller.abort();
    await waiting;
    expect(JSON.stringify(fns.record.logs)).not.toContain(TOAPIS_KEY);
  });

  it('a vendor that echoes the key as its task id: the item fails, and neither the log, the error nor its item holds the key', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody(`task-${TOAPIS_KEY}`, 'queued'));
    const fns = executeFunctions(node, { credentials, continueOnFail: true, parameters: toapisImage });
    const [out] = await node.execute.call(fns);
    expect(out![0]!.json).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(JSON.stringify(out)).not.toContain(TOAPIS_KEY.slice(-12));
    expect(JSON.stringify(fns.record.logs)).not.toContain(TOAPIS_KEY.slice(-12));
    expect(fns.record.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('at Max Wait the item fails; with Continue On Fail it carries the error and the task handle', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_6', 'queued')).get('/v1/images/generations/task_6').reply(200, taskBody('task_6', 'in_progress')).persist();
    const { out } = await run({ continueOnFail: true, parameters: { ...toapisImage, options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.2 } } });
    expect(out[0]!.json).toMatchObject({ code: 'TIMEOUT', taskId: 'task_6', task: { provider: 'toapis', taskId: 'task_6' }, provider: 'toapis', model: 'gemini-2.5-flash-image-preview' });
    expect(out[0]!.json.error).toBe('The task did not finish within Max Wait (1 s)');
    expect(out[0]!.json.description).toMatch(/^Task task_6 may still finish\. To collect it later, add a node like this one with Provider "ToAPIs", Resource "Task", Operation "Wait for Completion" and Task set to task_6 .* Or raise Max Wait \(Seconds\)\.$/);
    expect(JSON.stringify(out[0]!.json)).not.toMatch(/timeoutMs|waitForTask/);
    expect(out[0]!.pairedItem).toEqual({ item: 0 });
  });

  it('without Continue On Fail, Max Wait is a NodeApiError in the panel\'s words, with no HTTP code (there was none); the task id it names resumes the task', async () => {
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_7', 'queued')).get('/v1/images/generations/task_7').reply(200, taskBody('task_7', 'in_progress')).persist();
    const error = (await run({ parameters: { ...toapisImage, options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.2 } } }).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('The task did not finish within Max Wait (1 s)');
    expect(error.httpCode).toBeNull();
    nock.cleanAll();
    nock(TOAPIS).get('/v1/images/generations/task_7').reply(200, taskBody('task_7', 'completed', { result: { data: [{ url: `${CDN}/task_7.png` }] } }));
    nock(CDN).get('/task_7.png').reply(200, Buffer.from(png));
    const { out } = await run({ parameters: { provider: 'toapis', resource: 'task', operation: 'wait', task: 'task_7', options: { pollIntervalSeconds: 0.05 } } });
    expect(out[0]!.json).toMatchObject({ taskId: 'task_7', mimeType: 'image/png' });
  });
});

describe('items', () => {
  it('Continue On Fail: one bad item yields { error, code } paired to it, the others go on', async () => {
    nock(GPTPROTO).post('/v1/images/generations').times(2).reply(200, { data: [{ b64_json: toBase64(png) }] });
    const { out } = await run({
      continueOnFail: true,
      items: [{ json: {} }, { json: {} }, { json: {} }],
      itemParameters: [{ prompt: 'one' }, { prompt: '' }, { prompt: 'three' }],
      parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: '={{ $json.prompt }}' },
    });
    expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    expect(out[1]!.json).toMatchObject({ code: 'INVALID_REQUEST', error: '"Prompt" must be a non-empty string.', description: 'Check Prompt.', provider: 'gptproto', model: 'gpt-image-1', field: 'prompt' });
    expect(out[0]!.json.prompt).toBe('one');
    expect(out[2]!.json.prompt).toBe('three');
  });

  it('Parallel Requests runs items at once and keeps the output in input order', async () => {
    for (const [prompt, delay] of [['first', 300], ['second', 0], ['third', 100]] as const) {
      nock(GPTPROTO)
        .post('/v1/images/generations', (b: { prompt: string }) => b.prompt === prompt)
        .delay(delay)
        .reply(200, { data: [{ b64_json: toBase64(png) }] });
    }
    const started = Date.now();
    const { out } = await run({
      items: [{ json: {} }, { json: {} }, { json: {} }],
      itemParameters: [{ prompt: 'first' }, { prompt: 'second' }, { prompt: 'third' }],
      parameters: { provider: 'gptproto', resource: 'image', operation: 'generate', model: model('gpt-image-1'), prompt: '={{ $json.prompt }}', options: { parallel: 3 } },
    });
    expect(out.map((o) => o.json.prompt)).toEqual(['first', 'second', 'third']);
    expect(Date.now() - started).toBeLessThan(800);
  });
});
