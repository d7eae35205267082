import { describe, expect, it } from 'vitest';
import { encodePng, toBase64 } from '@imagegate/testing';
import { JsonBodyError } from './json-body.js';
import { SseJsonReader } from './sse-stream.js';

interface Read {
  event?: string;
  head: string;
  value?: unknown;
  error?: string;
}

function read(chunks: Array<string | Uint8Array>, binaryFields: string[] = []): Read[] {
  const events: Read[] = [];
  const reader = new SseJsonReader({
    binaryFields,
    onEvent: (e) => {
      const out: Read = { ...(e.event !== undefined ? { event: e.event } : {}), head: e.head };
      try {
        out.value = e.read();
      } catch (error) {
        expect(error).toBeInstanceOf(JsonBodyError);
        out.error = (error as Error).message;
      }
      events.push(out);
    },
  });
  for (const chunk of chunks) reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  reader.end();
  return events;
}

const STREAM =
  'event: image_generation.partial_image\ndata: {"i":0}\n\n: keep-alive\n\nid: 7\nretry: 10\n\n' +
  'event: image_generation.completed\ndata: {"i":1}\n\ndata: [DONE]\n\n';
const EXPECTED: Read[] = [
  { event: 'image_generation.partial_image', head: '{"i":0}', value: { i: 0 } },
  { event: 'image_generation.completed', head: '{"i":1}', value: { i: 1 } },
  { head: '[DONE]', error: expect.stringMatching(/not valid JSON/) as unknown as string },
];

describe('SseJsonReader', () => {
  it('reads named events, skips comments and other fields, and shows a sentinel by its head', () => {
    expect(read([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events whatever the chunk boundaries (every split point, and byte by byte)', () => {
    const bytes = Buffer.from(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(read([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(EXPECTED);
    }
    expect(read([...bytes].map((b) => Uint8Array.of(b)))).toEqual(EXPECTED);
  });

  it('accepts CR and CRLF line endings, data lines without a space, and joins data lines with \\n', () => {
    expect(read(['event: x\r\ndata:{"a":\r\ndata: 1}\r\n\r\n'])).toEqual([
      { event: 'x', head: '{"a":\n1}', value: { a: 1 } },
    ]);
    expect(read(['event:y\rdata: {"b":2}\r\rdata\r\r'])).toEqual([
      { event: 'y', head: '{"b":2}', value: { b: 2 } },
      { head: '', error: expect.stringMatching(/not valid JSON/) as unknown as string },
    ]);
  });

  it('hands over a last event that lacks its blank line or final newline', () => {
    expect(read(['data: 1\n\ndata: 2'])).toEqual([
      { head: '1', value: 1 },
      { head: '2', value: 2 },
    ]);
  });

  it('decodes an image event of megabytes across many chunks, whatever the chunk boundaries', () => {
    const png = Buffer.from(encodePng(700, 600));
    const body = Buffer.from(
      `event: image_generation.completed\r\ndata: {"type":"image_generation.completed","b64_json":"${toBase64(png)}"}` +
        '\r\n\r\ndata: {"done":true}\n\n',
    );
    for (const size of [65_536, 1000, 7]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < body.length; at += size) chunks.push(body.subarray(at, at + size));
      const events = read(chunks, ['b64_json']);
      expect(events).toHaveLength(2);
      const first = events[0]!.value as { b64_json: Uint8Array };
      expect(Buffer.from(first.b64_json).equals(png)).toBe(true);
      expect(events[0]!.head).toHaveLength(64);
      expect(events[1]).toEqual({ head: '{"done":true}', value: { done: true } });
    }
  });

  it('reads a chunk of many short lines (keep-alives, ids) around one event', () => {
    const lines = ': ping\nid: 1\n'.repeat(20_000) + 'data: {"ok":1}\n\n';
    expect(read([lines])).toEqual([{ head: '{"ok":1}', value: { ok: 1 } }]);
  });
});
