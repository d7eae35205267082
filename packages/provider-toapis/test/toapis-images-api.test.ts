import { submitImage, type HttpTransport } from '@imagegate/core';
import { type HttpRequest } from '@imagegate/core/provider';
import { createSimulatedClock, recordingTransport } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { expectNoKey, failure, provider, useNock } from './helpers.js';
import { BASE, GENERATIONS, KEY, PNG_32, taskCreated, toApisError } from './vendor-answers.js';

/** A real image header followed by zeros: an image of `size` bytes as far as type checks go. */
function padded(image: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(image);
  return out;
}

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const quick = { sleep: async () => undefined };

describe('submit: POST /v1/images/generations', () => {
  it('sends the exact JSON body with n as the number 1, the bearer key, and returns a task handle', async () => {
    let raw = '';
    let headers: Record<string, string | string[]> = {};
    nock(BASE)
      .post(GENERATIONS)
      .reply(function (_uri, body) {
        raw = typeof body === 'string' ? body : JSON.stringify(body);
        headers = this.req.headers;
        return [200, taskCreated('task_img_abc123def456')];
      });
    const clock = createSimulatedClock(1_750_000_000_000);
    const result = await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'A cat in a spacesuit walking on the moon',
      size: '16:9',
      providerOptions: { metadata: { resolution: '1K' } },
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(JSON.parse(raw)).toStrictEqual({
      model: MODEL,
      prompt: 'A cat in a spacesuit walking on the moon',
      size: '16:9',
      n: 1,
      metadata: { resolution: '1K' },
    });
    expect(raw).toContain('"n":1');
    expect(raw).not.toContain('"n":"1"');
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    expect(headers['content-type']).toBe('application/json');
    expect(result.tasks).toStrictEqual([
      {
        version: 1,
        provider: 'toapis',
        taskId: 'task_img_abc123def456',
        model: MODEL,
        createdAt: 1_750_000_000_000,
        // What the task was asked to make, kept by core so that a later collect can price it.
        request: { size: '16:9' },
      },
    ]);
  });

  it('sends the default size 1:1 when none is given, and the alias nano-banana as is', async () => {
    let sent: unknown;
    nock(BASE)
      .post(GENERATIONS, (body) => ((sent = body), true))
      .reply(200, taskCreated('task_alias', 'nano-banana'));
    const { tasks } = await submitImage({ provider: provider(), model: 'nano-banana', prompt: 'a lighthouse' });
    expect(sent).toStrictEqual({ model: 'nano-banana', prompt: 'a lighthouse', size: '1:1', n: 1 });
    expect(tasks[0]).toMatchObject({ model: 'nano-banana', taskId: 'task_alias' });
  });

  it('fans n = 3 out into three tasks, each sent with n: 1', async () => {
    const bodies: unknown[] = [];
    let count = 0;
    nock(BASE)
      .post(GENERATIONS, (body) => (bodies.push(body), true))
      .times(3)
      .reply(200, () => taskCreated(`task_${++count}`));
    const { tasks } = await submitImage({ provider: provider(), model: MODEL, prompt: 'three cats', n: 3 });
    expect(tasks.map((t) => t.taskId)).toEqual(['task_1', 'task_2', 'task_3']);
    expect(bodies.map((b) => (b as { n: unknown }).n)).toEqual([1, 1, 1]);
  });

  it('passes URL reference images straight into image_urls, without uploading', async () => {
    let sent: { image_urls?: unknown } = {};
    nock(BASE)
      .post(GENERATIONS, (body) => ((sent = body), true))
      .reply(200, taskCreated('task_urls'));
    const urls = ['https://example.com/a.jpg', 'http://example.com/b.png'];
    await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'mix these',
      images: urls.map((url) => ({ url })),
    });
    expect(sent.image_urls).toEqual(urls);
  });
});

