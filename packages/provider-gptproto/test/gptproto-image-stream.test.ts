import { generateImage, type HttpTransport } from '@imagegate/core';
import { createFetchTransport } from '@imagegate/core/provider';
import { encodePng, toBase64 } from '@imagegate/testing/fakes';
import nock from 'nock';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { GptProtoPartialImageEvent } from '../src/index.js';
import { BASE, gptImageAnswer, KEY, PNG_32, PNG_64, sse } from './vendor-answers.js';
import { failure, multipartParts, provider, useNock } from './helpers.js';

// Event names and fields follow OpenAI's Image API streaming documentation:
// the captured GPTProto pages document `stream` and `partial_images` only.
const PARTIAL_0 = encodePng(16, 16, { color: [10, 10, 10] });
const PARTIAL_1 = encodePng(16, 16, { color: [90, 90, 90] });
const FINAL = PNG_64;
const USAGE = {
  total_tokens: 472,
  input_tokens: 8,
  output_tokens: 464,
  input_tokens_details: { text_tokens: 8, image_tokens: 0 },
};
/** {@link USAGE} as results carry it. */
const STREAM_USAGE = { inputTokens: 8, outputTokens: 464, totalTokens: 472 };

function events(prefix: 'image_generation' | 'image_edit'): string[] {
  return [
    sse(`${prefix}.partial_image`, {
      b64_json: toBase64(PARTIAL_0),
      partial_image_index: 0,
      size: '1024x1024',
      output_format: 'png',
    }),
    sse(`${prefix}.partial_image`, {
      b64_json: toBase64(PARTIAL_1),
      partial_image_index: 1,
      size: '1024x1024',
      output_format: 'png',
    }),
    sse(`${prefix}.completed`, { b64_json: toBase64(FINAL), size: '1024x1024', output_format: 'png', usage: USAGE }),
  ];
}

/** A body that sends each event 60 ms after the previous one, recording when each went out. */
function slowStream(chunks: string[], sent: string[]): () => Readable {
  return () => {
    const stream = new Readable({ read() {} });
    chunks.forEach((chunk, i) =>
      setTimeout(
        () => {
          sent.push(chunk);
          stream.push(chunk);
          if (i === chunks.length - 1) stream.push(null);
        },
        60 * (i + 1),
      ),
    );
    return stream;
  };
}

const intercepted = useNock();

