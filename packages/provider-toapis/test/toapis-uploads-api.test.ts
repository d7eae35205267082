import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { submitImage } from '@imagegate/core';
import { type HttpRequest, type HttpResponse } from '@imagegate/core/provider';
import { JPEG_16 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bodyBytes, expectNoKey, failure, multipartParts, provider, useNock } from './helpers.js';
import { BASE, CDN, GENERATIONS, KEY, PNG_32, taskCreated, toApisError, UPLOADS, uploaded } from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const quick = { sleep: async () => undefined };
const json = (status: number, value: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: new TextEncoder().encode(JSON.stringify(value)),
});

/** A real server on 127.0.0.1 that records raw request bodies and answers like ToAPIs. */
async function localToApis() {
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
  let uploads = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
    res.setHeader('content-type', 'application/json');
    if (req.url === UPLOADS) res.end(JSON.stringify(uploaded(`${CDN}/uploads/${++uploads}.png`)));
    else res.end(JSON.stringify(taskCreated('task_local')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('uploads: POST /v1/uploads/images', () => {
  it(
    'sends each byte image as multipart field "file" (name, ' +
      'type, exact bytes) and submits the returned URLs in order',
    async () => {
      const local = await localToApis();
      try {
        await submitImage({
          provider: provider({ baseUrl: local.baseUrl, uploadConcurrency: 1 }),
          model: MODEL,
          prompt: 'combine these',
          images: [
            { data: PNG_32, mimeType: 'image/png' },
            { url: 'https://example.com/ref.webp' },
            { data: JPEG_16, mimeType: 'image/jpeg', fileName: 'photo.jpg' },
          ],
          providerOptions: { uploadPurpose: 'image-reference' },
        });
        const [first, second, submit] = local.seen;
        expect(local.seen).toHaveLength(3);
        expect([first!.method, first!.url, second!.url, submit!.url]).toEqual(['POST', UPLOADS, UPLOADS, GENERATIONS]);
        expect(first!.headers.authorization).toBe(`Bearer ${KEY}`);
        expect(first!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

        const raw = first!.body.toString('latin1');
        expect(raw).toContain(
          'Content-Disposition: form-data; name="file"; filename="images-0.png"\r\nContent-Type: image/png\r\n\r\n',
        );
        const parts = multipartParts(first!.body);
        expect(parts.map((p) => p.name)).toEqual(['file', 'purpose']);
        expect(parts[0]).toMatchObject({ filename: 'images-0.png', contentType: 'image/png' });
        expect(Buffer.compare(parts[0]!.content, Buffer.from(PNG_32))).toBe(0);
        expect(parts[1]!.content.toString()).toBe('image-reference');

        const jpeg = multipartParts(second!.body)[0]!;
        expect(jpeg).toMatchObject({ name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg' });
        expect(Buffer.compare(jpeg.content, Buffer.from(JPEG_16))).toBe(0);

        expect(JSON.parse(submit!.body.toString()).image_urls).toEqual([
          `${CDN}/uploads/1.png`,
          'https://example.com/ref.webp',
          `${CDN}/uploads/2.png`,
        ]);
      } finally {
        await local.close();
      }
    },
  );

  it('takes the type from the bytes when the declared one is wrong', async () => {
    let parts: ReturnType<typeof multipartParts> = [];
    nock(BASE)
      .post(UPLOADS, (body) => ((parts = multipartParts(bodyBytes(body))), true))
      .reply(200, uploaded(`${CDN}/uploads/x.jpg`))
      .post(GENERATIONS)
      .reply(200, taskCreated('task_sniffed'));
    await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      images: [{ data: JPEG_16, mimeType: 'image/png' }],
    });
    expect(parts[0]).toMatchObject({ name: 'file', filename: 'images-0.jpg', contentType: 'image/jpeg' });
  });

  it('a refusal with HTTP 200 ({"success":false}) names the input that failed, and nothing is submitted', async () => {
    nock(BASE).post(UPLOADS).reply(200, { success: false, message: 'unsupported file type' });
    const error = await failure(
      submitImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        images: [{ url: 'https://example.com/a.png' }, { data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'images[1]',
      vendorMessage: 'unsupported file type',
      retryable: false,
    });
    expect(error.message).toMatch(
      /^images\[1\]: upload failed: toapis answered HTTP 200 \(INVALID_REQUEST\): unsupported file type\./,
    );
  });

  it('an HTTP error on upload keeps its code and names the input', async () => {
    nock(BASE)
      .post(UPLOADS)
      .reply(401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error'));
    const error = await failure(
      submitImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        images: [{ data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION', field: 'images[0]', status: 401 });
    expect(error.message).toMatch(/^images\[0\]: upload failed: toapis answered HTTP 401 \(AUTHENTICATION\)/);
    expectNoKey(error);
  });

  it('a 413 with {"success":false,"message"} is INVALID_REQUEST naming the input', async () => {
    nock(BASE).post(UPLOADS).reply(413, { success: false, message: 'file exceeds 10MB' });
    const error = await failure(
      submitImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        images: [{ data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[0]', vendorMessage: 'file exceeds 10MB' });
  });

  it('an upload answer with null fields beside its URL is read', async () => {
    nock(BASE)
      .post(UPLOADS)
      .reply(200, {
        success: true,
        message: null,
        error: null,
        code: null,
        data: { id: 'file_1', url: 'https://files.toapis.test/f1.png', size: null },
      })
      .post(GENERATIONS, (body) => body.image_urls?.[0] === 'https://files.toapis.test/f1.png')
      .reply(200, taskCreated('task_up'));
    const { tasks } = await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
    });
    expect(tasks[0]).toMatchObject({ taskId: 'task_up' });
  });

  it('an upload answer without a URL is BAD_RESPONSE naming the input', async () => {
    nock(BASE)
      .post(UPLOADS)
      .reply(200, { success: true, data: { id: 'file_1' } });
    const error = await failure(
      submitImage({
        provider: provider(),
        model: MODEL,
        prompt: 'a cat',
        images: [{ data: PNG_32, mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', field: 'images[0]' });
    expect(error.message).toMatch(/without the URL/);
  });

  it('a 502 on upload is retried (an upload creates no image), then the task is submitted', async () => {
    nock(BASE)
      .post(UPLOADS)
      .reply(502, '<html><head><title>502 Bad Gateway</title></head></html>')
      .post(UPLOADS)
      .reply(200, uploaded(`${CDN}/uploads/retried.png`))
      .post(GENERATIONS, (body) => body.image_urls?.[0] === `${CDN}/uploads/retried.png`)
      .reply(200, taskCreated('task_after_retry'));
    const { tasks } = await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
      ...quick,
    });
    expect(tasks[0]!.taskId).toBe('task_after_retry');
  });
});

describe('uploads: bounded concurrency', () => {
  /** A transport that answers uploads after `delayMs`, tracking how many run at once. */
  function uploadVendor(options: { delayMs: number; failIndex?: number }) {
    let inFlight = 0;
    const state = {
      maxInFlight: 0,
      uploads: [] as HttpRequest[],
      submitted: undefined as undefined | { image_urls: string[] },
    };
    const transport = async (request: HttpRequest): Promise<HttpResponse> => {
      if (request.url.endsWith(UPLOADS)) {
        state.uploads.push(request);
        const name = ((request.body as FormData).get('file') as File).name;
        const index = Number(/(\d+)/.exec(name)![1]);
        inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        try {
          if (index === options.failIndex) return json(400, { success: false, message: 'image is corrupt' });
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, options.delayMs);
            request.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(request.signal!.reason)), {
              once: true,
            });
          });
          return json(200, uploaded(`${CDN}/uploads/${index}.png`));
        } finally {
          inFlight--;
        }
      }
      state.submitted = JSON.parse(String(request.body));
      return json(200, taskCreated('task_many'));
    };
    return { state, transport };
  }

  const images = (count: number) => Array.from({ length: count }, () => ({ data: PNG_32, mimeType: 'image/png' }));

  it('runs at most 3 uploads at once and keeps the order', async () => {
    const vendor = uploadVendor({ delayMs: 15 });
    await submitImage({
      provider: provider({ transport: vendor.transport }),
      model: MODEL,
      prompt: 'many',
      images: images(8),
    });
    expect(vendor.state.uploads).toHaveLength(8);
    expect(vendor.state.maxInFlight).toBe(3);
    expect(vendor.state.submitted!.image_urls).toEqual(Array.from({ length: 8 }, (_, i) => `${CDN}/uploads/${i}.png`));
  });

  it('honours uploadConcurrency', async () => {
    const vendor = uploadVendor({ delayMs: 5 });
    await submitImage({
      provider: provider({ transport: vendor.transport, uploadConcurrency: 1 }),
      model: MODEL,
      prompt: 'many',
      images: images(4),
    });
    expect(vendor.state.maxInFlight).toBe(1);
  });

  it('a failed upload cancels the ones in flight, starts no more, and is the error reported', async () => {
    const vendor = uploadVendor({ delayMs: 5_000, failIndex: 1 });
    const started = Date.now();
    const error = await failure(
      submitImage({
        provider: provider({ transport: vendor.transport }),
        model: MODEL,
        prompt: 'many',
        images: images(8),
      }),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'images[1]', vendorMessage: 'image is corrupt' });
    expect(vendor.state.uploads).toHaveLength(3);
    expect(vendor.state.uploads.every((r) => r.signal?.aborted)).toBe(true);
    expect(vendor.state.submitted).toBeUndefined();
  });
});
