import { generateImage, getTaskStatus, submitImage, waitForTask } from '@imagegate/core';
import { toBase64 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  BASE,
  CDN,
  geminiContentAnswer,
  gptProtoError,
  INVALID_SIGNATURE,
  JPEG_16,
  KEY,
  PNG_32,
  PNG_64,
  predictionAnswer,
} from './vendor-answers.js';
import { failure, provider, quick, useNock } from './helpers.js';

useNock();
const G3 = '/api/v3/google/gemini-3-pro-image-preview';
const result = (id: string) => `/api/v3/predictions/${id}/result`;
const png = (bytes: Uint8Array) => [200, Buffer.from(bytes), { 'content-type': 'image/png' }] as const;

describe('GPTProto v3: submit a prediction', () => {
  it(
    'Nano Banana Pro at 2K: aspect_ratio and the tier as size, ' +
      'URLs out, the bare key; polls, then downloads the output',
    async () => {
      let sent: unknown;
      nock(BASE, { reqheaders: { authorization: KEY, 'content-type': 'application/json' } })
        .post(`${G3}/text-to-image`, (body) => ((sent = body), true))
        .reply(200, predictionAnswer('pred_1', 'created'));
      nock(BASE, { reqheaders: { authorization: KEY } })
        .get(result('pred_1'))
        .reply(200, predictionAnswer('pred_1', 'processing'))
        .get(result('pred_1'))
        .reply(200, predictionAnswer('pred_1', 'completed', { outputs: [`${CDN}/out/1.png`] }));
      nock(CDN)
        .get('/out/1.png')
        .reply(...png(PNG_64));
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
      expect(sent).toStrictEqual({
        prompt: 'a lighthouse at dusk',
        aspect_ratio: '16:9',
        size: '2K',
        output_format: 'png',
        enable_base64_output: false,
        enable_sync_mode: false,
      });
      expect(images).toHaveLength(1);
      expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 64, url: `${CDN}/out/1.png` });
      expect(tasks).toEqual([
        expect.objectContaining({ provider: 'gptproto', taskId: 'pred_1', model: 'gemini-3-pro-image-preview' }),
      ]);
      expect(events).toEqual(['submitted', 'running', 'succeeded']);
    },
  );

  it("sends the model's defaults: 1:1 and the 1K tier", async () => {
    nock(BASE)
      .post(`${G3}/text-to-image`, {
        prompt: 'a cat',
        aspect_ratio: '1:1',
        size: '1K',
        enable_base64_output: false,
        enable_sync_mode: false,
      })
      .reply(200, predictionAnswer('pred_d', 'created'));
    const { tasks } = await submitImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'a cat' });
    expect(tasks[0]?.taskId).toBe('pred_d');
  });

  it('edits with reference URLs through image-edit', async () => {
    nock(BASE)
      .post(
        `${G3}/image-edit`,
        (body) =>
          JSON.stringify(body.images) === JSON.stringify(['https://example.com/a.png', 'https://example.com/b.jpg']),
      )
      .reply(200, predictionAnswer('pred_e', 'created'));
    const { tasks } = await submitImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'put the hat on the cat',
      images: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.jpg' }],
    });
    expect(tasks[0]?.taskId).toBe('pred_e');
  });

  it(
    "edits with reference bytes through Gemini's generateContent, " + 'with the tier as imageSize (v3 takes URLs only)',
    async () => {
      let sent: { generationConfig?: unknown; contents?: Array<{ parts: unknown[] }> } = {};
      nock(BASE)
        .post('/v1beta/models/gemini-3-pro-image-preview:generateContent', (body) => ((sent = body), true))
        .reply(200, geminiContentAnswer());
      const { images, tasks } = await generateImage({
        provider: provider(),
        model: 'gemini-3-pro-image-preview',
        prompt: 'a hat',
        size: '4:3',
        resolution: '4K',
        images: [{ data: PNG_32, mimeType: 'image/png' }],
      });
      expect(sent.generationConfig).toEqual({
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '4:3', imageSize: '4K' },
      });
      expect(sent.contents?.[0]?.parts).toHaveLength(2);
      expect(images).toHaveLength(1);
      expect(tasks).toEqual([]);
    },
  );

  it('refuses URLs and bytes in one request, and bytes for URL-only models, before any request', async () => {
    const mixed = await failure(
      generateImage({
        provider: provider(),
        model: 'gemini-3-pro-image-preview',
        prompt: 'x',
        images: [{ url: 'https://example.com/a.png' }, { data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(mixed).toMatchObject({ code: 'INVALID_REQUEST', field: 'images' });
    expect(mixed.message).toMatch(/either all as URLs .* or all as bytes/);
    const seedream = await failure(
      generateImage({
        provider: provider(),
        model: 'seedream-4-5-251128',
        prompt: 'x',
        images: [{ data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(seedream).toMatchObject({ code: 'UNSUPPORTED', field: 'images[0]' });
    expect(seedream.message).toMatch(/URLs only .* no upload/);
    const tier = await failure(
      generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', resolution: '8K' }),
    );
    expect(tier).toMatchObject({ code: 'INVALID_REQUEST', field: 'resolution' });
    expect(tier.message).toMatch(/one of 1K, 2K, 4K/);
  });

  it(
    'Seedream: size as W*H on the bytedance path; ' + "named by its doubao id, on that id's own documented path",
    async () => {
      nock(BASE)
        .post('/api/v3/bytedance/seedream-4-5-251128/text-to-image', {
          prompt: 'a fox',
          size: '2560*1440',
          enable_base64_output: false,
          enable_sync_mode: false,
        })
        .reply(200, predictionAnswer('pred_s', 'created', { model: 'seedream-4-5-251128' }))
        .post('/api/v3/bytedance/doubao-seedream-4-5-251128/text-to-image', {
          prompt: 'a fox',
          size: '2048*2048',
          enable_base64_output: false,
          enable_sync_mode: false,
        })
        .reply(200, predictionAnswer('pred_a', 'created', { model: 'seedream-4-5-251128' }));
      expect(
        (await submitImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'a fox', size: '2560x1440' }))
          .tasks[0]?.taskId,
      ).toBe('pred_s');
      const alias = await submitImage({ provider: provider(), model: 'doubao-seedream-4-5-251128', prompt: 'a fox' });
      expect(alias.tasks[0]).toMatchObject({ taskId: 'pred_a', model: 'doubao-seedream-4-5-251128' });
    },
  );

  it('synchronous mode (providerOptions.syncMode) answers the images at once: no task, no poll', async () => {
    nock(BASE)
      .post(`${G3}/text-to-image`, (body) => body.enable_sync_mode === true)
      .reply(200, predictionAnswer('pred_sync', 'completed', { outputs: [`${CDN}/out/sync.jpeg`] }));
    nock(CDN).get('/out/sync.jpeg').reply(200, Buffer.from(JPEG_16), { 'content-type': 'image/jpeg' });
    const { images, tasks } = await submitImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'x',
      providerOptions: { syncMode: true },
    });
    expect(tasks).toEqual([]);
    expect(images[0]?.mimeType).toBe('image/jpeg');
    const wrong = await failure(
      generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'x', providerOptions: { syncMode: true } }),
    );
    expect(wrong).toMatchObject({ code: 'UNSUPPORTED', field: 'providerOptions.syncMode' });
    expect(wrong.message).toMatch(/applies to v3 \(asynchronous\) models only, not gpt-image-2/);
  });

  it(
    "a 4xx inside a 200 envelope is the vendor's error, " +
      'and a missing id is BAD_RESPONSE saying the prediction may exist',
    async () => {
      nock(BASE).post(`${G3}/text-to-image`).reply(200, { code: 401, message: 'Invalid signature', data: null });
      expect(
        await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' })),
      ).toMatchObject({ code: 'AUTHENTICATION', status: 200, retryable: false });
      // Refused bare, then as Bearer (core tries the other form once on a 401, which is never billed).
      nock(BASE).post(`${G3}/text-to-image`).times(2).reply(401, INVALID_SIGNATURE);
      expect(
        await failure(generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' })),
      ).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
      nock(BASE)
        .post(`${G3}/text-to-image`)
        .reply(200, { data: { status: 'created', outputs: [] }, code: 200, message: 'success' });
      const error = await failure(
        generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.id' });
      expect(error.message).toMatch(/may still have been created/);
    },
  );
});

describe('GPTProto v3: no paid prediction is lost', () => {
  it(
    'synchronous mode keeps the prediction id: ' +
      'a failed download carries it, not retryable, and the id collects it',
    async () => {
      nock(BASE)
        .post(`${G3}/text-to-image`)
        .reply(200, predictionAnswer('pred_kept', 'completed', { outputs: [`${CDN}/out/kept.png`] }));
      nock(CDN).get('/out/kept.png').times(3).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      const error = await failure(
        generateImage({
          provider: provider(),
          model: 'gemini-3-pro-image-preview',
          prompt: 'x',
          providerOptions: { syncMode: true },
          ...quick(),
        }),
      );
      expect(error).toMatchObject({
        code: 'NETWORK',
        retryable: false,
        taskId: 'pred_kept',
        task: { provider: 'gptproto', taskId: 'pred_kept' },
      });
      nock(BASE)
        .get(result('pred_kept'))
        .reply(200, predictionAnswer('pred_kept', 'completed', { outputs: [`${CDN}/out/kept.png`] }));
      nock(CDN)
        .get('/out/kept.png')
        .reply(...png(PNG_64));
      expect((await waitForTask({ provider: provider(), task: error.task! })).images).toHaveLength(1);
    },
  );

  it("a prediction completed in the submit's answer is listed among the tasks that made the images", async () => {
    nock(BASE)
      .post(`${G3}/text-to-image`)
      .reply(200, predictionAnswer('pred_now', 'completed', { outputs: [`${CDN}/out/now.png`] }));
    nock(CDN)
      .get('/out/now.png')
      .reply(...png(PNG_64));
    const { images, tasks } = await generateImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'x',
    });
    expect(images).toHaveLength(1);
    expect(tasks.map((t) => t.taskId)).toEqual(['pred_now']);
  });

  it(
    'an error code beside an id in a 200 envelope is read after the id: ' +
      'the error carries the prediction, maybeBilled',
    async () => {
      nock(BASE)
        .post(`${G3}/text-to-image`)
        .reply(200, { code: 400, message: 'Invalid parameter', data: { id: 'pred_err', status: 'created' } });
      const error = await failure(
        generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x' }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_REQUEST',
        retryable: false,
        maybeBilled: true,
        taskId: 'pred_err',
        task: { taskId: 'pred_err' },
      });
    },
  );

  it('a poll answered with another prediction is refused, with the task, and nothing is downloaded', async () => {
    nock(BASE)
      .get(result('pred_mine'))
      .reply(200, predictionAnswer('pred_other', 'completed', { outputs: [`${CDN}/out/other.png`] }));
    const task = {
      version: 1 as const,
      provider: 'gptproto',
      taskId: 'pred_mine',
      model: 'gemini-3-pro-image-preview',
      createdAt: Date.now(),
    };
    const error = await failure(waitForTask({ provider: provider(), task }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', taskId: 'pred_mine' });
    expect(error.message).toMatch(/another task \(pred_other\)/);
  });

  it('sends the size it validated: a pasted trailing space is trimmed once, before both', async () => {
    nock(BASE)
      .post('/api/v3/bytedance/seedream-4-5-251128/text-to-image', {
        prompt: 'a fox',
        size: '2048*2048',
        enable_base64_output: false,
        enable_sync_mode: false,
      })
      .reply(200, predictionAnswer('pred_t', 'created', { model: 'seedream-4-5-251128' }));
    expect(
      (await submitImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'a fox', size: '2048x2048 ' }))
        .tasks[0]?.taskId,
    ).toBe('pred_t');
  });
});

describe('GPTProto v3: poll a prediction', () => {
  const task = {
    version: 1 as const,
    provider: 'gptproto',
    taskId: 'pred/x y',
    model: 'gemini-3-pro-image-preview',
    createdAt: Date.now(),
  };

  it('builds the poll path from the id alone, escaped; created → queued, processing → running', async () => {
    nock(BASE).get('/api/v3/predictions/pred%2Fx%20y/result').reply(200, predictionAnswer('pred/x y', 'created'));
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({
      state: 'queued',
      nextCheckMs: expect.any(Number),
    });
    nock(BASE).get('/api/v3/predictions/pred%2Fx%20y/result').reply(200, predictionAnswer('pred/x y', 'processing'));
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({
      state: 'running',
      nextCheckMs: expect.any(Number),
    });
  });

  it('reads base64 outputs, bare or as data URIs', async () => {
    nock(BASE)
      .get(result('pred_b64'))
      .reply(
        200,
        predictionAnswer('pred_b64', 'completed', {
          outputs: [toBase64(PNG_32), `data:image/png;base64,${toBase64(PNG_64)}`],
        }),
      );
    const { images } = await waitForTask({
      provider: provider(),
      task: { ...task, taskId: 'pred_b64', model: 'seedream-4-0-250828' },
      timeoutMs: 5000,
      ...quick(),
    });
    expect(images.map((i) => i.width)).toEqual([32, 64]);
  });

  it('failed → TASK_FAILED with the task and the vendor message; a safety refusal → CONTENT_POLICY', async () => {
    nock(BASE)
      .get(result('pred_f'))
      .reply(200, predictionAnswer('pred_f', 'failed', { error: 'upstream returned status 500' }));
    const failed = await failure(
      waitForTask({ provider: provider(), task: { ...task, taskId: 'pred_f' }, ...quick() }),
    );
    expect(failed).toMatchObject({
      code: 'TASK_FAILED',
      taskId: 'pred_f',
      retryable: false,
      task: expect.objectContaining({ taskId: 'pred_f' }),
    });
    expect(failed.message).toBe('gptproto task pred_f failed: upstream returned status 500.');
    nock(BASE)
      .get(result('pred_p'))
      .reply(
        200,
        predictionAnswer('pred_p', 'failed', {
          error: { message: 'Content blocked due to safety concerns', code: 'nsfw' },
        }),
      );
    expect(
      await failure(waitForTask({ provider: provider(), task: { ...task, taskId: 'pred_p' }, ...quick() })),
    ).toMatchObject({ code: 'CONTENT_POLICY', taskId: 'pred_p' });
  });

  it(
    'completed without outputs, an unknown status or an ' + 'output that is no image is BAD_RESPONSE naming the field',
    async () => {
      nock(BASE).get(result('pred_e')).reply(200, predictionAnswer('pred_e', 'completed'));
      expect(await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_e' } }))).toMatchObject(
        {
          code: 'BAD_RESPONSE',
          field: 'data.outputs',
          taskId: 'pred_e',
        },
      );
      nock(BASE).get(result('pred_u')).reply(200, predictionAnswer('pred_u', 'paused'));
      const unknown = await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_u' } }));
      expect(unknown).toMatchObject({ code: 'BAD_RESPONSE', field: 'data.status', taskId: 'pred_u' });
      expect(unknown.message).toMatch(
        new RegExp(
          '"paused" \\(expected pending, in_progress, completed, failed, cancelled or expired ' +
            '\\(or created, processing\\)\\)',
        ),
      );
      nock(BASE)
        .get(result('pred_n'))
        .reply(200, predictionAnswer('pred_n', 'completed', { outputs: ['bm90IGFuIGltYWdl'] }));
      expect(await failure(getTaskStatus({ provider: provider(), task: { ...task, taskId: 'pred_n' } }))).toMatchObject(
        {
          code: 'BAD_RESPONSE',
          field: 'data.outputs[0]',
        },
      );
    },
  );
});

describe("GPTProto v3: the SDK's statuses (pending, in_progress, completed, failed, cancelled, expired)", () => {
  const task = {
    version: 1 as const,
    provider: 'gptproto',
    taskId: 'pred_s',
    model: 'seedream-4-5-251128',
    createdAt: Date.now(),
  };

  it('pending → queued, in_progress → running', async () => {
    nock(BASE)
      .get(result('pred_s'))
      .reply(200, predictionAnswer('pred_s', 'pending'))
      .get(result('pred_s'))
      .reply(200, predictionAnswer('pred_s', 'in_progress'));
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({ state: 'queued' });
    expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({ state: 'running' });
  });

  it(
    "cancelled → the task's canceled state; " + 'waiting on it is TASK_FAILED "was canceled", with the task',
    async () => {
      nock(BASE).get(result('pred_s')).reply(200, predictionAnswer('pred_s', 'cancelled'));
      expect(await getTaskStatus({ provider: provider(), task })).toMatchObject({ state: 'canceled' });
      nock(BASE).get(result('pred_s')).reply(200, predictionAnswer('pred_s', 'cancelled'));
      const error = await failure(waitForTask({ provider: provider(), task, ...quick() }));
      expect(error).toMatchObject({
        code: 'TASK_FAILED',
        taskId: 'pred_s',
        retryable: false,
        task: expect.objectContaining({ taskId: 'pred_s' }),
      });
      expect(error.message).toMatch(/was canceled/);
    },
  );

  it(
    'expired → a failed task: TASK_FAILED saying it expired, ' + "with the vendor's reason when it gives one",
    async () => {
      nock(BASE).get(result('pred_s')).reply(200, predictionAnswer('pred_s', 'expired'));
      const error = await failure(waitForTask({ provider: provider(), task, ...quick() }));
      expect(error).toMatchObject({
        code: 'TASK_FAILED',
        taskId: 'pred_s',
        vendorCode: 'expired',
        retryable: false,
        task: expect.objectContaining({ taskId: 'pred_s' }),
      });
      expect(error.message).toBe('gptproto task pred_s failed: it expired before it completed; it makes no images.');
      nock(BASE)
        .get(result('pred_s'))
        .reply(200, predictionAnswer('pred_s', 'EXPIRED', { error: 'result retention ended.' }));
      expect((await failure(waitForTask({ provider: provider(), task, ...quick() }))).message).toMatch(
        /expired before it completed \(result retention ended\)/,
      );
    },
  );

  it('an unknown status stays BAD_RESPONSE, quoting it, with the task', async () => {
    nock(BASE).get(result('pred_s')).reply(200, predictionAnswer('pred_s', 'archived'));
    const error = await failure(waitForTask({ provider: provider(), task, ...quick() }));
    expect(error).toMatchObject({
      code: 'BAD_RESPONSE',
      field: 'data.status',
      taskId: 'pred_s',
      task: expect.objectContaining({ taskId: 'pred_s' }),
    });
    expect(error.message).toMatch(/with the status "archived"/);
    // What the vendor said beside it is quoted.
    nock(BASE)
      .get(result('pred_s'))
      .reply(200, predictionAnswer('pred_s', 'paused', { error: 'queue paused by operator' }));
    expect((await failure(waitForTask({ provider: provider(), task, ...quick() }))).message).toMatch(
      /"paused".*saying "queue paused by operator"/,
    );
  });
});

describe("GPTProto v3: polling at the SDK's 3–5 s", () => {
  const answerThrice = (id: string) =>
    nock(BASE)
      .post(`${G3}/text-to-image`)
      .reply(200, predictionAnswer(id, 'pending'))
      .get(result(id))
      .reply(200, predictionAnswer(id, 'pending'))
      .get(result(id))
      .reply(200, predictionAnswer(id, 'in_progress'))
      .get(result(id))
      .reply(200, predictionAnswer(id, 'completed', { outputs: [`${CDN}/out/${id}.png`] }));

  it('waits 3 s before each poll with the jitter off (poll: { jitterMs: 0 })', async () => {
    answerThrice('pred_t0');
    nock(CDN)
      .get('/out/pred_t0.png')
      .reply(...png(PNG_64));
    const run = quick();
    await generateImage({
      provider: provider(),
      model: 'gemini-3-pro-image-preview',
      prompt: 'x',
      poll: { jitterMs: 0 },
      ...run,
    });
    expect(run.sleeps).toEqual([3000, 3000, 3000]);
  });

  it(
    'adds up to 1 s of jitter: every wait between 3 and 4 s ' +
      "while the prediction is young, never over the SDK's 5 s",
    async () => {
      answerThrice('pred_tj');
      nock(CDN)
        .get('/out/pred_tj.png')
        .reply(...png(PNG_64));
      const run = quick();
      await generateImage({ provider: provider(), model: 'gemini-3-pro-image-preview', prompt: 'x', ...run });
      expect(run.sleeps).toHaveLength(3);
      for (const ms of run.sleeps) {
        expect(ms).toBeGreaterThanOrEqual(3000);
        expect(ms).toBeLessThanOrEqual(4000);
      }
    },
  );
});

describe("GPTProto v3: the HD channel, gemini-2.5-flash-image-hd (the newest pages' id)", () => {
  it('goes to its own path under the new id, also when named by the old one, and never sends size', async () => {
    const HD = '/api/v3/google/gemini-2.5-flash-image-hd';
    const body = {
      prompt: 'a hat',
      aspect_ratio: '16:9',
      output_format: 'jpeg',
      enable_base64_output: false,
      enable_sync_mode: false,
    };
    nock(BASE).post(`${HD}/text-to-image`, body).reply(200, predictionAnswer('pred_hd', 'pending'));
    const { tasks } = await submitImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image-hd',
      prompt: 'a hat',
      size: '16:9',
      outputFormat: 'jpeg',
    });
    expect(tasks[0]).toMatchObject({ taskId: 'pred_hd', model: 'gemini-2.5-flash-image-hd' });
    nock(BASE)
      .post(`${HD}/image-edit`, {
        prompt: 'a hat',
        aspect_ratio: '1:1',
        images: ['https://example.com/cat.png'],
        enable_base64_output: false,
        enable_sync_mode: false,
      })
      .reply(200, predictionAnswer('pred_old', 'pending'));
    const old = await submitImage({
      provider: provider(),
      model: 'gemini-2.5-flash-image-preview-hd',
      prompt: 'a hat',
      images: [{ url: 'https://example.com/cat.png' }],
    });
    expect(old.tasks[0]).toMatchObject({ taskId: 'pred_old', model: 'gemini-2.5-flash-image-preview-hd' });
    // No tier to ask for: a resolution is refused before any request.
    expect(
      await failure(
        generateImage({ provider: provider(), model: 'gemini-2.5-flash-image-hd', prompt: 'x', resolution: '1K' }),
      ),
    ).toMatchObject({ field: 'resolution' });
  });
});

