import { encodePng, toBase64, useNock } from '@imagegate/testing';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { executeFunctions } from '../../../test/execute-functions.js';
import {
  CDN,
  credentials,
  decoded,
  GPT_KEY,
  GPTPROTO,
  model,
  node,
  png,
  run,
  shown,
  taskBody,
  TOAPIS,
  TOAPIS_KEY,
  toapisImage,
} from '../../../test/run-node.js';

const nocks = useNock();

describe('Image → Generate on GPTProto', () => {
  it('gpt-image-2: sends the manifest defaults and the bare key, returns the image as binary with JSON', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO, { reqheaders: { authorization: GPT_KEY } })
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, {
        created: 1,
        data: [{ b64_json: toBase64(png) }],
        usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 },
      });
    const { out } = await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        prompt: 'a cat',
        size: '1536x1024',
        options: { quality: 'high' },
      },
    });
    expect(body).toMatchObject({ model: 'gpt-image-2', prompt: 'a cat', size: '1536x1024', quality: 'high', n: 1 });
    expect(out).toHaveLength(1);
    expect(out[0]!.json).toMatchObject({
      provider: 'gptproto',
      model: 'gpt-image-2',
      prompt: 'a cat',
      size: '1536x1024',
      mimeType: 'image/png',
      width: 32,
      height: 24,
      usage: { inputTokens: 8, outputTokens: 196, totalTokens: 204 },
    });
    expect(out[0]!.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'gpt-image-2-1.png' });
    expect(decoded(out[0]!).equals(Buffer.from(png))).toBe(true);
    expect(out[0]!.pairedItem).toEqual({ item: 0 });
  });

  it(
    "bytes answers get a signed link to n8n's stored copy as url where n8n can make one, " + 'and none in memory mode',
    async () => {
      const answer = { data: [{ b64_json: toBase64(png) }] };
      nock(GPTPROTO).post('/v1/images/generations').times(2).reply(200, answer);
      const parameters = {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: 'a cat',
      };
      const stored = await run({ binaryMode: 'filesystem', parameters });
      expect(stored.out[0]!.json).toMatchObject({
        url: expect.stringMatching(/^http:\/\/localhost:5678\/rest\/binary-data\/signed\?token=/),
        width: 32,
        height: 24,
        mimeType: 'image/png',
        model: 'gpt-image-1',
      });
      const memory = await run({ parameters });
      expect(memory.out[0]!.json).not.toHaveProperty('url');
      expect(memory.out[0]!.json).toMatchObject({ width: 32, mimeType: 'image/png' });
    },
  );

  it('an inline base64 image goes into the binary store as it is decoded, not as one buffer', async () => {
    const large = encodePng(500, 400, { noise: true, seed: 5 });
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .reply(200, { data: [{ b64_json: toBase64(large) }] });
    const { out, fns } = await run({
      binaryMode: 'filesystem',
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        prompt: 'noise',
        size: '1024x1024',
      },
    });
    expect(fns.record.stored).toEqual([
      { fileName: expect.stringMatching(/\.png$/), mimeType: 'image/png', streamed: true, bytes: large.byteLength },
    ]);
    expect(decoded(out[0]!)).toEqual(Buffer.from(large));
    expect(out[0]!.json).toMatchObject({ width: 500, height: 400, mimeType: 'image/png', fileSize: large.byteLength });
  });

  it('gpt-image-2 custom size goes out as WxH; several images land in one item as data, data_1', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO)
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }, { b64_json: toBase64(encodePng(8, 8)) }] });
    const { out } = await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        prompt: 'two cats',
        size: 'custom',
        customSize: '1920x1088',
        options: { n: 2, outputMode: 'oneItem', outputBinaryField: 'image' },
      },
    });
    expect(body).toMatchObject({ size: '1920x1088', n: 2 });
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0]!.binary!)).toEqual(['image', 'image_1']);
    expect(out[0]!.json).toMatchObject({
      imageCount: 2,
      images: [
        { binaryProperty: 'image', width: 32 },
        { binaryProperty: 'image_1', width: 8 },
      ],
    });
  });

  it('Gemini: the aspect ratio is the size; one image per call', async () => {
    let body: Record<string, unknown> = {};
    nock(GPTPROTO)
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }], size: '16:9' });
    const { out } = await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gemini-2.5-flash-image'),
        prompt: 'a dish',
        size: '16:9',
      },
    });
    expect(body).toEqual({ model: 'gemini-2.5-flash-image', prompt: 'a dish', size: '16:9' });
    expect(out[0]!.json).toMatchObject({ model: 'gemini-2.5-flash-image', mimeType: 'image/png' });
  });

  it(
    'Nano Banana Pro at 2K on the v3 API: Aspect Ratio and Resolution reach the vendor, ' +
      'the prediction is polled and its output downloaded',
    async () => {
      let body: Record<string, unknown> = {};
      const prediction = (status: string, outputs: string[] = []) => ({
        data: { id: 'pred_n8n', status, outputs, urls: { get: '' }, error: null },
        code: 200,
        message: 'success',
      });
      nock(GPTPROTO)
        .post('/api/v3/google/gemini-3-pro-image-preview/text-to-image', (b) => ((body = b), true))
        .reply(200, prediction('created'))
        .get('/api/v3/predictions/pred_n8n/result')
        .reply(200, prediction('completed', ['https://cdn.gptproto.test/pred_n8n.png']));
      nock('https://cdn.gptproto.test')
        .get('/pred_n8n.png')
        .reply(200, Buffer.from(png), { 'content-type': 'image/png' });
      const { out } = await run({
        parameters: {
          provider: 'gptproto',
          resource: 'image',
          operation: 'generate',
          model: model('gemini-3-pro-image-preview'),
          prompt: 'a lighthouse',
          size: '16:9',
          resolution: '2K',
          options: { pollIntervalSeconds: 1 },
        },
      });
      expect(body).toMatchObject({ prompt: 'a lighthouse', aspect_ratio: '16:9', size: '2K' });
      expect(out[0]!.json).toMatchObject({
        model: 'gemini-3-pro-image-preview',
        size: '16:9',
        resolution: '2K',
        taskId: 'pred_n8n',
        width: 32,
      });
    },
  );

  it('retries a 429 after Retry-After and succeeds', async () => {
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .reply(429, { error: { message: 'Too Many Requests', type: '429' } }, { 'retry-after': '1' })
      .post('/v1/images/generations')
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const started = Date.now();
    const { out } = await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: 'a cat',
      },
    });
    expect(out[0]!.json.mimeType).toBe('image/png');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a 500 says what happened once, with full stops, and names the HTTP code', async () => {
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .reply(500, { error: { message: 'internal error', type: '500' } });
    const error = (await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: 'a cat',
      },
    }).catch((e: unknown) => e)) as NodeApiError;
    expect(error.message).toBe('GPTProto failed (HTTP 500)');
    expect(error.description).toBe(
      'GPTProto said: internal error. Retry later. ' +
        'A generation that may have been taken is not resubmitted, so it is not billed twice.',
    );
    expect(error.httpCode).toBe('500');
  });

  it("names parameters as the panel shows them, not the library's options", async () => {
    const error = (await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        prompt: 'a cat',
        options: { outputFormat: 'png', n: 11 },
      },
    }).catch((e: unknown) => e)) as NodeOperationError;
    expect(error.message).toBe('"Number of Images" must be a whole number from 1 to 10 for gpt-image-2; got 11.');
    expect(error.description).toBe('Check Number of Images.');
  });

  it('refuses bad parameters before any request, as NodeOperationError with the item index', async () => {
    const error = await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-2'),
        prompt: 'a cat',
        size: 'custom',
        customSize: '1000x1000',
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).message).toMatch(/multiples of 16/);
    expect((error as NodeOperationError & { context: { itemIndex: number } }).context.itemIndex).toBe(0);
    expect(nocks.unmatched()).toBe(0);
  });

  it('a vendor failure is a NodeApiError with the HTTP code and what to do, without the key', async () => {
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .reply(403, { error: { message: `insufficient balance for ${GPT_KEY}`, type: '403' } });
    const error = (await run({
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: 'a cat',
      },
    }).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.httpCode).toBe('403');
    expect(error.message).toBe('The GPTProto account has no balance left');
    expect(error.description).toMatch(
      /^GPTProto said: insufficient balance for .*\. Top up the account balance, then run again\.$/,
    );
    expect(JSON.stringify(error) + error.message + error.description).not.toContain(GPT_KEY);
  });
});

