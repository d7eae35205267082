import { describe, expect, it } from 'vitest';
import { SseDecoder, type SseEvent } from '../src/gptproto-sse.js';

function decode(chunks: Array<string | Uint8Array>): Array<{ event?: string; data: string }> {
  const events: Array<{ event?: string; data: string }> = [];
  const decoder = new SseDecoder((e: SseEvent) =>
    events.push({ ...(e.event !== undefined ? { event: e.event } : {}), data: Buffer.from(e.data).toString('utf8') }),
  );
  for (const chunk of chunks) decoder.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  decoder.end();
  return events;
}

const STREAM =
  'event: image_generation.partial_image\ndata: {"i":0}\n\n: keep-alive\n\n' +
  'event: image_generation.completed\ndata: {"i":1}\n\n';
const EXPECTED = [
  { event: 'image_generation.partial_image', data: '{"i":0}' },
  { event: 'image_generation.completed', data: '{"i":1}' },
];

describe('SseDecoder', () => {
  it('decodes named events and skips comments', () => {
    expect(decode([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events whatever the chunk boundaries (every split point, and byte by byte)', () => {
    const bytes = Buffer.from(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decode([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(EXPECTED);
    }
    expect(decode([...bytes].map((b) => Uint8Array.of(b)))).toEqual(EXPECTED);
  });

  it('accepts CRLF line endings, data lines without a space, and joins several data lines with \\n', () => {
    expect(decode(['event: x\r\ndata:{"a":\r\ndata: 1}\r\n\r\n'])).toEqual([{ event: 'x', data: '{"a":\n1}' }]);
  });

  it('dispatches a last event that lacks its blank line or final newline', () => {
    expect(decode(['data: one\n\ndata: two'])).toEqual([{ data: 'one' }, { data: 'two' }]);
  });

  it('keeps a multi-megabyte data line intact across many chunks', () => {
    const big = 'A'.repeat(3 * 1024 * 1024);
    const body = Buffer.from(`data: {"b64_json":"${big}"}\n\ndata: {"done":true}\n\n`);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < body.length; at += 65_536) chunks.push(body.subarray(at, at + 65_536));
    const events = decode(chunks);
    expect(events).toHaveLength(2);
    expect(events[0]!.data.length).toBe(big.length + 15);
    expect(events[1]!.data).toBe('{"done":true}');
  });
});