describe('submit: invalid input fails before any request, naming the field', () => {
  const image = { data: PNG_32, mimeType: 'image/png' };
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['a prompt over 1000 characters', { prompt: 'x'.repeat(1001) }, 'prompt', 'at most 1000'],
    ['15 reference images', { images: Array.from({ length: 15 }, () => image) }, 'images', 'at most 14'],
    ['a pixel size', { size: '1024x1024' }, 'size', '1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3'],
    [
      'an 11 MB reference image',
      { images: [{ data: padded(PNG_32, 11 * 1024 * 1024), mimeType: 'image/png' }] },
      'images[0]',
      'at most 10 MB',
    ],
    [
      'a TIFF reference image',
      { images: [{ data: new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), mimeType: 'image/tiff' }] },
      'images[0]',
      'is not a PNG, JPEG, WebP or GIF image',
    ],
    ['a mask', { images: [image], mask: image }, 'mask', 'no mask'],
    ['an option the model does not take', { quality: 'hd' }, 'quality', 'does not take'],
    ['an unknown provider option', { providerOptions: { metdata: {} } }, 'providerOptions', 'metdata'],
    ['metadata that is not an object', { providerOptions: { metadata: 'hd' } }, 'providerOptions.metadata', 'object'],
    ['n above 4', { n: 5 }, 'n', '1 to 4'],
  ];
  for (const [title, extra, field, says] of cases) {
    it(title, async () => {
      const recorder = recordingTransport(async () => {
        throw new Error('no request may be sent');
      });
      const error = await failure(
        submitImage({ provider: provider({ transport: recorder.transport }), model: MODEL, prompt: 'a cat', ...extra }),
      );
      expect(['INVALID_REQUEST', 'UNSUPPORTED']).toContain(error.code);
      expect(error.field).toBe(field);
      expect(error.message).toContain(says);
      expect(recorder.requests).toHaveLength(0);
    });
  }

  it('a missing API key', async () => {
    const recorder = recordingTransport(async () => {
      throw new Error('no request may be sent');
    });
    const error = await failure(
      submitImage({
        provider: provider({ apiKey: ' ', transport: recorder.transport }),
        model: MODEL,
        prompt: 'a cat',
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'apiKey' });
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('submit: answers that are not a task', () => {
  it('an answer without an id is BAD_RESPONSE', async () => {
    nock(BASE).post(GENERATIONS).reply(200, { object: 'generation.task', status: 'queued' });
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/without a task id/);
  });

  it(
    'a task id beside null fields is still the task (the ' + 'answer is read, not judged by what it does not need)',
    async () => {
      nock(BASE).post(GENERATIONS).reply(200, { id: 'task_null', error: null, status: null, object: null });
      const { tasks } = await submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' });
      expect(tasks[0]).toMatchObject({ taskId: 'task_null' });
    },
  );

  it('a JSON array is BAD_RESPONSE, not a TypeError', async () => {
    nock(BASE).post(GENERATIONS).reply(200, []);
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('an HTML page with HTTP 200 is BAD_RESPONSE', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(200, '<!doctype html><html><title>Just a moment...</title></html>', { 'content-type': 'text/html' });
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('an error object with HTTP 200 takes the code its word names', async () => {
    nock(BASE).post(GENERATIONS).reply(200, toApisError('insufficient_quota', 'Insufficient balance'));
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error).toMatchObject({
      code: 'INSUFFICIENT_QUOTA',
      vendorMessage: 'Insufficient balance',
      retryable: false,
    });
  });
});

describe('submit: a billable submit whose answer was lost is never resubmitted', () => {
  /** A transport that fails every request the same way, counting them. */
  function failing(make: () => Error): { transport: HttpTransport; requests: HttpRequest[] } {
    const requests: HttpRequest[] = [];
    return {
      requests,
      transport: async (request) => {
        requests.push(request);
        throw make();
      },
    };
  }

  it('after a 503: one request, PROVIDER_ERROR, and the error says the job may still run', async () => {
    nock(BASE).post(GENERATIONS).reply(503, toApisError('internal_error', 'upstream overloaded'));
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat', ...quick }));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 503, retryable: false });
    expect(error.message).toMatch(/not resubmitted: the vendor may have accepted the job/);
    expectNoKey(error);
  });

  it('after a headers timeout: one request, TIMEOUT, "may still be running"', async () => {
    const vendor = failing(() =>
      Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    );
    const error = await failure(
      submitImage({ provider: provider({ transport: vendor.transport }), model: MODEL, prompt: 'a cat', ...quick }),
    );
    expect(vendor.requests).toHaveLength(1);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/not resubmitted.*may still be running/);
  });

  it('after a connection reset: one request, NETWORK', async () => {
    const vendor = failing(() => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await failure(
      submitImage({ provider: provider({ transport: vendor.transport }), model: MODEL, prompt: 'a cat', ...quick }),
    );
    expect(vendor.requests).toHaveLength(1);
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/not resubmitted/);
  });

  it('a refused connection (the vendor never saw it) is retried', async () => {
    const vendor = failing(() => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const error = await failure(
      submitImage({
        provider: provider({ transport: vendor.transport }),
        model: MODEL,
        prompt: 'a cat',
        maxRetries: 2,
        ...quick,
      }),
    );
    expect(vendor.requests).toHaveLength(3);
    expect(error.code).toBe('NETWORK');
  });
});