describe('Options → Provider Options', () => {
  const generate = (providerOptions: string, value = 'gpt-image-2') => ({
    provider: 'gptproto',
    resource: 'image',
    operation: 'generate',
    model: model(value),
    prompt: 'x',
    options: { providerOptions },
  });

  it("is checked by the provider's schema before any request, naming the option in the panel's words", async () => {
    const unknown = (await run({ parameters: generate('{"bogus": 1}') }).catch(
      (e: unknown) => e,
    )) as NodeOperationError;
    expect(unknown).toBeInstanceOf(NodeOperationError);
    expect(unknown.message).toBe('"Provider Options": Unrecognized key: "bogus".');
    const misplaced = (await run({ parameters: generate('{"syncMode": true}') }).catch(
      (e: unknown) => e,
    )) as NodeOperationError;
    expect(misplaced.message).toMatch(
      /"Provider Options → syncMode" applies to v3 \(asynchronous\) models only, not gpt-image-2/,
    );
    const notJson = (await run({ parameters: generate('{syncMode: true}') }).catch(
      (e: unknown) => e,
    )) as NodeOperationError;
    expect(notJson.message).toBe('Provider Options is not valid JSON');
    expect(nocks.unmatched()).toBe(0);
  });

  it('reaches the provider: syncMode makes a v3 prediction answer its image at once', async () => {
    const png2 = encodePng(1376, 768);
    nock(GPTPROTO)
      .post(
        '/api/v3/google/gemini-3-pro-image-preview/text-to-image',
        (body: Record<string, unknown>) => body.enable_sync_mode === true,
      )
      .reply(200, { code: 200, data: { id: 'pred_sync', status: 'completed', outputs: [`${CDN}/pred_sync.png`] } });
    nock(CDN).get('/pred_sync.png').reply(200, Buffer.from(png2), { 'content-type': 'image/png' });
    const { out } = await run({ parameters: generate('{"syncMode": true}', 'gemini-3-pro-image-preview') });
    expect(out[0]!.json).toMatchObject({ model: 'gemini-3-pro-image-preview', width: 1376, height: 768 });
  });
});

