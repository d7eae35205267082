import { generateImage, getTaskStatus, submitImage, waitForTask } from '@imagegate/core';
import { toBase64 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, CDN, geminiContentAnswer, INVALID_SIGNATURE, JPEG_16, KEY, PNG_32, PNG_64, predictionAnswer } from './vendor-answers.js';
import { failure, provider, quick, useNock } from './helpers.js';

useNock();
const G3 = '/api/v3/google/gemini-3-pro-image-preview';
const result = (id: string) => `/api/v3/predictions/${id}/result`;
const png = (bytes: Uint8Array) => [200, Buffer.from(bytes), { 'content-type': 'image/png' }] as const;

describe('GPTProto v3: submit a prediction', () => {
  it('Nano Banana Pro at 2K: aspect_ratio and the tier as size, URLs out, the bare key; polls, then downloads the output', async () => {
    let sent: unknown;
    nock(BASE, { reqheaders: { authorization: KEY, 'content-type': 'application/json' } })
      .post(`${G3}/text-to-image`, (body) => ((sent = body), true))
      .reply(200, predictionAnswer('pred_1', 'created'));
    nock(BASE, { reqheaders: { authorization: KEY } })
      .get(result('pred_1'))
      .reply(200, predictionAnswer('pred_1', 'processing'))
      .get(result('pred_1'))
      .reply(200, predictionAnswer('pred_1', 'completed', { outputs: [`${CDN}/out/1.png`] }));
    nock(CDN).get('/out/1.png').reply(...png(PNG_64));
    const events: string[] = [];
    const { images, tasks } = await generateImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'a lighthouse at dusk',
      size: '16:9',
      resolution: '2K',
      outputFormat: 'png',
      onProgress: (e) => events.push(e.state),
      timeoutMs: 5000,
      ...quick(),
    });
    expect(sent).toStrictEqual({ prompt: 'a lighthouse at dusk', aspect_ratio: '16:9', size: '2K', output_format: 'png', enable_base64_output: false, enable_sync_mode: false });
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 64, url: `${CDN}/out/1.png` });
    expect(tasks).toEqual([expect.objectContaining({ provider: 'gptproto', taskId: 'pred_1', model: 'gemini-3-pro-image-preview' })]);
    expect(events).toEqual(['submitted', 'running', 'succeeded']);
  });

  it('sends the model\'s defaults: 1:1 and the 1K tier', async () => {
    nock(BASE)
      .post(`${G3}/text-to-image`, { prompt: 'a cat', aspect_ratio: '1:1', size: '1K', enable_base64_output: false, enable_sync_mode: false })
      .reply(200, predictionAnswer('pred_d', 'created'));
    const { tasks } = await submitImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'a cat' });
    expect(tasks[0]?.taskId).toBe('pred_d');
  });

  it('edits with reference URLs through image-edit', async () => {
    nock(BASE)
      .post(`${G3}/image-edit`, (body) => JSON.stringify(body.images) === JSON.stringify(['https://example.com/a.png', 'https://example.com/b.jpg']))
      .reply(200, predictionAnswer('pred_e', 'created'));
    const { tasks } = await submitImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'put the hat on the cat',
      images: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.jpg' }],
    });
    expect(tasks[0]?.taskId).toBe('pred_e');
  });

  it('edits with reference bytes through Gemini\'s generateContent, with the tier as imageSize (v3 takes URLs only)', async () => {
    let sent: { generationConfig?: unknown; contents?: Array<{ parts: unknown[] }> } = {};
    nock(BASE)
      .post('/v1beta/models/gemini-3-pro-image-preview:generateContent', (body) => ((sent = body), true))
      .reply(200, geminiContentAnswer());
    const { images, tasks } = await generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'a hat', size: '4:3', resolution: '4K', images: [{ data: PNG_32, mimeType: 'image/png' }] });
    expect(sent.generationConfig).toEqual({ responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '4:3', imageSize: '4K' } });
    expect(sent.contents?.[0]?.parts).toHaveLength(2);
    expect(images).toHaveLength(1);
    expect(tasks).toEqual([]);
  });

  it('refuses URLs and bytes in one request, and bytes for URL-only models, before any request', async () => {
    const mixed = await failure(
      generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', images: [{ url: 'https://example.com/a.png' }, { data: PNG_32, mimeType: 'image/png' }] }),
    );
    expect(mixed).toMatchObject({ code: 'INVALID_REQUEST', field: 'images' });
    expect(mixed.message).toMatch(/either all as URLs .* or all as bytes/);
    const seedream = await failure(generateImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'x', images: [{ data: PNG_32, mimeType: 'image/png' }] }));
    expect(seedream).toMatchObject({ code: 'UNSUPPORTED', field: 'images[0]' });
    expect(seedream.message).toMatch(/URLs only .* no upload/);
    const tier = await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', resolution: '8K' }));
    expect(tier).toMatchObject({ code: 'INVALID_REQUEST', field: 'resolution' });
    expect(tier.message).toMatch(/one of 1K, 2K, 4K/);
  });

  it('Seedream: size as W*H on the bytedance path, also when named by its doubao alias', async () => {
    nock(BASE)
      .post('/api/v3/bytedance/seedream-4-5-251128/text-to-image', { prompt: 'a fox', size: '2560*1440', enable_base64_output: false, enable_sync_mode: false })
      .reply(200, predictionAnswer('pred_s', 'created', { model: 'seedream-4-5-251128' }))
      .post('/api/v3/bytedance/seedream-4-5-251128/text-to-image', { prompt: 'a fox', size: '2048*2048', enable_base64_output: false, enable_sync_mode: false })
      .reply(200, predictionAnswer('pred_a', 'created', { model: 'seedream-4-5-251128' }));
    expect((await submitImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'a fox', size: '2560x1440' })).tasks[0]?.taskId).toBe('pred_s');
    const alias = await submitImage({ provider: provider(), model: 'doubao-seedream-4-5-251128', prompt: 'a fox' });
    expect(alias.tasks[0]).toMatchObject({ taskId: 'pred_a', model: 'doubao-seedream-4-5-251128' });
  });

  it('synchronous mode (providerOptions.syncMode) answers the images at once: no task, no poll', async () => {
    nock(BASE)
      .post(`${G3}/text-to-image`, (body) => body.enable_sync_mode === true)
      .reply(200, predictionAnswer('pred_sync', 'completed', { outputs: [`${CDN}/out/sync.jpeg`] }));
    nock(CDN).get('/out/sync.jpeg').reply(200, Buffer.from(JPEG_16), { 'content-type': 'image/jpeg' });
    const { images, tasks } = await submitImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', providerOptions: { syncMode: true } });
    expect(tasks).toEqual([]);
    expect(images[0]?.mimeType).toBe('image/jpeg');
    const wrong = await failure(generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'x', providerOptions: { syncMode: true } }));
    expect(wrong).toMatchObject({ code: 'UNSUPPORTED', field: 'providerOptions.syncMode' });
    expect(wrong.message).toMatch(/applies to v3 \(asynchronous\) models only, not gpt-image-2/);
  });

  it('a 4xx inside a 200 envelope is the vendor\'s error, and a missing id is BAD_RESPONSE saying the prediction may exist', async () => {
    nock(BASE).post(`${G3}/text-to-image`).reply(200, { code: 401, message: 'Invalid signature', data: null });
    expect(await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }))).toMatchObject({ code: 'AUTHENTICATION', status: 200, retryable: false });
    nock(BASE).post(`${G3}/text-to-image`).reply(401, INVALID_SIGNATURE);
    expect(await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }))).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
    nock(BASE).post(`${G3}/text-to-image`).reply(200, { data: { status: 'created', outputs: [] }, code: 200, message: 'success' });
    const error = await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.id' });
    expect(error.message).toMatch(/may still have been created/);
  });
});

