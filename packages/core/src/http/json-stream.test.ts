import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { encodePng, pngOfSize, toBase64 } from '@imagegate/testing';
import { createFetchTransport, createHttpClient, type ProviderCallContext } from '../provider.js';
import type { RetryEvent } from '../index.js';
import { decodeBase64, JsonBodyError } from './json-body.js';
import { JsonBinaryScanner, readJsonStream } from './json-stream.js';

const enc = (value: string) => Buffer.from(value, 'utf8');

/** A value with its binaries as `{ bytes: [...] }`, for deep equality. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** What the whole-body reader answers: JSON.parse, each named string decoded. */
function reference(body: Buffer, fields: readonly string[]): unknown {
  return plain(
    JSON.parse(body.toString('utf8'), (key, value: unknown) =>
      fields.includes(key) && typeof value === 'string' ? decodeBase64(value) : value,
    ),
  );
}

function scan(chunks: Uint8Array[], fields: readonly string[], contentLength?: number): unknown {
  const scanner = new JsonBinaryScanner({ binaryFields: fields, contentLength });
  for (const chunk of chunks) scanner.push(chunk);
  return plain(scanner.end());
}

const png = encodePng(6, 5);
const b64 = toBase64(png);
const other = toBase64(encodePng(3, 3));
/** Every awkward thing a vendor's JSON may hold around and inside a base64 value. */
const BODIES: Record<string, { body: string; fields: string[] }> = {
  'OpenAI images': {
    body: JSON.stringify({
      created: 1,
      data: [{ b64_json: b64, revised_prompt: 'a "quoted" cat — see "b64_json" 🐱' }, { b64_json: other }],
      usage: { total_tokens: 5 },
    }),
    fields: ['b64_json'],
  },
  'escaped slashes and \\u escapes': {
    body: JSON.stringify({ b64_json: b64 }).replace(/\//g, '\\/').replace(/\+/g, '\\u002b').replace(/A/g, '\\u0041'),
    fields: ['b64_json'],
  },
  'escaped newlines and spaces between quads': {
    body: `{"b64_json" : "${b64.replace(/.{8}/g, '$&\\n').replace(/.{20}/g, '$& ')}", "n": 1}`,
    fields: ['b64_json'],
  },
  'a data URI, its slash escaped': {
    body: `{"images":[{"b64_json":"data:image\\/png;base64,${b64}"},{"b64_json":"DATA:image/png;BASE64,${other}"}]}`,
    fields: ['b64_json'],
  },
  'generateContent (a non-string "data" too)': {
    body: `{"data" : [ {"inlineData": {"mimeType":"image/png","data" :\n"${b64}"}} ], "x": {"data": null}}`,
    fields: ['data'],
  },
  'an escaped key, padding, an empty value': {
    body: `{"b64\\u005fjson":"${toBase64(Buffer.from('ab'))}","b":"","b64_json_x":"QUJD","v":[true,false,-1.5e3]}`,
    fields: ['b64_json', 'b'],
  },
};

describe('JsonBinaryScanner', () => {
  for (const [name, { body, fields }] of Object.entries(BODIES)) {
    it(`reads ${name} like the whole-body reader, split at every byte`, () => {
      const bytes = enc(body);
      const expected = reference(bytes, fields);
      expect(scan([bytes], fields)).toEqual(expected);
      expect(scan([bytes], fields, bytes.length)).toEqual(expected);
      for (let at = 0; at <= bytes.length; at++) {
        expect(scan([bytes.subarray(0, at), bytes.subarray(at)], fields, bytes.length)).toEqual(expected);
      }
      // Three pieces: one boundary inside the key or an escape, the next anywhere after it.
      for (let at = 1; at < bytes.length; at += 7) {
        for (let to = at + 1; to < bytes.length; to += 11) {
          const chunks = [bytes.subarray(0, at), bytes.subarray(at, to), bytes.subarray(to)];
          expect(scan(chunks, fields)).toEqual(expected);
        }
      }
      const single = [...bytes].map((b) => Uint8Array.of(b));
      expect(scan(single, fields)).toEqual(expected);
    });
  }

  it('hands each value to a sink as it decodes, in place or not, whatever the chunk boundaries', async () => {
    /** Scan with a sink; every chunk a fresh copy, since in place the scanner writes over it. */
    async function toSink(chunks: Uint8Array[], fields: readonly string[], ownChunks: boolean) {
      const saves: Array<Promise<Buffer>> = [];
      const scanner = new JsonBinaryScanner({
        binaryFields: fields,
        ownChunks,
        sink: (image) => {
          const saved = (async () => {
            const parts: Buffer[] = [];
            for await (const part of image) parts.push(Buffer.from(part));
            return Buffer.concat(parts);
          })();
          saves.push(saved);
          return saved;
        },
      });
      for (const chunk of chunks) scanner.push(Buffer.from(chunk));
      const value = scanner.end();
      return { value, stored: await Promise.all(saves) };
    }
    /** The binaries of a reference value, in document order. */
    const binaries = (value: unknown): Buffer[] =>
      value && typeof value === 'object'
        ? 'bytes' in value
          ? [Buffer.from((value as { bytes: number[] }).bytes)]
          : Object.values(value).flatMap(binaries)
        : [];
    for (const [name, { body, fields }] of Object.entries(BODIES)) {
      const bytes = enc(body);
      const expected = binaries(reference(bytes, fields));
      for (const ownChunks of [true, false]) {
        for (let at = 0; at <= bytes.length; at += 3) {
          const { stored } = await toSink([bytes.subarray(0, at), bytes.subarray(at)], fields, ownChunks);
          expect(stored, `${name}, cut at ${at}`).toEqual(expected);
        }
        const single = await toSink(
          [...bytes].map((b) => Uint8Array.of(b)),
          fields,
          ownChunks,
        );
        expect(single.stored, `${name}, byte by byte`).toEqual(expected);
      }
    }
    // A large image: the head the provider reads is its start, and the rest of the JSON is intact.
    const image = pngOfSize(700_000);
    const body = enc(JSON.stringify({ data: [{ b64_json: toBase64(image) }], usage: { n: 1 } }));
    const pieces: Uint8Array[] = [];
    for (let at = 0, size = 5; at < body.length; at += size, size = (size * 7 + 13) % 70_001) {
      pieces.push(body.subarray(at, at + size));
    }
    for (const ownChunks of [true, false]) {
      const { value, stored } = await toSink(pieces, ['b64_json'], ownChunks);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.equals(Buffer.from(image))).toBe(true);
      const { data, usage } = value as { data: Array<{ b64_json: Uint8Array }>; usage: unknown };
      expect(Buffer.from(image).subarray(0, data[0]!.b64_json.byteLength).equals(data[0]!.b64_json)).toBe(true);
      expect(data[0]!.b64_json.byteLength).toBe(256 * 1024);
      expect(usage).toEqual({ n: 1 });
    }
  });

  it('decodes a large value across uneven chunks into one buffer, with or without a declared length', () => {
    const image = pngOfSize(600_000);
    const body = enc(JSON.stringify({ data: [{ b64_json: toBase64(image) }], usage: { n: 1 } }));
    const chunks: Uint8Array[] = [];
    for (let at = 0, size = 1; at < body.length; at += size, size = (size * 7 + 13) % 70_001) {
      chunks.push(body.subarray(at, at + size));
    }
    for (const declared of [body.length, undefined, 1000, body.length * 10]) {
      const scanner = new JsonBinaryScanner({ binaryFields: ['b64_json'], contentLength: declared });
      for (const chunk of chunks) scanner.push(chunk);
      const value = scanner.end() as { data: Array<{ b64_json: Uint8Array }>; usage: unknown };
      expect(Buffer.from(value.data[0]!.b64_json).equals(Buffer.from(image))).toBe(true);
      expect(value.usage).toEqual({ n: 1 });
      // Never a buffer much larger than the image kept alive.
      expect(value.data[0]!.b64_json.buffer.byteLength).toBeLessThan(image.byteLength * 1.2);
    }
  });

  it('reads random values with whitespace, escapes, padding and data URIs like the whole-body reader', async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const noise = ['\\n', ' ', '\\r\\n', '\\t'];
    for (let round = 0; round < 200; round++) {
      const bytes = Buffer.from(Array.from({ length: random(300) }, () => random(256)));
      const text = random(2) ? bytes.toString('base64') : bytes.toString('base64url');
      let value = random(3) === 0 ? 'data:image\\/png;base64,' : '';
      for (const c of text) {
        if (random(20) === 0) value += noise[random(noise.length)];
        if (c === '/' && random(2)) value += '\\/';
        else if (random(15) === 0) value += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
        else value += c;
      }
      if (random(10) === 0) value += `=${text.slice(0, 8)}`;
      const body = enc(`{"x":"b64_json","b64_json":"${value}","n":${round}}`);
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < body.length;) {
        const size = 1 + random(40);
        chunks.push(body.subarray(at, at + size));
        at += size;
      }
      const expected = reference(body, ['b64_json']) as { b64_json: { bytes: number[] } };
      expect(scan(chunks, ['b64_json']), value).toEqual(expected);
      // The same decoded in place into a sink (fresh copies of the chunks: they are written over).
      let stored: Promise<Buffer> | undefined;
      const scanner = new JsonBinaryScanner({
        binaryFields: ['b64_json'],
        ownChunks: true,
        sink: (image) =>
          (stored = (async () => {
            const parts: Buffer[] = [];
            for await (const part of image) parts.push(Buffer.from(part));
            return Buffer.concat(parts);
          })()),
      });
      for (const chunk of chunks) scanner.push(Buffer.from(chunk));
      expect((scanner.end() as { n: number }).n).toBe(round);
      expect([...(await stored!)], value).toEqual(expected.b64_json.bytes);
    }
  });

  it('reports a body cut off inside a field, or not JSON, as JsonBodyError', () => {
    const cut = new JsonBinaryScanner({ binaryFields: ['b64_json'] });
    cut.push(enc('{"data":[{"b64_json":"iVBORw0K'));
    expect(() => cut.end()).toThrow(/truncated inside "b64_json" \(30 bytes\)/);
    for (const text of ['<html>502 Bad Gateway</html>', '', '{"data":[{"b64_json":"QUJD"}', '{"a":1}}']) {
      const scanner = new JsonBinaryScanner({ binaryFields: ['b64_json'] });
      scanner.push(enc(text));
      expect(() => scanner.end()).toThrow(JsonBodyError);
      expect(() => scanner.end()).toThrow(/not valid JSON/);
    }
  });

  it('reads an async stream', async () => {
    async function* chunks() {
      yield enc('{"b64_js');
      yield enc(`on":"${b64.slice(0, 5)}`);
      yield enc(`${b64.slice(5)}"}`);
    }
    const value = (await readJsonStream(chunks(), { binaryFields: ['b64_json'] })) as { b64_json: Uint8Array };
    expect(Buffer.from(value.b64_json).equals(Buffer.from(png))).toBe(true);
  });
});