describe('ToAPIs asynchronous tasks', () => {
  it('waits for the task (Bearer key, polling, progress) and downloads the result', async () => {
    nock(TOAPIS, { reqheaders: { authorization: `Bearer ${TOAPIS_KEY}` } })
      .post('/v1/images/generations', {
        model: 'gemini-2.5-flash-image-preview',
        prompt: 'a cat on the moon',
        size: '1:1',
        n: 1,
      })
      .reply(200, taskBody('task_1', 'queued', { progress: 0 }))
      .get('/v1/images/generations/task_1')
      .reply(200, taskBody('task_1', 'in_progress', { progress: 40 }))
      .get('/v1/images/generations/task_1')
      .reply(
        200,
        taskBody('task_1', 'completed', {
          progress: 100,
          result: { type: 'image', data: [{ url: `${CDN}/task_1.png` }] },
        }),
      );
    nock(CDN).get('/task_1.png').reply(200, Buffer.from(png), { 'content-type': 'application/octet-stream' });
    const { out, fns } = await run({ parameters: toapisImage });
    expect(out[0]!.json).toMatchObject({
      provider: 'toapis',
      taskId: 'task_1',
      sourceUrl: `${CDN}/task_1.png`,
      mimeType: 'image/png',
      fileName: 'task_1-1.png',
    });
    expect(decoded(out[0]!).equals(Buffer.from(png))).toBe(true);
    // Piped into n8n's binary store as a stream, never held whole by the node.
    expect(fns.record.stored).toEqual([
      { fileName: 'task_1-1.png', mimeType: 'image/png', streamed: true, bytes: png.byteLength },
    ]);
    // The CDN download goes out without the credential.
    const download = fns.record.requests.find((r) => r.url.startsWith(CDN));
    expect(JSON.stringify(download?.headers ?? {})).not.toContain(TOAPIS_KEY);
  });

  it('returns URLs without downloading when asked', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_4', 'queued'))
      .get('/v1/images/generations/task_4')
      .reply(
        200,
        taskBody('task_4', 'completed', { result: { data: [{ url: `${CDN}/task_4.png` }] }, expires_at: 1703971200 }),
      );
    const { out } = await run({
      parameters: { ...toapisImage, options: { urlsOnly: true, pollIntervalSeconds: 0.05 } },
    });
    // Not downloaded, yet the size is known: the manifest says what 1:1 makes.
    expect(out[0]!.json).toMatchObject({
      url: `${CDN}/task_4.png`,
      expiresAt: '2023-12-30T21:20:00.000Z',
      model: 'gemini-2.5-flash-image-preview',
      width: 1024,
      height: 1024,
    });
    expect(out[0]!.binary).toBeUndefined();
  });

  it(
    "run as an AI Agent's tool, passes the vendor's URL on without downloading it, " + 'and no status address',
    async () => {
      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody('task_t', 'queued'))
        .get('/v1/images/generations/task_t')
        .reply(200, taskBody('task_t', 'completed', { result: { data: [{ url: `${CDN}/task_t.png` }] } }));
      const { out } = await run({
        nodeType: 'n8n-nodes-imagegate.imageGateTool',
        parameters: { ...toapisImage, size: '16:9' },
      });
      expect(out[0]!.json).toMatchObject({
        url: `${CDN}/task_t.png`,
        width: 1792,
        height: 1024,
        model: 'gemini-2.5-flash-image-preview',
      });
      expect(out[0]!.binary).toBeUndefined();
      expect(JSON.stringify(out[0]!.json)).not.toMatch(/pollUrl|\/v1\/images\/generations/);
      expect(nocks.unmatched()).toBe(0);
    },
  );

  it('stops polling at once when the execution is cancelled', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_5', 'queued'))
      .get('/v1/images/generations/task_5')
      .reply(200, taskBody('task_5', 'in_progress', { progress: 10 }))
      .persist();
    const controller = new AbortController();
    // Core polls at most every 250 ms, whatever Poll Interval says.
    const fns = executeFunctions(node, {
      credentials,
      signal: controller.signal,
      parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.1 } },
    });
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

  it(
    'logs each task the moment the vendor takes it, with how to collect it, ' + 'before the wait and without the key',
    async () => {
      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody('task_log', 'queued'))
        .get('/v1/images/generations/task_log')
        .reply(200, taskBody('task_log', 'in_progress', { progress: 10 }))
        .persist();
      const controller = new AbortController();
      const fns = executeFunctions(node, {
        credentials,
        signal: controller.signal,
        parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.1 } },
      });
      let finished = false;
      const waiting = node.execute
        .call(fns)
        .catch((e: unknown) => e)
        .finally(() => (finished = true));
      // While the node still waits (a worker could die now), the handle is already in the log.
      const lines = () => fns.record.logs.filter((l) => l.message.includes('task_log'));
      await vi.waitFor(() => expect(lines()).toHaveLength(1));
      expect(finished).toBe(false);
      const [line] = lines();
      // Logged once, not per poll.
      await vi.waitFor(() => expect(fns.record.requests.some((r) => r.url.endsWith('/task_log'))).toBe(true));
      expect(lines()).toHaveLength(1);
      expect(line).toMatchObject({
        level: 'info',
        meta: {
          executionId: 'exec-1',
          workflowId: 'workflow-1',
          node: 'ImageGate',
          itemIndex: 0,
          provider: 'toapis',
          taskId: 'task_log',
        },
      });
      expect(line!.message).toBe(
        'ImageGate: toapis task task_log submitted ' +
          '(model gemini-2.5-flash-image-preview, item 0, node "ImageGate", execution exec-1). ' +
          'If this execution is lost, add a node like "ImageGate" with Provider "ToAPIs", Resource "Task", ' +
          'Operation "Wait for Completion" and Task set to task_log.',
      );
      controller.abort();
      await waiting;
      expect(JSON.stringify(fns.record.logs)).not.toContain(TOAPIS_KEY);
    },
  );

  it(
    'a vendor that echoes the key as its task id: the item fails, ' +
      'and neither the log, the error nor its item holds the key',
    async () => {
      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody(`task-${TOAPIS_KEY}`, 'queued'));
      const fns = executeFunctions(node, { credentials, continueOnFail: true, parameters: toapisImage });
      const [out] = await node.execute.call(fns);
      expect(out![0]!.json).toMatchObject({ code: 'BAD_RESPONSE' });
      expect(JSON.stringify(out)).not.toContain(TOAPIS_KEY.slice(-12));
      expect(JSON.stringify(fns.record.logs)).not.toContain(TOAPIS_KEY.slice(-12));
      expect(fns.record.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    },
  );

  it('at Max Wait the item fails; with Continue On Fail it carries the error and the task handle', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_6', 'queued'))
      .get('/v1/images/generations/task_6')
      .reply(200, taskBody('task_6', 'in_progress'))
      .persist();
    const { out } = await run({
      continueOnFail: true,
      parameters: { ...toapisImage, options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.2 } },
    });
    expect(out[0]!.json).toMatchObject({
      code: 'TIMEOUT',
      taskId: 'task_6',
      task: { provider: 'toapis', taskId: 'task_6' },
      provider: 'toapis',
      model: 'gemini-2.5-flash-image-preview',
    });
    expect(out[0]!.json.error).toBe('The task did not finish within Max Wait (1 s)');
    expect(out[0]!.json.description).toMatch(
      new RegExp(
        '^Task task_6 may still finish\\. To collect it later, add a node like this one with Provider "ToAPIs", ' +
          'Resource "Task", Operation "Wait for Completion" and Task set to task_6 .* ' +
          'Or raise Max Wait \\(Seconds\\)\\.$',
      ),
    );
    expect(JSON.stringify(out[0]!.json)).not.toMatch(/timeoutMs|waitForTask/);
    expect(out[0]!.pairedItem).toEqual({ item: 0 });
  });
});

describe('Image → Generate in the panel', () => {
  it(
    "shows the model's parameters and Wait for Completion where there is something to wait for, " +
      'and no reference images',
    () => {
      const gpt = shown({
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
      });
      expect(Object.keys(gpt)).toEqual([
        'provider',
        'resource',
        'operation',
        'model',
        'prompt',
        'size',
        'waitForCompletion',
        'options',
      ]);
      const toapis = shown({
        provider: 'toapis',
        resource: 'image',
        operation: 'generate',
        model: model('gemini-3-pro-image-preview'),
      });
      expect(toapis).toMatchObject({ size: '1:1', resolution: '1K', waitForCompletion: true });
      expect(toapis).not.toHaveProperty('inputBinaryFields');
      expect(toapis).not.toHaveProperty('imageUrls');
    },
  );
});