describe('GPTProto v3: no paid prediction is lost', () => {
  it('synchronous mode keeps the prediction id: a failed download carries it, not retryable, and the id collects it', async () => {
    nock(BASE).post(`${G3}/text-to-image`).reply(200, predictionAnswer('pred_kept', 'completed', { outputs: [`${CDN}/out/kept.png`] }));
    nock(CDN).get('/out/kept.png').times(3).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', providerOptions: { syncMode: true }, ...quick() }));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: false, taskId: 'pred_kept', task: { provider: 'gptproto', taskId: 'pred_kept' } });
    nock(BASE).get(result('pred_kept')).reply(200, predictionAnswer('pred_kept', 'completed', { outputs: [`${CDN}/out/kept.png`] }));
    nock(CDN).get('/out/kept.png').reply(...png(PNG_64));
    expect((await waitForTask({ provider: provider(), task: error.task! })).images).toHaveLength(1);
  });

  it('a prediction completed in the submit\'s answer is listed among the tasks that made the images', async () => {
    nock(BASE).post(`${G3}/text-to-image`).reply(200, predictionAnswer('pred_now', 'completed', { outputs: [`${CDN}/out/now.png`] }));
    nock(CDN).get('/out/now.png').reply(...png(PNG_64));
    const { images, tasks } = await generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' });
    expect(images).toHaveLength(1);
    expect(tasks.map((t) => t.taskId)).toEqual(['pred_now']);
  });

  it('an error code beside an id in a 200 envelope is read after the id: the error carries the prediction, maybeBilled', async () => {
    nock(BASE).post(`${G3}/text-to-image`).reply(200, { code: 400, message: 'Invalid parameter', data: { id: 'pred_err', status: 'created' } });
    const error = await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false, maybeBilled: true, taskId: 'pred_err', task: { taskId: 'pred_err' } });
  });

  it('a poll answered with another prediction is refused, with the task, and nothing is downloaded', async () => {
    nock(BASE).get(result('pred_mine')).reply(200, predictionAnswer('pred_other', 'completed', { outputs: [`${CDN}/out/other.png`] }));
    const task = { version: 1 as const, provider: 'gptproto', taskId: 'pred_mine', model: 'gemini-3-pro-image-preview', createdAt: Date.now() };
    const error = await failure(waitForTask({ provider: provider(), task }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', taskId: 'pred_mine' });
    expect(error.message).toMatch(/another task \(pred_other\)/);
  });

  it('sends the size it validated: a pasted trailing space is trimmed once, before both', async () => {
    nock(BASE)
      .post('/api/v3/bytedance/seedream-4-5-251128/text-to-image', { prompt: 'a fox', size: '2048*2048', enable_base64_output: false, enable_sync_mode: false })
      .reply(200, predictionAnswer('pred_t', 'created', { model: 'seedream-4-5-251128' }));
    expect((await submitImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'a fox', size: '2048x2048 ' })).tasks[0]?.taskId).toBe('pred_t');
  });
});