describe("GPTProto v3: Seedream 5.0's text-to-image, spelt text-to-imgae on an older page", () => {
  const FIXED = '/api/v3/bytedance/seedream-5-0-260128/text-to-image';
  const TYPO = '/api/v3/bytedance/seedream-5-0-260128/text-to-imgae';

  it(
    'sends the newer spelling; a 404 to it (nothing created, ' +
      'nothing billed) is tried once with the other, with a warning',
    async () => {
      nock(BASE)
        .post(FIXED)
        .reply(200, predictionAnswer('pred_5', 'pending', { model: 'seedream-5-0-260128' }));
      expect(
        (await submitImage({ provider: provider(), model: 'seedream-5-0-260128', prompt: 'a fox' })).tasks[0]?.taskId,
      ).toBe('pred_5');

      let sent: unknown;
      nock(BASE)
        .post(FIXED)
        .reply(404, gptProtoError(404, 'Invalid URL (POST /api/v3/bytedance/seedream-5-0-260128/text-to-image)'))
        .post(TYPO, (body) => ((sent = body), true))
        .reply(200, predictionAnswer('pred_typo', 'pending', { model: 'seedream-5-0-260128' }));
      const fallback = await submitImage({
        provider: provider(),
        model: 'seedream-5-0-260128',
        prompt: 'a fox',
        size: '2848x1600',
      });
      expect(fallback.tasks[0]?.taskId).toBe('pred_typo');
      expect(sent).toStrictEqual({
        prompt: 'a fox',
        size: '2848*1600',
        enable_base64_output: false,
        enable_sync_mode: false,
      });
      expect(fallback.warnings).toEqual([
        expect.stringMatching(/answered 404 to \/text-to-image for seedream-5-0-260128; .* \/text-to-imgae/),
      ]);
    },
  );

  it('a 404 to both is the first 404; other errors, edits and other models are never tried twice', async () => {
    nock(BASE)
      .post(FIXED)
      .reply(404, gptProtoError(404, 'Not found'))
      .post(TYPO)
      .reply(404, gptProtoError(404, 'Not found either'));
    const both = await failure(submitImage({ provider: provider(), model: 'seedream-5-0-260128', prompt: 'a fox' }));
    expect(both).toMatchObject({ status: 404, vendorMessage: 'Not found' });

    nock(BASE).post(FIXED).reply(500, gptProtoError(500, 'An internal server error occurred'));
    expect(
      await failure(submitImage({ provider: provider(), model: 'seedream-5-0-260128', prompt: 'a fox' })),
    ).toMatchObject({ code: 'PROVIDER_ERROR', status: 500 });

    nock(BASE).post('/api/v3/bytedance/seedream-5-0-260128/image-edit').reply(404, gptProtoError(404, 'Not found'));
    expect(
      await failure(
        submitImage({
          provider: provider(),
          model: 'seedream-5-0-260128',
          prompt: 'x',
          images: [{ url: 'https://example.com/a.png' }],
        }),
      ),
    ).toMatchObject({ status: 404 });

    nock(BASE).post('/api/v3/bytedance/seedream-4-5-251128/text-to-image').reply(404, gptProtoError(404, 'Not found'));
    expect(
      await failure(submitImage({ provider: provider(), model: 'seedream-4-5-251128', prompt: 'x' })),
    ).toMatchObject({ status: 404 });
    // useNock fails the test on any request that nothing here answered.
  });

  it("the second spelling's own error (not a 404) is the one reported: that path exists", async () => {
    nock(BASE)
      .post(FIXED)
      .reply(404, gptProtoError(404, 'Not found'))
      .post(TYPO)
      .reply(403, gptProtoError(403, 'Insufficient balance for the requested operation'));
    expect(
      await failure(submitImage({ provider: provider(), model: 'seedream-5-0-260128', prompt: 'a fox' })),
    ).toMatchObject({ code: 'INSUFFICIENT_QUOTA', status: 403 });
  });
});
