import { generateImage, type RetryEvent } from '@imagegate/core';
import { encodePng } from '@imagegate/testing/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGptProto } from '../src/index.js';
import { faultMarkers, startGptProtoEmulator, type GptProtoEmulator } from '../src/testing/index.js';
import { failure, useNock } from './helpers.js';

useNock();

const KEY = 'sk-emulator-faults-91be';
let emu: GptProtoEmulator;
beforeAll(async () => {
  emu = await startGptProtoEmulator({ apiKey: KEY, streamIntervalMs: 5 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const provider = () => createGptProto({ baseUrl: emu.url, apiKey: KEY });
const generate = (prompt: string, extra: Record<string, unknown> = {}) =>
  generateImage({ provider: provider(), model: 'gpt-image-1', prompt, ...extra });

describe('GPTProto emulator: fault markers in the prompt', () => {
  it('reads markers in order', () => {
    expect(faultMarkers('a cat [fault:slow-200] and [FAULT:500]')).toEqual(['slow-200', '500']);
  });

  it(
    '[fault:429-once]: 429 with Retry-After 1 on the first request only; ' + 'core waits and the retry succeeds',
    async () => {
      const retries: RetryEvent[] = [];
      const result = await generate('a cat [fault:429-once]', { onRetry: (e: RetryEvent) => retries.push(e) });
      expect(result.images).toHaveLength(1);
      expect(retries.map((r) => r.delayMs)).toEqual([1000]);
      expect(emu.requests.map((r) => [r.status, r.fault])).toEqual([
        [429, '429-once'],
        [200, undefined],
      ]);
      // Keyed by prompt: the same prompt passes from now on, another prompt gets its own 429.
      await generate('a cat [fault:429-once]');
      expect(emu.requests.at(-1)!.status).toBe(200);
    },
  );

  it.each([
    ['[fault:401]', 'AUTHENTICATION', 401],
    ['[fault:403]', 'PERMISSION', 403],
    ['[fault:403-balance]', 'INSUFFICIENT_QUOTA', 403],
    ['[fault:402]', 'INSUFFICIENT_QUOTA', 402],
    ['[fault:500]', 'PROVIDER_ERROR', 500],
    ['[fault:content-policy]', 'CONTENT_POLICY', 400],
    ['[fault:400]', 'INVALID_REQUEST', 400],
  ] as const)('%s → %s (HTTP %i, GPTProto error body)', async (marker, code, status) => {
    const error = await failure(generate(`a cat ${marker}`));
    expect(error).toMatchObject({ code, status, provider: 'gptproto' });
    // A failed billable call is never resubmitted (and a 4xx is not retried); a 401 to the bare key is
    // tried once as `Bearer` (core: GPTProto's pages disagree on the form; a 401 is never billed).
    expect(emu.requests.map((r) => r.headers.authorization)).toEqual(status === 401 ? ['***', 'Bearer ***'] : ['***']);
  });

  it('[fault:429] on every request: RATE_LIMITED with retryAfterMs once retries run out', async () => {
    const error = await failure(generate('busy [fault:429]', { maxRetries: 0 }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 1000 });
  });

  it('[fault:content-policy] on generateContent refuses the Gemini way (blockReason)', async () => {
    const error = await failure(
      generateImage({
        provider: provider(),
        model: 'gemini-2.5-flash-image',
        prompt: 'bad [fault:content-policy]',
        images: [{ data: encodePng(32, 32), mimeType: 'image/png' }],
      }),
    );
    expect(error).toMatchObject({ code: 'CONTENT_POLICY', status: 200, vendorCode: 'PROHIBITED_CONTENT' });
  });

  it('[fault:truncated]: a cut JSON body is BAD_RESPONSE; a cut stream ends without its completed event', async () => {
    expect(await failure(generate('cut [fault:truncated]'))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    const partials: number[] = [];
    const streamed = await failure(
      generate('cut [fault:truncated]', {
        providerOptions: {
          stream: true,
          partialImages: 2,
          onPartialImage: (e: { index: number }) => partials.push(e.index),
        },
      }),
    );
    expect(streamed).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(streamed.message).toMatch(/without a completed image/);
    expect(partials).toEqual([0, 1]);
  });

  it('[fault:slow-<ms>]: the normal answer, late; combined with a status it waits, then fails', async () => {
    const started = Date.now();
    const { images } = await generate('patience [fault:slow-300]');
    expect(images).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const error = await failure(generate('patience [fault:slow-100][fault:503]'));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 503 });
    expect(emu.requests.at(-1)!.fault).toBe('slow-100,503');
  });

  it('an unknown marker is refused (400), so a typo does not pass silently', async () => {
    const error = await failure(generate('oops [fault:492-twice]'));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    expect(error.vendorMessage).toMatch(/Unknown fault marker \[fault:492-twice\]/);
  });
});

describe('GPTProto emulator: scripted faults', () => {
  it('plays a queued fault on the next request, then answers normally', async () => {
    emu.script({ status: 503, message: 'upstream overloaded' });
    expect(await failure(generate('x'))).toMatchObject({
      code: 'PROVIDER_ERROR',
      status: 503,
      vendorMessage: 'upstream overloaded',
    });
    expect((await generate('x')).images).toHaveLength(1);
  });

  it('matches only its path and method, and plays `times` times', async () => {
    emu.script({ status: 500, path: '/v1/images/edits', times: 2 });
    expect((await generate('not an edit')).images).toHaveLength(1);
    const edit = (p: string) => generate(p, { images: [{ data: encodePng(32, 32), mimeType: 'image/png' }] });
    expect(await failure(edit('edit 1'))).toMatchObject({ status: 500 });
    expect(await failure(edit('edit 2'))).toMatchObject({ status: 500 });
    expect((await edit('edit 3')).images).toHaveLength(1);
    expect(emu.requests.map((r) => r.fault ?? '-')).toEqual(['-', 'scripted', 'scripted', '-']);
  });

  it(
    'a scripted 429 with a short Retry-After is retried by core, ' +
      'no sooner than 250 ms; faults can come from the options',
    async () => {
      const scripted = await startGptProtoEmulator({ faults: [{ status: 429, retryAfter: 0.05, times: 2 }] });
      try {
        const retries: RetryEvent[] = [];
        const { images } = await generateImage({
          provider: createGptProto({ baseUrl: scripted.url, apiKey: 'k' }),
          model: 'gpt-image-1',
          prompt: 'x',
          onRetry: (e) => retries.push(e),
        });
        expect(images).toHaveLength(1);
        // A Retry-After under the 250 ms floor waits the floor.
        expect(retries.map((r) => r.delayMs)).toEqual([250, 250]);
      } finally {
        await scripted.close();
      }
    },
  );

  it('a scripted body replaces the answer (a 200 error object is read as the vendor error)', async () => {
    emu.script({ body: { error: { message: 'Insufficient balance', type: '403' } } });
    expect(await failure(generate('x'))).toMatchObject({ code: 'INSUFFICIENT_QUOTA', status: 200 });
  });

  it('reset() drops scripted faults and lets -once markers play again', async () => {
    emu.script({ status: 500, times: Infinity });
    await generate('y [fault:429-once]', { maxRetries: 0 }).catch(() => undefined);
    emu.reset();
    expect(emu.requests).toEqual([]);
    expect(await failure(generate('y [fault:429-once]', { maxRetries: 0 }))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a malformed fault', () => {
    expect(() => emu.script({ status: 42 })).toThrow(/HTTP status/);
    expect(() => emu.script({ times: 0 })).toThrow(/times/);
  });
});
