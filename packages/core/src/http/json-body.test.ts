import { describe, expect, it } from 'vitest';
import { JsonBodyError } from './json-body.js';
import { parseJsonBody } from '../provider.js';
import { encodePng, pngOfSize, toBase64 } from '@imagegate/testing';

const enc = (value: string) => new TextEncoder().encode(value);

describe('parseJsonBody', () => {
  it('decodes named base64 fields to bytes and keeps the rest of the JSON', () => {
    const png = encodePng(8, 8);
    const body = enc(
      JSON.stringify({
        created: 1,
        data: [{ b64_json: toBase64(png), revised_prompt: 'a "quoted" cat' }],
        usage: { total_tokens: 5 },
      }),
    );
    const parsed = parseJsonBody<{
      created: number;
      data: Array<{ b64_json: Uint8Array; revised_prompt: string }>;
      usage: unknown;
    }>(body, { binaryFields: ['b64_json'] });
    expect(parsed.data[0]!.b64_json).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(parsed.data[0]!.b64_json).equals(Buffer.from(png))).toBe(true);
    expect(parsed.data[0]!.revised_prompt).toBe('a "quoted" cat');
    expect(parsed.usage).toEqual({ total_tokens: 5 });
  });

  it('decodes a large field across many chunks exactly', () => {
    const png = pngOfSize(400_000);
    const parsed = parseJsonBody<{ data: Array<{ b64_json: Uint8Array }> }>(
      enc(JSON.stringify({ data: [{ b64_json: toBase64(png) }] })),
      { binaryFields: ['b64_json'] },
    );
    expect(Buffer.from(parsed.data[0]!.b64_json).equals(Buffer.from(png))).toBe(true);
  });

  it('leaves non-string values of the same key alone (OpenAI "data": [ … ])', () => {
    const body = enc(`{"data" : [ {"inlineData": {"mimeType":"image/png","data" : "${toBase64(encodePng(2, 2))}"}} ]}`);
    const parsed = parseJsonBody<{ data: Array<{ inlineData: { data: Uint8Array; mimeType: string } }> }>(body, {
      binaryFields: ['data'],
    });
    expect(parsed.data[0]!.inlineData.data).toBeInstanceOf(Uint8Array);
    expect(parsed.data[0]!.inlineData.mimeType).toBe('image/png');
  });

  it('falls back to full parsing when the value has escapes (\\/)', () => {
    const b64 = toBase64(encodePng(4, 4));
    const escaped = JSON.stringify({ b64_json: b64 }).replace(/\//g, '\\/');
    const parsed = parseJsonBody<{ b64_json: Uint8Array }>(enc(escaped), { binaryFields: ['b64_json'] });
    expect(Buffer.from(parsed.b64_json).equals(Buffer.from(encodePng(4, 4)))).toBe(true);
  });

  it('ignores a key name that only appears inside text', () => {
    const parsed = parseJsonBody<{ note: string }>(enc(JSON.stringify({ note: 'the "b64_json" field was empty' })), {
      binaryFields: ['b64_json'],
    });
    expect(parsed.note).toBe('the "b64_json" field was empty');
  });

  it('reports truncated and non-JSON bodies as JsonBodyError', () => {
    expect(() => parseJsonBody(enc('{"data":[{"b64_json":"iVBORw0K'), { binaryFields: ['b64_json'] })).toThrow(
      JsonBodyError,
    );
    expect(() => parseJsonBody(enc('<html>502 Bad Gateway</html>'))).toThrow(/not valid JSON/);
    expect(() => parseJsonBody(enc(''), { binaryFields: ['b64_json'] })).toThrow(JsonBodyError);
  });

  it('decodes base64 sent as a data URI as well as bare, in the fast and the slow reader alike', () => {
    const png = encodePng(8, 8);
    const b64 = toBase64(png);
    for (const value of [b64, `data:image/png;base64,${b64}`, `DATA:image/png;BASE64,${b64}`]) {
      // JSON.stringify writes the slash plainly; some servers escape it ("image\/png").
      for (const text of [
        JSON.stringify({ data: [{ b64_json: value }] }),
        JSON.stringify({ data: [{ b64_json: value }] }).replace('image/png', 'image\\/png'),
      ]) {
        const fast = parseJsonBody<{ data: Array<{ b64_json: Uint8Array }> }>(enc(text), {
          binaryFields: ['b64_json'],
        });
        expect(Buffer.from(fast.data[0]!.b64_json).equals(Buffer.from(png))).toBe(true);
      }
    }
    // A field name quoted inside another string is not taken for the field.
    const tricky = JSON.stringify({ note: 'see "b64_json"', data: [{ b64_json: `data:image/png;base64,${b64}` }] });
    const slow = parseJsonBody<{ data: Array<{ b64_json: Uint8Array }> }>(enc(tricky), { binaryFields: ['b64_json'] });
    expect(Buffer.from(slow.data[0]!.b64_json).equals(Buffer.from(png))).toBe(true);
  });
});
