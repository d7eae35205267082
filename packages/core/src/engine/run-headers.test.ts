import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { createFakeProvider, createSimulatedClock } from '@imagegate/testing';
import { generateImage, type RunOptions } from '../index.js';
import type { VendorResponse } from '../spec/call-context.js';

const KEY = 'fake-key-run-headers-7q2';

describe('RunOptions.headers and onResponse', () => {
  it("sends the caller's headers to the vendor's API only, never to a result download", async () => {
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1, apiKey: KEY });
    const clock = createSimulatedClock();
    await generateImage({
      provider,
      model: 'fake-async',
      prompt: 'a cat',
      sleep: clock.sleep,
      now: clock.now,
      headers: { 'X-Trace-Id': 'trace-1', 'User-Agent': 'my-app/1.0' },
    });
    const requests = provider.vendor.requests;
    const download = requests.find((request) => request.url.includes('/files/'));
    const api = requests.filter((request) => request !== download);
    expect(api.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']); // submit and two polls
    for (const request of api) {
      expect(request.headers).toMatchObject({ 'x-trace-id': 'trace-1', 'user-agent': 'my-app/1.0' });
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    }
    expect(download!.headers['x-trace-id']).toBeUndefined();
  });

  it('reports each accepted API answer with its status and headers, without any header holding the key', async () => {
    const provider = createFakeProvider({
      apiKey: KEY,
      script: {
        submit: [
          {
            status: 200,
            json: { data: [] },
            headers: { 'x-request-id': 'req-9', 'x-echo': `key=${KEY}` },
          },
        ],
      },
    });
    const seen: VendorResponse[] = [];
    await failure(generateImage({ provider, model: 'fake-sync', prompt: 'a cat', onResponse: (r) => seen.push(r) }));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 200, headers: { 'x-request-id': 'req-9' } });
    expect(seen[0]!.url).toMatch(/\/v1\/images$/);
    expect(JSON.stringify(seen)).not.toContain(KEY);
  });

  it.each([
    [{ headers: 'x' }, 'headers', /object of header names/],
    [{ headers: { 'bad name': 'v' } }, 'headers.bad name', /not an HTTP header name/],
    [{ headers: { 'x-a': 7 } }, 'headers.x-a', /string on one line; got 7/],
    [{ headers: { 'x-a': 'a\r\nb' } }, 'headers.x-a', /string on one line/],
    [{ headers: { Authorization: 'Bearer other' } }, 'headers.Authorization', /carry a key/],
    [{ onResponse: 'log' }, 'onResponse', /must be a function/],
  ])('refuses %j before any request', async (options, field, message) => {
    const provider = createFakeProvider();
    const error = await failure(
      generateImage({ provider, model: 'fake-sync', prompt: 'a cat', ...(options as unknown as RunOptions) }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field });
    expect(error.message).toMatch(message);
    expect(provider.vendor.requests).toHaveLength(0);
  });

  it("refuses a header of the provider's own credential, as the provider declares it", async () => {
    const provider = { ...createFakeProvider(), credentialHeaders: ['X-Key'] };
    const error = await failure(
      generateImage({ provider, model: 'fake-sync', prompt: 'a cat', headers: { 'x-key': 'another key' } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'headers.x-key' });
    expect(provider.vendor.requests).toHaveLength(0);
  });
});