describe('the HTTP client reads base64 answers as they stream', () => {
  let server: Server;
  let url = '';
  let handle: (res: ServerResponse, index: number) => void = () => undefined;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handle(res, requests++));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ctx = (retries: RetryEvent[] = []): ProviderCallContext => ({
    signal: new AbortController().signal,
    sleep: async () => undefined,
    now: Date.now,
    maxRetries: 2,
    warn: () => undefined,
    onRetry: (e) => retries.push(e),
  });
  const client = () => createHttpClient({ provider: 'vendor', baseUrl: url, transport: createFetchTransport() });
  const image = pngOfSize(300_000);
  const body = enc(
    JSON.stringify({ created: 1, data: [{ b64_json: `data:image\\/png;base64,${toBase64(image)}` }] }).replace(
      /\\\\\//g,
      '\\/',
    ),
  );
  const schema = z.object({ created: z.number(), data: z.array(z.object({ b64_json: z.instanceof(Uint8Array) })) });

  /** Write the body in pieces cut at awkward places, flushed apart. */
  async function writeInPieces(res: ServerResponse, bytes: Buffer, cuts: number[]): Promise<void> {
    let from = 0;
    for (const to of [...cuts, bytes.length]) {
      res.write(bytes.subarray(from, to));
      from = to;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    res.end();
  }

  it('decodes a chunked answer (no declared length) cut inside the key, the prefix and a quad', async () => {
    requests = 0;
    handle = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void writeInPieces(res, body, [20, 24, 40, 51, 1001, 1002, 150_000, body.length - 3]);
    };
    const value = await client().json(
      ctx(),
      { method: 'POST', url: '/gen', kind: 'billable' },
      {
        binaryFields: ['b64_json'],
        schema,
      },
    );
    expect(Buffer.from(value.data[0]!.b64_json).equals(Buffer.from(image))).toBe(true);
    expect(value.created).toBe(1);
  });

  it('asks a read again when its answer breaks off, and never a paid submit', async () => {
    const cutOff = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.subarray(0, 5000));
      setTimeout(() => res.socket?.destroy(), 10);
    };
    requests = 0;
    handle = (res, index) => (index === 0 ? cutOff(res) : res.end(body));
    const retries: RetryEvent[] = [];
    const value = await client().json(
      ctx(retries),
      { method: 'GET', url: '/task', kind: 'idempotent' },
      {
        binaryFields: ['b64_json'],
        schema,
      },
    );
    expect(Buffer.from(value.data[0]!.b64_json).equals(Buffer.from(image))).toBe(true);
    expect(retries).toHaveLength(1);

    requests = 0;
    handle = cutOff;
    const error = await failure(
      client().json(ctx(), { method: 'POST', url: '/gen', kind: 'billable' }, { binaryFields: ['b64_json'] }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/broke off/);
    expect(requests).toBe(1);
  });

  it("spends one retry budget on the request's own retries and the reads asked again", async () => {
    const cutOff = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.subarray(0, 5000));
      setTimeout(() => res.socket?.destroy(), 10);
    };
    requests = 0;
    handle = (res, index) => (index === 0 ? res.writeHead(503).end('{"error":"busy"}') : cutOff(res));
    const retries: RetryEvent[] = [];
    const error = await failure(
      client().json(ctx(retries), { method: 'GET', url: '/task', kind: 'idempotent' }, { binaryFields: ['b64_json'] }),
    );
    expect(error).toMatchObject({ code: 'NETWORK' });
    // maxRetries 2: the 503's retry and one read asked again, then no more.
    expect(retries).toHaveLength(2);
    expect(requests).toBe(3);
  });

  it('keeps the body cap, and names the field at fault or the unreadable body', async () => {
    handle = (res) => res.end(body);
    const tooLarge = await failure(
      client().json(
        ctx(),
        { method: 'POST', url: '/gen', kind: 'billable', maxResponseBytes: 10_000 },
        { binaryFields: ['b64_json'] },
      ),
    );
    expect(tooLarge).toMatchObject({ code: 'BAD_RESPONSE', retryable: false, maybeBilled: true });
    expect(tooLarge.message).toMatch(/larger than allowed/);
    // A cap set on the transport holds for a streamed answer too, with a chunked body (no declared length).
    handle = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      void writeInPieces(res, body, [5000, 20_000]);
    };
    const capped = createHttpClient({
      provider: 'vendor',
      baseUrl: url,
      transport: createFetchTransport({ maxResponseBytes: 10_000 }),
    });
    const overTransportCap = await failure(
      capped.json(ctx(), { method: 'POST', url: '/gen', kind: 'billable' }, { binaryFields: ['b64_json'] }),
    );
    expect(overTransportCap).toMatchObject({ code: 'BAD_RESPONSE', retryable: false, maybeBilled: true });
    expect(overTransportCap.message).toMatch(/larger than allowed/);
    handle = (res) => res.end(body);

    const wrong = await failure(
      client().json(
        ctx(),
        { method: 'POST', url: '/gen', kind: 'billable' },
        { binaryFields: ['b64_json'], schema: z.object({ data: z.array(z.object({ b64_json: z.string() })) }) },
      ),
    );
    expect(wrong).toMatchObject({ code: 'BAD_RESPONSE', status: 200, field: 'data.0.b64_json', maybeBilled: true });

    handle = (res) => res.end('{"data":[{"b64_json":"QUJD"}');
    const broken = await failure(
      client().json(ctx(), { method: 'GET', url: '/task', kind: 'idempotent' }, { binaryFields: ['b64_json'] }),
    );
    expect(broken).toMatchObject({ code: 'BAD_RESPONSE', status: 200, retryable: false });
    expect(broken.message).toMatch(/could not be read: Body is not valid JSON/);
  });

  it('reads the whole body as before from a transport that does not stream', async () => {
    const whole = createHttpClient({
      provider: 'vendor',
      baseUrl: url,
      transport: async () => ({ status: 200, headers: {}, body }),
    });
    const value = await whole.json(
      ctx(),
      { method: 'GET', url: '/task', kind: 'idempotent' },
      {
        binaryFields: ['b64_json'],
        schema,
      },
    );
    expect(plain(value)).toEqual(plain({ created: 1, data: [{ b64_json: image }] }));
  });
});