describe('streamed gpt-image generation (server-sent events)', () => {
  it(
    'sends stream and partial_images, ' +
      'delivers partial images in order as they arrive, returns the completed image',
    async () => {
      const sent: string[] = [];
      const all = events('image_generation');
      nock(BASE, { reqheaders: { authorization: KEY, accept: 'text/event-stream' } })
        .post('/v1/images/generations', {
          model: 'gpt-image-1',
          prompt: 'a river',
          n: 1,
          stream: true,
          partial_images: 2,
        })
        .reply(200, slowStream(all, sent), { 'content-type': 'text/event-stream' });
      const seen: Array<GptProtoPartialImageEvent & { eventsSent: number }> = [];
      const result = await generateImage({
        provider: provider(),
        model: 'gpt-image-1',
        prompt: 'a river',
        providerOptions: {
          stream: true,
          partialImages: 2,
          onPartialImage: (e: GptProtoPartialImageEvent) => seen.push({ ...e, eventsSent: sent.length }),
        },
      });
      expect(seen.map((e) => [e.index, e.type, e.mimeType, e.width, e.model])).toEqual([
        [0, 'image_generation.partial_image', 'image/png', 16, 'gpt-image-1'],
        [1, 'image_generation.partial_image', 'image/png', 16, 'gpt-image-1'],
      ]);
      expect(seen[0]!.data).toEqual(PARTIAL_0);
      expect(seen[1]!.data).toEqual(PARTIAL_1);
      // Incremental: each partial image reached the caller before the next event was even sent.
      expect(seen.map((e) => e.eventsSent)).toEqual([1, 2]);
      expect(result.images).toHaveLength(1);
      expect(result.images[0]!.data).toEqual(FINAL);
      expect(result.usage).toEqual({ ...STREAM_USAGE, images: 1, size: 'auto', quality: 'auto' });
    },
  );

  it('streams edits with image_edit.* events and stream / partial_images form fields', async () => {
    let fields: Record<string, string> = {};
    nock(BASE)
      .post('/v1/images/edits', (body: string) => {
        fields = Object.fromEntries(
          multipartParts(body)
            .filter((p) => !p.filename)
            .map((p) => [p.name, p.text]),
        );
        return true;
      })
      .reply(200, events('image_edit').join(''), { 'content-type': 'text/event-stream' });
    const indices: number[] = [];
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'make it night',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
      providerOptions: {
        stream: true,
        partialImages: 3,
        onPartialImage: (e: GptProtoPartialImageEvent) => indices.push(e.index),
      },
    });
    expect(fields).toEqual({
      model: 'gpt-image-1',
      prompt: 'make it night',
      n: '1',
      stream: 'true',
      partial_images: '3',
    });
    expect(indices).toEqual([0, 1]);
    expect(result.images[0]!.data).toEqual(FINAL);
  });

  it(
    'delivers every partial image, in order, ' + 'through a transport that cannot stream (whole body at the end)',
    async () => {
      nock(BASE).post('/v1/images/generations').reply(200, events('image_generation').join(''));
      const inner = createFetchTransport();
      const chunkless: HttpTransport = (request) => inner({ ...request, onChunk: undefined, stream: undefined });
      const indices: number[] = [];
      const result = await generateImage({
        provider: provider({ transport: chunkless }),
        model: 'gpt-image-1',
        prompt: 'x',
        providerOptions: {
          stream: true,
          partialImages: 2,
          onPartialImage: (e: GptProtoPartialImageEvent) => indices.push(e.index),
        },
      });
      expect(indices).toEqual([0, 1]);
      expect(result.images[0]!.data).toEqual(FINAL);
    },
  );

  it('an error event is mapped by its message (a safety refusal is CONTENT_POLICY)', async () => {
    const refusal = {
      type: 'error',
      error: {
        type: 'image_generation_user_error',
        code: 'moderation_blocked',
        message: 'Your request was rejected by the safety system.',
      },
    };
    const body =
      sse('image_generation.partial_image', { b64_json: toBase64(PARTIAL_0), partial_image_index: 0 }) +
      `event: error\ndata: ${JSON.stringify(refusal)}\n\n`;
    nock(BASE).post('/v1/images/generations').reply(200, body);
    const error = await failure(
      generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x', providerOptions: { stream: true } }),
    );
    expect(error).toMatchObject({ code: 'CONTENT_POLICY', status: 200, retryable: false });
    expect(error.vendorMessage).toMatch(/safety system/);
  });

  it('a stream that ends without a completed image is BAD_RESPONSE', async () => {
    nock(BASE).post('/v1/images/generations').reply(200, events('image_generation').slice(0, 2).join(''));
    const error = await failure(
      generateImage({
        provider: provider(),
        model: 'gpt-image-1',
        prompt: 'x',
        providerOptions: { stream: true, partialImages: 2 },
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    expect(error.message).toMatch(/without a completed image/);
  });

  it('a completed event whose base64 is not an image is BAD_RESPONSE', async () => {
    nock(BASE)
      .post('/v1/images/generations')
      .reply(200, sse('image_generation.completed', { b64_json: Buffer.from('nope').toString('base64') }));
    expect(
      await failure(
        generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x', providerOptions: { stream: true } }),
      ),
    ).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('accepts a plain JSON answer from a gateway that ignored stream: true', async () => {
    nock(BASE).post('/v1/images/generations').reply(200, gptImageAnswer());
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'x',
      providerOptions: { stream: true },
    });
    expect(result.images[0]!.data).toEqual(PNG_64);
  });

  it('a throwing onPartialImage becomes a warning; the paid-for image is still returned', async () => {
    nock(BASE).post('/v1/images/generations').reply(200, events('image_generation').join(''));
    let calls = 0;
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'x',
      providerOptions: {
        stream: true,
        partialImages: 2,
        onPartialImage: () => {
          calls++;
          throw new Error('UI gone');
        },
      },
    });
    expect(calls).toBe(1);
    expect(result.warnings.join(' ')).toMatch(/onPartialImage threw \(UI gone\)/);
    expect(result.images[0]!.data).toEqual(FINAL);
  });

  it('a stream that breaks off after a partial image is BAD_RESPONSE, maybe billed, and never sent again', async () => {
    nock(BASE)
      .post('/v1/images/generations')
      .reply(200, () => {
        const stream = new Readable({ read() {} });
        stream.push(events('image_generation')[0]!);
        stream.push('event: image_generation.completed\ndata: {"b64_json":"iVBORw0KGgo');
        setTimeout(() => stream.destroy(new Error('socket hang up')), 20);
        return stream;
      });
    const error = await failure(
      generateImage({ provider: provider(), model: 'gpt-image-1', prompt: 'x', providerOptions: { stream: true } }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/broke off/);
    // A second submit would have found no interceptor.
    expect(intercepted.unmatched()).toBe(0);
  });

  it('decodes a large completed image sent in small pieces, as it arrives', async () => {
    const large = Buffer.from(encodePng(900, 700));
    const body = Buffer.from(
      events('image_generation')[0]! +
        sse('image_generation.completed', { b64_json: toBase64(large), usage: USAGE }).replace(/\n/g, '\r\n'),
    );
    nock(BASE)
      .post('/v1/images/generations')
      .reply(200, () => {
        const pieces: Buffer[] = [];
        for (let at = 0; at < body.length; at += 4093) pieces.push(body.subarray(at, at + 4093));
        return Readable.from(pieces);
      });
    const indices: number[] = [];
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'x',
      providerOptions: { stream: true, onPartialImage: (e: GptProtoPartialImageEvent) => indices.push(e.index) },
    });
    expect(indices).toEqual([0]);
    expect(Buffer.from(result.images[0]!.data).equals(large)).toBe(true);
    expect(result.usage).toEqual({ ...STREAM_USAGE, images: 1, size: 'auto', quality: 'auto' });
  });

  it('stops reading at an error event, even while the vendor goes on sending', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: error\ndata: {"error":{"message":"boom"}}\n\n');
      // An endless keep-alive after the error: only letting go of the body ends this call.
      const ping = setInterval(() => res.write(': ping\n'), 5);
      res.on('close', () => {
        clearInterval(ping);
        closed();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(
        generateImage({
          provider: provider({ baseUrl }),
          model: 'gpt-image-1',
          prompt: 'x',
          providerOptions: { stream: true },
        }),
      );
      expect(error).toMatchObject({ status: 200, vendorMessage: 'boom' });
      await connectionClosed;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