describe('GPTProto v3: poll a prediction', () => {
  const task = { version: 1 as const, provider: 'gptproto', taskId: 'pred/x y', model: 'gemini-3-pro-image-preview', createdAt: Date.now() };

  it('builds the poll path from the id alone, escaped; created → queued, processing → running', async () => {
    nock(BASE).get('/api/v3/predictions/pred%2Fx%20y/result').reply(200, predictionAnswer('pred/x y', 'created'));
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({ state: 'queued', nextCheckMs: expect.any(Number) });
    nock(BASE).get('/api/v3/predictions/pred%2Fx%20y/result').reply(200, predictionAnswer('pred/x y', 'processing'));
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({ state: 'running', nextCheckMs: expect.any(Number) });
  });

  it('reads base64 outputs, bare or as data URIs', async () => {
    nock(BASE)
      .get(result('pred_b64'))
      .reply(200, predictionAnswer('pred_b64', 'completed', { outputs: [toBase64(PNG_32), `data:image/png;base64,${toBase64(PNG_64)}`] }));
    const { images } = await waitForTask({ provider: provider(), task: { ...task, taskId: 'pred_b64', model: 'seedream-4-0-250828' }, timeoutMs: 5000, ...quick() });
    expect(images.map((i) => i.width)).toEqual([32, 64]);
  });

  it('failed → TASK_FAILED with the task and the vendor message; a safety refusal → CONTENT_POLICY', async () => {
    nock(BASE).get(result('pred_f')).reply(200, predictionAnswer('pred_f', 'failed', { error: 'upstream returned status 500' }));
    const failed = await failure(waitForTask({ provider: provider(), task: { ...task, taskId: 'pred_f' }, ...quick() }));
    expect(failed).toMatchObject({ code: 'TASK_FAILED', taskId: 'pred_f', retryable: false, task: expect.objectContaining({ taskId: 'pred_f' }) });
    expect(failed.message).toBe('gptproto task pred_f failed: upstream returned status 500.');
    nock(BASE).get(result('pred_p')).reply(200, predictionAnswer('pred_p', 'failed', { error: { message: 'Content blocked due to safety concerns', code: 'nsfw' } }));
    expect(await failure(waitForTask({ provider: provider(), task: { ...task, taskId: 'pred_p' }, ...quick() }))).toMatchObject({ code: 'CONTENT_POLICY', taskId: 'pred_p' });
  });

  it('completed without outputs, an unknown status or an output that is no image is BAD_RESPONSE naming the field', async () => {
    nock(BASE).get(result('pred_e')).reply(200, predictionAnswer('pred_e', 'completed'));
    expect(await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_e' } }))).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.outputs', taskId: 'pred_e' });
    nock(BASE).get(result('pred_u')).reply(200, predictionAnswer('pred_u', 'paused'));
    const unknown = await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_u' } }));
    expect(unknown).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.status' });
    expect(unknown.message).toMatch(/"paused" \(expected created, processing, completed or failed\)/);
    nock(BASE).get(result('pred_n')).reply(200, predictionAnswer('pred_n', 'completed', { outputs: ['bm90IGFuIGltYWdl'] }));
    expect(await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_n' } }))).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.outputs[0]' });
  });
});
